"""Title, publication date and language that the clean stage fills in."""

from __future__ import annotations

from datetime import date

from narrascope.clean.metadata import detect_language, parse_dateline


def test_datelines_in_several_shapes():
    assert parse_dateline("Wednesday , March 20 2024", "en") == date(2024, 3, 20)
    assert parse_dateline("Published: 14 May 2024 10:32", "en") == date(2024, 5, 14)
    assert parse_dateline("Updated on 2023-07-15", None) == date(2023, 7, 15)


def test_relative_or_partial_dates_are_refused():
    assert parse_dateline("yesterday", "en") is None
    assert parse_dateline("March 2024", "en") is None


def test_languages_of_the_training_data_and_a_refusal_on_nothing(semeval_dir):
    for language in ("EN", "BG", "PT", "RU", "HI"):
        folder = semeval_dir / "train" / language / "raw-documents"
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())[:5]]
        assert [detect_language(text) for text in texts] == [language.lower()] * 5
    assert detect_language("1234 5678") is None
