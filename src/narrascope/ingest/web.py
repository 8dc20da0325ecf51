"""http(s) URLs: fetched with httpx2 (timeouts, redirects, a size limit), then read as a page or a feed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Self

from narrascope.errors import FetchError, InputError, NarrascopeError
from narrascope.ingest.article import reader_data
from narrascope.ingest.decode import SNIFF_BYTES, sniff
from narrascope.model import Article
from narrascope.settings import Settings


@dataclass
class Download:
    kind: str
    charset: str | None
    data: bytes


class Fetcher:
    """One HTTP client for a whole batch; it opens on the first URL, so reading files never loads httpx2."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self):
        if self._client is None:
            import httpx2

            self._client = httpx2.Client(
                timeout=self.settings.http_timeout,
                follow_redirects=True,
                headers={"User-Agent": self.settings.http_user_agent},
            )
        return self._client

    def get(self, url: str) -> Download:
        """The body of ``url`` if it is a web page, a feed or plain text; else ``FetchError`` naming it."""
        import httpx2

        try:
            with self.client.stream("GET", url) as response:
                if response.is_error:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                media_type, charset = parse_content_type(response.headers.get("content-type", ""))
                kind = kind_of_media_type(media_type)
                if kind is None:
                    raise FetchError(url, f"not a web page or feed (content type {media_type})")
                data = self._read_limited(url, response)
        except httpx2.TimeoutException:
            raise FetchError(url, f"timed out after {self.settings.http_timeout:g} s") from None
        except httpx2.TooManyRedirects:
            raise FetchError(url, "too many redirects") from None
        except httpx2.InvalidURL as error:
            raise FetchError(url, f"invalid URL: {error}") from None
        except httpx2.HTTPError as error:
            raise FetchError(url, f"cannot fetch it: {error or type(error).__name__}") from None
        if kind == "unknown":
            kind = sniff(data[:SNIFF_BYTES])
        elif media_type.endswith("/xml"):  # generic XML: a feed, XHTML, or neither
            kind = sniff(data[:SNIFF_BYTES])
            if kind == "text":
                raise FetchError(url, f"{media_type} that is neither an RSS/Atom feed nor a web page")
        return Download(kind=kind, charset=charset, data=data)

    def _read_limited(self, url: str, response) -> bytes:
        limit = self.settings.max_page_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {int(declared):,} bytes, more than max_page_bytes ({limit:,})")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"too large: more than max_page_bytes ({limit:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)


def parse_content_type(header: str) -> tuple[str, str | None]:
    media_type, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def kind_of_media_type(media_type: str) -> str | None:
    """``html``, ``feed`` or ``text`` for the media types readers handle, ``unknown`` when none is given."""
    if not media_type:
        return "unknown"
    for kind, media_types in reader_data()["media_types"].items():
        if media_type in media_types:
            return kind
    return None


def read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Article | NarrascopeError]:
    """The article at ``url``, or every entry of the feed at ``url``."""
    from narrascope.ingest.files import articles_from_bytes

    download = fetcher.get(url)
    try:
        yield from articles_from_bytes(
            download.data,
            url,
            download.kind,
            settings,
            fetcher,
            article_id=url,
            url=url,
            declared=download.charset,
        )
    except InputError as error:
        raise FetchError(url, error.message) from None
