"""The publication date that the clean stage fills in from a dateline."""

from __future__ import annotations

from datetime import date

from narrascope.clean.metadata import parse_dateline


def test_datelines_in_several_shapes():
    assert parse_dateline("Wednesday , March 20 2024", "en") == date(2024, 3, 20)
    assert parse_dateline("Published: 14 May 2024 10:32", "en") == date(2024, 5, 14)
    assert parse_dateline("Updated on 2023-07-15", None) == date(2023, 7, 15)


def test_relative_or_partial_dates_are_refused():
    assert parse_dateline("yesterday", "en") is None
    assert parse_dateline("March 2024", "en") is None
