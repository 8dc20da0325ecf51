"""The main-role score's calibration, fitted on real out-of-fold predictions (Russian, 3 folds)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.calibration import ScoreCalibration, calibration_figures, cross_fitted
from narrascope.framing.classifier import RoleClassifier
from narrascope.framing.roles import load_taxonomy
from narrascope.framing.stage import DEFAULT_MODEL_DIR, load_model
from narrascope.framing.training import (
    CALIBRATION_FILE,
    calibrate,
    calibration_report,
    cross_validate,
    main_outcomes,
    semeval_rows,
    training_mentions,
)


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml")


@pytest.fixture(scope="module")
def out_of_fold(semeval_dir: Path, taxonomy):
    """Russian mentions, their rows, the 3-fold CV and its raw predictions."""
    items = training_mentions(semeval_dir, ["RU"])
    rows = semeval_rows(items, taxonomy.cues)
    mentions = [mention for mention, _ in items]
    cv = cross_validate(rows, mentions, taxonomy, folds=3)
    return rows, mentions, cv, cv.predictions(RoleClassifier(taxonomy.main_of))


@pytest.fixture(scope="module")
def chosen(out_of_fold):
    _, mentions, _, predictions = out_of_fold
    return calibrate(predictions, mentions, target_accuracy=0.8)


def test_the_calibration_is_strictly_increasing_and_a_probability(chosen) -> None:
    calibration = ScoreCalibration.from_dict(chosen["main_score_calibration"])
    grid = np.linspace(0, 1, 1001)
    calibrated = calibration(grid)
    assert np.all((calibrated >= 0) & (calibrated <= 1))
    assert np.all(np.diff(calibrated) > 0)


def test_the_fitted_calibration_matches_the_accuracy_it_was_fitted_on(out_of_fold, chosen) -> None:
    # a logistic fit with an intercept reproduces the mean of its targets
    _, mentions, _, predictions = out_of_fold
    scores, correct = main_outcomes(predictions, mentions)
    calibration = ScoreCalibration.from_dict(chosen["main_score_calibration"])
    assert calibration(scores).mean() == pytest.approx(correct.mean(), abs=1e-3)


def test_the_threshold_on_the_calibrated_scale_keeps_the_same_predictions(out_of_fold, chosen) -> None:
    _, mentions, _, predictions = out_of_fold
    scores, _ = main_outcomes(predictions, mentions)
    calibrated = ScoreCalibration.from_dict(chosen["main_score_calibration"])(scores)
    assert chosen["min_main_score"] == pytest.approx(
        float(ScoreCalibration.from_dict(chosen["main_score_calibration"])(chosen["min_raw_main_score"]))
    )
    assert np.array_equal(calibrated >= chosen["min_main_score"], scores >= chosen["min_raw_main_score"])


def test_a_calibrated_classifier_changes_scores_not_roles(out_of_fold, taxonomy, chosen) -> None:
    _rows, _mentions, cv, raw = out_of_fold
    calibration = ScoreCalibration.from_dict(chosen["main_score_calibration"])
    calibrated = cv.predictions(RoleClassifier(taxonomy.main_of, calibration=calibration))
    assert [(p.main_role, p.fine_roles) for p in calibrated] == [(p.main_role, p.fine_roles) for p in raw]
    expected = [float(calibration(p.main_score)) for p in raw]
    assert [p.main_score for p in calibrated] == pytest.approx(expected)
    assert [p.fine_scores for p in calibrated] == [p.fine_scores for p in raw]


def test_cross_fitted_figures_are_measured_on_predictions_the_map_did_not_see(out_of_fold) -> None:
    _, mentions, cv, predictions = out_of_fold
    scores, correct = main_outcomes(predictions, mentions)
    held_out = cross_fitted(scores, correct, cv.folds)
    first = cv.folds[0]
    others = np.setdiff1d(np.arange(len(scores)), first)
    fitted_elsewhere = ScoreCalibration.fit(scores[others], correct[others])
    assert held_out[first] == pytest.approx(fitted_elsewhere(scores[first]))
    report = calibration_report(predictions, mentions, cv.folds)
    assert set(report) == {"all"}  # no English among the Russian mentions
    for figures in report["all"].values():
        assert 0 <= figures["ece"] <= 1 and 0 <= figures["brier"] <= 1
        assert sum(row["count"] for row in figures["reliability"]) == len(mentions)


def test_figures_of_a_perfectly_calibrated_score() -> None:
    scores = np.repeat([0.25, 0.75], 4)
    correct = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=float)
    figures = calibration_figures(scores, correct)
    assert figures["ece"] == 0.0
    assert figures["brier"] == pytest.approx(0.1875)


def test_the_shipped_model_applies_its_calibration() -> None:
    stored = json.loads((DEFAULT_MODEL_DIR / CALIBRATION_FILE).read_text(encoding="utf-8"))
    model = load_model()
    assert model.classifier.calibration == ScoreCalibration.from_dict(stored["main_score_calibration"])
    carried_over = float(model.classifier.calibration(stored["min_raw_main_score"]))
    assert model.min_main_score == pytest.approx(carried_over)
