"""The `ingest`, `runs` and `export` commands on a real SQLite file."""

from __future__ import annotations

import io
import json

import pandas
from typer.testing import CliRunner

from narrascope.cli import app


def test_ingest_runs_export(shared_examples, tmp_path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    sources = [str(p) for p in shared_examples]
    first = runner.invoke(app, ["ingest", "--db", db, "--stages", "clean,parse", *sources])
    assert first.exit_code == 0, first.output
    assert f"{len(sources)} stored" in first.output
    again = runner.invoke(
        app, ["ingest", "--db", db, "--stages", "clean,parse", *sources, str(tmp_path / "missing.txt")]
    )
    assert again.exit_code == 1  # one item failed; the rest was handled
    assert f"0 stored, 0 re-analysed, {len(sources)} unchanged, 1 failed" in again.output

    runs = runner.invoke(app, ["runs", "--db", db])
    assert runs.exit_code == 0
    lines = runs.output.splitlines()
    assert lines[0].startswith("run 2  finished") and f"unchanged {len(sources)}" in lines[0]
    assert "missing.txt: InputError" in lines[1]
    assert lines[2].startswith("run 1  finished") and f"stored {len(sources)}" in lines[2]

    csv = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--what", "articles"])
    assert csv.exit_code == 0
    assert len(pandas.read_csv(io.StringIO(csv.output))) == len(sources)
    jsonl = runner.invoke(app, ["export", "--db", db, "--what", "articles"])
    assert {json.loads(line)["key"] for line in jsonl.output.splitlines()} == {
        p.name for p in shared_examples
    }
    target = tmp_path / "articles.parquet"
    parquet = runner.invoke(
        app, ["export", "--db", db, "-f", "parquet", "--what", "articles", "-o", str(target)]
    )
    assert parquet.exit_code == 0 and len(pandas.read_parquet(target)) == len(sources)

    bad = runner.invoke(app, ["export", "--db", "mysql://nobody@nowhere/db"])
    assert bad.exit_code == 2 and "unsupported database URL" in bad.output


def test_a_database_that_cannot_be_opened_is_one_error_line_naming_it(tmp_path) -> None:
    from servers import free_port

    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("a text file, not SQLite " * 10, encoding="utf-8")
    cases = {
        f"sqlite:///{tmp_path / 'no-such-folder' / 'corpus.db'}": "its folder ",
        str(not_a_database): "file is not a database",
        f"postgresql://nobody@127.0.0.1:{free_port()}/corpus": "Connection refused",
    }
    for db, reason in cases.items():
        for command in (["runs"], ["export"], ["ingest", "-"], ["serve"]):
            result = CliRunner().invoke(app, [*command, "--db", db], input="")
            assert result.exit_code == 2, (command, db, result.output)
            (line,) = result.output.splitlines()
            assert line.startswith("error: ") and "cannot open the database: " in line and reason in line
    assert not (tmp_path / "no-such-folder").exists()
