"""Reading the project's data files (taxonomies, lexicons, thresholds) with one kind of error."""

from __future__ import annotations

import tomllib
from pathlib import Path

from narrascope.errors import ModelError


def read_toml(path: Path, what: str) -> dict:
    """The parsed TOML file; a missing or malformed file is a ModelError naming it and ``what`` it holds."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ModelError(str(path), f"cannot read the {what}: {error}") from error


def word_sets(table: dict, *names: str) -> dict[str, frozenset[str]]:
    """The lists ``names`` of a TOML table as frozensets keyed by name, for fields named as the lists are."""
    return {name: frozenset(table[name]) for name in names}
