"""Building an ``Article`` from text and the metadata a source gives, normalised alike for every reader."""

from __future__ import annotations

import email.utils
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from narrascope.errors import InputError, NarrascopeError
from narrascope.model import Article

LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


@cache
def reader_data() -> dict[str, Any]:
    """The readers' data file (extensions, media types, encodings, SemEval language codes)."""
    return tomllib.loads((Path(__file__).with_name("ingest.toml")).read_text(encoding="utf-8"))


def article_from_text(text: str, source: str, article_id: str | None = None, **fields: Any) -> Article:
    """An article from its text; ``fields`` are other ``Article`` fields (title, url, published, ...)."""
    if not text.strip():
        raise InputError(source, "empty: no text to analyse")
    article_id = article_id or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(id=article_id, source=source, raw_text=text, **fields)


def parse_date(value: Any) -> date | None:
    """A date from what sources put in their date fields: ISO 8601, RFC 822 (feeds), or looser prose."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    if not text:
        return None
    for parse in (date.fromisoformat, lambda t: datetime.fromisoformat(t).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    try:
        parsed = dateparser.parse(
            text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
        )
    except (ValueError, OverflowError):  # a date nobody can read does not make the article unreadable
        return None
    return parsed.date() if parsed else None


def language_code(tag: Any) -> str | None:
    """``en-GB``, ``en_US`` and ``EN`` all become ``en``; anything that is not a language tag becomes None."""
    if not isinstance(tag, str):
        return None
    match = LANGUAGE_TAG.match(tag.strip())
    return match.group(1).lower() if match else None


def domain_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``, which stands for the outlet when a source does not name it."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def guarded(source: str, items: Iterator[Article | NarrascopeError]) -> Iterator[Article | NarrascopeError]:
    """Yield what a reader yields; when the reader itself fails, yield its error in its place and stop."""
    try:
        yield from items
    except NarrascopeError as error:
        yield error
    except OSError as error:
        yield InputError(source, f"cannot read it: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 - one unreadable item must not stop a batch
        yield InputError(source, f"cannot read it: {error!r}")


def attempt(
    source: str, read: Callable[..., Article], *args: Any, **kwargs: Any
) -> Iterator[Article | NarrascopeError]:
    """Yield ``read(*args, **kwargs)``, or the error it raised, named after ``source``."""

    def one() -> Iterator[Article]:
        yield read(*args, **kwargs)

    return guarded(source, one())
