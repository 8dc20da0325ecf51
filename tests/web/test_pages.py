"""The web app through an HTTP client: pages and JSON twins, paging, filters, tokens, escaping."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from narrascope.model import Analysis
from narrascope.settings import Settings
from narrascope.store import Corpus
from narrascope.web.app import create_app

from .web_support import EVIL, TOKEN, evil_analysis, stored_corpus


def page_paths(corpus: Corpus) -> list[str]:
    article_id = corpus.articles().items[0]["id"]
    entity_id = corpus.entities().items[0]["id"]
    return [
        "/articles", "/articles?q=Putin&outlet=Outlet+A", f"/articles/{article_id}", "/corpus",
        "/corpus?domain=URW&date_from=2024-03-01&date_to=2024-03-20", "/narratives?by=week", "/entities",
        f"/entities/{entity_id}", "/quotes", "/quotes?speaker=a", "/claims", "/runs",
    ]


def test_every_page_has_a_json_twin(client: TestClient, corpus: Corpus) -> None:
    for path in page_paths(corpus):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        base, _, query = path.partition("?")
        twin = client.get(f"{base}.json" + (f"?{query}" if query else ""))
        assert twin.status_code == 200, path
        assert twin.headers["content-type"] == "application/json"
        assert f'href="{base}.json' in page.text  # the page links its twin


def test_json_twins_carry_the_data(
    client: TestClient, corpus: Corpus, labelled_examples: list[Analysis]
) -> None:
    listing = client.get("/articles.json").json()
    assert listing["articles"]["total"] == len(labelled_examples)
    article_id = listing["articles"]["items"][0]["id"]
    one = client.get(f"/articles/{article_id}.json").json()
    assert Analysis.model_validate(one["analysis"]).model_dump() == corpus.analysis(article_id).model_dump()

    overview = client.get("/corpus.json").json()
    assert overview["by_outlet"]["articles"] == {"Outlet A": 3, "Outlet B": 2}
    assert sum(overview["by_week"]["articles"].values()) == 5
    assert set(overview["top_entities"]) == {"Protagonist", "Antagonist", "Innocent"}

    entity = overview["top_entities"]["Antagonist"][0]
    page = client.get(f"/entities/{entity['id']}.json").json()
    assert page["name"] == entity["name"] and page["role_distribution"]["Antagonist"] >= 1
    assert page["roles"]["items"][0]["evidence"]
    quotes = client.get("/quotes.json").json()["quotes"]
    assert quotes["total"] == sum(len(a.quotes) for a in labelled_examples)
    claims = client.get("/claims.json").json()["claims"]
    assert claims["total"] == sum(len(a.claims) for a in labelled_examples)


def test_lists_are_paged_filtered_and_searched(client: TestClient, labelled_examples: list[Analysis]) -> None:
    last = client.get("/articles.json?per_page=2&page=3").json()["articles"]
    assert (last["total"], last["pages"], len(last["items"])) == (5, 3, 1)
    assert client.get("/articles.json?per_page=500").status_code == 422
    assert client.get("/entities.json?per_page=3").json()["entities"]["per_page"] == 3
    assert len(client.get("/narratives.json?by=outlet&per_page=2").json()["counts"]["items"]) == 2

    hits = client.get("/articles.json?q=Zelenskyy").json()["articles"]
    assert hits["total"] == sum("Zelenskyy" in a.text for a in labelled_examples)
    assert client.get("/articles.json?outlet=Outlet+B").json()["articles"]["total"] == 2
    assert client.get("/articles.json?date_to=2024-03-11").json()["articles"]["total"] == 2
    wrong = client.get("/articles?date_from=yesterday", headers={"accept": "text/html"})
    assert wrong.status_code == 400 and "not a date" in wrong.text
    assert client.get("/articles/999999.json").status_code == 404


def test_the_openapi_description_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/articles.json",
        "/articles/{article_id}.json",
        "/corpus.json",
        "/narratives.json",
        "/entities.json",
        "/entities/{entity_id}.json",
        "/quotes.json",
        "/claims.json",
        "/runs.json",
        "/analyse.json",
        "/ingest.json",
    ):
        assert path in paths, path
    assert "/articles" not in paths  # the HTML pages are not API


def test_writing_needs_the_token(tmp_path, settings: Settings) -> None:
    corpus = Corpus(f"sqlite:///{tmp_path / 'write.db'}")
    client = TestClient(create_app(corpus, settings))
    body = {"text": "Kyiv said on Monday that 40 drones were shot down.", "title": "Drones", "store": True}
    assert client.post("/analyse.json", json=body).status_code == 401
    assert (
        client.post("/analyse.json", json=body, headers={"authorization": "Bearer wrong"}).status_code == 401
    )
    assert client.post("/ingest.json", json={"sources": ["https://example.org/"]}).status_code == 401
    done = client.post("/analyse.json", json=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 200
    assert done.json()["outcome"] == "stored" and done.json()["analysis"]["stages"]["parse"]
    assert (
        client.get(f"/articles/{done.json()['id']}.json").json()["analysis"]["article"]["title"] == "Drones"
    )
    local = client.post(
        "/ingest.json", json={"sources": ["/etc/passwd"]}, headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert local.status_code == 422  # the API never reads the server's files

    without_token = TestClient(create_app(corpus, Settings(api_token=None)))
    assert (
        without_token.post("/analyse.json", json=body, headers={"authorization": "Bearer x"}).status_code
        == 403
    )


def test_reading_can_be_protected(corpus: Corpus) -> None:
    client = TestClient(create_app(corpus, Settings(api_token=TOKEN, api_protect_reads=True)))
    assert client.get("/articles.json").status_code == 401
    assert client.get("/corpus").status_code == 401
    assert client.get("/articles.json", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_article_text_is_escaped(tmp_path, settings: Settings) -> None:
    corpus = Corpus(f"sqlite:///{tmp_path / 'xss.db'}")
    article_id, _ = corpus.save(evil_analysis())
    client = TestClient(create_app(corpus, settings))
    for path in (f"/articles/{article_id}", "/articles", "/corpus", "/quotes", "/claims", "/entities"):
        markup = client.get(path).text
        assert "<script>window.__xss" not in markup and "<script>alert" not in markup, path
        assert (
            'id="injected"' not in markup and "<svg onload" not in markup and "<b onmouseover" not in markup
        ), path
    markup = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;window.__xss = 1; alert(&#34;xss&#34;)&lt;/script&gt;" in markup
    assert markup.count("<main>") == 1 and markup.count("</main>") == 1

    form = client.post(
        "/analyse",
        data={
            "text": EVIL + "Sent through the form.",
            "title": "<i>form</i>",
            "token": TOKEN,
            "store": "true",
        },
        follow_redirects=False,
    )
    assert form.status_code == 303
    markup = client.get(form.headers["location"]).text
    assert "&lt;i&gt;form&lt;/i&gt;" in markup and "<script>window.__xss" not in markup


@pytest.mark.parametrize("path", ["/corpus", "/articles"])
def test_pages_work_on_postgresql(
    postgres_url: str, labelled_examples: list[Analysis], settings: Settings, path: str
) -> None:
    corpus = stored_corpus(postgres_url, labelled_examples)
    client = TestClient(create_app(corpus, settings))
    assert client.get(path).status_code == 200
    assert client.get(f"{path}.json?q=Zelenskyy").status_code == 200
    hits = client.get("/articles.json?q=Zelenskyy").json()["articles"]["total"]
    assert hits == sum("Zelenskyy" in a.text for a in labelled_examples)
    article_id = client.get("/articles.json").json()["articles"]["items"][0]["id"]
    assert client.get(f"/articles/{article_id}").status_code == 200


def test_urls_are_analysed_and_ingested_over_the_api(tmp_path, settings: Settings, shared_examples) -> None:
    import http.server
    import threading
    from functools import partial

    site = tmp_path / "site"
    site.mkdir()
    body = shared_examples[1].read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip())
    (site / "news.html").write_text(
        "<html><head><title>A local page</title></head>"
        f"<body><article><h1>A local page</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    local = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=local.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{local.server_address[1]}/news.html"
    try:
        corpus = Corpus(f"sqlite:///{tmp_path / 'urls.db'}")
        client = TestClient(create_app(corpus, settings))
        auth = {"authorization": f"Bearer {TOKEN}"}
        analysed = client.post("/analyse.json", json={"url": url}, headers=auth)
        assert analysed.status_code == 200, analysed.text
        assert analysed.json()["id"] is None and "Kursk" in analysed.json()["analysis"]["article"]["text"]
        first = client.post("/ingest.json", json={"sources": [url]}, headers=auth).json()
        again = client.post("/ingest.json", json={"sources": [url]}, headers=auth).json()
        assert (first["stored"], again["stored"], again["skipped"]) == (1, 0, 1)
        stored = client.get("/articles.json").json()["articles"]["items"]
        assert [item["url"] for item in stored] == [url]
    finally:
        local.shutdown()
