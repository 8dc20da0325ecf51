"""`narrascope semeval explain` on real training documents, and its errors on bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.evaluate.semeval import read_explanation_annotations

runner = CliRunner()
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def documents(semeval_dir: Path, tmp_path_factory) -> tuple[Path, list[tuple[str, str, str]]]:
    """Two English, one Bulgarian and one Hindi training document in one folder, with their gold labels."""
    folder = tmp_path_factory.mktemp("docs")
    labels = []
    for language, count in (("EN", 2), ("BG", 1), ("HI", 1)):
        train = semeval_dir / "train" / language
        gold = read_explanation_annotations(train / "subtask-3-annotations.txt")
        for article_id in sorted(gold)[:count]:
            shutil.copy(train / "raw-documents" / article_id, folder / article_id)
            labels.append(
                (article_id, gold[article_id].dominant_narrative, gold[article_id].dominant_subnarrative)
            )
    return folder, labels


def run(folder: Path, lines: list[str], tmp_path: Path):
    dominant = tmp_path / "dominant.tsv"
    dominant.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    output = tmp_path / "pred.tsv"
    result = runner.invoke(app, ["semeval", "explain", str(folder), str(dominant), "-o", str(output)])
    return result, output


def test_one_grounded_line_per_dominant_line_in_order(documents, tmp_path):
    folder, labels = documents
    other_id = labels[0][0]
    lines = ["\t".join(label) for label in labels] + [f"{other_id}\tOther\tOther"]
    result, output = run(folder, lines, tmp_path)
    assert result.exit_code == 0, result.output
    rows = output.read_text(encoding="utf-8").split("\n")
    assert rows[-1] == ""
    rows = [row.split("\t") for row in rows[:-1]]
    assert [row[0] for row in rows] == [label[0] for label in labels] + [other_id]
    assert all(len(row) == 2 for row in rows)
    for (article_id, explanation), _ in zip(rows[:-1], labels, strict=True):
        assert 5 <= len(explanation.split()) <= 80, explanation
        document = " ".join(WORD.findall((folder / article_id).read_text(encoding="utf-8").lower()))
        words = WORD.findall(explanation.lower())
        runs = [" ".join(words[i : i + 6]) for i in range(len(words) - 5)]
        assert sum(run in document for run in runs) >= len(runs) / 2, (explanation, article_id)
    assert rows[-1][1] == ""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("EN_x.txt\tURW: Praise of Russia", "expected 3 tab-separated fields"),
        ("EN_x.txt\t\tnone", "dominant narrative is empty"),
        ("../etc\tURW: Praise of Russia\tnone", "bad article id"),
        ("EN_missing.txt\tURW: Praise of Russia\tnone", "missing"),
    ],
)
def test_bad_dominant_lines_give_a_clear_error(documents, tmp_path, line, message):
    folder, labels = documents
    good = "\t".join(labels[0])
    result, output = run(folder, [good, line], tmp_path)
    assert result.exit_code == 2
    assert message in result.output
    if "missing" not in message:
        assert "dominant.tsv:2" in result.output
    assert not output.exists()


def test_missing_documents_folder(tmp_path):
    result, _ = run(tmp_path / "nowhere", ["a.txt\tOther\tnone"], tmp_path)
    assert result.exit_code == 2 and "no such documents folder" in result.output


def test_a_refused_document_gets_an_empty_line_and_an_error_naming_it(documents, tmp_path):
    folder, labels = documents
    binary = tmp_path / "docs"
    shutil.copytree(folder, binary)
    (binary / "EN_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    article_id, narrative, subnarrative = labels[0]
    lines = [f"EN_binary.txt\t{narrative}\t{subnarrative}", "\t".join(labels[0])]
    result, output = run(binary, lines, tmp_path)
    assert result.exit_code == 0, result.output
    reported = result.output
    assert "EN_binary.txt: binary data" in reported
    rows = [row.split("\t") for row in output.read_text(encoding="utf-8").splitlines()]
    assert [row[0] for row in rows] == ["EN_binary.txt", article_id]
    assert rows[0][1] == "" and rows[1][1]
