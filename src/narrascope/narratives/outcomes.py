"""War-outcome claims: which side of the Ukraine-Russia war an English article says is losing.

The classifier's heads cannot learn the "<side> army is collapsing" sub-narratives from the handful
of training articles that carry them, so this reader parses the claims themselves from the spaCy
dependency tree; ``resources/narratives/outcomes.toml`` holds the words, the sides and the decision
thresholds and says which constructions count. ``OutcomeReader.read(doc)`` gives, per side, the
sentences claiming it is losing; ``finding`` turns them into a sub-narrative when they dominate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrascope.datafiles import read_toml, word_sets
from narrascope.errors import ModelError
from narrascope.narratives.classifier import Prediction
from narrascope.narratives.taxonomy import Taxonomy
from narrascope.settings import RESOURCES

OUTCOMES_FILE = Path("narratives") / "outcomes.toml"  # under the settings' resources folder

# dependents that name who or what a noun belongs to: "Russian troops", "Russia's army", "Putin army"
OWNER_RELATIONS = ("compound", "amod", "poss", "nmod")


@dataclass(frozen=True)
class Side:
    name: str
    names: frozenset[str]
    subnarrative: str


@dataclass(frozen=True)
class OutcomeFinding:
    """A side the article says is losing: its sub-narrative, a confidence and the claiming sentences."""

    side: str
    subnarrative: str
    score: float
    sentences: list[tuple[int, int]]


@dataclass(frozen=True)
class OutcomeReader:
    sides: tuple[Side, ...]
    losing_verbs: frozenset[str]
    losing_only_intransitive: frozenset[str]
    losing_phrasal: dict[str, frozenset[str]]
    success_verbs: frozenset[str]
    inability_words: frozenset[str]
    harm_verbs: frozenset[str]
    winning_verbs: frozenset[str]
    loss_nouns: frozenset[str]
    demand_auxiliaries: frozenset[str]
    condition_markers: frozenset[str]
    min_sentences: int
    min_ratio: float

    # -- who a phrase stands for ---------------------------------------------------------------------

    def named_side(self, token) -> str | None:
        for word in [token, *(c for c in token.children if c.dep_ in OWNER_RELATIONS)]:
            for side in self.sides:
                if word.lower_ in side.names:
                    return side.name
        return None

    def phrase_side(self, token) -> str | None:
        """The side a noun phrase names: its head, a conjunct or apposition, or an "of" complement."""
        side = self.named_side(token)
        for child in token.children:
            if side:
                break
            if child.dep_ in ("conj", "appos"):
                side = self.named_side(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                side = next(
                    (s for o in child.children if o.dep_ == "pobj" and (s := self.named_side(o))), None
                )
        return side

    def other_side(self, name: str) -> str | None:
        others = [side.name for side in self.sides if side.name != name]
        return others[0] if len(others) == 1 else None

    # -- what a predicate asserts --------------------------------------------------------------------

    def asserted(self, verb) -> bool:
        """False for demands ("Russia must withdraw") and conditions ("if Russia loses")."""
        return not any(
            (child.dep_ == "aux" and child.lower_ in self.demand_auxiliaries)
            or (child.dep_ == "mark" and child.lower_ in self.condition_markers)
            for child in verb.children
        )

    def negated(self, verb) -> bool:
        """Negated itself, or under a negated or "unable" head ("will not let Ukraine fail")."""
        if any(child.dep_ == "neg" for child in verb.children):
            return True
        head = verb.head
        if head is verb:
            return False
        return head.lower_ in self.inability_words or (
            verb.dep_ in ("xcomp", "ccomp") and any(child.dep_ == "neg" for child in head.children)
        )

    @staticmethod
    def subjects(verb, relations: tuple[str, ...] = ("nsubj",)) -> list:
        """The verb's subjects; for an open complement ("Russia is starting to lose"), its controller's."""
        found = [child for child in verb.children if child.dep_ in relations]
        while not found and verb.dep_ == "xcomp" and verb.head is not verb:
            verb = verb.head
            found = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
        return found

    def losing_verb(self, verb) -> bool:
        lemma = verb.lemma_.lower()
        if lemma in self.losing_verbs:
            return not (
                lemma in self.losing_only_intransitive and any(c.dep_ == "dobj" for c in verb.children)
            )
        particles = {child.lower_ for child in verb.children if child.dep_ == "prt"}
        return bool(particles & self.losing_phrasal.get(lemma, frozenset()))

    # -- sentences -----------------------------------------------------------------------------------

    def verb_claims(self, verb) -> set[str]:
        lemma = verb.lemma_.lower()
        negated = self.negated(verb)
        losing: set[str] = set()
        if self.losing_verb(verb) and not negated:
            losing |= {self.phrase_side(s) for s in self.subjects(verb)}
        if lemma in self.success_verbs and negated:
            losing |= {self.phrase_side(s) for s in self.subjects(verb)}
        if lemma in self.harm_verbs and not negated:
            losing |= {self.phrase_side(c) for c in verb.children if c.dep_ == "nsubjpass"}
        if lemma in self.winning_verbs and not negated:
            for subject in self.subjects(verb):
                winner = self.phrase_side(subject)
                loser = self.other_side(winner) if winner else None
                objects = (c for c in verb.children if c.dep_ == "dobj")
                if loser and any(self.phrase_side(o) == loser for o in objects):
                    losing.add(loser)
        return losing

    def noun_claim(self, noun) -> str | None:
        """The side owning a loss noun: "Russia's defeat", "losses of the Russian army",
        or "Russia suffered heavy losses" (the subject of the verb the noun is the object of)."""
        side = self.named_side(noun)
        for child in noun.children:
            if not side and child.dep_ == "prep" and child.lower_ in ("of", "for"):
                side = next(
                    (s for o in child.children if o.dep_ == "pobj" and (s := self.phrase_side(o))), None
                )
        verb = noun.head
        if not side and noun.dep_ == "dobj" and self.asserted(verb) and not self.negated(verb):
            side = next((s for subject in self.subjects(verb) if (s := self.phrase_side(subject))), None)
        return side

    def losing_sides(self, sentence) -> set[str]:
        """The sides a parsed sentence (a spaCy span) says are losing."""
        losing: set[str] = set()
        for token in sentence:
            if token.pos_ in ("VERB", "AUX") and self.asserted(token):
                losing |= self.verb_claims(token)
            if token.lemma_.lower() in self.loss_nouns or token.lower_ in self.loss_nouns:
                losing.add(self.noun_claim(token))
        losing.discard(None)
        return losing

    def read(self, doc) -> dict[str, list[tuple[int, int]]]:
        """Per side, the character spans of the distinct sentences claiming it is losing.

        A sentence repeated word for word (a headline printed twice) counts once."""
        claims: dict[str, list[tuple[int, int]]] = {side.name: [] for side in self.sides}
        seen: set[str] = set()
        for sentence in doc.sents:
            text = sentence.text.strip()
            if not text or text in seen:
                continue
            seen.add(text)
            for side in self.losing_sides(sentence):
                claims[side].append((sentence.start_char, sentence.end_char))
        return claims

    def finding(self, claims: dict[str, list[tuple[int, int]]]) -> OutcomeFinding | None:
        """The side the article says is collapsing, when enough sentences say so and they dominate.

        The score is that side's share of the outcome sentences, with one pseudo-count against it, so
        three sentences and none for the other side give 0.75."""
        total = sum(len(spans) for spans in claims.values())
        for side in self.sides:
            mine = len(claims[side.name])
            others = total - mine
            if mine >= self.min_sentences and mine >= self.min_ratio * others:
                score = round(mine / (total + 1), 4)
                return OutcomeFinding(side.name, side.subnarrative, score, claims[side.name])
        return None


def parse_reader(data: dict, source: str) -> OutcomeReader:
    try:
        words, decision = data["words"], data["decision"]
        sides = tuple(
            Side(name, frozenset(n.lower() for n in entry["names"]), entry["subnarrative"])
            for name, entry in data["sides"].items()
        )
        return OutcomeReader(
            sides=sides,
            **word_sets(
                words,
                "losing_verbs",
                "losing_only_intransitive",
                "success_verbs",
                "inability_words",
                "harm_verbs",
                "winning_verbs",
                "loss_nouns",
                "demand_auxiliaries",
                "condition_markers",
            ),
            losing_phrasal={verb: frozenset(p) for verb, p in words["losing_phrasal"].items()},
            min_sentences=int(decision["min_sentences"]),
            min_ratio=float(decision["min_ratio"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(source, f"war-outcome word lists incomplete: {error}") from error


def with_finding(
    prediction: Prediction, finding: OutcomeFinding | None, taxonomy: Taxonomy, fine_threshold: float
) -> Prediction:
    """The classifier's prediction with the finding's sub-narrative added (``Other`` gives way to it).

    ``<narrative>: Other`` of the finding's narrative is dropped when its own head did not select it,
    as it then only stood for "no specific sub-narrative found"."""
    if finding is None:
        return prediction
    catch_all = taxonomy.narrative(taxonomy.narrative_of(finding.subnarrative)).other
    subnarratives = set(prediction.subnarratives) | {finding.subnarrative}
    if prediction.scores.get(catch_all, 0.0) < fine_threshold:
        subnarratives.discard(catch_all)
    narratives, subnarratives = taxonomy.consistent(prediction.narratives, subnarratives)
    return Prediction(narratives, subnarratives, prediction.scores)


@lru_cache(maxsize=4)
def load_reader(resources: Path = RESOURCES) -> OutcomeReader:
    """The war-outcome reader of a resources folder (the shipped one by default), read once per process."""
    path = resources / OUTCOMES_FILE
    return parse_reader(read_toml(path, "war-outcome word lists"), str(path))
