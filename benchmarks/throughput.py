"""Throughput of the configured pipeline against bare spaCy-small on the same texts, peak memory, and the
time the CLI takes to print its first result.

Articles come from ../shared/data/semeval2025-task10/train/*/raw-documents (English first, then the other
languages, repeated until there are enough). The pipeline and bare ``nlp.pipe`` (over the pipeline's clean
texts, same batch size, same loaded spaCy pipeline) run on the same chunks one after the other, so that load
from other processes hits both alike; the ratio is also given by CPU time, which that load hardly touches.
The first result is timed by running ``narrascope analyze`` on one example article as a subprocess; its CPU
time is printed too, as wall time grows with the machine's load.
Targets: ratio >= 0.8, peak RSS <= 1 GB, first result <= 3 s.

Run: python benchmarks/throughput.py [--articles 500] [--stages clean,parse,entities|configured] \\
         [--batch-size 32]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from narrascope.entities.parse import load_spacy
from narrascope.errors import NarrascopeError
from narrascope.model import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

REPO = Path(__file__).resolve().parents[1]
ISSUE_2_STAGES = "clean,parse,entities"
# (ratio to bare spaCy, peak RSS in MB, first result in s): issue #2's for its three stages; issue #3's
# for a pipeline that also classifies (it sets no first-result target)
ISSUE_2_TARGETS = (0.8, 1024, 3.0)
CLASSIFYING_TARGETS = (0.5, 1536, None)


def training_articles(train_dir: Path, count: int) -> list[Article]:
    languages = sorted(train_dir.iterdir(), key=lambda folder: (folder.name != "EN", folder.name))
    paths = [path for folder in languages for path in sorted((folder / "raw-documents").iterdir())]
    if not paths:
        sys.exit(f"no articles under {train_dir}")
    return [
        Article(id=f"{number}-{path.name}", source=str(path), raw_text=path.read_text(encoding="utf-8"))
        for number, path in zip(range(count), itertools.cycle(paths))
    ]


class TimedStage:
    """Wraps a stage to add up the time spent in it, so that the ratio can be read stage by stage."""

    def __init__(self, stage) -> None:
        self.stage, self.name, self.version, self.seconds = stage, stage.name, stage.version, 0.0
        if hasattr(stage, "pipe"):
            self.pipe = self._pipe

    def __call__(self, analysis):
        began = time.perf_counter()
        try:
            return self.stage(analysis)
        finally:
            self.seconds += time.perf_counter() - began

    def _pipe(self, analyses):
        began = time.perf_counter()
        try:
            return list(self.stage.pipe(analyses))
        finally:
            self.seconds += time.perf_counter() - began


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def first_result_seconds(article: Path, stages: str) -> tuple[float, float]:
    """Wall time from starting ``narrascope analyze`` until its first output line arrives, and the CPU time
    of the whole command (which, unlike wall time, other processes on the machine do not inflate)."""
    command = [str(Path(sys.executable).with_name("narrascope")), "analyze", str(article), "--stages", stages]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        first_line = process.stdout.readline()
        elapsed = time.perf_counter() - started
        process.communicate()
    if not first_line:
        sys.exit(f"narrascope analyze printed nothing (exit {process.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument(
        "--stages",
        default=ISSUE_2_STAGES,
        help="comma-separated stages; 'configured' for the settings' pipeline",
    )
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument(
        "--chunk", type=int, default=100, help="articles per alternation of pipeline and bare spaCy"
    )
    args = parser.parse_args()

    settings = Settings(batch_size=args.batch_size) if args.batch_size else Settings()
    stage_names = settings.pipeline if args.stages == "configured" else args.stages.split(",")
    articles = training_articles(args.shared / "data" / "semeval2025-task10" / "train", args.articles)

    started = time.perf_counter()
    pipeline = Pipeline(stage_names, settings)
    build_seconds = time.perf_counter() - started
    nlp = load_spacy(settings.spacy_model)
    warm_up = [article.model_copy() for article in articles[:8]]
    list(pipeline.pipe(warm_up))
    list(nlp.pipe((article.raw_text for article in warm_up), batch_size=settings.batch_size))

    timed = [TimedStage(stage) for stage in pipeline.stages]
    pipeline.stages = timed
    pipeline_seconds = spacy_seconds = pipeline_cpu = spacy_cpu = 0.0
    pipeline_tokens = spacy_tokens = failures = 0
    for start in range(0, len(articles), args.chunk):
        chunk = articles[start : start + args.chunk]
        clean_texts = []
        began, began_cpu = time.perf_counter(), time.process_time()
        for result in pipeline.pipe(chunk):
            if isinstance(result, NarrascopeError):
                failures += 1
                continue
            clean_texts.append(result.text or result.article.raw_text)
            pipeline_tokens += len(result.doc) if result.doc is not None else 0
        pipeline_seconds += time.perf_counter() - began
        pipeline_cpu += time.process_time() - began_cpu
        began, began_cpu = time.perf_counter(), time.process_time()
        for doc in nlp.pipe(clean_texts, batch_size=settings.batch_size):
            spacy_tokens += len(doc)
        spacy_seconds += time.perf_counter() - began
        spacy_cpu += time.process_time() - began_cpu

    done = len(articles) - failures
    ratio = spacy_seconds / pipeline_seconds
    rss = peak_rss_mb()
    example = next(iter(sorted((args.shared / "examples").glob("*.txt"))), None)
    if example is None:
        example = Path(tempfile.mkdtemp()) / "article.txt"
        example.write_text(articles[0].raw_text, encoding="utf-8")
    first_result, first_result_cpu = first_result_seconds(example, ",".join(stage_names))

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(
        f"stages: {','.join(stage_names)}; {len(articles)} articles ({failures} failed), "
        f"batch size {settings.batch_size}"
    )
    print(f"pipeline build (models, gazetteer): {build_seconds:.2f} s")
    print(
        f"pipeline:   {done / pipeline_seconds:7.2f} articles/s  "
        f"{pipeline_tokens / pipeline_seconds:9.0f} tokens/s  ({pipeline_seconds:.1f} s)"
    )
    print(
        f"bare spaCy: {done / spacy_seconds:7.2f} articles/s  "
        f"{spacy_tokens / spacy_seconds:9.0f} tokens/s  ({spacy_seconds:.1f} s)"
    )
    print(
        f"ratio by CPU time (less sensitive to other processes): {spacy_cpu / pipeline_cpu:.3f}"
        f"  (pipeline {pipeline_cpu:.1f} s, spaCy {spacy_cpu:.1f} s)"
    )
    print("time per stage: " + ", ".join(f"{t.name} {1000 * t.seconds / done:.1f} ms/article" for t in timed))
    target_ratio, target_rss, target_first = (
        ISSUE_2_TARGETS if stage_names == ISSUE_2_STAGES.split(",") else CLASSIFYING_TARGETS
    )
    print(f"ratio pipeline/spaCy: {ratio:.3f}  (target >= {target_ratio}: {verdict(ratio >= target_ratio)})")
    print(f"peak RSS: {rss:.0f} MB  (target <= {target_rss}: {verdict(rss <= target_rss)})")
    first_target = (
        f"target <= {target_first}: {verdict(first_result <= target_first)}" if target_first else "no target"
    )
    print(
        f"first result of `narrascope analyze {example.name}`: {first_result:.2f} s wall, "
        f"{first_result_cpu:.2f} s CPU  ({first_target})"
    )
    print(
        f"load average (1, 5, 15 min) at the end: {', '.join(f'{load:.1f}' for load in os.getloadavg())} "
        f"on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
