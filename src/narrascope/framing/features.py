"""What the role classifier reads about one mention: named text fields cut from the raw article.

Everything here works on plain text in any of the five languages, so that training (on raw SemEval
documents) and prediction (on the pipeline's text or raw SemEval documents) see the same fields. The
target and the other mentions of the same entity are replaced by a placeholder, so the words around
the entity count and not the entity's name (its name is a field of its own, the entity prior).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TARGET = " ENTITYX "
SENTENCE_END = re.compile(r"(?<=[.!?।…])[\"'”»]?\s+|\n+")
WORD = re.compile(r"\w+", re.UNICODE)
WINDOW_CHARS = 250
SIDE_WORDS = 6


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
        low, high = 0, len(self.bounds)
        while low < high:
            middle = (low + high) // 2
            if self.bounds[middle][0] <= offset:
                low = middle + 1
            else:
                high = middle
        return max(low - 1, 0)


def masked(text: str, begin: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[begin:end]`` with every span in ``spans`` that lies inside replaced by the placeholder."""
    pieces, cursor = [], begin
    for start, stop in sorted(spans):
        if stop <= cursor or start >= end:
            continue
        pieces.append(text[cursor : max(start, cursor)])
        pieces.append(TARGET)
        cursor = min(max(stop, cursor), end)
    pieces.append(text[cursor:end])
    return "".join(pieces)


def mention_fields(
    text: str,
    split: SentenceSplit,
    start: int,
    end: int,
    entity_spans: Sequence[tuple[int, int]],
) -> dict[str, str]:
    """Text fields describing the mention ``text[start:end]``; ``entity_spans`` are all mentions of its entity."""
    spans = sorted(set(entity_spans) | {(start, end)})
    own = split.index(start)
    sentence_start, sentence_end = split.bounds[own]
    left_words = WORD.findall(text[max(sentence_start, start - 120) : start])[-SIDE_WORDS:]
    right_words = WORD.findall(text[end : min(sentence_end, end + 120)])[:SIDE_WORDS]
    related = sorted({split.index(span_start) for span_start, _ in spans} - {own})
    first_line_end = text.find("\n")
    return {
        "sentence": masked(text, sentence_start, sentence_end, spans),
        "window": masked(text, max(0, start - WINDOW_CHARS), min(len(text), end + WINDOW_CHARS), spans),
        "sides": " ".join([f"l_{w.lower()}" for w in left_words] + [f"r_{w.lower()}" for w in right_words]),
        "related": " ".join(masked(text, *split.bounds[i], spans) for i in related),
        "entity": text[start:end].lower(),
        "article": text[: first_line_end if 0 < first_line_end < 300 else 300] + " " + text[:3000],
    }
