"""Training and cross-validation of the role classifier on the SemEval subtask-1 data.

``train_framing`` is what ``narrascope train framing`` runs: k-fold cross-validation with folds grouped
by article (every mention of an article is in the same fold, so an article never informs its own
prediction), the choice of the second-role share, the main-role score's calibration and the confidence
threshold on the out-of-fold predictions, then a final fit on everything, written with its calibration and
model card. With English data it also cross-validates and fits the salience gate (``salience``) on the
English articles. The narratives behind the ``stance`` field come from the narrative classifier's own
cross-validation (``stance.out_of_fold_labels``), so that no article's stance was predicted by a model
trained on it.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from narrascope import __version__
from narrascope.calibration import ScoreCalibration, calibration_figures, cross_fitted
from narrascope.entities.parse import load_spacy
from narrascope.evaluate.roles import RoleScores, score_roles
from narrascope.framing.classifier import DEFAULT_VIEWS, FieldView, Prediction, RoleClassifier
from narrascope.framing.data import LANGUAGES, RoleMention, training_mentions
from narrascope.framing.features import (
    CueLexicon,
    StanceLexicon,
    parsed_mention_fields,
    predicate_roles,
    stance_field,
)
from narrascope.framing.roles import RoleTaxonomy
from narrascope.framing.salience import (
    SalienceExamples,
    SalienceGate,
    cross_validate_salience,
    salience_examples,
)
from narrascope.framing.stance import out_of_fold_labels, outcome_labels
from narrascope.settings import Settings, get_settings
from narrascope.text import SentenceSplit, detect_language

SEED = 13
SECOND_ROLE_SHARES = (0.3, 0.5, 0.7, 0.9, 1.01)
THRESHOLDS = tuple(round(0.30 + 0.05 * step, 2) for step in range(14))
MODEL_FILE = "role_model.pkl.gz"
CALIBRATION_FILE = "calibration.json"
CARD_FILE = "MODEL_CARD.md"
SALIENCE_FILE = "salience.pkl.gz"


def surface_spans(text: str, mention: str) -> list[tuple[int, int]]:
    """Every occurrence of the mention's words in the text: the same entity, as far as plain text tells."""
    if not mention.strip():
        return []
    return [
        (match.start(), match.end()) for match in re.finditer(re.escape(mention), text, flags=re.IGNORECASE)
    ]


def is_english(mention: RoleMention, text: str) -> bool:
    """Training mentions carry their language; queries of ``narrascope semeval roles`` do not."""
    return mention.language == "EN" if mention.language else detect_language(text) == "en"


def english_docs(items: Sequence[tuple[RoleMention, str]], nlp=None) -> dict[str, object]:
    """The spaCy parse (``nlp``, the pipeline's model) of each English document among ``items``, once per
    document, by its text; none without ``nlp``."""
    if nlp is None:
        return {}
    texts = list(dict.fromkeys(text for mention, text in items if is_english(mention, text)))
    return dict(zip(texts, nlp.pipe(texts), strict=True))


def semeval_rows(
    items: Sequence[tuple[RoleMention, str]],
    cues: CueLexicon,
    docs: dict[str, object] | None = None,
    stances: Sequence[str] | None = None,
) -> list[dict[str, str]]:
    """Classifier fields of SemEval mentions, each read from its raw document.

    ``docs`` (``english_docs``) holds the parses of the English documents for the syntax and predicate
    fields; without one, or for other languages, the English-only fields stay empty. A mention's entity
    is every occurrence of its words (``surface_spans``). ``stances`` is each item's ``stance`` field
    (``stance_fields``); empty without it.
    """
    docs = docs or {}
    splits: dict[int, SentenceSplit] = {}
    rows = []
    for position, (mention, text) in enumerate(items):
        split = splits.setdefault(id(text), SentenceSplit.of(text))
        doc = docs.get(text)
        spans = surface_spans(text, mention.mention)
        predicates, entity_predicates = [], []
        if doc is not None:
            predicates = predicate_roles(doc, mention.start, mention.end, cues)
            entity_predicates = [tag for span in spans for tag in predicate_roles(doc, *span, cues)]
        stance = stances[position] if stances is not None else ""
        rows.append(
            parsed_mention_fields(
                doc,
                text,
                split,
                mention.start,
                mention.end,
                spans,
                cues,
                predicates,
                entity_predicates,
                stance,
            )
        )
    return rows


