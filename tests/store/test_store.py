"""The store on a real SQLite file and a real PostgreSQL server: schema, saving, idempotent ingestion,
queries."""

from __future__ import annotations

import io
import json
import shutil

import pandas
import pytest
from sqlalchemy import func, select, text

from narrascope.model import Analysis
from narrascope.store import Corpus, Filters
from narrascope.store.db import normalise_url
from narrascope.store.export import frame_bytes
from narrascope.store.schema import (
    AnalysisRow,
    ArticleRow,
    Base,
    EvidenceRow,
    MentionRow,
    NarrativeRow,
    RoleRow,
)

STAGES = ["clean", "parse"]


def test_database_urls_are_normalised() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("corpus.db") == "sqlite:///corpus.db"
    with pytest.raises(Exception, match="unsupported database URL"):
        normalise_url("mysql://u@h/db")


def test_migrations_create_exactly_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    corpus = Corpus(db_url)
    with corpus.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # The full-text index (an FTS5 table on SQLite, an expression index on PostgreSQL) is not in the models.
    differences = [
        d
        for d in differences
        if not (
            d[0] in ("remove_table", "remove_index")
            and d[1].name.startswith(("articles_fts", "ix_articles_fts"))
        )
    ]
    assert differences == []
    if corpus.dialect == "sqlite":
        with corpus.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    Corpus(db_url)  # opening again migrates nothing and fails nothing


def test_an_analysis_reloads_losslessly(db_url: str, labelled_examples: list[Analysis]) -> None:
    corpus = Corpus(db_url)
    for analysis in labelled_examples:
        article_id, outcome = corpus.save(analysis)
        assert outcome == "stored"
        assert corpus.analysis(article_id).model_dump() == analysis.model_dump()
    counts = corpus.counts()
    assert counts["articles"] == len(labelled_examples)
    assert counts["entities"] == len({e.id for a in labelled_examples for e in a.entities})
    with corpus.sessions() as session:
        assert session.scalar(select(func.count(NarrativeRow.id))) == sum(
            len(a.narratives) for a in labelled_examples
        )
        assert session.scalar(select(func.count(RoleRow.id))) == sum(len(a.roles) for a in labelled_examples)
        assert session.scalar(select(func.count(MentionRow.id))) == sum(
            len(e.mentions) for a in labelled_examples for e in a.entities
        )


def test_the_same_content_or_url_is_stored_once(db_url: str, labelled_examples: list[Analysis]) -> None:
    corpus = Corpus(db_url)
    first = labelled_examples[0]
    article_id, _ = corpus.save(first)
    assert corpus.save(first) == (article_id, "unchanged")

    renamed = first.model_copy(deep=True)
    renamed.article.id = "another-name.txt"
    assert corpus.save(renamed) == (article_id, "unchanged")

    fetched = labelled_examples[1].model_copy(deep=True)
    fetched.article.url = "https://example.org/news/1"
    url_id, outcome = corpus.save(fetched)
    assert outcome == "stored"
    updated = labelled_examples[2].model_copy(deep=True)
    updated.article.url = "https://example.org/news/1"  # the page changed since we fetched it
    assert corpus.save(updated) == (url_id, "reanalysed")
    assert corpus.analysis(url_id).text == updated.text
    assert corpus.counts()["articles"] == 2


def test_ingesting_twice_stores_nothing_new(db_url: str, shared_examples, tmp_path) -> None:
    corpus = Corpus(db_url)
    first = corpus.ingest([str(p) for p in shared_examples], STAGES)
    assert (first.stored, first.skipped, first.failed) == (len(shared_examples), 0, 0)

    copies = tmp_path / "copies"
    copies.mkdir()
    for path in shared_examples:
        shutil.copy(path, copies / f"copy-of-{path.name}")
    again = corpus.ingest([str(p) for p in shared_examples] + [str(copies)], STAGES)
    assert (again.stored, again.reanalysed, again.skipped, again.failed) == (
        0,
        0,
        2 * len(shared_examples),
        0,
    )
    assert corpus.counts()["articles"] == len(shared_examples)


def test_a_model_upgrade_reanalyses_only_what_changed(db_url: str, shared_examples, monkeypatch) -> None:
    corpus = Corpus(db_url)
    sources = [str(p) for p in shared_examples]
    corpus.ingest(sources, STAGES)
    with corpus.sessions.begin() as session:
        oldest = session.scalar(select(AnalysisRow).order_by(AnalysisRow.id).limit(1))
        oldest.stages = {**oldest.stages, "parse": "an older version"}
    run = corpus.ingest(sources, STAGES)
    assert (run.stored, run.reanalysed, run.skipped) == (0, 1, len(shared_examples) - 1)

    from narrascope.entities.parse import Parser

    monkeypatch.setattr(Parser, "version", Parser.version + "-upgraded")
    run = corpus.ingest(sources, STAGES)
    assert (run.stored, run.reanalysed, run.skipped) == (0, len(shared_examples), 0)
    with corpus.sessions() as session:
        versions = session.scalars(select(AnalysisRow.stages)).all()
    assert all(v["parse"] == Parser.version for v in versions)
    assert corpus.counts()["articles"] == len(shared_examples)


def test_failures_are_recorded_per_item(db_url: str, shared_examples, tmp_path) -> None:
    corpus = Corpus(db_url)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    run = corpus.ingest([str(shared_examples[0]), str(empty), str(tmp_path / "missing.txt")], STAGES)
    assert (run.stored, run.failed) == (1, 2)
    recorded = corpus.runs().items[0]
    assert recorded["status"] == "finished"
    assert {f["item"] for f in recorded["failures"]} == {str(empty), str(tmp_path / "missing.txt")}
    assert all(f["error"] == "InputError" for f in recorded["failures"])


