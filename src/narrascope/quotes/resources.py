"""The cue and number tables of resources/quotes/, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrascope.datafiles import read_toml, word_sets


@dataclass(frozen=True)
class Cues:
    speech_verbs: frozenset[str]
    need_clause: frozenset[str]
    asking: frozenset[str]
    question_words: frozenset[str]
    clause_only: frozenset[str]
    hypothetical: frozenset[str]
    conditional: frozenset[str]
    quoting: frozenset[str]
    content_prepositions: dict[str, tuple[str, ...]]
    according: tuple[tuple[str, ...], ...]
    asides: dict[tuple[str, ...], str]
    channels: frozenset[str]
    channel_prepositions: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    partitive: frozenset[str]
    absolute_prepositions: frozenset[str]
    quote_pairs: dict[str, str]
    min_quote_words: int


@dataclass(frozen=True)
class NumberWords:
    words: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    lower: tuple[str, ...]
    upper: tuple[str, ...]
    approximate: tuple[str, ...]
    percent: frozenset[str]
    multiplier: frozenset[str]
    currency_symbols: frozenset[str]
    units_after: frozenset[str]
    skip_entity_labels: frozenset[str]
    skip_counted: frozenset[str]
    not_counts: frozenset[str]
    count_when_bounded: frozenset[str]
    name_words: frozenset[str]
    modifier_units: frozenset[str]


def _read(path: Path) -> dict:
    return read_toml(path, "quotes resource")


@lru_cache(maxsize=4)
def load_cues(resources: Path) -> Cues:
    data = _read(resources / "quotes" / "cues.toml")
    speech = data["speech"]
    return Cues(
        speech_verbs=frozenset(speech["verbs"]),
        **word_sets(
            speech,
            "need_clause",
            "asking",
            "question_words",
            "clause_only",
            "hypothetical",
            "conditional",
            "quoting",
        ),
        content_prepositions={verb: tuple(preps) for verb, preps in speech["content_preposition"].items()},
        according=tuple(tuple(phrase) for phrase in data["according"]["phrases"]),
        asides={
            **{tuple(phrase.split()): "mark" for phrase in data["content"]["aside_conjunctions"]},
            **{tuple(phrase.split()): "prep" for phrase in data["content"]["aside_prepositions"]},
        },
        channels=frozenset(data["content"]["channels"]),
        channel_prepositions=frozenset(data["content"]["channel_prepositions"]),
        person_pronouns=frozenset(data["pronouns"]["person"]),
        group_pronouns=frozenset(data["pronouns"]["group"]),
        partitive=frozenset(data["speaker"]["partitive"]),
        absolute_prepositions=frozenset(data["speaker"]["absolute_prepositions"]),
        quote_pairs={opening: "".join(closing) for opening, closing in data["quote_marks"]["pairs"].items()},
        min_quote_words=int(data["quote_marks"]["min_words"]),
    )


def _longest_first(phrases: list[str]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=lambda phrase: -len(phrase.split())))


@lru_cache(maxsize=4)
def load_numbers(resources: Path) -> NumberWords:
    data = _read(resources / "quotes" / "numbers.toml")
    return NumberWords(
        words={word: float(value) for word, value in data["words"].items()},
        scales={word: float(value) for word, value in data["scales"].items()},
        vague={word: (float(low), float(high)) for word, (low, high) in data["vague"].items()},
        lower=_longest_first(data["bounds"]["lower"]),
        upper=_longest_first(data["bounds"]["upper"]),
        approximate=_longest_first(data["bounds"]["approximate"]),
        **word_sets(data["kinds"], "percent", "multiplier", "currency_symbols", "units_after"),
        skip_entity_labels=frozenset(data["skip"]["entity_labels"]),
        skip_counted=frozenset(data["skip"]["counted_nouns"]),
        **word_sets(data["skip"], "not_counts", "count_when_bounded", "name_words", "modifier_units"),
    )
