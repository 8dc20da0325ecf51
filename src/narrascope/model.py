"""The one data model every stage reads and enriches.

Offsets are character offsets into ``Article.text`` (the cleaned text), half-open ``[start, end)``,
unless a field says otherwise. ``Article.offset_map`` translates them back to ``Article.raw_text``.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = ""


class Evidence(Span):
    """A stretch of the article that supports a label, with how strongly it does."""

    score: float = 0.0


class Segment(Record):
    """A run of clean text copied verbatim from the raw text: ``clean[start:start+length] == raw[raw_start:raw_start+length]``."""

    start: int
    raw_start: int
    length: int


class Article(Record):
    id: str
    source: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    raw_text: str
    text: str = ""
    offset_map: list[Segment] = Field(default_factory=list)
    removed_lines: list[Span] = Field(
        default_factory=list, description="Boilerplate lines, offsets into raw_text"
    )
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw_text.encode("utf-8")).hexdigest()

    def to_raw(self, offset: int) -> int:
        """Raw-text offset of a clean-text offset (the identity until cleaning has run)."""
        if not self.offset_map:
            return offset
        for segment in reversed(self.offset_map):
            if segment.start <= offset:
                return segment.raw_start + min(offset - segment.start, segment.length)
        return self.offset_map[0].raw_start

    def to_clean(self, raw_offset: int) -> int | None:
        """Clean-text offset of a raw-text offset, or None when that character was removed."""
        if not self.offset_map:
            return raw_offset
        for segment in self.offset_map:
            if segment.raw_start <= raw_offset < segment.raw_start + segment.length:
                return segment.start + raw_offset - segment.raw_start
        return None


class Sentence(Record):
    start: int
    end: int


class Mention(Span):
    label: str = Field(description="spaCy entity label of the mention: PERSON, ORG, GPE, NORP, LOC, ...")
    sentence: int = Field(description="Index into Analysis.sentences")


class Entity(Record):
    id: str = Field(description="Stable canonical key, the same across articles for the same entity")
    name: str = Field(description="Canonical name")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, EVENT, ...")
    aliases: list[str] = Field(default_factory=list, description="Surface forms seen in this article")
    mentions: list[Mention] = Field(default_factory=list)
    in_gazetteer: bool = False


MainRole = Literal["Protagonist", "Antagonist", "Innocent"]


class RoleLabel(Record):
    entity_id: str
    main_role: MainRole
    fine_roles: list[str] = Field(default_factory=list)
    score: float = Field(
        default=0.0, description="Calibrated probability of the main role, at the best passage"
    )
    evidence: list[Evidence] = Field(default_factory=list)


class NarrativeLabel(Record):
    domain: str | None = Field(default=None, description="URW or CC; None for Other")
    narrative: str = Field(
        description="Narrative label as in the taxonomy, e.g. 'URW: Discrediting Russia', or 'Other'"
    )
    subnarrative: str | None = Field(
        default=None,
        description="Full sub-narrative label, e.g. 'URW: Discrediting Russia: Russian army is collapsing'",
    )
    score: float = Field(
        default=0.0,
        description="The chance that the label is right, calibrated on out-of-fold predictions of the"
        " training release (the narrative model card says how well); the war-outcome reader's label shows its"
        " own share of outcome sentences instead",
    )
    evidence: list[Evidence] = Field(default_factory=list)


class Explanation(Record):
    narrative: str
    subnarrative: str | None = None
    text: str
    evidence: list[Evidence] = Field(default_factory=list)


class Quote(Record):
    speaker: Span | None = None
    speaker_entity_id: str | None = None
    cue: Span | None = None
    content: Span
    kind: Literal["direct", "indirect"]
    score: float = 1.0


class Quantity(Record):
    low: float | None = None
    high: float | None = None
    approximate: bool = False


class Claim(Record):
    span: Span = Field(description="The number phrase and what it counts, e.g. 'more than 440 graves'")
    quantity: Quantity
    counted: str = Field(description="What the number counts, e.g. 'graves'")
    sentence: Evidence
    date: str | None = None
    place: str | None = None
    source: Span | None = None
    source_entity_id: str | None = None


class StageError(Record):
    stage: str
    message: str


class Analysis(Record):
    """An article and everything the pipeline found in it."""

    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    roles: list[RoleLabel] = Field(default_factory=list)
    narratives: list[NarrativeLabel] = Field(default_factory=list)
    explanation: Explanation | None = None
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    stages: dict[str, str] = Field(
        default_factory=dict, description="Stage name -> version that produced the fields"
    )

    # The parsed spaCy Doc of article.text, shared read-only by the stages after "parse"; never serialised.
    _doc: Any = PrivateAttr(default=None)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def doc(self) -> Any:
        return self._doc

    def attach_doc(self, doc: Any) -> None:
        self._doc = doc

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.article.text[start:end])

    def evidence(self, start: int, end: int, score: float) -> Evidence:
        return Evidence(start=start, end=end, text=self.article.text[start:end], score=round(float(score), 4))

    def entity(self, entity_id: str) -> Entity | None:
        return next((entity for entity in self.entities if entity.id == entity_id), None)

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one starting at or before it)."""
        low, high = 0, len(self.sentences)
        while low < high:
            middle = (low + high) // 2
            if self.sentences[middle].start <= offset:
                low = middle + 1
            else:
                high = middle
        return max(low - 1, 0)
