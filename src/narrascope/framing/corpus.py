"""Roles of one entity across many analysed articles: how a corpus frames it, for the store and the web."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from narrascope.model import Analysis, RoleLabel


@dataclass
class EntityRoleProfile:
    entity_id: str
    articles: int = 0
    framed_articles: int = 0
    main_roles: Counter[str] = field(default_factory=Counter)
    fine_roles: Counter[str] = field(default_factory=Counter)
    labels: list[tuple[str, RoleLabel]] = field(default_factory=list)

    def dominant_main_role(self) -> str | None:
        return self.main_roles.most_common(1)[0][0] if self.main_roles else None

    def strongest(self, limit: int = 5) -> list[tuple[str, RoleLabel]]:
        """The most confident labels, as (article id, label)."""
        return sorted(self.labels, key=lambda item: -item[1].score)[:limit]


def entity_role_profile(analyses: Iterable[Analysis], entity_id: str) -> EntityRoleProfile:
    """Counts each main and fine role once per article that gives the entity that role."""
    profile = EntityRoleProfile(entity_id)
    for analysis in analyses:
        if analysis.entity(entity_id) is None:
            continue
        profile.articles += 1
        labels = [label for label in analysis.roles if label.entity_id == entity_id]
        if not labels:
            continue
        profile.framed_articles += 1
        profile.main_roles.update({label.main_role for label in labels})
        profile.fine_roles.update({role for label in labels for role in label.fine_roles})
        profile.labels.extend((analysis.article.id, label) for label in labels)
    return profile
