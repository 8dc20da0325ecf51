"""Runs the real parse, quotes and claims stages on hand-written text (no cleaning: offsets stay put)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from narrascope.entities.parse import Parser
from narrascope.model import Analysis, Article, Entity
from narrascope.quotes.claims import ClaimFinder
from narrascope.quotes.speech import QuoteFinder
from narrascope.settings import Settings


@pytest.fixture(scope="session")
def stages() -> tuple[Parser, QuoteFinder, ClaimFinder]:
    settings = Settings()
    return Parser(settings), QuoteFinder(settings), ClaimFinder(settings)


@pytest.fixture(scope="session")
def analyse(stages) -> Callable[..., Analysis]:
    parser, quotes, claims = stages

    def run(text: str, entities: list[Entity] | None = None) -> Analysis:
        analysis = Analysis(article=Article(id="test", raw_text=text, text=text))
        analysis = parser(analysis)
        analysis.entities = entities or []
        return claims(quotes(analysis))

    return run
