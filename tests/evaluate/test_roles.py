"""The subtask-1 scorer on hand-made gold and prediction files."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import InputError
from narrascope.evaluate.roles import score_role_files

GOLD = [
    ("a1.txt", "Alpha", "0", "4", "Antagonist", "Tyrant"),
    ("a1.txt", "Beta", "10", "13", "Protagonist", "Guardian", "Virtuous"),
    ("a2.txt", "Gamma", "5", "9", "Innocent", "Victim"),
    ("a2.txt", "Delta", "20", "24", "Antagonist", "Deceiver"),
]


def write(path: Path, rows) -> Path:
    path.write_text("".join("\t".join(row) + "\r\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return write(tmp_path / "gold.tsv", GOLD)


def test_perfect_prediction_scores_one_even_in_another_order(gold: Path, tmp_path: Path) -> None:
    predicted = write(tmp_path / "pred.tsv", list(reversed(GOLD)))
    scores = score_role_files(gold, predicted)
    assert scores.mentions == 4
    assert scores.exact_match_ratio == scores.micro_f1 == scores.main_role_accuracy == 1.0


def test_partial_prediction(gold: Path, tmp_path: Path) -> None:
    predicted = write(
        tmp_path / "pred.tsv",
        [
            GOLD[0],
            ("a1.txt", "Beta", "10", "13", "Protagonist", "Guardian"),  # one of two fine roles
            ("a2.txt", "Gamma", "5", "9", "Innocent", "Victim", "Exploited"),  # one extra fine role
            ("a2.txt", "Delta", "20", "24", "Antagonist", "Corrupt"),  # right main role, wrong fine role
        ],
    )
    scores = score_role_files(gold, predicted)
    assert scores.exact_match_ratio == pytest.approx(1 / 4)
    # gold roles 5, predicted 5, shared 3 (Tyrant, Guardian, Victim)
    assert scores.micro_precision == pytest.approx(3 / 5)
    assert scores.micro_recall == pytest.approx(3 / 5)
    assert scores.micro_f1 == pytest.approx(3 / 5)
    assert scores.main_role_accuracy == 1.0


def test_wrong_main_role_costs_accuracy_and_fine_roles(gold: Path, tmp_path: Path) -> None:
    predicted = write(
        tmp_path / "pred.tsv", [*GOLD[:3], ("a2.txt", "Delta", "20", "24", "Innocent", "Victim")]
    )
    scores = score_role_files(gold, predicted)
    assert scores.main_role_accuracy == pytest.approx(3 / 4)
    assert scores.exact_match_ratio == pytest.approx(3 / 4)
    assert scores.micro_precision == pytest.approx(4 / 5)


def test_prediction_for_a_mention_not_in_gold_is_an_error(gold: Path, tmp_path: Path) -> None:
    predicted = write(tmp_path / "pred.tsv", [*GOLD, ("a3.txt", "Omega", "0", "4", "Antagonist", "Spy")])
    with pytest.raises(InputError, match="not in the gold file"):
        score_role_files(gold, predicted)


def test_missing_mention_is_an_error_as_in_the_official_scorer(gold: Path, tmp_path: Path) -> None:
    predicted = write(tmp_path / "pred.tsv", GOLD[:3])
    with pytest.raises(InputError, match="without a prediction"):
        score_role_files(gold, predicted)


def test_unknown_role_names_are_errors(gold: Path, tmp_path: Path) -> None:
    predicted = write(
        tmp_path / "pred.tsv", [*GOLD[:3], ("a2.txt", "Delta", "20", "24", "Villain", "Deceiver")]
    )
    with pytest.raises(InputError, match="invalid main role"):
        score_role_files(gold, predicted)


def test_cli_prints_the_figures(gold: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from narrascope.cli import app

    predicted = write(
        tmp_path / "pred.tsv", GOLD[:3] + [("a2.txt", "Delta", "20", "24", "Antagonist", "Corrupt")]
    )
    result = CliRunner().invoke(app, ["semeval", "score", "roles", str(gold), str(predicted)])
    assert result.exit_code == 0, result.output
    assert "exact match ratio   0.7500" in result.output
    assert "main-role accuracy  1.0000" in result.output
    failing = CliRunner().invoke(
        app, ["semeval", "score", "roles", str(gold), str(write(tmp_path / "short.tsv", GOLD[:1]))]
    )
    assert failing.exit_code != 0
