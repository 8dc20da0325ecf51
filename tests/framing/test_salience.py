"""The salience gate: which entities an English article frames at all, learnt from the SemEval annotations."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from narrascope.framing.roles import load_taxonomy
from narrascope.framing.salience import SalienceGate, cross_validate_salience, entity_features
from narrascope.framing.stage import DEFAULT_MODEL_DIR, load_model
from narrascope.framing.training import salience_data, training_mentions
from narrascope.model import Analysis, Article, Entity
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

TEXT = (
    "Ukraine repels Russian assault\n"
    "Ukraine pushed back the Russian assault on Kharkiv, and Ukraine captured hundreds of soldiers.\n"
    "Fox News reported the fighting. Ukraine says the front holds."
)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml")


@pytest.fixture(scope="module")
def analysis(settings: Settings) -> Analysis:
    article = Article(id="salience", raw_text=TEXT, language="en")
    return Pipeline(["clean", "parse", "entities"], settings)(article)


def main_and_passing(analysis: Analysis) -> tuple[Entity, Entity]:
    ukraine = next(entity for entity in analysis.entities if entity.name == "Ukraine")
    fox = next(entity for entity in analysis.entities if "Fox" in entity.name)
    return ukraine, fox


def test_features_tell_a_main_actor_from_a_passing_name(analysis: Analysis, taxonomy) -> None:
    ukraine, fox = main_and_passing(analysis)
    main, passing = entity_features(analysis, ukraine, taxonomy), entity_features(analysis, fox, taxonomy)
    assert main["in_title"] == 1.0 and passing["in_title"] == 0.0
    assert main["single"] == 0.0 and passing["single"] == 1.0
    assert main["rel_nsubj"] > 0
    assert main["first_position"] < passing["first_position"]


def test_a_name_that_only_reports_is_counted_as_a_source(analysis: Analysis, settings: Settings, taxonomy):
    text = (
        "Russian units retreat near Kharkiv\n"
        "Russian units fled Kharkiv in panic, the Institute for the Study of War said. According to the "
        "Institute for the Study of War, Russian units left their tanks behind."
    )
    article = Article(id="source", raw_text=text, language="en")
    reported = Pipeline(["clean", "parse", "entities"], settings)(article)
    institute = next(entity for entity in reported.entities if "Institute" in entity.name)
    features = entity_features(reported, institute, taxonomy)
    assert features["only_source"] == 1.0 and features["log_source"] == pytest.approx(math.log1p(2))
    ukraine, _ = main_and_passing(analysis)  # it acts, and once it says something
    assert entity_features(analysis, ukraine, taxonomy)["log_source"] == pytest.approx(math.log1p(1))
    assert entity_features(analysis, ukraine, taxonomy)["only_source"] == 0.0


def test_the_shipped_gate_keeps_the_main_actor_and_drops_the_passing_name(
    analysis: Analysis, taxonomy
) -> None:
    model = load_model()
    assert model.salience is not None and 0 < model.min_salience < 1
    features = [entity_features(analysis, entity, taxonomy) for entity in main_and_passing(analysis)]
    kept, passing = model.salience.probabilities(features)
    assert kept >= model.min_salience > passing


def test_the_gate_cross_validates_above_chance_on_english_articles(
    semeval_dir: Path, taxonomy, settings
) -> None:
    items = training_mentions(semeval_dir, ["EN"])
    first_articles = sorted({mention.article_id for mention, _ in items})[:60]
    chosen = [item for item in items if item[0].article_id in first_articles]
    examples = salience_data(chosen, taxonomy, settings)
    figures = cross_validate_salience(examples, folds=3)
    assert figures["auc"] > 0.65
    assert figures["precision"] > figures["framed_share"]  # kept entities are framed more often than chance
    gate = SalienceGate().fit(examples.features, examples.framed)
    assert gate.probabilities(examples.features).shape == (len(examples.features),)
