"""Candidate mentions in a parsed Doc: spaCy's entities with their span errors fixed, gazetteer names spaCy
missed or cut up, titles ("the Russian president") and acronyms defined in the text ("... War (ISW)")."""

from __future__ import annotations

from dataclasses import dataclass

from narrascope.entities.gazetteer import Gazetteer

POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
TITLE = "TITLE"
ROLE = "ROLE"


@dataclass
class Candidate:
    """A stretch of tokens ``[start, end)`` that names something, with spaCy's label (the gazetteer's type
    when the gazetteer matcher found it). ``title`` marks a role to resolve to its holder; ``long_form`` an
    acronym defined in parentheses right after its long form."""

    start: int
    end: int
    label: str
    title: bool = False
    long_form: Candidate | None = None


class Matchers:
    """spaCy PhraseMatchers for gazetteer names (exact, case-sensitive) and titles (case-insensitive),
    built once."""

    def __init__(self, nlp, gazetteer: Gazetteer) -> None:
        from spacy.matcher import PhraseMatcher

        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms_by_entry: dict[str, set[str]] = {}
        for form, entry_id in gazetteer.surface_forms():
            # A leading "the" is not part of a mention ("the West" is found as "West"), as for spaCy's spans.
            first, _, rest = form.partition(" ")
            if rest and first.lower() in gazetteer.strip_words:
                form = rest
            variants = forms_by_entry.setdefault(entry_id, set())
            variants.update({form, form.replace("'", "\u2019")})
        for entry_id, forms in forms_by_entry.items():
            self.names.add(entry_id, list(nlp.tokenizer.pipe(sorted(forms))))
        self.titles = PhraseMatcher(nlp.vocab, attr="NORM")
        self.titles.add(TITLE, list(nlp.tokenizer.pipe(sorted(gazetteer.title_forms))))
        self.titles.add(ROLE, list(nlp.tokenizer.pipe(sorted(gazetteer.roles))))
        self.strings = nlp.vocab.strings


def find_candidates(doc, gazetteer: Gazetteer, matchers: Matchers) -> list[Candidate]:
    candidates = _ner_candidates(doc, gazetteer)
    candidates = _add_gazetteer_matches(doc, candidates, gazetteer, matchers)
    candidates = _add_titles(doc, candidates, matchers)
    candidates.sort(key=lambda candidate: candidate.start)
    _link_acronyms(doc, candidates)
    return candidates


def _ner_candidates(doc, gazetteer: Gazetteer) -> list[Candidate]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in gazetteer.labels:
            continue
        for start, end in _split_possessive(doc, ent.start, ent.end, gazetteer):
            start, end = _trim(doc, start, end, gazetteer)
            if start == end or (end - start == 1 and doc[start].is_stop):
                continue
            if any(char.isupper() for char in doc[start:end].text):
                found.append(Candidate(start, end, ent.label_))
    return found