def stance_fields(
    items: Sequence[tuple[RoleMention, str]], labels: Sequence[Sequence[str]], lexicon: StanceLexicon
) -> list[str]:
    """Each item's ``stance`` field from its article's narrative labels (``labels``, per item)."""
    return [
        stance_field(lexicon.article_stances(article_labels), lexicon.side(mention.mention))
        for (mention, _), article_labels in zip(items, labels, strict=True)
    ]


def article_labels(
    items: Sequence[tuple[RoleMention, str]],
    labels_of: dict[str, list[str]],
    docs: dict[str, object],
    settings: Settings,
) -> list[list[str]]:
    """Per item, its article's narrative labels (``labels_of``, by text) and, for the English articles
    parsed in ``docs``, the war-outcome reader's sub-narrative: the labels the narratives stage gives."""
    outcome_of = outcome_labels(docs, settings)
    return [labels_of.get(text, []) + outcome_of.get(text, []) for _, text in items]


def training_rows(
    items: Sequence[tuple[RoleMention, str]],
    taxonomy: RoleTaxonomy,
    data_dir: Path,
    folds: int,
    settings: Settings,
    nlp=None,
) -> list[dict[str, str]]:
    """``semeval_rows`` of training mentions, with the stance their articles take by narratives predicted
    out of fold (``stance.out_of_fold_labels``)."""
    predicted = out_of_fold_labels(data_dir.resolve(), folds)
    labels_of = {text: predicted.get((mention.language, mention.article_id), []) for mention, text in items}
    docs = english_docs(items, nlp)
    labels = article_labels(items, labels_of, docs, settings)
    return semeval_rows(items, taxonomy.cues, docs, stance_fields(items, labels, taxonomy.stance))


def as_gold(mentions: Sequence[RoleMention]) -> dict:
    return {_key(m): (m.main_role, m.fine_roles) for m in mentions}


def as_predicted(mentions: Sequence[RoleMention], predictions: Sequence[Prediction]) -> dict:
    return {_key(m): (p.main_role, tuple(p.fine_roles)) for m, p in zip(mentions, predictions, strict=True)}


def _key(mention: RoleMention) -> tuple[str, str, str, str]:
    return (
        f"{mention.language}/{mention.article_id}",
        mention.mention.replace('"', ""),
        str(mention.annotated_start),
        str(mention.annotated_end),
    )


@dataclass
class CrossValidation:
    """Out-of-fold fine-role probabilities of every mention, and the majority baseline's fine role.

    The baseline takes the training folds' most frequent main role and its most frequent fine role.
    ``folds`` holds the mentions (indices) of each test fold.
    """

    classes: list[str]
    probabilities: np.ndarray
    majority: list[str]
    seconds_predicting: float
    excluded: list[frozenset[str]]
    folds: list[np.ndarray]

    def predictions(self, classifier: RoleClassifier) -> list[Prediction]:
        rows = zip(self.probabilities, self.excluded, strict=True)
        return [classifier.decide(self.classes, probabilities, excluded) for probabilities, excluded in rows]


def excluded_main_roles(rows: Sequence[dict[str, str]], taxonomy: RoleTaxonomy) -> list[frozenset[str]]:
    """Per row, the main roles its ``stance`` field rules out (``[[implausible]]`` in stance.toml)."""
    return [taxonomy.stance.excluded_main_roles(row.get("stance", "")) for row in rows]


def folds_by_article(mentions: Sequence[RoleMention], folds: int) -> list[np.ndarray]:
    """Fold number per mention; articles are dealt to folds in a fixed order, largest first."""
    from sklearn.model_selection import GroupKFold

    groups = [f"{m.language}/{m.article_id}" for m in mentions]
    indices = np.arange(len(mentions))
    return [test for _, test in GroupKFold(n_splits=folds).split(indices, groups=groups)]


