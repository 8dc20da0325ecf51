"""The publication date the clean stage fills from a dateline when the reader left it empty."""

from __future__ import annotations

import re
from datetime import date

DATE_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
DATELINE_LABEL = re.compile(
    r"^\s*(first |last )?(published|updated|posted|date)( on| at)?\s*:?\s*", re.IGNORECASE
)


def parse_dateline(text: str, language: str | None) -> date | None:
    """The date of a dateline such as "Wednesday , March 20 2024"; relative or partial dates are refused."""
    import dateparser

    languages = sorted({language, "en"} - {None})
    parsed = dateparser.parse(DATELINE_LABEL.sub("", text), languages=languages, settings=DATE_SETTINGS)
    return parsed.date() if parsed is not None else None
