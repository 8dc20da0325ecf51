"""The tables of the store (SQLAlchemy 2 declarative models).

One ``Analysis`` becomes one ``articles`` row, one ``analyses`` row (holding the whole Analysis as JSON
for lossless reload) and rows in the tables below it, so that the corpus can be queried by narrative,
entity, role, quote and claim. Entities and their aliases are shared across articles (keyed by
``Entity.id``); everything under ``analyses`` is replaced when an article is re-analysed.
The Alembic migrations in ``migrations/versions`` create exactly these tables.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), index=True, doc="Article.id as the reader gave it")
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    source: Mapped[str] = mapped_column(Text, default="")
    outlet: Mapped[str | None] = mapped_column(String(256), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    raw_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)

    analysis: Mapped[AnalysisRow | None] = relationship(
        back_populates="article", cascade="all, delete-orphan", uselist=False
    )


class ModelVersionRow(Base):
    """One version of one stage; analyses link to the versions that produced them."""

    __tablename__ = "model_versions"
    __table_args__ = (UniqueConstraint("stage", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(128))


class AnalysisModelVersionRow(Base):
    __tablename__ = "analysis_model_versions"

    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True)
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_versions.id"), primary_key=True)


class AnalysisRow(Base):
    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), unique=True)
    stages: Mapped[dict] = mapped_column(JSON, doc="Stage name -> version, as in Analysis.stages")
    document: Mapped[dict] = mapped_column(JSON, doc="The whole Analysis, for lossless reload")
    explanation: Mapped[str | None] = mapped_column(Text)
    analysed_at: Mapped[datetime] = mapped_column(DateTime)

    article: Mapped[ArticleRow] = relationship(back_populates="analysis")
    mentions: Mapped[list[MentionRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    roles: Mapped[list[RoleRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    narratives: Mapped[list[NarrativeRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    evidence: Mapped[list[EvidenceRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    quotes: Mapped[list[QuoteRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    claims: Mapped[list[ClaimRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True, doc="Entity.id, the canonical key")
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))
    in_gazetteer: Mapped[bool] = mapped_column(Boolean, default=False)


class AliasRow(Base):
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(512))


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32))
    sentence: Mapped[int] = mapped_column(Integer)


class RoleRow(Base):
    __tablename__ = "roles"
    __table_args__ = (Index("ix_roles_entity", "entity_id", "main_role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    main_role: Mapped[str] = mapped_column(String(16))
    fine_roles: Mapped[str] = mapped_column(Text, doc="Fine roles joined by '; '")
    score: Mapped[float] = mapped_column(Float)


class NarrativeRow(Base):
    __tablename__ = "narratives"
    __table_args__ = (Index("ix_narratives_label", "narrative", "subnarrative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str | None] = mapped_column(String(16), index=True)
    narrative: Mapped[str] = mapped_column(String(512))
    subnarrative: Mapped[str | None] = mapped_column(String(512))
    score: Mapped[float] = mapped_column(Float)


class EvidenceRow(Base):
    """A span supporting a narrative, a role or the explanation (exactly one of the links is set)."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    narrative_id: Mapped[int | None] = mapped_column(
        ForeignKey("narratives.id", ondelete="CASCADE"), index=True
    )
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), doc="narrative, role or explanation")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(512), index=True)
    speaker_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    cue: Mapped[str | None] = mapped_column(String(256))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    counted: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(128))
    place: Mapped[str | None] = mapped_column(String(256))
    source: Mapped[str | None] = mapped_column(String(512))
    source_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)


class IngestionRunRow(Base):
    __tablename__ = "ingestion_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), doc="running, finished or interrupted")
    sources: Mapped[list] = mapped_column(JSON)
    stages: Mapped[dict] = mapped_column(JSON, doc="The pipeline's stage versions")
    host: Mapped[str] = mapped_column(String(256))
    pid: Mapped[int] = mapped_column(Integer)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    reanalysed: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)

    failures: Mapped[list[IngestionFailureRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IngestionFailureRow.id"
    )


class IngestionFailureRow(Base):
    __tablename__ = "ingestion_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingestion_runs.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(String(64), doc="Error type, e.g. InputError")
    message: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime] = mapped_column(DateTime)
