"""Migrations: the migrated schema is the one the queries expect, applying twice changes nothing, and a
migration that fails leaves the database as it was (no table, no version row)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from operations.database import MIGRATIONS_DIR, create_database_engine, current_revision, head_revision, migrate
from operations.tables import metadata


def test_the_migrated_schema_has_every_table_and_column(engine: sa.Engine):
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        assert columns == {column.name for column in table.columns}, table.name
    assert current_revision(engine) == head_revision() is not None


def test_a_database_at_the_head_is_asked_its_revision_quietly(engine: sa.Engine, caplog):
    """The scheduler's jobs call migrate every few seconds: at the head it logs nothing."""
    with caplog.at_level("DEBUG"):
        assert migrate(engine) == head_revision()
    assert [record.getMessage() for record in caplog.records if record.name.startswith("alembic")] == []


def test_migrating_again_changes_nothing(engine: sa.Engine):
    assert migrate(engine) == head_revision()
    assert sorted(sa.inspect(engine).get_table_names()) == [
        "alembic_version",
        "audit_log",
        "entries",
        "entry_versions",
        "notification_preferences",
        "notifications",
        "outbox",
        "period_reopenings",
        "reprocess_requests",
        "role_assignments",
        "sign_in_failures",
        "users",
    ]


BROKEN = """
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("insert into users (no_such_column) values (1)")


def downgrade() -> None:
    op.drop_table("half_done")
"""


def test_a_failing_migration_is_not_half_applied(database_url: str, tmp_path: Path):
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_broken.py").write_text(BROKEN.replace("{head}", str(head_revision())))
    engine = create_database_engine(database_url)
    try:
        migrate(engine)  # the real migrations land in their own transaction
        with pytest.raises(sa.exc.DBAPIError):
            migrate(engine, script_location=scripts)
        assert "half_done" not in sa.inspect(engine).get_table_names()
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path: Path):
    engine = create_database_engine(f"sqlite:///{tmp_path / 'operations.sqlite'}")
    migrate(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("pragma foreign_keys").scalar() == 1
    engine.dispose()
