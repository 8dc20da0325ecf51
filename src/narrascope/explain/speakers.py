"""Who said a sentence chosen for an explanation, from the quotes stage's findings.

Shortening drops attributions ("..., officials said", "according to the ministry"), and a quote's
speaker is often named a sentence earlier. Without the speaker, the explanation would present a
quoted opinion as the text's own claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from narrascope.explain.compress import Fragment, verbatim
from narrascope.model import Analysis, Quote

# Parts of speech that make a speaker span a name or a description ("Zelenskyy", "the officer")
# rather than a pronoun, whose referent the explanation could get wrong.
NAMING = {"PROPN", "NOUN"}


def quoted_speaker(analysis: Analysis, fragments: Sequence[Fragment]) -> Fragment | None:
    """The speaker of the quote that holds most of the fragments, when the fragments do not name them.

    A person is given by their canonical name (the spelling the entities stage settled on); anything
    else by the speaker's words in the article.
    """
    kept = [fragment for fragment in fragments if fragment.name is None]
    length = sum(fragment.end - fragment.start for fragment in kept)
    if not length:
        return None
    quote = next((quote for quote in analysis.quotes if holds(quote, kept, length)), None)
    if quote is None or quote.speaker is None:
        return None
    speaker = quote.speaker
    if any(fragment.start <= speaker.start < fragment.end for fragment in fragments):
        return None
    if not names_someone(analysis, speaker.start, speaker.end):
        return None
    entity = analysis.entity(quote.speaker_entity_id) if quote.speaker_entity_id else None
    if entity is not None and entity.type == "PERSON":
        return Fragment(speaker.start, speaker.end, entity.name, name=entity.name, proper=True)
    words = verbatim(analysis.text, speaker.start, speaker.end)
    if starts_with_article(analysis, speaker.start):
        return Fragment(words.start, words.end, words.text[:1].lower() + words.text[1:])
    return words


def holds(quote: Quote, fragments: Sequence[Fragment], length: int) -> bool:
    content = quote.content
    inside = sum(
        max(0, min(fragment.end, content.end) - max(fragment.start, content.start)) for fragment in fragments
    )
    return 2 * inside >= length


def names_someone(analysis: Analysis, start: int, end: int) -> bool:
    doc = analysis.doc
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is not None and any(token.pos_ in NAMING for token in span)


def starts_with_article(analysis: Analysis, start: int) -> bool:
    """"The officer" is written "the officer" inside the frame's sentence."""
    doc = analysis.doc
    span = doc.char_span(start, start + 1, alignment_mode="expand") if doc is not None else None
    return span is not None and span[0].pos_ == "DET" and not span[0].text.isupper()
