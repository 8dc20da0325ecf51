from __future__ import annotations

import pytest
from labelled import labelled_examples  # noqa: F401 - fixture
from servers import postgres_server, postgres_url  # noqa: F401 - fixtures


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """The same test against a SQLite file and a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'narrascope.db'}"
    return request.getfixturevalue("postgres_url")
