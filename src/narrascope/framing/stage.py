"""The "framing" pipeline stage: how an article casts each entity it names, with the sentences that show it.

Every mention of a framable entity (people, organisations, countries, groups) is classified in its
context, except, in English, adjectives ("Ukrainian media") and a place's mentions that only say where
something happens ("in Kursk"). The mentions of one entity that agree on main role and first fine role
make one ``RoleLabel``, kept only when its best mention clears the confidence threshold chosen by
cross-validation; its score is that mention's calibrated main-role probability (``calibration``). An
entity can so carry two labels (a Guardian in one paragraph, a Victim in another), each with its
evidence. In English articles, entities that the salience gate (``salience``) finds only
named in passing are not classified at all: no role rather than a guess. The narratives stage, when it
ran before, gives the article's stance (``stance``): who the article backs changes who its strikes and
captures make Antagonist.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from narrascope.calibration import ScoreCalibration
from narrascope.errors import ModelError, StageFailure
from narrascope.framing.classifier import Prediction, RoleClassifier
from narrascope.framing.features import (
    parsed_mention_fields,
    predicate_roles,
    stance_field,
)
from narrascope.framing.roles import RoleTaxonomy, framable, load_taxonomy, unframed
from narrascope.framing.salience import SalienceGate, entity_features
from narrascope.framing.stance import analysis_labels
from narrascope.framing.training import CALIBRATION_FILE, MODEL_FILE, SALIENCE_FILE, excluded_main_roles
from narrascope.model import Analysis, Entity, Mention, RoleLabel
from narrascope.settings import Settings
from narrascope.text import SentenceSplit, english_parse

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "framing"


@dataclass(frozen=True)
class FramingModel:
    classifier: RoleClassifier
    taxonomy: RoleTaxonomy
    min_main_score: float
    salience: SalienceGate | None = None
    min_salience: float = 0.0

    def predict(self, rows: Sequence[dict[str, str]]) -> list[Prediction]:
        """The classifier's predictions with the main roles the stance lexicon rules out for each row."""
        return self.classifier.predict(rows, excluded_main_roles(rows, self.taxonomy))


_models: dict[tuple[Path, Path], FramingModel] = {}


