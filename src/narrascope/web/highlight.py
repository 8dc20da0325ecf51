"""The article text as HTML: narrative evidence highlighted, entity mentions underlined with role badges.

The text is untrusted. It is cut at every span boundary and each piece is escaped on its own before the
markup around it is added, so no character of the article can open or close a tag or an attribute.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from narrascope.model import Analysis

PALETTE_SIZE = 10


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "evidence", "mention" or "anchor"
    label: str = ""
    colour: int = 0
    score: float = 0.0
    entity: str = ""
    role: str = ""


def narrative_colours(analysis: Analysis) -> dict[str, int]:
    """Narrative label -> palette index, in the order the labels are listed."""
    colours: dict[str, int] = {}
    for label in analysis.narratives:
        colours.setdefault(label.narrative, len(colours) % PALETTE_SIZE)
    return colours


def headline(title: str | None, text: str | None, fallback: str) -> str:
    """What to call an article: its title, else the first line of its text, else its id."""
    if title:
        return title
    first = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
    return (first[:117] + "...") if len(first) > 120 else first or fallback


def entities_by_mentions(analysis: Analysis) -> list:
    return sorted(analysis.entities, key=lambda entity: (-len(entity.mentions), entity.name))


def marks(analysis: Analysis) -> list[Mark]:
    colours = narrative_colours(analysis)
    roles = {role.entity_id: role.main_role for role in analysis.roles}
    found: list[Mark] = []
    for label in analysis.narratives:
        name = label.subnarrative or label.narrative
        for evidence in label.evidence:
            found.append(
                Mark(evidence.start, evidence.end, "evidence", name, colours[label.narrative], evidence.score)
            )
    for entity in analysis.entities:
        for mention in entity.mentions:
            found.append(
                Mark(
                    mention.start,
                    mention.end,
                    "mention",
                    entity.name,
                    entity=entity.id,
                    role=roles.get(entity.id, ""),
                )
            )
    for role in analysis.roles:
        found += [Mark(e.start, e.end, "anchor") for e in role.evidence]
    if analysis.explanation:
        found += [Mark(e.start, e.end, "anchor") for e in analysis.explanation.evidence]
    length = len(analysis.text)
    return [mark for mark in found if 0 <= mark.start < mark.end <= length]


def anchor_id(start: int, end: int) -> str:
    return f"ev-{start}-{end}"


def highlight(analysis: Analysis, entity_urls: dict[str, str]) -> Markup:
    """HTML of ``analysis.text``; ``entity_urls`` maps entity keys to their pages."""
    text = analysis.text
    found = sorted(marks(analysis), key=lambda m: m.start)
    boundaries = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    anchors = {(m.start, m.end) for m in found if m.kind != "mention"}
    starts: dict[int, list[tuple[int, int]]] = {}
    for start, end in sorted(anchors):
        starts.setdefault(start, []).append((start, end))
    badged: set[str] = set()
    pieces: list[str] = []
    active: list[Mark] = []
    upcoming = 0
    for a, b in pairwise(boundaries):
        for start, end in starts.get(a, []):
            pieces.append(f'<span class="anchor" id="{anchor_id(start, end)}"></span>')
        while upcoming < len(found) and found[upcoming].start <= a:
            active.append(found[upcoming])
            upcoming += 1
        active = [m for m in active if m.end > a]
        evidence = [m for m in active if m.kind == "evidence"]
        mention = next((m for m in active if m.kind == "mention"), None)
        piece = str(escape(text[a:b]))
        if mention is not None:
            role = f" \u2014 {mention.role}" if mention.role else ""
            url = entity_urls.get(mention.entity)
            role_class = f" role-{escape(mention.role)}" if mention.role else ""
            attributes = f'class="mention{role_class}" title="{escape(mention.label + role)}"'
            if a == mention.start:
                attributes += f' id="m-{mention.start}"'
            if url:
                piece = f'<a {attributes} href="{escape(url)}">{piece}</a>'
            else:
                piece = f"<span {attributes}>{piece}</span>"
            if mention.end == b and mention.role and mention.entity not in badged:
                badged.add(mention.entity)
                piece += f'<span class="badge{role_class}">{escape(mention.role)}</span>'
        if evidence:
            title = "; ".join(f"{m.label} ({m.score:.2f})" for m in evidence)
            labels = " ".join(f"c{m.colour}" for m in evidence)
            piece = (
                f'<mark class="evidence c{evidence[0].colour}" data-colours="{labels}" '
                f'title="{escape(title)}">{piece}</mark>'
            )
        pieces.append(piece)
    return Markup("".join(pieces))
