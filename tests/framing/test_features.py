"""The text fields the role classifier reads."""

from __future__ import annotations

import pytest

from narrascope.entities.parse import load_spacy
from narrascope.framing.features import (
    TARGET,
    attached_words,
    masked,
    mention_fields,
    predicate_roles,
    reported_clause,
    stance_field,
)
from narrascope.framing.roles import load_taxonomy
from narrascope.framing.stage import DEFAULT_MODEL_DIR
from narrascope.settings import Settings
from narrascope.text import SentenceSplit

TEXT = "Tanks shelled Kharkiv overnight.\nThe mayor of Kharkiv said civilians died. Nothing else happened!"


def test_sentences_split_on_punctuation_and_lines() -> None:
    split = SentenceSplit.of(TEXT)
    assert [TEXT[s:e] for s, e in split.bounds] == [
        "Tanks shelled Kharkiv overnight.",
        "The mayor of Kharkiv said civilians died.",
        "Nothing else happened!",
    ]
    assert split.index(TEXT.index("mayor")) == 1


def test_masking_replaces_every_mention_inside_the_range() -> None:
    first, second = TEXT.index("Kharkiv"), TEXT.rindex("Kharkiv")
    spans = [(first, first + 7), (second, second + 7)]
    assert masked(TEXT, 0, len(TEXT), spans).count(TARGET) == 2
    assert "Kharkiv" not in masked(TEXT, 0, len(TEXT), spans)


@pytest.fixture(scope="module")
def cues():
    return load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml").cues


@pytest.fixture(scope="module")
def nlp():
    return load_spacy(Settings().spacy_model)


def test_fields_of_a_mention_without_a_parse(cues) -> None:
    split = SentenceSplit.of(TEXT)
    first, second = TEXT.index("Kharkiv"), TEXT.rindex("Kharkiv")
    fields = mention_fields(TEXT, split, second, second + 7, [(first, first + 7), (second, second + 7)], cues)
    assert fields["sentence"] == f"The mayor of {TARGET} said civilians died."
    assert fields["related"] == f"Tanks shelled {TARGET} overnight."
    assert fields["nouns"] == ""  # the name is not a feature
    assert fields["sides"] == "l_the l_mayor l_of r_said r_civilians r_died"
    assert "Kharkiv" not in fields["window"]
    assert fields["cues"] == fields["syntax"] == ""  # English-only fields, empty without a parse


def test_english_fields_carry_cues_and_what_the_parse_attaches(cues, nlp) -> None:
    doc = nlp(TEXT)
    split = SentenceSplit.of(TEXT)
    first, second = TEXT.index("Kharkiv"), TEXT.rindex("Kharkiv")
    spans = [(first, first + 7), (second, second + 7)]
    fields = mention_fields(TEXT, split, first, first + 7, spans, cues, attached_words(doc, first, first + 7))
    assert "dobj_shell" in fields["syntax"].split()  # Kharkiv is what the tanks shelled
    assert "dobj_cue_aggression" in fields["syntax"].split()
    assert "s_aggression" in fields["cues"].split() and "r_victim" in fields["cues"].split()


def test_attached_words_of_subjects_and_owners(nlp) -> None:
    text = "The Kremlin lied about the strike. Russia is weak. Putin's army retreated."
    doc = nlp(text)

    def attached(surface: str) -> list[tuple[str, str]]:
        start = text.index(surface)
        return attached_words(doc, start, start + len(surface))

    assert ("nsubj", "lie") in attached("Kremlin")
    assert ("pred_acomp", "weak") in attached("Russia")
    assert ("poss", "army") in attached("Putin")


def test_lowercase_words_of_a_mention_stay(cues) -> None:
    text = "The Russian army retreated."
    fields = mention_fields(text, SentenceSplit.of(text), 4, 16, [(4, 16)], cues)  # "Russian army"
    assert fields["nouns"] == "army"


def test_predicate_roles_say_who_wins_loses_harms_or_is_harmed(cues, nlp) -> None:
    text = (
        "Ukraine captured hundreds of soldiers. Russian troops retreated from Kharkiv. "
        "Russia invaded Ukraine. "
        "Ukraine's counteroffensive forced the army back. Ukraine managed to capture 82 towns. "
        "The invasion of Ukraine failed. Moscow did not defend the city."
    )
    doc = nlp(text)

    def roles(surface: str, occurrence: int = 0) -> list[str]:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        return predicate_roles(doc, start, start + len(surface), cues)

    assert roles("Ukraine") == ["agent_win"]
    assert roles("Russian") == ["agent_lose"]  # the adjective stands for the troops
    assert roles("Russia ") == ["agent_harm"]
    assert roles("Ukraine", 1) == ["patient_harm"]
    assert roles("Ukraine's") == ["agent_win"]  # through what it owns
    assert roles("Ukraine", 3) == ["agent_win"]  # through the verb it manages to do
    assert roles("Ukraine", 4) == ["patient_harm"]  # the invasion of
    assert roles("Moscow") == ["negagent_win"]


