"""HTML pages: the main text and the page's metadata, extracted with trafilatura."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from narrascope.errors import InputError
from narrascope.ingest.article import article_from_text, domain_of, language_code, parse_date, reader_data
from narrascope.model import Article


def article_from_html(
    html: str, source: str, article_id: str | None = None, url: str | None = None, **known: Any
) -> Article:
    """An article from an HTML page. ``url`` is where the page came from; ``known`` holds ``Article`` fields
    the caller already knows (a feed entry's title and date), which win over what the page says."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(source, "not parseable as HTML")
    language = language_code(tree.get("lang")) or language_code(declared_language(tree))
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = document.text if document is not None else ""
    if len((text or "").strip()) < reader_data()["html"]["min_text_chars"]:
        raise InputError(source, "no article text found in the HTML")
    page_url = url or document.url
    fields = {
        "url": page_url,
        "title": document.title,
        "published": parse_date(document.date),
        "outlet": outlet_of(document.sitename, page_url) or document.hostname,
        "language": language,
    }
    fields.update({name: value for name, value in known.items() if value is not None})
    metadata = {"format": "html"}
    if document.author:
        metadata["author"] = document.author
    if url and document.url and document.url != url:
        metadata["canonical_url"] = document.url
    return article_from_text(text, source=source, article_id=article_id, metadata=metadata, **fields)


def declared_language(tree: Any) -> str | None:
    """The language of ``<meta http-equiv="content-language">``, which older pages use instead of ``lang``."""
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language":
            return meta.get("content")
    return None


def outlet_of(sitename: str | None, url: str | None) -> str | None:
    """The site's name; when a page does not give one trafilatura falls back on the URL's host (port and
    all), which ``domain_of`` spells the way every reader does."""
    if sitename and (not url or sitename.lower() != urlsplit(url).netloc.lower()):
        return sitename
    return domain_of(url)
