"""What the role classifier reads about one mention: named text fields cut from the raw article.

The text fields work on plain text in any of the five languages, so that training (on raw SemEval
documents) and prediction (on the pipeline's text or raw SemEval documents) see the same fields. The
target and the other mentions of the same entity are replaced by a placeholder, so the words around
the entity count and not the entity's name. The name itself is not a feature: it would carry how the
training outlets framed that entity (their slant) into every other article; only its lowercase words
("army", "civilians") are kept, which say what kind of entity it is.

Four fields need English: ``cues``, the role-cue categories (``resources/framing/cues.toml``) of the words
in the mention's sentence, beside it and in its other sentences, where the words of what a speaker says
("the ministry said that Russian units fled") count apart, as they are about someone else; ``syntax``,
the words the dependency parse attaches to the mention (the verb it is subject or object of, its
modifiers), with their cue categories; ``predicates``, what the mention does or undergoes by predicate
class ("Ukraine captured" -> ``agent_win``), and ``entity_predicates``, the same over all mentions of its
entity in the article, so that one mention reads who wins, loses, harms or is harmed elsewhere in the
article. Other languages leave them empty, in training and in prediction alike.

One field reads the article as a whole, in every language: ``stance``, the article's stance on the
Ukraine-Russia war (from its predicted narratives) crossed with the side the mention names
(``resources/framing/stance.toml``): "pro_kremlin_ukraine" for Ukraine in an article that discredits
Ukraine. Without it the classifier casts whoever strikes or captures as Antagonist, as most training
articles do, also in articles that cheer that side's gains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrascope.datafiles import read_toml
from narrascope.text import SentenceSplit

TARGET = " ENTITYX "
WORD = re.compile(r"\w+", re.UNICODE)
WINDOW_CHARS = 250
SIDE_WORDS = 6


def masked(text: str, begin: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[begin:end]`` with every span in ``spans`` that lies inside replaced by the placeholder."""
    pieces, cursor = [], begin
    for start, stop in sorted(spans):
        if stop <= cursor or start >= end:
            continue
        pieces.append(text[cursor : max(start, cursor)])
        pieces.append(TARGET)
        cursor = min(max(stop, cursor), end)
    pieces.append(text[cursor:end])
    return "".join(pieces)


@dataclass(frozen=True)
class CueLexicon:
    """Role-cue categories of English words ("shelled" -> aggression) and predicate classes of lemmas
    ("capture" -> win), from ``cues.toml``."""

    categories_of: dict[str, tuple[str, ...]]
    predicate_classes: dict[str, tuple[str, ...]]
    speech_verbs: frozenset[str] = frozenset()

    def tags(self, words: Iterable[str], prefix: str) -> list[str]:
        return [
            f"{prefix}{category}" for word in words for category in self.categories_of.get(word.lower(), ())
        ]


