"""Which entities an article frames at all: the gate in front of the article view.

The role classifier was trained only on mentions that annotators gave a role, so it answers for any
mention, and a name said once in passing ("Fox News reported", "India's reservations") gets a role as
confident as the article's main actors. In the English training articles, annotators gave roles to about
one in six of the people, organisations and places the entities stage finds; the others count as "no clear
framing". A logistic regression over what the parse says about the whole entity (how often and where it
is named, in the title or not, and in which grammatical positions) learns that difference; the article
view keeps an entity's roles only when its probability reaches ``min_salience`` (``calibration.json``),
the threshold with the best out-of-fold F1. English only: the features come from the English parse.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.framing.artifacts import load_artifact, save_artifact
from narrascope.framing.roles import RoleTaxonomy, framable, unframed
from narrascope.model import Analysis, Article, Entity
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

SALIENCE_FORMAT = "narrascope-salience-2"
THRESHOLDS = tuple(round(0.05 * step, 2) for step in range(1, 13))
TITLE_CHARS = 300


def is_source(span, taxonomy: RoleTaxonomy) -> bool:
    """The mention reports rather than acts: subject of a speech verb ("the ISW said"), or "according to"
    it."""
    root = span.root
    if root.dep_ == "nsubj":
        return root.head.lemma_.lower() in taxonomy.cues.speech_verbs
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


def entity_features(analysis: Analysis, entity: Entity, taxonomy: RoleTaxonomy) -> dict[str, float]:
    """Counts of the entity's mentions (all, and those the stage would classify), whether the first line
    (the title) names it, how early it first appears, its type, the parse relations of its classified
    mentions (``rel_nsubj``, ``rel_pobj_against``...), log-scaled, and how many of its mentions only name
    a source (``log_source``; ``only_source`` when all do: think tanks and ministries quoted for facts)."""
    text, doc = analysis.text, analysis.doc
    first_line = text.find("\n")
    title_end = first_line if 0 < first_line < TITLE_CHARS else 0
    features = {
        f"type_{entity.type}": 1.0,
        "log_mentions": math.log1p(len(entity.mentions)),
        "single": float(len(entity.mentions) == 1),
        "in_title": float(any(mention.start < title_end for mention in entity.mentions)),
        "first_position": min(mention.start for mention in entity.mentions) / max(1, len(text)),
    }
    relations: dict[str, int] = {}
    classified = sources = 0
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        sources += span is not None and len(span) > 0 and is_source(span, taxonomy)
        if unframed(doc, mention, taxonomy):
            continue
        classified += 1
        if span is None or len(span) == 0:
            continue
        root = span.root
        relation = f"pobj_{root.head.lower_}" if root.dep_ == "pobj" else root.dep_
        relations[relation] = relations.get(relation, 0) + 1
    features["log_classified"] = math.log1p(classified)
    features["none_classified"] = float(classified == 0)
    features["log_source"] = math.log1p(sources)
    features["only_source"] = float(sources == len(entity.mentions))
    features.update({f"rel_{relation}": math.log1p(count) for relation, count in relations.items()})
    return features


class SalienceGate:
    def __init__(self, regularization: float = 1.0) -> None:
        self.regularization = regularization

    def fit(self, features: Sequence[dict[str, float]], framed: Sequence[bool]) -> SalienceGate:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer_ = DictVectorizer()
        self.model_ = LogisticRegression(C=self.regularization, max_iter=3000)
        self.model_.fit(self.vectorizer_.fit_transform(features), np.asarray(framed, dtype=int))
        return self

    def probabilities(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        if not features:
            return np.zeros(0)
        return self.model_.predict_proba(self.vectorizer_.transform(features))[:, 1]

    def save(self, path: Path) -> None:
        save_artifact(path, SALIENCE_FORMAT, "gate", self)

    @staticmethod
    def load(path: Path) -> SalienceGate:
        return load_artifact(path, SALIENCE_FORMAT, "gate", "salience gate")


@dataclass
class SalienceExamples:
    """Every framable entity of the training articles: its features, whether annotators framed it
    (one of its mentions overlaps a labelled mention) and its article."""

    features: list[dict[str, float]]
    framed: np.ndarray
    articles: list[str]


def salience_examples(
    documents: dict[str, str],
    labelled: dict[str, list[tuple[int, int]]],
    taxonomy: RoleTaxonomy,
    settings: Settings,
) -> SalienceExamples:
    """Runs the pipeline's parse and entities stages over the English training ``documents`` (id -> raw
    text, not cleaned, so that the ``labelled`` offsets of each article hold)."""
    pipeline = Pipeline(["parse", "entities"], settings)
    articles = [Article(id=key, raw_text=text, text=text, language="en") for key, text in documents.items()]
    features, framed, article_ids = [], [], []
    for analysis in pipeline.pipe(articles):
        if not isinstance(analysis, Analysis):
            raise analysis
        spans = labelled[analysis.article.id]
        for entity in analysis.entities:
            if framable(entity, taxonomy):
                features.append(entity_features(analysis, entity, taxonomy))
                framed.append(any(s < m.end and m.start < e for m in entity.mentions for s, e in spans))
                article_ids.append(analysis.article.id)
    return SalienceExamples(features, np.array(framed, dtype=bool), article_ids)


def cross_validate_salience(examples: SalienceExamples, folds: int) -> dict:
    """Out-of-fold probabilities (folds grouped by article) and the threshold with the best F1 on them."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    framed = examples.framed
    probabilities = np.zeros(len(framed))
    indices = np.arange(len(framed))
    for train, test in GroupKFold(n_splits=folds).split(indices, groups=examples.articles):
        gate = SalienceGate().fit([examples.features[i] for i in train], framed[train])
        probabilities[test] = gate.probabilities([examples.features[i] for i in test])

    def figures(threshold: float) -> dict:
        kept = probabilities >= threshold
        precision = float(framed[kept].mean()) if kept.any() else 0.0
        recall = float(framed[kept].sum() / max(1, framed.sum()))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "min_salience": threshold,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "kept_per_article": round(float(kept.sum()) / len(set(examples.articles)), 2),
        }

    best = max((figures(threshold) for threshold in THRESHOLDS), key=lambda row: row["f1"])
    return {
        **best,
        "auc": round(float(roc_auc_score(framed, probabilities)), 4),
        "entities": len(framed),
        "framed_share": round(float(framed.mean()), 4),
        "entities_per_article": round(len(framed) / len(set(examples.articles)), 2),
    }
