"""Plain-text helpers the stages share: the language of a text or an article, the English parse, and
sentences where no parse is at hand."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from narrascope.model import Analysis

# The languages of the training data and the major European ones news arrives in; a short list keeps
# lingua fast and stops it from guessing exotic languages for short texts.
LANGUAGES = (
    "ENGLISH",
    "BULGARIAN",
    "HINDI",
    "PORTUGUESE",
    "RUSSIAN",
    "UKRAINIAN",
    "GERMAN",
    "FRENCH",
    "SPANISH",
    "ITALIAN",
    "POLISH",
    "DUTCH",
)
SAMPLE_CHARS = 250
# Sentence ends in the five training scripts (Devanagari's danda included) and line breaks.
SENTENCE_END = re.compile(r"(?<=[.!?।…])[\"'”»]?\s+|\n+")


OPENING_MARKS = "\"'\u201c\u2018\u00ab\u201e"
CLOSING_MARKS = "\"'\u201d\u2019\u00bb"


def in_quotation_marks(text: str) -> str:
    """A passage shown as a quotation: between curly marks, unless it already opens and closes with
    marks of its own (an evidence sentence is often itself a quotation)."""
    text = text.strip()
    if text[:1] in OPENING_MARKS and text[-1:] in CLOSING_MARKS:
        return text
    return f"\u201c{text}\u201d"


@lru_cache(maxsize=1)
def language_detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = (getattr(Language, name) for name in LANGUAGES)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code (``"en"``) of the text's language, or None when lingua cannot tell."""
    language = language_detector().detect_language_of(text[:SAMPLE_CHARS])
    return language.iso_code_639_1.name.lower() if language is not None else None


def language_of(analysis: Analysis) -> str:
    """The article's language code as the reader or the clean stage set it, else as lingua tells, else
    "en"."""
    language = (analysis.article.language or "").lower()[:2]
    return language or detect_language(analysis.text) or "en"


def english_parse(analysis: Analysis) -> Any:
    """The article's spaCy parse when the article is English, else None: the English word lists and
    models built on the parse would misread another language's."""
    if analysis.doc is None or language_of(analysis) != "en":
        return None
    return analysis.doc


@dataclass(frozen=True)
class SentenceSplit:
    """Sentence boundaries of a text, found once per document."""

    bounds: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> SentenceSplit:
        bounds, start = [], 0
        for match in SENTENCE_END.finditer(text):
            if match.start() > start:
                bounds.append((start, match.start()))
            start = match.end()
        if start < len(text):
            bounds.append((start, len(text)))
        return cls(bounds or [(0, len(text))])

    def index(self, offset: int) -> int:
        """The sentence holding ``offset`` (the last one starting at or before it)."""
        return max(bisect_right(self.bounds, offset, key=lambda bound: bound[0]) - 1, 0)
