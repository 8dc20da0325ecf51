"""Quotes and numeric claims against the hand-annotated gold set, beside textacy's direct-quote extractor.

    python benchmarks/quotes.py [--split dev|test|all] [--stages clean,parse,entities,quotes,claims]

Gold: tests/quotes/gold/gold.jsonl (offsets into the raw files of ../shared; guideline beside it).
Matching, for content, speaker, cue and claim spans (edge spaces, punctuation and quotation marks are
stripped from both sides first):
- exact: the same characters;
- overlap: the spans share at least half of the longer one's characters (so half of each).
A quote is found when its content matches a gold quote's (one-to-one, best overlap first). Speaker and
cue scores are end to end: a predicted quote counts when its content matches and its speaker (cue)
matches too, or both are absent; precision over all predicted quotes, recall over all gold quotes.
Claims: a predicted claim is found when its span matches a gold claim's; "claim F1" also requires the
same low and high; the source is scored like the speaker. Time: the share of the quotes and claims
stages in the whole pipeline's time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from narrascope.model import Analysis, Article
from narrascope.pipeline import build_stage
from narrascope.settings import Settings

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "quotes" / "gold" / "gold.jsonl"
SHARED = REPO.parent / "shared"
SOURCES = {
    "semeval-train-EN": SHARED / "data" / "semeval2025-task10" / "train" / "EN" / "raw-documents",
    "examples": SHARED / "examples",
}
STRIP = " \t\n,;:.\u2014\u2013-\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a"

Span = tuple[int, int] | None


def load_gold(split: str) -> list[dict]:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [record for record in records if split == "all" or record["split"] == split]


def raw_text(record: dict) -> str:
    return (SOURCES[record["source"]] / record["id"]).read_text(encoding="utf-8")


def normalise(text: str, span: Span) -> Span:
    if span is None:
        return None
    start, end = span
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return (start, end) if end > start else None


def overlap(a: Span, b: Span) -> float:
    if a is None or b is None:
        return 0.0
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(shared, 0) / max(a[1] - a[0], b[1] - b[0])


def same(a: Span, b: Span, mode: str) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b if mode == "exact" else overlap(a, b) >= 0.5


def pair(gold: list[Span], predicted: list[Span], mode: str) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of matching spans, best overlap first."""
    candidates = sorted(
        (
            (overlap(g, p), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if same(g, p, mode)
        ),
        reverse=True,
    )
    used_gold, used_predicted, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((i, j))
    return pairs


class Score:
    def __init__(self) -> None:
        self.correct = 0
        self.predicted = 0
        self.gold = 0

    def add(self, correct: int, predicted: int, gold: int) -> None:
        self.correct += correct
        self.predicted += predicted
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __str__(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def score_quotes(scores: dict, name: str, text: str, gold: list[dict], predicted: list[dict]) -> None:
    g = [{key: normalise(text, q[key]) for key in ("speaker", "cue", "content")} for q in gold]
    p = [{key: normalise(text, q[key]) for key in ("speaker", "cue", "content")} for q in predicted]
    for mode in ("exact", "overlap"):
        pairs = pair([q["content"] for q in g], [q["content"] for q in p], mode)
        scores[name, "content", mode].add(len(pairs), len(p), len(g))
        for field in ("speaker", "cue"):
            correct = sum(same(g[i][field], p[j][field], mode) for i, j in pairs)
            scores[name, field, mode].add(correct, len(p), len(g))


def score_claims(scores: dict, text: str, gold: list[dict], predicted: list[dict]) -> None:
    g = [normalise(text, tuple(c["span"])) for c in gold]
    p = [normalise(text, c["span"]) for c in predicted]
    for mode in ("exact", "overlap"):
        pairs = pair(g, p, mode)
        scores["claims", "span", mode].add(len(pairs), len(p), len(g))
        right_numbers = [
            (i, j)
            for i, j in pairs
            if (gold[i]["low"], gold[i]["high"]) == (predicted[j]["low"], predicted[j]["high"])
        ]
        scores["claims", "span+numbers", mode].add(len(right_numbers), len(p), len(g))
        sources = sum(
            same(
                normalise(text, tuple(gold[i]["source"]) if gold[i]["source"] else None),
                normalise(text, predicted[j]["source"]),
                mode,
            )
            for i, j in pairs
        )
        scores["claims", "span+source", mode].add(sources, len(p), len(g))


def raw_span(article: Article, span) -> Span:
    """A span of the cleaned text as offsets into the raw text."""
    if span is None:
        return None
    return article.to_raw(span.start), article.to_raw(span.end - 1) + 1


def our_quotes(analysis: Analysis) -> list[dict]:
    article = analysis.article
    return [
        {
            "speaker": raw_span(article, q.speaker),
            "cue": raw_span(article, q.cue),
            "content": raw_span(article, q.content),
            "kind": q.kind,
        }
        for q in analysis.quotes
    ]


def our_claims(analysis: Analysis) -> list[dict]:
    article = analysis.article
    return [
        {
            "span": raw_span(article, c.span),
            "low": c.quantity.low,
            "high": c.quantity.high,
            "source": raw_span(article, c.source),
        }
        for c in analysis.claims
    ]


def textacy_quotes(analysis: Analysis, failures: list[str]) -> list[dict]:
    """textacy's direct quotations on the same Doc; where it refuses a whole document (an odd number of
    quotation marks, as when a quote runs over paragraphs), it is run paragraph by paragraph."""
    from textacy.extract.triples import direct_quotations

    doc = analysis.doc
    try:
        triples = [(triple, 0) for triple in direct_quotations(doc)]
    except ValueError:
        failures.append(analysis.article.id)
        triples, parts = [], []
        start = 0
        for token in doc:
            if "\n" in token.text or token.i == len(doc) - 1:
                if token.i + 1 > start:
                    parts.append((doc[start : token.i + 1].as_doc(), doc[start].idx))
                start = token.i + 1
        for part, offset in parts:
            try:
                triples += [(triple, offset) for triple in direct_quotations(part)]
            except ValueError:
                continue
    return [_textacy_quote(analysis, triple, offset) for triple, offset in triples]


def _textacy_quote(analysis: Analysis, triple, offset: int) -> dict:
    def tokens_span(tokens):
        if not tokens:
            return None
        start = offset + min(t.idx for t in tokens)
        end = offset + max(t.idx + len(t.text) for t in tokens)
        return analysis.span(start, end)

    content = triple.content
    article = analysis.article
    return {
        "speaker": raw_span(article, tokens_span(list(triple.speaker))),
        "cue": raw_span(article, tokens_span(list(triple.cue))),
        "content": raw_span(article, analysis.span(offset + content.start_char, offset + content.end_char)),
        "kind": "direct",
    }


def build(stage_names: list[str], settings: Settings) -> list:
    stages = []
    for name in stage_names:
        try:
            stages.append(build_stage(name, settings))
        except Exception as error:  # noqa: BLE001 - a benchmark reports a missing stage and goes on
            print(f"note: stage {name!r} left out: {error}")
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--stages", default="clean,parse,entities,quotes,claims")
    parser.add_argument("--no-textacy", action="store_true")
    args = parser.parse_args()
    if not args.no_textacy and importlib.util.find_spec("textacy") is None:
        print("textacy is not installed (pip install textacy): its comparison is left out")
        args.no_textacy = True
    settings = Settings()
    stages = build(args.stages.split(","), settings)
    names = [stage.name for stage in stages]
    print(f"stages: {', '.join(names)}")
    records = load_gold(args.split)
    if not records:
        sys.exit(
            f"no article has split {args.split!r}: each held-out split is scored once and then retired into"
            " dev; its figures are in tests/quotes/gold/GUIDELINE.md"
        )
    scores: dict = defaultdict(Score)
    seconds: dict[str, float] = defaultdict(float)
    textacy_failures: list[str] = []
    for record in records:
        text = raw_text(record)
        analysis = Analysis(article=Article(id=record["id"], source=record["source"], raw_text=text))
        if "clean" not in names:
            analysis.article.text = text
        for stage in stages:
            started = time.perf_counter()
            analysis = stage(analysis)
            seconds[stage.name] += time.perf_counter() - started
        predicted = our_quotes(analysis)
        score_quotes(scores, "narrascope", text, record["quotes"], predicted)
        direct_gold = [q for q in record["quotes"] if q["kind"] == "direct"]
        score_quotes(
            scores, "narrascope direct", text, direct_gold, [q for q in predicted if q["kind"] == "direct"]
        )
        indirect_gold = [q for q in record["quotes"] if q["kind"] == "indirect"]
        score_quotes(
            scores,
            "narrascope indirect",
            text,
            indirect_gold,
            [q for q in predicted if q["kind"] == "indirect"],
        )
        if not args.no_textacy:
            score_quotes(
                scores, "textacy direct", text, direct_gold, textacy_quotes(analysis, textacy_failures)
            )
        score_claims(scores, text, record["claims"], our_claims(analysis))
    gold_quotes = sum(len(r["quotes"]) for r in records)
    gold_claims = sum(len(r["claims"]) for r in records)
    print(
        f"split {args.split}: {len(records)} articles, {gold_quotes} gold quotes, {gold_claims} gold claims"
    )
    print()
    print(f"{'system':22} {'field':14} {'exact':28} {'overlap >= 50%':28}")
    systems = ["narrascope", "narrascope direct", "textacy direct", "narrascope indirect"]
    for system in systems:
        for field in ("content", "speaker", "cue"):
            if (system, field, "exact") in scores:
                exact, lenient = scores[system, field, "exact"], scores[system, field, "overlap"]
                print(f"{system:22} {field:14} {exact!s:28} {lenient!s:28}")
    for field in ("span", "span+numbers", "span+source"):
        exact, lenient = scores["claims", field, "exact"], scores["claims", field, "overlap"]
        print(f"{'claims':22} {field:14} {exact!s:28} {lenient!s:28}")
    if not args.no_textacy:
        print(
            f"\ntextacy refused {len(textacy_failures)} of {len(records)} documents whole "
            "(odd number of quotation marks) and was run on their paragraphs"
        )
    total = sum(seconds.values())
    ours = seconds.get("quotes", 0.0) + seconds.get("claims", 0.0)
    rest = total - ours
    print(
        f"\ntime: quotes {seconds.get('quotes', 0.0):.2f}s, claims {seconds.get('claims', 0.0):.2f}s, "
        f"other stages {rest:.2f}s: quotes+claims add {100 * ours / rest if rest else 0:.1f}% "
        "to the rest of the pipeline"
    )


if __name__ == "__main__":
    main()
