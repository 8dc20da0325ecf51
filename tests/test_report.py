"""The Markdown report: what a reader sees of an analysis."""

from __future__ import annotations

from narrascope.model import Analysis, Article, Entity, Evidence, Mention, RoleLabel
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

    def evidence(sentence: str) -> list[Evidence]:
        start = text.index(sentence)
        return [Evidence(start=start, end=start + len(sentence), text=sentence, score=0.9)]

    analysis = Analysis(
        article=Article(id="a", raw_text=text, text=text),
        entities=[putin],
        roles=[
            RoleLabel(entity_id=putin.id, main_role="Antagonist", fine_roles=["Deceiver"], score=0.91,
                      evidence=evidence("Putin lied about the strike.")),
            RoleLabel(entity_id=putin.id, main_role="Antagonist", fine_roles=["Instigator"], score=0.84,
                      evidence=evidence("Putin ordered the strike.")),
            RoleLabel(entity_id=putin.id, main_role="Innocent", fine_roles=["Scapegoat"], score=0.66,
                      evidence=evidence("Putin was praised by nobody.")),
        ],
    )
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
