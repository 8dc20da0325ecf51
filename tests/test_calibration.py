"""Platt maps on either scale: a probability's log-odds (framing) or a raw, unbounded score (narratives)."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.calibration import ScoreCalibration, cross_fitted


def test_a_map_on_raw_scores_recovers_the_rule_behind_the_outcomes():
    rng = np.random.default_rng(4)
    scores = rng.uniform(-0.5, 1.5, 20000)
    correct = rng.uniform(size=scores.size) < 1 / (1 + np.exp(-(3 * scores - 1)))
    calibration = ScoreCalibration.fit(scores, correct, on_log_odds=False)
    assert calibration.slope == pytest.approx(3, abs=0.2)
    assert calibration.intercept == pytest.approx(-1, abs=0.1)
    assert calibration(np.array([-0.5, 0.3, 1.5])).tolist() == sorted(calibration(np.array([-0.5, 0.3, 1.5])))
    assert isinstance(calibration(0.2), float | np.floating)


def test_the_scale_is_kept_and_read_back():
    raw = ScoreCalibration(2.0, -1.0, on_log_odds=False)
    assert ScoreCalibration.from_dict(raw.as_dict()) == raw
    # files written before the scale was stored hold log-odds maps
    assert ScoreCalibration.from_dict({"slope": 1.0, "intercept": 0.0}).on_log_odds
    assert ScoreCalibration(1.0, 0.0)(0.8) == pytest.approx(0.8)  # identity on log-odds
    assert raw(0.5) == pytest.approx(0.5)


def test_cross_fitting_on_raw_scores_uses_maps_from_the_other_folds():
    rng = np.random.default_rng(5)
    scores = rng.uniform(0, 1, 400)
    correct = rng.uniform(size=400) < scores
    folds = [np.arange(0, 200), np.arange(200, 400)]
    held_out = cross_fitted(scores, correct, folds, on_log_odds=False)
    expected = ScoreCalibration.fit(scores[200:], correct[200:], on_log_odds=False)(scores[:200])
    assert np.allclose(held_out[:200], expected)
