"""The schema file, applied to a connection."""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
#: tables kept without a primary key (schema.sql, "Progress tables without keys")
KEYLESS_TABLES = ("indicator_progress", "node_progress", "indicator_yearly", "node_yearly")


def apply_schema(connection: duckdb.DuckDBPyConnection) -> None:
    unranked = _tables_without(connection, "area_rank", ("indicator_progress", "node_progress"))
    connection.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    _drop_old_keys(connection)
    _add_ranks(connection, unranked)


def _tables_without(connection: duckdb.DuckDBPyConnection, column: str, tables: tuple[str, ...]) -> list[str]:
    """Those of ``tables`` that exist in the file and have no ``column`` (a file of an earlier version)."""
    return [
        str(name)
        for (name,) in connection.execute(
            """
            select t.table_name from duckdb_tables() t
            where t.database_name = current_database() and list_contains($tables::varchar[], t.table_name)
              and not exists (
                  select 1 from duckdb_columns() c
                  where c.database_name = t.database_name and c.table_name = t.table_name and c.column_name = $column
              )
            order by 1
            """,
            {"tables": list(tables), "column": column},
        ).fetchall()
    ]


def _add_ranks(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Give the rows of a file made before ranks were kept (warehouse/ranks.py) their ranks, once: the columns
    and their values in one transaction, so that a writer stopped half-way leaves the file as it was and the
    next one ranks it."""
    if not tables:
        return
    from warehouse.ranks import set_ranks  # the ranks' one owner; it needs the columns this schema adds

    connection.execute("begin")
    try:
        for table in tables:
            connection.execute(f"alter table {table} add column if not exists area_rank integer")  # noqa: S608
            connection.execute(f"alter table {table} add column if not exists areas_ranked integer")  # noqa: S608
        set_ranks(connection, None)
    except BaseException:
        connection.execute("rollback")
        raise
    connection.execute("commit")


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
