"""The pipeline on a real Dask cluster: local worker processes, and a scheduler and workers started as
separate programs, as on a real cluster."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import free_port
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.errors import ClusterError, InputError, NarrascopeError, StageFailure
from narrascope.ingest import read_sources
from narrascope.model import Analysis
from narrascope.pipeline import Pipeline
from narrascope.scale import DistributedPipeline, cluster_client
from narrascope.settings import Settings
from narrascope.store import Corpus

STAGES = ["clean", "parse", "entities", "quotes"]
DASK = Path(sys.executable).parent / "dask"


@pytest.fixture(scope="module")
def client():
    with cluster_client(workers=2) as client:
        yield client


def test_a_cluster_gives_what_one_process_gives_in_the_same_order(client, shared_examples, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    sources = [
        str(shared_examples[0]),
        str(empty),
        *map(str, shared_examples[1:]),
        str(tmp_path / "missing.txt"),
    ]
    settings = Settings(batch_size=2)
    local = list(Pipeline(STAGES, settings).pipe(read_sources(sources, settings)))
    distributed = DistributedPipeline(client, STAGES, settings, in_flight=2)
    distributed.warm_up()
    remote = list(distributed.pipe(read_sources(sources, settings)))
    assert [type(result) for result in remote] == [type(result) for result in local]
    assert [type(result) for result in remote].count(Analysis) == len(shared_examples)
    for mine, theirs in zip(local, remote, strict=True):
        if isinstance(mine, Analysis):
            assert theirs.model_dump_json() == mine.model_dump_json()
            assert theirs.quotes and theirs.entities
        else:
            assert isinstance(theirs, InputError) and str(theirs) == str(mine)
    assert [(stage.name, stage.version) for stage in distributed.stages] == [
        (stage.name, stage.version) for stage in Pipeline(STAGES, settings).stages
    ]


def test_a_batch_whose_worker_fails_names_each_of_its_articles_and_the_run_goes_on(
    client, shared_examples, tmp_path
):
    # the workers cannot load a model that is not there: every batch fails on them, none in this process
    broken = Settings(narratives_model=tmp_path / "no-such-model")
    items = read_sources(list(map(str, shared_examples)), broken)
    results = list(DistributedPipeline(client, ["clean", "narratives"], broken).pipe(items))
    assert len(results) == len(shared_examples)
    assert all(isinstance(result, StageFailure) for result in results)
    assert [result.item for result in results] == [path.name for path in shared_examples]
    assert "the worker analysing it failed: " in str(results[0]) and "no narrative model here" in str(
        results[0]
    )


def test_analyze_with_local_workers_prints_what_it_prints_alone(shared_examples):
    arguments = ["analyze", *map(str, shared_examples), "--stages", "clean,parse,entities"]
    alone = CliRunner().invoke(app, arguments)
    spread = CliRunner().invoke(app, [*arguments, "--workers", "2"])
    assert alone.exit_code == spread.exit_code == 0, spread.output
    assert spread.stdout == alone.stdout and spread.stdout.count("\n") == len(shared_examples)


def test_ingest_on_a_separately_started_scheduler_and_workers(shared_examples, tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(
        [str(DASK), "scheduler", "--port", str(port), "--no-dashboard"], stderr=subprocess.DEVNULL
    )
    workers = subprocess.Popen(
        [str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
        stderr=subprocess.DEVNULL,
    )
    try:
        db = f"sqlite:///{tmp_path / 'corpus.db'}"
        arguments = [
            "ingest",
            *map(str, shared_examples),
            "--db",
            db,
            "--stages",
            "clean,parse,entities",
            "--scheduler",
            address,
        ]
        deadline = time.monotonic() + 60
        first = CliRunner().invoke(app, arguments)
        while first.exit_code != 0 and "cannot reach" in first.output and time.monotonic() < deadline:
            first = CliRunner().invoke(app, arguments)  # the scheduler is still starting
        assert first.exit_code == 0, first.output
        assert f"{len(shared_examples)} stored" in first.output
        again = CliRunner().invoke(app, arguments)
        assert f"{len(shared_examples)} unchanged" in again.output
        assert Corpus(db).articles().total == len(shared_examples)
    finally:
        workers.terminate()
        scheduler.terminate()
        workers.wait(30)
        scheduler.wait(30)


def test_an_unreachable_scheduler_is_one_error_line_and_exit_2(shared_examples):
    result = CliRunner().invoke(
        app, ["analyze", str(shared_examples[0]), "--scheduler", f"tcp://127.0.0.1:{free_port()}"]
    )
    assert result.exit_code == 2
    assert (
        result.output.startswith("error: tcp://127.0.0.1:")
        and "cannot reach the Dask scheduler" in result.output
    )


def test_scheduler_and_workers_together_are_a_usage_error(shared_examples):
    result = CliRunner().invoke(
        app, ["analyze", str(shared_examples[0]), "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"]
    )
    assert result.exit_code == 2 and "give one" in result.output


def test_cluster_errors_survive_the_trip_from_a_worker():
    import pickle

    error = pickle.loads(pickle.dumps(ClusterError("tcp://10.0.0.5:8786", "gone")))
    assert (error.item, error.message, str(error)) == (
        "tcp://10.0.0.5:8786",
        "gone",
        "tcp://10.0.0.5:8786: gone",
    )


def test_workers_of_another_narrascope_version_are_refused(client, monkeypatch):
    import narrascope.scale

    installed = narrascope.scale.__version__
    monkeypatch.setattr(narrascope.scale, "__version__", "9.9.9")  # the driver's; the workers keep theirs
    with pytest.raises(
        ClusterError, match=rf"workers run narrascope \['{re.escape(installed)}'\], not 9\.9\.9"
    ):
        DistributedPipeline(client, STAGES)


def as_json(result: Analysis | NarrascopeError) -> str:
    return result.model_dump_json() if isinstance(result, Analysis) else str(result)


def analyse_killing_the_worker_mid_batch(shared_examples, settings: Settings) -> list[str]:
    """Analyse the examples in one batch on one local worker, killed (SIGKILL) as soon as the scheduler has
    given it the batch: the worker is then still building its stages, which takes seconds."""
    import os
    import signal
    from concurrent.futures import ThreadPoolExecutor

    items = read_sources(list(map(str, shared_examples)), settings)
    with cluster_client(workers=1) as client, ThreadPoolExecutor(1) as killer:
        (victim,) = client.run(os.getpid).values()

        def kill_the_worker_once_it_has_the_batch() -> bool:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if any(client.processing().values()):
                    os.kill(victim, signal.SIGKILL)
                    return True
                time.sleep(0.02)
            return False

        killed = killer.submit(kill_the_worker_once_it_has_the_batch)
        results = [as_json(result) for result in DistributedPipeline(client, STAGES, settings).pipe(items)]
        assert killed.result()
    return results


def test_a_worker_killed_mid_batch_is_replaced_and_its_batch_runs_again(shared_examples):
    settings = Settings(batch_size=len(shared_examples))
    items = read_sources(list(map(str, shared_examples)), settings)
    local = [as_json(result) for result in Pipeline(STAGES, settings).pipe(items)]
    assert analyse_killing_the_worker_mid_batch(shared_examples, settings) == local


def test_a_batch_whose_workers_all_die_fails_each_article_naming_the_last_worker(shared_examples):
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # no second try
        results = analyse_killing_the_worker_mid_batch(
            shared_examples, Settings(batch_size=len(shared_examples))
        )
    assert len(results) == len(shared_examples)
    for result, path in zip(results, shared_examples, strict=True):
        assert re.fullmatch(
            rf"{re.escape(path.name)}: every worker that ran it died \(1 try, the last on tcp://127\.0\.0\.1:\d+\);"
            r" see that worker's log",
            result,
        ), result
