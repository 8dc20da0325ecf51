"""The role classifier: TF-IDF views of a mention's fields and a linear model over fine roles.

It learns one class per fine role (a mention's first-listed fine role), so the main role follows from
the fine-role probabilities (the sum over each main role's fine roles) and fine roles always belong to
the predicted main role. A second fine role of the same main role is added only when its probability
reaches ``second_role_share`` of the first one's (multi-role mentions are rare; CV sets the share).
With a ``calibration`` (``calibration.ScoreCalibration``, from CV) the main-role score is the calibrated
probability that the main role is right; without one, as in cross-validation, it is the raw probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.calibration import ScoreCalibration
from narrascope.errors import ModelError
from narrascope.framing.artifacts import load_artifact, save_artifact
from narrascope.framing.roles import MAIN_ROLES

MODEL_FORMAT = "narrascope-framing-2"


@dataclass(frozen=True)
class FieldView:
    """How one field of ``features.mention_fields`` becomes a TF-IDF block, and its weight."""

    field: str
    weight: float = 1.0
    analyzer: str = "word"
    ngram_range: tuple[int, int] = (1, 1)
    min_df: int = 2
    max_features: int | None = 20000


# Weights chosen by 5-fold CV on English (see the model card): the cue and syntax fields are few tokens
# against hundreds of context words, so they count double; the predicate fields count once (2 or 3 did no
# better); so does the stance field (weight 2 gave the same figures, all languages).
DEFAULT_VIEWS = (
    FieldView("sentence", 1.0, "word", (1, 2), 2, 30000),
    FieldView("window", 1.0, "word", (1, 2), 2, 30000),
    FieldView("sides", 1.0, "word", (1, 1), 2, 10000),
    FieldView("related", 1.0, "word", (1, 1), 2, 20000),
    FieldView("nouns", 1.0, "word", (1, 1), 1, 2000),
    FieldView("cues", 2.0, "word", (1, 1), 1, 1000),
    FieldView("syntax", 2.0, "word", (1, 1), 1, 5000),
    FieldView("predicates", 1.0, "word", (1, 1), 1, 100),
    FieldView("entity_predicates", 1.0, "word", (1, 1), 1, 100),
    FieldView("stance", 1.0, "word", (1, 1), 1, 100),
    FieldView("article", 1.0, "word", (1, 1), 2, 20000),
)


@dataclass
class Prediction:
    main_role: str
    fine_roles: list[str]
    main_score: float  # calibrated when the classifier has a calibration; fine_scores never are
    fine_scores: dict[str, float] = field(default_factory=dict)


class RoleClassifier:
    def __init__(
        self,
        main_of: dict[str, str],
        views: Sequence[FieldView] = DEFAULT_VIEWS,
        regularization: float = 4.0,
        second_role_share: float = 1.01,
        seed: int = 13,
        calibration: ScoreCalibration | None = None,
    ) -> None:
        self.main_of = dict(main_of)
        self.views = tuple(views)
        self.regularization = regularization
        self.second_role_share = second_role_share
        self.seed = seed
        self.calibration = calibration

    def _matrix(self, rows: Sequence[dict[str, str]], fit: bool):
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        if fit:
            self.vectorizers_ = [
                TfidfVectorizer(
                    analyzer=view.analyzer,
                    ngram_range=view.ngram_range,
                    min_df=view.min_df,
                    max_features=view.max_features,
                    sublinear_tf=True,
                    **({"token_pattern": r"(?u)\b\w+\b"} if view.analyzer == "word" else {}),
                    dtype=np.float32,
                )
                for view in self.views
            ]
        blocks = []
        for position, (view, vectorizer) in enumerate(zip(self.views, self.vectorizers_, strict=True)):
            texts = [row.get(view.field, "") for row in rows]
            if fit and not any(text.strip() for text in texts):
                # the English-only fields are empty when training on other languages: no block for them
                self.vectorizers_[position] = vectorizer = None
            if vectorizer is None:
                continue
            block = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
            blocks.append(view.weight * block)
        return sparse.hstack(blocks).tocsr()

    def fit(self, rows: Sequence[dict[str, str]], fine_roles: Sequence[Sequence[str]]) -> RoleClassifier:
        from sklearn.linear_model import LogisticRegression

        targets = [roles[0] for roles in fine_roles]
        unknown = set(targets) - set(self.main_of)
        if unknown:
            raise ModelError("training data", f"fine roles outside the taxonomy: {sorted(unknown)}")
        self.model_ = LogisticRegression(C=self.regularization, max_iter=3000, random_state=self.seed)
        self.model_.fit(self._matrix(rows, fit=True), targets)
        self.model_.coef_ = self.model_.coef_.astype(np.float32)
        for vectorizer in filter(None, self.vectorizers_):
            # the terms cut by min_df/max_features: large and not needed to predict
            vectorizer.stop_words_ = None
        return self

    def fine_probabilities(self, rows: Sequence[dict[str, str]]) -> tuple[list[str], np.ndarray]:
        if not rows:
            return list(self.model_.classes_), np.zeros((0, len(self.model_.classes_)))
        return list(self.model_.classes_), self.model_.predict_proba(self._matrix(rows, fit=False))

    def predict(
        self, rows: Sequence[dict[str, str]], excluded: Sequence[frozenset[str]] | None = None
    ) -> list[Prediction]:
        """``excluded``: per row, main roles ruled out before deciding (see ``decide``)."""
        classes, probabilities = self.fine_probabilities(rows)
        excluded = excluded if excluded is not None else [frozenset()] * len(rows)
        return [self.decide(classes, row, out) for row, out in zip(probabilities, excluded, strict=True)]

    def decide(
        self, classes: list[str], probabilities: np.ndarray, excluded: frozenset[str] = frozenset()
    ) -> Prediction:
        """Main role and fine roles from the fine-role probabilities. Main roles in ``excluded`` are ruled
        out and the rest renormalised: each remaining role's probability given that those are not it."""
        if excluded:
            kept = np.array([self.main_of[role] not in excluded for role in classes])
            if (probabilities * kept).sum() > 0:
                probabilities = probabilities * kept / (probabilities * kept).sum()
        fine_scores = {role: float(p) for role, p in zip(classes, probabilities, strict=True)}
        main_scores = {main: 0.0 for main in MAIN_ROLES}
        for role, score in fine_scores.items():
            main_scores[self.main_of[role]] += score
        main_role = max(main_scores, key=main_scores.get)
        ranked = sorted(
            (role for role in fine_scores if self.main_of[role] == main_role),
            key=fine_scores.get,
            reverse=True,
        )
        chosen = ranked[:1] + [
            role
            for role in ranked[1:2]
            if fine_scores[role] >= self.second_role_share * fine_scores[ranked[0]]
        ]
        main_score = main_scores[main_role]
        if self.calibration is not None:
            main_score = float(self.calibration(main_score))
        return Prediction(main_role, chosen, main_score, fine_scores)

    def save(self, path: Path) -> None:
        save_artifact(path, MODEL_FORMAT, "classifier", self)

    @staticmethod
    def load(path: Path) -> RoleClassifier:
        return load_artifact(path, MODEL_FORMAT, "classifier", "framing model")
