"""The ``quotes`` stage: direct quotes and indirect speech, each with speaker, cue and content.

Everything is a linear pass over the parse stage's Doc: quotation marks give direct quotes, the cue
verbs of ``resources/quotes/cues.toml`` (and "according to") give attributions and indirect speech,
the dependency parse gives the speaker (the cue's subject) and the reported clause. How the parse
places those is read in :mod:`narrascope.quotes.grammar`, how far a speaker's words run in
:mod:`narrascope.quotes.speakers`; this module decides, quote by quote, which of them to trust.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from narrascope.entities.headlines import is_title_case
from narrascope.entities.parse import load_spacy, third_person_lemma, verb_lemmas
from narrascope.errors import StageFailure
from narrascope.model import Analysis, Entity, Quote, Span
from narrascope.quotes.grammar import (
    DASHES,
    SUBJECTS,
    adverbial_statement,
    after_dateline,
    clause_beside,
    clause_on_prepositional_object,
    complementizer,
    cue_subject,
    ends_on,
    fronted_phrase,
    gap_for,
    has_subject,
    has_that,
    in_relative_clause,
    joined_clauses,
    name_before,
    quoted_as,
    reads_as_clause,
    reported_clause,
    subject_dropped,
    that_clause,
    token_end,
    when_said,
)
from narrascope.quotes.marks import Quotation, find_quotations
from narrascope.quotes.resources import Cues, load_cues
from narrascope.quotes.speakers import speaker_phrase
from narrascope.settings import Settings

# Stripped from both ends of every span: content is the words, without the marks around them.
_EDGE_PUNCTUATION = " \t\n,;:.\u2014\u2013-\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2033"
# Characters before an opening mark (or after a closing one) that leave the quote standing on its own,
# rather than being a quoted fragment inside the writer's sentence.
_STANDALONE_BEFORE = frozenset(":,.;!?\u2014\u2013-(")
_STANDALONE_AFTER = frozenset(",.;:!?\u2014\u2013-)")
_CLOSING_INSIDE = frozenset(",.!?\u2026")
# A quote that ends on a quote inside it ("…, ‘trust us,’” Comer said) ends with the inner marks:
# the punctuation that tells how it stands is the last character before them.
_INNER_CLOSING = " '\u2019\u201d\"\u2033"
_MARKS = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2033")
# Parts of speech a speaker's noun phrase is made of ("the Russia 1 TV channel", "officials have").
_NOUN_PHRASE_POS = frozenset(
    {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PRON", "ADP", "ADV", "AUX", "CCONJ"}
)
_APPOSED_NAME = re.compile(r",\s*((?:[A-Z][\w.\u2019'-]*\s+){1,3}[A-Z][\w\u2019'-]+)\s*,")


class QuoteFinder:
    name = "quotes"
    version = "10"

    def __init__(self, settings: Settings) -> None:
        self.cues = load_cues(settings.resources)
        self.verbs = verb_lemmas(load_spacy(settings.spacy_model))

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            raise StageFailure(analysis.article.id, "the quotes stage needs the parse stage before it")
        analysis.quotes = find_quotes(analysis, self.cues, self.verbs)
        return analysis


@dataclass
class _Attribution:
    speaker: Span | None
    speaker_entity_id: str | None
    cue: Span | None


def find_quotes(analysis: Analysis, cues: Cues, verbs: frozenset[str]) -> list[Quote]:
    """Direct quotes first (they claim their cues), then indirect speech, in text order. ``verbs``: base
    forms of English verbs, to tell a verb the parser took for a name in a title-case headline."""
    reader = _Reader(analysis, cues, verbs)
    quotes = reader.direct_quotes(find_quotations(analysis.text, cues.quote_pairs))
    quotes += reader.indirect_quotes()
    quotes.sort(key=lambda quote: quote.content.start)
    quotes = reader.without_relayed_direct(quotes)
    quotes = reader.continuations(quotes)
    reader.resolve_pronouns(quotes)
    return quotes


class _Reader:
    def __init__(self, analysis: Analysis, cues: Cues, verbs: frozenset[str]) -> None:
        self.analysis = analysis
        self.doc = analysis.doc
        self.cues = cues
        self.verbs = verbs
        self.text = analysis.text
        self.used_cues: set[int] = set()
        self.unattributed: set[int] = set()
        self.direct_spans: list[tuple[int, int]] = []
        # every closed quotation, standing alone or quoted inside the writer's sentence: a cue in it is
        # the quoted person's word, not an attribution
        self.quoted_spans: list[tuple[int, int]] = []
        self.token_starts = [token.idx for token in self.doc]
        self.mentions = sorted(
            (
                (mention.start, mention.end, entity)
                for entity in analysis.entities
                for mention in entity.mentions
            ),
            key=lambda item: item[0],
        )

    # --- direct speech ---------------------------------------------------------------------------

    def direct_quotes(self, quotations: list[Quotation]) -> list[Quote]:
        quotes: list[Quote] = []
        self.quoted_spans = [(q.opening, q.end + 1) for q in quotations if q.closed]
        for quotation in map(self._closed_by_attribution, quotations):
            content = self._trimmed(quotation.start, quotation.end)
            if content is None or not self._standalone(quotation):
                continue
            attribution = self._direct_attribution(quotation)
            quote = Quote(
                speaker=attribution.speaker if attribution else None,
                speaker_entity_id=attribution.speaker_entity_id if attribution else None,
                cue=attribution.cue if attribution else None,
                content=content,
                kind="direct",
                score=0.9 if attribution else 0.5,
            )
            if attribution is None:
                self.unattributed.add(id(quote))
            quotes.append(quote)
            self.direct_spans.append((quotation.opening, quotation.end + 1))
        return quotes

    def _closed_by_attribution(self, quotation: Quotation) -> Quotation:
        """ "“These agreements expired last month, it added.": scraped text loses closing marks; a quote
        left open that ends on a comma and an attribution ends at that comma."""
        if quotation.closed:
            return quotation
        last = self._token_at(quotation.end - 1)
        cue = next((t for t in reversed(self.doc[max(0, last.i - 12) : last.i + 1]) if self._is_cue(t)), None)
        found = self._trailing_attribution(cue) if cue is not None else None
        if found is None or found[0].idx <= quotation.start:
            return quotation
        return Quotation(quotation.opening, quotation.start, found[0].idx + 1, True)

    def continuations(self, quotes: list[Quote]) -> list[Quote]:
        """A direct quote without its own attribution continues the quote just before it when only a
        short attribution ("“…,” he said. “…”") or a paragraph break (and perhaps a short line of
        page
        furniture) stands between them; it takes that quote's speaker. Short unattributed quotes that
        continue nothing are scare quotes or titles and are dropped."""
        kept: list[Quote] = []
        for quote in quotes:
            if id(quote) in self.unattributed:
                # the quote whose attribution comes last before this one (nested attributions end together)
                previous = max(
                    kept, key=lambda q: (q.content.end, q.cue.start if q.cue else -1), default=None
                )
                if previous is not None and previous.speaker is not None and self._continues(previous, quote):
                    quote.speaker, quote.speaker_entity_id, quote.score = (
                        previous.speaker,
                        previous.speaker_entity_id,
                        0.7,
                    )
                elif len(quote.content.text.split()) < self.cues.min_quote_words:
                    continue
            kept.append(quote)
        return kept

    def _standalone(self, quotation: Quotation) -> bool:
        """A quote stands on its own when nothing but punctuation, an attribution or a paragraph break
        separates it from the surrounding sentence; "his “special operation”" is a fragment, and so is a
        word or two after a cue that the sentence goes on after ("demanded “vigorous” efforts")."""
        line_start = self.text.rfind("\n", 0, quotation.opening) + 1
        before = self.text[line_start : quotation.opening].rstrip()
        after_cue = bool(before) and self._ends_with_cue(before, line_start)
        words = len(self.text[quotation.start : quotation.end].split())
        if after_cue and words >= self.cues.min_quote_words:
            return True
        if before and before[-1] not in _STANDALONE_BEFORE and not after_cue:
            return False
        if not quotation.closed:
            return True
        inside_last = self.text[quotation.start : quotation.end].rstrip(_INNER_CLOSING)[-1:]
        line_end = self.text.find("\n", quotation.end)
        after = self.text[quotation.end + 1 : line_end if line_end >= 0 else len(self.text)].lstrip()
        return not after or after[0] in _STANDALONE_AFTER or inside_last in _CLOSING_INSIDE

    def _ends_with_cue(self, before: str, line_start: int) -> bool:
        token = self._token_at(line_start + len(before) - 1)
        return token is not None and self._is_cue(token)

    def _continues(self, previous: Quote, quote: Quote) -> bool:
        between = self.text[previous.content.end : quote.content.start]
        lines = between.split("\n")
        if len(lines) == 1:
            return len(between.strip(_EDGE_PUNCTUATION)) < 150
        opens_paragraph = not lines[-1].strip(_EDGE_PUNCTUATION)
        furniture = [line for line in lines[1:-1] if line.strip()]
        if furniture and furniture[-1].rstrip().endswith(":"):
            return False  # a line of the writer's introduces someone else's words
        return (
            opens_paragraph
            and len(lines[0]) < 150
            and len(furniture) <= 1
            and all(len(line) < 60 for line in furniture)
        )

    def _direct_attribution(self, quotation: Quotation) -> _Attribution | None:
        """The cue nearest the quote in the sentences it touches (outside the quote), or the sentence that
        introduces it with a colon at the end of the previous paragraph."""
        doc = self.doc
        first = self._token_at(quotation.start) or self._token_at(quotation.opening)
        last = self._token_at(max(quotation.end - 1, quotation.start))
        if first is None or last is None:
            return None
        start = first.sent.start
        end = last.sent.end
        # A closing mark often ends spaCy's sentence early: "…backs,” | Sak said."
        if quotation.closed and end < len(doc) and doc[end - 1].idx <= quotation.end:
            end = doc[end].sent.end
        candidates = [
            token
            for token in doc[start:end]
            if not (quotation.opening <= token.idx <= quotation.end)
            and (self._is_cue(token) or self._is_according(token))
            and token.i not in self.used_cues
            and self._same_line(token.idx, quotation.opening)
        ]
        if not candidates:
            line_start = self.text.rfind("\n", 0, quotation.opening) + 1
            if line_start > 0 and not self.text[line_start : quotation.opening].strip():
                introduced = self.text[:line_start].rstrip()
                if introduced.endswith(":"):
                    token = self._token_at(len(introduced) - 1)
                    candidates = (
                        [t for t in token.sent if self._is_cue(t) and t.i not in self.used_cues]
                        if token
                        else []
                    )
        if not candidates:
            return None
        # "“…,” he said" puts the attribution after the quote; "he said: “…”" before it.
        inside_last = self.text[quotation.start : quotation.end].rstrip(_INNER_CLOSING)[-1:]
        attribution_follows = quotation.closed and inside_last in ",?!"
        cue = min(
            candidates,
            key=lambda token: (
                attribution_follows != (token.idx > quotation.end),
                min(abs(token.idx - quotation.opening), abs(token.idx - quotation.end)),
            ),
        )
        self.used_cues.add(cue.i)
        if self._is_according(cue):
            found = self._according_source(cue)
            return found[0] if found else None
        return self._outside_quotation(self._attribution(cue), quotation)

    def _outside_quotation(self, attribution: _Attribution, quotation: Quotation) -> _Attribution:
        """ "“… Absolutely,″ Cicio said": the tokenizer may glue the closing mark to the speaker's
        name after it; the speaker starts after the mark."""
        speaker = attribution.speaker
        if speaker is None or not speaker.start <= quotation.end < speaker.end:
            return attribution
        speaker = self._trimmed(quotation.end + 1, speaker.end)
        return _Attribution(speaker, self._entity_id(speaker), attribution.cue)

    def _same_line(self, offset: int, other: int) -> bool:
        low, high = min(offset, other), max(offset, other)
        return "\n" not in self.text[low:high]

    # --- indirect speech -------------------------------------------------------------------------

    def indirect_quotes(self) -> list[Quote]:
        quotes: list[Quote] = []
        for token in self.doc:
            if token.i in self.used_cues or self._inside_quotation(token.idx):
                continue
            if self._is_according(token):
                quote = self._according_quote(token)
            elif self._is_headline_cue(token):
                # headline grammar first ("Warns of X at Summit": what was warned of ends at its noun),
                # then, for a verb, the parse ("Zelensky Visits Front, Says ...")
                quote = self._headline_quote(token)
                if quote is None and self._is_cue(token):
                    quote = self._reported_clause_quote(token)
            elif self._is_cue(token):
                quote = self._reported_clause_quote(token)
            else:
                continue
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _is_headline_cue(self, token) -> bool:
        """ "Health Chief Warns Of Measles Outbreak", "Pentagon Claims Strike Hit Only Fighters": a speech
        verb in its third-person form on a title-case headline. The parse stage reads such lines in
        sentence case, yet the tagger may still take the verb for a noun ("Claims"), so the form itself
        must show it."""
        if token.pos_ not in ("PROPN", "NOUN", "VERB") or not token.text.istitle():
            return False
        line = self._line_tokens(token)
        return third_person_lemma(token.lower_, self.cues.speech_verbs) is not None and is_title_case(line)

    def _headline_quote(self, cue) -> Quote | None:
        """A title-case headline "Speaker Verbs (Of) What Was Said": the words before the cue name the
        speaker, the words after it (without the verb's preposition or "That") are what was said."""
        line = self._line_tokens(cue)
        before = name_before([t for t in line if t.i < cue.i])
        after = [t for t in line if t.i > cue.i]
        lemma = third_person_lemma(cue.lower_, self.cues.speech_verbs)
        if lemma in self.cues.need_clause:
            return None  # "Calls For Phase-Out": without a clause these verbs mean something else
        if after and after[0].lower_ in self.cues.content_prepositions.get(lemma, ()):
            # "Warns of Global Crisis at Forum in Davos": what was warned of is the preposition's object
            objects = [c for c in after[0].children if c.dep_ == "pobj"]
            after = list(self.doc[objects[0].left_edge.i : objects[0].i + 1]) if objects else after[1:]
        elif after and after[0].lower_ == "that":
            after = after[1:]
        elif not reads_as_clause(after):
            return None  # "Ukraine Reports Record Harvest": an object, not a reported clause
        if not before or len(after) < 2 or after[0].pos_ in ("VERB", "AUX"):
            return None  # "Pfizer Reports Are Due": the plural noun is the subject of the verb after it
        speaker = self._trimmed(before[0].idx, token_end(before[-1]))
        if not self._names_someone(speaker, before):
            return None  # "Insurance Claims Rise Sharply": a plural noun, unless someone named comes before
        cue_span = self.analysis.span(cue.idx, token_end(cue))
        attribution = _Attribution(speaker, self._entity_id(speaker), cue_span)
        return self._indirect(cue, attribution, self._trimmed(after[0].idx, token_end(after[-1])), score=0.6)

    def _names_someone(self, span: Span, tokens) -> bool:
        """Whether the words name someone: a proper noun, or a recognised name starting inside ``span``
        (in a headline it may run on past it)."""
        low = bisect_left(self.mentions, (span.start,), key=lambda item: (item[0],))
        recognised = low < len(self.mentions) and self.mentions[low][0] < span.end
        return recognised or any(t.pos_ == "PROPN" for t in tokens)

    def _line_tokens(self, token) -> list:
        """The words of the line (paragraph) that holds ``token``."""
        start = self.text.rfind("\n", 0, token.idx) + 1
        end = self.text.find("\n", token.idx)
        end = len(self.text) if end < 0 else end
        low, high = bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)
        return [t for t in self.doc[low:high] if not t.is_space]

    def _reported_clause_quote(self, cue) -> Quote | None:
        if any(child.dep_ == "neg" for child in cue.children):
            return None  # "did not say"
        if any(child.dep_ == "aux" and child.lower_ in self.cues.hypothetical for child in cue.children):
            return None  # "one could argue that"
        if any(child.dep_ == "auxpass" for child in cue.children) and (
            not any(child.dep_ == "agent" for child in cue.children)
            or any(self._is_cue(ancestor) for ancestor in cue.ancestors)
        ):
            # "was accused of": the subject is not the speaker, and no one else is named; "said he was
            # told by officers that …" is what the outer speaker says, not a quote of the officers
            return None
        content_head = (
            self._accusation_with_relative(cue)
            or that_clause(cue)
            or self._content_object(cue)
            or clause_on_prepositional_object(cue)
            or reported_clause(cue)
            or reported_clause(quoted_as(cue))
            or clause_beside(cue)
            or self._object_read_as_clause(cue)
        )
        if content_head is None:
            return (
                self._preceding_clause_quote(cue)
                or self._following_clause_quote(cue)
                or self._colon_clause_quote(cue)
                or self._trailing_attribution_quote(cue)
            )
        if (
            content_head.dep_ == "ccomp"
            and cue.lemma_.lower() in self.cues.need_clause
            and not has_that(content_head)
            and not self._asked_question(cue, content_head)
        ):
            return None
        if content_head.dep_ == "ccomp" and gap_for(self.doc[content_head.left_edge.i], content_head):
            return None  # "said in the interview that he gave": a relative clause of the cue's phrase
        left = after_dateline(self.doc, content_head.left_edge.i, content_head.i)
        first = self.doc[left]
        if complementizer(first, content_head):
            left += 1
        right = content_head.right_edge.i
        if content_head.dep_ == "ccomp":
            left, right = joined_clauses(cue, content_head, left, right)
            left = fronted_phrase(cue, left)
            left = when_said(cue, left)
            right = self._second_reported_clause(cue, right)
        if left < cue.i < right:
            left = cue.i + 1  # "a crater which he said had been created by a drone": the clause's subject
        if content_head.dep_ == "pcomp" and (clause := that_clause(cue)) is not None and clause.i > right:
            right = clause.right_edge.i
        if content_head.dep_ in ("pobj", "pcomp"):
            # "accused Putin of launching an attack after troops crossed the border": the parser hangs
            # the clause that goes on with the accusation on the cue, after the object (a participle
            # there is the writer's: "…, sparking concerns")
            right = max(
                [right]
                + [
                    c.right_edge.i
                    for c in cue.children
                    if c.dep_ == "advcl" and c.i > right and any(g.dep_ == "mark" for g in c.children)
                ]
            )
        right = self._list_after_semicolon(self._before_channel(left, right))
        content = self._trimmed(self.doc[left].idx, self._clause_end(left, right))
        return self._indirect(cue, self._attribution(cue), content, score=0.8)

    def _before_channel(self, left: int, right: int) -> int:
        """Where a reported clause ends when its last phrase says how it was said ("the image was fake
        | in an email to the site"): before that phrase."""
        for token in self.doc[left + 1 : right + 1]:
            if self._names_channel(token) and ends_on(token, right):
                return token.i - 1
        return right

    def _names_channel(self, token) -> bool:
        """A verb's phrase such as "in a statement" or "during a briefing"; "the shape of a letter" names
        a thing, and "with recent statements" tells what was done."""
        if token.dep_ != "prep" or token.head.pos_ not in ("VERB", "AUX"):
            return False
        objects = [child for child in token.children if child.dep_ == "pobj"]
        return (
            token.lower_ in self.cues.channel_prepositions
            and bool(objects)
            and objects[0].lemma_.lower() in self.cues.channels
        )

    def _list_after_semicolon(self, right: int) -> int:
        """ "officials including A, a former mayor; B, a former judge; and C": the parser may end the
        clause at a semicolon of a list; the rest of the sentence without a verb goes on with the list."""
        doc = self.doc
        if right + 2 >= len(doc) or doc[right + 1].text != ";":
            return right
        rest = doc[right + 2 : doc[right].sent.end]
        if not rest or any(t.pos_ in ("VERB", "AUX") for t in rest):
            return right
        return rest[-1].i

    def _asked_question(self, cue, clause) -> bool:
        """ "asked whether the aid would come", "questioned how it is that …": a question word opening
        the clause makes it the reported question, as "that" makes a clause a reported statement."""
        first = clause.left_edge
        return (
            cue.lemma_.lower() in self.cues.asking
            and first.lower_ in self.cues.question_words
            and first.dep_ in ("mark", "advmod")
        )

    def _preceding_clause_quote(self, cue) -> Quote | None:
        """ "Russia's war poses the greatest threat, Yellen said": the parser hangs the cue on the clause
        before it (parataxis), or that clause on the cue as if it were adverbial; that clause, up to
        the comma before the attribution, is the content."""
        paratactic = cue.dep_ == "parataxis" and cue.head.i < cue.i
        if paratactic:
            start = self.doc[after_dateline(self.doc, cue.sent.start, cue.head.i)].idx
        else:
            clause = adverbial_statement(cue)
            if clause is None:
                return None
            start = clause.left_edge.idx
        attribution = self._attribution(cue)
        end = min(cue.idx, attribution.speaker.start if attribution.speaker else cue.idx)
        if not paratactic and not self.text[start:end].rstrip().endswith(","):
            return None  # an adverbial clause is a statement only when a comma sets the attribution off
        return self._indirect(cue, attribution, self._trimmed(start, end), score=0.7)

    def _second_reported_clause(self, cue, right: int) -> int:
        """ "admitted there will be no breakthrough and the situation is a stalemate", "said others want
        to come forward, but they “fear for their lives”": the parser joins the second reported clause
        to the cue; a clause with its own subject right after "and" at the end of the first goes on
        with what was said. After a comma or "but" the writer may go on instead ("Both sides say they
        want peace, but neither has offered concessions"): there the speaker's quoted words must show
        that it is theirs. A second cue there says something new."""
        doc = self.doc
        conjunction = right + 2 if right + 2 < len(doc) and doc[right + 1].text == "," else right + 1
        if conjunction + 1 >= len(doc) or doc[conjunction].lower_ not in ("and", "but"):
            return right
        second = next(
            (
                c
                for c in cue.children
                if c.dep_ == "conj" and c.left_edge.i == conjunction + 1 and has_subject(c)
            ),
            None,
        )
        if second is None or self._is_cue(second):
            return right
        plain_and = conjunction == right + 1 and doc[conjunction].lower_ == "and"
        if not plain_and and not any(t.text in _MARKS for t in second.subtree):
            return right
        return second.right_edge.i

    def _following_clause_quote(self, cue) -> Quote | None:
        """ "Raupp said with blossoms opening early, we can expect more bees" / "Raupp said if you spot a
        tick, remove it" / "Media reported, citing police, that the suspect fled": the parser makes the
        cue an aside or a complement of the clause after it, or hangs a condition right after the cue
        on it; what follows the cue (or the "that" after it) is what was said."""
        doc = self.doc
        following = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
        that = next(
            (c for c in cue.head.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > cue.i), None
        )
        if cue.head.i > cue.i and that is not None and cue.dep_ in ("ccomp", "advcl", "parataxis"):
            following, right = doc[that.i + 1], cue.head.right_edge.i
        elif cue.dep_ == "parataxis" and cue.head.i > cue.i:
            following = self._interrupted_subject(cue) or following
            right = cue.head.right_edge.i
        elif following is not None and following.lower_ in self.cues.conditional and following.dep_ == "mark":
            right = cue.right_edge.i
        else:
            return None
        content = self._trimmed(following.idx, self._clause_end(following.i, right))
        return self._indirect(cue, self._attribution(cue), content, score=0.7)

    def _interrupted_subject(self, cue):
        """ "The new law, she said, will raise prices": an attribution set off by commas inside the
        reported clause interrupts it; what was said starts with the clause's words before it."""
        start = cue.head.left_edge
        before = cue.left_edge  # the parser hangs the commas around the attribution on its cue
        if start.i >= before.i or before.text != ",":
            return None
        return self.doc[after_dateline(self.doc, start.i, cue.head.i)]

    def _colon_clause_quote(self, cue) -> Quote | None:
        """ "Almayadeen reports: Hersh said that …": a clause after a colon right after the cue is what
        was said, to the end of its sentence; the parser often makes the cue part of that clause."""
        colon = cue.i + 1
        if colon + 1 >= len(self.doc) or self.doc[colon].text != ":":
            return None
        first = self.doc[colon + 1]
        clause = self.doc[colon + 1 : first.sent.end]
        if not any(t.pos_ in ("VERB", "AUX") for t in clause):
            return None
        content = self._trimmed(first.idx, token_end(clause[-1]))
        return self._indirect(cue, self._attribution(cue), content, score=0.7)

    def _trailing_attribution_quote(self, cue) -> Quote | None:
        """ "…, management at the facility reported on Thursday" / "…, say sources": when the parse gives
        the cue no clause (it took the cue for a participle or the headline for a noun phrase), the
        attribution is still plain from the words: a clause, a comma, a noun phrase and the cue, and
        nothing after them but adverbials."""
        if cue.lemma_.lower() in self.cues.need_clause:
            return None
        found = self._trailing_attribution(cue)
        if found is None:
            return None
        comma, speaker_head = found
        line_start = self.text.rfind("\n", 0, cue.idx) + 1
        first = max(cue.sent.start, self._token_at(line_start).i)
        first = after_dateline(self.doc, first, comma.i)
        speaker = self._noun_phrase(speaker_head)
        if speaker.start < comma.idx:
            speaker = self.analysis.span(self.doc[comma.i + 1].idx, speaker.end)
        attribution = _Attribution(
            speaker, self._entity_id(speaker), self.analysis.span(cue.idx, token_end(cue))
        )
        return self._indirect(cue, attribution, self._trimmed(self.doc[first].idx, comma.idx), score=0.6)

    def _trailing_attribution(self, cue):
        """The comma and the speaker's head of ", NP cue [adverbials]" or ", cue NP [adverbials]" that
        ends a sentence or is set off by a comma, when the words before the comma hold a verb."""
        doc = self.doc
        line_end = self.text.find("\n", cue.idx)
        end = cue.sent.end
        if line_end >= 0:
            end = min(end, self._token_at(line_end).i)
        after = doc[cue.i + 1 : end]
        comma = next((t.i for t in after if t.text == ","), None)
        if comma is not None:
            after = doc[cue.i + 1 : comma]  # "…, Yellen said on Thursday, as ministers prepare …"
        if any(t.pos_ in ("VERB", "AUX") or t.lower_ == "that" or t.text in _MARKS for t in after):
            return None
        i = cue.i - 1
        while i > cue.sent.start and cue.i - i <= 10 and doc[i].pos_ in _NOUN_PHRASE_POS:
            i -= 1
        if doc[i].text != ",":
            return None
        inverted = i + 1 == cue.i  # ", say sources": the speaker follows
        if (inverted and cue.tag_ == "VBG") or (not inverted and doc[i + 1].tag_ in ("WDT", "WP")):
            return None  # ", promising them …" and ", which boasts …" describe; they attribute nothing
        words = after if inverted else doc[i + 1 : cue.i]
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")]
        heads = [t for t in nouns if not words.start <= t.head.i < words.end]
        line_start = self._token_at(self.text.rfind("\n", 0, cue.idx) + 1).i
        before = doc[max(cue.sent.start, line_start) : i]
        # a bare past participle describes ("In a video published online, X pointed to …"); a clause
        # needs more than that
        if not heads or not any(t.pos_ == "AUX" or (t.pos_ == "VERB" and t.tag_ != "VBN") for t in before):
            return None
        return doc[i], heads[0]

    def without_relayed_direct(self, quotes: list[Quote]) -> list[Quote]:
        """ "“…,” Zakharova said, according to Reuters": the quote is Zakharova's, Reuters only relays
        it; an "according to" whose content holds the cue of a direct quote is no quote of its own
        (relayed reported speech keeps both: "X reported that …, according to Z")."""
        direct_cues = [q.cue.start for q in quotes if q.kind == "direct" and q.cue is not None]
        return [
            q
            for q in quotes
            if q.cue is None
            or not self._is_according(self._token_at(q.cue.start))
            or not any(q.content.start <= cue < q.content.end for cue in direct_cues)
        ]

    def _indirect(self, cue, attribution, content: Span | None, score: float) -> Quote | None:
        """The indirect quote of ``cue``, unless its content is missing or already inside a direct quote,
        or no one is named: reported speech without a speaker ("it was reported that") is no quote."""
        if attribution.speaker is None or content is None:
            return None
        if self._overlaps_direct(content.start, content.end):
            return None
        content = self._within_paragraph(self._through_quotation(content), cue.idx)
        if content is not None:
            content = self._without_connective(content)
        if content is None:
            return None
        self.used_cues.add(cue.i)
        return Quote(
            speaker=attribution.speaker,
            speaker_entity_id=attribution.speaker_entity_id,
            cue=attribution.cue,
            content=content,
            kind="indirect",
            score=score,
        )

    def _through_quotation(self, content: Span) -> Span:
        """ "pointed out that many “of the workers are not local; their families may live abroad”": the
        parse may end the clause inside words quoted in it; what was said runs to their closing mark."""
        for opening, closing in self.quoted_spans:
            if content.start < opening < content.end < closing:
                return self._trimmed(content.start, closing) or content
        return content

    def _without_connective(self, content: Span) -> Span | None:
        """ "And, US hospitals have …, according to Wired", "However, the confusion may …, according to
        the agency": the word that joins the sentence to the one before ("And", "But", or an adverb set
        off by a comma) is the writer's, not part of what was said."""
        first = self._token_at(content.start)
        if first is None or first.i != first.sent.start or first.i + 1 >= len(self.doc):
            return content
        following = self.doc[first.i + 1]
        if first.dep_ == "cc" or (first.dep_ == "advmod" and following.text == ","):
            return self._trimmed(following.idx, content.end)
        return content

    def _clause_end(self, first: int, last: int) -> int:
        """Where a reported clause ends: before a dash aside ("– a loss for Russia"), a second cue
        ("…, insisting that …", "… and warned that …"), an attribution of someone who relayed it
        ("…, the channel reported") or what the writer adds after a quoted fragment; else at its last
        token."""
        for token in self.doc[first + 1 : last + 1]:
            if self._opens_dash_aside(token):
                return self.doc[token.i - 1].idx + len(self.doc[token.i - 1].text)
            if token.tag_ == "VBG" and self._is_cue(token) and self.doc[token.i - 1].text == ",":
                return self.doc[token.i - 1].idx
            if self._ends_fragment(token):
                # "… orders from “Uncle Sam”, | prompting the US ambassador to …"
                return token_end(token)
            if token.text == "," and self._opens_aside(token.i + 1):
                return token.idx  # "… would not let Ukraine fail, | even as aid remains stalled"
            if not self._is_cue(token):
                continue
            if self._outer_cue(token) is not None and self.doc[token.i - 1].dep_ == "cc":
                return token_end(self.doc[token.i - 2])  # "said the data left no doubt | and warned that …"
            if self._second_saying(token):
                return self.doc[token.i - 1].idx  # "said the claims were serious, | acknowledged that …"
            trailing = self._trailing_attribution(token)
            if trailing is not None and first < trailing[0].i:
                return trailing[0].idx  # "… with Zelensky, | the Russia 1 TV channel reported"
        return token_end(self.doc[last])

    def _opens_dash_aside(self, token) -> bool:
        """A dash set off by spaces opens an aside ("… – a loss for Russia"); one written tight against
        the words does too when an aside follows it ("was not imminent—despite officials …"), which
        keeps hyphenated words whole."""
        if token.text not in DASHES:
            return False
        spaced = token.whitespace_ and self.doc[token.i - 1].whitespace_
        return bool(spaced) or self._opens_aside(token.i + 1)

    def _second_saying(self, cue) -> bool:
        """A cue after a comma, without a subject of its own, that the parser hung on the cue before it:
        the same speaker goes on to say something else."""
        return (
            self.doc[cue.i - 1].text == ","
            and self._is_cue(cue.head)
            and cue.head.i < cue.i
            and not has_subject(cue)
        )

    def _opens_aside(self, i: int) -> bool:
        """Whether the words from ``i`` (after a comma, and perhaps a closing mark) are one of the
        writer's asides that set the reported words in their time ("even as …", "following …")."""
        doc = self.doc
        if i < len(doc) and doc[i].text in _MARKS:
            i += 1
        if i >= len(doc) or self._inside_quotation(doc[i].idx):
            return False
        for aside, dependency in self.cues.asides.items():
            words = [t.lower_ for t in doc[i : i + len(aside)]]
            if words == list(aside) and doc[i + len(aside) - 1].dep_ == dependency:
                return True
        return False

    def _ends_fragment(self, token) -> bool:
        """A closing mark after a quoted fragment of the reported clause, followed by a participle or a
        second verb: the writer goes on with what happened next ("… from “Uncle Sam”, prompting …",
        "tweeted “we need peace” and shared a video"). A participle that opens a second quoted stretch
        goes on with the same words ("… “paid a heavy cost”, using “up to $211 billion …”")."""
        doc = self.doc
        if token.text not in _MARKS or token.i + 2 >= len(doc) or doc[token.i - 1].whitespace_:
            return False
        comma = doc[token.i + 1].text == ","
        following = doc[token.i + 2] if comma else doc[token.i + 1]
        if self._opens_aside(following.i) or (following.lower_ == "as" and following.dep_ == "mark"):
            return True  # "ready to “fight” following reports", "‘Ready to Fight’ as Russians …"
        if following.tag_ == "VBG":
            # without the comma the participle goes on with the reported clause ("fled in “panic”
            # leaving gear behind")
            return comma and (following.i + 1 >= len(doc) or doc[following.i + 1].text not in _MARKS)
        return following.dep_ == "cc" and following.i + 1 < len(doc) and doc[following.i + 1].pos_ == "VERB"

    def _accusation_with_relative(self, cue):
        """ "accused the West of supplying weapons that they used against Russia": the parser hangs the
        relative "that"-clause on the cue, as if it were what was said; a gerund object of the cue's
        preposition before it is the content, and the clause belongs to it (a noun object is not:
        "warned the president of Finland that …")."""
        accusation, clause = self._content_object(cue), that_clause(cue)
        if accusation is None or clause is None or accusation.dep_ != "pcomp" or clause.i < accusation.i:
            return None
        return accusation

    def _object_read_as_clause(self, cue):
        """ "She said the line between what was funny and what was hurtful was no longer clear": the parser
        takes the reported clause's subject for the object of a cue that takes no object ("say"), and
        hangs its verb inside that object; an object holding a finite verb outside a relative clause
        is the reported clause."""
        if cue.lemma_.lower() not in self.cues.clause_only:
            return None
        noun = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
        if noun is None:
            return None
        finite = (t for t in noun.subtree if t.tag_ in ("VBD", "VBZ", "VBP", "MD"))
        return noun if any(not in_relative_clause(t, noun) for t in finite) else None

    def _content_object(self, cue):
        """What "accused X of ..." or "warned of ..." reports: the object of the preposition."""
        prepositions = self.cues.content_prepositions.get(cue.lemma_.lower(), ())
        holders = [cue] + [c for c in cue.children if c.dep_ == "dobj"]  # "accused [Russia of] shelling"
        preposition = next(
            (
                c
                for holder in holders
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in prepositions
            ),
            None,
        )
        objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")] if preposition else []
        return objects[0] if objects else None

    def _is_according(self, token) -> bool:
        for phrase in self.cues.according:
            words = [t.lower_ for t in self.doc[token.i : token.i + len(phrase)]]
            if words == list(phrase):
                return True
        return False

    def _according_quote(self, token) -> Quote | None:
        found = self._according_source(token)
        if found is None:
            return None
        attribution, phrase_end = found
        sentence = token.sent
        if token.idx - sentence.start_char < sentence.end_char - phrase_end:
            content = self._trimmed(phrase_end, sentence.end_char)
        else:
            content = self._trimmed(
                self.doc[after_dateline(self.doc, sentence.start, token.i)].idx, token.idx
            )
        return self._indirect(token, attribution, content, score=0.8)

    def _according_source(self, token) -> tuple[_Attribution, int] | None:
        """Who "according to ..." names, and where the phrase ends."""
        preposition = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        objects = [c for c in preposition.children if c.dep_ == "pobj"] if preposition is not None else []
        if not objects:
            objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            return None
        phrase_end = token_end(objects[0].right_edge)
        speaker = self._noun_phrase(objects[0])
        # "according to the army chief, Oleksandr Syrskyi, ...": the parser often loses the name
        apposed = _APPOSED_NAME.match(self.text, phrase_end)
        if apposed:
            speaker = self.analysis.span(apposed.start(1), apposed.end(1))
            phrase_end = apposed.end(1)
        cue = self.analysis.span(token.idx, token_end(self.doc[token.i + 1]))
        return _Attribution(speaker, self._entity_id(speaker), cue), phrase_end

    def _within_paragraph(self, content: Span, anchor: int) -> Span | None:
        """Content never runs past the paragraph of its cue (headlines have no full stop)."""
        start = max(content.start, self.text.rfind("\n", 0, anchor) + 1)
        line_end = self.text.find("\n", anchor)
        end = min(content.end, line_end if line_end >= 0 else content.end)
        return self._trimmed(start, end)

    # --- shared helpers --------------------------------------------------------------------------

    def _is_cue(self, token) -> bool:
        """A speech verb, unless it names something rather than reports it ("what he called battle
        groups", "declared the town a disaster zone")."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.cues.speech_verbs:
            return False
        return not any(child.dep_ == "oprd" for child in token.children)

    def _outer_cue(self, cue):
        """ "The authors said the data left no doubt and warned that …": the parser joins the second
        cue to the last verb of the first cue's clause, so that "the data" would warn. A cue without a
        subject of its own, joined to a verb that is no cue and that is another cue's reported clause,
        is that other cue's conjunct and shares its speaker."""
        head = cue.head
        if (
            cue.dep_ == "conj"
            and not self._is_cue(head)
            and head.dep_ == "ccomp"
            and self._is_cue(head.head)
            and not any(child.dep_ in SUBJECTS for child in cue.children)
        ):
            return head.head
        return None

    def _quoted_speaker(self, cue):
        """ "TASS quoted the Kremlin (as) saying": the object of the quoting verb speaks, not its subject;
        in the passive ("the general was quoted by TASS as saying") its subject speaks, not the agent."""
        holder = cue.head.head if cue.head.lower_ == "as" else cue.head
        if cue.tag_ != "VBG" or holder.i == cue.i or holder.lemma_.lower() not in self.cues.quoting:
            return None
        return next(
            (child for child in holder.children if child.dep_ in ("dobj", "nsubjpass") and child.i < cue.i),
            None,
        )

    def _attribution(self, cue) -> _Attribution:
        subject = self._quoted_speaker(cue) or cue_subject(
            self._outer_cue(cue) or cue, self.cues.absolute_prepositions
        )
        line_start = self.text.rfind("\n", 0, cue.idx) + 1
        if subject is not None and subject.idx < line_start:
            # the parser ran a line of page furniture into the sentence ("Most read in The Sun")
            subject = next(
                (
                    t
                    for t in reversed(self.doc[self._token_at(line_start).i : cue.i])
                    if t.pos_ in ("NOUN", "PROPN", "PRON")
                ),
                None,
            )
        if subject is None:
            subject = subject_dropped(cue) or self._inverted_subject(cue)
        speaker = self._noun_phrase(subject) if subject is not None else None
        if speaker is not None:
            speaker = self._before_headline_verb(speaker, cue)
        return _Attribution(speaker, self._entity_id(speaker), self.analysis.span(cue.idx, token_end(cue)))

    def _before_headline_verb(self, speaker: Span, cue) -> Span | None:
        """ "Guterres Appeals for Calm, Says …": in a title-case headline whose cue follows a first verb
        and a comma, the parser takes that verb for a name inside the subject; the speaker ends before
        it. Without the comma a plural noun that is also a verb stays ("US Forces Say …")."""
        line = self._line_tokens(cue)
        if "," not in self.text[speaker.start : cue.idx] or not is_title_case(line):
            return speaker
        words = [t for t in line if speaker.start < t.idx < speaker.end]
        verb = next((t for t in words if t.text.istitle() and third_person_lemma(t.lower_, self.verbs)), None)
        return speaker if verb is None else self._trimmed(speaker.start, verb.idx)

    def _inverted_subject(self, cue):
        """ "…,” said Aleksey Zhuravlyov, 59, …": the name right after the cue, when the parser gave the
        cue no subject."""
        following = self.doc[cue.i + 1 : cue.i + 8]
        head = None
        for token in following:
            if token.pos_ in ("PROPN", "NOUN") or (head is None and token.pos_ in ("DET", "ADJ")):
                head = token if token.pos_ in ("PROPN", "NOUN") else head
                continue
            break
        return head

    def _noun_phrase(self, head) -> Span:
        """The speaker as written around ``head`` (:func:`speaker_phrase`); a phrase that would start
        inside a direct quote starts at its head."""
        phrase = speaker_phrase(head, self.cues.partitive, self.text)
        first = phrase.head if self._inside_direct(phrase.first.idx) else phrase.first
        return self.analysis.span(first.idx, token_end(phrase.last))

    def _entity_id(self, span: Span | None) -> str | None:
        """The canonical entity with a mention inside the speaker span (the rightmost one: the name,
        not the title). When capitalised words the recogniser missed follow that mention ("WHO
        Director-General Tedros Ghebreyesus"), they name the speaker: an entity whose name ends with
        the last of them, or none."""
        if span is None or not self.mentions:
            return None
        low = bisect_left(self.mentions, (span.start,), key=lambda item: (item[0],))
        found: Entity | None = None
        found_end = span.start
        for start, end, entity in self.mentions[low:]:
            if start >= span.end:
                break
            if end <= span.end and entity.type != "NORP":
                found, found_end = entity, end
        missed = re.findall(r"\b[A-Z][\w\u2019'-]+", self.text[found_end : span.end])
        if found is None or not missed:
            return found.id if found else None
        named = {entity.id for _, _, entity in self.mentions if entity.name.split()[-1] == missed[-1]}
        return named.pop() if len(named) == 1 else None

    def _trimmed(self, start: int, end: int) -> Span | None:
        while start < end and self.text[start] in _EDGE_PUNCTUATION:
            start += 1
        while end > start and self.text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        return self.analysis.span(start, end) if end > start else None

    def _token_at(self, offset: int):
        index = bisect_right(self.token_starts, offset) - 1
        return self.doc[index] if index >= 0 else None

    def _inside_quotation(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.direct_spans + self.quoted_spans)

    def _inside_direct(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.direct_spans)

    def _overlaps_direct(self, start: int, end: int) -> bool:
        """True when a direct quote makes up most of this content: it was found as the direct quote."""
        covered = sum(max(0, min(end, b) - max(start, a)) for a, b in self.direct_spans)
        return covered > 0.5 * (end - start)

    # --- pronouns --------------------------------------------------------------------------------

    def resolve_pronouns(self, quotes: list[Quote]) -> None:
        """ "he"/"she" speak for the named person speaker of the last few sentences, or else for the
        person the text named last before them; "it"/"they"/"we" for the named organisation or country
        that spoke last in those sentences (canonical entities of the entities stage)."""
        last_person: Quote | None = None
        last_group: Quote | None = None
        for quote in quotes:
            speaker = quote.speaker
            if speaker is None:
                continue
            pronoun = speaker.text.lower()
            if pronoun in self.cues.person_pronouns:
                people = [
                    (start, end, entity.id)
                    for start, end, entity in self.mentions
                    if entity.type == "PERSON" and end <= speaker.start
                ]
                sentence_start = self.analysis.sentences[self.analysis.sentence_index(speaker.start)].start
                in_sentence = [person for person in people if person[0] >= sentence_start]
                if in_sentence:
                    # "Moskalkova dismissed an exchange, as she suggested …": the first person the same
                    # sentence names (mostly its subject) binds the pronoun before any earlier speaker
                    quote.speaker_entity_id = min(in_sentence)[2]
                elif self._recent(last_person, speaker) and last_person.speaker_entity_id:
                    named = last_person.speaker_entity_id
                    if not self._other_name_speaks_between(last_person.speaker.end, speaker.start, named):
                        quote.speaker_entity_id = named
                elif people:
                    _, named_end, named = max(people)
                    if not self._other_name_speaks_between(named_end, speaker.start, named):
                        quote.speaker_entity_id = named
            elif pronoun in self.cues.group_pronouns:
                if self._recent(last_group, speaker):
                    quote.speaker_entity_id = last_group.speaker_entity_id
            elif self._is_person(quote):
                last_person = quote
            elif quote.speaker_entity_id is not None:
                last_group = quote

    def _other_name_speaks_between(self, start: int, end: int, entity_id: str) -> bool:
        """A name the entities stage missed speaks between ``start`` and ``end`` ("Lt. Col. Petrov
        urged ..."): a later "he" more likely stands for them than for the person ``entity_id`` named
        before, so it is better left unresolved than given that person's name. Descriptions ("the
        expert said") are not counted: they mostly describe the person already named; nor is that
        person's own surname where the parser missed it."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        entity = self.analysis.entity(entity_id)
        own_words = (
            {word for name in [entity.name, *entity.aliases] for word in name.split()} if entity else set()
        )
        return span is not None and any(
            self._is_cue(token.head)
            and not any(
                other.dep_ in SUBJECTS and other.ent_type_ == "PERSON" for other in token.head.children
            )
            for token in span
            if token.dep_ in SUBJECTS
            and token.tag_ == "NNP"
            and token.text not in own_words
            and not self._inside_quotation(token.idx)
            and not self._inside_mention(token.idx)
        )

    def _inside_mention(self, offset: int) -> bool:
        started = bisect_right(self.mentions, offset, key=lambda item: item[0])
        return any(offset < end for _, end, _ in self.mentions[:started])

    def _recent(self, named: Quote | None, speaker: Span) -> bool:
        """A named speaker a pronoun can stand for: at most three sentences before it."""
        if named is None:
            return False
        index = self.analysis.sentence_index
        return index(speaker.start) - index(named.speaker.start) <= 3

    def _is_person(self, quote: Quote) -> bool:
        entity = self.analysis.entity(quote.speaker_entity_id) if quote.speaker_entity_id else None
        if entity is not None:
            return entity.type == "PERSON"
        span = quote.speaker
        return any(
            ent.label_ == "PERSON" and ent.start_char < span.end and span.start < ent.end_char
            for ent in self.doc.ents
        )
