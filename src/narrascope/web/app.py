"""The web app: HTML pages over the store, each with a JSON twin at the same URL plus ``.json``.

Reading is open unless ``Settings.api_protect_reads``; writing (analyse, ingest) always needs
``Settings.api_token``, sent as ``Authorization: Bearer TOKEN``, as a form field, or as the cookie that
``GET /analyse?token=TOKEN`` sets. The OpenAPI description is at ``/openapi.json`` (the JSON twins and
the write endpoints; the HTML pages are left out of it).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from pydantic import BaseModel, Field

from narrascope import __version__
from narrascope.errors import InputError, NarrascopeError
from narrascope.model import Analysis, Article
from narrascope.settings import Settings, get_settings
from narrascope.store import Corpus, Filters
from narrascope.text import in_quotation_marks
from narrascope.web import charts
from narrascope.web.highlight import anchor_id, entities_by_mentions, headline, highlight, narrative_colours

STATIC = Path(__file__).parent / "static"
TOKEN_COOKIE = "narrascope_token"
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        (
            b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        ),
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]

PageNumber = Annotated[int, Query(ge=1, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=200, description="Items per page")]


class SecurityHeaders:
    """Adds the headers above to every response (plain ASGI: cheaper than an HTTP middleware)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def json_default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def to_json(data: Any) -> bytes:
    return json.dumps(data, default=json_default, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class ResponseCache:
    """Rendered responses by (path, query, store version); bounded, least recently used out first."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.responses: OrderedDict[tuple, tuple[bytes, int, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Response | None:
        with self.lock:
            hit = self.responses.get(key)
            if hit is None:
                return None
            self.responses.move_to_end(key)
        body, status, media_type = hit
        return Response(body, status_code=status, media_type=media_type)

    def put(self, key: tuple, response: Response) -> Response:
        if response.status_code == 200:
            with self.lock:
                self.responses[key] = (bytes(response.body), response.status_code, response.media_type)
                while len(self.responses) > self.size:
                    self.responses.popitem(last=False)
        return response


class AnalyseRequest(BaseModel):
    text: str | None = Field(default=None, description="The article text (give this or url)")
    url: str | None = Field(default=None, description="An http(s) URL to fetch the article from")
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    store: bool = Field(default=False, description="Also store the analysis in the corpus")


class IngestRequest(BaseModel):
    sources: list[str] = Field(description="http(s) URLs of articles or feeds")
    stages: list[str] | None = None


def parse_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: not a date (use YYYY-MM-DD): {value!r}") from None


def corpus_filters(
    q: Annotated[str | None, Query(description="Full-text search words")] = None,
    outlet: str | None = None,
    domain: Annotated[str | None, Query(description="URW or CC")] = None,
    language: str | None = None,
    narrative: Annotated[str | None, Query(description="A narrative or sub-narrative label")] = None,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
) -> Filters:
    return Filters(
        q=q or None,
        outlet=outlet or None,
        domain=domain or None,
        language=language or None,
        narrative=narrative or None,
        date_from=parse_date("date_from", date_from),
        date_to=parse_date("date_to", date_to),
    )


class Analyser:
    """The pipeline for on-demand analysis, built on first use and shared by the request threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipeline = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> Analysis:
        from narrascope.pipeline import Pipeline

        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(settings=self.settings)
            return self._pipeline(article)


def create_app(corpus: Corpus | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    corpus = corpus or Corpus(settings.db, settings)
    analyser = Analyser(settings)
    app = FastAPI(
        title="narrascope",
        version=__version__,
        description="Narratives, framing, quotes and claims in news articles. "
        "Every HTML page has a JSON twin at the same URL plus `.json`.",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is served
        redoc_url=None,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    templates = Environment(
        loader=PackageLoader("narrascope.web", "templates"), autoescape=True, auto_reload=False
    )
    templates.filters["in_quotation_marks"] = in_quotation_marks
    templates.globals.update(
        highlight=highlight,
        anchor_id=anchor_id,
        entities_by_mentions=entities_by_mentions,
        headline=headline,
        narrative_colours=narrative_colours,
        charts=charts,
        version=__version__,
        chart_min_articles=settings.chart_min_articles,
    )

    def token_of(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        return request.cookies.get(TOKEN_COOKIE)

    def valid(token: str | None) -> bool:
        return bool(settings.api_token and token and secrets.compare_digest(token, settings.api_token))

    def require_read(request: Request) -> None:
        if settings.api_protect_reads and not valid(token_of(request)):
            raise HTTPException(401, "this server needs a token to read: send Authorization: Bearer TOKEN")

    def require_write(token: str | None) -> None:
        if not settings.api_token:
            raise HTTPException(403, "writing is disabled: the server has no api_token setting")
        if not valid(token):
            raise HTTPException(401, "a valid token is needed: send Authorization: Bearer TOKEN")

    reading = [Depends(require_read)]

    def render(template: str, request: Request, data: Any, status: int = 200) -> HTMLResponse:
        query = f"?{request.url.query}" if request.url.query else ""
        context = {"request": request, "data": data, "json_url": f"{request.url.path}.json{query}"}
        return HTMLResponse(templates.get_template(template).render(context), status_code=status)

    pages = ResponseCache()

    def twin(path: str, template: str, summary: str, cached: bool = False):
        """Register a view as a JSON endpoint at ``path.json`` and as an HTML page at ``path``.

        ``cached`` views (corpus-wide aggregates) are rendered once per state of the store and query.
        """

        def register(view):
            def respond(request: Request, make: Callable[[], Response]) -> Response:
                if not cached:
                    return make()
                key = (request.url.path, request.url.query, corpus.version())
                return pages.get(key) or pages.put(key, make())

            @functools.wraps(view)
            def data(*args, **kwargs):
                return respond(
                    kwargs["request"],
                    lambda: Response(to_json(view(*args, **kwargs)), media_type="application/json"),
                )

            @functools.wraps(view)
            def page(*args, **kwargs):
                request = kwargs["request"]
                return respond(request, lambda: render(template, request, view(*args, **kwargs)))

            app.add_api_route(
                f"{path}.json",
                data,
                methods=["GET"],
                summary=summary,
                dependencies=reading,
                response_model=None,
            )
            app.add_api_route(
                path,
                page,
                methods=["GET"],
                include_in_schema=False,
                dependencies=reading,
                response_class=HTMLResponse,
                response_model=None,
            )
            return view

        return register

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> Response:
        wants_html = not request.url.path.endswith(".json") and "text/html" in request.headers.get(
            "accept", ""
        )
        if wants_html:
            return render(
                "error.html",
                request,
                {"status": error.status_code, "detail": error.detail},
                error.status_code,
            )
        return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/corpus")

    @twin("/articles", "articles.html", "List and search articles")
    def articles(
        request: Request,
        filters: Annotated[Filters, Depends(corpus_filters)],
        page: PageNumber = 1,
        per_page: PerPage = 20,
    ) -> dict:
        return {
            "filters": filters.active(),
            "facets": corpus.facets(),
            "articles": corpus.articles(filters, page, per_page).as_json(),
        }

    @twin("/articles/{article_id:int}", "article.html", "One article and its analysis")
    def article(request: Request, article_id: int) -> dict:
        analysis = corpus.analysis(article_id)
        if analysis is None:
            raise HTTPException(404, f"no article {article_id}")
        return {
            "id": article_id,
            "analysis": analysis,
            "entity_ids": corpus.entity_links(e.id for e in analysis.entities),
        }

    @twin(
        "/corpus", "corpus.html", "Narrative prevalence by outlet and week, top entities by role", cached=True
    )
    def corpus_view(request: Request, filters: Annotated[Filters, Depends(corpus_filters)]) -> dict:
        return {
            "filters": filters.active(),
            "facets": corpus.facets(),
            "counts": corpus.counts(),
            "by_outlet": corpus.prevalence(filters, "outlet"),
            "by_week": corpus.prevalence(filters, "week"),
            "top_entities": corpus.top_entities(filters),
        }

    @twin("/narratives", "narratives.html", "Narrative counts by outlet or by week", cached=True)
    def narratives(
        request: Request,
        filters: Annotated[Filters, Depends(corpus_filters)],
        by: Annotated[str, Query(pattern="^(outlet|week)$")] = "outlet",
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> dict:
        return {
            "by": by,
            "filters": filters.active(),
            "counts": corpus.narrative_counts(filters, by, page, per_page).as_json(),
        }

    @twin("/entities", "entities.html", "Entities, most mentioned first")
    def entities(
        request: Request, q: str | None = None, page: PageNumber = 1, per_page: PerPage = 50
    ) -> dict:
        return {"q": q, "entities": corpus.entities(q or None, page, per_page).as_json()}

    @twin("/entities/{entity_id:int}", "entity.html", "One entity: names and roles over time with evidence")
    def entity(request: Request, entity_id: int, page: PageNumber = 1, per_page: PerPage = 50) -> dict:
        found = corpus.entity(entity_id, page, per_page)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return found

    @twin("/quotes", "quotes.html", "Quotes, optionally by speaker")
    def quotes(
        request: Request,
        speaker: str | None = None,
        entity: int | None = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> dict:
        return {
            "speaker": speaker,
            "entity": entity,
            "speakers": corpus.speakers(),
            "quotes": corpus.quotes(speaker or None, entity, page, per_page).as_json(),
        }

    @twin("/claims", "claims.html", "Claims with numbers")
    def claims(request: Request, q: str | None = None, page: PageNumber = 1, per_page: PerPage = 50) -> dict:
        return {"q": q, "claims": corpus.claims(q or None, page, per_page).as_json()}

    @twin("/runs", "runs.html", "Ingestion runs and their failures")
    def runs(request: Request, page: PageNumber = 1, per_page: PerPage = 20) -> dict:
        return {"runs": corpus.runs(page, per_page).as_json()}

    def analyse_article(article: Article, store: bool) -> dict:
        try:
            analysis = analyser(article)
        except NarrascopeError as error:
            raise HTTPException(422, str(error)) from None
        article_id, outcome = corpus.save(analysis) if store else (None, "not stored")
        return {"id": article_id, "outcome": outcome, "analysis": analysis}

    def article_from(request: AnalyseRequest) -> Article:
        from narrascope.ingest import article_from_text, read_sources

        if request.url:
            if not request.url.startswith(("http://", "https://")):
                raise HTTPException(422, "url: only http(s) URLs can be analysed")
            item = next(iter(read_sources([request.url], settings)))
            if isinstance(item, NarrascopeError):
                raise HTTPException(422, str(item))
            return item
        text = request.text or ""
        if len(text.encode("utf-8")) > settings.max_input_bytes:
            raise HTTPException(413, f"text larger than {settings.max_input_bytes:,} bytes")
        fields = request.model_dump(include={"title", "outlet", "published", "language"}, exclude_none=True)
        try:
            return article_from_text(text, source="<web>", **fields)
        except InputError as error:
            raise HTTPException(422, str(error)) from None

    @app.post("/analyse.json", summary="Analyse posted text or a URL (needs the token); optionally store it")
    def analyse_json(request: Request, body: AnalyseRequest) -> dict:
        require_write(token_of(request))
        return jsonable_encoder(analyse_article(article_from(body), body.store))

    @app.post("/ingest.json", summary="Fetch, analyse and store articles or feeds by URL (needs the token)")
    def ingest_json(request: Request, body: IngestRequest) -> dict:
        require_write(token_of(request))
        if not all(source.startswith(("http://", "https://")) for source in body.sources):
            raise HTTPException(422, "sources: only http(s) URLs can be ingested over the API")
        try:
            return jsonable_encoder(corpus.ingest(body.sources, body.stages))
        except NarrascopeError as error:
            raise HTTPException(422, str(error)) from None

    @app.get("/analyse", include_in_schema=False, dependencies=reading)
    def analyse_form(request: Request, token: str | None = None) -> Response:
        if token is not None:
            require_write(token)
            response = RedirectResponse("/analyse", status_code=303)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return response
        return render(
            "analyse.html",
            request,
            {"has_token": valid(token_of(request)), "writable": bool(settings.api_token)},
        )

    @app.post("/analyse", include_in_schema=False)
    def analyse_page(
        request: Request,
        text: Annotated[str, Form()] = "",
        url: Annotated[str, Form()] = "",
        title: Annotated[str, Form()] = "",
        outlet: Annotated[str, Form()] = "",
        token: Annotated[str, Form()] = "",
        store: Annotated[bool, Form()] = False,
    ) -> Response:
        require_write(token or token_of(request))
        body = AnalyseRequest(
            text=text or None, url=url or None, title=title or None, outlet=outlet or None, store=store
        )
        result = analyse_article(article_from(body), store)
        if result["id"] is not None:
            return RedirectResponse(f"/articles/{result['id']}", status_code=303)
        return render("article.html", request, {"id": None, "analysis": result["analysis"], "entity_ids": {}})

    return app
