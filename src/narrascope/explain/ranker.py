"""Which of an article's sentences best explain a given narrative label.

A linear model over a few cheap features: where the sentence sits, how central it is to the article,
how close it is to the words that explanations of the same (sub-)narrative use (a per-label lexicon
learned from the SemEval explanations, in all five languages), how many names and quotes it holds.
It is fitted to predict how much of the gold explanation a sentence covers. The fitted model is a
small JSON file of weights, applied here in plain Python (no scikit-learn at run time).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import ModelError
from narrascope.explain.text import Unit, cosine, terms, weighted

FEATURES = (
    "position",
    "first",
    "second",
    "log_words",
    "short",
    "centrality",
    "lexicon_narrative",
    "lexicon_subnarrative",
    "label_name",
    "quote",
    "capitalized",
)
QUOTE_MARKS = frozenset('"“”«»„')
LEXICON_SIZE = 80
INNER_FOLDS = 5


def label_terms(narrative: str, subnarrative: str | None) -> set[str]:
    """Terms of the label's own name, without the domain prefix."""
    names = [narrative.split(":", 1)[-1]]
    if subnarrative:
        names.append(subnarrative.rsplit(":", 1)[-1])
    return {term for name in names for term in terms(name) if len(term) > 2}


def unit_features(
    units: Sequence[Unit], lexicon: dict[str, dict[str, float]], narrative: str, subnarrative: str | None
) -> list[list[float]]:
    counts = [Counter(terms(unit.text)) for unit in units]
    document_frequency = Counter(term for count in counts for term in count)
    idf = {term: math.log(1 + len(units) / df) for term, df in document_frequency.items()}
    document = weighted(sum(counts, Counter()), idf)
    narrative_lexicon = lexicon.get(narrative, {})
    subnarrative_lexicon = lexicon.get(subnarrative or "", {})
    name = label_terms(narrative, subnarrative)
    last = max(len(units) - 1, 1)
    rows = []
    for unit, count in zip(units, counts, strict=True):
        vector = weighted(count, idf)
        tokens = unit.text.split()
        rows.append(
            [
                unit.index / last,
                float(unit.index == 0),
                float(unit.index == 1),
                math.log1p(len(tokens)),
                float(len(tokens) < 6),
                cosine(vector, document),
                cosine(count, narrative_lexicon),
                cosine(count, subnarrative_lexicon),
                len(name & count.keys()) / max(len(name), 1),
                float(any(mark in QUOTE_MARKS for mark in unit.text)),
                sum(token[:1].isupper() for token in tokens[1:]) / max(len(tokens), 1),
            ]
        )
    return rows


@dataclass
class SentenceRanker:
    weights: list[float]
    intercept: float
    means: list[float]
    scales: list[float]
    lexicon: dict[str, dict[str, float]]

    def score(self, units: Sequence[Unit], narrative: str, subnarrative: str | None) -> list[float]:
        scores = []
        for row in unit_features(units, self.lexicon, narrative, subnarrative):
            scores.append(
                self.intercept
                + sum(
                    w * (x - m) / s
                    for w, x, m, s in zip(self.weights, row, self.means, self.scales, strict=True)
                )
            )
        return scores

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": self.weights,
            "intercept": self.intercept,
            "means": self.means,
            "scales": self.scales,
            "lexicon": self.lexicon,
        }

    @classmethod
    def load(cls, path: Path) -> SentenceRanker:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ModelError(
                str(path),
                f"cannot read the explanation sentence ranker ({error}); "
                "rebuild it with `narrascope train explain`",
            ) from error
        if data.get("features") != list(FEATURES):
            raise ModelError(
                str(path),
                "the sentence ranker was trained with other features; "
                "rebuild it with `narrascope train explain`",
            )
        return cls(data["weights"], data["intercept"], data["means"], data["scales"], data["lexicon"])


def build_lexicon(examples: Iterable[tuple[str, str | None, str]]) -> dict[str, dict[str, float]]:
    """Per (sub-)narrative label, the terms its explanations use more than other labels' explanations do."""
    pooled: dict[str, Counter] = {}
    for narrative, subnarrative, explanation in examples:
        count = Counter(term for term in terms(explanation) if len(term) > 2)
        for label in (narrative, subnarrative):
            if label:
                pooled.setdefault(label, Counter()).update(count)
    label_frequency = Counter(term for count in pooled.values() for term in count)
    lexicon = {}
    for label, count in pooled.items():
        total = sum(count.values())
        scored = {
            term: n / total * math.log(len(pooled) / label_frequency[term]) for term, n in count.items()
        }
        top = sorted(scored.items(), key=lambda item: -item[1])[:LEXICON_SIZE]
        lexicon[label] = {term: round(weight, 5) for term, weight in top if weight > 0}
    return lexicon


def coverage(unit_text: str, gold: str) -> float:
    """Unigram F1 between a sentence and a gold explanation: the target the ranker learns."""
    unit, reference = Counter(terms(unit_text)), Counter(terms(gold))
    overlap = sum((unit & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(unit.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def fit(
    examples: Sequence[tuple[Sequence[Unit], str, str | None, str]], alpha: float = 10.0
) -> SentenceRanker:
    """Fit on (sentences, narrative, subnarrative, gold explanation) examples."""
    import numpy as np
    from sklearn.linear_model import Ridge

    # Each example's lexicon features come from a lexicon built without it, else its own gold words
    # would make the lexicon look far better than it is on unseen articles.
    labelled = [(narrative, subnarrative, gold) for _, narrative, subnarrative, gold in examples]
    rows, targets = [], []
    for fold in range(INNER_FOLDS):
        lexicon = build_lexicon(item for i, item in enumerate(labelled) if i % INNER_FOLDS != fold)
        for units, narrative, subnarrative, gold in examples[fold::INNER_FOLDS]:
            rows += unit_features(units, lexicon, narrative, subnarrative)
            targets += [coverage(unit.text, gold) for unit in units]
    features = np.array(rows)
    means, scales = features.mean(axis=0), features.std(axis=0)
    scales[scales == 0] = 1.0
    model = Ridge(alpha=alpha).fit((features - means) / scales, np.array(targets))
    return SentenceRanker(
        [round(float(w), 6) for w in model.coef_],
        round(float(model.intercept_), 6),
        [round(float(m), 6) for m in means],
        [round(float(s), 6) for s in scales],
        build_lexicon(labelled),
    )
