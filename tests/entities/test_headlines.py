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


def _headline_names(doc) -> list[tuple[str, str]]:
    first_line_end = doc.text.index("\n")
    return [(e.text.strip(), e.label_) for e in doc.ents if e.start_char < first_line_end]


def test_a_name_the_article_writes_stays_whole_though_its_words_are_also_common(parse):
    # the body writes "open" in lower case as often as capitalised, but "Open Water" as one name
    doc = parse(
        "Charity Gives $2 Million To Open Water Campaign\n\n"
        "The gift to Open Water, a group that cleans rivers, is its largest. Boats need open water."
    )
    assert ("Open Water", "WORK_OF_ART") in _headline_names(doc)


def test_a_name_that_starts_a_body_sentence_stays_whole(parse):
    doc = parse(
        "Donors Pledge Millions To Blue Horizon Fund\n\n"
        "Blue Horizon Fund trustees met on Monday. Critics say the blue sky thinking has gone too far."
    )
    assert ("Blue Horizon Fund", "ORG") in _headline_names(doc)


def test_a_name_that_begins_with_a_stop_word_stays_whole_where_the_article_writes_it_mid_sentence(parse):
    doc = parse(
        "Billionaire Gives $500 Million To Above Ground Campaign\n\n"
        'He gave to the "Above Ground" campaign before. Prices rose above forecasts.'
    )
    assert "Above Ground" in [name for name, _ in _headline_names(doc)]


def test_a_word_the_article_writes_in_lower_case_is_no_name_in_the_headline(parse):
    # the first parse puts "Citizenship" in a person's name; the article writes it as a word
    doc = parse(
        "Putin Grants Russian Citizenship To Foreign Fighters\n\n"
        "Citizenship comes with a passport. The citizenship law changed in May."
    )
    assert _headline_names(doc) == [("Putin", "PERSON"), ("Russian", "NORP")]


def test_a_lowered_word_is_not_labelled_a_name_by_the_second_parse(parse):
    # in sentence case the recogniser takes "gov’t" for a product
    doc = parse("Leaked Memo Shows Gov’t Plans To Tax Bicycles\n\nThe memo was dated March.")
    assert _headline_names(doc) == []


def test_a_text_without_title_case_lines_keeps_the_plain_parse(parse):
    text = "Drone strike halts grain loading\n\nThe Port of Izmail Stopped Work on Monday. Crews left."
    plain = load_spacy(Settings().spacy_model)(text)
    doc = parse(text)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] == [
        (t.tag_, t.dep_, t.head.i, t.ent_type_) for t in plain
    ]
