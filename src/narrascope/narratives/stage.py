"""The "narratives" pipeline stage, model loading, and the evidence sentences behind a label."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from narrascope.errors import ModelError
from narrascope.model import Analysis, Evidence, NarrativeLabel
from narrascope.narratives.classifier import CONFIG_FILE, NarrativeModel, Prediction
from narrascope.narratives.outcomes import OutcomeFinding, load_reader, with_finding
from narrascope.narratives.taxonomy import OTHER, load_taxonomy
from narrascope.settings import Settings
from narrascope.text import english_parse

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "narratives"

_models: dict[Path, NarrativeModel] = {}


def load_model(path: Path | str | None = None) -> NarrativeModel:
    """The narrative model in ``path`` (the packaged default when None), loaded once per process."""
    directory = Path(path) if path is not None else DEFAULT_MODEL_DIR
    directory = directory.resolve()
    if directory not in _models:
        if not (directory / CONFIG_FILE).is_file():
            raise ModelError(
                str(directory), "no narrative model here; train one with `narrascope train narratives`"
            )
        _models[directory] = NarrativeModel.load(directory, load_taxonomy())
    return _models[directory]


def sentence_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """The parse stage's sentences, or the whole text as one span when parsing has not run."""
    spans = [(s.start, s.end) for s in analysis.sentences if analysis.text[s.start : s.end].strip()]
    return spans or [(0, len(analysis.text))]


def sentence_scores(model: NarrativeModel, analysis: Analysis) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every sentence's score under every label head (rows: sentences, columns: ``model.labels``)."""
    spans = sentence_spans(analysis)
    matrix = model.features.transform([analysis.text[start:end] for start, end in spans])
    return spans, (matrix @ model.weights).toarray()


def top_evidence(
    analysis: Analysis, spans: Sequence[tuple[int, int]], column: np.ndarray, k: int
) -> list[Evidence]:
    order = np.argsort(-column, kind="stable")[:k]
    return [analysis.evidence(*spans[i], float(column[i])) for i in order if column[i] > 0]


def evidence_for(
    analysis: Analysis, label: str, k: int = 3, model: NarrativeModel | None = None
) -> list[Evidence]:
    """The ``k`` sentences of an analysed article that best support a narrative or sub-narrative label.

    Sentences are scored with the label's own classifier head (for ``<narrative>: Other``, the
    narrative's head); only sentences that push towards the label are returned, best first. The bare
    ``Other`` label has no supporting sentences.
    """
    model = model or load_model()
    column = model.head(label)
    if column is None:
        return []
    spans, scores = sentence_scores(model, analysis)
    return top_evidence(analysis, spans, scores[:, column], k)


def narrative_labels(
    model: NarrativeModel,
    analysis: Analysis,
    prediction: Prediction,
    evidence_per_label: int,
    finding: OutcomeFinding | None = None,
) -> list[NarrativeLabel]:
    """The labels of one prediction, each with its evidence, best-scored first.

    A sub-narrative the war-outcome reader found carries its score and its claiming sentences."""
    if prediction.narratives == [OTHER]:
        return [
            NarrativeLabel(
                domain=None,
                narrative=OTHER,
                subnarrative=None,
                score=round(model.label_score(prediction.scores, OTHER), 4),
            )
        ]
    spans, scores = sentence_scores(model, analysis)
    labels = []
    for subnarrative in prediction.subnarratives:
        narrative = model.taxonomy.narrative_of(subnarrative)
        if finding is not None and subnarrative == finding.subnarrative:
            score = finding.score
            evidence = [
                analysis.evidence(*span, finding.score) for span in finding.sentences[:evidence_per_label]
            ]
        else:
            score = round(model.label_score(prediction.scores, subnarrative), 4)
            evidence = top_evidence(analysis, spans, scores[:, model.head(subnarrative)], evidence_per_label)
        labels.append(
            NarrativeLabel(
                domain=model.taxonomy.domain_of(narrative),
                narrative=narrative,
                subnarrative=subnarrative,
                score=score,
                evidence=evidence,
            )
        )
    return sorted(labels, key=lambda label: -label.score)


def semeval_rows(labels: Iterable[NarrativeLabel]) -> tuple[list[str], list[str]]:
    """The task's two label lists (narratives, sub-narratives) from a stage's labels."""
    labels = list(labels)
    narratives = sorted({label.narrative for label in labels}) or [OTHER]
    subnarratives = sorted({label.subnarrative or OTHER for label in labels}) or [OTHER]
    return narratives, subnarratives


class NarrativeClassifier:
    """Pipeline stage: predicts the article's narratives and sub-narratives with evidence sentences.

    The classifier reads the text; on parsed English articles the war-outcome reader then adds the
    side the article says is collapsing (see ``narratives.outcomes``)."""

    name = "narratives"
    version = "3"

    def __init__(self, settings: Settings) -> None:
        self.model = load_model(settings.narratives_model)
        self.evidence_per_label = settings.narratives_evidence
        self.reader = load_reader(settings.resources) if settings.narratives_outcomes else None

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(self.pipe([analysis]))

    def outcome_finding(self, analysis: Analysis) -> OutcomeFinding | None:
        doc = english_parse(analysis) if self.reader is not None else None
        return self.reader.finding(self.reader.read(doc)) if doc is not None else None

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        for analysis, prediction in zip(
            analyses, self.model.predict([a.text for a in analyses]), strict=True
        ):
            finding = self.outcome_finding(analysis)
            prediction = with_finding(prediction, finding, self.model.taxonomy, self.model.thresholds.fine)
            analysis.narratives = narrative_labels(
                self.model, analysis, prediction, self.evidence_per_label, finding
            )
            yield analysis
