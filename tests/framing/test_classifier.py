"""Training and cross-validating the role classifier on real SemEval mentions (one small language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import ModelError
from narrascope.framing.classifier import RoleClassifier
from narrascope.framing.roles import MAIN_ROLES, load_taxonomy
from narrascope.framing.stage import DEFAULT_MODEL_DIR
from narrascope.framing.training import report_cross_validation, semeval_rows, training_mentions


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml")


@pytest.fixture(scope="module")
def russian(semeval_dir: Path):
    return training_mentions(semeval_dir, ["RU"])


def test_taxonomy_has_22_fine_roles_under_three_main_roles(taxonomy) -> None:
    assert len(taxonomy.fine_roles) == 22
    assert set(taxonomy.main_of.values()) == set(MAIN_ROLES)
    assert taxonomy.fine_roles_of("Innocent") == ("Forgotten", "Exploited", "Victim", "Scapegoat")


def test_cross_validation_beats_the_majority_baseline(russian, taxonomy) -> None:
    report = report_cross_validation(russian, semeval_rows(russian, taxonomy.cues), taxonomy, folds=3)
    model, majority = report.model["all"], report.majority["all"]
    # Russian has neither the cue lexicon nor the parse, and the entity name is no feature: a modest margin
    assert model["exact_match_ratio"] > majority["exact_match_ratio"] + 0.05
    assert model["micro_f1"] > majority["micro_f1"] + 0.05
    assert 0.3 <= report.calibration["min_main_score"] <= 0.95


def test_predictions_are_consistent_and_survive_saving(russian, taxonomy, tmp_path: Path) -> None:
    rows = semeval_rows(russian, taxonomy.cues)
    classifier = RoleClassifier(taxonomy.main_of, second_role_share=0.3).fit(
        rows, [m.fine_roles for m, _ in russian]
    )
    predictions = classifier.predict(rows[:50])
    for prediction in predictions:
        assert prediction.fine_roles
        assert all(taxonomy.main_of[role] == prediction.main_role for role in prediction.fine_roles)
        assert 1 / 3 <= prediction.main_score <= 1.0
    classifier.save(tmp_path / "model.pkl.gz")
    again = RoleClassifier.load(tmp_path / "model.pkl.gz").predict(rows[:50])
    assert [(p.main_role, p.fine_roles) for p in again] == [(p.main_role, p.fine_roles) for p in predictions]


def test_an_excluded_main_role_is_never_chosen_and_the_rest_is_renormalised(russian, taxonomy) -> None:
    rows = semeval_rows(russian, taxonomy.cues)[:60]
    classifier = RoleClassifier(taxonomy.main_of).fit(
        semeval_rows(russian, taxonomy.cues), [m.fine_roles for m, _ in russian]
    )
    free = classifier.predict(rows)
    ruled = classifier.predict(rows, [frozenset({"Antagonist"})] * len(rows))
    assert any(p.main_role == "Antagonist" for p in free)
    assert all(p.main_role != "Antagonist" for p in ruled)
    for before, after in zip(free, ruled, strict=True):
        assert sum(after.fine_scores.values()) == pytest.approx(1.0)
        if before.main_role != "Antagonist":
            assert after.main_role == before.main_role and after.main_score >= before.main_score


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        RoleClassifier.load(tmp_path / "nothing.pkl.gz")