def cross_validate(
    rows: Sequence[dict[str, str]],
    mentions: Sequence[RoleMention],
    taxonomy: RoleTaxonomy,
    folds: int,
    views: Sequence[FieldView] = DEFAULT_VIEWS,
) -> CrossValidation:
    classes = list(taxonomy.fine_roles)
    probabilities = np.zeros((len(rows), len(classes)))
    majority = [""] * len(rows)
    seconds = 0.0
    tests = folds_by_article(mentions, folds)
    for test in tests:
        held_out = set(test.tolist())
        train = [i for i in range(len(rows)) if i not in held_out]
        classifier = RoleClassifier(taxonomy.main_of, views, seed=SEED).fit(
            [rows[i] for i in train], [mentions[i].fine_roles for i in train]
        )
        started = time.perf_counter()
        fold_classes, fold_probabilities = classifier.fine_probabilities([rows[i] for i in test])
        seconds += time.perf_counter() - started
        for column, role in enumerate(fold_classes):
            probabilities[test, classes.index(role)] = fold_probabilities[:, column]
        main_role = Counter(mentions[i].main_role for i in train).most_common(1)[0][0]
        fine_role = Counter(mentions[i].fine_roles[0] for i in train if mentions[i].main_role == main_role)
        for i in test:
            majority[i] = fine_role.most_common(1)[0][0]
    excluded = excluded_main_roles(rows, taxonomy)
    return CrossValidation(classes, probabilities, majority, seconds, excluded, tests)


def evaluate(mentions: Sequence[RoleMention], predictions: Sequence[Prediction]) -> RoleScores:
    return score_roles(as_gold(mentions), as_predicted(mentions, predictions))


def majority_predictions(cv: CrossValidation, taxonomy: RoleTaxonomy) -> list[Prediction]:
    return [Prediction(taxonomy.main_of[role], [role], 1.0) for role in cv.majority]


def choose_second_role_share(
    cv: CrossValidation, mentions: Sequence[RoleMention], taxonomy: RoleTaxonomy
) -> float:
    def exact_match(share: float) -> float:
        classifier = RoleClassifier(taxonomy.main_of, second_role_share=share)
        return evaluate(mentions, cv.predictions(classifier)).exact_match_ratio

    return max(SECOND_ROLE_SHARES, key=exact_match)


def main_outcomes(
    predictions: Sequence[Prediction], mentions: Sequence[RoleMention]
) -> tuple[np.ndarray, np.ndarray]:
    """Each prediction's main-role score, and 1.0 where its main role is the gold one, else 0.0."""
    scores = np.array([p.main_score for p in predictions])
    right = [p.main_role == m.main_role for p, m in zip(predictions, mentions, strict=True)]
    correct = np.array(right, dtype=float)
    return scores, correct


def choose_threshold(
    predictions: Sequence[Prediction], mentions: Sequence[RoleMention], target_accuracy: float
) -> dict:
    """The lowest main-role confidence whose out-of-fold predictions at or above it reach
    ``target_accuracy``."""
    scores, correct = main_outcomes(predictions, mentions)
    for threshold in THRESHOLDS:
        kept = scores >= threshold
        if kept.sum() >= 20 and correct[kept].mean() >= target_accuracy:
            return {
                "min_main_score": threshold,
                "target_main_accuracy": target_accuracy,
                "cv_main_accuracy_above": round(float(correct[kept].mean()), 4),
                "cv_coverage": round(float(kept.mean()), 4),
            }
    return {
        "min_main_score": THRESHOLDS[-1],
        "target_main_accuracy": target_accuracy,
        "cv_main_accuracy_above": None,
        "cv_coverage": round(float((scores >= THRESHOLDS[-1]).mean()), 4),
    }


