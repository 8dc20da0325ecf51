"""Readers that turn files, folders, stdin, URLs and feeds into ``Article`` objects.

``read_sources`` is the one entry point: it takes what the user typed and yields an ``Article`` or a
``NarrascopeError`` per item, so that a batch goes on past a bad item.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from narrascope.errors import InputError, NarrascopeError
from narrascope.model import Article
from narrascope.settings import Settings, get_settings


def article_from_text(text: str, source: str, article_id: str | None = None, **fields) -> Article:
    if not text.strip():
        raise InputError(source, "empty: no text to analyse")
    article_id = article_id or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(id=article_id, source=source, raw_text=text, **fields)


def read_text_file(path: Path, settings: Settings) -> Article:
    data = path.read_bytes()
    if len(data) > settings.max_input_bytes:
        raise InputError(str(path), f"too large ({len(data):,} bytes; the limit is {settings.max_input_bytes:,})")
    return article_from_text(data.decode("utf-8"), source=str(path), article_id=path.name)


def read_sources(sources: Iterable[str], settings: Settings | None = None) -> Iterator[Article | NarrascopeError]:
    settings = settings or get_settings()
    for source in sources:
        try:
            if source == "-":
                yield article_from_text(sys.stdin.read(), source="<stdin>")
                continue
            path = Path(source)
            if path.is_dir():
                for child in sorted(p for p in path.iterdir() if p.is_file()):
                    yield from read_sources([str(child)], settings)
            elif path.is_file():
                yield read_text_file(path, settings)
            else:
                raise InputError(source, "no such file or folder")
        except NarrascopeError as error:
            yield error
