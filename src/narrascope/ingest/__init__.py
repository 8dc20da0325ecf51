"""Readers that turn files, folders, stdin, URLs and feeds into ``Article`` objects.

``read_sources`` is the one entry point: it takes what the user typed and yields an ``Article`` or a
``NarrascopeError`` per item, so that a batch goes on past a bad item. What each source becomes:

- ``-``: standard input, read as text or HTML;
- a folder: every visible file under it, in name order (a SemEval folder: its ``raw-documents``);
- a file: ``.jsonl``/``.csv``/``.tsv`` give an article per row, HTML pages (by extension or content) their
  main text and metadata, RSS/Atom feeds an article per entry, anything else its text;
- an ``http(s)://`` URL: the page, or every entry of the feed, found there.

Readers set the metadata their source gives (title, url, outlet, published, language) and leave the rest
to the stages; ``Article.metadata["format"]`` names the reader (text, html, jsonl, csv, semeval,
feed-summary). The modules split the work by kind of source: ``files``, ``html``, ``tables``, ``semeval``,
``web``, ``feeds``; ``decode`` turns bytes into text and ``article`` holds what they share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from narrascope.errors import InputError, NarrascopeError
from narrascope.ingest.article import article_from_text, guarded
from narrascope.ingest.files import read_path, read_stdin, read_text_file
from narrascope.ingest.web import Fetcher, read_url
from narrascope.model import Article
from narrascope.settings import Settings, get_settings

__all__ = ["article_from_text", "read_sources", "read_text_file"]

URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def read_sources(
    sources: Iterable[str], settings: Settings | None = None
) -> Iterator[Article | NarrascopeError]:
    """An ``Article`` per article in ``sources``, or in its place the error that kept it from being read."""
    settings = settings or get_settings()
    with Fetcher(settings) as fetcher:
        for source in sources:
            yield from guarded(source, read_source(source, settings, fetcher))


def read_source(source: str, settings: Settings, fetcher: Fetcher) -> Iterator[Article | NarrascopeError]:
    scheme = URL_SCHEME.match(source)
    if source == "-":
        yield from read_stdin(settings, fetcher)
    elif scheme and scheme.group(1).lower() in ("http", "https"):
        yield from read_url(source, settings, fetcher)
    elif scheme and scheme.group(1).lower() != "file":
        raise InputError(
            source, f"cannot read {scheme.group(1)}:// URLs; give http(s) URLs, files or folders"
        )
    else:
        yield from read_path(source.removeprefix("file://"), settings, fetcher)
