"""JSONL and CSV/TSV files: one article per row, the columns named by ``Settings.columns``.

Rows are read as a stream, so a corpus file may be far larger than one article; each row's text is held
to ``max_input_bytes``. A row's id defaults to ``<file name>:<line>``, the line where the row starts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from narrascope.errors import InputError, NarrascopeError
from narrascope.ingest.article import (
    article_from_text,
    attempt,
    domain_of,
    language_code,
    parse_date,
    text_or_none,
)
from narrascope.ingest.decode import SNIFF_BYTES, sample_encoding
from narrascope.model import Article
from narrascope.settings import Settings

SAMPLE_BYTES = 16 * SNIFF_BYTES


def read_jsonl(path: Path, settings: Settings) -> Iterator[Article | NarrascopeError]:
    with path.open("rb") as stream:
        encoding = sample_encoding(stream.read(SAMPLE_BYTES), str(path))
        stream.seek(0)
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            item = f"{path}:{number}"
            try:
                row = json.loads(line.decode(encoding).removeprefix("\ufeff").strip())
            except UnicodeDecodeError:
                yield InputError(item, f"not valid {encoding} text")
                continue
            except json.JSONDecodeError as error:
                yield InputError(item, f"not valid JSON: {error.msg} at column {error.colno}")
                continue
            if not isinstance(row, dict):
                yield InputError(
                    item, f"a JSON {type(row).__name__}, not an object with a {settings.columns.text!r} field"
                )
                continue
            yield from attempt(item, article_from_row, row, item, f"{path.name}:{number}", settings, "jsonl")


def read_csv(path: Path, settings: Settings, delimiter: str = ",") -> Iterator[Article | NarrascopeError]:
    text_column = settings.columns.text
    # Article texts are longer than the csv module's default field limit of 128 KiB; a text field just over
    # max_input_bytes must still be read, to be refused with the same message as a file that long.
    csv.field_size_limit(max(csv.field_size_limit(), 2 * settings.max_input_bytes))
    with path.open("rb") as stream:
        encoding = sample_encoding(stream.read(SAMPLE_BYTES), str(path))
        stream.seek(0)
        undecodable: set[int] = set()

        def lines() -> Iterator[str]:
            for number, line in enumerate(stream, 1):
                try:
                    text = line.decode(encoding)
                except UnicodeDecodeError:
                    undecodable.add(number)
                    text = line.decode(encoding, errors="replace")
                yield text.removeprefix("\ufeff") if number == 1 else text

        reader = csv.reader(lines(), delimiter=delimiter)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            raise InputError(str(path), "empty: not even a header row") from None
        except csv.Error as error:
            raise InputError(f"{path}:1", f"malformed header row: {error}") from None
        if text_column not in header:
            raise InputError(
                str(path),
                f"no {text_column!r} column (it has {', '.join(map(repr, header))}); "
                "choose one with --text-column",
            )
        end = reader.line_num
        while True:
            start = end + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                end = reader.line_num
                yield InputError(f"{path}:{start}", f"malformed row: {error}")
                continue
            end = reader.line_num
            item = f"{path}:{start}"
            if not fields:
                continue
            if undecodable.intersection(range(start, end + 1)):
                yield InputError(item, f"not valid {encoding} text")
            elif len(fields) != len(header):
                yield InputError(item, f"{len(fields)} fields where the header has {len(header)}")
            else:
                row = dict(zip(header, fields, strict=True))
                yield from attempt(item, article_from_row, row, item, f"{path.name}:{start}", settings, "csv")


def article_from_row(
    row: dict[str, Any], item: str, default_id: str, settings: Settings, table_format: str
) -> Article:
    from narrascope.ingest.files import refuse_if_too_large

    columns = settings.columns
    text = row.get(columns.text)
    if text is None or text == "":
        raise InputError(
            item, f"no text in the {columns.text!r} column; choose the column with --text-column"
        )
    if not isinstance(text, str):
        raise InputError(item, f"the {columns.text!r} column holds a {type(text).__name__}, not text")
    refuse_if_too_large(item, len(text.encode("utf-8")), "text", settings)
    url = text_or_none(row.get(columns.url))
    return article_from_text(
        text,
        item,
        article_id=text_or_none(row.get(columns.id)) or default_id,
        url=url,
        title=text_or_none(row.get(columns.title)),
        outlet=text_or_none(row.get(columns.outlet)) or domain_of(url),
        published=parse_date(row.get(columns.date)),
        language=language_code(row.get(columns.language)),
        metadata={"format": table_format},
    )
