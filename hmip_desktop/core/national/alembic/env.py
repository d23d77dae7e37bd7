"""Alembic environment of the national store: migrations run on the connection passed in."""

from alembic import context

from hmip_desktop.core.national.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite",
                  version_table="national_version")
with context.begin_transaction():
    context.run_migrations()