@lru_cache(maxsize=4)
def load_cues(path: Path) -> CueLexicon:
    data = read_toml(path, "role-cue lexicon")

    def inverted(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        classes_of: dict[str, list[str]] = {}
        for name, words in table.items():
            for word in words:
                classes_of.setdefault(word.lower(), []).append(name)
        return {word: tuple(classes) for word, classes in classes_of.items()}

    return CueLexicon(
        inverted(data["categories"]),
        inverted(data.get("predicates", {})),
        frozenset(data.get("speech", {}).get("verbs", ())),
    )


# Splits a mention into words for side matching; keeps dots inside abbreviations ("u.s.") and the vowel
# signs of Devanagari, which ``\w`` would split on.
NAME_BREAK = re.compile(r"[\s,;:!?()\[\]\"'’‘“”/\-–—]+")
NO_SIDE = "other"


@dataclass(frozen=True)
class StanceLexicon:
    """The stance an article's narrative labels take and the side of the war a mention names, from
    ``stance.toml``."""

    stance_of: dict[str, str]
    stance_when_absent: dict[str, str]
    side_words: dict[tuple[str, ...], str]
    side_stems: tuple[tuple[str, str], ...]
    # (stance field words that must all be present, main roles they exclude)
    implausible: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    def article_stances(self, labels: Iterable[str]) -> list[str]:
        """The stances of an article's predicted narrative and sub-narrative labels, with the stance standing
        for each stance it does not take (``[absent]``)."""
        taken = {self.stance_of[label] for label in labels if label in self.stance_of}
        standing_in = {other for stance, other in self.stance_when_absent.items() if stance not in taken}
        return sorted(taken | standing_in)

    def side(self, mention: str) -> str:
        """The one side the mention names, or ``other`` when it names none or two."""
        words = [word for word in NAME_BREAK.split(mention.lower()) if word]
        found = {
            side
            for phrase, side in self.side_words.items()
            for i in range(len(words) - len(phrase) + 1)
            if tuple(words[i : i + len(phrase)]) == phrase
        }
        found |= {side for stem, side in self.side_stems for word in words if word.startswith(stem)}
        return found.pop() if len(found) == 1 else NO_SIDE

    def excluded_main_roles(self, stance: str) -> frozenset[str]:
        """The main roles ``[[implausible]]`` rules out for a mention with this ``stance_field``."""
        words = set(stance.split())
        return frozenset(role for needed, roles in self.implausible if needed <= words for role in roles)


@lru_cache(maxsize=4)
def load_stance(path: Path) -> StanceLexicon:
    data = read_toml(path, "stance and sides lexicon")
    return StanceLexicon(
        stance_of={label: stance for stance, labels in data["stances"].items() for label in labels},
        stance_when_absent=dict(data.get("absent", {})),
        side_words={
            tuple(word for word in NAME_BREAK.split(entry.lower()) if word): side
            for side, lists in data["sides"].items()
            for entry in lists["words"]
        },
        side_stems=tuple(
            (stem.lower(), side) for side, lists in data["sides"].items() for stem in lists["stems"]
        ),
        implausible=tuple(
            (frozenset(stance_field(rule["stances"], rule["side"]).split()), frozenset(rule["main_roles"]))
            for rule in data.get("implausible", ())
        ),
    )


def stance_field(stances: Sequence[str], side: str) -> str:
    """Each of the article's stances joined to the mention's side: ``pro_kremlin_ukraine``."""
    return " ".join(f"{stance}_{side}" for stance in stances)


# Relations to the head that name the mention's part in the clause; others count as "other".
CLAUSE_ROLES = frozenset(
    {"nsubj", "nsubjpass", "dobj", "attr", "dative", "agent", "conj", "appos", "compound", "npadvmod", "ROOT"}
)
MODIFIERS = frozenset({"amod", "appos", "acl", "relcl"})
PREDICATES = frozenset({"dobj", "acomp", "attr"})


def attached_words(doc, start: int, end: int) -> list[tuple[str, str]]:
    """``(relation, word)`` pairs the parse ties to the mention ``doc.text[start:end]``.

    The governing word by the mention's relation (``nsubj`` -> the verb it does, ``dobj`` -> the verb
    done to it, ``pobj_against`` -> the word the preposition hangs on, ``poss`` -> what it owns), its
    modifiers outside the span (adjectives, appositions, relative clauses and their objects), what is
    predicated of a subject ("Russia is weak": ``pred_acomp`` weak), and ``neg`` when the verb is negated.
    Words are lowercase lemmas.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    root = span.root
    head, relation = root.head, root.dep_
    found: list[tuple[str, object]] = []
    if relation == "pobj" and head.dep_ == "prep":
        found.append((f"pobj_{head.lower_}", head.head))
    elif relation == "poss":
        found.append(("poss", head))
        if head.head is not head:
            found.append((f"possof_{head.dep_}", head.head))
    else:
        found.append((relation if relation in CLAUSE_ROLES else "other", head))
    for child in root.children:
        if child.dep_ in MODIFIERS and not span.start <= child.i < span.end:
            found.append((f"mod_{child.dep_}", child))
            if child.dep_ in ("acl", "relcl"):
                found.extend(("mod_obj", grand) for grand in child.children if grand.dep_ in PREDICATES)
    if relation == "nsubj":
        found.extend((f"pred_{child.dep_}", child) for child in head.children if child.dep_ in PREDICATES)
    pairs = [(name, token.lemma_.lower()) for name, token in found]
    if head.pos_ in ("VERB", "AUX") and any(child.dep_ == "neg" for child in head.children):
        pairs.append(("neg", "head"))
    return pairs


PATIENT_PREPOSITIONS = frozenset({"on", "against", "at", "to", "into"})


def _event(token) -> tuple[str, object] | None:
    """``("agent" | "patient", governing word)`` of a noun phrase's head, or None when it governs no event:
    subjects and owners act ("Ukraine's counteroffensive"), objects, passive subjects and the object of
    "the invasion of", "war on", "attacks against" undergo; "by" marks the passive agent."""
    relation, head = token.dep_, token.head
    if relation in ("nsubj", "poss"):
        return "agent", head
    if relation in ("dobj", "nsubjpass"):
        return "patient", head
    if relation == "pobj" and head.dep_ in ("prep", "agent"):
        preposition = head.lower_
        if preposition == "by":
            return "agent", head.head
        if preposition in PATIENT_PREPOSITIONS or (preposition == "of" and head.head.pos_ == "NOUN"):
            return "patient", head.head
    return None


def predicate_roles(doc, start: int, end: int, cues: CueLexicon) -> list[str]:
    """What the mention ``doc.text[start:end]`` does or undergoes, as ``role_class`` tags (``agent_win``,
    ``patient_harm``, ``negagent_win`` when the verb is negated), classes from ``[predicates]`` of cues.toml.

    An adjective or compound stands for its noun ("Russian troops retreated": Russia ``agent_lose``); an
    owner acts through what it owns and through what that does ("Ukraine's counteroffensive forced");
    a subject acts through the verb it wants or manages to do ("Ukraine managed to capture").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in ("amod", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        root = root.head
    found = _event(root)
    if found is None:
        return []
    role, event = found
    classes = cues.predicate_classes
    tags = []
    if root.dep_ == "poss":
        tags.extend(f"agent_{name}" for name in classes.get(event.lemma_.lower(), ()))
        acted = _event(event) if event.dep_ != "poss" else None
        if acted is None or acted[0] != "agent":
            return tags
        event = acted[1]
    negated = "neg" if any(child.dep_ == "neg" for child in event.children) else ""
    verbs = [event] + [child for child in event.children if role == "agent" and child.dep_ == "xcomp"]
    for verb in verbs:
        tags.extend(f"{negated}{role}_{name}" for name in classes.get(verb.lemma_.lower(), ()))
    return tags


def reported_clause(doc, start: int, end: int, cues: CueLexicon) -> tuple[int, int] | None:
    """The character span of what the mention ``doc.text[start:end]`` says ("the ministry said that
    Russian units fled": "that Russian units fled"), when it is the subject of a speech verb (``[speech]``
    of cues.toml)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in cues.speech_verbs:
        return None
    clauses = [child for child in root.head.children if child.dep_ in ("ccomp", "xcomp")]
    said = [token for clause in clauses for token in clause.subtree]
    if not said:
        return None
    return min(token.idx for token in said), max(token.idx + len(token) for token in said)


def syntax_field(attached: Sequence[tuple[str, str]], cues: CueLexicon) -> str:
    """Each attached word as ``relation_word``, and its cue categories as ``relation_cue_category``."""
    tokens = []
    for relation, word in attached:
        tokens.append(f"{relation}_{word}")
        tokens.extend(cues.tags([word], f"{relation}_cue_"))
    return " ".join(tokens)


def sentence_cue_tags(
    text: str,
    bounds: tuple[int, int],
    spans: Sequence[tuple[int, int]],
    reported: tuple[int, int] | None,
    cues: CueLexicon,
) -> list[str]:
    """Cue tags of the mention's sentence ``text[bounds]``: ``s_`` for its words, ``q_`` for the words of
    what the mention says (``reported``), which are about someone else."""
    sentence_start, sentence_end = bounds
    if reported is None:
        return cues.tags(WORD.findall(masked(text, sentence_start, sentence_end, spans)), "s_")
    said_start, said_end = max(reported[0], sentence_start), min(reported[1], sentence_end)
    rest = masked(text, sentence_start, said_start, spans) + " " + masked(text, said_end, sentence_end, spans)
    return cues.tags(WORD.findall(rest), "s_") + cues.tags(WORD.findall(text[said_start:said_end]), "q_")


def parsed_mention_fields(
    doc,
    text: str,
    split: SentenceSplit,
    start: int,
    end: int,
    entity_spans: Sequence[tuple[int, int]],
    cues: CueLexicon,
    predicates: Sequence[str] = (),
    entity_predicates: Sequence[str] = (),
    stance: str = "",
) -> dict[str, str]:
    """``mention_fields`` with what the parse ``doc`` attaches to the mention and the clause it reports
    (None: the text is not parsed, not English). Training and the stage both build fields here, so
    that the model sees at prediction what it was trained on."""
    if doc is None:
        return mention_fields(text, split, start, end, entity_spans, cues, stance=stance)
    return mention_fields(
        text,
        split,
        start,
        end,
        entity_spans,
        cues,
        attached_words(doc, start, end),
        predicates,
        entity_predicates,
        stance,
        reported_clause(doc, start, end, cues),
    )


def mention_fields(
    text: str,
    split: SentenceSplit,
    start: int,
    end: int,
    entity_spans: Sequence[tuple[int, int]],
    cues: CueLexicon,
    attached: Sequence[tuple[str, str]] | None = None,
    predicates: Sequence[str] = (),
    entity_predicates: Sequence[str] = (),
    stance: str = "",
    reported: tuple[int, int] | None = None,
) -> dict[str, str]:
    """Text fields describing the mention ``text[start:end]``; ``entity_spans`` are all mentions of its
    entity.

    ``attached`` is what ``attached_words`` finds for the mention; None when the text is not parsed
    (not English): then the English-only fields stay empty. ``predicates`` is what ``predicate_roles``
    finds for the mention, ``entity_predicates`` the same for every mention of its entity; ``stance`` is
    what ``stance_field`` makes of the article's stances and the mention's side; ``reported`` is what
    ``reported_clause`` finds: its cue words count as ``q_`` (said by the mention) instead of ``s_``.
    """
    spans = sorted(set(entity_spans) | {(start, end)})
    own = split.index(start)
    sentence_start, sentence_end = split.bounds[own]
    left_words = WORD.findall(text[max(sentence_start, start - 120) : start])[-SIDE_WORDS:]
    right_words = WORD.findall(text[end : min(sentence_end, end + 120)])[:SIDE_WORDS]
    related = sorted({split.index(span_start) for span_start, _ in spans} - {own})
    first_line_end = text.find("\n")
    sentence = masked(text, sentence_start, sentence_end, spans)
    english = attached is not None
    related_text = " ".join(masked(text, *split.bounds[i], spans) for i in related)
    cue_tags = []
    if english:  # n_: within a few words of the mention, r_: in its other sentences
        cue_tags = (
            sentence_cue_tags(text, split.bounds[own], spans, reported, cues)
            + cues.tags(left_words + right_words, "n_")
            + cues.tags(WORD.findall(related_text), "r_")
        )
    return {
        "sentence": sentence,
        "window": masked(text, max(0, start - WINDOW_CHARS), min(len(text), end + WINDOW_CHARS), spans),
        "sides": " ".join([f"l_{w.lower()}" for w in left_words] + [f"r_{w.lower()}" for w in right_words]),
        "related": related_text,
        # cased words only: in scripts without case (Hindi) nothing tells a name from a noun
        "nouns": " ".join(word for word in WORD.findall(text[start:end]) if word.islower()),
        "cues": " ".join(cue_tags),
        "syntax": syntax_field(attached, cues) if english else "",
        "predicates": " ".join(predicates) if english else "",
        "entity_predicates": " ".join(entity_predicates) if english else "",
        "stance": stance,
        "article": text[: first_line_end if 0 < first_line_end < 300 else 300] + " " + text[:3000],
    }
