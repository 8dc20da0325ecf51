"""Sentence shortening on the real spaCy parse. The sentences are made up for the tests."""

from __future__ import annotations

import pytest

from narrascope.entities.parse import Parser
from narrascope.explain.compress import Rules, compress
from narrascope.model import Analysis, Article, Entity, Mention
from narrascope.settings import RESOURCES, Settings


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser(Settings())


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load(RESOURCES / "explain" / "compress.toml")


def parsed(parser: Parser, text: str) -> Analysis:
    return parser(Analysis(article=Article(id="t", raw_text=text, text=text)))


def shortened(analysis: Analysis, rules: Rules, sentence: int = 0) -> str:
    span = analysis.sentences[sentence]
    return " ".join(fragment.text for fragment in compress(analysis, span.start, span.end, rules))


def test_fragments_are_verbatim_spans_of_the_article(parser, rules):
    analysis = parsed(
        parser, "However, the old bridge, which was built in 1962, has collapsed again, officials said."
    )
    fragments = compress(analysis, 0, len(analysis.text), rules)
    assert fragments
    for fragment in fragments:
        assert analysis.text[fragment.start : fragment.end] == fragment.text


def test_attribution_tail_and_opener_and_relative_clause_go(parser, rules):
    analysis = parsed(
        parser, "However, the old bridge, which was built in 1962, has collapsed again, officials said."
    )
    text = shortened(analysis, rules)
    assert "However" not in text and "officials said" not in text and "which was built" not in text
    assert "bridge" in text and "collapsed" in text


def test_parentheses_and_according_to_go(parser, rules):
    analysis = parsed(
        parser, "According to the ministry, grain exports (mostly wheat) fell sharply this year."
    )
    text = shortened(analysis, rules)
    assert "According" not in text and "wheat" not in text
    assert "grain exports" in text and "fell sharply" in text


def test_first_person_quote_keeps_its_speaker(parser, rules):
    analysis = parsed(parser, "\u201cWe will never give up the city,\u201d the mayor said.")
    assert "mayor" in shortened(analysis, rules)


def test_subject_pronoun_becomes_the_one_person_named_before(parser, rules):
    analysis = parsed(parser, "Maria Lopez visited the port on Friday. She said the harbour was closed.")
    start = analysis.text.index("Maria Lopez")
    analysis.entities = [
        Entity(
            id="maria-lopez",
            name="Maria Lopez",
            type="PERSON",
            aliases=["Maria Lopez"],
            mentions=[Mention(start=start, end=start + 11, text="Maria Lopez", label="PERSON", sentence=0)],
        )
    ]
    second = analysis.sentences[1]
    fragments = compress(analysis, second.start, second.end, rules)
    assert fragments[0].name == "Maria Lopez"
    assert analysis.text[fragments[0].start : fragments[0].end] == "She"
    assert "harbour was closed" in " ".join(fragment.text for fragment in fragments)


def test_pronoun_stays_when_two_people_could_be_meant(parser, rules):
    text = "Maria Lopez met Ana Silva on Friday. She said the harbour was closed."
    analysis = parsed(parser, text)
    analysis.entities = [
        Entity(
            id=name,
            name=name,
            type="PERSON",
            mentions=[
                Mention(
                    start=text.index(name),
                    end=text.index(name) + len(name),
                    text=name,
                    label="PERSON",
                    sentence=0,
                )
            ],
        )
        for name in ("Maria Lopez", "Ana Silva")
    ]
    second = analysis.sentences[1]
    fragments = compress(analysis, second.start, second.end, rules)
    assert all(fragment.name is None for fragment in fragments)
    assert fragments[0].text.startswith("She")


def test_a_time_phrase_goes_whole_with_its_ago(parser, rules):
    analysis = parsed(parser, "The rebels took the valley months ago, but the army has now lost it.")
    text = shortened(analysis, rules)
    assert "months" not in text and " ago" not in text
    assert "took the valley" in text
