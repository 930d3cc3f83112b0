"""Alembic's environment: migrations run online, on the engine given by operations.database.migrate.

On PostgreSQL a session advisory lock lets one process migrate at a time (several web servers may start
together); on SQLite a lock file beside the database does (operations.database.migrate), and every
transaction begins IMMEDIATE.
"""

from __future__ import annotations

from alembic import context

MIGRATION_LOCK = 727_657_001  # any number, the same in every process

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    locked = connection.dialect.name == "postgresql"
    if locked:
        connection.exec_driver_sql(f"select pg_advisory_lock({MIGRATION_LOCK})")
        connection.commit()
    try:
        context.configure(connection=connection, transaction_per_migration=True, transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if locked:
            connection.rollback()
            connection.exec_driver_sql(f"select pg_advisory_unlock({MIGRATION_LOCK})")
            connection.commit()