def calibrate(
    predictions: Sequence[Prediction], mentions: Sequence[RoleMention], target_accuracy: float
) -> dict:
    """The main-role score's calibration and the confidence threshold, from raw out-of-fold ``predictions``.

    The calibration is fitted on every mention: pooled, the languages gave English a calibration as good
    (cross-fitted Brier and log-loss) as English alone did, and the other languages a better one. The
    threshold is chosen on the English mentions when there are any: ``analyze`` reads English news, and
    there the model's confidence means less (most English labels are Antagonist, so a high Antagonist
    probability is cheap; at the threshold that reaches the target on all languages English is below it).
    It is chosen on the raw scores and stored on the calibrated scale (``min_main_score``), which keeps
    the same predictions: the calibration is strictly increasing."""
    calibration = ScoreCalibration.fit(*main_outcomes(predictions, mentions))
    english = [i for i, mention in enumerate(mentions) if mention.language == "EN"]
    chosen = english or list(range(len(mentions)))
    threshold = choose_threshold(
        [predictions[i] for i in chosen], [mentions[i] for i in chosen], target_accuracy
    )
    return {
        **threshold,
        "min_main_score": float(calibration(threshold["min_main_score"])),
        "min_raw_main_score": threshold["min_main_score"],
        "chosen_on": "English mentions" if english else "all mentions",
        "main_score_calibration": calibration.as_dict(),
    }


def calibration_report(
    predictions: Sequence[Prediction], mentions: Sequence[RoleMention], folds: Sequence[np.ndarray]
) -> dict[str, dict]:
    """How calibrated the raw and the calibrated main-role scores are, on all mentions and on the English
    ones. The calibrated scores are cross-fitted (``calibration.cross_fitted``) over the CV folds, so the
    figures are not measured on the predictions their calibration was fitted on."""
    scores, correct = main_outcomes(predictions, mentions)
    calibrated = cross_fitted(scores, correct, folds)
    subsets = {"all": np.arange(len(mentions))}
    english = np.array([i for i, mention in enumerate(mentions) if mention.language == "EN"], dtype=int)
    if len(english):
        subsets["EN"] = english
    return {
        name: {
            "raw": calibration_figures(scores[chosen], correct[chosen]),
            "calibrated": calibration_figures(calibrated[chosen], correct[chosen]),
        }
        for name, chosen in subsets.items()
    }


@dataclass
class FramingReport:
    mentions: int
    folds: int
    languages: list[str]
    second_role_share: float
    calibration: dict
    score_calibration: dict[str, dict]
    model: dict[str, dict]
    majority: dict[str, dict]
    mentions_per_second: float
    salience: dict | None = None

    def table(self) -> str:
        lines = [f"{'subset':<8}{'system':<10}{'EMR':>8}{'micro-F1':>10}{'main acc':>10}"]
        for subset, scores in self.model.items():
            for system, figures in (("model", scores), ("majority", self.majority[subset])):
                lines.append(
                    f"{subset:<8}{system:<10}{figures['exact_match_ratio']:>8.4f}"
                    f"{figures['micro_f1']:>10.4f}{figures['main_role_accuracy']:>10.4f}"
                )
        for subset, figures in self.score_calibration.items():
            raw, calibrated = figures["raw"], figures["calibrated"]
            lines.append(
                f"main-role score, {subset}: ECE {raw['ece']:.4f} -> {calibrated['ece']:.4f}, "
                f"Brier {raw['brier']:.4f} -> {calibrated['brier']:.4f} (raw -> calibrated, cross-fitted)"
            )
        lines.append(
            f"prediction throughput: {self.mentions_per_second:,.0f} mentions/s (fields built beforehand)"
        )
        return "\n".join(lines)

    def reliability_table(self) -> str:
        """Per score bin: count, mean score and accuracy, raw and calibrated, for each subset."""
        lines = [f"{'subset':<8}{'score':<12}{'bin':<10}{'count':>7}{'mean score':>12}{'accuracy':>10}"]
        for subset, figures in self.score_calibration.items():
            for kind, measured in figures.items():
                for row in measured["reliability"]:
                    lines.append(
                        f"{subset:<8}{kind:<12}{row['bin']:<10}{row['count']:>7}"
                        f"{row['mean_score']:>12.3f}{row['accuracy']:>10.3f}"
                    )
        return "\n".join(lines)


