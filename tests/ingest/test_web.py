"""URLs and feeds, fetched from a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import socket
import time
from datetime import date

from narrascope.errors import FetchError, InputError
from narrascope.ingest import read_sources
from narrascope.model import Article

from .conftest import FIXTURES, Response, fixture_bytes


def read(sources, settings) -> list:
    return list(read_sources([str(source) for source in sources], settings))


def read_one(source, settings):
    [result] = read([source], settings)
    return result


def assert_fetch_error(result, item, *words):
    assert isinstance(result, FetchError), result
    assert result.item == item
    assert "\n" not in str(result) and str(result).startswith(f"{item}: ")
    for word in words:
        assert word in str(result)


def test_html_page_by_url(site, settings):
    url = site.url("/news/ferry-strike.html")
    article = read_one(url, settings)
    assert isinstance(article, Article)
    assert (article.id, article.url, article.source) == (url, url, url)
    assert article.title == "Ferry crews walk out over rota changes"
    assert article.outlet == "Island Courier"
    assert article.published == date(2024, 5, 2)
    assert article.language == "en"
    assert article.metadata["author"] == "Tomas Reyes"
    assert "Dana Whitlock" in article.raw_text and "Most read" not in article.raw_text


def test_outlet_falls_back_to_the_domain(site, settings):
    article = read_one(site.url("/news/wetter.html"), settings)
    assert article.outlet == "127.0.0.1"
    assert article.language == "de"


def test_charset_from_the_http_header(site, settings):
    # Too few non-ASCII letters for detection to find the encoding: only the header can say.
    text = (
        "The mayor of Łódź met the council of Gdańsk on Tuesday to discuss the river and the new dam, "
        "which will cost about two million złoty. Both sides agreed to meet again next month."
    )
    page = f"<html><body><p>{text}</p></body></html>".encode("cp1250")
    site.routes["/legacy.html"] = Response(content_type="text/html; charset=windows-1250", body=page)
    assert read_one(site.url("/legacy.html"), settings).raw_text == text


def test_redirects_are_followed(site, settings):
    url = site.url("/moved")
    article = read_one(url, settings)
    assert article.title == "Harbour town votes on new flood wall"
    assert article.url == url


def test_a_page_without_content_type_is_sniffed(site, settings):
    assert read_one(site.url("/no-type"), settings).title == "Ferry crews walk out over rota changes"


def test_plain_text_url(site, settings):
    article = read_one(site.url("/notes.txt"), settings)
    assert article.raw_text == "A short plain note.\n"
    assert article.outlet == "127.0.0.1"


def test_rss_feed_fetches_each_entry_and_falls_back_to_a_long_summary(site, settings):
    feed = site.url("/feed.rss")
    budget, bridge, fair = read([feed], settings)

    assert isinstance(budget, Article)
    assert budget.url == site.url("/news/council-budget.html")
    assert budget.title == "Council trims library hours to balance budget"
    assert budget.outlet == "Valley Gazette"
    assert budget.published == date(2024, 6, 11)
    assert budget.language == "en"
    assert "Priya Anand" in budget.raw_text  # the page's text, not the one-line description

    assert isinstance(bridge, Article)  # its page is a 404, its description is long enough to stand in
    assert bridge.url == site.url("/news/bridge-repairs")
    assert bridge.metadata["format"] == "feed-summary" and "404" in bridge.metadata["fetch_error"]
    assert bridge.raw_text.startswith("Repairs to the old stone bridge") and "<p>" not in bridge.raw_text
    assert bridge.raw_text.count("\n") == 1  # its two paragraphs stay apart
    assert bridge.published == date(2024, 6, 10)

    assert_fetch_error(fair, site.url("/news/summer-fair"), "404", "characters")


def test_atom_feed(site, settings):
    ferry, flood = read([site.url("/feed.atom")], settings)
    assert [ferry.url, flood.url] == [site.url("/news/ferry-strike.html"), site.url("/news/flood-wall.html")]
    assert ferry.published == date(2024, 5, 2)
    assert flood.title == "Harbour town votes on new flood wall"
    assert ferry.outlet == "Island Courier"  # the feed's title names the outlet
    assert "Gwen Morley" in flood.raw_text


def test_feed_served_as_generic_xml(site, settings):
    results = read([site.url("/feed.xml")], settings)
    assert [type(result).__name__ for result in results] == ["Article", "Article", "FetchError"]


def test_local_feed_file_fetches_its_entries(site, settings, tmp_path):
    path = tmp_path / "saved-feed.xml"
    path.write_bytes(fixture_bytes("feed.atom", site.base))
    results = read([path], settings)
    assert [result.title for result in results] == [
        "Ferry crews walk out over rota changes",
        "Harbour town votes on new flood wall",
    ]


def test_http_errors(site, settings):
    assert_fetch_error(read_one(site.url("/missing"), settings), site.url("/missing"), "HTTP 404")
    assert_fetch_error(read_one(site.url("/broken"), settings), site.url("/broken"), "HTTP 500")


def test_non_html_content_types_are_refused(site, settings):
    assert_fetch_error(
        read_one(site.url("/report.pdf"), settings), site.url("/report.pdf"), "application/pdf"
    )
    assert_fetch_error(read_one(site.url("/photo.jpg"), settings), site.url("/photo.jpg"), "image/jpeg")
    assert_fetch_error(read_one(site.url("/data.xml"), settings), site.url("/data.xml"), "neither")


def test_page_without_article_text(site, settings):
    assert_fetch_error(
        read_one(site.url("/empty-page"), settings), site.url("/empty-page"), "no article text"
    )


def test_size_limit_on_downloads(site, settings):
    small = settings.model_copy(update={"max_page_bytes": 50_000})
    assert_fetch_error(read_one(site.url("/big"), small), site.url("/big"), "too large", "max_page_bytes")


def test_slow_server_times_out(site, settings):
    impatient = settings.model_copy(update={"http_timeout": 0.3})
    started = time.perf_counter()
    result = read_one(site.url("/slow"), impatient)
    assert time.perf_counter() - started < 3.0  # the server answers after 5 s
    assert_fetch_error(result, site.url("/slow"), "timed out after 0.3 s")


def test_unreachable_host(settings):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news"
    assert_fetch_error(read_one(url, settings), url, "cannot fetch")


def test_a_batch_goes_on_past_bad_urls(site, settings):
    sources = [
        site.url("/news/flood-wall.html"),
        site.url("/missing"),
        site.url("/report.pdf"),
        str(FIXTURES / "ferry-strike.html"),
    ]
    results = read(sources, settings)
    assert [type(result).__name__ for result in results] == ["Article", "FetchError", "FetchError", "Article"]
    assert not any(
        isinstance(result, InputError) and not isinstance(result, FetchError) for result in results
    )


def test_bad_urls_through_the_command_line(site, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from narrascope.cli import app
    from narrascope.settings import get_settings

    monkeypatch.setenv("NARRASCOPE_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NARRASCOPE_HTTP_TIMEOUT", "0.3")
    get_settings.cache_clear()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        unreachable = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    bad = [site.url("/missing"), site.url("/broken"), site.url("/report.pdf"), site.url("/slow"), unreachable]
    good = site.url("/news/council-budget.html")
    try:
        result = CliRunner().invoke(app, ["analyze", "--stages", "clean", *bad, good])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert [line.split(": ")[0:2] for line in result.stderr.splitlines()] == [["error", url] for url in bad]
    [line] = result.stdout.splitlines()
    assert f'"url":"{good}"' in line
