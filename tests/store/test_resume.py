"""`narrascope ingest` killed with SIGKILL in the middle of a batch resumes with nothing lost or
duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from narrascope.store import Corpus
from narrascope.store.schema import AnalysisRow, ArticleRow, NarrativeRow, RoleRow

TESTS = Path(__file__).resolve().parents[1]
# The CLI, with the hand-built labelling stage of tests/labelled.py registered, so that every stored
# article has child rows (narratives, roles, evidence...) that a torn write would leave half-done.
CLI = (
    "import sys, narrascope.pipeline as p; p.STAGES['test-labels'] = 'labelled:LabelStage'; "
    "from narrascope.cli import app; sys.argv[0] = 'narrascope'; app()"
)
STAGES = "clean,parse,test-labels"


def ingest_command(db: str, sources: list[Path]) -> list[str]:
    return [sys.executable, "-c", CLI, "ingest", "--db", db, "--stages", STAGES, *map(str, sources)]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(TESTS), "NARRASCOPE_BATCH_SIZE": "4"}


def stored(corpus: Corpus) -> int:
    with corpus.sessions() as session:
        return session.scalar(select(func.count(AnalysisRow.id))) or 0


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_killed_ingest_resumes(backend: str, semeval_dir: Path, tmp_path: Path, request) -> None:
    db = (
        f"sqlite:///{tmp_path / 'resume.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    sources = sorted((semeval_dir / "train" / "EN" / "raw-documents").glob("*.txt"))[:24]
    corpus = Corpus(db)

    process = subprocess.Popen(
        ingest_command(db, sources), env=environment(), stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while stored(corpus) < 5:
        assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr.read()}"
        assert time.monotonic() < deadline, "ingest stored nothing in two minutes"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    after_kill = stored(corpus)
    assert 5 <= after_kill < len(sources), "the kill must land in the middle of the run"

    resumed = subprocess.run(
        ingest_command(db, sources),
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr

    runs = corpus.runs().items
    assert [run["status"] for run in runs] == ["finished", "interrupted"]
    assert runs[1]["stored"] == after_kill  # the counters were committed with the articles
    assert (runs[0]["stored"], runs[0]["skipped"], runs[0]["failed"]) == (
        len(sources) - after_kill,
        after_kill,
        0,
    )
    with corpus.sessions() as session:
        assert session.scalar(select(func.count(ArticleRow.id))) == len(sources)
        assert session.scalar(select(func.count(func.distinct(ArticleRow.content_hash)))) == len(sources)
        # Every article is whole: an analysis with its narratives and roles (the labelling stage gives
        # each article two narratives and one role per entity, up to three).
        per_article = session.execute(
            select(
                AnalysisRow.id,
                func.count(func.distinct(NarrativeRow.id)),
                func.count(func.distinct(RoleRow.id)),
            )
            .join(NarrativeRow, NarrativeRow.analysis_id == AnalysisRow.id, isouter=True)
            .join(RoleRow, RoleRow.analysis_id == AnalysisRow.id, isouter=True)
            .group_by(AnalysisRow.id)
        ).all()
    assert len(per_article) == len(sources)
    assert all(narratives == 2 and roles >= 1 for _, narratives, roles in per_article)

    listing = subprocess.run(
        [sys.executable, "-c", CLI, "runs", "--db", db],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert listing.returncode == 0 and "interrupted" in listing.stdout
