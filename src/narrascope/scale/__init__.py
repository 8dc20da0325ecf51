"""Scale-out: the same pipeline on a Dask cluster.

The process that reads the sources (the driver) prints or stores the results, exactly as ``analyze`` and
``ingest`` do on one machine; the cluster's workers run the stages. Each worker process builds the
pipeline once, so its models load once, and analyses batches of articles; an analysis travels back as
its JSON, which round-trips losslessly and leaves the spaCy parse behind. Any Dask scheduler will do: a
``dask scheduler`` with ``dask worker`` processes on other machines (each with the same narrascope
installed), or a cluster of local worker processes started for the run.

Results come back in input order; a batch is only submitted while fewer than ``in_flight`` are
running, so memory stays flat however long the input is. Dask runs a batch again on another worker
when its worker dies; a batch that fails for good (a worker that cannot build the pipeline, one that
keeps dying) fails its own articles, each named, and the run goes on.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from narrascope import __version__
from narrascope.errors import ClusterError, NarrascopeError, StageFailure
from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline, as_article, batched, stage_factory
from narrascope.settings import Settings, get_settings

# A worker process keeps the pipelines it built, by stage names and settings.
_worker_pipelines: dict[tuple[tuple[str, ...], str], Pipeline] = {}


@dataclass(frozen=True)
class StageVersion:
    """What the store records of a stage the workers run."""

    name: str
    version: str


def analyse_batch(
    stage_names: Sequence[str], settings: dict, articles: Sequence[Article]
) -> list[str | NarrascopeError]:
    """Runs on a worker: each article's analysis as JSON, or its error."""
    key = (tuple(stage_names), json.dumps(settings, sort_keys=True))
    if key not in _worker_pipelines:
        _worker_pipelines[key] = Pipeline(stage_names, Settings(**settings))
    return [
        result if isinstance(result, NarrascopeError) else result.model_dump_json()
        for result in _worker_pipelines[key].pipe(articles)
    ]


def installed_version() -> str:
    return __version__


class DistributedPipeline:
    """A ``Pipeline`` whose stages run on the workers of a Dask ``client``; ``pipe`` and ``stages`` work
    as the local pipeline's do, so ``analyze`` and the store take either."""

    def __init__(
        self,
        client,
        stage_names: Sequence[str] | None = None,
        settings: Settings | None = None,
        in_flight: int | None = None,
    ) -> None:
        self.client = client
        self.settings = settings or get_settings()
        self.stage_names = list(stage_names if stage_names is not None else self.settings.pipeline)
        self.stages = [StageVersion(name, stage_factory(name).version) for name in self.stage_names]
        # settings left at their defaults are resolved on each worker: its own install's resources
        self._worker_settings = self.settings.model_dump(mode="json", exclude_defaults=True)
        threads = sum(worker["nthreads"] for worker in client.scheduler_info()["workers"].values())
        self.in_flight = in_flight or 2 * max(threads, 1)
        versions = client.run(installed_version)
        other = {address: version for address, version in versions.items() if version != __version__}
        if other:
            raise ClusterError(
                ", ".join(sorted(other)),
                f"workers run narrascope {sorted(set(other.values()))}, not {__version__}",
            )

    def warm_up(self) -> None:
        """Build the stages on every worker now (their models load once per worker process), rather than
        with the first batch each worker gets."""
        self.client.run(analyse_batch, self.stage_names, self._worker_settings, [])

    def pipe(self, items: Iterable[str | Article | NarrascopeError]) -> Iterator[Analysis | NarrascopeError]:
        numbered = (as_article(item, index) for index, item in enumerate(items))
        running: deque = deque()
        for batch in batched(numbered, self.settings.batch_size):
            articles = [item for item in batch if isinstance(item, Article)]
            future = self.client.submit(
                analyse_batch, self.stage_names, self._worker_settings, articles, pure=False
            )
            running.append((batch, future))
            while len(running) >= self.in_flight:
                yield from self._collect(*running.popleft())
        while running:
            yield from self._collect(*running.popleft())

    def _collect(self, batch: list, future) -> Iterator[Analysis | NarrascopeError]:
        try:
            results = iter(future.result())
        except Exception as error:  # noqa: BLE001 - a lost worker fails its batch, not the run
            results, failure = None, error
        for item in batch:
            if isinstance(item, NarrascopeError):
                yield item
            elif results is None:
                yield StageFailure(item.id, failure_reason(failure))
            else:
                result = next(results)
                yield result if isinstance(result, NarrascopeError) else Analysis.model_validate_json(result)


def failure_reason(failure: Exception) -> str:
    """Why a batch came back without results, in a line."""
    from distributed import KilledWorker

    if isinstance(failure, KilledWorker):
        tries = failure.allowed_failures + 1
        return (
            f"every worker that ran it died ({tries} {'try' if tries == 1 else 'tries'}, the last on"
            f" {failure.last_worker.address}); see that worker's log"
        )
    reason = failure if isinstance(failure, NarrascopeError) else repr(failure)
    return f"the worker analysing it failed: {reason}"


@contextmanager
def cluster_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A Dask client: of the scheduler at ``scheduler`` (``tcp://host:8786``), or of ``workers`` local
    worker processes started for the run (one thread each: the stages are CPU-bound Python)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterError("dask", "install narrascope[scale] to run on a cluster") from error
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as error:
            raise ClusterError(scheduler, f"cannot reach the Dask scheduler: {error}") from error
        with client:
            yield client
        return
    # the workers' own logs are silenced: each failed article is reported in its place; the scheduler's
    # HTTP endpoint (it runs one even without a dashboard) takes any free port, on this machine only
    with (
        LocalCluster(
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
