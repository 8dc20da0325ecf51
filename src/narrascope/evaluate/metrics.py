"""The official subtask-2 metric: samples-averaged F1 with its standard deviation across articles.

Per article, F1 is computed between the gold and predicted label sets; the mean and the population
standard deviation over articles are reported, "coarse" on narratives and "fine" on sub-narratives.
Convention of the organisers' scorer kept here: an article whose gold and predicted sets are both
empty scores 0 (their per-article F1 uses ``zero_division=0``). That cannot happen with well-formed
files, since every article carries at least ``Other``.

Where the organisers' script silently ignores unknown labels and pairs rows by position, this scorer
is stricter: an unknown label, a missing id or an extra id is an error naming the item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean, pstdev

from narrascope.errors import InputError


@dataclass(frozen=True)
class SamplesF1:
    mean: float
    std: float
    count: int


@dataclass(frozen=True)
class NarrativeScores:
    coarse: SamplesF1
    fine: SamplesF1

    def lines(self) -> list[str]:
        return [
            f"F1@coarse: {self.coarse.mean:.3f} ({self.coarse.std:.3f})",
            f"F1@fine: {self.fine.mean:.3f} ({self.fine.std:.3f})",
        ]


def set_f1(gold: Iterable[str], predicted: Iterable[str]) -> float:
    gold, predicted = set(gold), set(predicted)
    overlap = len(gold & predicted)
    denominator = len(gold) + len(predicted)
    return 2 * overlap / denominator if denominator else 0.0


def samples_f1(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]]) -> SamplesF1:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold label sets but {len(predicted)} predicted ones")
    scores = [set_f1(g, p) for g, p in zip(gold, predicted, strict=True)]
    if not scores:
        return SamplesF1(0.0, 0.0, 0)
    return SamplesF1(fmean(scores), pstdev(scores), len(scores))


def score_narratives(
    gold: dict[str, tuple[list[str], list[str]]],
    predicted: dict[str, tuple[list[str], list[str]]],
    narrative_labels: Iterable[str],
    subnarrative_labels: Iterable[str],
    source: str = "predictions",
) -> NarrativeScores:
    """Coarse and fine samples-F1 of predictions against gold, both ``id -> (narratives, subnarratives)``."""
    missing = [article_id for article_id in gold if article_id not in predicted]
    if missing:
        raise InputError(
            source, f"{len(missing)} gold article(s) have no prediction: {', '.join(missing[:5])}"
        )
    extra = [article_id for article_id in predicted if article_id not in gold]
    if extra:
        raise InputError(
            source, f"{len(extra)} predicted article(s) are not in the gold file: {', '.join(extra[:5])}"
        )
    known_coarse, known_fine = set(narrative_labels), set(subnarrative_labels)
    for name, rows in (("gold", gold), (source, predicted)):
        for article_id, (coarse, fine) in rows.items():
            unknown = [label for label in coarse if label not in known_coarse]
            unknown += [label for label in fine if label not in known_fine]
            if unknown:
                raise InputError(f"{name}: {article_id}", f"unknown label(s): {'; '.join(unknown)}")
    ids = list(gold)
    return NarrativeScores(
        coarse=samples_f1([gold[i][0] for i in ids], [predicted[i][0] for i in ids]),
        fine=samples_f1([gold[i][1] for i in ids], [predicted[i][1] for i in ids]),
    )


def score_narrative_files(
    gold_path: Path,
    predicted_path: Path,
    narrative_labels: Iterable[str] | None = None,
    subnarrative_labels: Iterable[str] | None = None,
) -> NarrativeScores:
    """Score two subtask-2 files; the label sets default to those of the project's taxonomy."""
    from narrascope.evaluate.semeval import read_narrative_annotations

    if narrative_labels is None or subnarrative_labels is None:
        from narrascope.narratives.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
        narrative_labels, subnarrative_labels = taxonomy.narrative_labels, taxonomy.subnarrative_labels
    return score_narratives(
        read_narrative_annotations(gold_path),
        read_narrative_annotations(predicted_path),
        narrative_labels,
        subnarrative_labels,
        source=str(predicted_path),
    )
