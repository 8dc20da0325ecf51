"""Fits the explanation sentence ranker on the SemEval subtask-3 explanations and cross-validates it.

``narrascope train explain`` rebuilds ``resources/explain/ranker.json`` and its model card from
``../shared/data/semeval2025-task10``; ``benchmarks/explain.py`` uses the same loading and
fitting to report figures on folds the ranker never saw.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from narrascope.errors import NarrascopeError
from narrascope.explain import is_other
from narrascope.explain.ranker import FEATURES, SentenceRanker, fit
from narrascope.explain.semeval import PREREQUISITES
from narrascope.explain.text import Unit, sentence_units
from narrascope.model import Analysis, Article
from narrascope.settings import Settings

FOLDS = 5
SEED = 13


@dataclass
class Example:
    analysis: Analysis
    language: str
    narrative: str
    subnarrative: str | None
    gold: str
    units: list[Unit]


def load_examples(
    data_dir: Path, settings: Settings, languages: Sequence[str] | None = None
) -> list[Example]:
    """Every training article with a gold explanation, run through the stages the explanation needs.

    Only English articles are parsed: the other languages are explained from their sentences verbatim.
    """
    from narrascope.evaluate.semeval import LANGUAGES, read_training_data
    from narrascope.pipeline import Pipeline

    documents = [d for d in read_training_data(data_dir, languages or LANGUAGES) if d.explanation is not None]
    english = Pipeline([name for name in settings.pipeline if name in PREREQUISITES], settings)
    other = Pipeline([name for name in settings.pipeline if name == "clean"], settings)
    examples = []
    for pipeline, group in (
        (english, [d for d in documents if d.language == "EN"]),
        (other, [d for d in documents if d.language != "EN"]),
    ):
        # text is set for pipelines without the clean stage, which would otherwise set it from raw_text.
        articles = [
            Article(id=d.id, source=d.id, raw_text=d.text, text=d.text, language=d.language.lower())
            for d in group
        ]
        for document, analysis in zip(group, pipeline.pipe(articles), strict=True):
            if isinstance(analysis, NarrascopeError):
                raise analysis
            gold = document.explanation
            subnarrative = (
                None
                if is_other(gold.dominant_subnarrative) or gold.dominant_subnarrative == "none"
                else gold.dominant_subnarrative
            )
            language = document.language.lower()
            examples.append(
                Example(
                    analysis,
                    language,
                    gold.dominant_narrative,
                    subnarrative,
                    gold.explanation,
                    sentence_units(analysis, language),
                )
            )
    return examples


def fit_ranker(examples: Sequence[Example]) -> SentenceRanker:
    return fit([(e.units, e.narrative, e.subnarrative, e.gold) for e in examples])


def folds(count: int, k: int = FOLDS, seed: int = SEED) -> list[int]:
    """Fold number of each of ``count`` examples, shuffled with a fixed seed."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    fold_of = [0] * count
    for position, index in enumerate(order):
        fold_of[index] = position % k
    return fold_of


def train(data_dir: Path, settings: Settings) -> Path:
    """Fit the ranker on all training explanations and write it with its model card; returns its path."""
    examples = load_examples(data_dir, settings)
    ranker = fit_ranker(examples)
    folder = settings.resources / "explain"
    path = folder / "ranker.json"
    path.write_text(
        json.dumps(ranker.to_json(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    weights = "\n".join(
        f"| {name} | {weight:+.4f} |" for name, weight in zip(FEATURES, ranker.weights, strict=True)
    )
    (folder / "MODEL_CARD.md").write_text(
        MODEL_CARD.format(
            features=len(FEATURES),
            date=date.today().isoformat(),
            count=len(examples),
            labels=len(ranker.lexicon),
            weights=weights,
        ),
        encoding="utf-8",
    )
    return path


MODEL_CARD = """# Explanation sentence ranker (`ranker.json`)

- **What:** a ridge regression over {features} sentence features, and a per-label lexicon of up to 80
  term stems (five-character prefixes) for each (sub-)narrative label, used by `narrascope.explain`
  to pick the article sentences that explain a given narrative.
- **Data:** SemEval-2025 Task 10 training release, subtask 3 (articles with a gold explanation of the
  dominant narrative, all five languages): {count} articles, {labels} labels in the lexicon. The data
  is read from `../shared/data/semeval2025-task10`; none of it is stored here beyond the term stems
  and their weights.
- **Target:** unigram F1 between a sentence and the gold explanation (stems).
- **Rebuild:** `narrascope train explain` (deterministic: no sampling).
- **Trained:** {date}
- **Quality:** `QUALITY.md` beside this card, written by `python benchmarks/explain.py --record`
  (5-fold CV; ROUGE-L and MiniLM cosine as proxies of the official BERTScore).

| feature | weight (standardised) |
|---|---|
{weights}
"""
