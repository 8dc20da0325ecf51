"""The gazetteer of the main actors, places and organisations, and the lookups that resolve a name to
one of them.

Data files (in ``resources/entities/``):

- ``gazetteer.tsv``: canonical name, type, aliases (``|``-separated), flags (``no-surname``: the surname
  alone is too common to stand for this person).
- ``titles.tsv``: a title ("Russian president"), its holder's canonical name, first and last year.
- ``matching.toml``: which spaCy labels are entities, spelling folds and the fuzzy-matching thresholds.

Lookups go from cheap to expensive: exact alias key, derived surname, consonant skeleton, then rapidfuzz
over all alias keys; the fuzzy ones are cached per process because the same unknown names recur.
"""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from narrascope.entities.normalize import name_key, skeleton, slug
from narrascope.errors import ModelError

NO_SURNAME = "no-surname"
ROMAN_NUMERALS = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TitleHolder:
    entry_id: str
    first_year: int
    last_year: int | None

    def held_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@dataclass(frozen=True)
class FuzzySettings:
    min_length: int
    min_ratio: float
    skeleton_min_length: int
    skeleton_min_ratio: float
    cache_size: int


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    labels: frozenset[str]
    spellings: dict[str, str]
    fuzzy: FuzzySettings
    strip_words: frozenset[str]
    roles: frozenset[str]
    strip_trailing_pos: frozenset[str] = frozenset()
    by_alias: dict[str, str] = field(default_factory=dict)
    by_surname: dict[str, str] = field(default_factory=dict)
    titles: dict[str, list[TitleHolder]] = field(default_factory=lambda: defaultdict(list))
    title_forms: set[str] = field(default_factory=set)
    _keys_of: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_skeleton: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set), repr=False)
    _fuzzy_keys: list[str] = field(default_factory=list, repr=False)
    _fuzzy_cache: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    def key(self, text: str) -> str:
        return name_key(text, self.spellings)

    def surface_forms(self) -> list[tuple[str, str]]:
        """(alias as written, entry id) for every name, alias and surname the matcher should find in text."""
        forms = [
            (alias, entry.id) for entry in self.entries.values() for alias in (entry.name, *entry.aliases)
        ]
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                last = alias.split()[-1]
                if self.by_surname.get(self.key(last)) == entry.id:
                    forms.append((last, entry.id))
        return forms

    def fuzzy_lookup(self, key: str, label: str) -> str | None:
        """Entry id of an unknown spelling of a known name, or None when no single entry is close enough.

        ``label`` is spaCy's: it must fit the entry's type (peoples never become countries, a PERSON never
        a place), though spaCy's confusions between places and organisations are let through.
        """
        cache_key = (key, label)
        if cache_key not in self._fuzzy_cache:
            if len(self._fuzzy_cache) >= self.fuzzy.cache_size:
                self._fuzzy_cache.clear()  # a long-running server meets unbounded new names
            self._fuzzy_cache[cache_key] = self._fuzzy_lookup(key, label)
        return self._fuzzy_cache[cache_key]

    def _fuzzy_lookup(self, key: str, label: str) -> str | None:
        if len(key.replace(" ", "")) < self.fuzzy.min_length:
            return None

        def acceptable(alias: str) -> bool:
            entry_id = self.by_alias[alias]
            return (
                _compatible(label, self.entries[entry_id].type)
                and alias[0] == key[0]
                and alias.count(" ") == key.count(" ")
                and not _is_extension(alias, key)
                and _numbers(alias) == _numbers(key)
            )

        shape = skeleton(key)
        if len(shape.replace(" ", "")) >= self.fuzzy.skeleton_min_length:
            aliases = [alias for alias in self._by_skeleton.get(shape, ()) if acceptable(alias)]
            one_entry = len({self.by_alias[alias] for alias in aliases}) == 1
            if (
                one_entry
                and max(fuzz.ratio(key, alias) for alias in aliases) >= self.fuzzy.skeleton_min_ratio
            ):
                return self.by_alias[aliases[0]]
        matches = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy.min_ratio, limit=5
        )
        found = {self.by_alias[alias] for alias, _, _ in matches if acceptable(alias)}
        return found.pop() if len(found) == 1 else None

    def has_longer_alias(self, entry_id: str, key: str) -> bool:
        """Whether one of the entry's aliases is ``key`` with a qualifier before it ("russian ministry of
        defense")."""
        return any(alias.endswith(" " + key) for alias in self._keys_of[entry_id])

    def index(self) -> None:
        keys_of: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                key = self.key(alias)
                owner = self.by_alias.setdefault(key, entry.id)
                if owner != entry.id:
                    raise ModelError(
                        "gazetteer.tsv", f"alias {alias!r} names both {owner!r} and {entry.id!r}"
                    )
                keys_of[entry.id].append(key)
                # Acronyms are matched exactly or not at all: "UNESCO" is not a misspelling of "UNSC".
                if not alias.replace(".", "").isupper():
                    self._by_skeleton[skeleton(key)].add(key)
        surnames: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            if entry.type != "PERSON" or NO_SURNAME in entry.flags:
                continue
            for alias in (entry.name, *entry.aliases):
                words = self.key(alias).split()
                if len(words) > 1:
                    surnames[words[-1]].add(entry.id)
        self.by_surname = {
            key: next(iter(ids))
            for key, ids in surnames.items()
            if len(ids) == 1 and key not in self.by_alias
        }
        self._keys_of = dict(keys_of)
        self._fuzzy_keys = sorted({key for keys in self._by_skeleton.values() for key in keys})