def report_cross_validation(
    items: Sequence[tuple[RoleMention, str]],
    rows: Sequence[dict[str, str]],
    taxonomy: RoleTaxonomy,
    folds: int = 5,
    target_accuracy: float = 0.8,
    views: Sequence[FieldView] = DEFAULT_VIEWS,
) -> FramingReport:
    mentions = [mention for mention, _ in items]
    cv = cross_validate(rows, mentions, taxonomy, folds, views)
    share = choose_second_role_share(cv, mentions, taxonomy)
    predictions = cv.predictions(RoleClassifier(taxonomy.main_of, second_role_share=share))
    baseline = majority_predictions(cv, taxonomy)
    subsets = {"all": list(range(len(mentions)))}
    for language in sorted({m.language for m in mentions}):
        subsets[language] = [i for i, m in enumerate(mentions) if m.language == language]

    def scores_of(chosen: Sequence[Prediction], indices: list[int]) -> dict:
        return asdict(evaluate([mentions[i] for i in indices], [chosen[i] for i in indices]))

    return FramingReport(
        mentions=len(mentions),
        folds=folds,
        languages=sorted({m.language for m in mentions}),
        second_role_share=share,
        calibration=calibrate(predictions, mentions, target_accuracy),
        score_calibration=calibration_report(predictions, mentions, cv.folds),
        model={name: scores_of(predictions, indices) for name, indices in subsets.items()},
        majority={name: scores_of(baseline, indices) for name, indices in subsets.items()},
        mentions_per_second=len(mentions) / max(cv.seconds_predicting, 1e-9),
    )


def salience_data(
    items: Sequence[tuple[RoleMention, str]], taxonomy: RoleTaxonomy, settings: Settings
) -> SalienceExamples | None:
    """The salience gate's examples from the English articles among ``items``, None without English."""
    documents: dict[str, str] = {}
    labelled: dict[str, list[tuple[int, int]]] = {}
    for mention, text in items:
        if mention.language == "EN":
            documents[mention.article_id] = text
            labelled.setdefault(mention.article_id, []).append((mention.start, mention.end))
    return salience_examples(documents, labelled, taxonomy, settings) if documents else None


def train_framing(
    data_dir: Path,
    out_dir: Path,
    taxonomy: RoleTaxonomy,
    languages: Sequence[str] = LANGUAGES,
    folds: int = 5,
    target_accuracy: float = 0.8,
    settings: Settings | None = None,
) -> FramingReport:
    """Cross-validate, then fit on all the data and write model, calibration and model card to ``out_dir``.

    The English documents are parsed with the pipeline's spaCy model (``settings.spacy_model``).
    """
    settings = settings or get_settings()
    items = training_mentions(data_dir, languages)
    rows = training_rows(items, taxonomy, data_dir, folds, settings, load_spacy(settings.spacy_model))
    report = report_cross_validation(items, rows, taxonomy, folds, target_accuracy)
    classifier = RoleClassifier(taxonomy.main_of, second_role_share=report.second_role_share, seed=SEED)
    classifier.fit(rows, [mention.fine_roles for mention, _ in items])
    out_dir.mkdir(parents=True, exist_ok=True)
    classifier.save(out_dir / MODEL_FILE)
    calibration = {**report.calibration, "second_role_share": report.second_role_share}
    examples = salience_data(items, taxonomy, settings)
    if examples is None:
        (out_dir / SALIENCE_FILE).unlink(missing_ok=True)
    else:
        report.salience = cross_validate_salience(examples, folds)
        SalienceGate().fit(examples.features, examples.framed).save(out_dir / SALIENCE_FILE)
        calibration["min_salience"] = report.salience["min_salience"]
    (out_dir / CALIBRATION_FILE).write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    (out_dir / CARD_FILE).write_text(model_card(report, data_dir), encoding="utf-8")
    return report


