"""Keys that make spelling variants of one name compare equal: lookup keys, ids and consonant skeletons."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Vowels and the letters transliterations disagree on (y/j/i for Cyrillic й, и, ы; h in kh/zh).
_SOFT_LETTERS = re.compile(r"[aeiouyjh']")
_DOUBLED = re.compile(r"(.)\1+")
# Editors' brackets inside a name ("[Russian President Vladimir] Putin"): the recogniser's span starts
# inside them
_EDITORIAL_BRACKETS = str.maketrans("", "", "[]")


def fold(text: str) -> str:
    """Case-folded text without diacritics, with one apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def as_written(text: str) -> str:
    """A mention's text as an alias to show: without editors' brackets, one space between words."""
    return " ".join(text.translate(_EDITORIAL_BRACKETS).split())


def name_key(text: str, spellings: Mapping[str, str] | None = None) -> str:
    """The lookup key of a name: folded words without dots or a leading "the" ("The U.S." -> "us")."""
    words = _WORD.findall(fold(text).replace(".", ""))
    if words and words[0] == "the":
        words = words[1:]
    if spellings:
        words = [spellings.get(word, word) for word in words]
    return " ".join(words)


def slug(key: str) -> str:
    """A stable id from a name key: "vladimir putin" -> "vladimir-putin"."""
    return key.replace("'", "").replace(" ", "-")


def skeleton(key: str) -> str:
    """First letter and consonants of each word: "zelenskiy" and "zelenskyy" both give "zlnsk"."""
    words = []
    for word in key.split():
        rest = _SOFT_LETTERS.sub("", word[1:].replace("w", "v"))
        words.append(_DOUBLED.sub(r"\1", word[0] + rest))
    return " ".join(words)
