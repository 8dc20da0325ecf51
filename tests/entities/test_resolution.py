"""Small hand-written texts for the ambiguous cases: what must merge and what must stay apart."""

from __future__ import annotations

from datetime import date

import pytest

from narrascope.entities import EntityResolver
from narrascope.errors import StageFailure
from narrascope.model import Analysis, Article
from narrascope.settings import Settings


def ids(analysis: Analysis) -> set[str]:
    return {entity.id for entity in analysis.entities}


def entity_of(analysis: Analysis, surface: str):
    """The entity that has a mention written exactly ``surface``."""
    found = [entity for entity in analysis.entities if surface in entity.aliases]
    assert len(found) == 1, (surface, [(e.id, e.aliases) for e in analysis.entities])
    return found[0]


def test_kiev_and_kyiv_are_one_city(analyse):
    analysis = analyse(
        "Missiles hit Kyiv on Monday. Residents of Kiev said the sirens in Kyiv went on all night."
    )
    kyiv = entity_of(analysis, "Kiev")
    assert kyiv.id == "kyiv" and set(kyiv.aliases) == {"Kyiv", "Kiev"} and len(kyiv.mentions) == 3


def test_austria_and_australia_stay_apart(analyse):
    analysis = analyse("Austria and Australia signed a trade pact. Officials in Austria welcomed it.")
    assert entity_of(analysis, "Austria").id == "austria"
    assert entity_of(analysis, "Australia").id == "australia"


def test_unknown_lookalike_names_are_not_merged_into_gazetteer_people(analyse):
    analysis = analyse(
        "Mark Root, a farmer from Iowa, met Mark Rutte in The Hague. Root said the talks went well."
    )
    root, rutte = entity_of(analysis, "Mark Root"), entity_of(analysis, "Mark Rutte")
    assert root.id == "mark-root" and not root.in_gazetteer
    assert rutte.id == "mark-rutte" and rutte.in_gazetteer
    assert "Root" in root.aliases


def test_a_surname_goes_to_the_full_name_in_the_article(analyse):
    analysis = analyse(
        "Hunter Biden testified on Tuesday. Biden told the committee he had done nothing wrong."
    )
    hunter = entity_of(analysis, "Hunter Biden")
    assert "Biden" in hunter.aliases and "joe-biden" not in ids(analysis)


def test_a_gazetteer_surname_alone_resolves(analyse):
    analysis = analyse("Zelenskiy met Stoltenberg in Brussels, and Scholz joined them by video.")
    assert {"volodymyr-zelenskyy", "jens-stoltenberg", "olaf-scholz", "brussels"} <= ids(analysis)


def test_an_ambiguous_surname_is_left_alone(analyse):
    analysis = analyse("Johnson said the bill would pass before the recess.")
    assert not {"boris-johnson", "mike-johnson"} & ids(analysis)


def test_a_title_needs_its_holder_named_or_a_date(analyse):
    text = "The Ukrainian president addressed the parliament on Monday."
    assert "volodymyr-zelenskyy" not in ids(analyse(text))
    assert "petro-poroshenko" in ids(analyse(text, published=date(2016, 5, 2)))
    assert "volodymyr-zelenskyy" in ids(analyse(text, published=date(2023, 5, 2)))
    named = analyse("Petro Poroshenko spoke first. Later the Ukrainian president met reporters.")
    poroshenko = entity_of(named, "Petro Poroshenko")
    assert "Ukrainian president" in poroshenko.aliases


def test_a_title_with_one_holder_ever_resolves_alone(analyse):
    analysis = analyse("The Kremlin’s spokesman declined to comment on the report.")
    peskov = entity_of(analysis, "Kremlin’s spokesman")
    assert peskov.id == "dmitry-peskov"
    assert "kremlin" not in ids(analysis), "the Kremlin inside the title is not a separate mention"


def test_a_title_before_a_name_only_modifies_it(analyse):
    analysis = analyse("Russian President Vladimir Putin spoke in Moscow.")
    putin = entity_of(analysis, "Vladimir Putin")
    assert putin.aliases == ["Vladimir Putin"]
    assert "russians" not in ids(analysis)


def test_ministries_of_defence_merge_only_when_the_qualifier_agrees(analyse):
    analysis = analyse(
        "The British Ministry of Defence said on Friday that troops were moving. "
        "The Russian Defence Ministry denied it. Later the Ministry of Defence in London repeated its claim."
    )
    british = entity_of(analysis, "British Ministry of Defence")
    russian = entity_of(analysis, "Russian Defence Ministry")
    assert british.id == "british-ministry-of-defense" and russian.id == "russian-ministry-of-defense"
    bare = entity_of(analysis, "Ministry of Defence")
    assert bare.id not in {british.id, russian.id}


def test_an_acronym_defined_in_the_article_joins_its_long_form(analyse):
    analysis = analyse(
        "The European Council on Foreign Relations (ECFR) published a poll. "
        "According to ECFR, most Europeans want the war to end."
    )
    council = entity_of(analysis, "European Council on Foreign Relations")
    assert council.aliases == ["European Council on Foreign Relations", "ECFR"] and len(council.mentions) == 3
    assert council.id == "european-council-on-foreign-relations" and not council.in_gazetteer


