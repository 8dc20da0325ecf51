"""The command line: --help everywhere, exit codes, bad input named on stderr while the rest goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.settings import get_settings

# Only ingest matters here: "clean" is quick and leaves the readers' fields alone.
STAGES = ["--stages", "clean"]


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch, tmp_path):
    """Settings from defaults only: no narrascope.toml from the working directory, no cached instance."""
    monkeypatch.setenv("NARRASCOPE_CONFIG", str(tmp_path / "absent.toml"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(*arguments: str, stdin: bytes | None = None):
    return CliRunner().invoke(app, list(arguments), input=stdin)


def ids_printed(result) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def command_paths(command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command of the app (typer ships its own click, so ask the group itself)."""
    paths = [path]
    if hasattr(command, "list_commands"):
        context = command.context_class(command)
        for name in command.list_commands(context):
            paths += command_paths(command.get_command(context, name), (*path, name))
    return paths


def test_every_command_has_help():
    paths = command_paths(typer.main.get_command(app))
    assert ("analyze",) in paths
    for path in paths:
        result = run(*path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


@pytest.mark.parametrize(
    "arguments",
    [
        ["analyze"],  # no sources
        ["analyze", "--no-such-option", "x.txt"],
        ["analyze", "--format", "pdf", "x.txt"],
        ["analyze", "--stages", "no-such-stage", "x.txt"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(arguments):
    result = run(*arguments)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_unknown_stage_is_named(tmp_path):
    result = run("analyze", "--stages", "clean,no-such-stage", str(tmp_path))
    assert result.exit_code == 2
    assert error_lines(result) == [
        "error: no-such-stage: unknown stage; known stages: "
        + ", ".join(__import__("narrascope.pipeline").pipeline.STAGES)
    ]


def test_all_good_exits_0(shared_examples):
    result = run("analyze", *STAGES, *map(str, shared_examples[:2]))
    assert result.exit_code == 0, result.stderr
    assert ids_printed(result) == [path.name for path in shared_examples[:2]]
    assert error_lines(result) == []


def test_a_bad_item_in_the_middle_of_a_batch(shared_examples, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    first, last = shared_examples[0], shared_examples[1]
    result = run("analyze", *STAGES, str(first), str(empty), str(missing), str(last))
    assert result.exit_code == 1
    assert ids_printed(result) == [first.name, last.name]  # before and after the bad ones
    assert error_lines(result) == [
        f"error: {empty}: empty: no text to analyse",
        f"error: {missing}: no such file, folder or URL",
    ]


def test_a_nonexistent_path_alone_is_an_item_error_not_a_crash(tmp_path):
    missing = tmp_path / "nowhere" / "article.txt"
    result = run("analyze", *STAGES, str(missing))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert error_lines(result) == [f"error: {missing}: no such file, folder or URL"]


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input, the item its error must name, and a word the message must hold."""
    cases = {}
    empty = folder / "empty.txt"
    empty.write_bytes(b"\n\n")
    cases["empty"] = (empty, str(empty), "empty")
    binary = folder / "binary.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    cases["binary"] = (binary, str(binary), "binary")
    huge = folder / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    cases["huge"] = (huge, str(huge), "too large")
    hopeless = folder / "hopeless.txt"
    hopeless.write_bytes(bytes(range(1, 256)) * 20)
    cases["not text"] = (hopeless, str(hopeless), "")
    jsonl = folder / "rows.jsonl"
    jsonl.write_text('{"text": "missing a brace"\n')
    cases["bad JSON"] = (jsonl, f"{jsonl}:1", "not valid JSON")
    no_text = folder / "no-text.jsonl"
    no_text.write_text('{"body": "under another name"}\n')
    cases["no text field"] = (no_text, f"{no_text}:1", "--text-column")
    csv = folder / "rows.csv"
    csv.write_text("id,body\n1,Some text\n")
    cases["no text column"] = (csv, str(csv), "no 'text' column")
    short_row = folder / "short-row.csv"
    short_row.write_text("id,text\n1\n")
    cases["short CSV row"] = (short_row, f"{short_row}:2", "fields")
    return cases


@pytest.mark.parametrize(
    "case",
    ["empty", "binary", "huge", "not text", "bad JSON", "no text field", "no text column", "short CSV row"],
)
def test_each_bad_input_gives_one_line_naming_it_and_the_batch_goes_on(case, tmp_path, shared_examples):
    path, item, word = bad_files(tmp_path)[case]
    good = shared_examples[2]
    result = run("analyze", *STAGES, str(path), str(good))
    assert result.exit_code == 1
    assert ids_printed(result) == [good.name]
    [line] = error_lines(result)
    assert line.startswith(f"error: {item}: ") and word in line


def test_legacy_encoded_text_is_decoded(tmp_path, shared_examples):
    text = shared_examples[3].read_text(encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252", errors="ignore"))
    result = run("analyze", *STAGES, str(legacy))
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line)["article"]["raw_text"] == text.encode("cp1252", errors="ignore").decode("cp1252")


def test_table_columns_from_the_command_line(tmp_path, shared_examples):
    rows = tmp_path / "rows.jsonl"
    body = shared_examples[4].read_text(encoding="utf-8")
    rows.write_text(json.dumps({"doc_id": "row-a", "body": body, "headline": "Own headline"}) + "\n")
    result = run(
        "analyze",
        *STAGES,
        "--text-column",
        "body",
        "--id-column",
        "doc_id",
        "--title-column",
        "headline",
        str(rows),
    )
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert (article["id"], article["raw_text"], article["title"]) == ("row-a", body, "Own headline")

    result = run("analyze", *STAGES, str(rows))  # without the options the text column is "text"
    assert result.exit_code == 1
    assert "no text in the 'text' column" in result.stderr


def test_stdin_and_a_real_process(shared_examples, tmp_path):
    """The installed command in its own process: stdin, a bad item, output flushed per article."""
    executable = Path(sys.executable).with_name("narrascope")
    missing = tmp_path / "missing.txt"
    completed = subprocess.run(
        [str(executable), "analyze", *STAGES, "-", str(missing), str(shared_examples[0])],
        input=shared_examples[1].read_bytes(),
        capture_output=True,
        timeout=120,
        env={"NARRASCOPE_CONFIG": str(tmp_path / "absent.toml"), "PATH": str(executable.parent)},
        check=False,
    )
    assert completed.returncode == 1
    outputs = [json.loads(line)["article"] for line in completed.stdout.decode().splitlines()]
    assert [article["source"] for article in outputs] == ["<stdin>", str(shared_examples[0])]
    assert outputs[0]["raw_text"] == shared_examples[1].read_text(encoding="utf-8")
    assert completed.stderr.decode().splitlines() == [f"error: {missing}: no such file, folder or URL"]
