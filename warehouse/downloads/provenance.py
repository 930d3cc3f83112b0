"""What an export says about the data it came from: the data version, the newest load of the
plan's measurements, whether any of it is demo data and the status methods in use."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Provenance:
    """What an export says about the data it came from."""

    data_version: int
    published_at: str | None
    last_loaded_at: str | None
    last_source_id: str | None
    last_run_id: int | None
    has_demo: bool
    methods: tuple[str, ...]


def _one(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[object]) -> tuple | None:
    """The single row of ``sql`` (fetched to the end: DuckDB 2.0 refuses the next relation query while
    a result is unfinished, and fetchone() leaves it so)."""
    found = connection.execute(sql, parameters).fetchall()
    return found[0] if found else None


def provenance(connection: duckdb.DuckDBPyConnection, plan_code: str) -> Provenance:
    """Data version, newest load of the plan's measurements, demo flag and status methods in use."""
    publication = _one(
        connection, "select data_version, strftime(published_at, '%Y-%m-%dT%H:%M:%S') from publication", []
    )
    load = _one(
        connection,
        """
        select strftime(max(loaded_at), '%Y-%m-%dT%H:%M:%S'), arg_max(source_id, loaded_at),
               arg_max(run_id, loaded_at), coalesce(bool_or(is_demo), false)
        from measurements where plan_code = ?
        """,
        [plan_code],
    )
    methods = connection.execute(
        "select distinct method from indicator_progress where plan_code = ? order by method", [plan_code]
    ).fetchall()
    version, published_at = (int(publication[0]), publication[1]) if publication else (0, None)
    loaded_at, source_id, run_id, has_demo = load if load else (None, None, None, False)
    return Provenance(
        version,
        published_at,
        loaded_at,
        source_id,
        None if run_id is None else int(run_id),
        bool(has_demo),
        tuple(row[0] for row in methods),
    )