def test_queries_filter_search_and_page(db_url: str, labelled_examples: list[Analysis]) -> None:
    corpus = Corpus(db_url)
    ids = [corpus.save(a)[0] for a in labelled_examples]

    everything = corpus.articles(per_page=2)
    assert (everything.total, len(everything.items), everything.pages) == (5, 2, 3)
    assert [a["id"] for a in corpus.articles(per_page=2, page=3).items] == [ids[0]]  # newest first

    word = "Zelenskyy"
    expected = {i for i, a in zip(ids, labelled_examples) if word in a.text}
    assert 0 < len(expected) < len(ids)
    assert {a["id"] for a in corpus.articles(Filters(q=word), per_page=50).items} == expected
    assert corpus.articles(Filters(q='" OR ) NEAR(')).total == 0  # operators are words, not syntax

    outlet_a = corpus.articles(Filters(outlet="Outlet A")).total
    assert outlet_a == sum(a.article.outlet == "Outlet A" for a in labelled_examples)
    narrative = labelled_examples[0].narratives[0].narrative
    with_narrative = {
        i for i, a in zip(ids, labelled_examples) if any(n.narrative == narrative for n in a.narratives)
    }
    assert {a["id"] for a in corpus.articles(Filters(narrative=narrative)).items} == with_narrative
    march = corpus.articles(
        Filters(
            date_from=labelled_examples[1].article.published, date_to=labelled_examples[2].article.published
        )
    )
    assert {a["id"] for a in march.items} == {ids[1], ids[2]}

    by_outlet = corpus.prevalence(by="outlet")
    assert by_outlet.articles == {"Outlet A": 3, "Outlet B": 2}
    assert by_outlet.counts["Outlet A"][narrative] == sum(
        1
        for a in labelled_examples
        if a.article.outlet == "Outlet A" and any(n.narrative == narrative for n in a.narratives)
    )
    by_week = corpus.prevalence(by="week")
    assert len(by_week.groups) == 5 and sum(by_week.articles.values()) == 5
    flat = corpus.narrative_counts(by="week", per_page=3)
    assert (
        flat.total == sum(len({n.narrative for n in a.narratives}) for a in labelled_examples)
        and len(flat.items) == 3
    )

    top = corpus.top_entities()
    role = labelled_examples[0].roles[0]
    assert labelled_examples[0].entity(role.entity_id).name in {e["name"] for e in top[role.main_role]}
    entity_id = corpus.entity_links([role.entity_id])[role.entity_id]
    page = corpus.entity(entity_id)
    assert page["role_distribution"][role.main_role] >= 1
    assert any(e["text"] == role.evidence[0].text for r in page["roles"]["items"] for e in r["evidence"])
    assert corpus.quotes().total == sum(len(a.quotes) for a in labelled_examples)
    assert corpus.claims().total == sum(len(a.claims) for a in labelled_examples)


def test_re_analysis_replaces_every_child_row(db_url: str, labelled_examples: list[Analysis]) -> None:
    corpus = Corpus(db_url)
    analysis = labelled_examples[0].model_copy(deep=True)
    article_id, _ = corpus.save(analysis)
    analysis.stages["test-labels"] = "2"
    analysis.narratives = analysis.narratives[:1]
    assert corpus.save(analysis) == (article_id, "reanalysed")
    with corpus.sessions() as session:
        assert session.scalar(select(func.count(NarrativeRow.id))) == 1
        assert session.scalar(select(func.count(EvidenceRow.id))) == (
            len(analysis.narratives[0].evidence)
            + sum(len(r.evidence) for r in analysis.roles)
            + len(analysis.explanation.evidence)
        )
        assert session.scalar(select(func.count(AnalysisRow.id))) == 1


def test_exports_and_frames(tmp_path, labelled_examples: list[Analysis]) -> None:
    corpus = Corpus(f"sqlite:///{tmp_path / 'export.db'}")
    for analysis in labelled_examples:
        corpus.save(analysis)
    narratives = corpus.narratives_frame()
    assert len(narratives) == sum(len(a.narratives) for a in labelled_examples)
    assert set(narratives.columns) >= {
        "article_id",
        "outlet",
        "published",
        "domain",
        "narrative",
        "subnarrative",
        "score",
    }
    for what in ("articles", "narratives", "roles", "quotes", "claims"):
        frame = corpus.frame(what)
        rows = [json.loads(line) for line in frame_bytes(frame, "jsonl").decode().splitlines()]
        assert len(rows) == len(frame)
        assert len(pandas.read_csv(io.BytesIO(frame_bytes(frame, "csv")))) == len(frame)
        assert pandas.read_parquet(io.BytesIO(frame_bytes(frame, "parquet"))).shape == frame.shape


def test_postgres_search_uses_the_full_text_index(
    postgres_url: str, labelled_examples: list[Analysis]
) -> None:
    from sqlalchemy.dialects import postgresql

    corpus = Corpus(postgres_url)
    for analysis in labelled_examples:
        corpus.save(analysis)
    query = corpus._filtered(select(ArticleRow.id), Filters(q="Zelenskyy"))
    compiled = query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    with corpus.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(row[0] for row in connection.execute(text(f"EXPLAIN {compiled}")))
    assert "ix_articles_fts" in plan, plan
