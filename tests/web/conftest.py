from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from labelled import labelled_examples  # noqa: F401 - fixture
from servers import browser, postgres_server, postgres_url, screenshots  # noqa: F401 - fixtures

from narrascope.settings import Settings
from narrascope.store import Corpus
from narrascope.web.app import create_app

from .web_support import TOKEN, stored_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, labelled_examples) -> Corpus:  # noqa: F811 - the fixture imported above
    """A SQLite store of the five shared examples with hand-built labels."""
    return stored_corpus(f"sqlite:///{tmp_path_factory.mktemp('web') / 'narrascope.db'}", labelled_examples)


@pytest.fixture(scope="session")
def settings() -> Settings:
    # the five stored examples are a week apart: a point for every week, so that the chart has lines to test
    return Settings(api_token=TOKEN, pipeline=["clean", "parse"], chart_min_articles=1)


@pytest.fixture(scope="session")
def client(corpus: Corpus, settings: Settings) -> TestClient:
    return TestClient(create_app(corpus, settings))
