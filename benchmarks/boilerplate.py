"""Precision and recall of boilerplate-line removal on the hand-labelled lines, and cleaning speed.

Reads the labelled articles from ../shared (offline). The rules are fixed and scored on every labelled
article; the line classifier is scored by cross-validation over articles, so no line is judged by a model
trained on it. Run: python benchmarks/boilerplate.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from narrascope.clean import Cleaner
from narrascope.clean.rules import load_rules
from narrascope.clean.training import all_labelled, report
from narrascope.entities.parse import load_spacy
from narrascope.model import Analysis, Article
from narrascope.settings import RESOURCES, Settings

REPO = Path(__file__).resolve().parents[1]
SPEED_SAMPLE = 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    print(report(all_labelled(args.shared), load_rules(RESOURCES / "clean" / "boilerplate.toml")))

    paths = sorted(args.shared.glob("data/semeval2025-task10/train/EN/raw-documents/*.txt"))[:SPEED_SAMPLE]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    settings = Settings()
    cleaner = Cleaner(settings)
    # One-off costs (lingua's models, dateparser's tables) are paid once per process, not per article.
    cleaner(Analysis(article=Article(id="warm-up", raw_text="March 20, 2024\n" + texts[0])))
    started = time.perf_counter()
    for number, text in enumerate(texts):
        cleaner(Analysis(article=Article(id=str(number), raw_text=text)))
    cleaning = time.perf_counter() - started

    nlp = load_spacy(settings.spacy_model)
    list(nlp.pipe(texts[:8]))
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=settings.batch_size))
    parsing = time.perf_counter() - started
    print(
        f"\nspeed on {len(texts)} EN training articles: "
        f"cleaning {1000 * cleaning / len(texts):.2f} ms per article "
        f"(language detection included), bare {settings.spacy_model} {1000 * parsing / len(texts):.2f} ms; "
        f"spaCy + cleaning runs at {parsing / (parsing + cleaning):.2f}x the throughput of bare spaCy"
    )


if __name__ == "__main__":
    main()
