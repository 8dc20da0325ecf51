"""Ingestion runs: read sources, analyse what is new or was analysed by older stage versions, store.

Each article is written in its own transaction together with the run's counters, so a run killed at any
point leaves only whole articles behind; running the same command again skips what is stored and
analyses the rest. A run left ``running`` by a dead process is marked ``interrupted`` by the next run.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from narrascope.errors import NarrascopeError
from narrascope.model import Analysis, Article
from narrascope.store.schema import IngestionFailureRow, IngestionRunRow
from narrascope.store.writer import now, save_analysis, stored_stages


@dataclass
class RunSummary:
    id: int
    stored: int = 0
    reanalysed: int = 0
    skipped: int = 0
    failed: int = 0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_interrupted_runs(session: Session) -> None:
    host = socket.gethostname()
    running = session.scalars(
        select(IngestionRunRow).where(IngestionRunRow.status == "running", IngestionRunRow.host == host)
    ).all()
    for run in running:
        if not pid_alive(run.pid):
            run.status = "interrupted"


def ingest(
    sessions: sessionmaker,
    items: Iterable[Article | NarrascopeError],
    pipeline,
    sources: list[str],
    on_item: Callable[[str, Article | NarrascopeError | Analysis], None] | None = None,
) -> RunSummary:
    """Analyse and store ``items`` with ``pipeline`` (a ``narrascope.pipeline.Pipeline``)."""
    versions = {stage.name: stage.version for stage in pipeline.stages}
    with sessions.begin() as session:
        mark_interrupted_runs(session)
        run = IngestionRunRow(
            started_at=now(), status="running", sources=list(sources), stages=versions,
            host=socket.gethostname(), pid=os.getpid(), stored=0, reanalysed=0, skipped=0, failed=0,
        )
        session.add(run)
        session.flush()
        summary = RunSummary(id=run.id)

    def count(session: Session, outcome: str) -> None:
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        session.execute(
            update(IngestionRunRow)
            .where(IngestionRunRow.id == summary.id)
            .values({outcome: getattr(IngestionRunRow, outcome) + 1})
        )

    def fail(error: NarrascopeError) -> None:
        with sessions.begin() as session:
            session.add(
                IngestionFailureRow(
                    run_id=summary.id, item=error.item, error=type(error).__name__,
                    message=error.message, failed_at=now(),
                )
            )
            count(session, "failed")
        if on_item:
            on_item("failed", error)

    def to_analyse() -> Iterator[Article]:
        for item in items:
            if isinstance(item, NarrascopeError):
                fail(item)
                continue
            with sessions() as session:
                stages = stored_stages(session, item)
            if stages == versions:
                with sessions.begin() as session:
                    count(session, "skipped")
                if on_item:
                    on_item("skipped", item)
                continue
            yield item

    for result in pipeline.pipe(to_analyse()):
        if isinstance(result, NarrascopeError):
            fail(result)
            continue
        try:
            with sessions.begin() as session:
                outcome = save_analysis(session, result)
                count(session, "skipped" if outcome == "unchanged" else outcome)
        except IntegrityError:
            # Another writer stored the same article between our check and our insert.
            with sessions.begin() as session:
                count(session, "skipped")
            outcome = "unchanged"
        if on_item:
            on_item("skipped" if outcome == "unchanged" else outcome, result)

    with sessions.begin() as session:
        session.execute(
            update(IngestionRunRow)
            .where(IngestionRunRow.id == summary.id)
            .values(status="finished", finished_at=now())
        )
    return summary
