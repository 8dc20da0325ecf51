"""Hand-built labels on real parsed articles, for store and page tests while the labelling stages are
being written.

Entities come from the entities stage when it ran, else from spaCy's named entities in the parse; the
roles, narratives, quotes and claims are placed on real sentences and numbers of the text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from narrascope.ingest import read_sources
from narrascope.model import (
    Analysis,
    Claim,
    Entity,
    Explanation,
    Mention,
    NarrativeLabel,
    Quantity,
    Quote,
    RoleLabel,
)
from narrascope.pipeline import Pipeline

STAGES = ["clean", "parse"]

NARRATIVES = [
    ("URW", "URW: Discrediting Russia", "URW: Discrediting Russia: Russian army is collapsing"),
    ("URW", "URW: Praise of Russia", None),
    ("CC", "CC: Criticism of institutions and authorities", None),
]
ROLES = [("Antagonist", ["Tyrant"]), ("Protagonist", ["Guardian"]), ("Innocent", ["Victim"])]


def entities_from_parse(analysis: Analysis) -> list[Entity]:
    entities: dict[str, Entity] = {}
    for ent in analysis.doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or not ent.text.strip():
            continue
        key = f"test:{ent.label_}:{ent.text.lower()}"
        entity = entities.setdefault(key, Entity(id=key, name=ent.text, type=ent.label_, aliases=[ent.text]))
        entity.mentions.append(
            Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                    sentence=analysis.sentence_index(ent.start_char))
        )
    return list(entities.values())


def label(analysis: Analysis, variant: int = 0) -> Analysis:
    """Add labels to a parsed analysis; ``variant`` shifts which narratives and roles it gets."""
    if not analysis.entities:
        analysis.entities = entities_from_parse(analysis)
    sentences = analysis.sentences
    for i in range(2):
        domain, narrative, subnarrative = NARRATIVES[(variant + i) % len(NARRATIVES)]
        sentence = sentences[(i * 3) % len(sentences)]
        analysis.narratives.append(
            NarrativeLabel(domain=domain, narrative=narrative, subnarrative=subnarrative, score=0.9 - 0.2 * i,
                           evidence=[analysis.evidence(sentence.start, sentence.end, 0.8 - 0.1 * i)])
        )
    top = sorted(analysis.entities, key=lambda e: -len(e.mentions))[:3]
    for i, entity in enumerate(top):
        main_role, fine_roles = ROLES[(variant + i) % len(ROLES)]
        sentence = sentences[entity.mentions[0].sentence]
        analysis.roles.append(
            RoleLabel(entity_id=entity.id, main_role=main_role, fine_roles=fine_roles, score=0.7,
                      evidence=[analysis.evidence(sentence.start, sentence.end, 0.7)])
        )
    first = analysis.narratives[0]
    analysis.explanation = Explanation(
        narrative=first.narrative, subnarrative=first.subnarrative,
        text="The article says so in its first sentence.",
        evidence=first.evidence,
    )
    text = analysis.text
    quoted = re.search(r"[\u201c\"]([^\u201d\"]{10,300})[\u201d\"]", text)
    if quoted:
        speaker = top[0].mentions[0] if top else None
        analysis.quotes.append(
            Quote(speaker=analysis.span(speaker.start, speaker.end) if speaker else None,
                  speaker_entity_id=top[0].id if top else None,
                  content=analysis.span(quoted.start(1), quoted.end(1)), kind="direct")
        )
    number = re.search(r"\b(\d[\d,]*)\s+(\w+)", text)
    if number:
        sentence = sentences[analysis.sentence_index(number.start())]
        value = float(number.group(1).replace(",", ""))
        analysis.claims.append(
            Claim(span=analysis.span(number.start(), number.end()), quantity=Quantity(low=value, high=value),
                  counted=number.group(2), sentence=analysis.evidence(sentence.start, sentence.end, 1.0))
        )
    return analysis


class LabelStage:
    """The labels above as a pipeline stage (after ``parse``), for ingestion tests that need child rows."""

    name = "test-labels"
    version = "1"

    def __init__(self, settings) -> None:
        self.settings = settings

    def __call__(self, analysis: Analysis) -> Analysis:
        return label(analysis, variant=len(analysis.text) % len(NARRATIVES))


@pytest.fixture(scope="session")
def labelled_examples(shared_examples) -> list[Analysis]:
    """The shared example articles, really cleaned and parsed, with hand-built labels and metadata."""
    pipeline = Pipeline(STAGES)
    analyses = []
    for i, analysis in enumerate(pipeline.pipe(read_sources([str(p) for p in shared_examples]))):
        analysis = label(analysis, variant=i)
        analysis.stages["test-labels"] = "1"
        analysis.article.outlet = ["Outlet A", "Outlet B"][i % 2]
        analysis.article.published = date(2024, 3, 4) + timedelta(weeks=i)
        analysis.article.title = analysis.text.split("\n")[0][:90]
        analysis.article.language = "en"
        analyses.append(analysis)
    return analyses
