"""The subtask-2 scorer on hand-made cases, through the library and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.errors import InputError
from narrascope.evaluate.metrics import samples_f1, score_narratives, set_f1

WAR = "URW: Speculating war outcomes"
COLLAPSE = f"{WAR}: Russian army is collapsing"
WEST = "URW: Discrediting the West, Diplomacy"
WEAK = f"{WEST}: The West is weak"
COARSE = ["Other", WAR, WEST]
FINE = ["Other", COLLAPSE, f"{WAR}: Other", WEAK, f"{WEST}: Other"]


def rows(*items):
    return {article_id: (coarse, fine) for article_id, coarse, fine in items}


def test_set_f1_cases():
    assert set_f1({"a"}, {"a"}) == 1.0
    assert set_f1({"a", "b"}, {"a"}) == pytest.approx(2 / 3)
    assert set_f1({"a"}, {"b"}) == 0.0
    assert set_f1(set(), {"a"}) == 0.0
    # the organisers' convention (zero_division=0): both empty scores 0, not 1
    assert set_f1(set(), set()) == 0.0


def test_perfect_predictions_score_one():
    gold = rows(("a.txt", [WAR], [COLLAPSE]), ("b.txt", ["Other"], ["Other"]))
    scores = score_narratives(gold, dict(gold), COARSE, FINE)
    assert (scores.coarse.mean, scores.fine.mean) == (1.0, 1.0)
    assert (scores.coarse.std, scores.fine.std) == (0.0, 0.0)


def test_partial_predictions_average_per_article_f1():
    gold = rows(("a.txt", [WAR, WEST], [COLLAPSE, WEAK]), ("b.txt", ["Other"], ["Other"]))
    predicted = rows(("a.txt", [WAR], [f"{WAR}: Other"]), ("b.txt", ["Other"], ["Other"]))
    scores = score_narratives(gold, predicted, COARSE, FINE)
    assert scores.coarse.mean == pytest.approx((2 / 3 + 1) / 2)
    assert scores.coarse.std == pytest.approx(abs(1 - 2 / 3) / 2)
    assert scores.fine.mean == pytest.approx((0 + 1) / 2)
    assert scores.fine.std == pytest.approx(0.5)


def test_other_is_scored_like_any_label():
    gold = rows(("a.txt", ["Other"], ["Other"]))
    assert score_narratives(gold, rows(("a.txt", [WAR], [COLLAPSE])), COARSE, FINE).coarse.mean == 0.0
    both = score_narratives(gold, rows(("a.txt", ["Other", WAR], ["Other", COLLAPSE])), COARSE, FINE)
    assert both.coarse.mean == pytest.approx(2 / 3)


def test_empty_prediction_scores_zero():
    gold = rows(("a.txt", [WAR], [COLLAPSE]))
    scores = score_narratives(gold, rows(("a.txt", [], [])), COARSE, FINE)
    assert (scores.coarse.mean, scores.fine.mean) == (0.0, 0.0)


def test_unknown_label_is_an_error_naming_it():
    gold = rows(("a.txt", [WAR], [COLLAPSE]))
    with pytest.raises(InputError, match="URW: Invented narrative"):
        score_narratives(gold, rows(("a.txt", ["URW: Invented narrative"], [COLLAPSE])), COARSE, FINE)


def test_missing_and_extra_ids_are_errors():
    gold = rows(("a.txt", [WAR], [COLLAPSE]), ("b.txt", ["Other"], ["Other"]))
    with pytest.raises(InputError, match="b.txt"):
        score_narratives(gold, rows(("a.txt", [WAR], [COLLAPSE])), COARSE, FINE)
    with pytest.raises(InputError, match="c.txt"):
        score_narratives(gold, {**gold, "c.txt": (["Other"], ["Other"])}, COARSE, FINE)


def test_samples_f1_needs_aligned_lists():
    with pytest.raises(ValueError):
        samples_f1([["a"]], [])


def write(path: Path, lines: list[str]) -> Path:
    path.write_bytes("".join(line + "\r\n" for line in lines).encode("utf-8"))  # CRLF, as the release
    return path


def test_score_command_prints_both_figures(tmp_path):
    gold = write(tmp_path / "gold.tsv", [f"a.txt\t{WAR};{WEST}\t{COLLAPSE};{WEAK}", "b.txt\tOther\tOther"])
    predicted = write(tmp_path / "pred.tsv", [f"a.txt\t{WAR}\t{COLLAPSE}", "b.txt\tOther\tOther"])
    result = CliRunner().invoke(app, ["semeval", "score", "narratives", str(gold), str(predicted)])
    assert result.exit_code == 0, result.output
    assert "F1@coarse: 0.833 (0.167)" in result.output
    assert "F1@fine: 0.833 (0.167)" in result.output


def test_score_command_fails_cleanly_on_unknown_label(tmp_path):
    gold = write(tmp_path / "gold.tsv", [f"a.txt\t{WAR}\t{COLLAPSE}"])
    predicted = write(tmp_path / "pred.tsv", [f"a.txt\t{WAR}\t{WAR}: Russia wins"])
    result = CliRunner().invoke(app, ["semeval", "score", "narratives", str(gold), str(predicted)])
    assert result.exit_code == 2
    assert "unknown label" in result.output and "Russia wins" in result.output
