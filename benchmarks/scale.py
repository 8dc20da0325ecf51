"""Scale-out: articles/s of the configured pipeline in this process and on local Dask clusters of 1..N
worker processes, on the same articles, with the speed-up and the cluster's start-up time.

Each worker process loads every model once; the start-up is timed apart (cluster up, then the stages
built on every worker) and left out of the rate. On this 2-core
machine two workers are the most that can help; on a real cluster give `--scheduler tcp://host:8786`
to measure that one instead of local workers.

Run: python benchmarks/scale.py [--articles 200] [--workers 2] [--stages configured] [--scheduler ADDRESS]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from throughput import training_articles

from narrascope.errors import NarrascopeError
from narrascope.pipeline import Pipeline
from narrascope.scale import DistributedPipeline, cluster_client
from narrascope.settings import get_settings

REPO = Path(__file__).resolve().parents[1]


def rate(pipeline, articles) -> tuple[float, int]:
    started = time.perf_counter()
    failed = sum(isinstance(result, NarrascopeError) for result in pipeline.pipe(articles))
    return len(articles) / (time.perf_counter() - started), failed


def warmed_up(client, stages, settings) -> tuple[DistributedPipeline, float]:
    """The pipeline, once every worker has built its stages."""
    pipeline = DistributedPipeline(client, stages, settings)
    started = time.perf_counter()
    pipeline.warm_up()
    return pipeline, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "semeval2025-task10")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="local clusters of 1..N worker processes")
    parser.add_argument("--stages", default="configured")
    parser.add_argument("--scheduler", help="measure this Dask cluster instead of local ones")
    args = parser.parse_args()
    settings = get_settings()
    stages = None if args.stages == "configured" else args.stages.split(",")
    articles = training_articles(args.data / "train", args.articles)
    print(f"{len(articles)} articles; stages: {', '.join(stages or settings.pipeline)}")

    local = Pipeline(stages, settings)
    local.pipe(articles[:1])
    alone, failed = rate(local, articles)
    print(f"this process        {alone:6.2f} articles/s  ({failed} failed)")

    clusters = [(args.scheduler, None)] if args.scheduler else [(None, n) for n in range(1, args.workers + 1)]
    for scheduler, workers in clusters:
        started = time.perf_counter()
        with cluster_client(scheduler, workers) as client:
            up = time.perf_counter() - started
            pipeline, warm = warmed_up(client, stages, settings)
            spread, failed = rate(pipeline, articles)
        name = scheduler or f"{workers} local worker{'s' if workers > 1 else ''}"
        print(
            f"{name:19} {spread:6.2f} articles/s  ({failed} failed)  speed-up {spread / alone:4.2f}x  "
            f"start-up {up:.1f} s + models {warm:.1f} s"
        )


if __name__ == "__main__":
    main()
