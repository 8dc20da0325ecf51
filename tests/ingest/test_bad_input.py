"""Inputs that cannot be articles: each gives one error naming the item, and the batch goes on."""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from narrascope.errors import InputError
from narrascope.ingest import read_sources
from narrascope.model import Article

NOBODY = 65534
FRENCH = (
    "Les habitants de la vallée ont voté mardi pour un nouveau barrage. La maire, Hélène Dubois, a déclaré "
    "que les travaux coûteraient près de deux millions d'euros et que la forêt serait épargnée. "
    "Les pêcheurs, "
    "eux, craignent pour la rivière et réclament une étude indépendante avant l'été."
)
RUSSIAN = (
    "Жители города проголосовали во вторник за строительство новой дамбы. Мэр заявил, что работы "
    "начнутся весной и продлятся полтора года, а стоимость проекта составит около двух миллионов."
)


def read_one(path, settings):
    [result] = list(read_sources([str(path)], settings))
    return result


def assert_error(result, item, *words):
    assert isinstance(result, InputError), result
    assert result.item == item
    message = str(result)
    assert "\n" not in message and message.startswith(f"{item}: ")
    for word in words:
        assert word in message


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_file(tmp_path, settings, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_error(read_one(path, settings), str(path), "empty")


def test_binary_file_with_nul_bytes(tmp_path, settings):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_error(read_one(path, settings), str(path), "binary")


def test_binary_file_without_nul_bytes_is_not_taken_for_text(tmp_path, settings):
    noise = random.Random(7).randbytes(4000).replace(b"\x00", b"\x01")
    path = tmp_path / "noise.dat"
    path.write_bytes(noise)
    assert_error(read_one(path, settings), str(path))


def test_mostly_control_characters_is_binary(tmp_path, settings):
    path = tmp_path / "controls.txt"
    path.write_bytes(b"ok " + bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 30)
    assert_error(read_one(path, settings), str(path), "binary")


@pytest.mark.parametrize(("text", "encoding"), [(FRENCH, "cp1252"), (FRENCH, "latin-1"), (RUSSIAN, "cp1251")])
def test_non_utf8_text_is_detected_and_decoded(tmp_path, settings, text, encoding):
    path = tmp_path / f"legacy-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    article = read_one(path, settings)
    assert isinstance(article, Article)
    assert article.raw_text == text


def test_utf16_with_byte_order_mark(tmp_path, settings):
    path = tmp_path / "utf16.txt"
    path.write_bytes(FRENCH.encode("utf-16"))
    assert read_one(path, settings).raw_text == FRENCH


def test_a_50_megabyte_file_is_refused_by_its_size_without_reading_it(tmp_path, settings):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write(b"A headline\n")
        stream.truncate(50 * 1024 * 1024)  # sparse: cheap to make, and reading it all would show in the time
    started = time.perf_counter()
    result = read_one(path, settings)
    assert time.perf_counter() - started < 0.5
    assert_error(result, str(path), "too large", "52,428,800 bytes", "max_input_bytes")


def test_html_may_be_larger_than_text_but_not_without_limit(tmp_path, settings):
    page = tmp_path / "page.html"
    page.write_bytes(
        b"<html><body><p>" + b"Plenty of markup and words here. " * 20_000 + b"</p></body></html>"
    )
    assert page.stat().st_size > settings.max_input_bytes
    assert isinstance(read_one(page, settings), Article)
    assert_error(
        read_one(page, settings.model_copy(update={"max_page_bytes": 100_000})), str(page), "max_page_bytes"
    )


def test_nonexistent_path(tmp_path, settings):
    missing = tmp_path / "no-such-article.txt"
    assert_error(read_one(missing, settings), str(missing), "no such file")


def test_unsupported_url_scheme(settings):
    assert_error(read_one("ftp://example.org/news.txt", settings), "ftp://example.org/news.txt", "ftp")


def test_html_without_article_text(tmp_path, settings):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert_error(read_one(path, settings), str(path), "no article text")


def test_one_bad_file_in_a_folder_does_not_stop_the_others(tmp_path, settings):
    (tmp_path / "1-good.txt").write_text("The first good article.")
    (tmp_path / "2-empty.txt").write_text("")
    (tmp_path / "3-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "4-good.txt").write_text("The last good article.")
    results = list(read_sources([str(tmp_path)], settings))
    assert [type(result).__name__ for result in results] == ["Article", "InputError", "InputError", "Article"]
    assert [result.item for result in results[1:3]] == [
        str(tmp_path / "2-empty.txt"),
        str(tmp_path / "3-binary.txt"),
    ]


# JSONL and CSV rows


def write_jsonl(path, rows: list) -> None:
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows))


def test_jsonl_rows_become_articles_with_their_fields(tmp_path, settings):
    path = tmp_path / "rows.jsonl"
    write_jsonl(
        path,
        [
            {
                "id": "a1",
                "text": "First row text.",
                "title": "First",
                "url": "https://www.paper.example/a1",
                "date": "2024-02-29T10:00:00Z",
                "language": "en-GB",
            },
            {"text": "Second row text.", "outlet": "Evening Paper", "date": "3 March 2024"},
        ],
    )
    first, second = read_sources([str(path)], settings)
    assert (first.id, first.title, first.url, first.outlet, first.published, first.language) == (
        "a1",
        "First",
        "https://www.paper.example/a1",
        "paper.example",
        __import__("datetime").date(2024, 2, 29),
        "en",
    )
    assert (second.id, second.outlet, second.published.isoformat(), second.source) == (
        "rows.jsonl:2",
        "Evening Paper",
        "2024-03-03",
        f"{path}:2",
    )


