"""The main-role score as a probability, and the figures that say how far a score is one.

The classifier's main-role probability (the sum of its fine roles', renormalised when the stance rules
out a main role) is read by users as the chance the role is right. On out-of-fold predictions it is close
to that but not equal: high scores are a little over-confident, scores near one half under-confident.
``ScoreCalibration`` is a Platt map of the score's log-odds (``slope * logit(score) + intercept``), fitted
on the out-of-fold predictions and kept as two numbers in ``calibration.json``. Cross-fitted over the CV
folds, isotonic regression scored no better; a map per main role scored a little better on English but
reorders scores across roles (docs/experiments/framing-calibration.md). One strictly increasing map keeps
the order of scores, so the predicted roles and which of them clear the confidence threshold stay as they
were.
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
    """Calibrated probability = logistic(``slope`` * logit(score) + ``intercept``)."""

    slope: float
    intercept: float

    @classmethod
    def fit(cls, scores: np.ndarray, correct: np.ndarray) -> ScoreCalibration:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=np.inf).fit(logit(np.asarray(scores))[:, None], np.asarray(correct))
        return cls(float(model.coef_[0][0]), float(model.intercept_[0]))

    def __call__(self, scores):
        """The calibrated probability of each score (a float for a float)."""
        return 1 / (1 + np.exp(-(self.slope * logit(np.asarray(scores, dtype=float)) + self.intercept)))

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, float]) -> ScoreCalibration:
        return cls(float(values["slope"]), float(values["intercept"]))


def cross_fitted(scores: np.ndarray, correct: np.ndarray, folds: Sequence[np.ndarray]) -> np.ndarray:
    """Each score calibrated by a map fitted on the other folds' scores: the figures of a calibration
    that never saw the predictions it is measured on."""
    calibrated = np.empty(len(scores))
    for test in folds:
        train = np.setdiff1d(np.arange(len(scores)), test)
        calibrated[test] = ScoreCalibration.fit(scores[train], correct[train])(scores[test])
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
