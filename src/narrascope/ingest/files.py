"""Local input: files of any kind the readers know, folders (recursively), and standard input."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from narrascope.errors import InputError, NarrascopeError
from narrascope.ingest.article import article_from_text, domain_of, guarded, reader_data
from narrascope.ingest.decode import SNIFF_BYTES, declared_charset, decode, sniff
from narrascope.ingest.web import Fetcher
from narrascope.model import Article
from narrascope.settings import Settings


def read_path(source: str, settings: Settings, fetcher: Fetcher) -> Iterator[Article | NarrascopeError]:
    path = Path(source)
    if path.is_dir():
        yield from read_folder(path, settings, fetcher)
    elif path.is_file():
        yield from read_file(path, settings, fetcher, article_id=path.name)
    elif path.exists():
        raise InputError(source, "not a regular file or folder")
    else:
        raise InputError(source, "no such file, folder or URL")


def read_folder(
    folder: Path,
    settings: Settings,
    fetcher: Fetcher,
    root: Path | None = None,
    seen: set[Path] | None = None,
) -> Iterator[Article | NarrascopeError]:
    """Every file under ``folder`` in name order, depth first, skipping hidden ones; ids are paths relative to
    the folder the user named. A SemEval folder inside is read the SemEval way."""
    from narrascope.ingest.semeval import is_semeval_folder, read_semeval_folder

    root = root or folder
    seen = seen if seen is not None else set()
    if folder.resolve() in seen:  # a symbolic link back up the tree
        return
    seen.add(folder.resolve())
    if is_semeval_folder(folder):
        yield from read_semeval_folder(folder, settings)
        return
    for child in sorted(folder.iterdir(), key=lambda path: path.name):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from guarded(str(child), read_folder(child, settings, fetcher, root, seen))
        elif child.is_file():
            article_id = child.relative_to(root).as_posix()
            yield from guarded(str(child), read_file(child, settings, fetcher, article_id=article_id))


def read_file(
    path: Path, settings: Settings, fetcher: Fetcher, article_id: str | None = None
) -> Iterator[Article | NarrascopeError]:
    """The articles in one file: a table gives one per row, a feed one per entry, any other file one."""
    from narrascope.ingest import tables

    extensions = reader_data()["extensions"]
    suffix = path.suffix.lower()
    if suffix in extensions["jsonl"]:
        yield from tables.read_jsonl(path, settings)
        return
    if suffix in extensions["csv"] or suffix in extensions["tsv"]:
        yield from tables.read_csv(path, settings, delimiter="\t" if suffix in extensions["tsv"] else ",")
        return
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        kind = sniff(head, suffix)
        refuse_if_too_large(str(path), path.stat().st_size, kind, settings)
        data = head + stream.read()
    yield from articles_from_bytes(data, str(path), kind, settings, fetcher, article_id=article_id)


def read_stdin(settings: Settings, fetcher: Fetcher) -> Iterator[Article | NarrascopeError]:
    stream = getattr(sys.stdin, "buffer", None)
    largest = max(settings.max_input_bytes, settings.max_page_bytes)
    data = stream.read(largest + 1) if stream is not None else sys.stdin.read(largest + 1).encode("utf-8")
    kind = sniff(data[:SNIFF_BYTES])
    refuse_if_too_large("<stdin>", len(data), kind, settings, at_least=len(data) > largest)
    yield from articles_from_bytes(data, "<stdin>", kind, settings, fetcher)


def read_text_file(path: Path, settings: Settings, article_id: str | None = None, **fields) -> Article:
    """A file read as plain text whatever it looks like, its characters exactly as stored; the id defaults
    to the file name."""
    refuse_if_too_large(str(path), path.stat().st_size, "text", settings)
    text = decode(path.read_bytes(), str(path))
    return article_from_text(text, str(path), article_id=article_id or path.name, **fields)


def refuse_if_too_large(
    source: str, size: int, kind: str, settings: Settings, at_least: bool = False
) -> None:
    """Refuse by size before reading: pages and feeds carry markup, plain text is the article alone."""
    setting = "max_input_bytes" if kind == "text" else "max_page_bytes"
    limit = getattr(settings, setting)
    if size > limit:
        shown = f"more than {size - 1:,} bytes" if at_least else f"{size:,} bytes"
        raise InputError(source, f"too large: {shown} of {kind}, the limit is {limit:,} ({setting})")


def articles_from_bytes(
    data: bytes,
    source: str,
    kind: str,
    settings: Settings,
    fetcher: Fetcher,
    article_id: str | None = None,
    url: str | None = None,
    declared: str | None = None,
    **fields,
) -> Iterator[Article | NarrascopeError]:
    """What ``data`` holds, read as ``kind`` (``html``, ``feed`` or ``text``)."""
    if kind == "feed":
        from narrascope.ingest.feeds import read_feed

        yield from read_feed(data, source, settings, fetcher, feed_url=url)
    elif kind == "html":
        from narrascope.ingest.html import article_from_html

        text = decode(data, source, declared or declared_charset(data))
        yield article_from_html(text, source, article_id=article_id, url=url, **fields)
    else:
        text = decode(data, source, declared)
        fields = {"url": url, "outlet": domain_of(url), **fields}
        yield article_from_text(text, source, article_id=article_id, metadata={"format": "text"}, **fields)
