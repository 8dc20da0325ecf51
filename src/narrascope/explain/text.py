"""Plain-text helpers of the explanations that work the same in the five languages: terms, sentence units."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from narrascope.model import Analysis
from narrascope.text import SentenceSplit

WORD = re.compile(r"\w+", re.UNICODE)
# Five leading characters stand in for a stem: cheap, and it merges most inflections in all five languages.
STEM_CHARS = 5


def terms(text: str) -> list[str]:
    return [word.lower()[:STEM_CHARS] for word in WORD.findall(text)]


@dataclass(frozen=True)
class Unit:
    """A sentence (or a line, in scraped text) that may go into an explanation."""

    index: int
    start: int
    end: int
    text: str


def sentence_units(analysis: Analysis, language: str) -> list[Unit]:
    """The article's sentences, cut also at line breaks (titles, headings).

    English uses the shared parse; the English parser cuts other scripts badly, so the other languages
    use punctuation and line breaks.
    """
    text = analysis.text
    if language == "en" and analysis.sentences:
        bounds = []
        for sentence in analysis.sentences:
            start = sentence.start
            for line in text[sentence.start : sentence.end].split("\n"):
                bounds.append((start, start + len(line)))
                start += len(line) + 1
    else:
        bounds = SentenceSplit.of(text).bounds
    units = []
    for start, end in bounds:
        piece = text[start:end]
        stripped = piece.strip()
        if not WORD.search(stripped):
            continue
        start += len(piece) - len(piece.lstrip())
        units.append(Unit(len(units), start, start + len(stripped), stripped))
    return units


def weighted(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {term: count * idf.get(term, 0.0) for term, count in counts.items()}


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    dot = sum(weight * right.get(term, 0.0) for term, weight in left.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in left.values()) * sum(w * w for w in right.values()))
