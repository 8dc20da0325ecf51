"""How far a speaker's words run around the token the parse makes the speaker.

The parse gives a head ("Zelenskyy", "agency"); the speaker as written is the phrase around it
("Ukrainian President Volodymyr Zelenskyy", "news agency TASS"), with the title the parser hung
elsewhere, the list it cut, without the affiliation the entity recogniser ran into a name. Functions of
spaCy tokens that keep no state; the quotes stage (:mod:`narrascope.quotes.speech`) turns the phrase
into a span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from narrascope.quotes.grammar import after_dateline, inside_word, preposition_besides_of, title_before

if TYPE_CHECKING:
    from spacy.tokens import Token

# Entity types of capitalised words that are no part of a title before a name ("On Monday Zelensky").
_NOT_TITLES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON"})


@dataclass(frozen=True)
class SpeakerPhrase:
    """The speaker's words from ``first`` to ``last``, and the token that heads them."""

    first: Token
    head: Token
    last: Token


def speaker_phrase(head, partitive: frozenset[str], text: str) -> SpeakerPhrase:
    """The speaker as written: the head with what stands before it ("Ukrainian President Volodymyr
    Zelenskyy"), without what follows, within the head's paragraph. A common-noun head yields to a
    name in apposition after a comma, and runs on to a name right after it ("news agency TASS");
    an abbreviation in brackets to what it abbreviates; coordinated speakers ("Raupp and
    Litterst") stay together. ``text``: the text the doc was parsed from, whose line breaks end
    paragraphs."""
    doc = head.doc
    if head.i > 0 and doc[head.i - 1].text == "(" and head.i > 1:
        head = doc[head.i - 2]
    close_name = None
    if head.ent_type_ != "PERSON":
        # the name in apposition to the head or to its "of" phrase ("the chief of the army, X"),
        # not one inside a participle or clause that describes the head, nor a title after a name
        # the entity recogniser missed ("Jen Easterly, Director of the Agency")
        named = next(
            (
                t
                for t in head.subtree
                if t.dep_ == "appos"
                and t.pos_ == "PROPN"
                and t.i > head.i
                and doc[t.i - 1].text != "("
                and doc[t.left_edge.i - 1].text != ";"  # an item of a list, not an apposition
                and not _through_verb(t, head)
                and not (head.pos_ == "PROPN" and any(c.dep_ == "prep" for c in t.children))
            ),
            None,
        )
        if named is not None and not doc[named.left_edge.i - 1].is_punct:
            # "news agency TASS", "the chief of staff Andriy Yermak": a name with no comma before it
            # ends its title, and the words before it stay in the speaker; after another preposition
            # than a title's "of" it is no part of the speaker ("researchers at the firm Acme")
            if not preposition_besides_of(doc[head.i : named.i]):
                close_name = named
        elif named is not None:
            head = named
    while (
        head.dep_ == "conj"
        and head.head.i < head.i
        and head.head.pos_ in ("PROPN", "NOUN")
        # not from a conjunct right before its own verb ("blocking aid for Ukraine and the United
        # States has warned")
        and not (head.right_edge.i + 1 < len(doc) and doc[head.right_edge.i + 1].pos_ in ("AUX", "VERB"))
    ):
        head = head.head
    entity = (
        next((ent for ent in doc.ents if ent.start <= head.i < ent.end), None) if head.ent_type_ else None
    )
    affiliation = _affiliation(entity) if entity is not None else None
    if affiliation is not None:
        head, entity = doc[affiliation - 1], None
    elif entity is not None:
        head = entity.root
    start = after_dateline(doc, _list_start(doc, _hyphenated_start(head.left_edge)), head.i)
    title = next((t for t in head.head.children if title_before(t, head)), None)
    if title is not None and not preposition_besides_of(title.subtree):
        start = title.left_edge.i  # "the head of mission | Anna Kovalenko said"
    if head.ent_type_ == "PERSON":
        start = _title_start(doc, start)
    end_token = doc[entity.end - 1] if entity is not None and entity.end - 1 > head.i else head
    conj = head
    while conj is not None:  # "Raupp, Litterst and Smith": each name hangs on the one before
        end_token = conj if conj.i > end_token.i else end_token
        conj = next(
            (
                c
                for c in conj.children
                if c.dep_ == "conj"
                and c.i > end_token.i
                and c.pos_ in ("NOUN", "PROPN")
                and not _second_title(conj, c)
            ),
            None,
        )
    end_token = _titled_name(head, end_token)
    counted = _counted_group(head, partitive)
    if counted is not None and counted.i > end_token.i:
        end_token = counted
    if close_name is not None:
        name_end = next((doc[e.end - 1] for e in doc.ents if e.start <= close_name.i < e.end), close_name)
        end_token = max(end_token, name_end, key=lambda t: t.i)
    line_start = text.rfind("\n", 0, head.idx) + 1
    while start < head.i and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].dep_ in ("cc", "preconj")
        # "even officials" loses its adverb, "recently released documents" keeps it
        or (doc[start].dep_ == "advmod" and not start < doc[start].head.i < head.i)
        or doc[start].idx < line_start
    ):
        start += 1
    return SpeakerPhrase(doc[start], head, end_token)


