"""One parse+entities pipeline for the module's tests, and a helper that analyses a text as it is."""

from __future__ import annotations

from datetime import date

import pytest

from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline


@pytest.fixture(scope="session")
def entity_pipeline() -> Pipeline:
    return Pipeline(["parse", "entities"])


@pytest.fixture(scope="session")
def analyse(entity_pipeline):
    """Analyse a text without the clean stage, so that these tests do not depend on what it removes."""

    def run(text: str, published: date | None = None, article_id: str = "test") -> Analysis:
        article = Article(id=article_id, raw_text=text, text=text, published=published)
        return entity_pipeline(article)

    return run


@pytest.fixture(scope="session")
def examples(shared_examples, analyse) -> dict[str, Analysis]:
    """The shared example articles by their number ("000" ... "004"), analysed."""
    return {
        path.name[:3]: analyse(path.read_text(encoding="utf-8"), article_id=path.name)
        for path in shared_examples
    }