def model_card(report: FramingReport, data_dir: Path) -> str:
    from narrascope.framing.classifier import DEFAULT_VIEWS

    views = "\n".join(
        f"- `{v.field}`: {v.analyzer} {v.ngram_range[0]}-{v.ngram_range[1]}-grams, weight {v.weight}"
        for v in DEFAULT_VIEWS
    )
    return f"""# narrascope entity-role model (framing)

- Trained: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} by narrascope {__version__} (`narrascope train framing`, seed {SEED})
- Data: SemEval-2025 Task 10 training release, subtask 1 (entity framing), languages {', '.join(report.languages)},
  {report.mentions} labelled mentions, read from `{data_dir.name}` (not redistributed; research licence).
- Task: given an entity mention in a news article, its main role (Protagonist, Antagonist, Innocent) and
  fine roles (22, each under one main role).

## Method
Text fields cut around the mention (entity masked): its sentence, a 250-character window, the words just
left and right of it, the other sentences naming the same entity, the lowercase words of the mention
("army", "civilians": the kind of entity, not its name) and the article's opening. For English also the
role-cue categories (`cues.toml`, narrascope's own word lists) of the words in the sentence (those of what
the mention says, "the ministry said that Russian units fled", apart from the rest), beside the
mention and in its other sentences; the words the spaCy dependency parse attaches to the mention (the
verb it is subject or object of, its modifiers, what is predicated of it) with their cue categories; and
what the mention does or undergoes by predicate class (`[predicates]` of `cues.toml`: "Ukraine captured"
is `agent_win`, "Russian troops retreated" gives Russia `agent_lose`, "the invasion of Ukraine" gives
Ukraine `patient_harm`), for the mention and for all mentions of its entity in the article.
In every language, the `stance` field: the article's stance on the war (`pro_kremlin` when its predicted
narratives include one of the Kremlin's, `anti_kremlin` for "Russian army is collapsing" and the like,
`not_pro_kremlin` otherwise; `stance.toml`) crossed with the side of the war the mention names (Russia's,
Ukraine's, the West or other, from a hand-written word list), e.g. `not_pro_kremlin_ukraine`. For training
the narratives are the narrative classifier's out-of-fold predictions (its own 5-fold cross-validation)
plus, in English, the war-outcome reader, so that the field means what it means in `analyze`, where the
narratives stage runs before framing.
The entity's name is not a feature: it made the model repeat how the training outlets cast well-known
names (see Limits). TF-IDF per field:

{views}

What each part adds, English, same 5 folds (EMR / main-role accuracy): the text fields alone 0.133 /
0.698; with the cue categories 0.166 / 0.697; with the syntax field 0.163 / 0.719; with both 0.192 /
0.730; with the predicate fields 0.194 / 0.729 (no gain on the folds: in the training articles the side
that captures or advances is mostly cast as Antagonist, so `agent_win` does not mean Protagonist; they
are kept because they tell the harmed from the harming: in two of the pro-Ukrainian articles of
`../shared/examples`, Ukraine moved from Antagonist to Victim). Weighting classes by inverse frequency, a separate main-role model, boosting
Protagonist and Innocent scores, and other weights for the cue, syntax and predicate fields (1, 2 or 3)
moved EMR by less than 0.01. The stance field, all languages in one model (EMR / main-role accuracy):
all mentions 0.305 / 0.667 without it, 0.337 / 0.693 with it; English mentions 0.181 / 0.739 and 0.182
/ 0.729 (no gain in English; the side alone, without the stance, does as well but is the name's prior:
docs/experiments/framing-features.md).

One multinomial logistic regression over the mention's first fine role; the main role is the one whose
fine roles hold the most probability, and fine roles are taken only under it, so they always agree. A
second fine role is added when its probability is at least {report.second_role_share} of the first's.
Before deciding, main roles that `[[implausible]]` in `stance.toml` rules out for the mention's stance
field are dropped and the other probabilities renormalised: in an article whose narratives argue only
against the Kremlin, a Ukrainian-side mention is not Antagonist and a Russian-side one not Protagonist.
The gold labels of the training release say so (1 of 32 and 1 of 41 such mentions), but the model cannot
learn it, since no training article is predicted anti-Kremlin alone.

## Article view
In `analyze` (English articles), adjectives ("Ukrainian media") and places named only as where something
happens ("in Kursk", "the Kursk region") are not classified (`roles.toml`). An entity is classified only
when the salience gate (`salience.pkl.gz`) finds it framed rather than named in passing: a logistic
regression over entity-level parse features (number of mentions, in the title or not, how early, entity
type, grammatical relations of its mentions, how many of them only name a source: "the ISW said",
"according to the ministry"), trained on the English training articles, where an
entity the entities stage finds is positive when annotators labelled one of its mentions. Its threshold
is the one with the best out-of-fold F1. An entity's label is then kept only when its best mention
clears the confidence threshold below.

## Cross-validation ({report.folds} folds, grouped by article; choices above made on these same folds)
```
{report.table()}
```
Confidence threshold for the article view (`calibration.json`; the lowest raw main-role score at which
the out-of-fold main-role accuracy of the mentions at or above it reaches the target, `min_raw_main_score`,
and the same threshold on the calibrated scale, `min_main_score`, which keeps the same labels):
{json.dumps({key: value for key, value in report.calibration.items() if key != "main_score_calibration"})}

## Main-role score
The score shown with a role (`RoleLabel.score`, "Antagonist (0.93)") is the probability that the main
role is right, calibrated: the classifier's main-role probability `p` becomes
`1 / (1 + exp(-(slope * log(p / (1 - p)) + intercept)))`, a Platt map fitted on the out-of-fold
predictions of all languages ({json.dumps(report.calibration["main_score_calibration"])} in
`calibration.json`). The map is strictly increasing, so it changes no prediction and no label kept. Below,
"raw" is the classifier's probability, "calibrated" the map's, cross-fitted (each fold's scores calibrated
by a map fitted on the other folds' predictions); ECE over 10 equal-width bins:
```
{report.reliability_table()}
```
These are mention-level figures from models trained on four fifths of the data. A label in the article
view shows its best mention's score, and the best of several noisy scores overstates its entity's label
somewhat; the shipped model, fitted on all the data, may also be a little more confident than the folds'.

Salience gate ({report.folds} folds grouped by article, English articles; "framed" = annotators labelled one
of the entity's mentions; `kept_per_article` at the chosen threshold): {json.dumps(report.salience)}

## Limits
A linear model over words and a few parse relations: it does not follow longer arguments or irony.
Main-role accuracy is far below LLM systems (0.84-0.89 on the task's test data) and, for English, a few
points above always answering Antagonist; exact match is low because 22 fine roles share ~5,000 labels.
The cue, syntax and predicate fields and the salience gate exist for English only; the other languages
read the text fields alone, and in their articles every framable entity is classified.
The entity name was dropped on purpose: with a character n-gram field of the name, 5-fold CV gave
English EMR 0.190 / main-role accuracy 0.716 and all languages 0.365 / 0.719, but most of that came from
the prior of each name in the training articles, many from outlets friendly to the Kremlin (Zelenskyy
is Antagonist in most of his labelled mentions), which then cast him Incompetent in pro-Ukrainian
articles. Without the name, English trained alone holds its figures through the cue, syntax and
predicate fields (`benchmarks/framing.py`); the other languages lose exact match (no cue lexicon or
parse for them). The training articles cast whoever attacks or captures as Antagonist, so in articles
that cheer an army's gains the model can still cast that army's country as Antagonist (Foreign
Adversary, Incompetent). The stance field lessens this only as far as the article's narratives are
predicted right, and the training release holds few articles against the Kremlin: what the model
knows of them comes from the articles that push no Kremlin narrative. The salience gate learnt what
annotators chose to label, which is not the same as what an article frames: a figure named once can be
central. Use the roles as pointers to sentences worth reading, not as verdicts.
"""
