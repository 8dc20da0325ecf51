"""Roles of one entity across several analysed articles."""

from __future__ import annotations

from narrascope.framing.corpus import entity_role_profile
from narrascope.model import Analysis, Article, Entity, RoleLabel


def analysis(article_id: str, labels: list[RoleLabel], entity_ids: list[str]) -> Analysis:
    return Analysis(
        article=Article(id=article_id, raw_text="x", text="x"),
        entities=[Entity(id=e, name=e, type="GPE") for e in entity_ids],
        roles=labels,
    )


def test_profile_counts_roles_once_per_article() -> None:
    corpus = [
        analysis("a", [RoleLabel(entity_id="kyiv", main_role="Protagonist", fine_roles=["Guardian"], score=0.9),
                       RoleLabel(entity_id="kyiv", main_role="Protagonist", fine_roles=["Guardian", "Underdog"], score=0.6)], ["kyiv"]),
        analysis("b", [RoleLabel(entity_id="kyiv", main_role="Innocent", fine_roles=["Victim"], score=0.7)], ["kyiv", "moscow"]),
        analysis("c", [], ["kyiv"]),
        analysis("d", [RoleLabel(entity_id="moscow", main_role="Antagonist", fine_roles=["Tyrant"], score=0.8)], ["moscow"]),
    ]
    profile = entity_role_profile(corpus, "kyiv")
    assert (profile.articles, profile.framed_articles) == (3, 2)
    assert profile.main_roles == {"Protagonist": 1, "Innocent": 1}
    assert profile.fine_roles == {"Guardian": 1, "Underdog": 1, "Victim": 1}
    assert [article for article, _ in profile.strongest(2)] == ["a", "b"]
    assert profile.dominant_main_role() in ("Protagonist", "Innocent")
