"""A logistic-regression line classifier for the boilerplate the patterns miss.

The fitted model is a small JSON file (feature names, standardisation, weights, threshold) so that
prediction needs neither scikit-learn nor numpy; ``train`` rebuilds it from the labelled lines with a
fixed seed and writes the model card beside it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from narrascope.clean.lines import FEATURES
from narrascope.errors import ModelError

THRESHOLD = 0.5
SEED = 13


class LineClassifier:
    def __init__(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ModelError(str(path), f"cannot read the line classifier: {error}") from error
        if data.get("features") != FEATURES:
            raise ModelError(str(path), "the line classifier was trained on other features; rebuild it")
        self.mean: list[float] = data["mean"]
        self.scale: list[float] = data["scale"]
        self.coef: list[float] = data["coef"]
        self.intercept: float = data["intercept"]
        self.threshold: float = data["threshold"]
        self.languages: list[str] = data["languages"]

    def probability(self, features: Sequence[float]) -> float:
        z = self.intercept
        for value, mean, scale, weight in zip(features, self.mean, self.scale, self.coef, strict=True):
            z += weight * (value - mean) / scale
        return 1.0 / (1.0 + math.exp(-z))

    def is_boilerplate(self, features: Sequence[float]) -> bool:
        return self.probability(features) >= self.threshold


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], languages: Sequence[str]) -> dict:
    """Fit the model on feature rows (0 = keep, 1 = boilerplate); returns its JSON-ready parameters.

    ``languages`` are the ones the model may judge: those with enough labelled articles behind it.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    matrix = np.asarray(rows, dtype=float)
    scaler = StandardScaler().fit(matrix)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=1.0, class_weight=None, max_iter=2000, random_state=SEED)
    model.fit((matrix - scaler.mean_) / scale, np.asarray(labels))
    return {
        "features": FEATURES,
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": THRESHOLD,
        "languages": list(languages),
    }


def save(parameters: dict, path: Path, card: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(parameters, indent=1) + "\n", encoding="utf-8")
    path.with_suffix(".md").write_text(card, encoding="utf-8")


def model_card(parameters: dict, articles: int, lines: int, boilerplate: int, figures: str) -> str:
    weights = "\n".join(
        f"| {name} | {weight:+.3f} |"
        for name, weight in zip(parameters["features"], parameters["coef"], strict=True)
    )
    return f"""# Boilerplate line classifier

- What: logistic regression (scikit-learn, class_weight=None, C=1, seed {SEED}) over {len(FEATURES)}
  hand-made line features (`narrascope.clean.lines.FEATURES`); a line is boilerplate when
  p >= {parameters["threshold"]}.
  It only judges lines the patterns of `boilerplate.toml` and the structural rules left undecided, and
  only in articles in {", ".join(parameters["languages"])} (other languages get the rules alone).
- Data: {articles} articles whose lines were labelled by hand (`labels*.tsv`: file, line number,
  label; no text; see `narrascope.clean.training` for how each set was made), mostly from the
  SemEval-2025 Task 10 training release (research licence; read from `../shared/data/semeval2025-task10`,
  never copied) plus the five example articles in `../shared/examples`.
  Training rows: {lines} undecided lines, {boilerplate} of them boilerplate.
- Built: {datetime.now(UTC).date().isoformat()} by `narrascope train boilerplate` (or
  `narrascope.clean.training.rebuild()`); the same labels and seed give the same weights.
- Quality (from `python benchmarks/boilerplate.py`, classifier scored by 5-fold cross-validation over
  articles, never on lines it was trained on):

{figures}

- Limits: English-centred features and patterns; few labelled non-English articles; long promotional
  blocks and reader comments without a marker are often missed.

| feature | weight (standardised) |
|---|---|
{weights}
"""
