"""``Corpus``: the stored analyses, for Python users, the exporter and the web app.

    >>> from narrascope import Corpus
    >>> corpus = Corpus("sqlite:///narrascope.db")
    >>> corpus.ingest(["../shared/examples"])
    >>> corpus.narratives_frame().groupby("narrative").size()

Every list method takes ``page`` (from 1) and ``per_page`` and returns a ``Page``.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Join, Select, and_, distinct, exists, func, join, literal_column, or_, select, text
from sqlalchemy.orm import sessionmaker

from narrascope.model import Analysis
from narrascope.settings import Settings, get_settings
from narrascope.store.db import create_engine, upgrade
from narrascope.store.ingest import RunSummary, ingest
from narrascope.store.schema import (
    AliasRow,
    AnalysisRow,
    ArticleRow,
    ClaimRow,
    EntityRow,
    EvidenceRow,
    IngestionRunRow,
    MentionRow,
    NarrativeRow,
    QuoteRow,
    RoleRow,
)
from narrascope.store.writer import Outcome, load_analysis, save_analysis

if TYPE_CHECKING:
    import pandas

MAX_PER_PAGE = 200
CACHE_SIZE = 512
MENTIONED_IN = 50  # articles listed on an entity's page, newest first
POSTGRES_DOCUMENT = "coalesce(articles.title, '') || ' ' || articles.text"


@dataclass(frozen=True)
class Filters:
    """What the corpus views are restricted to; empty fields do not restrict."""

    q: str | None = None
    outlet: str | None = None
    domain: str | None = None
    language: str | None = None
    narrative: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def active(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value not in (None, "")}


@dataclass
class Page:
    items: list[dict]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_json(self) -> dict:
        return {
            "items": self.items,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
        }


@dataclass
class Prevalence:
    """How many articles carry each narrative, per group (outlet or week)."""

    groups: list[str]
    narratives: list[str]
    articles: dict[str, int] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def joined_to_article(rows: type[MentionRow | NarrativeRow | RoleRow | QuoteRow | ClaimRow]) -> Join:
    """A table of an analysis's results joined through its analysis to the article analysed."""
    return join(rows, AnalysisRow, AnalysisRow.id == rows.analysis_id).join(
        ArticleRow, ArticleRow.id == AnalysisRow.article_id
    )


def fts5_query(words: str) -> str:
    """A user's words as an FTS5 query matching all of them (quoted, so operators are plain words)."""
    tokens = re.findall(r"\w+", words)
    return " ".join(f'"{token}"' for token in tokens)


