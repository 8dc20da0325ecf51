"""Where the dependency parse puts the speaker and the reported clause of a cue verb.

spaCy's parse of news prose goes wrong in ways that repeat: it hangs a reported clause on the cue's
object or cuts it in two, takes an opening participle or a dateline for the subject, joins a second
clause's subject to a noun of the first. These functions read a cue's subject, its reported clause and
where that clause starts from the parse as it is. They take spaCy tokens (and the word lists they need)
and keep no state: the quotes stage (:mod:`narrascope.quotes.speech`) decides which answer to use.
"""

from __future__ import annotations

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Links a cue without a subject of its own climbs to find the verb whose subject speaks ("said and added",
# "…, insisting that", "before adding:", "was quick to praise … before saying").
_CLIMBED = frozenset({"conj", "xcomp", "advcl", "ccomp", "pcomp", "prep", "acomp"})
DASHES = frozenset({"\u2013", "\u2014", "-", "--"})


def cue_subject(cue, absolute_prepositions: frozenset[str]):
    """The cue's subject; a cue joined to another verb ("said and added") or a participle ("...,
    insisting that") shares the subject of the verb above it; "who"/"that" stand for the noun the
    relative clause belongs to. In the passive the agent speaks ("it was reported by the agency"),
    not the grammatical subject. Where the parser took a clause or an opening participle for the
    subject, the speaker is found beside it (see the helpers below)."""
    token = cue
    for _ in range(8):  # "was quick to praise … before saying" climbs six links
        agent = next((child for child in token.children if child.dep_ == "agent"), None)
        spoken_by = [child for child in agent.children if child.dep_ == "pobj"] if agent is not None else []
        if spoken_by:
            return spoken_by[0]
        # of two subjects (a dateline's "MOSCOW" and the real one), the one nearer the verb; the parser
        # may hang the subject on the auxiliary ("Islamabad has, however, denied")
        subjects = sorted(
            (
                child
                for holder in [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass"))]
                for child in holder.children
                if child.dep_ in SUBJECTS
            ),
            key=lambda child: abs(child.i - token.i),
        )
        subject = _split_subject(subjects)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                return _antecedent(token.head, subject)
            if subject.tag_ in ("WP", "WDT"):
                return _noun_before(subject) or subject  # "It was the mayor who said": no relative clause
            if subject.dep_ == "csubj" and subject.tag_ == "VBG" and not has_subject(subject):
                return _apposed_to_participle(subject)
            if subject.dep_ == "csubj" and has_subject(subject):
                return _conjunct_before(token) or subject
            return subject
        if token.dep_ == "conj" and (conjunct := _conjunct_before(token)) is not None:
            return conjunct
        if token.dep_ == "acl" and token.tag_ == "VBG" and _speaking_noun(token.head, absolute_prepositions):
            return token.head  # "a survey claiming that …", "officials warning of …": the noun speaks
        if token.dep_ in _CLIMBED and token.head.i != token.i:
            token = token.head  # "…, before adding:" climbs through "before" to the verb it follows
        else:
            break
    return None


def _speaking_noun(noun, absolute_prepositions: frozenset[str]) -> bool:
    """Whether a participle's noun can speak: not the object of a preposition, which the parser may
    hang the participle on ("at one point telling", "in Geneva, warning of"), unless the preposition
    takes the noun and the participle together ("despite officials acknowledging")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return noun.dep_ != "pobj" or noun.head.lower_ in absolute_prepositions


def ends_on(phrase, right: int) -> bool:
    """Whether nothing but the phrase and its verb's later modifiers ("in an email | to the site") runs
    from the phrase to ``right``: no second clause joined to the verb."""
    later = [child for child in phrase.head.children if child.i >= phrase.i]
    return max(child.right_edge.i for child in later) == right and not any(
        child.dep_ in ("conj", "ccomp") for child in later
    )


def has_subject(verb) -> bool:
    return any(child.dep_ in SUBJECTS for child in verb.children)


def _conjunct_before(verb):
    """ "The House has been blocking aid for Ukraine and the United States has warned that …": the parser
    joins the second clause's subject to a noun of the first (and takes the first clause for the
    second verb's subject, or joins the verbs). A verb with a noun right before it (and its
    auxiliaries), not a conjunction or a comma, has that noun for its subject."""
    doc = verb.doc
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i])
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.dep_ == "conj" and before.pos_ in ("NOUN", "PROPN"):
        return before
    return None


def _apposed_to_participle(participle):
    """ "Speaking from a detention centre in Dnipro, a soldier named Timur told …": the parser takes the
    opening participle for the subject and hangs the speaker, after the comma, in apposition inside it."""
    doc = participle.doc
    return next(
        (
            t
            for t in participle.subtree
            if t.dep_ == "appos" and t.i > participle.i and doc[t.left_edge.i - 1].text == ","
        ),
        None,
    )


def _split_subject(subjects):
    """Of two subjects, the one nearer the verb (a dateline's "MOSCOW" is the other), unless the parser
    split one noun phrase in two: in "Researchers at the company IBM say" the farther one runs on into
    the nearer through a preposition and heads the phrase. (A title before a name, "the head of mission
    Anna Kovalenko", keeps the name, and the title joins it when the speaker is written out; so do the
    pieces of a hyphenated word, "the co-owner".)"""
    subjects = [s for s in subjects if not inside_word(s)]
    if not subjects:
        return None
    nearer = subjects[0]
    for farther in subjects[1:]:
        if title_before(farther, nearer) and preposition_besides_of(farther.subtree):
            nearer = farther
    return nearer


def title_before(first, second) -> bool:
    """Whether ``first`` is a subject of ``second``'s verb whose phrase ends right where ``second``'s
    starts: one noun phrase the parser cut in two."""
    return (
        first.i < second.i
        and first.dep_ in SUBJECTS
        and second.dep_ in SUBJECTS
        and first.head == second.head
        and first.right_edge.i + 1 == second.left_edge.i
        and not inside_word(first)
        and not inside_word(second)
    )


def preposition_besides_of(tokens) -> bool:
    """Whether the tokens hold a preposition other than the "of" of a title ("head of mission"): "aide
    to", "researchers at" start a phrase that is no part of a name's title."""
    return any(t.dep_ == "prep" and t.lower_ != "of" for t in tokens)


def inside_word(token) -> bool:
    """The first part or the hyphen of a hyphenated word the tokenizer split ("co", "-" of "co-owner")."""
    doc = token.doc
    joined = not token.whitespace_ and token.i + 1 < len(doc)
    return joined and (token.text == "-" or doc[token.i + 1].text == "-")


def _noun_before(relative):
    """The noun right before a relative pronoun (and a comma), which it stands for."""
    doc = relative.doc
    i = relative.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return doc[i] if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN") else None


def _antecedent(noun, relative):
    """The noun a relative pronoun stands for. The parser hangs "who" on the nearest noun, which in
    "the head of the IMF, who said" is the organisation; "who" speaks for the person noun before
    "of"."""
    preposition = noun.head
    if (
        relative.lower_ == "who"
        and noun.dep_ == "pobj"
        and noun.ent_type_ not in ("", "PERSON")
        and preposition.lower_ == "of"
        and preposition.head.pos_ == "NOUN"
    ):
        return preposition.head
    return noun


def in_relative_clause(token, top) -> bool:
    """Whether ``token`` is part of a clause that describes a noun, below ``top``."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == top.i:
            return False
        if ancestor.dep_ in ("relcl", "acl"):
            return True
    return False


def adverbial_statement(cue):
    """A clause before the cue that the parser took for an adverbial one ("The IMF is projecting a
    downgrade, Georgieva said"): it has its own subject and no conjunction or adverb ("if", "when")
    that would make it one."""
    return next(
        (
            child
            for child in cue.children
            if child.dep_ == "advcl"
            and child.i < cue.i
            and any(grandchild.dep_ in SUBJECTS for grandchild in child.children)
            and not any((g.dep_ == "mark" or g.tag_ == "WRB") and g.i < child.i for g in child.children)
        ),
        None,
    )


def clause_on_prepositional_object(cue):
    """ "warned in a report that …", "told journalists during a call that Putin was healthy",
    "stressed for the first time that …", "told a briefing that 50 soldiers were killed": the parser
    hangs the reported clause on the cue's object or on the object of its preposition, as if it
    described that noun. A clause there that opens with "that", has a subject of its own and leaves
    no gap for "that" to fill introduces what was said ("told the story that his father liked" is a
    true relative clause)."""
    holders = [cue] + [child for child in cue.children if child.dep_ in ("dobj", "dative")]
    objects = holders[1:] + [
        pobj
        for holder in holders
        for preposition in holder.children
        if preposition.dep_ == "prep" and preposition.i > cue.i
        for pobj in preposition.children
        if pobj.dep_ == "pobj"
    ]
    for noun in objects:
        for clause in noun.children:
            opening = clause.doc[clause.left_edge.i]
            # on the cue's object, "that"-clauses the parser read as its complement are its content
            # ("expressed the hope that …"), not what was said
            kinds = ("relcl", "acl") if noun.dep_ == "pobj" else ("relcl",)
            if (
                clause.dep_ in kinds
                and opening.lower_ == "that"
                and opening.i > noun.i
                and any(child.dep_ in SUBJECTS and child.i != opening.i for child in clause.children)
                and not gap_for(opening, clause)
            ):
                return clause
    return None


def gap_for(that, clause) -> bool:
    """Whether "that" fills a place in its clause, as a relative pronoun does: the object of a verb
    that has no other object or complement and is no passive or "be" ("the story that his father
    liked"), or the object a stranded preposition lacks ("the call that he spoke about")."""
    if that.dep_ == "dobj":
        complete = clause.lemma_ == "be" or any(
            child.dep_ in ("dobj", "attr", "acomp", "auxpass") and child.i != that.i
            for child in clause.children
        )
        return not complete
    if that.dep_ == "pobj":
        return any(
            child.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") for g in child.children)
            for child in clause.children
        )
    return False


def quoted_as(cue):
    """The verb of "was quoted as saying": the reported clause hangs on it, not on the cue."""
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.i != cue.head.i:
        return cue.head.head
    return None


def complementizer(first, clause) -> bool:
    """Whether the "that" opening a reported clause only introduces it: a mark, the opener of a clause
    the parser took for a relative one, or a "that" it took for the object of a clause with a subject
    of its own ("assure the audience that Zelensky has a plan")."""
    if first.lower_ != "that":
        return False
    own_subject = any(child.dep_ in SUBJECTS and child.i != first.i for child in clause.children)
    return first.dep_ == "mark" or clause.dep_ in ("relcl", "acl") or (first.head == clause and own_subject)


def has_that(clause) -> bool:
    return any(child.dep_ == "mark" and child.lower_ == "that" for child in clause.children)


def that_clause(cue):
    """A "that"-clause after the cue; it wins over "of"-objects ("warned the president of Finland
    that …")."""
    return next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i and has_that(c)), None)


def reported_clause(cue):
    """Any clausal complement of the cue, the one after it first ("said Russia lost …", "…, he said")."""
    if cue is None:
        return None
    clauses = [child for child in cue.children if child.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > cue.i]
    # a clause before a colon introduces the sentence after it ("Here are two facts: rulers rarely
    # admit …"); the cue does not report it
    before = [c for c in clauses if c.i < cue.i and ":" not in cue.doc[c.right_edge.i : cue.i].text]
    return (after or before or [None])[0]


def joined_clauses(cue, clause, left: int, right: int) -> tuple[int, int]:
    """ "said doctors changed the drug to one that he suspected | was not effective", "An official said
    | talks were dynamic, it said": the parser may cut a reported clause in two and hang both halves
    on the cue; halves that touch are one clause (the cue itself is no part of its own clause). A
    second half may look adverbial ("said the ore to build it | is right there"), but without a
    conjunction or a participle to open it, it is no adverbial clause of the saying."""
    halves = sorted(
        (
            c
            for c in clause.head.children
            if (c.dep_ == "ccomp" or _bare_adverbial(c))
            and c.i != clause.i
            and not c.left_edge.i <= cue.i <= c.right_edge.i
        ),
        key=lambda c: c.i,
    )
    for half in halves:
        if half.left_edge.i == right + 1:
            right = half.right_edge.i
    for half in reversed(halves):
        if half.right_edge.i + 1 == left:
            left = half.left_edge.i
    return left, right


def _bare_adverbial(clause) -> bool:
    """A clause the parser calls adverbial that no conjunction opens and that is no participle."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ != "VBG"
        and not any(child.dep_ in ("mark", "advmod") and child.i < clause.i for child in clause.children)
    )


def fronted_phrase(cue, left: int) -> int:
    """ "said with blossoms opening two weeks early, we can expect more bees": a phrase between the cue
    and a reported clause without "that", set off from the clause by a comma, opens the clause; the
    parser hangs it on the cue."""
    doc = cue.doc
    comma = left if doc[left].text == "," else left - 1
    if comma <= cue.i + 1 or doc[comma].text != "," or doc[comma + 1].lower_ == "that":
        return left
    phrase = next(
        (
            c
            for c in cue.children
            if c.dep_ in ("prep", "advcl") and c.left_edge.i == cue.i + 1 and c.right_edge.i == comma - 1
        ),
        None,
    )
    return phrase.left_edge.i if phrase is not None else left


def when_said(cue, left: int) -> int:
    """ "said on Monday it had summoned the ambassador": a time right after the cue tells when it was
    said; the parser hangs it on the reported clause that follows without "that"."""
    doc = cue.doc
    first = doc[left]
    if left != cue.i + 1 or first.dep_ != "prep" or first.right_edge.i + 1 >= len(doc):
        return left
    if all(t.ent_type_ in ("DATE", "TIME") for t in doc[left + 1 : first.right_edge.i + 1]):
        return first.right_edge.i + 1
    return left


def subject_dropped(cue):
    """ "Zelensky Visits Front, Says Russia Is Losing the War": a headline drops the subject of its
    second verb; the parser makes the first verb's clause a reported clause of the cue, and the
    cue's own clause follows right after it. The first clause's subject speaks."""
    children = list(cue.children)
    before = next((c for c in children if c.dep_ == "ccomp" and c.i < cue.i), None)
    after = any(c.dep_ == "ccomp" and c.left_edge.i == cue.i + 1 for c in children)
    if before is None or not after:
        return None
    return next((c for c in before.children if c.dep_ in SUBJECTS), None)


def clause_beside(cue):
    """ "An official said | talks were dynamic, it said": a cue the parser made a reported clause of
    another cue, with no clause of its own, says the clause hung beside it that starts right after it."""
    if cue.dep_ != "ccomp" or cue.right_edge.i != cue.i:
        return None
    return next((c for c in cue.head.children if c.dep_ == "ccomp" and c.left_edge.i == cue.i + 1), None)


def name_before(tokens) -> list:
    """The capitalised nouns (and their determiners) that end ``tokens``: the speaker of a headline
    cue, not what comes before a comma, colon or preposition ("As Sanctions Grow, WSJ Declares …")."""
    name = []
    for token in reversed(tokens):
        # "WHO", which the tagger takes for "who"
        acronym = token.is_alpha and token.is_upper and len(token) > 1
        word = token.pos_ in ("PROPN", "NOUN", "ADJ", "DET") and not token.is_punct
        if not (word or acronym or _in_compound(token)):
            break
        name.insert(0, token)
    return name if any(t.pos_ in ("PROPN", "NOUN") for t in name) else []


def _in_compound(token) -> bool:
    """A hyphen glued to the words on both sides, inside a title such as "Director-General"."""
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
        and token.i + 1 < len(token.doc)
    )


def reads_as_clause(tokens) -> bool:
    """Whether the words after a headline cue read as a clause: a verb or pronoun the parser saw, or
    more words before any preposition than a headline's bare noun phrase takes ("Drone Strike Hit
    Only Fighters", not "Record Grain Harvest In Odesa")."""
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in tokens):
        return True
    before_preposition = next((k for k, t in enumerate(tokens) if t.pos_ == "ADP"), len(tokens))
    return before_preposition >= 4


def after_dateline(doc, left: int, head: int) -> int:
    """ "KYIV, Ukraine (AP) — The city lost power, the governor said": a dateline (names and
    punctuation before a dash, or before a colon: "Mexico City: …") is not part of what was said. A
    city in capitals may touch its dash ("KYIV—Russia struck …")."""
    for token in doc[left:head]:
        dash = token.text in DASHES
        spaced = token.whitespace_ or (dash and _after_capitals(token, left))
        if (dash or token.text == ":") and spaced:
            names = doc[left : token.i]
            if all(t.pos_ in ("PROPN", "PUNCT", "SPACE") or t.text.isupper() for t in names):
                return token.i + 1
            break
    return left


def _after_capitals(dash, left: int) -> bool:
    """Whether a dash comes right after a word in capitals, as a dateline's city ("KYIV—")."""
    before = dash.doc[dash.i - 1] if dash.i > left else None
    return before is not None and len(before.text) > 1 and before.text.isupper()


def token_end(token) -> int:
    """The offset just after the token's last character."""
    return token.idx + len(token.text)
