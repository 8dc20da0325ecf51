"""The text fields the role classifier reads."""

from __future__ import annotations

from narrascope.framing.features import TARGET, SentenceSplit, masked, mention_fields

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


def test_fields_of_a_mention() -> None:
    split = SentenceSplit.of(TEXT)
    first, second = TEXT.index("Kharkiv"), TEXT.rindex("Kharkiv")
    fields = mention_fields(TEXT, split, second, second + 7, [(first, first + 7), (second, second + 7)])
    assert fields["sentence"] == f"The mayor of {TARGET} said civilians died."
    assert fields["related"] == f"Tanks shelled {TARGET} overnight."
    assert fields["entity"] == "kharkiv"
    assert fields["sides"] == "l_the l_mayor l_of r_said r_civilians r_died"
    assert "Kharkiv" not in fields["window"]
