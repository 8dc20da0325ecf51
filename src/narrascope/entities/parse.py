"""The spaCy parse that later stages share: sentences, tokens, dependencies, named entities."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from narrascope.errors import ModelError
from narrascope.model import Analysis, Sentence
from narrascope.settings import Settings

_loaded: dict[str, object] = {}


def load_spacy(name: str):
    """Load a spaCy pipeline once per process; it must come from an installed package, never a download."""
    if name not in _loaded:
        import spacy

        try:
            _loaded[name] = spacy.load(name)
        except OSError as error:
            raise ModelError(name, f"spaCy pipeline not installed ({error}); install it with pip") from error
    return _loaded[name]


class Parser:
    name = "parse"
    version = "1"

    def __init__(self, settings: Settings) -> None:
        self.nlp = load_spacy(settings.spacy_model)
        # Every input the readers accept must parse: a character is at least one byte.
        self.nlp.max_length = max(self.nlp.max_length, settings.max_input_bytes)
        self.batch_size = settings.batch_size

    def __call__(self, analysis: Analysis) -> Analysis:
        return self._attach(analysis, self.nlp(analysis.text))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        docs = self.nlp.pipe((analysis.text for analysis in analyses), batch_size=self.batch_size)
        for analysis, doc in zip(analyses, docs, strict=True):
            yield self._attach(analysis, doc)

    @staticmethod
    def _attach(analysis: Analysis, doc) -> Analysis:
        analysis.attach_doc(doc)
        analysis.sentences = [
            Sentence(start=s.start_char, end=s.end_char) for s in doc.sents if s.text.strip()
        ]
        return analysis
