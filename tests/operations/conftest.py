"""Every operational-database test runs twice: on a SQLite file of its own and on a database of its own
in a throwaway PostgreSQL server (skipped, saying why, when Debian's postgresql binaries are missing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from operations.database import create_database_engine, migrate
from tests.support.postgresql import PostgresServer, find_binaries, postgres_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    if find_binaries() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found: install Debian's postgresql package")
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of this test's own, on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'operations.sqlite'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated operational database of this test's own."""
    engine = create_database_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()
