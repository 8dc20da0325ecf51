"""What the role classifier reads about one mention: named text fields cut from the raw article.

Everything here works on plain text in any of the five languages, so that training (on raw SemEval
documents) and prediction (on the pipeline's text or raw SemEval documents) see the same fields. The
target and the other mentions of the same entity are replaced by a placeholder, so the words around
the entity count and not the entity's name (its name is a field of its own, the entity prior). When a
spaCy Doc of the text is at hand, the words syntactically attached to the mention add one more field.
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
FIELDS = ("sentence", "window", "sides", "related", "entity", "article", "syntax")


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
    syntax: str = "",
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
        "syntax": syntax,
    }


def syntax_words(doc, start: int, end: int) -> str:
    """Words the dependency parse attaches to the mention: its governing verb and relation, modifiers, appositions.

    ``doc`` is a spaCy Doc whose character offsets are those of ``start`` and ``end``.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    root = span.root
    words = []
    head = root
    relation = root.dep_
    # climb through prepositions and conjunctions to the verb that says what the entity does or undergoes
    while head.dep_ in ("pobj", "conj", "compound", "poss", "appos") and head.head is not head:
        relation = f"{head.dep_}_{relation}" if head is not root else relation
        head = head.head
    governor = head.head if head.head is not head else head
    words.append(f"gov_{governor.lemma_.lower()}")
    words.append(f"rel_{root.dep_}_{governor.lemma_.lower()}")
    if governor.pos_ in ("VERB", "AUX"):
        words.extend(f"neg_{governor.lemma_.lower()}" for child in governor.children if child.dep_ == "neg")
        words.extend(f"obj_{child.lemma_.lower()}" for child in governor.children if child.dep_ in ("dobj", "attr", "acomp"))
    for child in root.children:
        if child.dep_ in ("amod", "appos", "acl", "relcl") or child.pos_ == "ADJ":
            words.append(f"mod_{child.lemma_.lower()}")
            words.extend(f"mod_{grand.lemma_.lower()}" for grand in child.children if grand.pos_ in ("VERB", "ADJ", "NOUN"))
    return " ".join(words)
