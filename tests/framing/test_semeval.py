"""``narrascope semeval roles`` on real documents, scored by ``narrascope semeval score roles``."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.evaluate.roles import FINE_ROLES
from narrascope.framing.roles import MAIN_ROLES


def test_every_mention_gets_a_prediction_in_order(semeval_dir: Path, tmp_path: Path) -> None:
    documents = tmp_path / "docs"
    documents.mkdir()
    gold_lines = []
    for language in ("EN", "PT"):
        folder = semeval_dir / "train" / language
        lines = (
            (folder / "subtask-1-annotations.txt")
            .read_text(encoding="utf-8")
            .replace("\r", "")
            .splitlines()[:15]
        )
        gold_lines += lines
        for article_id in {line.split("\t")[0] for line in lines}:
            shutil.copy(folder / "raw-documents" / article_id, documents / article_id)
    mentions = tmp_path / "mentions.tsv"
    mentions.write_text(
        "".join("\t".join(line.split("\t")[:4]) + "\n" for line in gold_lines), encoding="utf-8"
    )
    gold = tmp_path / "gold.tsv"
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    predicted = tmp_path / "pred.tsv"

    result = CliRunner().invoke(
        app, ["semeval", "roles", str(documents), str(mentions), "-o", str(predicted)]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in predicted.read_text(encoding="utf-8").splitlines()]
    assert [row[:4] for row in rows] == [line.split("\t")[:4] for line in gold_lines]
    for row in rows:
        assert row[4] in MAIN_ROLES
        assert len(row) >= 6 and all(role in FINE_ROLES for role in row[5:])

    scored = CliRunner().invoke(app, ["semeval", "score", "roles", str(gold), str(predicted)])
    assert scored.exit_code == 0, scored.output
    assert "exact match ratio" in scored.output


def test_missing_document_is_reported(tmp_path: Path) -> None:
    mentions = tmp_path / "mentions.tsv"
    mentions.write_text("nowhere.txt\tKyiv\t0\t3\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["semeval", "roles", str(tmp_path), str(mentions), "-o", str(tmp_path / "p.tsv")]
    )
    assert result.exit_code != 0
    assert "not found" in result.output


def test_a_refused_document_is_named_and_its_mentions_still_get_lines(tmp_path: Path) -> None:
    (tmp_path / "EN_bin.txt").write_bytes(b"\x00\x01 Putin \x02")
    (tmp_path / "EN_ok.txt").write_text("Putin ordered the strike on the city.", encoding="utf-8")
    mentions = tmp_path / "mentions.tsv"
    mentions.write_text("EN_bin.txt\tPutin\t3\t7\nEN_ok.txt\tPutin\t0\t4\n", encoding="utf-8")
    predicted = tmp_path / "p.tsv"
    result = CliRunner().invoke(app, ["semeval", "roles", str(tmp_path), str(mentions), "-o", str(predicted)])
    assert result.exit_code == 0, result.output
    reported = result.output
    assert "EN_bin.txt: binary data" in reported
    lines = [line.split("\t") for line in predicted.read_text(encoding="utf-8").splitlines()]
    assert [line[:4] for line in lines] == [
        ["EN_bin.txt", "Putin", "3", "7"],
        ["EN_ok.txt", "Putin", "0", "4"],
    ]
    assert all(line[4] in MAIN_ROLES and set(line[5:]) <= set(FINE_ROLES) for line in lines)


def test_a_mentions_file_that_is_not_utf8_is_a_one_line_error(tmp_path: Path) -> None:
    mentions = tmp_path / "mentions.tsv"
    mentions.write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(
        app, ["semeval", "roles", str(tmp_path), str(mentions), "-o", str(tmp_path / "p.tsv")]
    )
    assert result.exit_code == 2 and "cannot read the mentions file" in result.output
