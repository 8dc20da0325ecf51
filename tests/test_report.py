"""The Markdown report: what a reader sees of an analysis."""

from __future__ import annotations

from narrascope.model import Analysis, Article, Entity, Mention, RoleLabel
from narrascope.report import markdown


def test_roles_of_an_entity_are_grouped_under_their_main_role_with_its_probability():
    text = "Putin lied about the strike. Putin ordered the strike. Putin was praised by nobody."
    putin = Entity(
        id="vladimir-putin",
        name="Vladimir Putin",
        type="PERSON",
        aliases=["Putin"],
        mentions=[Mention(start=0, end=5, text="Putin", label="PERSON", sentence=0)],
    )

    analysis = Analysis(article=Article(id="a", raw_text=text, text=text), entities=[putin])

    def role(main_role: str, fine_role: str, score: float, sentence: str) -> RoleLabel:
        start = text.index(sentence)
        evidence = [analysis.evidence(start, start + len(sentence), 0.9)]
        return RoleLabel(
            entity_id=putin.id, main_role=main_role, fine_roles=[fine_role], score=score, evidence=evidence
        )

    analysis.roles = [
        role("Antagonist", "Deceiver", 0.91, "Putin lied about the strike."),
        role("Antagonist", "Instigator", 0.84, "Putin ordered the strike."),
        role("Innocent", "Scapegoat", 0.66, "Putin was praised by nobody."),
    ]
    report = markdown(analysis).split("## Entities", 1)[1]
    assert (
        "  - Antagonist (0.91)\n"
        "    - Deceiver\n"
        "      - \u201cPutin lied about the strike.\u201d\n"
        "    - Instigator\n"
        "      - \u201cPutin ordered the strike.\u201d\n"
        "  - Innocent (0.66)\n"
        "    - Scapegoat\n"
    ) in report
