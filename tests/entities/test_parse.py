from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


def test_a_headline_without_a_full_stop_is_its_own_sentence():
    text = (
        "Drone strike halts grain loading\n\nThe port of Izmail stopped work on Monday. Crews cleared debris."
    )
    pipeline = Pipeline(["parse"], Settings())
    analysis = pipeline(Article(id="t", raw_text=text, text=text))
    sentences = [text[s.start : s.end].strip() for s in analysis.sentences]
    assert sentences == [
        "Drone strike halts grain loading",
        "The port of Izmail stopped work on Monday.",
        "Crews cleared debris.",
    ]
    assert isinstance(analysis, Analysis) and analysis.doc is not None


def test_a_double_prime_used_as_a_quotation_mark_does_not_hide_the_speaker(analyse):
    analysis = analyse("\u201cWe will supply our allies,\u2033 Marco Cicio said on Tuesday.")
    assert "\u2033" in [token.text for token in analysis.doc]
    assert "Marco Cicio" in [entity.name for entity in analysis.entities]
