"""Renders an Analysis for people (Markdown) or programs (JSON)."""

from __future__ import annotations

from narrascope.model import Analysis
from narrascope.text import in_quotation_marks


def render(analysis: Analysis, output_format: str, first: bool = True) -> str:
    """One article's output; ``json`` pieces join into one array (the caller closes it)."""
    if output_format == "jsonl":
        return analysis.model_dump_json(exclude_none=False) + "\n"
    if output_format == "json":
        return ("[\n" if first else ",\n") + analysis.model_dump_json(indent=2)
    return markdown(analysis)


def markdown(analysis: Analysis) -> str:
    article = analysis.article
    lines = [f"# {article.title or article.id}", ""]
    facts = [
        ("Source", article.source),
        ("URL", article.url),
        ("Outlet", article.outlet),
        ("Published", article.published),
        ("Language", article.language),
    ]
    lines += [f"- **{name}:** {value}" for name, value in facts if value]
    if analysis.narratives:
        lines += ["", "## Narratives", ""]
        for label in analysis.narratives:
            lines.append(f"- **{label.subnarrative or label.narrative}** ({label.score:.2f})")
            lines += [f"  - {in_quotation_marks(evidence.text)}" for evidence in label.evidence]
    if analysis.explanation:
        lines += ["", "## Explanation", "", analysis.explanation.text]
    if analysis.entities:
        roles: dict[str, list] = {}
        for role in analysis.roles:  # an entity can be framed differently in different passages
            roles.setdefault(role.entity_id, []).append(role)
        lines += ["", "## Entities", ""]
        for entity in sorted(analysis.entities, key=lambda e: -len(e.mentions)):
            aliases = (
                f" (also: {', '.join(a for a in entity.aliases if a != entity.name)})"
                if len(entity.aliases) > 1
                else ""
            )
            mentions = f"{len(entity.mentions)} mention{'' if len(entity.mentions) == 1 else 's'}"
            lines.append(f"- **{entity.name}** [{entity.type}], {mentions}{aliases}")
            by_main_role: dict[str, list] = {}
            for role in roles.get(entity.id, []):
                by_main_role.setdefault(role.main_role, []).append(role)
            for main_role, labels in by_main_role.items():
                lines.append(f"  - {main_role} ({max(label.score for label in labels):.2f})")
                for label in labels:
                    lines.append(f"    - {', '.join(label.fine_roles)}")
                    lines += [f"      - {in_quotation_marks(evidence.text)}" for evidence in label.evidence]
    if analysis.quotes:
        lines += ["", "## Quotes", ""]
        for quote in analysis.quotes:
            speaker = quote.speaker.text if quote.speaker else "unattributed"
            entity = analysis.entity(quote.speaker_entity_id) if quote.speaker_entity_id else None
            if entity is not None and entity.name != speaker:
                speaker += f" [{entity.name}]"
            cue = f" ({quote.cue.text})" if quote.cue else ""
            lines.append(f"- **{speaker}**{cue}, {quote.kind}: {in_quotation_marks(quote.content.text)}")
    if analysis.claims:
        lines += ["", "## Claims with numbers", ""]
        for claim in analysis.claims:
            source = f" \u2014 according to {claim.source.text}" if claim.source else ""
            context = ", ".join(part for part in (claim.date, claim.place) if part)
            context = f" ({context})" if context else ""
            lines.append(f"- {claim.span.text} = {quantity_text(claim.quantity)}{context}{source}")
    lines += ["", "## Text", "", article.text.strip(), "", "---", ""]
    return "\n".join(lines) + "\n"


def quantity_text(quantity) -> str:
    """ "440", "at least 440", "at most 100", "200 to 999", with "about" when approximate."""

    def number(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,g}"

    low, high = quantity.low, quantity.high
    if low is not None and high is not None:
        text = number(low) if low == high else f"{number(low)} to {number(high)}"
    elif low is not None:
        text = f"at least {number(low)}"
    elif high is not None:
        text = f"at most {number(high)}"
    else:
        text = "?"
    return f"about {text}" if quantity.approximate else text