def test_demonyms_never_become_countries(analyse):
    analysis = analyse("Russian troops left Russia's border area, and the Ukrainians pushed into Russia.")
    assert entity_of(analysis, "Russian").id == "russians"
    russia = entity_of(analysis, "Russia")
    assert len(russia.mentions) == 2
    assert entity_of(analysis, "Ukrainians").id == "ukrainians"


def test_possessives_and_leading_the_are_trimmed(analyse):
    analysis = analyse("Ukraine’s army pushed on. The United States’ aid was delayed, said the U.S. Senate.")
    assert "Ukraine" in entity_of(analysis, "Ukraine").aliases
    united_states = entity_of(analysis, "United States")
    assert united_states.id == "united-states"
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert not mention.text.lower().startswith("the ") and not mention.text.endswith(
                ("’s", "'s", "’")
            )


def test_same_id_in_two_articles_for_unknown_people(analyse):
    first = analyse("Marko Dovhan, an adviser, spoke to reporters. Dovhan said more sites were found.")
    second = analyse("The adviser Marko Dovhan confirmed the figures on Tuesday.")
    assert entity_of(first, "Dovhan").id == entity_of(second, "Marko Dovhan").id == "marko-dovhan"


def test_the_stage_needs_the_parse_stage():
    resolver = EntityResolver(Settings())
    analysis = Analysis(article=Article(id="unparsed", raw_text="Kyiv", text="Kyiv"))
    with pytest.raises(StageFailure):
        resolver(analysis)


def test_a_known_owner_is_split_from_what_it_owns(analyse):
    analysis = analyse("He sat on the board of Hunter Biden’s Burisma for years.")
    assert entity_of(analysis, "Hunter Biden").id == "hunter-biden"
    assert entity_of(analysis, "Burisma").id == "burisma"
    whole = analyse("Leaders of the Donetsk People's Republic met on Monday.")
    assert entity_of(whole, "Donetsk People's Republic").id == "donetsk-peoples-republic"


def test_a_role_before_a_name_is_not_an_entity(analyse):
    analysis = analyse(
        "Secretary of State Antony Blinken flew to Kyiv. Treasury Secretary Janet Yellen stayed."
    )
    assert {entity.id for entity in analysis.entities} == {"antony-blinken", "kyiv", "janet-yellen"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Putin Mobilizes Reservists As Losses Mount\n\nVladimir Putin ordered the call-up on Wednesday.",
            {("Putin", "vladimir-putin"), ("Vladimir Putin", "vladimir-putin")},
        ),
        (
            "Kremlin Rules Out Talks With Kyiv\n\nThe talks had been planned for May.",
            {("Kremlin", "kremlin"), ("Kyiv", "kyiv")},
        ),
        (  # a name unknown to the gazetteer, but written off the headline
            "Fonda Heads To Washington For Climate Protest\n\nJane Fonda was arrested on Friday.",
            {("Fonda", "jane-fonda"), ("Jane Fonda", "jane-fonda"), ("Washington", "washington")},
        ),
    ],
)
def test_a_headline_verb_is_no_part_of_the_name_before_it(analyse, text, expected):
    found = {(mention.text, entity.id) for entity in analyse(text).entities for mention in entity.mentions}
    assert expected <= found
    assert not any(
        " " in surface and surface.split()[1] in {"Mobilizes", "Rules", "Heads"} for surface, _ in found
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Bill Gates Admits Climate Plan Will Cost Trillions\n\nThe billionaire spoke on Monday.",
            "Bill Gates",
        ),
        (
            (
                "Institute For The Study Of War Sees Russian Offensive Stalling\n\n"
                "The think tank published a map."
            ),
            "Institute For The Study Of War",
        ),
    ],
)
def test_a_headline_name_with_a_verb_form_or_a_preposition_inside_stays_whole(analyse, text, name):
    assert name in {mention.text for entity in analyse(text).entities for mention in entity.mentions}


def test_an_editors_bracket_inside_a_name_is_not_part_of_its_alias(analyse):
    analysis = analyse(
        "The senator said talks could not start before a victory over [Russian President Vladimir] Putin. "
        "Vladimir Putin did not answer."
    )
    putin = entity_of(analysis, "Vladimir Putin")
    assert putin.id == "vladimir-putin" and len(putin.mentions) == 2
    assert not any("]" in alias or "[" in alias for alias in putin.aliases)
    assert "]" in putin.mentions[0].text  # the mention keeps its offsets into the text as written


def test_a_name_outside_the_gazetteer_is_named_without_editors_brackets(analyse):
    analysis = analyse(
        "The union backed [Senator Maria] Kowalczyk, who said the plant would stay open. "
        "Kowalczyk spoke in Lodz."
    )
    senator = entity_of(analysis, "Kowalczyk")
    assert senator.name == "Maria Kowalczyk" and senator.aliases == ["Maria Kowalczyk", "Kowalczyk"]
