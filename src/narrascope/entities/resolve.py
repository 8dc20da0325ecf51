"""Groups an article's candidate mentions into entities, one per real-world referent.

A mention resolves, first rule that applies:

1. an exact gazetteer name or alias, compared by normalised key ("the U.S." = "US");
2. an acronym defined in the article ("Institute for the Study of War (ISW)"), the nearest definition
   before it;
3. a lone surname of a full name in the same article ("Sak" -> "Yurly Sak"), the nearest one before it;
4. a gazetteer surname ("Putin"), unique among the gazetteer's people;
5. a fuzzy gazetteer match (transliterations and garbles: "Valery Zlozhny", "Kupansk"), with the guards
   in ``matching.toml``: never an acronym, never a people (NORP) to a country, never a PERSON to a place;
6. a shorter form of one longer organisation name in the article ("Ministry of Defense" inside
   "Russian Ministry of Defense"), only when exactly one longer name fits;
7. otherwise its own entity, keyed by its normalised name.

Titles ("the Russian president") resolve among their holders (those in office in the article's year when
the article is dated) to the only one, else to the one named in the article; an ambiguous title is dropped.

Demonyms (spaCy's NORP: "Russian", "Russians") are kept as their own entities (the people, e.g. "Russians"),
never merged into the country; gazetteer types replace spaCy's labels, on the entity and on its mentions.
"""

from __future__ import annotations

from collections import Counter

from narrascope.entities.gazetteer import Gazetteer
from narrascope.entities.mentions import Candidate
from narrascope.entities.normalize import as_written, slug
from narrascope.model import Analysis, Entity, Mention

GAZETTEER = "gazetteer"
LOCAL = "local"


def resolve(analysis: Analysis, doc, candidates: list[Candidate], gazetteer: Gazetteer) -> list[Entity]:
    keys = [gazetteer.key(doc[c.start : c.end].text) for c in candidates]
    position = {id(candidate): index for index, candidate in enumerate(candidates)}
    # parent[i] is the candidate i was linked to, or i itself; refs hold what each root resolved to.
    parent = list(range(len(candidates)))
    refs: dict[int, tuple[str, str]] = {}

    for i, candidate in enumerate(candidates):
        # Only full aliases count here: a surname the matcher found ("Biden") may belong to a full name
        # in this article ("Hunter Biden") and is resolved below.
        if not candidate.title and (entry_id := gazetteer.by_alias.get(keys[i])):
            refs[i] = (GAZETTEER, entry_id)

    people = [
        i
        for i, c in enumerate(candidates)
        if len(keys[i].split()) > 1 and not c.title and _is_person(c, refs.get(i), gazetteer)
    ]
    acronyms: dict[str, list[int]] = {}
    for i, candidate in enumerate(candidates):
        if candidate.long_form is not None:
            acronyms.setdefault(keys[i], []).append(i)
    first_of_key: dict[str, int] = {}

    for i, candidate in enumerate(candidates):
        if i in refs or candidate.title:
            continue
        key = keys[i]
        if not key:
            continue
        if candidate.long_form is not None:
            parent[i] = position[id(candidate.long_form)]
        elif key in acronyms:
            definition = _nearest(acronyms[key], i)
            parent[i] = position[id(candidates[definition].long_form)]
        elif (
            " " not in key
            and (full := _nearest([j for j in people if keys[j].endswith(" " + key)], i)) is not None
        ):
            parent[i] = full
        elif entry_id := gazetteer.by_surname.get(key) or (
            None if _is_acronym(doc, candidate) else gazetteer.fuzzy_lookup(key, candidate.label)
        ):
            refs[i] = (GAZETTEER, entry_id)
        elif (longer := _longer_organisation(candidates, keys, refs, i, gazetteer)) is not None:
            parent[i] = longer
        elif key in first_of_key:
            parent[i] = first_of_key[key]
        else:
            first_of_key[key] = i
            refs[i] = (LOCAL, key)

    named = {ref[1] for ref in refs.values() if ref[0] == GAZETTEER}
    year = analysis.article.published.year if analysis.article.published else None
    for i, candidate in enumerate(candidates):
        if candidate.title and (holder := _title_holder(gazetteer, keys[i], named, year)):
            refs[i] = (GAZETTEER, holder)

    return _entities(analysis, doc, candidates, keys, parent, refs, gazetteer)


