"""The schema file, applied to a connection."""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
#: tables kept without a primary key (schema.sql, "Progress tables without keys")
KEYLESS_TABLES = ("indicator_progress", "node_progress", "indicator_yearly", "node_yearly")


def apply_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    _drop_old_keys(connection)


def _drop_old_keys(connection: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the keyless tables of a file created while they had a primary key (DuckDB cannot drop one):
    set aside, created again from the schema (its other constraints kept) and filled by name, in one
    transaction."""
    keyed = [
        str(name)
        for (name,) in connection.execute(
            """
            select distinct table_name from duckdb_constraints()
            where database_name = current_database() and constraint_type = 'PRIMARY KEY'
              and list_contains($tables::varchar[], table_name)
            order by 1
            """,
            {"tables": list(KEYLESS_TABLES)},
        ).fetchall()
    ]
    if not keyed:
        return
    connection.execute("begin")
    try:
        for table in keyed:
            connection.execute(f"alter table {table} rename to {table}__keyed")  # noqa: S608 - constant names
        connection.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        for table in keyed:
            connection.execute(f"insert into {table} by name select * from {table}__keyed")  # noqa: S608
            connection.execute(f"drop table {table}__keyed")  # noqa: S608
    except BaseException:
        connection.execute("rollback")
        raise
    connection.execute("commit")
