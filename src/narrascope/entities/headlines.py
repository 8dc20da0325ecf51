"""Title-case headlines parsed in sentence case.

On "Putin Mobilizes Reservists As Losses Mount" spaCy's tagger and recogniser take every capitalised word
for part of a name ("Putin Mobilizes Reservists"). The parse stage therefore parses such a line a second
time written as a sentence ("Putin mobilizes reservists as losses mount") and copies that parse's
annotations onto the line's tokens; the tokens themselves, and so the text and every offset, stay as
written. A word stays capitalised where it is evidently a name: the first word, acronyms and words with
inner capitals, names of the entity gazetteer, stretches of capitalised words the article writes as such
off its title-case lines ("Beyond Carbon"), words the article writes capitalised inside its sentences
more often than in lower case; and, where the article does not write the word inside a sentence at all,
nouns ("Baker") the first parse took for part of a person or place, and words no English table of the
lemmatizer knows that the first parse took for part of any name ("Guterres"). Where the second parse
labels a word sentence case lowered as part of a name ("gov't" PRODUCT), that entity is dropped. A line
whose second parse does not line up with its tokens (lower case may tokenise differently, or change a
word's length: "İ" lowers to two characters) keeps its first parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from narrascope.datafiles import read_toml
from narrascope.entities.gazetteer import Gazetteer

# What the second parse decides; sentence starts follow from the heads.
COPIED = ("TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE")
# The word classes of the lemmatizer's tables.
WORD_CLASSES = ("noun", "verb", "adj", "adv")
# A word long enough to count towards a line's case, as is_title_case counts them.
LONG_WORD = re.compile(r"[^\W\d_]{4,}")
# Before a word inside a sentence: a lower-case letter, a digit or a comma, and a space.
INSIDE_SENTENCE = re.compile(r"[a-z0-9,;] $")


def is_title_case(line) -> bool:
    """Whether the tokens of a line make a title-case headline: most words capitalised, no full stop at
    its end. There the parser and the recogniser take verbs for names ("Putin Mobilizes Reservists")."""
    words = [t for t in line if t.is_alpha and len(t.text) > 3]
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return len(words) >= 3 and capitalised >= 0.8 * len(words) and line[-1].text != "."


def might_be_title_case(line: str, min_share: float) -> bool:
    """A cheap look at a line's characters, so that only likely headlines are looked at token by token."""
    words = LONG_WORD.findall(line)
    return len(words) >= 3 and sum(1 for word in words if word[0].isupper()) >= min_share * len(words)


class EnglishWords:
    """What the lemmatizer's tables know of a lower-case word. ``common``: a stop word, or a form they
    lead back to a verb, adjective or adverb, or an inflected noun ("mobilizes", "losses", "went").
    ``noun``: a noun in its base form, which may as well be a name ("venice", "baker", "putin": the noun
    list holds both)."""

    def __init__(self, nlp) -> None:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index, exceptions, rules = (lookups.get_table(t) for t in ("lemma_index", "lemma_exc", "lemma_rules"))
        self.stop_words = nlp.Defaults.stop_words
        self.nouns = set(index["noun"])
        self.classes = [(set(index[c]), set(exceptions.get(c, {})), rules.get(c, [])) for c in WORD_CLASSES]
        self._common: dict[str, bool] = {}

    def common(self, word: str) -> bool:
        if word not in self._common:
            self._common[word] = word in self.stop_words or any(
                self._is_form(word, word_class, *tables)
                for word_class, tables in zip(WORD_CLASSES, self.classes, strict=True)
            )
        return self._common[word]

    def noun(self, word: str) -> bool:
        return word in self.nouns

    @staticmethod
    def _is_form(word: str, word_class: str, lemmas: set[str], exceptions: set[str], rules) -> bool:
        """A base form of the class (but a noun's is no proof), an irregular form, or a regular one (a
        suffix rule that changes nothing would let "venice" through as its own plural)."""
        if word in exceptions or (word in lemmas and word_class != "noun"):
            return True
        return any(
            word.endswith(old) and old != new and word[: len(word) - len(old)] + new in lemmas
            for old, new in rules
        )


