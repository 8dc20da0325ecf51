"""Shared fixtures: where ../shared lives and the real articles in it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEMEVAL = SHARED / "data" / "semeval2025-task10"
EXAMPLES = SHARED / "examples"


@pytest.fixture(scope="session")
def shared_examples() -> list[Path]:
    paths = sorted(EXAMPLES.glob("*.txt"))
    if not paths:
        pytest.fail(f"the shared examples are missing: expected them in {EXAMPLES}")
    return paths


@pytest.fixture(scope="session")
def semeval_dir() -> Path:
    if not (SEMEVAL / "train").is_dir():
        pytest.fail(f"the SemEval training data is missing: expected it in {SEMEVAL}")
    return SEMEVAL
