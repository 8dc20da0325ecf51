"""Training, saving and loading the narrative classifier on a small slice of the real training data."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.errors import ModelError
from narrascope.evaluate.semeval import read_training_data
from narrascope.narratives.classifier import (
    SCORE_KINDS,
    NarrativeModel,
    Thresholds,
    TrainingConfig,
    solve_dual,
)
from narrascope.narratives.features import FeatureConfig
from narrascope.narratives.taxonomy import OTHER, load_taxonomy
from narrascope.narratives.training import (
    cross_validate,
    duplicate_groups,
    fit_with_tuned_thresholds,
    group_folds,
    label_shift_weights,
)

SMALL = TrainingConfig(ridge=0.1, weights_per_label=500, features=FeatureConfig(5000, 5000))


@pytest.fixture(scope="module")
def documents(semeval_dir):
    english = read_training_data(semeval_dir, ["EN"])
    return english[::3]  # 133 articles of both domains: enough to learn from, quick to fit


@pytest.fixture(scope="module")
def model(documents):
    return NarrativeModel.fit(
        load_taxonomy(),
        [d.text for d in documents],
        [d.narratives for d in documents],
        [d.subnarratives for d in documents],
        SMALL,
        Thresholds(0.3, 0.3, 0.0),
    )


def test_predictions_obey_the_hierarchy(model, documents):
    taxonomy = load_taxonomy()
    for prediction in model.predict([d.text for d in documents[:40]] + ["", "Bonjour tout le monde."]):
        assert (prediction.narratives, prediction.subnarratives) == taxonomy.consistent(
            prediction.narratives, prediction.subnarratives
        )
        assert (OTHER in prediction.narratives) == (prediction.narratives == [OTHER])


def test_model_fits_its_training_articles(model, documents):
    predictions = model.predict([d.text for d in documents])
    hits = np.mean([set(p.narratives) == set(d.narratives) for p, d in zip(predictions, documents)])
    assert hits > 0.6


def test_save_and_load_keep_the_scores(model, documents, tmp_path):
    model.save(tmp_path / "m", "# card\n")
    loaded = NarrativeModel.load(tmp_path / "m", load_taxonomy())
    texts = [d.text for d in documents[:10]]
    assert np.allclose(model.scores(texts), loaded.scores(texts), atol=2e-3)  # weights are stored as float16
    assert [p.subnarratives for p in model.predict(texts)] == [p.subnarratives for p in loaded.predict(texts)]
    assert (tmp_path / "m" / "MODEL_CARD.md").read_text() == "# card\n"


def test_loading_a_missing_or_foreign_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError):
        NarrativeModel.load(tmp_path, load_taxonomy())


def test_group_folds_keep_duplicates_together():
    texts = ["the army retreats from the city today"] * 2 + [
        f"unrelated text number {i} about weather" for i in range(8)
    ]
    groups = duplicate_groups(texts)
    assert groups[0] == groups[1]
    folds = group_folds(groups, np.arange(len(texts)), 3, seed=1)
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(texts)))
    assert any({0, 1} <= set(fold.tolist()) for fold in folds)


def test_cross_validation_is_reproducible(documents):
    first = cross_validate(documents, ["EN"], folds=2, seed=3, config=SMALL)
    second = cross_validate(documents, ["EN"], folds=2, seed=3, config=SMALL)
    assert first.as_dict() == second.as_dict()
    (row,) = first.per_language
    assert row.coarse.count == len(documents)
    # 66 training articles per fold cannot beat all-Other (benchmarks/narratives.py shows the full-data
    # figures), but a broken decoder or misaligned folds would score far below it
    assert row.coarse.mean > 0.3 and row.fine.mean > 0.25
    assert row.baseline_coarse.mean == pytest.approx(np.mean([d.narratives == [OTHER] for d in documents]))


def test_label_shift_weights_bring_other_down_to_the_target_share(semeval_dir):
    documents = read_training_data(semeval_dir, ["EN", "PT"])
    weights = label_shift_weights(documents, 0.27)
    for language in ("EN", "PT"):
        rows = np.array([d.language == language for d in documents])
        is_other = np.array([d.narratives == [OTHER] for d in documents])[rows]
        share = is_other.mean()
        weighted = np.average(is_other, weights=weights[rows])
        if share > 0.27:  # English: the weighted share is the target, total weight unchanged
            assert weighted == pytest.approx(0.27)
            assert weights[rows].sum() == pytest.approx(rows.sum())
        else:  # Portuguese has few "Other" articles: left alone
            assert np.all(weights[rows] == 1.0)
    assert np.all(label_shift_weights(documents, None) == 1.0)


def test_a_weight_of_two_counts_like_a_duplicated_article():
    rng = np.random.default_rng(0)
    points, targets, new = rng.normal(size=(6, 4)), rng.normal(size=(6, 2)), rng.normal(size=(3, 4))
    weights = np.array([2.0, 1, 1, 1, 1, 1])
    dual, means = solve_dual(points @ points.T, targets, 0.5, weights)
    doubled = np.vstack([points[:1], points])
    dual_doubled, means_doubled = solve_dual(doubled @ doubled.T, np.vstack([targets[:1], targets]), 0.5)
    assert np.allclose(new @ points.T @ dual + means, new @ doubled.T @ dual_doubled + means_doubled)


def test_down_weighting_other_lowers_the_other_head(documents):
    taxonomy = load_taxonomy()
    texts = [d.text for d in documents]
    fits = [
        NarrativeModel.fit(
            taxonomy,
            texts,
            [d.narratives for d in documents],
            [d.subnarratives for d in documents],
            SMALL,
            Thresholds(),
            sample_weights=label_shift_weights(documents, share),
        )
        for share in (None, 0.2)
    ]
    plain, shifted = (model.scores(texts)[:, model.coarse_labels.index(OTHER)].mean() for model in fits)
    assert shifted < plain - 0.05


def test_a_text_without_known_features_is_other(model):
    texts = ["", "\u2603\u2603\u2603 \u2604\u2604\u2604"]
    assert model.features.transform(texts).getnnz(axis=1).tolist() == [0, 0]
    assert [(p.narratives, p.subnarratives) for p in model.predict(texts)] == [([OTHER], [OTHER])] * 2


@pytest.fixture(scope="module")
def tuned(documents):
    """Thresholds and score calibration from inner out-of-fold scores, as training makes them."""
    return fit_with_tuned_thresholds(
        load_taxonomy(),
        documents,
        np.arange(len(documents)),
        duplicate_groups([d.text for d in documents]),
        SMALL,
        3,
    )


def test_tuning_calibrates_every_kind_of_shown_score_with_an_increasing_map(tuned, documents):
    assert sorted(tuned.calibration) == sorted(SCORE_KINDS)
    assert all(mapping.slope > 0 and not mapping.on_log_odds for mapping in tuned.calibration.values())
    for prediction in tuned.predict([d.text for d in documents[:30]]):
        for label in prediction.subnarratives if prediction.narratives != [OTHER] else [OTHER]:
            raw = tuned.raw_label_score(prediction.scores, label)
            shown = tuned.label_score(prediction.scores, label)
            assert 0 < shown < 1 and shown != raw


def test_other_is_scored_by_its_lead_over_the_best_narrative(tuned):
    scores = dict.fromkeys(tuned.labels, 0.0)
    scores[OTHER], scores["URW: Discrediting Ukraine"] = 0.7, 0.2
    assert tuned.raw_label_score(scores, OTHER) == pytest.approx(0.5)
    clear, close = tuned.label_score(scores, OTHER), tuned.label_score({**scores, OTHER: 0.3}, OTHER)
    assert clear > close


def test_save_and_load_keep_the_calibration(tuned, tmp_path):
    tuned.save(tmp_path / "m")
    assert NarrativeModel.load(tmp_path / "m", load_taxonomy()).calibration == tuned.calibration


def test_cross_validation_reports_raw_and_calibrated_shown_scores(documents):
    cv = cross_validate(documents, ["EN"], folds=2, seed=3, config=SMALL)
    shown = [len(p.subnarratives) if p.narratives != [OTHER] else 1 for p in cv.predictions.values()]
    assert len(cv.shown) == sum(shown)
    assert all(0 < row.calibrated < 1 for row in cv.shown)
    table = cv.calibration_table()
    assert table[0].split()[:2] == ["language", "kind"]
    assert any(line.startswith("EN       all") for line in table)
