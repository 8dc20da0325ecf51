"""Explanations of real SemEval training articles: short, grounded in the article, None for Other."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from narrascope.evaluate.semeval import read_training_data
from narrascope.explain import Explainer, dominant, explain, is_other
from narrascope.model import Analysis, Article, NarrativeLabel
from narrascope.pipeline import Pipeline
from narrascope.settings import RESOURCES, Settings

WORD = re.compile(r"\w+")
ARTICLES_PER_LANGUAGE = {"EN": 6, "BG": 2, "PT": 2, "HI": 1, "RU": 1}


@pytest.fixture(scope="module")
def explainer() -> Explainer:
    return Explainer(Settings())


@pytest.fixture(scope="module")
def explained(semeval_dir: Path, explainer: Explainer) -> list[tuple[Analysis, str, str | None]]:
    """A few training articles per language through the stages the explanation needs, with the gold label."""
    pipeline = Pipeline(["clean", "parse", "entities"])
    picked = []
    for language, count in ARTICLES_PER_LANGUAGE.items():
        documents = [d for d in read_training_data(semeval_dir, [language]) if d.explanation is not None]
        picked += documents[:: max(len(documents) // count, 1)][:count]
    articles = [Article(id=d.id, source=d.id, raw_text=d.text) for d in picked]
    results = []
    for document, analysis in zip(picked, pipeline.pipe(articles), strict=True):
        assert isinstance(analysis, Analysis), analysis
        sub = document.explanation.dominant_subnarrative
        results.append((analysis, document.explanation.dominant_narrative, None if sub == "none" else sub))
    return results


def frame_vocabulary() -> set[str]:
    data = tomllib.loads((RESOURCES / "explain" / "templates.toml").read_text(encoding="utf-8"))
    frames = [
        frame for language in data["languages"].values() for frame in (language["lead"], language["more"])
    ]
    for table in ("narratives", "subnarratives"):
        frames += [lead for leads in data[table].values() for lead in leads.values()]
    return {word.lower() for frame in frames for word in WORD.findall(frame.replace("{claim}", ""))}


def test_explanations_are_at_most_80_words(explained, explainer):
    for analysis, narrative, subnarrative in explained:
        explanation = explainer.explain(analysis, narrative, subnarrative)
        assert explanation is not None, analysis.article.id
        assert 5 <= len(explanation.text.split()) <= 80, explanation.text


def test_every_content_clause_comes_from_the_article(explained, explainer):
    frame_words = frame_vocabulary()
    for analysis, narrative, subnarrative in explained:
        explanation = explainer.explain(analysis, narrative, subnarrative)
        remaining = " ".join(explanation.text.split()).lower()
        assert explanation.evidence
        for evidence in explanation.evidence:
            assert analysis.text[evidence.start : evidence.end] == evidence.text
            piece = " ".join(evidence.text.split()).lower()
            assert piece in remaining, (piece, explanation.text)
            remaining = remaining.replace(piece, " ", 1)
        names = {
            word.lower()
            for entity in analysis.entities
            if entity.type == "PERSON"
            for word in WORD.findall(entity.name)
        }
        leftover = set(WORD.findall(remaining)) - frame_words - names
        assert not leftover, (leftover, explanation.text)


def test_an_explanation_names_its_label(explained, explainer):
    analysis, narrative, subnarrative = explained[0]
    explanation = explainer.explain(analysis, narrative, subnarrative)
    assert explanation.narrative == narrative
    assert explanation.subnarrative == (None if is_other(subnarrative) else subnarrative)


def test_other_and_no_narratives_give_no_explanation(explained, explainer):
    analysis, _, _ = explained[0]
    assert explainer.explain(analysis, "Other", None) is None
    analysis.narratives = [NarrativeLabel(narrative="Other", score=0.9)]
    assert explainer(analysis).explanation is None
    analysis.narratives = []
    assert explainer(analysis).explanation is None


def test_the_stage_explains_the_best_supported_narrative(explained, explainer):
    analysis, _, _ = explained[0]
    weak, strong = "URW: Discrediting Ukraine", "URW: Praise of Russia"
    analysis.narratives = [
        NarrativeLabel(
            domain="URW", narrative=weak, subnarrative=f"{weak}: Discrediting Ukrainian military", score=0.6
        ),
        NarrativeLabel(
            domain="URW",
            narrative=strong,
            subnarrative=f"{strong}: Praise of Russian military might",
            score=0.4,
        ),
        NarrativeLabel(domain="URW", narrative=strong, subnarrative=f"{strong}: Other", score=0.35),
        NarrativeLabel(domain="URW", narrative="Other", score=0.1),
    ]
    label = dominant(analysis.narratives)
    assert label.subnarrative == f"{strong}: Praise of Russian military might"
    explanation = explainer(analysis).explanation
    assert explanation is not None and explanation.subnarrative == label.subnarrative
    analysis.narratives = []


def test_never_more_than_80_words_even_with_a_generous_configuration(explained, explainer):
    templates = explainer.model.templates
    generous = replace(
        templates,
        selection={**templates.selection, "budget_words": 500, "max_sentences": 20, "candidates": 50},
    )
    model = replace(explainer.model, templates=generous)
    for analysis, narrative, subnarrative in explained:
        explanation = explain(analysis, narrative, subnarrative, model)
        assert 40 <= len(explanation.text.split()) <= 80, explanation.text


@pytest.fixture(scope="module")
def quoting_pipeline() -> Pipeline:
    return Pipeline(["clean", "parse", "entities", "quotes"])


def explained_with_evidence(pipeline: Pipeline, explainer: Explainer, text: str, cited: str):
    analysis = next(iter(pipeline.pipe([Article(id="quoted", raw_text=text)])))
    start = analysis.text.index(cited)
    label = "URW: Amplifying war-related fears"
    analysis.narratives = [
        NarrativeLabel(
            domain="URW",
            narrative=label,
            subnarrative=f"{label}: Other",
            score=0.8,
            evidence=[analysis.evidence(start, start + len(cited), 0.8)],
        )
    ]
    return explainer(analysis).explanation


QUOTED_ARTICLE = (
    "Heavy fighting was reported near the port city on Tuesday, and residents spent the night in shelters. "
    "The last bridge over the river has collapsed after nine days of constant shelling, "
    "the regional governor Anna Petrenko said on Wednesday. "
    "Volunteers brought food and water to the people who stayed behind in the old town."
)


def test_a_quoted_claim_keeps_its_speaker_when_shortening_drops_the_attribution(quoting_pipeline, explainer):
    explanation = explained_with_evidence(
        quoting_pipeline, explainer, QUOTED_ARTICLE, "The last bridge over the river has collapsed"
    )
    assert "said" not in explanation.text
    assert "according to Anna Petrenko, the last bridge over the river has collapsed" in explanation.text


def test_a_claim_in_the_writers_own_voice_gets_no_speaker(quoting_pipeline, explainer):
    explanation = explained_with_evidence(
        quoting_pipeline, explainer, QUOTED_ARTICLE, "Volunteers brought food and water"
    )
    assert "volunteers brought food and water" in explanation.text.lower()
    assert "according to" not in explanation.text


def test_a_pronoun_speaker_is_not_guessed_into_the_explanation(quoting_pipeline, explainer):
    text = QUOTED_ARTICLE.replace("the regional governor Anna Petrenko said", "he said")
    explanation = explained_with_evidence(
        quoting_pipeline, explainer, text, "The last bridge over the river has collapsed"
    )
    assert "the last bridge over the river has collapsed" in explanation.text.lower()
    assert "according to" not in explanation.text


def test_a_quotation_mark_the_sentence_split_left_open_is_closed():
    from narrascope.explain.compose import claim_text
    from narrascope.explain.compress import Fragment

    text = 'The institute writes that Moscow framed "the retreat as a gesture of goodwill.'
    claim = claim_text([Fragment(0, len(text), text)], lowercase=True, first_person=frozenset())
    assert claim == 'the institute writes that Moscow framed "the retreat as a gesture of goodwill."'
    text = "Officials called the result \u201ca disaster\u201d for the region"
    claim = claim_text([Fragment(0, len(text), text)], lowercase=True, first_person=frozenset())
    assert claim == "officials called the result \u201ca disaster\u201d for the region."
