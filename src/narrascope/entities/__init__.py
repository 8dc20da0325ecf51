"""Named entities: the "entities" stage turns the parse stage's spaCy entities into canonical entities.

Each real-world referent gets one ``Entity`` per article, with the same ``id`` in every article: the slug
of its gazetteer name ("vladimir-putin"), or of the longest form the article uses when the gazetteer does
not know it. The rules are in ``resolve``; the data in ``resources/entities/``.
"""

from __future__ import annotations

from narrascope.entities.gazetteer import Gazetteer, load_gazetteer
from narrascope.entities.mentions import Matchers, find_candidates
from narrascope.entities.resolve import resolve
from narrascope.errors import StageFailure
from narrascope.model import Analysis
from narrascope.settings import Settings

# Keyed by the gazetteer's identity; the gazetteer is kept alongside so that its id cannot be reused.
_matchers: dict[tuple[str, int], tuple[Gazetteer, Matchers]] = {}


def load_matchers(spacy_model: str, gazetteer: Gazetteer) -> Matchers:
    """The gazetteer's phrase matchers for one spaCy pipeline, built once per process."""
    from narrascope.entities.parse import load_spacy

    cache_key = (spacy_model, id(gazetteer))
    if cache_key not in _matchers:
        _matchers[cache_key] = (gazetteer, Matchers(load_spacy(spacy_model), gazetteer))
    return _matchers[cache_key][1]


class EntityResolver:
    name = "entities"
    version = "2"

    def __init__(self, settings: Settings) -> None:
        self.gazetteer = load_gazetteer(settings.resources / "entities")
        self.matchers = load_matchers(settings.spacy_model, self.gazetteer)

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            raise StageFailure(analysis.article.id, "the entities stage needs the parse stage before it")
        candidates = find_candidates(doc, self.gazetteer, self.matchers)
        analysis.entities = resolve(analysis, doc, candidates, self.gazetteer)
        return analysis
