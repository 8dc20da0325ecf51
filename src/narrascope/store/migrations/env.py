"""Alembic environment: migrations run on the connection that narrascope.store.db.upgrade hands over,
or, from the ``alembic`` command line, on the URL given with ``-x db=URL``."""

from alembic import context

from narrascope.store.schema import Base

config = context.config
connection = config.attributes.get("connection")


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    from narrascope.store.db import create_engine

    with create_engine(context.get_x_argument(as_dictionary=True)["db"]).begin() as own_connection:
        run(own_connection)
