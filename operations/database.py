"""Opening the operational database and bringing its schema to the newest migration.

:func:`open_database` returns a SQLAlchemy ``Engine`` for GOSTERGE_DATABASE_URL or the SQLite file in
the data folder. SQLite connections run in WAL mode (readers never wait for the writer), wait up to
15 s for a lock, check foreign keys and, unlike Python's default, put DDL inside the transaction, so
that a migration is applied whole or not at all on both databases.
"""

from __future__ import annotations

import fcntl
import functools
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text

from gosterge.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Alembic keeps the running migration's context in module globals (alembic.context), so two threads of
#: one process must not migrate at once (the writer's scheduler runs jobs on two threads)
_MIGRATING = threading.Lock()
SQLITE_BUSY_SECONDS = 15


def create_database_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///PATH`` or ``postgresql+psycopg://…``)."""
    if url.startswith("sqlite:"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgresql:"):
        url = "postgresql+psycopg:" + url.removeprefix("postgresql:")
    return create_engine(url, pool_pre_ping=True)


def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # SQLAlchemy's documented recipe: the driver leaves transactions to us, so DDL is transactional too
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"pragma busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
    _write_ahead(cursor)
    cursor.execute("pragma foreign_keys = on")
    cursor.close()


def _write_ahead(cursor: Any) -> None:
    """The file in WAL mode. A file that is in it already is left as it is (the mode is kept in the file).
    Switching a new file waits for the others: SQLite answers "database is locked" at once, without waiting
    its busy timeout, while another connection writes, and gunicorn's workers starting together on a new
    file (one of them migrating it) then failed to boot."""
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            if cursor.execute("pragma journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("pragma journal_mode = wal")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("begin immediate")


def open_database(settings: Settings) -> Engine:
    """The operational database of ``settings`` (the data folder is created for the SQLite file)."""
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return create_database_engine(settings.operations_url)


def alembic_config(engine: Engine, script_location: Path = MIGRATIONS_DIR) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, *, script_location: Path = MIGRATIONS_DIR) -> str | None:
    """Apply every migration not yet applied, each in its own transaction; returns the new revision.
    A database already at the head is only asked its revision (the scheduler's jobs call this every few
    seconds: Alembic's upgrade would set up its environment and log it each time)."""
    with _one_migration_at_a_time(engine):
        revision = current_revision(engine)
        if revision is not None and revision == head_revision(script_location):
            return revision
        command.upgrade(alembic_config(engine, script_location), "head")
    return current_revision(engine)


@contextmanager
def _one_migration_at_a_time(engine: Engine) -> Iterator[None]:
    """One migration at a time: in this process (Alembic's globals), and on SQLite in every process, by a
    lock file beside the database. Alembic reads which migrations to run before their transactions begin,
    so gunicorn's workers starting together on a new file each ran the first migration, and all but one
    failed to boot ("table already exists"); the file lock makes the next one read the revision after the
    first has migrated. PostgreSQL takes an advisory lock instead (operations/migrations/env.py)."""
    with _MIGRATING:
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        if not database or database == ":memory:":
            yield
            return
        with open(f"{database}.migrating", "a", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


#: Alembic's table of the applied revision (its default name: operations/migrations/env.py keeps it)
VERSION_TABLE = "alembic_version"


def current_revision(engine: Engine) -> str | None:
    """The applied revision (None on an empty database), read from Alembic's version table. Alembic's own
    reader (``MigrationContext``) logs two lines each time it is set up, and the scheduler's jobs ask every
    few seconds: a server's log was mostly those lines."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        return connection.execute(text("select version_num from alembic_version")).scalar_one_or_none()


@functools.lru_cache(maxsize=8)
def head_revision(script_location: Path = MIGRATIONS_DIR) -> str | None:
    """The newest revision the code knows (read once per process: the scripts ship with the code)."""
    return ScriptDirectory(str(script_location)).get_current_head()


def is_current(engine: Engine) -> bool:
    """True when every migration is applied."""
    return current_revision(engine) == head_revision()