def test_malformed_jsonl_lines_are_named_by_line_and_skipped(tmp_path, settings):
    path = tmp_path / "rows.jsonl"
    write_jsonl(
        path,
        [
            {"text": "Good row one."},
            '{"text": "unterminated',
            {"body": "text under another name"},
            "",
            ["a", "list"],
            {"text": 42},
            {"text": "   "},
            {"text": "Good row eight."},
        ],
    )
    results = list(read_sources([str(path)], settings))
    assert [result.id if isinstance(result, Article) else result.item for result in results] == [
        "rows.jsonl:1",
        f"{path}:2",
        f"{path}:3",
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
        "rows.jsonl:8",
    ]
    messages = [str(result) for result in results[1:-1]]
    assert "not valid JSON" in messages[0]
    assert "no text in the 'text' column" in messages[1]
    assert "not an object" in messages[2]
    assert "holds a int" in messages[3]
    assert "empty" in messages[4]


def test_jsonl_with_configured_columns(tmp_path, settings):
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, [{"doc": "d-1", "body": "Text under body.", "headline": "A headline"}])
    columns = settings.columns.model_copy(update={"text": "body", "id": "doc", "title": "headline"})
    [article] = read_sources([str(path)], settings.model_copy(update={"columns": columns}))
    assert (article.id, article.raw_text, article.title) == ("d-1", "Text under body.", "A headline")


def test_csv_rows_with_quoted_newlines_are_numbered_by_their_first_line(tmp_path, settings):
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,title,text\n"
        ',One,"Line one\nof the first article"\n'
        "x7,Two,The second article.\n"
        ",Three,too,many,fields\n"
        ",Four,\n"
        "\n"
        ",Five,The fifth article.\n"
    )
    results = list(read_sources([str(path)], settings))
    assert [result.id if isinstance(result, Article) else result.item for result in results] == [
        "rows.csv:2",
        "x7",
        f"{path}:5",
        f"{path}:6",
        "rows.csv:8",
    ]
    assert results[0].raw_text == "Line one\nof the first article"
    assert "5 fields where the header has 3" in str(results[2])
    assert "no text" in str(results[3])


def test_csv_without_the_text_column_is_one_error_naming_the_columns(tmp_path, settings):
    path = tmp_path / "rows.csv"
    path.write_text("id,body\n1,Some text\n2,More text\n")
    [error] = read_sources([str(path)], settings)
    assert_error(error, str(path), "no 'text' column", "'body'", "--text-column")


def test_tsv_and_legacy_encoded_csv(tmp_path, settings):
    tsv = tmp_path / "rows.tsv"
    tsv.write_text("text\tlanguage\nA tab separated row.\tpt\n")
    [article] = read_sources([str(tsv)], settings)
    assert (article.raw_text, article.language) == ("A tab separated row.", "pt")

    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(f'text\n"{FRENCH}"\n'.encode("cp1252"))
    [article] = read_sources([str(legacy)], settings)
    assert article.raw_text == FRENCH


def test_a_csv_row_too_long_for_an_article(tmp_path, settings):
    path = tmp_path / "rows.csv"
    path.write_text("text\nShort.\n" + "x" * 600_000 + "\nAlso short.\n")
    results = list(read_sources([str(path)], settings))
    assert [type(result).__name__ for result in results] == ["Article", "InputError", "Article"]
    assert "too large" in str(results[1]) and results[1].item == f"{path}:3"


def test_undecodable_line_in_a_utf8_jsonl(tmp_path, settings):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(
        '{"text": "Un café"}\n'.encode() + b'{"text": "broken \xff\xfe here"}\n{"text": "fine"}\n'
    )
    results = list(read_sources([str(path)], settings))
    assert [type(result).__name__ for result in results] == ["Article", "InputError", "Article"]
    assert results[0].raw_text == "Un café"
    assert results[1].item == f"{path}:2" and "utf-8" in str(results[1])


def read_as_unprivileged_user(path, settings) -> str:
    """What ``read_one`` reports when the unprivileged user reads ``path`` (root reads every file, so
    a forked child gives up root first); the child answers with the error's text or the result's type."""
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(readable)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = read_one(path, settings)
            answer = str(result) if isinstance(result, InputError) else type(result).__name__
        # the child must always exit here, never return into pytest
        except BaseException as error:  # noqa: BLE001
            answer = f"child failed: {error!r}"
        os.write(writable, answer.encode())
        os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(child, 0)
    return answer


def test_reader_permission_problem_is_an_item_error(tmp_path, settings):
    path = tmp_path / "locked.txt"
    path.write_text("Secret.")
    path.chmod(0)
    if os.geteuid() != 0:
        assert_error(read_one(path, settings), str(path), "cannot read")
        return
    tmp_path.chmod(0o777)  # the file itself stays closed to the user; its folders must not be
    for folder in tmp_path.parents:
        if folder.stat().st_uid == 0 and not folder.stat().st_mode & 0o001:
            folder.chmod(folder.stat().st_mode | 0o001)
    answer = read_as_unprivileged_user(path, settings)
    assert answer.startswith(f"{path}: ") and "cannot read" in answer, answer


def test_a_named_pipe_is_not_read(tmp_path, settings):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_error(read_one(fifo, settings), str(fifo), "not a regular file")