class HeadlineParser:
    """Re-parses the title-case lines of parsed Docs in sentence case, in place."""

    def __init__(self, nlp, gazetteer: Gazetteer, resources: Path) -> None:
        from spacy.attrs import IDS

        settings = read_toml(resources / "entities" / "headlines.toml", "headline settings")
        self.name_labels = frozenset(settings["name_labels"])
        self.min_share = settings["min_capitalised_share"]
        self.value_labels = frozenset(settings["value_labels"])
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.longest = max(len(key.split()) for key in gazetteer.by_alias)  # words in a gazetteer name
        self.english = EnglishWords(nlp)
        self.attrs = [IDS[name] for name in COPIED]

    def __call__(self, docs: Sequence) -> None:
        lines = [(doc, start, end, text) for doc in docs for start, end, text in self._recased_lines(doc)]
        if not lines:
            return
        parsed = self.nlp.pipe((text for *_, text in lines), batch_size=len(lines))
        arrays: dict[int, object] = {}
        for (doc, start, end, _), line_doc in zip(lines, parsed, strict=True):
            if _lines_up(doc[start:end], line_doc):
                self._drop_lowered_names(doc[start:end], line_doc)
                array = arrays.setdefault(id(doc), doc.to_array(self.attrs))
                array[start:end] = line_doc.to_array(self.attrs)
        for doc in docs:
            if id(doc) in arrays:
                doc.from_array(self.attrs, arrays[id(doc)])

    def _drop_lowered_names(self, line, line_doc) -> None:
        """Drops the second parse's entities that hold a word sentence case lowered, other than a stop word
        ("the Kremlin"): the recogniser labels lower-case words it does not know ("gov't" PRODUCT, "pre-War"
        EVENT), and a name the rules lowered is no name. Numbers and dates are written in lower case."""
        line_doc.ents = [
            entity
            for entity in line_doc.ents
            if entity.label_ in self.value_labels
            # a lowered word is one whose text differs from the line's
            or not any(t.text != line[t.i].text and not t.is_stop for t in entity)
        ]

    def _recased_lines(self, doc) -> list[tuple[int, int, str]]:
        """(first token, end token, line in sentence case) for each title-case line with a word to lower.
        The line runs on over the line break after it, so that the second parse sees the same tokens."""
        text = doc.text  # built anew from the tokens at each access
        headlines = self._title_case_lines(doc, text)
        if not headlines:
            return []
        headline_chars = [(span.start_char, span.end_char) for span, _ in headlines]
        body_names = self._body_names(doc, headlines)
        found = []
        for span, words in headlines:
            end = span.end
            while end < len(doc) and doc[end].is_space:
                end += 1
            if not _whole_sentences(doc, span.start, end):
                continue
            kept = self._names(text, words) | self._names_of_body(words, body_names)
            lowered = {t.i for t in words if t.i not in kept and self._lowers(t, text, headline_chars)}
            if lowered:
                line = doc[span.start : end]
                recased = "".join((t.lower_ if t.i in lowered else t.text) + t.whitespace_ for t in line)
                found.append((span.start, end, recased))
        return found

    def _title_case_lines(self, doc, text: str) -> list[tuple[object, list]]:
        """(span, its words) of each title-case line. Only these count as headlines: a paragraph dense with
        names passes the first look at its characters, and its names are the article's best evidence."""
        found = []
        for start_char, end_char in _lines(text):
            if not might_be_title_case(text[start_char:end_char], self.min_share):
                continue
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            words = [t for t in span if not t.is_space] if span is not None else []
            if words and is_title_case(words):
                found.append((span, words))
        return found

    def _names(self, text: str, words: list) -> set[int]:
        """The headline's first word and the words of gazetteer names in it, in any case ("Institute For
        The Study Of War"), longest first: they stay as written."""
        kept = {next((t.i for t in words if any(char.isalpha() for char in t.text)), words[0].i)}
        k = 0
        while k < len(words):
            longest = min(self.longest, len(words) - k)
            n = next((n for n in range(longest, 0, -1) if self._is_name(text, words[k : k + n])), 0)
            kept.update(t.i for t in words[k : k + n])
            k += max(n, 1)
        return kept

    def _body_names(self, doc, headlines: list) -> set[tuple[str, ...]]:
        """The stretches of capitalised words the article writes off its title-case lines: its own names,
        written as such. A stretch ends on a word that is no stop word ("Study Of War", not "For The"),
        and begins on one unless it begins its run inside a sentence ("Beyond Carbon" in 'the "Beyond
        Carbon" campaign'; not "The Kremlin" at a sentence start, nor "Of War" out of "Study Of War")."""
        in_headline = {t.i for span, _ in headlines for t in span}
        return {
            tuple(t.text for t in stretch)
            for run in _capitalised_runs(t for t in doc if t.i not in in_headline)
            for stretch in _stretches(run, self.longest)
            if _names_a_thing(stretch, run)
        }

    def _names_of_body(self, words: list, body_names: set[tuple[str, ...]]) -> set[int]:
        """The headline's words in stretches the article writes, word for word, as one of its names: on
        "Bloomberg Donates $500 Million to Beyond Carbon Campaign" the first parse runs "Beyond Carbon
        Campaign" together, and the article's 'the "Beyond Carbon" campaign' shows which part is the name."""
        return {
            t.i
            for run in _capitalised_runs(words)
            for stretch in _stretches(run, self.longest)
            if tuple(t.text for t in stretch) in body_names
            for t in stretch
        }

    def _is_name(self, text: str, words: list) -> bool:
        if not words[0].text[0].isupper() or not words[-1].text[0].isupper():
            return False
        key = self.gazetteer.key(text[words[0].idx : words[-1].idx + len(words[-1].text)])
        return key in self.gazetteer.by_alias or (len(words) == 1 and key in self.gazetteer.by_surname)

    def _lowers(self, token, text: str, headlines: list[tuple[int, int]]) -> bool:
        """Whether sentence case writes a capitalised headline word in lower case. Where the article writes
        the word inside its sentences, the more frequent of its cases there decides (a tie lowers it); this
        outweighs the first parse, which on a title-case line takes plain nouns for names. Else a common
        English word is lowered; a noun in its base form unless the first parse took it for part of a
        person or place; a word the lemmatizer does not know unless the first parse took it for part of
        any name ("Guterres")."""
        if not _title_word(token.text):
            return False
        capitalised, lower = _uses_in_body(text, token.text, headlines)
        if capitalised or lower:
            return capitalised <= lower
        word = token.lower_
        if self.english.common(word):
            return True
        if self.english.noun(word):
            return token.ent_type_ not in self.name_labels  # "Baker" in "Teachers Back Lisa Baker"
        return not token.ent_type_  # "Guterres" in "Guterres Urges Calm"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) characters of each non-blank line of the text, without its edge spaces."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        start = match.start()
        stripped = match.group().strip()
        if stripped:
            left = match.group().find(stripped)
            found.append((start + left, start + left + len(stripped)))
    return found


