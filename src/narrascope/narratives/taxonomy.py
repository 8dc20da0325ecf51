"""The narrative taxonomy: domains, narratives and sub-narratives, loaded once from a TOML data file.

Labels follow the SemEval-2025 Task 10 spelling: a narrative is ``"<DOMAIN>: <name>"``, a sub-narrative
``"<narrative>: <name>"``; every narrative has a catch-all ``"<narrative>: Other"``, and the bare label
``"Other"`` means that no narrative of the taxonomy applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from narrascope.datafiles import read_toml
from narrascope.errors import ModelError

OTHER = "Other"
TAXONOMY_FILE = Path(__file__).resolve().parents[1] / "resources" / "narratives" / "taxonomy.toml"


@dataclass(frozen=True)
class Subnarrative:
    label: str
    narrative: str
    description: str


@dataclass(frozen=True)
class Narrative:
    label: str
    domain: str
    description: str
    subnarratives: tuple[Subnarrative, ...] = field(default=())

    @property
    def other(self) -> str:
        return f"{self.label}: {OTHER}"


@dataclass(frozen=True)
class Taxonomy:
    version: str
    domains: dict[str, str]
    narratives: tuple[Narrative, ...]

    @property
    def narrative_labels(self) -> list[str]:
        """All coarse labels, ``Other`` included, sorted as the task's label file is."""
        return sorted([n.label for n in self.narratives] + [OTHER])

    @property
    def subnarrative_labels(self) -> list[str]:
        """All fine labels, each narrative's ``: Other`` and the bare ``Other`` included, sorted."""
        labels = [OTHER]
        for narrative in self.narratives:
            labels += [s.label for s in narrative.subnarratives] + [narrative.other]
        return sorted(labels)

    def narrative(self, label: str) -> Narrative:
        found = self._narratives_by_label().get(label)
        if found is None:
            raise ModelError(label, "not a narrative of the taxonomy")
        return found

    def narrative_of(self, subnarrative: str) -> str:
        """The narrative a fine label belongs to (``Other`` for ``Other``)."""
        if subnarrative == OTHER:
            return OTHER
        for narrative in self.narratives:
            if subnarrative.startswith(narrative.label + ": "):
                return narrative.label
        raise ModelError(subnarrative, "not a sub-narrative of the taxonomy")

    def domain_of(self, label: str) -> str | None:
        """URW or CC for a narrative or sub-narrative label; None for ``Other``."""
        if label == OTHER:
            return None
        domain = label.split(":", 1)[0]
        if domain not in self.domains:
            raise ModelError(label, "label does not start with a known domain")
        return domain

    def description(self, label: str) -> str:
        for narrative in self.narratives:
            if label == narrative.label:
                return narrative.description
            if label == narrative.other:
                return f"{narrative.description} (none of its specific sub-narratives)"
            for sub in narrative.subnarratives:
                if sub.label == label:
                    return sub.description
        if label == OTHER:
            return "No narrative of the taxonomy applies."
        raise ModelError(label, "not a label of the taxonomy")

    def consistent(
        self, narratives: Iterable[str], subnarratives: Iterable[str]
    ) -> tuple[list[str], list[str]]:
        """Make a prediction obey the hierarchy.

        A sub-narrative brings in its narrative; a narrative without a specific sub-narrative gets
        ``<narrative>: Other``; ``Other`` stands alone and only when nothing else was found.
        """
        coarse = {label for label in narratives if label != OTHER}
        fine = {label for label in subnarratives if label != OTHER}
        coarse |= {self.narrative_of(label) for label in fine}
        for label in coarse:
            if not any(self.narrative_of(sub) == label for sub in fine):
                fine.add(self.narrative(label).other)
        if not coarse:
            return [OTHER], [OTHER]
        return sorted(coarse), sorted(fine)

    def _narratives_by_label(self) -> dict[str, Narrative]:
        return {n.label: n for n in self.narratives}


def parse_taxonomy(data: dict, source: str) -> Taxonomy:
    domains = {code: entry["name"] for code, entry in data.get("domains", {}).items()}
    narratives = []
    seen: set[str] = set()
    for entry in data.get("narratives", []):
        label = entry["label"]
        domain = label.split(":", 1)[0]
        if domain not in domains:
            raise ModelError(source, f"narrative {label!r} does not start with a known domain")
        if label in seen:
            raise ModelError(source, f"narrative {label!r} appears twice")
        seen.add(label)
        subs = []
        for sub in entry.get("subnarratives", []):
            if sub["name"] == OTHER or ";" in sub["name"]:
                raise ModelError(
                    source, f"{label}: sub-narrative name {sub['name']!r} is reserved or holds ';'"
                )
            subs.append(Subnarrative(f"{label}: {sub['name']}", label, sub["description"]))
        if len({s.label for s in subs}) != len(subs):
            raise ModelError(source, f"narrative {label!r} lists a sub-narrative twice")
        narratives.append(Narrative(label, domain, entry["description"], tuple(subs)))
    if not narratives:
        raise ModelError(source, "the taxonomy lists no narratives")
    return Taxonomy(version=str(data.get("version", "")), domains=domains, narratives=tuple(narratives))


def read_taxonomy(path: Path) -> Taxonomy:
    data = read_toml(path, "narrative taxonomy")
    try:
        return parse_taxonomy(data, str(path))
    except KeyError as error:
        raise ModelError(str(path), f"taxonomy entry lacks the field {error}") from error


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The project's taxonomy, read and validated once per process."""
    return read_taxonomy(TAXONOMY_FILE)