def load_model(directory: Path | None = None, taxonomy_path: Path | None = None) -> FramingModel:
    """The framing model in ``directory`` (the packaged default when None), loaded once per process."""
    directory = (directory or DEFAULT_MODEL_DIR).resolve()
    taxonomy_path = (taxonomy_path or DEFAULT_MODEL_DIR / "roles.toml").resolve()
    if (directory, taxonomy_path) not in _models:
        calibration_path = directory / CALIBRATION_FILE
        try:
            calibration = json.loads(calibration_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ModelError(
                str(calibration_path), f"no usable calibration ({error}); run `narrascope train framing`"
            ) from error
        classifier = RoleClassifier.load(directory / MODEL_FILE)
        classifier.second_role_share = calibration["second_role_share"]
        classifier.calibration = ScoreCalibration.from_dict(calibration["main_score_calibration"])
        gated = "min_salience" in calibration  # a model trained without English has no gate
        _models[directory, taxonomy_path] = FramingModel(
            classifier,
            load_taxonomy(taxonomy_path),
            float(calibration["min_main_score"]),
            SalienceGate.load(directory / SALIENCE_FILE) if gated else None,
            float(calibration.get("min_salience", 0.0)),
        )
    return _models[directory, taxonomy_path]


def salient(analysis: Analysis, entities: Sequence[Entity], model: FramingModel) -> list[Entity]:
    """The ``entities`` the gate keeps; all of them when there is no gate or no English parse to read."""
    if model.salience is None or english_parse(analysis) is None:
        return list(entities)
    features = [entity_features(analysis, entity, model.taxonomy) for entity in entities]
    kept = model.salience.probabilities(features) >= model.min_salience
    return [entity for entity, keep in zip(entities, kept, strict=True) if keep]


def mention_rows(
    analysis: Analysis, entities: Sequence[Entity], model: FramingModel
) -> list[tuple[Entity, Mention, dict[str, str]]]:
    """Fields of every mention to classify. The parse is read only for English articles: the model's
    syntax, cue and predicate fields were learnt on English alone, and the English parser misreads other
    languages. An entity's predicates are read from all its mentions, adjectives included ("Russian troops
    retreated"). The article's stance comes from the narratives stage's labels, the side from each mention's
    words, as in training."""
    text = analysis.text
    split = SentenceSplit.of(text)
    doc = english_parse(analysis)
    cues = model.taxonomy.cues
    lexicon = model.taxonomy.stance
    stances = lexicon.article_stances(analysis_labels(analysis))
    rows = []
    for entity in entities:
        spans = [(mention.start, mention.end) for mention in entity.mentions]
        predicates = [predicate_roles(doc, *span, cues) if doc is not None else [] for span in spans]
        entity_predicates = [tag for tags in predicates for tag in tags]
        for mention, own in zip(entity.mentions, predicates, strict=True):
            if doc is not None and unframed(doc, mention, model.taxonomy):
                continue
            stance = stance_field(stances, lexicon.side(text[mention.start : mention.end]))
            fields = parsed_mention_fields(
                doc, text, split, mention.start, mention.end, spans, cues, own, entity_predicates, stance
            )
            rows.append((entity, mention, fields))
    return rows


def role_labels(
    analysis: Analysis,
    rows: Sequence[tuple[Entity, Mention, dict[str, str]]],
    predictions: Sequence[Prediction],
    min_main_score: float,
    evidence_per_label: int,
) -> list[RoleLabel]:
    """One label per entity and (main role, first fine role) whose best mention clears ``min_main_score``."""
    groups: dict[tuple[str, str, str], list[tuple[Mention, Prediction]]] = {}
    for (entity, mention, _), prediction in zip(rows, predictions, strict=True):
        group = (entity.id, prediction.main_role, prediction.fine_roles[0])
        groups.setdefault(group, []).append((mention, prediction))
    labels = []
    for (entity_id, main_role, _), members in groups.items():
        members.sort(key=lambda member: -member[1].main_score)
        if members[0][1].main_score < min_main_score:
            continue
        fine_roles = list(dict.fromkeys(role for _, prediction in members for role in prediction.fine_roles))
        evidence, seen = [], set()
        for mention, prediction in members:
            has_sentence = mention.sentence < len(analysis.sentences)
            sentence = analysis.sentences[mention.sentence] if has_sentence else mention
            if (sentence.start, sentence.end) in seen or len(evidence) >= evidence_per_label:
                continue
            seen.add((sentence.start, sentence.end))
            evidence.append(analysis.evidence(sentence.start, sentence.end, prediction.main_score))
        labels.append(
            RoleLabel(
                entity_id=entity_id,
                main_role=main_role,
                fine_roles=fine_roles,
                score=round(members[0][1].main_score, 4),
                evidence=evidence,
            )
        )
    order = {entity_id: position for position, (entity_id, *_) in enumerate(groups)}
    return sorted(labels, key=lambda label: (order[label.entity_id], -label.score))


class RoleFramer:
    name = "framing"
    version = "6"

    def __init__(self, settings: Settings) -> None:
        self.model = load_model(settings.framing_model, settings.resources / "framing" / "roles.toml")
        self.evidence_per_label = settings.framing_evidence

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(self.pipe([analysis]))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        per_article = []
        for analysis in analyses:
            if "entities" not in analysis.stages:
                raise StageFailure(
                    analysis.article.id, "the framing stage needs the entities stage before it"
                )
            entities = [entity for entity in analysis.entities if framable(entity, self.model.taxonomy)]
            entities = salient(analysis, entities, self.model)
            per_article.append(mention_rows(analysis, entities, self.model))
        predictions = self.model.predict([fields for rows in per_article for _, _, fields in rows])
        cursor = 0
        for analysis, rows in zip(analyses, per_article, strict=True):
            analysis.roles = role_labels(
                analysis,
                rows,
                predictions[cursor : cursor + len(rows)],
                self.model.min_main_score,
                self.evidence_per_label,
            )
            cursor += len(rows)
            yield analysis
