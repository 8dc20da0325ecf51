"""Narrative classifier benchmark: cross-validated quality, then speed and memory of the shipped model.

    python benchmarks/narratives.py [--data ../shared/data/semeval2025-task10] [--folds 5] [--skip-multilingual]

Quality: grouped, nested k-fold cross-validation (thresholds tuned inside the training folds only) on
the English articles, with the other four languages always in training; then the same over all five
languages. The all-"Other" baseline is printed beside each figure. The English figures are printed
again with the war-outcome reader (``narratives.outcomes``) applied to the same predictions.
Speed: model load time; prediction throughput of the classifier alone; and the full ``analyze``
pipeline with narratives against bare spaCy-small on the English training articles, then the peak RSS
so far (prediction only); quality follows, and the peak RSS with training last.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "semeval2025-task10"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def print_cv(title: str, cv) -> None:
    print(f"\n{title}")
    for line in cv.table():
        print("  " + line)


def with_outcome_reader(documents, cv) -> None:
    """Re-score the English out-of-fold predictions with the war-outcome reader's findings added, as
    ``analyze`` and ``semeval narratives`` do (the reader is not trained: nothing of it is fitted)."""
    from narrascope.entities.parse import load_spacy
    from narrascope.narratives.outcomes import load_reader, with_finding
    from narrascope.narratives.taxonomy import load_taxonomy
    from narrascope.narratives.training import score_predictions
    from narrascope.settings import get_settings

    settings = get_settings()
    reader, taxonomy = load_reader(settings.resources), load_taxonomy()
    nlp = load_spacy(settings.spacy_model)
    rows = sorted(i for i in cv.predictions if documents[i].language == "EN")
    merged, changed = [], 0
    for i, doc in zip(rows, nlp.pipe(documents[i].text for i in rows)):
        finding = reader.finding(reader.read(doc))
        fine_threshold = cv.thresholds[cv.fold_of[i]].fine
        merged.append(with_finding(cv.predictions[i], finding, taxonomy, fine_threshold))
        changed += finding is not None
    coarse, fine = score_predictions([documents[i] for i in rows], merged)
    print(
        f"  EN with the war-outcome reader: F1@coarse {coarse.mean:.3f} ({coarse.std:.3f})  "
        f"F1@fine {fine.mean:.3f} ({fine.std:.3f}); "
        f"it added a sub-narrative to {changed} of {len(rows)} articles"
    )


def throughput(data: Path, limit: int) -> None:
    from narrascope.entities.parse import load_spacy
    from narrascope.evaluate.semeval import read_training_data
    from narrascope.model import Article
    from narrascope.narratives.stage import load_model
    from narrascope.pipeline import Pipeline
    from narrascope.settings import get_settings

    texts = [d.text for d in read_training_data(data, ["EN"])][:limit]
    started = time.perf_counter()
    model = load_model()
    print(f"\nmodel load: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    model.predict(texts)
    elapsed = time.perf_counter() - started
    print(f"classifier alone: {len(texts) / elapsed:.1f} articles/s ({len(texts)} English articles)")

    settings = get_settings()
    nlp = load_spacy(settings.spacy_model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    spacy_rate = len(texts) / (time.perf_counter() - started)
    pipeline = Pipeline(["clean", "parse", "entities", "narratives"], settings)
    articles = [Article(id=str(i), raw_text=text) for i, text in enumerate(texts)]
    started = time.perf_counter()
    results = list(pipeline.pipe(articles))
    pipeline_rate = len(texts) / (time.perf_counter() - started)
    failed = sum(not hasattr(r, "narratives") for r in results)
    print(f"bare spaCy ({settings.spacy_model}): {spacy_rate:.1f} articles/s")
    print(
        f"analyze clean+parse+entities+narratives: {pipeline_rate:.1f} articles/s "
        f"({pipeline_rate / spacy_rate:.2f}x bare spaCy; {failed} failed)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-multilingual", action="store_true")
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--limit", type=int, default=200, help="English articles used for the speed figures")
    args = parser.parse_args()

    from narrascope.evaluate.semeval import LANGUAGES, read_training_data
    from narrascope.narratives.training import cross_validate

    # speed and memory first, so that the peak RSS is the shipped model's in the pipeline, not the CV's
    throughput(args.data, args.limit)
    print(f"peak RSS (model and pipeline): {peak_rss_mb():.0f} MB  (target <= 1536)")
    if not args.skip_cv:
        documents = read_training_data(args.data)
        started = time.perf_counter()
        cv = cross_validate(documents, ["EN"], folds=args.folds)
        print_cv(
            f"English, {args.folds}-fold CV (all five languages train; thresholds tuned on English)"
            f" [{time.perf_counter() - started:.0f} s]",
            cv,
        )
        with_outcome_reader(documents, cv)
        if not args.skip_multilingual:
            started = time.perf_counter()
            cv = cross_validate(documents, LANGUAGES, folds=args.folds)
            print_cv(
                f"All languages, {args.folds}-fold CV (thresholds tuned on all five, as the shipped model's)"
                f" [{time.perf_counter() - started:.0f} s]",
                cv,
            )
            with_outcome_reader(documents, cv)
        print(f"\npeak RSS with cross-validation (training): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