def _compatible(label: str, entry_type: str) -> bool:
    if "NORP" in (label, entry_type):
        return label == entry_type
    if label == "PERSON":
        return entry_type == "PERSON"
    return entry_type != "PERSON" or label == "ORG"


def _numbers(key: str) -> list[str]:
    """The words of a key that count something: "world war 3" and "world war i" differ in them."""
    return [word for word in key.split() if any(char.isdigit() for char in word) or word in ROMAN_NUMERALS]


def _is_extension(a: str, b: str) -> bool:
    """One key is the other plus an ending ("russia"/"russian"): a demonym or derived word, not a variant."""
    return a != b and (a.startswith(b) or b.startswith(a))


@lru_cache(maxsize=4)
def load_gazetteer(directory: Path) -> Gazetteer:
    """Read and index the gazetteer once per process."""
    try:
        matching = tomllib.loads((directory / "matching.toml").read_text(encoding="utf-8"))
        with (directory / "gazetteer.tsv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        with (directory / "titles.tsv").open(encoding="utf-8", newline="") as handle:
            title_rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ModelError(str(directory), f"cannot read the entity gazetteer: {error}") from error
    fuzzy = matching["fuzzy"]
    gazetteer = Gazetteer(
        entries={},
        labels=frozenset(matching["labels"]),
        spellings=dict(matching.get("spellings", {})),
        fuzzy=FuzzySettings(
            min_length=fuzzy["min_length"],
            min_ratio=fuzzy["min_ratio"],
            skeleton_min_length=fuzzy["skeleton_min_length"],
            skeleton_min_ratio=fuzzy["skeleton_min_ratio"],
            cache_size=fuzzy["cache_size"],
        ),
        strip_words=frozenset(matching.get("strip_words", [])),
        roles=frozenset(matching.get("roles", [])),
        strip_trailing_pos=frozenset(matching.get("strip_trailing_pos", [])),
    )
    for line, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        if not name or not row.get("type"):
            raise ModelError(f"gazetteer.tsv:{line}", "a row needs a name and a type")
        entry_id = slug(gazetteer.key(name))
        if entry_id in gazetteer.entries:
            raise ModelError(f"gazetteer.tsv:{line}", f"{name!r} is listed twice")
        aliases = tuple(alias.strip() for alias in (row.get("aliases") or "").split("|") if alias.strip())
        flags = frozenset(flag.strip() for flag in (row.get("flags") or "").split(",") if flag.strip())
        gazetteer.entries[entry_id] = GazetteerEntry(entry_id, name, row["type"].strip(), aliases, flags)
    gazetteer.index()
    for line, row in enumerate(title_rows, start=2):
        holder = gazetteer.by_alias.get(gazetteer.key(row["holder"]))
        if holder is None:
            raise ModelError(f"titles.tsv:{line}", f"holder {row['holder']!r} is not in the gazetteer")
        last_year = int(row["to"]) if row["to"].strip() else None
        gazetteer.titles[gazetteer.key(row["title"])].append(TitleHolder(holder, int(row["from"]), last_year))
        gazetteer.title_forms.update({row["title"], row["title"].replace("'", "\u2019")})
    return gazetteer