def _is_person(candidate: Candidate, ref: tuple[str, str] | None, gazetteer: Gazetteer) -> bool:
    if ref is not None:
        return gazetteer.entries[ref[1]].type == "PERSON"
    return candidate.label == "PERSON"


def _is_acronym(doc, candidate: Candidate) -> bool:
    return doc[candidate.start : candidate.end].text.replace(".", "").isupper()


def _nearest(indices: list[int], i: int) -> int | None:
    """The last of ``indices`` before ``i``, else the first after it."""
    before = [j for j in indices if j < i]
    if before:
        return before[-1]
    after = [j for j in indices if j > i]
    return after[0] if after else None


def _longer_organisation(
    candidates: list[Candidate],
    keys: list[str],
    refs: dict[int, tuple[str, str]],
    i: int,
    gazetteer: Gazetteer,
) -> int | None:
    """The one organisation in the article whose name is this one with a qualifier before it. A known entity
    counts with all its aliases, so "Russian Defence Ministry" makes a bare "Ministry of Defence" ambiguous
    next to "British Ministry of Defence"."""
    key = keys[i]
    if " " not in key or candidates[i].label != "ORG":
        return None
    longer: dict[tuple[str, str], int] = {}
    for j, candidate in enumerate(candidates):
        if j == i or candidate.title:
            continue
        ref = refs.get(j)
        if ref is not None and ref[0] == GAZETTEER:
            if gazetteer.has_longer_alias(ref[1], key):
                longer.setdefault(ref, j)
        elif keys[j].endswith(" " + key):
            longer.setdefault((LOCAL, keys[j]), j)
    return next(iter(longer.values())) if len(longer) == 1 else None


def _title_holder(gazetteer: Gazetteer, key: str, named: set[str], year: int | None) -> str | None:
    holders = gazetteer.titles.get(key, [])
    if year is not None:
        holders = [holder for holder in holders if holder.held_in(year)]
    ids = {holder.entry_id for holder in holders}
    if len(ids) == 1:
        return ids.pop()
    mentioned = ids & named
    return mentioned.pop() if len(mentioned) == 1 else None


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def _entities(
    analysis: Analysis,
    doc,
    candidates: list[Candidate],
    keys: list[str],
    parent: list[int],
    refs: dict[int, tuple[str, str]],
    gazetteer: Gazetteer,
) -> list[Entity]:
    groups: dict[tuple[str, str], list[int]] = {}
    for i in range(len(candidates)):
        ref = refs.get(_root(parent, i))
        if ref is not None:
            groups.setdefault(ref, []).append(i)
    entities: dict[str, Entity] = {}
    for (kind, value), members in groups.items():
        if kind == GAZETTEER:
            entry = gazetteer.entries[value]
            entity_id, name, entity_type = entry.id, entry.name, entry.type
        else:
            longest = max(
                members, key=lambda i: (len(keys[i].split()), candidates[i].end - candidates[i].start, -i)
            )
            name = as_written(doc[candidates[longest].start : candidates[longest].end].text)
            entity_id = slug(gazetteer.key(name))
            entity_type = candidates[longest].label
            if entity_type != "PERSON":
                entity_type = Counter(candidates[i].label for i in members).most_common(1)[0][0]
        # Two local names can fold to one id ("O'Brien", "OBrien"); they are then one entity.
        entity = entities.setdefault(
            entity_id, Entity(id=entity_id, name=name, type=entity_type, in_gazetteer=kind == GAZETTEER)
        )
        mentions = []
        for i in members:
            span = doc[candidates[i].start : candidates[i].end]
            mentions.append(
                Mention(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    label=entity.type,
                    sentence=analysis.sentence_index(span.start_char),
                )
            )
        entity.mentions = sorted([*entity.mentions, *mentions], key=lambda mention: mention.start)
        entity.aliases = list(dict.fromkeys(as_written(mention.text) for mention in entity.mentions))
    return sorted(entities.values(), key=lambda entity: entity.mentions[0].start)
