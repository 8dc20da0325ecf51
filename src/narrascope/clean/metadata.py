"""Article metadata the clean stage fills when the reader left it empty: language and publication date."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

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
DATE_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
DATELINE_LABEL = re.compile(
    r"^\s*(first |last )?(published|updated|posted|date)( on| at)?\s*:?\s*", re.IGNORECASE
)


@lru_cache(maxsize=1)
def language_detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = (getattr(Language, name) for name in LANGUAGES)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code (``"en"``) of the text's language, or None when lingua cannot tell."""
    language = language_detector().detect_language_of(text[:SAMPLE_CHARS])
    return language.iso_code_639_1.name.lower() if language is not None else None


def parse_dateline(text: str, language: str | None) -> date | None:
    """The date of a dateline such as "Wednesday , March 20 2024"; relative or partial dates are refused."""
    import dateparser

    languages = sorted({language, "en"} - {None})
    parsed = dateparser.parse(DATELINE_LABEL.sub("", text), languages=languages, settings=DATE_SETTINGS)
    return parsed.date() if parsed is not None else None
