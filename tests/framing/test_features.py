"""The text fields the role classifier reads."""

from __future__ import annotations

import pytest

from narrascope.entities.parse import load_spacy
from narrascope.framing.features import TARGET, attached_words, masked, mention_fields
from narrascope.text import SentenceSplit
from narrascope.framing.roles import load_taxonomy
from narrascope.framing.stage import DEFAULT_MODEL_DIR
from narrascope.settings import Settings

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
