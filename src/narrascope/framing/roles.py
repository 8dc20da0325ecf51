"""The role taxonomy: main roles, their fine roles and short descriptions (resources/framing/roles.toml),
which mentions are framed, and the lexicons beside it: role cues (cues.toml), stances and sides
(stance.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrascope.datafiles import read_toml, word_sets
from narrascope.errors import ModelError
from narrascope.framing.features import CueLexicon, StanceLexicon, load_cues, load_stance
from narrascope.model import Entity, Mention

CUES_FILE = "cues.toml"
STANCE_FILE = "stance.toml"

MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")


@dataclass(frozen=True)
class PlaceReadings:
    """When a place's mention only locates something (see ``[places]`` in roles.toml)."""

    types: frozenset[str]
    locative_prepositions: frozenset[str]
    place_nouns: frozenset[str]


@dataclass(frozen=True)
class RoleTaxonomy:
    main_descriptions: dict[str, str]
    fine_descriptions: dict[str, str]
    main_of: dict[str, str]
    framable_types: frozenset[str]
    unframed_relations: frozenset[str]
    places: PlaceReadings
    cues: CueLexicon
    stance: StanceLexicon

    @property
    def fine_roles(self) -> tuple[str, ...]:
        return tuple(self.main_of)

    def fine_roles_of(self, main_role: str) -> tuple[str, ...]:
        return tuple(fine for fine, main in self.main_of.items() if main == main_role)


@lru_cache(maxsize=4)
def load_taxonomy(path: Path) -> RoleTaxonomy:
    data = read_toml(path, "role taxonomy")
    main_of = {name: entry["main"] for name, entry in data["fine"].items()}
    unknown = set(main_of.values()) - set(MAIN_ROLES)
    if unknown:
        raise ModelError(str(path), f"fine roles under unknown main roles: {sorted(unknown)}")
    stance = load_stance(path.parent / STANCE_FILE)
    unknown = {role for _, roles in stance.implausible for role in roles} - set(MAIN_ROLES)
    if unknown:
        raise ModelError(
            str(path.parent / STANCE_FILE), f"[[implausible]] names unknown main roles: {sorted(unknown)}"
        )
    return RoleTaxonomy(
        main_descriptions={name: entry["description"] for name, entry in data["main"].items()},
        fine_descriptions={name: entry["description"] for name, entry in data["fine"].items()},
        main_of=main_of,
        **word_sets(data, "framable_types", "unframed_relations"),
        places=PlaceReadings(**word_sets(data["places"], "types", "locative_prepositions", "place_nouns")),
        cues=load_cues(path.parent / CUES_FILE),
        stance=stance,
    )


def framable(entity: Entity, taxonomy: RoleTaxonomy) -> bool:
    return entity.type in taxonomy.framable_types and bool(entity.mentions)


def unframed(doc, mention: Mention, taxonomy: RoleTaxonomy) -> bool:
    """Whether the parse shows a mention that frames nothing: an adjective ("Ukrainian media"), or a place
    that only says where something is ("in Kursk", "the city of Kursk", "the Kursk region")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ in taxonomy.unframed_relations:
        return True
    places = taxonomy.places
    if mention.label not in places.types:
        return False
    while root.dep_ == "conj" and root.head is not root:  # "the regions of Izium and Kupiansk": as the first
        root = root.head
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        return head.lower_ in places.locative_prepositions or (
            head.lower_ == "of" and head.head.lemma_.lower() in places.place_nouns
        )
    return root.dep_ == "compound" and head.lemma_.lower() in places.place_nouns
