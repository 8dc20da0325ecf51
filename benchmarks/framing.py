"""Entity-role quality by cross-validation, beside the majority baseline, and prediction throughput.

5-fold CV with folds grouped by article (all mentions of an article in one fold), twice: trained and
evaluated on English alone, and on all five languages (figures per language). The majority baseline
predicts the training folds' most frequent main role and its most frequent fine role. Throughput counts
building the fields from raw documents (parsing the English ones with spaCy, which `analyze` has done
already in its parse stage) and classifying, for all mentions, with a model fitted on all.
The second-role share and threshold are chosen on the same folds (5 candidate shares), as training does,
and the article's stance comes from narratives predicted out of fold, as in training.
Then the salience gate's CV on the English articles: of the entities the entities stage finds, how well it
tells those annotators gave a role from the rest (AUC; precision, recall and F1 at the chosen threshold).

Run: python benchmarks/framing.py [--data ../shared/data/semeval2025-task10] [--folds 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from narrascope.entities.parse import load_spacy
from narrascope.framing.classifier import RoleClassifier
from narrascope.framing.roles import load_taxonomy
from narrascope.framing.salience import cross_validate_salience
from narrascope.framing.stage import DEFAULT_MODEL_DIR
from narrascope.framing.training import (
    SEED,
    english_docs,
    report_cross_validation,
    salience_data,
    semeval_rows,
    training_mentions,
    training_rows,
)
from narrascope.settings import get_settings

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "semeval2025-task10")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    taxonomy = load_taxonomy(DEFAULT_MODEL_DIR / "roles.toml")
    settings = get_settings()
    nlp = load_spacy(settings.spacy_model)

    for title, languages in (("English only", ["EN"]), ("all languages", ["EN", "BG", "HI", "PT", "RU"])):
        items = training_mentions(args.data, languages)
        started = time.perf_counter()
        rows = training_rows(items, taxonomy, args.data, args.folds, settings, nlp)
        report = report_cross_validation(items, rows, taxonomy, args.folds)
        print(f"\n== {title}: {report.mentions} mentions, {args.folds}-fold CV grouped by article "
              f"({time.perf_counter() - started:.0f} s)")
        print(report.table())
        print(f"second-role share {report.second_role_share}; confidence threshold {report.calibration}")
        if languages == ["EN"]:
            gate = cross_validate_salience(salience_data(items, taxonomy, settings), args.folds)
            print(f"salience gate, {args.folds}-fold CV grouped by article: {gate}")

    classifier = RoleClassifier(taxonomy.main_of, seed=SEED).fit(rows, [m.fine_roles for m, _ in items])
    started = time.perf_counter()
    # in `analyze` the article's stance comes from the narratives stage, so the fields cost what they
    # cost without it
    semeval_rows(items, taxonomy.cues, english_docs(items, nlp))
    fields_seconds = time.perf_counter() - started
    started = time.perf_counter()
    classifier.predict(rows)
    seconds = time.perf_counter() - started
    print(
        "\nthroughput: fields from raw documents (English parsed) "
        f"{len(items) / fields_seconds:,.0f} mentions/s ({fields_seconds:.1f} s); "
        f"classification {len(items) / seconds:,.0f} mentions/s ({seconds:.1f} s); "
        f"{len(items)} mentions"
    )


if __name__ == "__main__":
    main()
