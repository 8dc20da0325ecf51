"""Quotation marks: which stretches of a paragraph stand between an opening and a closing mark."""

from __future__ import annotations

from dataclasses import dataclass

# Single marks double as apostrophes ("Ukraine’s", "soldiers' "); they open only before a word and
# close only before a non-letter. A right double mark opens only where a single one could: as an
# opening mark it is a scraping slip, as a closing one the rule.
_SINGLE_MARKS = frozenset("'\u2018\u2019\u201a")
_OPEN_BEFORE_WORD = _SINGLE_MARKS | {"\u201d"}
_LEFT_OF_OPENING = frozenset(" \t([{\u2014\u2013-/:")


@dataclass(frozen=True)
class Quotation:
    """Text between quotation marks: ``[start, end)`` excludes the marks themselves."""

    opening: int
    start: int
    end: int
    closed: bool


def find_quotations(text: str, pairs: dict[str, str]) -> list[Quotation]:
    """Quotations in reading order. A quote left open at a paragraph's end runs to that end, as news
    style does when a quote goes on into the next paragraph (which reopens it)."""
    quotations: list[Quotation] = []
    position = 0
    for paragraph in text.split("\n"):
        quotations += _paragraph_quotations(paragraph, position, pairs)
        position += len(paragraph) + 1
    return quotations


def _paragraph_quotations(paragraph: str, offset: int, pairs: dict[str, str]) -> list[Quotation]:
    found: list[Quotation] = []
    opening: int | None = None
    closers = ""
    for i, char in enumerate(paragraph):
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if opening is not None and char in closers:
            if char in _SINGLE_MARKS and (after.isalnum() or i == opening + 1):
                continue
            found.append(Quotation(offset + opening, offset + opening + 1, offset + i, True))
            opening = None
        elif opening is None and char in pairs:
            if char in _OPEN_BEFORE_WORD and not (
                before in _LEFT_OF_OPENING and (after.isalnum() or after in '"\u201c')
            ):
                continue
            if after.isspace():
                continue  # a stray mark: quotes hug their first word
            opening, closers = i, pairs[char]
    if opening is not None:
        end = len(paragraph.rstrip())
        if end > opening + 1:
            found.append(Quotation(offset + opening, offset + opening + 1, offset + end, False))
    return found