def test_predicate_fields_are_english_only(cues) -> None:
    text = "Russia invaded Ukraine."
    split = SentenceSplit.of(text)
    both = ["patient_harm", "agent_win"]
    parsed = mention_fields(text, split, 15, 22, [(15, 22)], cues, [], ["patient_harm"], both)
    assert parsed["predicates"] == "patient_harm"
    assert parsed["entity_predicates"] == "patient_harm agent_win"
    unparsed = mention_fields(text, split, 15, 22, [(15, 22)], cues, None, ["patient_harm"], ["patient_harm"])
    assert unparsed["predicates"] == unparsed["entity_predicates"] == ""


@pytest.fixture(scope="module")
def stance():
    return load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml").stance


@pytest.mark.parametrize(
    ("mention", "side"),
    [
        ("Russia", "russia"),
        ("Russia's army", "russia"),  # the possessive does not hide the name
        ("the Kremlin", "russia"),
        ("России", "russia"),  # a case ending, by stem
        ("रूसी सेना", "russia"),  # Devanagari vowel signs stay inside the word
        ("Kyiv", "ukraine"),
        ("Ukrainian forces", "ukraine"),
        ("U.S.", "west"),
        ("the European Union", "west"),
        ("US-Russia talks", "other"),  # two sides: neither
        ("China", "other"),
        ("Rustam", "other"),  # a whole word, not a prefix of "russia"
    ],
)
def test_a_mention_names_its_side_of_the_war(stance, mention: str, side: str) -> None:
    assert stance.side(mention) == side


def test_an_article_takes_stances_from_its_narratives(stance) -> None:
    collapsing = [
        "URW: Speculating war outcomes",
        "URW: Speculating war outcomes: Russian army is collapsing",
    ]
    assert stance.article_stances(collapsing) == ["anti_kremlin", "not_pro_kremlin"]
    assert stance.article_stances(["URW: Discrediting Ukraine"]) == ["pro_kremlin"]
    assert stance.article_stances(["Other"]) == ["not_pro_kremlin"]  # no narrative: not the Kremlin's
    assert stance.article_stances([]) == ["not_pro_kremlin"]


def test_the_stance_field_crosses_the_article_stances_with_the_side() -> None:
    crossed = stance_field(["anti_kremlin", "not_pro_kremlin"], "ukraine")
    assert crossed == "anti_kremlin_ukraine not_pro_kremlin_ukraine"
    text = "Kyiv said the strike hit a school."
    cues = load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml").cues
    fields = mention_fields(text, SentenceSplit.of(text), 0, 4, [(0, 4)], cues, stance="pro_kremlin_ukraine")
    assert fields["stance"] == "pro_kremlin_ukraine"


def test_an_article_against_the_kremlin_alone_rules_out_a_ukrainian_antagonist(stance) -> None:
    against = stance.article_stances(["URW: Speculating war outcomes: Russian army is collapsing"])
    assert stance.excluded_main_roles(stance_field(against, "ukraine")) == {"Antagonist"}
    assert stance.excluded_main_roles(stance_field(against, "russia")) == {"Protagonist"}
    assert stance.excluded_main_roles(stance_field(against, "west")) == set()
    # an article that pushes Kremlin narratives too is mixed: nothing is ruled out
    mixed = stance.article_stances(["URW: Overpraising the West", "URW: Discrediting Ukraine"])
    assert stance.excluded_main_roles(stance_field(mixed, "ukraine")) == set()
    assert stance.excluded_main_roles("") == set()


def test_what_a_speaker_says_is_read_apart_from_the_speaker(nlp, cues) -> None:
    text = "The ministry said that enemy units retreated in panic after heavy losses."
    start = text.index("ministry")
    said = reported_clause(nlp(text), start, start + 8, cues)
    assert said is not None and text[said[0] : said[1]].startswith("that enemy units retreated in panic")
    span = [(start, start + 8)]
    fields = mention_fields(text, SentenceSplit.of(text), start, start + 8, span, cues, [], reported=said)
    tags = fields["cues"].split()
    assert "q_incompetence" in tags and "s_incompetence" not in tags  # the losses are the enemy's
    quoted = '"Enemy units retreated in panic," the ministry said.'
    start = quoted.index("ministry")
    said = reported_clause(nlp(quoted), start, start + 8, cues)
    assert said is not None and quoted[said[0] : said[1]].startswith("Enemy units retreated")


def test_a_mention_that_does_not_speak_reports_nothing(nlp, cues) -> None:
    text = "Enemy units shelled the ministry and retreated."
    start = text.index("ministry")
    assert reported_clause(nlp(text), start, start + 8, cues) is None
