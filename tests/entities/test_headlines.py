"""Title-case headlines are parsed in sentence case; the Doc keeps the words and offsets as written."""

from __future__ import annotations

import pytest

from narrascope.entities.parse import load_spacy
from narrascope.model import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


@pytest.fixture(scope="module")
def parse():
    pipeline = Pipeline(["parse"], Settings())

    def run(text: str):
        return pipeline(Article(id="t", raw_text=text, text=text)).doc

    return run


def test_a_headline_keeps_its_words_and_reads_its_verbs_as_verbs(parse):
    text = "Protesters Gather In İzmir As Prices Rise Again\n\nThe police watched the square."
    doc = parse(text)
    assert doc.text == text
    assert [t.text for t in doc][:4] == ["Protesters", "Gather", "In", "İzmir"]
    verbs = {t.text: (t.pos_, t.lemma_) for t in doc if t.text in {"Gather", "Rise"}}
    assert verbs == {"Gather": ("VERB", "gather"), "Rise": ("VERB", "rise")}
    assert [s.text.strip() for s in doc.sents] == [
        "Protesters Gather In İzmir As Prices Rise Again",
        "The police watched the square.",
    ]


def test_a_headline_name_ends_before_the_verb_after_it(parse):
    doc = parse("Mayor Kowalczyk Vetoes Budget As Deficit Grows\n\nThe council will vote again on Friday.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [("Kowalczyk", "PERSON")]


def test_a_word_the_article_writes_capitalised_stays_a_name(analyse):
    headline = "Senator Attacks Hunt Over Rail Delays\n\n"
    named = analyse(headline + "The transport secretary, Ella Hunt, defended the timetable on Monday.")
    assert ("Hunt", "ella-hunt") in {(m.text, e.id) for e in named.entities for m in e.mentions}
    # nothing says that this "Hunt" is a name: the headline reads it as a word
    assert analyse(headline + "The timetable was defended on Monday.").entities == []


def test_a_noun_the_recogniser_took_for_a_person_stays_a_name(parse):
    doc = parse("Teachers Back Lisa Baker In Pay Dispute\n\nThe union met on Monday.")
    assert ("Lisa Baker", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_a_text_without_title_case_lines_keeps_the_plain_parse(parse):
    text = "Drone strike halts grain loading\n\nThe Port of Izmail Stopped Work on Monday. Crews left."
    plain = load_spacy(Settings().spacy_model)(text)
    doc = parse(text)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] == [
        (t.tag_, t.dep_, t.head.i, t.ent_type_) for t in plain
    ]
