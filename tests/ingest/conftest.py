"""A real HTTP server on 127.0.0.1 serving the fixture pages and feeds, and the ways serving can go wrong."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from narrascope.settings import Settings, TableColumns

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Response:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: bytes = b""
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()


class Site:
    def __init__(self, base: str) -> None:
        self.base = base
        self.routes: dict[str, Response] = {}
        self.requests: list[str] = []

    def url(self, path: str) -> str:
        return self.base + path


def fixture_bytes(name: str, base: str = "") -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def fill(site: Site) -> None:
    base = site.base
    for name in ("flood-wall.html", "ferry-strike.html", "council-budget.html", "wetter.html"):
        site.routes[f"/news/{name}"] = Response(body=fixture_bytes(name))
    site.routes["/feed.rss"] = Response(
        content_type="application/rss+xml", body=fixture_bytes("feed.rss", base)
    )
    site.routes["/feed.atom"] = Response(
        content_type="application/atom+xml", body=fixture_bytes("feed.atom", base)
    )
    site.routes["/feed.xml"] = Response(content_type="text/xml", body=fixture_bytes("feed.rss", base))
    site.routes["/missing"] = Response(status=404, body=b"<html><body>Not here</body></html>")
    site.routes["/broken"] = Response(status=500, body=b"<html><body>Server error</body></html>")
    site.routes["/report.pdf"] = Response(
        content_type="application/pdf", body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    )
    site.routes["/photo.jpg"] = Response(content_type="image/jpeg", body=b"\xff\xd8\xff\xe0\x00\x10JFIF")
    site.routes["/slow"] = Response(body=fixture_bytes("flood-wall.html"), delay=5.0)
    site.routes["/moved"] = Response(status=301, headers=(("Location", "/news/flood-wall.html"),))
    site.routes["/no-type"] = Response(content_type=None, body=fixture_bytes("ferry-strike.html"))
    site.routes["/notes.txt"] = Response(
        content_type="text/plain; charset=utf-8", body=b"A short plain note.\n"
    )
    site.routes["/data.xml"] = Response(
        content_type="application/xml", body=b"<?xml version='1.0'?><rows><row/></rows>"
    )
    site.routes["/empty-page"] = Response(body=b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    site.routes["/big"] = Response(body=b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>")


@pytest.fixture(scope="session")
def site():
    """The server's base URL and routes; tests may add routes for their own cases."""
    site_holder: list[Site] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site = site_holder[0]
            site.requests.append(self.path)
            response = site.routes.get(self.path, Response(status=404, body=b"not found"))
            time.sleep(response.delay)
            self.send_response(response.status)
            if response.content_type:
                self.send_header("Content-Type", response.content_type)
            for name, value in response.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that timed out
                self.wfile.write(response.body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    site_holder.append(site)
    fill(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def settings() -> Settings:
    """The reader settings spelled out, so that no narrascope.toml or NARRASCOPE_* variable changes them."""
    return Settings(
        http_timeout=5.0,
        max_input_bytes=500_000,
        max_page_bytes=5_000_000,
        feed_summary_min_chars=300,
        columns=TableColumns(),
    )
