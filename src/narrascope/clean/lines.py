"""Lines of a raw text with their offsets, and the features the line classifier reads."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from narrascope.clean.rules import SENTENCE_END

# A word starts with a letter or digit and runs to the next space, so that the vowel signs of Indic
# scripts (not \w in Python) stay inside their words.
WORD = re.compile(r"[^\W_]\S*")
LETTER = re.compile(r"[^\W\d_]|[\u0300-\u036f\u0900-\u0dff]")
NON_WORD = re.compile(r"\W+")
DIGIT = re.compile(r"\d")
TOKEN = re.compile(r"[^\W_]+")
URL_OR_HANDLE = re.compile(r"https?://|www\.|\S+@\S+\.\w|(?<!\w)@\w")


@dataclass(slots=True)
class Line:
    """A non-blank line: ``number`` counts all lines from 1; offsets are into the raw text."""

    number: int
    line_start: int
    start: int
    end: int
    text: str
    words: list[str] = field(default_factory=list)
    key: str = field(init=False)

    def __post_init__(self) -> None:
        # The line reduced to lower-case letters and digits, for spotting repeats.
        self.key = NON_WORD.sub("", self.text.casefold())


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    position = 0
    for number, chunk in enumerate(raw.split("\n"), start=1):
        stripped = chunk.strip()
        if stripped:
            start = position + (len(chunk) - len(chunk.lstrip()))
            lines.append(
                Line(
                    number=number,
                    line_start=position,
                    start=start,
                    end=start + len(stripped),
                    text=stripped,
                    words=WORD.findall(stripped),
                )
            )
        position += len(chunk) + 1
    return lines


def title_case_ratio(words: list[str]) -> float:
    alphabetic = [word for word in words if word[0].isalpha()]
    if not alphabetic:
        return 0.0
    return sum(word[0].isupper() for word in alphabetic) / len(alphabetic)


def looks_like_headline(line: Line) -> bool:
    """Short, and not a sentence: headlines rarely end with a full stop unless every word is capitalised."""
    if not 1 <= len(line.words) <= 30 or len(line.text) > 250:
        return False
    if line.text.endswith((",", ";", ":")):
        return False
    if line.text.endswith(".") and not line.text.endswith("..."):
        return len(line.words) <= 20 and title_case_ratio(line.words) >= 0.7
    return True


def looks_like_teaser(line: Line) -> bool:
    """A link to another story: a headline, a bulleted headline, or a summary cut off with an ellipsis."""
    if line.text.endswith(("…", "...")) and len(line.text) <= 400:
        return True
    if line.text[:2] in {"- ", "• ", "* ", "– "} and len(line.words) <= 30:
        return True
    return looks_like_headline(line) and line.text[-1] not in SENTENCE_END.replace("…", "")


def tokens(line: Line) -> set[str]:
    return set(TOKEN.findall(line.text.casefold()))


def title_overlap(line: Line, title_tokens: set[str]) -> float:
    """Share of the title's words the line repeats: second headlines and captions reuse them."""
    if not title_tokens:
        return 0.0
    return len(title_tokens & tokens(line)) / len(title_tokens)


FEATURES = [
    "log_chars",
    "log_words",
    "ends_sentence",
    "ends_quote",
    "ends_ellipsis",
    "ends_colon",
    "title_case",
    "upper_case",
    "digit_share",
    "alpha_share",
    "has_link",
    "bullet",
    "separators",
    "sentences",
    "position",
    "last_line",
    "first_lines",
    "headline_like",
    "repeats_earlier",
    "title_overlap",
    "after_related",
    "after_end_marker",
    "neighbour_removed",
    "neighbour_prose",
]


def line_features(
    lines: list[Line],
    index: int,
    *,
    repeats_earlier: bool,
    title_overlap: float,
    after_related: bool,
    after_end_marker: bool,
    removed: list[bool],
) -> list[float]:
    """Features of ``lines[index]`` in the order of ``FEATURES``."""
    line = lines[index]
    text = line.text
    length = len(text)
    last = text[-1]
    count = len(lines)
    neighbours = [j for j in (index - 1, index + 1) if 0 <= j < count]
    letters = len(LETTER.findall(text))
    words = line.words
    return [
        math.log1p(length),
        math.log1p(len(words)),
        float(last in ".!?"),
        float(last in "\"”’'»"),
        float(text.endswith(("…", "..."))),
        float(last == ":"),
        title_case_ratio(words),
        sum(word.isupper() and len(word) > 1 for word in words) / max(len(words), 1),
        len(DIGIT.findall(text)) / length,
        letters / length,
        float(bool(URL_OR_HANDLE.search(text))),
        float(text[:2] in {"- ", "• ", "* ", "– "}),
        float(any(mark in text for mark in ("|", "•", "»", "›"))),
        math.log1p(text.count(". ") + text.count("? ") + text.count("! ")),
        index / max(count - 1, 1),
        float(index >= count - 2),
        float(index < 3),
        float(looks_like_headline(line)),
        float(repeats_earlier),
        title_overlap,
        float(after_related),
        float(after_end_marker),
        float(any(removed[j] for j in neighbours)),
        float(any(len(lines[j].text) > 150 and lines[j].text[-1] in SENTENCE_END for j in neighbours)),
    ]
