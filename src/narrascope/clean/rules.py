"""The boilerplate patterns of ``resources/clean/boilerplate.toml``, compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrascope.datafiles import read_toml
from narrascope.errors import ModelError


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    marker: str | None
    max_chars: int
    last_lines: int | None
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Structure:
    """Thresholds of the structural rules and of the classifier's reach (see boilerplate.toml)."""

    head_lines: int
    max_teasers: int
    end_marker_max_share: float
    title_variant_overlap: float
    title_similarity: float
    classified_max_chars: int
    classifier_max_share: float
    reported_speech: re.Pattern[str]


class Rules:
    """Line patterns grouped by kind; ``kind_of`` names the first kind whose pattern covers a whole line."""

    def __init__(self, path: Path) -> None:
        data = read_toml(path, "boilerplate patterns")
        try:
            structure = data["structure"]
            speech = re.compile(structure["reported_speech"], re.IGNORECASE)
            self.structure = Structure(**{**structure, "reported_speech": speech})
        except (KeyError, TypeError, re.error) as error:
            raise ModelError(str(path), f"the [structure] table is missing or wrong: {error}") from error
        self.line_kinds: list[Kind] = []
        self.tail_kinds: list[Kind] = []
        for name, spec in data["kinds"].items():
            try:
                alternatives = "|".join(f"(?:{pattern})" for pattern in spec["patterns"])
                if spec.get("scope") == "tail":
                    regex = re.compile(rf"(?:{alternatives})\s*$", re.IGNORECASE)
                else:
                    regex = re.compile(alternatives, re.IGNORECASE)
            except re.error as error:
                raise ModelError(str(path), f"bad pattern in kind {name!r}: {error}") from error
            kind = Kind(
                name=name,
                marker=spec.get("marker"),
                max_chars=int(spec.get("max_chars", 200)),
                last_lines=spec.get("last_lines"),
                regex=regex,
            )
            (self.tail_kinds if spec.get("scope") == "tail" else self.line_kinds).append(kind)

    def kind_of(self, text: str, lines_after: int) -> Kind | None:
        """The kind of a stripped line, given how many non-blank lines follow it in the article."""
        length = len(text)
        for kind in self.line_kinds:
            if length > kind.max_chars or (kind.last_lines is not None and lines_after >= kind.last_lines):
                continue
            if kind.regex.fullmatch(text):
                return kind
        return None

    def tail_cut(self, text: str) -> int | None:
        """Where boilerplate glued to the end of a line starts, if it starts a new sentence there."""
        for kind in self.tail_kinds:
            match = kind.regex.search(text)
            if match is None or match.start() == 0:
                continue
            before = text[: match.start()].rstrip()
            if before and before[-1] in SENTENCE_END:
                return len(before)
        return None


SENTENCE_END = ".!?\"”’'»)…"


@lru_cache(maxsize=4)
def load_rules(path: Path) -> Rules:
    return Rules(path)