def _counted_group(head, partitive: frozenset[str]):
    """The noun of "a growing number of Western rulers": a head that counts a group does not speak,
    the group does."""
    if head.lemma_.lower() not in partitive:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _list_start(doc, start: int) -> int:
    """ "officials, commentators, and analysts said": the parser takes only the last item for the
    subject and the others for an object of the verb before; a list ("A, B, and") before the
    subject belongs to it."""
    if start < 3 or doc[start - 1].dep_ != "cc" or doc[start - 2].text != ",":
        return start
    item = doc[start - 3]
    if item.dep_ != "conj" or item.pos_ not in ("NOUN", "PROPN"):
        return start
    while item.dep_ == "conj" and item.head.i < item.i:
        item = item.head
    return item.left_edge.i


def _title_start(doc, start: int) -> int:
    """ "University of Maryland Professor Emeritus of Entomology Michael Raupp said": the parser
    may hang a long title elsewhere; capitalised words (and "of" between them) written right
    before a name are its title."""
    while start > 0:
        before = doc[start - 1]
        if not (
            (before.pos_ == "PROPN" and before.ent_type_ not in _NOT_TITLES)
            or (before.lower_ == "of" and start > 1 and doc[start - 2].pos_ == "PROPN")
        ):
            break
        start -= 1
    return start


def _titled_name(head, end_token):
    """ "chair of the Foreign Affairs Committee Alicia Kearns said": a name written right after a
    title, without "of" or "the" between them, is the speaker's name and ends the speaker; the
    parser hangs it inside the title's prepositional phrase. Not a name set off by commas or
    inside a participle ("Nordbank, known for its ties to Lars Dahl, said"), nor one after another
    preposition than a title's "of" ("a top aide to President Volodymyr Zelensky")."""
    doc = head.doc
    if head.ent_type_ == "PERSON":
        return end_token
    last = max(head.subtree, key=lambda t: t.i)
    while last.i > end_token.i and last.is_punct:
        last = doc[last.i - 1]
    name = next((ent for ent in doc.ents if ent.start <= last.i < ent.end), None)
    if (
        name is None
        or name.label_ != "PERSON"
        or name.end - 1 != last.i
        or name.start <= end_token.i
        or doc[name.start - 1].pos_ not in ("PROPN", "NOUN")
        or any(t.is_punct for t in doc[end_token.i : name.start])
        or _through_verb(last, head)
        or preposition_besides_of(doc[end_token.i : name.start])
    ):
        return end_token
    return last


def _hyphenated_start(token) -> int:
    """Where the phrase before ``token`` starts when the parser split a hyphenated word ("the co-owner")
    and hung its first part apart."""
    doc, start = token.doc, token.i
    while start >= 2 and inside_word(doc[start - 2]) and not doc[start - 1].whitespace_:
        start = min(start - 2, doc[start - 2].left_edge.i)
    return start


def _affiliation(entity) -> int | None:
    """Where the affiliation starts in "Illia Ponomarenko of the Kyiv Independent", which the entity
    recogniser may take for one organisation: a preposition and "the" after two or more proper nouns
    ("Ministry of Defence" and "University of Maryland" have no "the", and stay whole)."""
    doc = entity.doc
    for token in entity[2:]:
        if token.pos_ == "ADP":
            names = all(t.pos_ == "PROPN" for t in doc[entity.start : token.i])
            if names and token.i + 1 < entity.end and doc[token.i + 1].lower_ == "the":
                return token.i
            return None
    return None


def _second_title(name, conj) -> bool:
    """ "Rep. Blaine Luetkemeyer of Missouri and ranking member on the subcommittee": a bare common noun
    (no determiner) joined to a person's name is a second title of the same speaker, not a second one."""
    return (
        name.ent_type_ == "PERSON"
        and conj.pos_ == "NOUN"
        and not any(child.dep_ in ("det", "poss", "nummod") for child in conj.children)
    )


def _through_verb(token, head) -> bool:
    """Whether ``token`` hangs on ``head`` through a verb (a participle or clause in between)."""
    for ancestor in token.ancestors:
        if ancestor.i == head.i:
            return False
        if ancestor.pos_ in ("VERB", "AUX"):
            return True
    return False
