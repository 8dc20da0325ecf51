"""The gazetteer of the main actors, places and organisations, and the lookups that resolve a name to one of them.

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


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    labels: frozenset[str]
    spellings: dict[str, str]
    fuzzy: FuzzySettings
    strip_words: frozenset[str]
    strip_trailing_pos: frozenset[str] = frozenset()
    by_alias: dict[str, str] = field(default_factory=dict)
    by_surname: dict[str, str] = field(default_factory=dict)
    by_skeleton: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[str, list[TitleHolder]] = field(default_factory=lambda: defaultdict(list))
    title_forms: set[str] = field(default_factory=set)
    _keys_of: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _alias_keys: list[str] = field(default_factory=list, repr=False)
    _fuzzy_cache: dict[tuple[str, bool], str | None] = field(default_factory=dict, repr=False)

    def key(self, text: str) -> str:
        return name_key(text, self.spellings)

    def surface_forms(self) -> list[tuple[str, str]]:
        """(alias as written, entry id) for every name, alias and surname the matcher should find in text."""
        forms = [(alias, entry.id) for entry in self.entries.values() for alias in (entry.name, *entry.aliases)]
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                last = alias.split()[-1]
                if self.by_surname.get(self.key(last)) == entry.id:
                    forms.append((last, entry.id))
        return forms

    def fuzzy_lookup(self, key: str, demonym: bool) -> str | None:
        """Entry id of an unknown spelling of a known name, or None when no single entry is close enough.

        ``demonym`` (spaCy said NORP) keeps peoples and countries apart: "Russian" never becomes Russia.
        """
        cache_key = (key, demonym)
        if cache_key not in self._fuzzy_cache:
            self._fuzzy_cache[cache_key] = self._fuzzy_lookup(key, demonym)
        return self._fuzzy_cache[cache_key]

    def _fuzzy_lookup(self, key: str, demonym: bool) -> str | None:
        def compatible(entry_id: str) -> bool:
            return (self.entries[entry_id].type == "NORP") == demonym

        letters = len(key.replace(" ", ""))
        if letters < self.fuzzy.min_length:
            return None
        shape = skeleton(key)
        if len(shape.replace(" ", "")) >= self.fuzzy.skeleton_min_length:
            candidates = {entry_id for entry_id in self.by_skeleton.get(shape, ()) if compatible(entry_id)}
            if len(candidates) == 1:
                (entry_id,) = candidates
                if self._best_ratio(key, entry_id) >= self.fuzzy.skeleton_min_ratio:
                    return entry_id
        matches = process.extract(
            key, self._alias_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy.min_ratio, limit=5
        )
        found = {
            self.by_alias[alias]
            for alias, _, _ in matches
            if alias[0] == key[0] and not _is_extension(alias, key) and compatible(self.by_alias[alias])
        }
        return found.pop() if len(found) == 1 else None

    def has_longer_alias(self, entry_id: str, key: str) -> bool:
        """Whether one of the entry's aliases is ``key`` with a qualifier before it ("russian ministry of defense")."""
        return any(alias.endswith(" " + key) for alias in self._keys_of[entry_id])

    def _best_ratio(self, key: str, entry_id: str) -> float:
        return max(fuzz.ratio(key, alias) for alias in self._keys_of[entry_id])

    def index(self) -> None:
        keys_of: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                key = self.key(alias)
                owner = self.by_alias.setdefault(key, entry.id)
                if owner != entry.id:
                    raise ModelError("gazetteer.tsv", f"alias {alias!r} names both {owner!r} and {entry.id!r}")
                keys_of[entry.id].append(key)
                self.by_skeleton[skeleton(key)].add(entry.id)
        surnames: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            if entry.type != "PERSON" or NO_SURNAME in entry.flags:
                continue
            for alias in (entry.name, *entry.aliases):
                words = self.key(alias).split()
                if len(words) > 1:
                    surnames[words[-1]].add(entry.id)
        self.by_surname = {
            key: next(iter(ids)) for key, ids in surnames.items() if len(ids) == 1 and key not in self.by_alias
        }
        self._keys_of = dict(keys_of)
        self._alias_keys = list(self.by_alias)


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
        ),
        strip_words=frozenset(matching.get("strip_words", [])),
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
