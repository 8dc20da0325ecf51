"""Plain-text helpers that work the same in the five languages: terms, language guess, sentence units."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from narrascope.framing.features import SentenceSplit
from narrascope.model import Analysis

WORD = re.compile(r"\w+", re.UNICODE)
# Five leading characters stand in for a stem: cheap, and it merges most inflections in all five languages.
STEM_CHARS = 5
DEVANAGARI = re.compile(r"[\u0900-\u097f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
RUSSIAN_ONLY = re.compile(r"[ыэё]")
BULGARIAN_VOWEL = re.compile(r"ъ")
PORTUGUESE_WORDS = frozenset(
    ["que", "não", "para", "com", "uma", "os", "as", "do", "da", "dos", "das", "em", "ao", "pelo", "pela"]
)
ENGLISH_WORDS = frozenset(["the", "and", "of", "to", "is", "that", "for", "with", "was", "on", "are", "by"])


def terms(text: str) -> list[str]:
    return [word.lower()[:STEM_CHARS] for word in WORD.findall(text)]


def guess_language(text: str) -> str:
    """ISO code of the text's language among en, bg, hi, pt, ru, from its script and a few function words."""
    sample = text[:5000]
    scripts = {
        "hi": len(DEVANAGARI.findall(sample)),
        "cyrillic": len(CYRILLIC.findall(sample)),
        "latin": len(LATIN.findall(sample)),
    }
    script = max(scripts, key=scripts.get)
    if script == "hi":
        return "hi"
    if script == "cyrillic":
        return "ru" if len(RUSSIAN_ONLY.findall(sample)) > len(BULGARIAN_VOWEL.findall(sample)) else "bg"
    lowered = [word.lower() for word in WORD.findall(sample)]
    portuguese = sum(word in PORTUGUESE_WORDS for word in lowered)
    english = sum(word in ENGLISH_WORDS for word in lowered)
    return "pt" if portuguese > english else "en"


def language_of(analysis: Analysis) -> str:
    language = (analysis.article.language or "").lower()[:2]
    return language or guess_language(analysis.text)


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