def _capitalised_runs(tokens) -> list[list]:
    """Runs of two or more adjacent tokens that begin with a capital, in order."""
    runs: list[list] = [[]]
    for token in tokens:
        if not token.text[0].isupper():
            runs.append([])
        elif runs[-1] and token.i != runs[-1][-1].i + 1:
            runs.append([token])  # the tokens skip a headline: no run spans it
        else:
            runs[-1].append(token)
    return [run for run in runs if len(run) > 1]


def _names_a_thing(stretch: list, run: list) -> bool:
    """A stretch ends on a word that is no stop word, and begins on one only where it begins its run
    inside a sentence."""
    first, last = stretch[0], stretch[-1]
    if last.is_stop:
        return False
    return not first.is_stop or (first.i == run[0].i and not first.is_sent_start)


def _stretches(run: list, longest: int) -> Iterator[list]:
    """The stretches of two to ``longest`` adjacent tokens of a run."""
    for n in range(2, min(longest, len(run)) + 1):
        for k in range(len(run) - n + 1):
            yield run[k : k + n]


def _title_word(text: str) -> bool:
    """A word that sentence case writes in lower case: a capital and then lower-case letters, or "A";
    not "I", an acronym ("NATO") or a name with inner capitals ("McCarthy")."""
    return text == "A" or (len(text) > 1 and text[0].isupper() and text[1:].islower())


def _uses_in_body(text: str, word: str, headlines: list[tuple[int, int]]) -> tuple[int, int]:
    """How often the article writes ``word`` capitalised inside a sentence (after a lower-case word, a
    digit or a comma) and how often in lower case, off its title-case lines."""
    capitalised = lower = 0
    for match in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
        if any(start <= match.start() < end for start, end in headlines):
            continue
        if match.group() == word.lower():
            lower += 1
        elif match.group() == word and INSIDE_SENTENCE.search(text, max(0, match.start() - 2), match.start()):
            capitalised += 1
    return capitalised, lower


def _whole_sentences(doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` are whole sentences of the first parse, so that no head crosses
    their edges and an entity running on past them cannot be cut."""
    return (
        doc[start].is_sent_start
        and (end == len(doc) or doc[end].is_sent_start)
        and (end == len(doc) or doc[end].ent_iob_ != "I")
    )


def _lines_up(span, line_doc) -> bool:
    """Whether the second parse has the same tokens as the line: same lengths, same spaces."""
    return len(span) == len(line_doc) and all(
        len(a.text) == len(b.text) and a.whitespace_ == b.whitespace_
        for a, b in zip(span, line_doc, strict=True)
    )
