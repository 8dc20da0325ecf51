"""Turns chosen article fragments into an explanation, using the frame templates of templates.toml.

The frame says what the text does (its words are generic or name the given label); every claim in it
is made of fragments of the article.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import ModelError
from narrascope.explain.compress import Fragment
from narrascope.explain.text import Unit

MAX_WORDS = 80
SENTENCE_END = ".!?…।"
CLOSING_QUOTES = "\"'”’»"
SPACE = re.compile(r"\s+")
WORD_RUN = re.compile(r"\S+")
WORD = re.compile(r"\w+")
QUOTES = '"“”'


@dataclass(frozen=True)
class Frames:
    lead: str
    more: str
    lowercase: bool
    attribution: str | None = None


@dataclass(frozen=True)
class Claim:
    """A chosen sentence as kept, and who said it when it comes from a quote that no longer names them."""

    unit: Unit
    fragments: list[Fragment]
    speaker: Fragment | None = None

    def grounding(self) -> list[Fragment]:
        """The article spans the claim is made of; names put in for pronouns and bare punctuation are not."""
        pieces = [self.speaker, *self.fragments] if self.speaker else self.fragments
        return [piece for piece in pieces if piece.name is None and WORD.search(piece.text)]

    def words(self, frames: Frames) -> int:
        words = sum(word_count(fragment.text) for fragment in self.fragments)
        if self.speaker and frames.attribution:
            words += frame_words(frames.attribution) + word_count(self.speaker.text)
        return words


@dataclass
class Templates:
    languages: dict[str, dict]
    narratives: dict[str, dict[str, str]] = field(default_factory=dict)
    subnarratives: dict[str, dict[str, str]] = field(default_factory=dict)
    selection: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Templates:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls(
                data["languages"],
                data.get("narratives", {}),
                data.get("subnarratives", {}),
                data["selection"],
            )
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(str(path), f"cannot read the explanation templates ({error!r})") from error

    def frames(self, language: str, narrative: str, subnarrative: str | None) -> Frames:
        """The most specific lead for the label in this language; the language's neutral one otherwise."""
        frames = self.languages.get(language, self.languages["default"])
        lead = (
            self.subnarratives.get(subnarrative or "", {}).get(language)
            or self.narratives.get(narrative, {}).get(language)
            or frames["lead"]
        )
        return Frames(lead, frames["more"], bool(frames.get("lowercase", False)), frames.get("attribution"))


def claim_text(fragments: Sequence[Fragment], lowercase: bool, first_person: frozenset[str]) -> str:
    """The fragments as one clause. In a frame that reports (lowercase), a clause in the first person is
    quoted, so that "we" stays the speaker's and not the text's."""
    text = SPACE.sub(" ", " ".join(fragment.text for fragment in fragments)).strip()
    text = re.sub(r" ([,;:.!?])", r"\1", text).rstrip(",;:–—- ")
    inner = text.strip(QUOTES + " ")
    first_personal = first_person & {word.lower() for word in WORD.findall(text)}
    if lowercase and first_personal and not any(mark in inner for mark in QUOTES):
        return f"\u201c{inner if inner[-1:] in SENTENCE_END else inner + '.'}\u201d"
    if lowercase and fragments and not fragments[0].proper and text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    if text.rstrip(CLOSING_QUOTES)[-1:] not in SENTENCE_END:
        text += "."
    return closed_quotes(text)


def closed_quotes(text: str) -> str:
    """The text with a double quotation mark left open (the sentence split fell before its closing
    mark) closed at the end, in the style it was opened with."""
    if text.count('"') % 2:
        text += '"'
    if text.count("\u201c") > text.count("\u201d"):
        text += "\u201d"
    return text


def render(frames: Frames, claims: Sequence[Claim], first_person: frozenset[str]) -> str:
    sentences = []
    for i, claim in enumerate(claims):
        text = claim_text(claim.fragments, frames.lowercase, first_person)
        if claim.speaker and frames.attribution:
            text = frames.attribution.format(speaker=claim.speaker.text, claim=text)
        sentences.append((frames.lead if i == 0 else frames.more).format(claim=text))
    return " ".join(sentences)


def word_count(text: str) -> int:
    return len(text.split())


def frame_words(frame: str) -> int:
    """Words a frame adds around what it receives."""
    return word_count(frame.format(claim="", speaker=""))


def truncate(fragments: Sequence[Fragment], budget: int) -> list[Fragment]:
    """The first ``budget`` words of the fragments, cut at a comma when one falls late enough."""
    kept: list[Fragment] = []
    left = budget
    for fragment in fragments:
        words = list(WORD_RUN.finditer(fragment.text))
        if len(words) <= left:
            kept.append(fragment)
            left -= len(words)
            continue
        if left <= 0 or fragment.name is not None:
            break
        cut = words[left - 1].end()
        comma = fragment.text.rfind(",", 0, cut)
        if comma > cut // 2:
            cut = comma
        kept.append(
            Fragment(fragment.start, fragment.start + cut, fragment.text[:cut], proper=fragment.proper)
        )
        break
    return kept
