"""Plain-text helpers shared by the stages: language detection and sentences without a parse."""

from __future__ import annotations

from narrascope.text import SentenceSplit, detect_language


def test_languages_of_the_training_data_and_a_refusal_on_nothing(semeval_dir):
    for language in ("EN", "BG", "PT", "RU", "HI"):
        folder = semeval_dir / "train" / language / "raw-documents"
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())[:5]]
        assert [detect_language(text) for text in texts] == [language.lower()] * 5
    assert detect_language("1234 5678") is None


def test_sentences_end_at_punctuation_in_every_script_and_at_line_breaks():
    text = "Kyiv was calm. \u201cWe wait,\u201d she said!\nHeadline\n\u092f\u0939 \u0935\u093e\u0915\u094d\u092f \u0939\u0948\u0964 Next one"
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
