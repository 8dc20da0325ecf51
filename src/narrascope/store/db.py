"""Opening a store: database URLs, engines (SQLite in WAL mode, PostgreSQL via psycopg 3), migrations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from narrascope.errors import StoreError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(db: str) -> str:
    """A SQLAlchemy URL for what the user typed: a URL, or a path to a SQLite file."""
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix) :]
    if db.startswith(("sqlite://", "postgresql+psycopg://")):
        return db
    if "://" in db:
        raise UsageError(db, "unsupported database URL; use sqlite:///FILE or postgresql://USER@HOST/NAME")
    return f"sqlite:///{db}"


def create_engine(db: str) -> Engine:
    import sqlalchemy
    from sqlalchemy import event

    url = normalise_url(db)
    if url.startswith("sqlite"):
        engine = sqlalchemy.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return sqlalchemy.create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Bring the database schema to the newest migration (creates the tables in an empty database).

    This is the first connection to the database, where a wrong path, a file that is not a database, a
    read-only file or a server that is down shows: those raise a StoreError naming the database."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import DBAPIError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError as error:
        raise StoreError(
            engine.url.render_as_string(hide_password=True), why_unopened(engine, error)
        ) from error


def why_unopened(engine: Engine, error) -> str:
    reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and not Path(database).parent.is_dir():
        return f"cannot open the database: its folder {Path(database).parent} does not exist"
    return f"cannot open the database: {reason}"
