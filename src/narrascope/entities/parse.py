"""The spaCy parse that later stages share: sentences, tokens, dependencies, named entities."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from narrascope.entities.gazetteer import load_gazetteer
from narrascope.entities.headlines import HeadlineParser
from narrascope.errors import ModelError
from narrascope.model import Analysis, Sentence
from narrascope.settings import Settings

_loaded: dict[str, object] = {}
LINE_BREAKS = "narrascope_line_breaks"
# Typewriter-era marks that scraped pages use as quotation marks ("allies,″ Cicio said"); spaCy's
# tokenizer does not know them and glues them to the word, which hides names from the recogniser.
EXTRA_QUOTATION_MARKS = ("\u2033", "\u2036")


def mark_line_breaks(doc):
    """A line break ends a sentence: headlines, captions and list items carry no full stop, and the
    parser would otherwise glue them to the sentence that follows."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def split_extra_quotation_marks(nlp) -> None:
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    marks = [re.escape(mark) for mark in EXTRA_QUOTATION_MARKS]
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, *marks]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, *marks]).search


def verb_lemmas(nlp) -> frozenset[str]:
    """Base forms of English verbs, from the pipeline's lemmatizer tables (its rule mode keeps an index of
    the lemmas of each word class)."""
    return frozenset(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"])


def third_person_lemma(form: str, verbs: frozenset[str]) -> str | None:
    """The verb of ``verbs`` whose third-person form ``form`` is ("claims", "denies", "stresses")."""
    if not form.endswith("s"):
        return None
    candidates = [form[:-1], form[:-2]] + ([form[:-3] + "y"] if form.endswith("ies") else [])
    return next((lemma for lemma in candidates if lemma in verbs), None)


def load_spacy(name: str):
    """Load a spaCy pipeline once per process; it must come from an installed package, never a download."""
    if name not in _loaded:
        import spacy
        from spacy.language import Language

        try:
            nlp = spacy.load(name)
        except OSError as error:
            raise ModelError(name, f"spaCy pipeline not installed ({error}); install it with pip") from error
        split_extra_quotation_marks(nlp)
        if LINE_BREAKS not in Language.factories:
            Language.component(LINE_BREAKS, func=mark_line_breaks)
        nlp.add_pipe(LINE_BREAKS, before="parser")
        _loaded[name] = nlp
    return _loaded[name]


class Parser:
    name = "parse"
    version = "5"

    def __init__(self, settings: Settings) -> None:
        self.nlp = load_spacy(settings.spacy_model)
        # Every input the readers accept must parse: a character is at least one byte.
        self.nlp.max_length = max(self.nlp.max_length, settings.max_input_bytes)
        self.batch_size = settings.batch_size
        gazetteer = load_gazetteer(settings.resources / "entities")
        self.headlines = HeadlineParser(self.nlp, gazetteer, settings.resources)

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = self.nlp(analysis.text)
        self.headlines([doc])
        return self._attach(analysis, doc)

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        docs = list(self.nlp.pipe((analysis.text for analysis in analyses), batch_size=self.batch_size))
        self.headlines(docs)
        for analysis, doc in zip(analyses, docs, strict=True):
            yield self._attach(analysis, doc)

    @staticmethod
    def _attach(analysis: Analysis, doc) -> Analysis:
        analysis.attach_doc(doc)
        analysis.sentences = [
            Sentence(start=s.start_char, end=s.end_char) for s in doc.sents if s.text.strip()
        ]
        return analysis