def _split_possessive(doc, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """ "Hunter Biden’s Burisma" names two things when the owner is a known name; "Donetsk People's Republic"
    (a known name as a whole) and "People's" forms stay whole."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ not in POSSESSIVES or doc[i].tag_ != "POS" or doc[i + 1].lower_ == "people":
            continue
        if gazetteer.key(doc[start:end].text) in gazetteer.by_alias:
            break
        if gazetteer.key(doc[start:i].text) in gazetteer.by_alias:
            return [(start, i), (i + 1, end)]
        break
    return [(start, end)]


def _trim(doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """Drop what spaCy runs into a name: a leading "the" or words before it ("Later the Ministry"), quotes,
    verbs after it ("Putin Lose") and a trailing possessive ("Russia’s")."""
    while start < end and (
        doc[start].lower_ in gazetteer.strip_words or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    for i in range(start, end):
        if doc[i].pos_ == "PROPN":
            break
        if doc[i].pos_ == "DET":
            start = i + 1
            break
    while end > start and (
        doc[end - 1].lower_ in POSSESSIVES
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].pos_ in gazetteer.strip_trailing_pos
    ):
        end -= 1
    return start, end


def _add_gazetteer_matches(
    doc, candidates: list[Candidate], gazetteer: Gazetteer, matchers: Matchers
) -> list[Candidate]:
    """Gazetteer names win where spaCy cut them up ("Oleksandr" + "Syrskyi") or ran them into common words
    ("Putin Lose"); spaCy's span wins where it is a longer proper name ("the Kyiv Independent")."""
    from spacy.util import filter_spans

    raw_matches = matchers.names(doc)
    if not raw_matches:
        return candidates
    match_ids = {(start, end): matchers.strings[match_id] for match_id, start, end in raw_matches}
    matches = filter_spans(doc[start:end] for _, start, end in raw_matches)
    owner = [-1] * len(doc)
    for index, candidate in enumerate(candidates):
        for token in range(candidate.start, candidate.end):
            owner[token] = index
    dropped: set[int] = set()
    added = []
    for match in matches:
        entry = gazetteer.entries[match_ids[match.start, match.end]]
        overlapping = {owner[token] for token in range(match.start, match.end) if owner[token] >= 0}
        inside = all(
            match.start <= candidates[i].start and candidates[i].end <= match.end for i in overlapping
        )
        if not inside:
            if len(overlapping) > 1:
                continue
            (i,) = overlapping
            outer = candidates[i]
            extra = [
                token for token in doc[outer.start : outer.end] if not match.start <= token.i < match.end
            ]
            if any(token.pos_ == "PROPN" for token in extra):
                continue
        dropped.update(overlapping)
        added.append(Candidate(match.start, match.end, entry.type))
    return [c for i, c in enumerate(candidates) if i not in dropped] + added


def _add_titles(doc, candidates: list[Candidate], matchers: Matchers) -> list[Candidate]:
    """A title standing for its holder replaces what spaCy found inside it ("the Russian president" is not a
    mention of Russians); a title before a name ("Russian President Vladimir Putin") only modifies it. A role
    ("Secretary of State") never names anyone by itself, but still hides what spaCy found inside it."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    titles = filter_spans(Span(doc, start, end, label=label) for label, start, end in matchers.titles(doc))
    if not titles:
        return candidates
    starts = {candidate.start for candidate in candidates}
    kept = candidates
    for title in titles:
        crossing = any(c.start < title.start < c.end or c.start < title.end < c.end for c in kept)
        if crossing:
            continue
        kept = [c for c in kept if not (title.start <= c.start and c.end <= title.end)]
        before_name = title.end < len(doc) and (title.end in starts or doc[title.end].pos_ == "PROPN")
        if title.label_ == TITLE and not before_name:
            kept.append(Candidate(title.start, title.end, TITLE, title=True))
    return kept


def _link_acronyms(doc, candidates: list[Candidate]) -> None:
    """ "Institute for the Study of War (ISW)": the acronym becomes a mention that points at its long form."""
    by_start = {candidate.start: candidate for candidate in candidates}
    for candidate in list(candidates):
        position = candidate.end
        if candidate.title or position + 2 >= len(doc):
            continue
        if doc[position].text != "(" or doc[position + 2].text != ")":
            continue
        token = doc[position + 1]
        if not _is_acronym_of(token.text, doc[candidate.start : candidate.end]):
            continue
        acronym = by_start.get(token.i)
        if acronym is None:
            acronym = Candidate(token.i, token.i + 1, candidate.label)
            candidates.append(acronym)
            by_start[token.i] = acronym
        acronym.long_form = candidate
    candidates.sort(key=lambda candidate: candidate.start)


def _is_acronym_of(text: str, span) -> bool:
    letters = text.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and sum(char.isupper() for char in letters) >= 2):
        return False
    words = [token.text for token in span if token.is_alpha]
    every_word = "".join(word[0] for word in words).lower()
    capitalised = "".join(word[0] for word in words if word[0].isupper()).lower()
    letters = letters.lower()
    return every_word.endswith(letters) or capitalised.endswith(letters)
