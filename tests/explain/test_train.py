"""Fitting the sentence ranker on real training explanations, and reading it back."""

from __future__ import annotations

import json

from narrascope.explain.ranker import FEATURES, SentenceRanker, coverage
from narrascope.explain.train import fit_ranker, folds, load_examples
from narrascope.settings import Settings


def test_fitted_ranker_round_trips_and_prefers_sentences_that_cover_the_gold(semeval_dir, tmp_path):
    examples = load_examples(semeval_dir, Settings(), ["RU"])
    assert len(examples) > 100 and all(example.units for example in examples)
    fold_of = folds(len(examples))
    train = [e for e, f in zip(examples, fold_of, strict=True) if f != 0]
    held = [e for e, f in zip(examples, fold_of, strict=True) if f == 0]
    ranker = fit_ranker(train)
    assert len(ranker.weights) == len(FEATURES)

    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(ranker.to_json()), encoding="utf-8")
    loaded = SentenceRanker.load(path)
    example = held[0]
    assert loaded.score(example.units, example.narrative, example.subnarrative) == ranker.score(
        example.units, example.narrative, example.subnarrative
    )

    # On held-out articles, the top-ranked sentence shares more words with the gold explanation than
    # the median sentence does.
    better = 0
    for example in held:
        scores = ranker.score(example.units, example.narrative, example.subnarrative)
        top = max(range(len(scores)), key=scores.__getitem__)
        covered = sorted(coverage(unit.text, example.gold) for unit in example.units)
        better += coverage(example.units[top].text, example.gold) > covered[len(covered) // 2]
    assert better > len(held) / 2
