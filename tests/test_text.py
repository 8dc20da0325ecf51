"""Plain-text helpers shared by the stages: language detection and sentences without a parse."""

from __future__ import annotations

from narrascope.entities.parse import Parser
from narrascope.model import Analysis, Article
from narrascope.settings import Settings
from narrascope.text import SentenceSplit, detect_language, english_parse, in_quotation_marks, language_of


def test_languages_of_the_training_data_and_a_refusal_on_nothing(semeval_dir):
    for language in ("EN", "BG", "PT", "RU", "HI"):
        folder = semeval_dir / "train" / language / "raw-documents"
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())[:5]]
        assert [detect_language(text) for text in texts] == [language.lower()] * 5
    assert detect_language("1234 5678") is None


def test_sentences_end_at_punctuation_in_every_script_and_at_line_breaks():
    text = (
        "Kyiv was calm. \u201cWe wait,\u201d she said!\nHeadline\n"
        "\u092f\u0939 \u0935\u093e\u0915\u094d\u092f \u0939\u0948\u0964 Next one"
    )
    split = SentenceSplit.of(text)
    assert [text[start:end] for start, end in split.bounds] == [
        "Kyiv was calm.",
        "\u201cWe wait,\u201d she said!",
        "Headline",
        "\u092f\u0939 \u0935\u093e\u0915\u094d\u092f \u0939\u0948\u0964",
        "Next one",
    ]
    assert [split.index(offset) for offset in (0, 13, 14, 15, len(text) - 1)] == [0, 0, 0, 1, 4]


def test_a_text_without_sentence_ends_is_one_sentence():
    assert SentenceSplit.of("no end here").bounds == [(0, 11)]
    assert SentenceSplit.of("").bounds == [(0, 0)]


def test_english_parse_only_for_english_articles_whatever_says_so():
    parser = Parser(Settings())
    english = "Russian troops left the city on Tuesday, the governor said."
    portuguese = "As tropas russas deixaram a cidade na terça-feira, disse o governador."
    unparsed = Analysis(article=Article(id="a", raw_text=english, text=english))
    assert english_parse(unparsed) is None
    told = parser(Analysis(article=Article(id="b", raw_text=english, text=english, language="en")))
    detected = parser(Analysis(article=Article(id="c", raw_text=english, text=english)))
    foreign = parser(Analysis(article=Article(id="d", raw_text=portuguese, text=portuguese)))
    assert english_parse(told) is told.doc and english_parse(detected) is detected.doc
    assert language_of(foreign) == "pt" and english_parse(foreign) is None
    mislabelled = parser(Analysis(article=Article(id="e", raw_text=english, text=english, language="pt")))
    assert english_parse(mislabelled) is None  # the reader's or cleaner's language wins over a guess


def test_a_passage_is_put_in_quotation_marks_once():
    assert in_quotation_marks(" Kyiv was calm.\n") == "\u201cKyiv was calm.\u201d"
    assert (
        in_quotation_marks("\u201cWe wait,\u201d she said. \u201cWe hope.\u201d ")
        == "\u201cWe wait,\u201d she said. \u201cWe hope.\u201d"
    )
    assert in_quotation_marks('"We wait," she said.') == '\u201c"We wait," she said.\u201d'
    assert (
        in_quotation_marks("\u201cnew sites\u201d were found")
        == "\u201c\u201cnew sites\u201d were found\u201d"
    )