class Corpus:
    def __init__(self, db: str | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.engine = create_engine(db or self.settings.db)
        upgrade(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.dialect = self.engine.dialect.name
        self._cache: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def version(self) -> tuple:
        """Changes whenever an analysis is stored or replaced (replacing one gives it a new id)."""
        with self.sessions() as session:
            return tuple(session.execute(select(func.count(AnalysisRow.id), func.max(AnalysisRow.id))).one())

    def _cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """Corpus-wide aggregates, computed once per state of the store (they are read far more than
        written)."""
        version = self.version()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return hit[1]
        value = compute()
        with self._cache_lock:
            self._cache[key] = (version, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def close(self) -> None:
        self.engine.dispose()

    # Writing

    def ingest(
        self,
        sources: list[str],
        stages: list[str] | None = None,
        on_item: Callable | None = None,
        pipeline=None,
    ) -> RunSummary:
        """Analyse and store the articles in ``sources`` (files, folders, URLs, feeds), with ``stages`` or
        with a ``pipeline`` already built (a ``narrascope.scale.DistributedPipeline``, say)."""
        from narrascope.ingest import read_sources
        from narrascope.pipeline import Pipeline

        pipeline = pipeline or Pipeline(stages, self.settings)
        return self.ingest_items(read_sources(sources, self.settings), pipeline, sources, on_item)

    def ingest_items(
        self, items: Iterable, pipeline, sources: list[str], on_item: Callable | None = None
    ) -> RunSummary:
        return ingest(self.sessions, items, pipeline, sources, on_item)

    def save(self, analysis: Analysis) -> tuple[int, Outcome]:
        """Store one analysis in its own transaction; returns the article's store id and what happened."""
        with self.sessions.begin() as session:
            outcome = save_analysis(session, analysis)
            article_id = session.scalar(
                select(ArticleRow.id).where(ArticleRow.content_hash == analysis.article.content_hash)
            )
        return article_id, outcome

    # Articles

    def _filtered(self, query: Select, filters: Filters) -> Select:
        if filters.q:
            if self.dialect == "sqlite":
                match = fts5_query(filters.q)
                if match:
                    matching = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match")
                    query = query.where(ArticleRow.id.in_(matching.bindparams(match=match)))
            else:
                # The very expression of the GIN index of the migration, so that PostgreSQL uses the index.
                document = func.to_tsvector(literal_column("'simple'"), literal_column(POSTGRES_DOCUMENT))
                words = func.plainto_tsquery(literal_column("'simple'"), filters.q)
                query = query.where(document.op("@@")(words))
        if filters.outlet:
            query = query.where(ArticleRow.outlet == filters.outlet)
        if filters.language:
            query = query.where(ArticleRow.language == filters.language)
        if filters.date_from:
            query = query.where(ArticleRow.published >= filters.date_from)
        if filters.date_to:
            query = query.where(ArticleRow.published <= filters.date_to)
        if filters.domain or filters.narrative:
            conditions = [NarrativeRow.analysis_id == AnalysisRow.id, AnalysisRow.article_id == ArticleRow.id]
            if filters.domain:
                conditions.append(NarrativeRow.domain == filters.domain)
            if filters.narrative:
                conditions.append(
                    or_(
                        NarrativeRow.narrative == filters.narrative,
                        NarrativeRow.subnarrative == filters.narrative,
                    )
                )
            query = query.where(exists(select(NarrativeRow.id).join(AnalysisRow).where(and_(*conditions))))
        return query

    def articles(self, filters: Filters = Filters(), page: int = 1, per_page: int = 20) -> Page:
        page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
        columns = [
            ArticleRow.id, ArticleRow.key, ArticleRow.title, ArticleRow.outlet, ArticleRow.published,
            ArticleRow.language, ArticleRow.url, func.substr(ArticleRow.text, 1, 240).label("snippet"),
        ]
        with self.sessions() as session:
            total = session.scalar(self._filtered(select(func.count(ArticleRow.id)), filters))
            rows = session.execute(
                self._filtered(select(*columns), filters)
                .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
            ids = [row.id for row in rows]
            labels: dict[int, list[str]] = defaultdict(list)
            if ids:
                for article_id, narrative in session.execute(
                    select(AnalysisRow.article_id, NarrativeRow.narrative)
                    .join(NarrativeRow, NarrativeRow.analysis_id == AnalysisRow.id)
                    .where(AnalysisRow.article_id.in_(ids))
                    .distinct()
                ):
                    labels[article_id].append(narrative)
        items = [{**row._asdict(), "narratives": sorted(labels[row.id])} for row in rows]
        return Page(items, total or 0, page, per_page)

    def analysis(self, article_id: int) -> Analysis | None:
        with self.sessions() as session:
            article = session.get(ArticleRow, article_id)
            if article is None or article.analysis is None:
                return None
            return load_analysis(article, article.analysis)

    def entity_links(self, keys: Iterable[str]) -> dict[str, int]:
        """Entity key -> store id, for linking an article's entities to their pages."""
        keys = list(keys)
        if not keys:
            return {}
        with self.sessions() as session:
            return dict(
                session.execute(select(EntityRow.key, EntityRow.id).where(EntityRow.key.in_(keys))).all()
            )

    def facets(self) -> dict[str, list[str]]:
        """The values the filters can take."""
        return self._cached(("facets",), self._facets)

    def _facets(self) -> dict[str, list[str]]:
        with self.sessions() as session:
            def values(column) -> list[str]:
                query = select(column).distinct().where(column.is_not(None)).order_by(column)
                return [v for (v,) in session.execute(query)]

            return {
                "outlets": values(ArticleRow.outlet),
                "languages": values(ArticleRow.language),
                "domains": values(NarrativeRow.domain),
                "narratives": values(NarrativeRow.narrative),
            }

    def counts(self) -> dict[str, int]:
        return self._cached(("counts",), self._counts)

    def _counts(self) -> dict[str, int]:
        with self.sessions() as session:
            return {
                "articles": session.scalar(select(func.count(ArticleRow.id))) or 0,
                "entities": session.scalar(select(func.count(EntityRow.id))) or 0,
                "quotes": session.scalar(select(func.count(QuoteRow.id))) or 0,
                "claims": session.scalar(select(func.count(ClaimRow.id))) or 0,
            }

    # Narratives

    def _narrative_rows(self, filters: Filters, group_column) -> list:
        query = (
            select(group_column.label("group"), NarrativeRow.narrative, func.count(distinct(AnalysisRow.id)))
            .select_from(ArticleRow)
            .join(AnalysisRow, AnalysisRow.article_id == ArticleRow.id)
            .join(NarrativeRow, NarrativeRow.analysis_id == AnalysisRow.id)
            .group_by(group_column, NarrativeRow.narrative)
        )
        if filters.domain:
            query = query.where(NarrativeRow.domain == filters.domain)
        with self.sessions() as session:
            without_domain = Filters(**{**asdict(filters), "domain": None})
            return session.execute(self._filtered(query, without_domain)).all()

    def _article_totals(self, filters: Filters, group_column) -> list:
        query = self._filtered(
            select(group_column, func.count(ArticleRow.id)).group_by(group_column), filters
        )
        with self.sessions() as session:
            return session.execute(query).all()

    def prevalence(self, filters: Filters = Filters(), by: str = "outlet") -> Prevalence:
        """Articles per narrative and group; ``by`` is ``outlet`` or ``week`` (weeks start on Monday)."""
        if by not in ("outlet", "week"):
            raise ValueError(f"prevalence by {by!r}: use 'outlet' or 'week'")
        return self._cached(("prevalence", filters, by), lambda: self._prevalence(filters, by))

    def _prevalence(self, filters: Filters, by: str) -> Prevalence:
        column = ArticleRow.outlet if by == "outlet" else ArticleRow.published

        def group_of(value) -> str | None:
            if by == "outlet":
                return value or "(unknown outlet)"
            return week_of(value).isoformat() if value else None

        counts: dict[str, Counter] = defaultdict(Counter)
        for value, narrative, n in self._narrative_rows(filters, column):
            if (group := group_of(value)) is not None:
                counts[group][narrative] += n
        articles: Counter = Counter()
        for value, n in self._article_totals(filters, column):
            if (group := group_of(value)) is not None:
                articles[group] += n
        totals = Counter()
        for per_group in counts.values():
            totals.update(per_group)
        groups = sorted(articles, key=lambda g: -articles[g]) if by == "outlet" else sorted(articles)
        return Prevalence(
            groups=groups,
            narratives=[label for label, _ in totals.most_common()],
            articles=dict(articles),
            counts={group: dict(counts[group]) for group in groups},
        )

    def narrative_counts(
        self, filters: Filters = Filters(), by: str = "outlet", page: int = 1, per_page: int = 50
    ) -> Page:
        """The prevalence as a flat, paged list of {group, narrative, articles, share}."""
        prevalence = self.prevalence(filters, by)
        rows = [
            {
                by: group,
                "narrative": narrative,
                "articles": n,
                "share": round(n / prevalence.articles[group], 4) if prevalence.articles.get(group) else 0.0,
            }
            for group in prevalence.groups
            for narrative, n in sorted(prevalence.counts[group].items(), key=lambda item: -item[1])
        ]
        return paged(rows, page, per_page)

    # Entities

    def top_entities(self, filters: Filters = Filters(), limit: int = 10) -> dict[str, list[dict]]:
        """The entities most often cast in each main role in the filtered articles."""
        return self._cached(("top_entities", filters, limit), lambda: self._top_entities(filters, limit))

    def _top_entities(self, filters: Filters, limit: int) -> dict[str, list[dict]]:
        query = (
            select(RoleRow.main_role, EntityRow.id, EntityRow.name, func.count(RoleRow.id).label("n"))
            .select_from(ArticleRow)
            .join(AnalysisRow, AnalysisRow.article_id == ArticleRow.id)
            .join(RoleRow, RoleRow.analysis_id == AnalysisRow.id)
            .join(EntityRow, EntityRow.id == RoleRow.entity_id)
            .group_by(RoleRow.main_role, EntityRow.id, EntityRow.name)
        )
        result: dict[str, list[dict]] = {"Protagonist": [], "Antagonist": [], "Innocent": []}
        with self.sessions() as session:
            rows = session.execute(self._filtered(query, filters)).all()
        for role, entity_id, name, n in sorted(rows, key=lambda row: (-row.n, row.name)):
            if len(result.setdefault(role, [])) < limit:
                result[role].append({"id": entity_id, "name": name, "articles": n})
        return result

    def entities(self, q: str | None = None, page: int = 1, per_page: int = 50) -> Page:
        page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
        articles = (
            select(func.count(distinct(MentionRow.analysis_id)))
            .where(MentionRow.entity_id == EntityRow.id)
            .scalar_subquery()
        )
        roles = select(func.count(RoleRow.id)).where(RoleRow.entity_id == EntityRow.id).scalar_subquery()
        query = select(
            EntityRow.id, EntityRow.key, EntityRow.name, EntityRow.type,
            articles.label("articles"), roles.label("roles"),
        )
        if q:
            query = query.where(
                or_(
                    EntityRow.name.ilike(f"%{q}%"),
                    EntityRow.id.in_(select(AliasRow.entity_id).where(AliasRow.alias.ilike(f"%{q}%"))),
                )
            )
        with self.sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            rows = session.execute(
                query.order_by(text("articles DESC"), EntityRow.name)
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
        return Page([row._asdict() for row in rows], total or 0, page, per_page)

    def entity(self, entity_id: int, page: int = 1, per_page: int = 50) -> dict | None:
        """An entity's names and the roles it was given, per week and one by one with their evidence."""
        page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
        with self.sessions() as session:
            entity = session.get(EntityRow, entity_id)
            if entity is None:
                return None
            aliases = list(
                session.scalars(
                    select(AliasRow.alias).where(AliasRow.entity_id == entity_id).order_by(AliasRow.alias)
                )
            )
            role_query = (
                select(
                    RoleRow.id, RoleRow.main_role, RoleRow.fine_roles, RoleRow.score,
                    ArticleRow.id.label("article_id"), ArticleRow.title, ArticleRow.outlet,
                    ArticleRow.published,
                )
                .select_from(joined_to_article(RoleRow))
                .where(RoleRow.entity_id == entity_id)
            )
            over_time: dict[str, Counter] = defaultdict(Counter)
            distribution: Counter = Counter()
            for role, published in session.execute(
                select(RoleRow.main_role, ArticleRow.published)
                .select_from(joined_to_article(RoleRow))
                .where(RoleRow.entity_id == entity_id)
            ):
                distribution[role] += 1
                if published:
                    over_time[week_of(published).isoformat()][role] += 1
            total = sum(distribution.values())
            rows = session.execute(
                role_query.order_by(ArticleRow.published.desc().nulls_last(), RoleRow.id.desc())
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
            evidence: dict[int, list[dict]] = defaultdict(list)
            if rows:
                for e in session.scalars(
                    select(EvidenceRow)
                    .where(EvidenceRow.role_id.in_([r.id for r in rows]))
                    .order_by(EvidenceRow.start)
                ):
                    evidence[e.role_id].append(
                        {"start": e.start, "end": e.end, "text": e.text, "score": e.score}
                    )
            articles = session.scalar(
                select(func.count(distinct(MentionRow.analysis_id))).where(MentionRow.entity_id == entity_id)
            )
            mentioned_in = session.execute(
                select(
                    ArticleRow.id.label("article_id"), ArticleRow.title, ArticleRow.outlet,
                    ArticleRow.published,
                    func.count(MentionRow.id).label("mentions"), func.min(MentionRow.start).label("first"),
                )
                .select_from(joined_to_article(MentionRow))
                .where(MentionRow.entity_id == entity_id)
                .group_by(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published)
                .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
                .limit(MENTIONED_IN)
            ).all()
        roles = [
            {
                **row._asdict(),
                "fine_roles": [r for r in row.fine_roles.split("; ") if r],
                "evidence": evidence[row.id],
            }
            for row in rows
        ]
        return {
            "id": entity.id,
            "key": entity.key,
            "name": entity.name,
            "type": entity.type,
            "in_gazetteer": entity.in_gazetteer,
            "aliases": aliases,
            "articles": articles or 0,
            "role_distribution": dict(distribution),
            "roles_over_time": {week: dict(over_time[week]) for week in sorted(over_time)},
            "roles": Page(roles, total, page, per_page).as_json(),
            "mentioned_in": [row._asdict() for row in mentioned_in],
        }

    # Quotes and claims

    def quotes(
        self, speaker: str | None = None, entity_id: int | None = None, page: int = 1, per_page: int = 50
    ) -> Page:
        query = (
            select(
                QuoteRow.id, QuoteRow.speaker, QuoteRow.speaker_entity_id, QuoteRow.cue, QuoteRow.kind,
                QuoteRow.start, QuoteRow.end, QuoteRow.text, QuoteRow.score,
                ArticleRow.id.label("article_id"), ArticleRow.title, ArticleRow.outlet, ArticleRow.published,
            )
            .select_from(joined_to_article(QuoteRow))
        )
        if speaker:
            query = query.where(QuoteRow.speaker.ilike(f"%{speaker}%"))
        if entity_id is not None:
            query = query.where(QuoteRow.speaker_entity_id == entity_id)
        newest_first = query.order_by(ArticleRow.published.desc().nulls_last(), QuoteRow.id)
        return self._page(newest_first, page, per_page)

    def speakers(self, limit: int = 50) -> list[dict]:
        """Who is quoted most, by the speaker's text as written."""
        with self.sessions() as session:
            rows = session.execute(
                select(QuoteRow.speaker, func.count(QuoteRow.id).label("quotes"))
                .where(QuoteRow.speaker.is_not(None))
                .group_by(QuoteRow.speaker)
                .order_by(text("quotes DESC"), QuoteRow.speaker)
                .limit(limit)
            ).all()
        return [row._asdict() for row in rows]

    def claims(self, q: str | None = None, page: int = 1, per_page: int = 50) -> Page:
        query = (
            select(
                ClaimRow.id, ClaimRow.text, ClaimRow.low, ClaimRow.high, ClaimRow.approximate,
                ClaimRow.counted, ClaimRow.sentence, ClaimRow.date, ClaimRow.place, ClaimRow.source,
                ClaimRow.start, ClaimRow.end,
                ArticleRow.id.label("article_id"), ArticleRow.title, ArticleRow.outlet, ArticleRow.published,
            )
            .select_from(joined_to_article(ClaimRow))
        )
        if q:
            query = query.where(or_(ClaimRow.counted.ilike(f"%{q}%"), ClaimRow.sentence.ilike(f"%{q}%")))
        newest_first = query.order_by(ArticleRow.published.desc().nulls_last(), ClaimRow.id)
        return self._page(newest_first, page, per_page)

    # Ingestion runs

    def runs(self, page: int = 1, per_page: int = 20) -> Page:
        page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
        with self.sessions() as session:
            total = session.scalar(select(func.count(IngestionRunRow.id))) or 0
            runs = session.scalars(
                select(IngestionRunRow)
                .order_by(IngestionRunRow.id.desc())
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
            items = [
                {
                    "id": run.id, "status": run.status, "started_at": run.started_at,
                    "finished_at": run.finished_at, "sources": run.sources, "stages": run.stages,
                    "stored": run.stored, "reanalysed": run.reanalysed, "skipped": run.skipped,
                    "failed": run.failed,
                    "failures": [
                        {"item": f.item, "error": f.error, "message": f.message, "failed_at": f.failed_at}
                        for f in run.failures
                    ],
                }
                for run in runs
            ]
        return Page(items, total, page, per_page)

    def _page(self, query: Select, page: int, per_page: int) -> Page:
        page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
        with self.sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
            rows = session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
        return Page([row._asdict() for row in rows], total, page, per_page)

    # Frames (pandas)

    def _frame(self, query: Select) -> pandas.DataFrame:
        import pandas

        with self.engine.connect() as connection:
            return pandas.read_sql(query, connection)

    def articles_frame(self) -> pandas.DataFrame:
        return self._frame(
            select(
                ArticleRow.id, ArticleRow.key, ArticleRow.url, ArticleRow.source, ArticleRow.outlet,
                ArticleRow.title, ArticleRow.published, ArticleRow.language, ArticleRow.content_hash,
                ArticleRow.text,
                AnalysisRow.explanation, AnalysisRow.analysed_at,
            ).join(AnalysisRow, AnalysisRow.article_id == ArticleRow.id, isouter=True).order_by(ArticleRow.id)
        )

    def narratives_frame(self) -> pandas.DataFrame:
        return self._frame(
            select(
                ArticleRow.id.label("article_id"), ArticleRow.outlet, ArticleRow.published,
                ArticleRow.language, NarrativeRow.domain, NarrativeRow.narrative, NarrativeRow.subnarrative,
                NarrativeRow.score,
            )
            .select_from(joined_to_article(NarrativeRow))
            .order_by(ArticleRow.id, NarrativeRow.id)
        )

    def roles_frame(self) -> pandas.DataFrame:
        return self._frame(
            select(
                ArticleRow.id.label("article_id"), ArticleRow.outlet, ArticleRow.published,
                EntityRow.key.label("entity"), EntityRow.name.label("entity_name"),
                EntityRow.type.label("entity_type"),
                RoleRow.main_role, RoleRow.fine_roles, RoleRow.score,
            )
            .select_from(joined_to_article(RoleRow))
            .join(EntityRow, EntityRow.id == RoleRow.entity_id)
            .order_by(ArticleRow.id, RoleRow.id)
        )

    def quotes_frame(self) -> pandas.DataFrame:
        return self._frame(
            select(
                ArticleRow.id.label("article_id"), ArticleRow.outlet, ArticleRow.published, QuoteRow.speaker,
                EntityRow.key.label("speaker_entity"), QuoteRow.cue, QuoteRow.kind, QuoteRow.start,
                QuoteRow.end, QuoteRow.text, QuoteRow.score,
            )
            .select_from(joined_to_article(QuoteRow))
            .join(EntityRow, EntityRow.id == QuoteRow.speaker_entity_id, isouter=True)
            .order_by(ArticleRow.id, QuoteRow.id)
        )

    def claims_frame(self) -> pandas.DataFrame:
        return self._frame(
            select(
                ArticleRow.id.label("article_id"), ArticleRow.outlet, ArticleRow.published, ClaimRow.text,
                ClaimRow.low, ClaimRow.high, ClaimRow.approximate, ClaimRow.counted, ClaimRow.sentence,
                ClaimRow.date, ClaimRow.place, ClaimRow.source, ClaimRow.start, ClaimRow.end,
            )
            .select_from(joined_to_article(ClaimRow))
            .order_by(ArticleRow.id, ClaimRow.id)
        )

    def frame(self, what: str) -> pandas.DataFrame:
        frames = {
            "articles": self.articles_frame,
            "narratives": self.narratives_frame,
            "roles": self.roles_frame,
            "quotes": self.quotes_frame,
            "claims": self.claims_frame,
        }
        if what not in frames:
            raise ValueError(f"unknown table {what!r}; choose one of {', '.join(frames)}")
        return frames[what]()


def paged(rows: list[dict], page: int, per_page: int) -> Page:
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    return Page(rows[(page - 1) * per_page : page * per_page], len(rows), page, per_page)
