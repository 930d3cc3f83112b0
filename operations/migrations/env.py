"""Alembic's environment: migrations run online, on the engine given by operations.database.migrate."""

from __future__ import annotations

from alembic import context

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
