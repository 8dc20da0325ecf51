"""Shortens an English sentence with its dependency parse, keeping only stretches of the article.

What goes (rules in ``resources/explain/compress.toml``): attribution tails ("..., he said"),
"according to ..." phrases, parentheses, discourse openers ("However,", "On Monday,"), non-restrictive
relative clauses and appositions set off by commas, and short date phrases. What stays is a list of
fragments, each a verbatim span of the article, or a canonical name standing in for a subject pronoun
when exactly one person was mentioned just before it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import ModelError
from narrascope.model import Analysis

EDGE_PUNCTUATION = ",;:–—-"
# Each quotation mark and the marks that can pair with it.
QUOTE_PAIRS = {'"': '"', "“": '”"', "”": '“"', "«": "»", "»": "«"}
OPENING_QUOTES = '"“«'
CLOSING_QUOTES = '"”»'


@dataclass(frozen=True)
class Rules:
    speech_verbs: frozenset[str]
    first_person: frozenset[str]
    opener_deps: frozenset[str]
    opener_max_tokens: int
    opener_words: frozenset[str]
    aside_deps: frozenset[str]
    time_entities: frozenset[str]
    time_phrase_max_tokens: int
    subject_pronouns: frozenset[str]
    pronoun_window: int

    @classmethod
    def load(cls, path: Path) -> Rules:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls(
                **{key: frozenset(value) if isinstance(value, list) else value for key, value in data.items()}
            )
        except (OSError, ValueError, TypeError) as error:
            raise ModelError(str(path), f"cannot read the compression rules ({error})") from error


@dataclass(frozen=True)
class Fragment:
    """A verbatim article span, or a canonical ``name`` put in place of the pronoun at ``start:end``."""

    start: int
    end: int
    text: str
    name: str | None = None
    proper: bool = False


def verbatim(text: str, start: int, end: int, proper: bool = False) -> Fragment:
    """``text[start:end]`` as a fragment, without a quotation mark left open or closed at its edges."""
    piece = text[start:end]
    if piece[:1] in OPENING_QUOTES and not any(mark in piece[1:] for mark in QUOTE_PAIRS[piece[0]]):
        start += 1
    elif piece[-1:] in CLOSING_QUOTES and not any(mark in piece[:-1] for mark in QUOTE_PAIRS[piece[-1]]):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Fragment(start, end, text[start:end], proper=proper)


def compress(analysis: Analysis, start: int, end: int, rules: Rules) -> list[Fragment]:
    """Fragments of ``analysis.text[start:end]`` that carry its claim; the whole span if there is no parse."""
    doc = analysis.doc
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0:
        return [verbatim(analysis.text, start, end)]
    tokens = list(span)
    inside = {token.i for token in tokens}
    roots = [token for token in tokens if token.head.i not in inside or token.head.i == token.i]
    root = max(roots, key=lambda token: len(list(token.subtree)))
    dropped: set[int] = set()

    content = reported_clause(root, inside, rules)
    if content is not None:
        dropped |= inside - {token.i for token in content.subtree}
        root = content
    else:
        dropped |= attribution_tail(root, inside, rules)
    for token in tokens:
        if token.i not in dropped and is_aside(token, inside, rules):
            dropped |= set_off(token, inside)
    dropped |= parenthesised(tokens)
    dropped |= openers(root, tokens, dropped, inside, rules)
    if not any(token.i not in dropped and not token.is_punct for token in tokens):
        dropped = set()
    return fragments(analysis, tokens, dropped, rules)


def is_aside(token, inside: set[int], rules: Rules) -> bool:
    """An "according to" phrase, a relative clause or apposition set off by a comma, or a date phrase."""
    if token.lower_ == "according" and token.i + 1 in inside and token.nbor().lower_ == "to":
        return True
    if token.head.i not in inside:
        return False
    if token.dep_ in rules.aside_deps:
        return preceded_by_comma(token, inside)
    # advmod: "months ago" hangs from "ago", which must go with it
    return token.dep_ in {"prep", "npadvmod", "advmod"} and is_time_phrase(token, rules)


def reported_clause(root, inside: set[int], rules: Rules):
    """The reported clause when the sentence ends in who said it ("X is true, officials said")."""
    if root.lemma_.lower() not in rules.speech_verbs:
        return None
    for child in root.children:
        if child.dep_ in {"ccomp", "parataxis"} and child.i < root.i and child.i in inside:
            words = {token.lower_ for token in child.subtree}
            return None if words & rules.first_person else child
    return None


def attribution_tail(root, inside: set[int], rules: Rules) -> set[int]:
    """A closing "..., the report said" parsed as a clause hanging from the main verb."""
    for child in root.children:
        if (
            child.dep_ in {"parataxis", "ccomp", "advcl"}
            and child.i > root.i
            and child.lemma_.lower() in rules.speech_verbs
        ):
            objects = [t for t in child.children if t.i > child.i and t.dep_ in {"ccomp", "dobj", "xcomp"}]
            if not objects:
                return {t.i for t in child.subtree if t.i in inside}
    return set()


def set_off(token, inside: set[int]) -> set[int]:
    """A subtree with the comma that sets it off."""
    subtree = [t.i for t in token.subtree if t.i in inside]
    marked = set(subtree)
    doc = token.doc
    before, after = min(subtree) - 1, max(subtree) + 1
    if before in inside and doc[before].text == ",":
        marked.add(before)
    elif after in inside and doc[after].text == ",":
        marked.add(after)
    return marked


def preceded_by_comma(token, inside: set[int]) -> bool:
    first = min(t.i for t in token.subtree)
    return first - 1 in inside and token.doc[first - 1].text == ","


def is_time_phrase(token, rules: Rules) -> bool:
    subtree = list(token.subtree)
    return len(subtree) <= rules.time_phrase_max_tokens and all(
        t.ent_type_ in rules.time_entities or t.dep_ in {"prep", "det", "case"} for t in subtree
    )


def parenthesised(tokens) -> set[int]:
    marked, depth = set(), 0
    for token in tokens:
        if token.text in "([":
            depth += 1
        if depth:
            marked.add(token.i)
        if token.text in ")]" and depth:
            depth -= 1
    return marked


def openers(root, tokens, dropped: set[int], inside: set[int], rules: Rules) -> set[int]:
    """Leading words and comma-closed phrases that come before the clause proper."""
    marked: set[int] = set()
    doc = tokens[0].doc
    while True:
        remaining = [token for token in tokens if token.i not in dropped | marked]
        if not remaining:
            break
        first = remaining[0]
        if first.lower_ in rules.opener_words and first.i != root.i:
            marked.add(first.i)
            if first.i + 1 in inside and doc[first.i + 1].text == ",":
                marked.add(first.i + 1)
            continue
        head = next((child for child in root.children if first.i in {t.i for t in child.subtree}), None)
        if head is None or head.dep_ not in rules.opener_deps:
            break
        phrase = {t.i for t in head.subtree if t.i in inside}
        after = max(phrase) + 1
        if after not in inside or doc[after].text != "," or len(phrase) > rules.opener_max_tokens:
            break
        marked |= phrase | {after}
    return marked


def fragments(analysis: Analysis, tokens, dropped: set[int], rules: Rules) -> list[Fragment]:
    """Runs of kept tokens as article spans, with resolvable subject pronouns replaced by names."""
    result: list[Fragment] = []
    run: list = []

    def close_run() -> None:
        nonlocal run
        while run and run[0].text in EDGE_PUNCTUATION:
            run = run[1:]
        while run and run[-1].text in EDGE_PUNCTUATION:
            run = run[:-1]
        if run:
            # A capitalised name (PROPN) or a word of a named entity ("Russian President") keeps its case.
            proper = (
                run[0].pos_ == "PROPN"
                or bool(run[0].ent_type_)
                or run[0].text == "I"
                or run[0].text.isupper()
            )
            result.append(verbatim(analysis.text, run[0].idx, run[-1].idx + len(run[-1].text), proper))
        run = []

    for token in tokens:
        if token.i in dropped:
            close_run()
            continue
        if token.lower_ in rules.subject_pronouns and token.dep_ in {"nsubj", "nsubjpass"}:
            name = referent(
                analysis, token, " ".join(f.text for f in result) + " " + " ".join(t.text for t in run), rules
            )
            if name is not None:
                close_run()
                result.append(Fragment(token.idx, token.idx + len(token.text), name, name=name, proper=True))
                continue
        run.append(token)
    close_run()
    return result


def referent(analysis: Analysis, pronoun, kept_text: str, rules: Rules) -> str | None:
    """The canonical name of the one person mentioned just before ``pronoun``, if there is exactly one
    and the kept text does not already name them."""
    offset = pronoun.idx
    sentence = analysis.sentence_index(offset)
    window_start = (
        analysis.sentences[max(sentence - rules.pronoun_window, 0)].start if analysis.sentences else 0
    )
    candidates = {
        entity.id: entity
        for entity in analysis.entities
        if entity.type == "PERSON"
        for mention in entity.mentions
        if window_start <= mention.start < offset
    }
    if len(candidates) != 1:
        return None
    entity = next(iter(candidates.values()))
    if any(alias and alias in kept_text for alias in {entity.name, *entity.aliases}):
        return None
    return entity.name
