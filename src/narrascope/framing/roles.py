"""The role taxonomy: main roles, their fine roles and short descriptions (resources/framing/roles.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrascope.errors import ModelError

MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")


@dataclass(frozen=True)
class RoleTaxonomy:
    main_descriptions: dict[str, str]
    fine_descriptions: dict[str, str]
    main_of: dict[str, str]
    framable_types: frozenset[str]

    @property
    def fine_roles(self) -> tuple[str, ...]:
        return tuple(self.main_of)

    def fine_roles_of(self, main_role: str) -> tuple[str, ...]:
        return tuple(fine for fine, main in self.main_of.items() if main == main_role)


@lru_cache(maxsize=4)
def load_taxonomy(path: Path) -> RoleTaxonomy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ModelError(str(path), f"cannot read the role taxonomy: {error}") from error
    main_of = {name: entry["main"] for name, entry in data["fine"].items()}
    unknown = set(main_of.values()) - set(MAIN_ROLES)
    if unknown:
        raise ModelError(str(path), f"fine roles under unknown main roles: {sorted(unknown)}")
    return RoleTaxonomy(
        main_descriptions={name: entry["description"] for name, entry in data["main"].items()},
        fine_descriptions={name: entry["description"] for name, entry in data["fine"].items()},
        main_of=main_of,
        framable_types=frozenset(data["framable_types"]),
    )
