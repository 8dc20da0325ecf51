"""Writing one Analysis into the store, inside the caller's transaction.

An article is the same article when its content hash or its URL is already stored; it is then updated
in place and its analysis replaced, never stored twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from narrascope.model import Analysis, Article, Evidence
from narrascope.store.schema import (
    AliasRow,
    AnalysisModelVersionRow,
    AnalysisRow,
    ArticleRow,
    ClaimRow,
    EntityRow,
    EvidenceRow,
    MentionRow,
    ModelVersionRow,
    NarrativeRow,
    QuoteRow,
    RoleRow,
)

Outcome = Literal["stored", "reanalysed", "unchanged"]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def find_article(session: Session, article: Article) -> ArticleRow | None:
    """The stored row of this article: same content first, else same URL."""
    conditions = [ArticleRow.content_hash == article.content_hash]
    if article.url:
        conditions.append(ArticleRow.url == article.url)
    rows = session.scalars(select(ArticleRow).where(or_(*conditions))).all()
    return next((row for row in rows if row.content_hash == article.content_hash), rows[0] if rows else None)


def stored_stages(session: Session, article: Article) -> dict[str, str] | None:
    """Stage versions of the stored analysis of this exact content, or None when it must be analysed."""
    row = session.execute(
        select(AnalysisRow.stages)
        .join(ArticleRow, AnalysisRow.article_id == ArticleRow.id)
        .where(ArticleRow.content_hash == article.content_hash)
    ).first()
    return row[0] if row else None


def document(analysis: Analysis) -> dict:
    """The Analysis as JSON without the article texts, which live in the articles table."""
    data = analysis.model_dump(mode="json")
    del data["article"]["raw_text"], data["article"]["text"]
    return data


def load_analysis(article: ArticleRow, analysis: AnalysisRow) -> Analysis:
    data = dict(analysis.document)
    data["article"] = {**data["article"], "raw_text": article.raw_text, "text": article.text}
    return Analysis.model_validate(data)


def save_analysis(session: Session, analysis: Analysis) -> Outcome:
    """Store or replace the analysis of an article. Call inside a transaction; flushes, never commits."""
    article = analysis.article
    row = find_article(session, article)
    if (
        row is not None
        and row.content_hash == article.content_hash
        and row.analysis is not None
        and row.analysis.stages == analysis.stages
    ):
        return "unchanged"
    outcome: Outcome = "stored" if row is None else "reanalysed"
    if row is None:
        row = ArticleRow(content_hash=article.content_hash, url=article.url, ingested_at=now())
        session.add(row)
    elif row.analysis is not None:
        session.delete(row.analysis)
        session.flush()
    row.key = article.id
    row.content_hash = article.content_hash
    row.source = article.source
    row.outlet = article.outlet
    row.title = article.title
    row.published = article.published
    row.language = article.language
    row.raw_text = article.raw_text
    row.text = article.text or article.raw_text
    if article.url and row.url != article.url and not _url_taken(session, article.url):
        row.url = article.url
    session.flush()

    entity_ids = _ensure_entities(session, analysis)
    stored = AnalysisRow(
        article_id=row.id,
        stages=dict(analysis.stages),
        document=document(analysis),
        explanation=analysis.explanation.text if analysis.explanation else None,
        analysed_at=now(),
    )
    session.add(stored)
    session.flush()
    _add_children(session, stored, analysis, entity_ids)
    _link_model_versions(session, stored, analysis.stages)
    return outcome


def _url_taken(session: Session, url: str) -> bool:
    return session.scalar(select(ArticleRow.id).where(ArticleRow.url == url)) is not None


def _insert_ignoring_duplicates(session: Session, table, rows: list[dict], keys: list[str]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING, so that concurrent writers sharing entities do not collide."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(table).on_conflict_do_nothing(index_elements=keys), rows)


def _ensure_entities(session: Session, analysis: Analysis) -> dict[str, int]:
    """Entity key -> row id for every entity the analysis refers to (created when new)."""
    wanted = {entity.id: entity for entity in analysis.entities}
    referenced = {role.entity_id for role in analysis.roles}
    referenced |= {quote.speaker_entity_id for quote in analysis.quotes if quote.speaker_entity_id}
    referenced |= {claim.source_entity_id for claim in analysis.claims if claim.source_entity_id}
    rows = [
        {"key": entity.id, "name": entity.name, "type": entity.type, "in_gazetteer": entity.in_gazetteer}
        for entity in wanted.values()
    ]
    rows += [
        {"key": key, "name": key, "type": "UNKNOWN", "in_gazetteer": False}
        for key in referenced - wanted.keys()
    ]
    _insert_ignoring_duplicates(session, EntityRow.__table__, rows, ["key"])
    keys = [row["key"] for row in rows]
    ids = {}
    if keys:
        ids = dict(session.execute(select(EntityRow.key, EntityRow.id).where(EntityRow.key.in_(keys))).all())
    aliases = [
        {"entity_id": ids[entity.id], "alias": alias}
        for entity in wanted.values()
        for alias in dict.fromkeys([entity.name, *entity.aliases])
    ]
    _insert_ignoring_duplicates(session, AliasRow.__table__, aliases, ["entity_id", "alias"])
    return ids


def _evidence_rows(stored: AnalysisRow, kind: str, evidence: list[Evidence], **link) -> list[EvidenceRow]:
    return [
        EvidenceRow(
            analysis_id=stored.id, kind=kind, start=e.start, end=e.end, text=e.text, score=e.score, **link
        )
        for e in evidence
    ]


def _add_children(
    session: Session, stored: AnalysisRow, analysis: Analysis, entity_ids: dict[str, int]
) -> None:
    session.add_all(
        MentionRow(
            analysis_id=stored.id,
            entity_id=entity_ids[entity.id],
            start=mention.start,
            end=mention.end,
            text=mention.text,
            label=mention.label,
            sentence=mention.sentence,
        )
        for entity in analysis.entities
        for mention in entity.mentions
    )
    for label in analysis.narratives:
        narrative = NarrativeRow(
            analysis_id=stored.id,
            domain=label.domain,
            narrative=label.narrative,
            subnarrative=label.subnarrative,
            score=label.score,
        )
        session.add(narrative)
        session.flush()
        session.add_all(_evidence_rows(stored, "narrative", label.evidence, narrative_id=narrative.id))
    for label in analysis.roles:
        role = RoleRow(
            analysis_id=stored.id,
            entity_id=entity_ids[label.entity_id],
            main_role=label.main_role,
            fine_roles="; ".join(label.fine_roles),
            score=label.score,
        )
        session.add(role)
        session.flush()
        session.add_all(_evidence_rows(stored, "role", label.evidence, role_id=role.id))
    if analysis.explanation:
        session.add_all(_evidence_rows(stored, "explanation", analysis.explanation.evidence))
    session.add_all(
        QuoteRow(
            analysis_id=stored.id,
            speaker=quote.speaker.text if quote.speaker else None,
            speaker_entity_id=entity_ids.get(quote.speaker_entity_id) if quote.speaker_entity_id else None,
            cue=quote.cue.text if quote.cue else None,
            kind=quote.kind,
            start=quote.content.start,
            end=quote.content.end,
            text=quote.content.text,
            score=quote.score,
        )
        for quote in analysis.quotes
    )
    session.add_all(
        ClaimRow(
            analysis_id=stored.id,
            start=claim.span.start,
            end=claim.span.end,
            text=claim.span.text,
            low=claim.quantity.low,
            high=claim.quantity.high,
            approximate=claim.quantity.approximate,
            counted=claim.counted,
            sentence=claim.sentence.text,
            date=claim.date,
            place=claim.place,
            source=claim.source.text if claim.source else None,
            source_entity_id=entity_ids.get(claim.source_entity_id) if claim.source_entity_id else None,
        )
        for claim in analysis.claims
    )
    session.flush()


def _link_model_versions(session: Session, stored: AnalysisRow, stages: dict[str, str]) -> None:
    rows = [{"stage": stage, "version": version} for stage, version in stages.items()]
    _insert_ignoring_duplicates(session, ModelVersionRow.__table__, rows, ["stage", "version"])
    for stage, version in stages.items():
        version_id = session.scalar(
            select(ModelVersionRow.id).where(
                ModelVersionRow.stage == stage, ModelVersionRow.version == version
            )
        )
        session.add(AnalysisModelVersionRow(analysis_id=stored.id, model_version_id=version_id))
    session.flush()
