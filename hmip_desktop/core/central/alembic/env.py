"""Alembic environment: migrations run on the connection the central store passes in."""

from alembic import context

from hmip_desktop.core.central.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
