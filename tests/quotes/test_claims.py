"""The claims stage: which numbers are claims, how they read, and whose word they are."""

from __future__ import annotations

import pytest

from narrascope.model import Article
from narrascope.pipeline import Pipeline
from narrascope.quotes.numbers import number_value
from narrascope.quotes.resources import load_numbers
from narrascope.settings import Settings


def claims(analysis) -> list[tuple]:
    return [(c.span.text, c.quantity.low, c.quantity.high, c.quantity.approximate) for c in analysis.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Workers found more than 440 graves at the site.", ("more than 440 graves", 440, None, False)),
        (
            "The army captured at least 100 Russian soldiers.",
            ("at least 100 Russian soldiers", 100, None, False),
        ),
        (
            "Moscow deployed almost 100 percent of the troops.",
            ("almost 100 percent of the troops", None, 100, True),
        ),
        ("Ukraine captured hundreds of soldiers this week.", ("hundreds of soldiers", 200, 999, True)),
        ("Ukraine took 82 towns and villages.", ("82 towns and villages", 82, 82, False)),
        ("The drones hit two power stations.", ("two power stations", 2, 2, False)),
        ("Police found a dozen drones in the field.", ("a dozen drones", 12, 12, False)),
        ("The war destroyed thousands of tanks.", ("thousands of tanks", 2000, 9999, True)),
        ("Hospitals have 10-15 devices per bed.", ("10-15 devices", 10, 15, False)),
        (
            "Congress blocked a $300 million package.",
            ("$300 million package", 300_000_000, 300_000_000, False),
        ),
        (
            "About 1.5 million people fled the region.",
            ("About 1.5 million people", 1_500_000, 1_500_000, True),
        ),
        (
            "Donors pledged tens of billions of dollars.",
            ("tens of billions of dollars", 20e9, 99e9, True),
        ),
        (
            "The storm left hundreds of thousands of homes without power.",
            ("hundreds of thousands of homes", 200_000, 999_000, True),
        ),
        (
            "The charity raised half a million pounds last year.",
            ("half a million pounds", 500_000, 500_000, False),
        ),
        (
            "Solar could supply as much as 40 percent of the grid.",
            ("as much as 40 percent of the grid", None, 40, False),
        ),
        (
            "Cities will need 20% more water by 2040.",
            ("20% more water", 20, 20, False),
        ),
        (
            "Eggs hatch fast at 90 degrees Fahrenheit in the lab.",
            ("90 degrees Fahrenheit", 90, 90, False),
        ),
        (
            "The plan was opposed by at least one trade union.",
            ("at least one trade union", 1, None, False),
        ),
    ],
)
def test_a_number_and_what_it_counts(analyse, text, expected):
    assert claims(analyse(text)) == [expected]


def test_a_multiplier_says_so(analyse):
    found = analyse("There were roughly eight times more Ukrainian forces in the region.").claims
    assert [c.span.text for c in found] == ["roughly eight times more Ukrainian forces"]
    assert (found[0].quantity.low, found[0].quantity.high) == (8, 8)
    assert "multiplier" in found[0].counted


@pytest.mark.parametrize(
    "text",
    [
        "The soldiers surrendered on Wednesday, August 14.",
        "The country's first revolution broke out in 1905.",
        "Military defeats in World War I changed Russia.",
        "A 24-year-old athlete won the race.",
        "The offensive has lasted more than six months.",
        "Izyum holds one of the largest mass grave sites.",
        "The HIMARS missile systems arrived on Sunday.",
        "The army finished sixth in the table.",
        "Analysts expect the Big Four to report losses.",
        "The firm backs the “Net Zero” plan of the union.",
        "The plant makes 155mm shells for the army.",
        "Aged 87, the writer still travels.",
    ],
)
def test_dates_names_ages_durations_and_ordinals_are_not_claims(analyse, text):
    assert claims(analyse(text)) == []


def test_the_source_is_the_speaker_of_the_quote_holding_the_claim(analyse):
    analysis = analyse("A Russian-installed official said that 450 bodies were exhumed in Izyum on Sunday.")
    (claim,) = analysis.claims
    assert claim.source is not None and claim.source.text == "A Russian-installed official"
    assert claim.date == "Sunday"
    assert claim.place == "Izyum"


def test_a_date_the_recogniser_ends_on_its_number_takes_in_the_time_noun(analyse):
    text = "The lake's glaciers shrank by ten percent over the past two summers, the survey found."
    (claim,) = analyse(text).claims
    assert claim.date == "the past two summers"


def test_a_people_named_near_the_claim_is_not_its_place():
    """The parser reads "Ukrainian" here as a place; the entities stage knows it for a people."""
    pipeline = Pipeline(["parse", "entities", "quotes", "claims"], Settings())
    text = "Kyiv's officials said that Ukrainian troops captured 120 soldiers in the Russian town of Sudzha."
    (claim,) = pipeline(Article(id="sudzha", raw_text=text, text=text)).claims
    assert claim.place == "Sudzha"


def test_a_claim_in_the_writers_own_voice_has_no_source(analyse):
    (claim,) = analyse("Russia has amassed around 100,000 troops at the border.").claims
    assert claim.source is None
    assert (claim.quantity.low, claim.quantity.high, claim.quantity.approximate) == (100_000, 100_000, True)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["440"], 440),
        (["1,000"], 1000),
        (["two", "hundred"], 200),
        (["a", "dozen"], 12),
        (["half", "a", "million"], 500_000),
        (["3bn"], 3e9),
        (["twenty-five"], 25),
        (["soldiers"], None),
    ],
)
def test_number_words_read_as_values(words, value):
    assert number_value(words, load_numbers(Settings().resources)) == value


def test_the_first_example_reports_graves_and_bodies_with_their_sources(analyse, shared_examples):
    analysis = analyse(shared_examples[0].read_text(encoding="utf-8"))
    by_span = {c.span.text: c for c in analysis.claims}
    graves = by_span["more than 440 graves"]
    assert (graves.quantity.low, graves.quantity.high) == (440, None)
    assert graves.source.text == "Ukrainian President Volodymyr Zelenskyy"
    assert by_span["450 bodies"].source.text == "A top Ukrainian official"
    assert by_span["roughly eight times more Ukrainian forces"].source.text == "a Russian-installed official"
    assert "1905" not in " ".join(by_span)
