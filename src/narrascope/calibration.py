"""Scores as probabilities (Platt maps), and the figures that say how far a score is one.

Users read a shown score as the chance that the label is right. The framing stage's main-role score is a
probability already, a little over-confident at the top, so its map works on the score's log-odds; the
narrative classifier's scores are ridge-head outputs, not bounded to [0, 1], so its maps work on the raw
score. A Platt map is strictly increasing, so a map per kind of score keeps the order of the scores it maps
and every decision taken on them. Isotonic regression, cross-fitted over the CV folds, scored no better
(docs/experiments/framing-calibration.md, narratives-calibration.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

# log-odds of a score of exactly 0 or 1 are infinite; scores are clipped this far inside
EDGE = 1e-6
RELIABILITY_BINS = 10


def logit(scores: np.ndarray) -> np.ndarray:
    clipped = np.clip(scores, EDGE, 1 - EDGE)
    return np.log(clipped / (1 - clipped))


@dataclass(frozen=True)
class ScoreCalibration:
    """Calibrated probability = logistic(``slope`` * x + ``intercept``), x the score's log-odds
    (``on_log_odds``, for a score that is a probability) or the score itself."""

    slope: float
    intercept: float
    on_log_odds: bool = True

    @classmethod
    def fit(cls, scores: np.ndarray, correct: np.ndarray, on_log_odds: bool = True) -> ScoreCalibration:
        from sklearn.linear_model import LogisticRegression

        inputs = cls.inputs(np.asarray(scores, dtype=float), on_log_odds)
        model = LogisticRegression(C=np.inf).fit(inputs[:, None], np.asarray(correct))
        return cls(float(model.coef_[0][0]), float(model.intercept_[0]), on_log_odds)

    @staticmethod
    def inputs(scores: np.ndarray, on_log_odds: bool) -> np.ndarray:
        return logit(scores) if on_log_odds else scores

    def __call__(self, scores):
        """The calibrated probability of each score (a float for a float)."""
        inputs = self.inputs(np.asarray(scores, dtype=float), self.on_log_odds)
        return 1 / (1 + np.exp(-(self.slope * inputs + self.intercept)))

    def as_dict(self) -> dict[str, float | bool]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, float | bool]) -> ScoreCalibration:
        return cls(float(values["slope"]), float(values["intercept"]), bool(values.get("on_log_odds", True)))


def cross_fitted(
    scores: np.ndarray, correct: np.ndarray, folds: Sequence[np.ndarray], on_log_odds: bool = True
) -> np.ndarray:
    """Each score calibrated by a map fitted on the other folds' scores: the figures of a calibration
    that never saw the predictions it is measured on."""
    calibrated = np.empty(len(scores))
    for test in folds:
        train = np.setdiff1d(np.arange(len(scores)), test)
        calibrated[test] = ScoreCalibration.fit(scores[train], correct[train], on_log_odds)(scores[test])
    return calibrated


def score_bins(scores: np.ndarray) -> np.ndarray:
    """The equal-width bin (of ``RELIABILITY_BINS``) of each score."""
    inner_edges = np.linspace(0, 1, RELIABILITY_BINS + 1)[1:-1]
    return np.clip(np.digitize(scores, inner_edges), 0, RELIABILITY_BINS - 1)


def reliability(scores: np.ndarray, correct: np.ndarray) -> list[dict]:
    """Per bin that holds predictions: its range, count, mean score and accuracy."""
    bins = score_bins(scores)
    width = 1 / RELIABILITY_BINS
    return [
        {
            "bin": f"{b * width:.1f}-{(b + 1) * width:.1f}",
            "count": int((bins == b).sum()),
            "mean_score": round(float(scores[bins == b].mean()), 4),
            "accuracy": round(float(correct[bins == b].mean()), 4),
        }
        for b in np.unique(bins)
    ]


def expected_calibration_error(scores: np.ndarray, correct: np.ndarray) -> float:
    """Mean over the bins, weighted by count, of |mean score - accuracy|."""
    bins = score_bins(scores)
    gaps = [
        abs(scores[bins == b].mean() - correct[bins == b].mean()) * (bins == b).sum() for b in np.unique(bins)
    ]
    return float(sum(gaps) / len(scores))


def calibration_figures(scores: np.ndarray, correct: np.ndarray) -> dict:
    """Expected calibration error, Brier score, mean score and accuracy, and the reliability table."""
    return {
        "ece": round(expected_calibration_error(scores, correct), 4),
        "brier": round(float(np.mean((scores - correct) ** 2)), 4),
        "mean_score": round(float(scores.mean()), 4),
        "accuracy": round(float(correct.mean()), 4),
        "reliability": reliability(scores, correct),
    }
