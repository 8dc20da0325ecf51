"""The war-outcome reader on the real English parse. The sentences are made up for the tests."""

from __future__ import annotations

import shutil

import pytest

from narrascope.entities.parse import Parser
from narrascope.errors import ModelError
from narrascope.model import Analysis, Article
from narrascope.narratives.classifier import Prediction
from narrascope.narratives.outcomes import (
    OUTCOMES_FILE,
    OutcomeFinding,
    load_reader,
    parse_reader,
    with_finding,
)
from narrascope.narratives.semeval import predict_folder
from narrascope.narratives.taxonomy import OTHER, load_taxonomy
from narrascope.pipeline import Pipeline
from narrascope.settings import RESOURCES, Settings

COLLAPSING = "URW: Speculating war outcomes: Russian army is collapsing"
LOSING_RUSSIA = (
    "Russian troops fled the city on Tuesday. "
    "At least 100 Russian soldiers were captured near the river. "
    "Ukrainian forces recaptured dozens of Russian positions. "
    "Russia's defeat at Kharkiv was a turning point. "
)


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser(Settings())


def losing(parser: Parser, text: str) -> set[str]:
    doc = parser(Analysis(article=Article(id="t", raw_text=text, text=text))).doc
    return set().union(*(load_reader().losing_sides(sentence) for sentence in doc.sents))


@pytest.mark.parametrize(
    ("sentence", "sides"),
    [
        ("Russian troops fled the city.", {"russia"}),
        ("At least 100 Russian soldiers were captured.", {"russia"}),
        ("Ukraine recaptured dozens of Russian positions.", {"russia"}),
        ("Russia cannot win this war.", {"russia"}),
        ("Is Russia starting to lose?", {"russia"}),
        ("Russia could lose the war.", {"russia"}),  # speculating is the narrative
        ("The setbacks of the Ukrainian army are mounting.", {"ukraine"}),
        ("Kyiv suffered heavy losses in the east.", {"ukraine"}),
        ("Russia must retreat from the occupied land.", set()),  # a demand
        ("If Russia loses, the regime will fall.", set()),  # a condition
        ("Washington will not let Ukraine fail.", set()),  # negated
        ("Russian forces captured the town.", set()),  # winning, not losing
        ("Russia withdrew its ambassador.", set()),  # not a retreat
    ],
)
def test_who_a_sentence_says_is_losing(parser, sentence, sides):
    assert losing(parser, sentence) == sides


def test_finding_needs_enough_dominant_sentences():
    reader = load_reader()
    three = [(0, 1), (2, 3), (4, 5)]
    finding = reader.finding({"russia": three, "ukraine": []})
    assert finding == OutcomeFinding("russia", COLLAPSING, 0.75, three)
    assert reader.finding({"russia": three[:2], "ukraine": []}) is None
    assert reader.finding({"russia": three, "ukraine": three}) is None


def test_a_repeated_headline_counts_once(parser):
    text = "Russian troops fled.\nRussian troops fled.\nRussia's defeat is near."
    doc = parser(Analysis(article=Article(id="t", raw_text=text, text=text))).doc
    assert len(load_reader().read(doc)["russia"]) == 2


def test_incomplete_word_lists_are_refused():
    with pytest.raises(ModelError, match="incomplete"):
        parse_reader({"decision": {"min_sentences": 3, "min_ratio": 1.5}, "sides": {}}, "outcomes.toml")


def test_a_finding_replaces_other_and_its_narrative_filler():
    taxonomy = load_taxonomy()
    finding = OutcomeFinding("russia", COLLAPSING, 0.75, [(0, 5)])
    plain = Prediction([OTHER], [OTHER], {})
    merged = with_finding(plain, finding, taxonomy, fine_threshold=0.2)
    assert merged.narratives == ["URW: Speculating war outcomes"] and merged.subnarratives == [COLLAPSING]
    filler = "URW: Speculating war outcomes: Other"
    guessed = Prediction(["URW: Speculating war outcomes"], [filler], {filler: 0.1})
    assert with_finding(guessed, finding, taxonomy, 0.2).subnarratives == [COLLAPSING]
    chosen = Prediction(["URW: Speculating war outcomes"], [filler], {filler: 0.3})
    assert with_finding(chosen, finding, taxonomy, 0.2).subnarratives == sorted([COLLAPSING, filler])
    assert with_finding(plain, None, taxonomy, 0.2) is plain


def test_stage_adds_the_finding_with_its_sentences_unless_switched_off():
    article = Article(id="a", raw_text=LOSING_RUSSIA, text=LOSING_RUSSIA, language="en")
    analysis = Pipeline(["parse", "narratives"], Settings())(article)
    label = next(label for label in analysis.narratives if label.subnarrative == COLLAPSING)
    assert label.score == 0.8
    assert label.evidence[0].text.strip() == "Russian troops fled the city on Tuesday."
    off = Pipeline(["parse", "narratives"], Settings(narratives_outcomes=False))(article.model_copy())
    assert COLLAPSING not in {label.subnarrative for label in off.narratives}


def test_semeval_folder_reads_english_claims(tmp_path):
    (tmp_path / "EN_1.txt").write_text(LOSING_RUSSIA, encoding="utf-8")
    (tmp_path / "PT_1.txt").write_text("As tropas russas fugiram da cidade.", encoding="utf-8")
    rows = {name: (coarse, fine) for name, coarse, fine in predict_folder(tmp_path)}
    assert COLLAPSING in rows["EN_1.txt"][1]
    assert COLLAPSING not in rows["PT_1.txt"][1]


def test_semeval_folder_writes_other_for_a_file_the_readers_refuse(tmp_path):
    settings = Settings(max_input_bytes=len(LOSING_RUSSIA.encode()) - 1)
    (tmp_path / "EN_big.txt").write_text(LOSING_RUSSIA, encoding="utf-8")
    (tmp_path / "EN_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    refused = []
    rows = list(predict_folder(tmp_path, settings, on_error=refused.append))
    assert rows == [("EN_big.txt", [OTHER], [OTHER]), ("EN_binary.txt", [OTHER], [OTHER])]
    assert ["too large" in str(refused[0]), "binary" in str(refused[1])] == [True, True]
    assert "EN_big.txt" in str(refused[0])


def test_the_reader_comes_from_the_settings_resources_folder(tmp_path):
    resources = tmp_path / "resources"  # a copy of the shipped folder with one file edited, as a user would
    shutil.copytree(RESOURCES, resources)
    shipped = (RESOURCES / OUTCOMES_FILE).read_text(encoding="utf-8")
    (resources / OUTCOMES_FILE).write_text(
        shipped.replace("min_sentences = 3", "min_sentences = 1"), encoding="utf-8"
    )
    text = "Russian troops fled the city on Tuesday."
    article = Article(id="a", raw_text=text, text=text, language="en")
    analysis = Pipeline(["parse", "narratives"], Settings(resources=resources))(article)
    assert COLLAPSING in {label.subnarrative for label in analysis.narratives}
    shipped_only = Pipeline(["parse", "narratives"], Settings())(article.model_copy())
    assert COLLAPSING not in {label.subnarrative for label in shipped_only.narratives}
