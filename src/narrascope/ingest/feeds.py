"""RSS and Atom feeds: every entry's page is fetched and extracted; the entry's own text stands in when
the page cannot be fetched and the entry carries enough of the article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from narrascope.errors import FetchError, InputError, NarrascopeError
from narrascope.ingest.article import article_from_text, domain_of, language_code, text_or_none
from narrascope.ingest.web import Fetcher
from narrascope.model import Article
from narrascope.settings import Settings


def read_feed(
    data: bytes, source: str, settings: Settings, fetcher: Fetcher, feed_url: str | None = None
) -> Iterator[Article | NarrascopeError]:
    import feedparser

    # Given a stream, feedparser fetches nothing itself; the feed's URL resolves its relative links.
    feed = feedparser.parse(
        io.BytesIO(data), response_headers={"content-location": feed_url} if feed_url else None
    )
    if not feed.entries:
        reason = str(feed.get("bozo_exception", "")).splitlines()[:1]
        problem = (
            f"not an RSS or Atom feed ({reason[0]})" if feed.bozo and reason else "a feed without entries"
        )
        raise InputError(source, problem)
    site_url = feed.feed.get("link") or feed_url
    known = {
        "outlet": text_or_none(feed.feed.get("title")) or domain_of(site_url),
        "language": language_code(feed.feed.get("language")),
    }
    for number, entry in enumerate(feed.entries, 1):
        item = entry.get("link") or f"{source} entry {number}"
        try:
            yield article_from_entry(entry, item, source, known, settings, fetcher)
        except NarrascopeError as error:
            yield error


def article_from_entry(
    entry: Any, item: str, source: str, known: dict[str, str | None], settings: Settings, fetcher: Fetcher
) -> Article:
    from narrascope.ingest.files import articles_from_bytes

    link = entry.get("link")
    fields = {
        **known,
        "url": link,
        "title": text_or_none(entry.get("title")),
        "published": entry_date(entry),
    }
    if link:
        fields["outlet"] = fields["outlet"] or domain_of(link)
    article_id = link or text_or_none(entry.get("id")) or item
    problem = "the entry has no link"
    if link:
        try:
            download = fetcher.get(link)
            if download.kind != "html":
                raise FetchError(link, f"the entry links to a {download.kind}, not a web page")
            page_fields = {name: value for name, value in fields.items() if name != "url"}
            return next(
                articles_from_bytes(
                    download.data,
                    link,
                    "html",
                    settings,
                    fetcher,
                    article_id=article_id,
                    url=link,
                    declared=download.charset,
                    **page_fields,
                )
            )
        except NarrascopeError as error:
            problem = error.message
    summary = entry_text(entry)
    if len(summary) >= settings.feed_summary_min_chars:
        fields["metadata"] = {"format": "feed-summary", "feed": source, "fetch_error": problem}
        return article_from_text(summary, item, article_id=article_id, **fields)
    raise FetchError(item, f"{problem}; and the feed gives only {len(summary)} characters of its text")


def entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)  # feedparser gives UTC
    return None


BLOCKS = ("p", "div", "br", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")


def entry_text(entry: Any) -> str:
    """The longest text the entry carries (full content beats the summary), without its markup, one
    paragraph a line."""
    import lxml.html

    candidates = [part.get("value", "") for part in entry.get("content", [])] + [entry.get("summary", "")]
    texts = []
    for html in candidates:
        if html.strip():
            fragment = lxml.html.fragment_fromstring(html, create_parent="div")
            for block in fragment.iter(*BLOCKS):
                block.tail = "\n" + (block.tail or "")
            lines = (" ".join(line.split()) for line in fragment.text_content().splitlines())
            texts.append("\n".join(line for line in lines if line))
    return max(texts, key=len, default="")
