"""Grounded explanation of an article's dominant narrative.

The explanation is built, not generated: the article's sentences are ranked for the label
(``ranker``), the best are shortened with the dependency parse (``compress``, English only), and
they are set in a frame that says what the text does (``compose``, templates in
``resources/explain/templates.toml``). Every claim in it is a stretch of the article; the frame words
are generic or restate the given label. Other languages get the chosen sentences verbatim, in a
neutral frame in the article's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from narrascope.explain.compose import (
    MAX_WORDS,
    Claim,
    Frames,
    Templates,
    frame_words,
    render,
    truncate,
    word_count,
)
from narrascope.explain.compress import Fragment, Rules, compress, verbatim
from narrascope.explain.ranker import SentenceRanker
from narrascope.explain.speakers import quoted_speaker
from narrascope.explain.text import Unit, sentence_units, terms
from narrascope.model import Analysis, Explanation, NarrativeLabel
from narrascope.settings import Settings
from narrascope.text import language_of

OTHER = "Other"


@dataclass(frozen=True)
class ExplanationModel:
    """What the explanation is built with: the fitted sentence ranker, frame templates, cutting rules."""

    ranker: SentenceRanker
    templates: Templates
    rules: Rules

    @classmethod
    def load(cls, folder: Path) -> ExplanationModel:
        return cls(
            SentenceRanker.load(folder / "ranker.json"),
            Templates.load(folder / "templates.toml"),
            Rules.load(folder / "compress.toml"),
        )


class Explainer:
    """Pipeline stage: explains the dominant narrative of ``analysis.narratives``."""

    name = "explain"
    version = "2"

    def __init__(self, settings: Settings) -> None:
        self.model = ExplanationModel.load(settings.resources / "explain")

    def __call__(self, analysis: Analysis) -> Analysis:
        label = dominant(analysis.narratives)
        analysis.explanation = (
            None if label is None else self.explain(analysis, label.narrative, label.subnarrative)
        )
        return analysis

    def explain(self, analysis: Analysis, narrative: str, subnarrative: str | None) -> Explanation | None:
        """Explain the given label for this article; None when the label is Other or nothing can be said."""
        return explain(analysis, narrative, subnarrative, self.model)


def dominant(labels: Sequence[NarrativeLabel]) -> NarrativeLabel | None:
    """The sub-narrative (or narrative) with the most support within the best-supported narrative."""
    support: dict[str, float] = {}
    for label in labels:
        if label.narrative != OTHER:
            support[label.narrative] = support.get(label.narrative, 0.0) + label.score
    if not support:
        return None
    narrative = max(support, key=support.get)
    candidates = [label for label in labels if label.narrative == narrative]
    specific = [label for label in candidates if not is_other(label.subnarrative)]
    return max(specific or candidates, key=lambda label: label.score)


def is_other(label: str | None) -> bool:
    return label is None or label.rsplit(":", 1)[-1].strip() == OTHER


def explain(
    analysis: Analysis, narrative: str, subnarrative: str | None, model: ExplanationModel
) -> Explanation | None:
    if not narrative or narrative == OTHER:
        return None
    subnarrative = None if is_other(subnarrative) else subnarrative
    language = language_of(analysis)
    units = sentence_units(analysis, language)
    if not units:
        return None
    selection = model.templates.selection
    scores = model.ranker.score(units, narrative, subnarrative)
    cited = evidence_offsets(analysis, narrative, subnarrative)
    bonus = float(selection["evidence_bonus"])
    scores = [
        score + bonus * any(start < unit.end and unit.start < end for start, end in cited)
        for score, unit in zip(scores, units, strict=True)
    ]
    frames = model.templates.frames(language, narrative, subnarrative)
    budget = min(int(selection["budget_words"]), MAX_WORDS) - frame_words(frames.lead)
    chosen = choose(analysis, units, scores, language, budget, frames, model)
    if not chosen:
        return None
    return Explanation(
        narrative=narrative,
        subnarrative=subnarrative,
        text=render(frames, chosen, model.rules.first_person),
        evidence=[
            analysis.evidence(fragment.start, fragment.end, scores[claim.unit.index])
            for claim in chosen
            for fragment in claim.grounding()
        ],
    )


def choose(
    analysis: Analysis,
    units: Sequence[Unit],
    scores: Sequence[float],
    language: str,
    budget: int,
    frames: Frames,
    model: ExplanationModel,
) -> list[Claim]:
    """The best-scoring sentences that fit the word budget, shortened, in article order.

    Only the few best sentences are considered, so that a long top sentence is not traded for a short
    irrelevant one; when none of them fits, the best is cut at the budget.
    """
    selection = model.templates.selection
    candidates = [unit for unit in units if word_count(unit.text) >= int(selection["min_words"])] or list(
        units
    )
    ranked = sorted(candidates, key=lambda unit: -scores[unit.index])[: int(selection["candidates"])]
    chosen: list[Claim] = []
    used = 0
    seen: set[str] = set()
    for unit in ranked:
        if len(chosen) >= int(selection["max_sentences"]):
            break
        unit_terms = set(terms(unit.text))
        if unit_terms and len(unit_terms & seen) > len(unit_terms) / 2:
            continue
        claim = attributed(analysis, unit, shorten(analysis, unit, language, model.rules), frames)
        cost = claim.words(frames) + (frame_words(frames.more) if chosen else 0)
        if used + cost <= budget:
            chosen.append(claim)
            used += cost
            seen |= unit_terms
    if not chosen and ranked:
        best = ranked[0]
        chosen = [Claim(best, truncate(shorten(analysis, best, language, model.rules), budget))]
    return sorted(chosen, key=lambda claim: claim.unit.index)


def attributed(analysis: Analysis, unit: Unit, fragments: list[Fragment], frames: Frames) -> Claim:
    """The shortened sentence with the speaker of the quote it comes from, when the sentence as kept
    does not name them: a quote must not read as the text's own claim. Only in languages with an
    attribution frame."""
    speaker = quoted_speaker(analysis, fragments) if frames.attribution else None
    return Claim(unit, fragments, speaker)


def shorten(analysis: Analysis, unit: Unit, language: str, rules: Rules) -> list[Fragment]:
    if language == "en":
        return compress(analysis, unit.start, unit.end, rules)
    return [verbatim(analysis.text, unit.start, unit.end)]


def evidence_offsets(analysis: Analysis, narrative: str, subnarrative: str | None) -> list[tuple[int, int]]:
    """Spans the narratives stage gave as evidence for this label, if it ran."""
    return [
        (evidence.start, evidence.end)
        for label in analysis.narratives
        if label.narrative == narrative
        and (is_other(label.subnarrative) or label.subnarrative == subnarrative)
        for evidence in label.evidence
    ]
