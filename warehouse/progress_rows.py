"""The rows of the four progress tables: written from results, read back by key, deleted by key.

Keys are (code, area level, area code): an indicator's in ``indicator_progress`` and
``indicator_yearly``, a node's (or the plan's own code) in ``node_progress`` and ``node_yearly``. A
set of keys goes to DuckDB as a registered Arrow table (:func:`keys_table`), joined by the
statements, never spelled into the SQL.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

from gosterge.progress.compute import PlanProgress
from gosterge.progress.results import IndicatorResult, NodeResult
from gosterge.progress.scope import Key

PROGRESS_TABLES = ("indicator_progress", "node_progress", "indicator_yearly", "node_yearly")
#: (column, result field) of each progress table
INDICATOR_COLUMNS = tuple((name, name) for name in IndicatorResult.__dataclass_fields__)
NODE_COLUMNS = tuple((name, name) for name in NodeResult.__dataclass_fields__ if name != "status_counts")
INDICATOR_YEAR_COLUMNS = (
    ("plan_code", "plan_code"),
    ("indicator_code", "code"),
    ("area_level", "area_level"),
    ("area_code", "area_code"),
    ("year", "year"),
    ("value", "value"),
    ("path_value", "path_value"),
    ("realization_pct", "realization_pct"),
    ("expected_pct", "expected_pct"),
)
NODE_YEAR_COLUMNS = (
    ("plan_code", "plan_code"),
    ("node_code", "code"),
    ("area_level", "area_level"),
    ("area_code", "area_code"),
    ("year", "year"),
    ("realization_pct", "realization_pct"),
    ("expected_pct", "expected_pct"),
)
#: the key column of each progress table
CODE_COLUMNS = {
    "indicator_progress": "indicator_code",
    "indicator_yearly": "indicator_code",
    "node_progress": "node_code",
    "node_yearly": "node_code",
}


@contextmanager
def keys_table(connection: duckdb.DuckDBPyConnection, name: str, keys: Collection[Key]) -> Iterator[None]:
    """``keys`` registered as the view ``name`` (code, area_level, area_code) while the block runs."""
    ordered = sorted(keys)
    connection.register(
        name,
        pa.table(
            {
                "code": pa.array([key[0] for key in ordered], pa.string()),
                "area_level": pa.array([key[1] for key in ordered], pa.string()),
                "area_code": pa.array([key[2] for key in ordered], pa.string()),
            }
        ),
    )
    try:
        yield
    finally:
        connection.unregister(name)


def read_keyed(
    connection: duckdb.DuckDBPyConnection,
    plan_code: str,
    table: str,
    columns: tuple[tuple[str, str], ...],
    keys: str,
) -> list[tuple[Any, ...]]:
    """The rows of ``table`` (``columns``, in their order) whose key is in the registered ``keys``."""
    selected = ", ".join(f"t.{column}" for column, _ in columns)
    code = CODE_COLUMNS[table]
    return connection.execute(
        f"""
        select {selected}
        from {table} t
        join {keys} k on t.{code} = k.code and t.area_level = k.area_level and t.area_code = k.area_code
        where t.plan_code = ?
        """,  # noqa: S608 - table, column and view names are constants
        [plan_code],
    ).fetchall()


def read_node_years(
    connection: duckdb.DuckDBPyConnection, plan_code: str, keys: str
) -> list[tuple[str, str, str, list[int], list[float | None], list[float | None]]]:
    """The yearly rows of the roll-ups in the registered ``keys``, one row per roll-up: (node code, area
    level, area code, years, realizations, expected realizations), the lists in the same order."""
    return connection.execute(
        f"""
        select t.node_code, t.area_level, t.area_code,
               list(t.year order by t.year), list(t.realization_pct order by t.year),
               list(t.expected_pct order by t.year)
        from node_yearly t
        join {keys} k on t.node_code = k.code and t.area_level = k.area_level and t.area_code = k.area_code
        where t.plan_code = ?
        group by t.node_code, t.area_level, t.area_code
        """,  # noqa: S608 - the view's name is a constant
        [plan_code],
    ).fetchall()


def delete_keys(connection: duckdb.DuckDBPyConnection, plan_code: str, indicator_keys: str, node_keys: str) -> None:
    """Delete the rows of the registered ``indicator_keys`` and ``node_keys`` from the four tables."""
    for table in PROGRESS_TABLES:
        code = CODE_COLUMNS[table]
        keys = indicator_keys if code == "indicator_code" else node_keys
        connection.execute(
            f"""
            delete from {table} t using {keys} k
            where t.plan_code = ? and t.{code} = k.code and t.area_level = k.area_level and t.area_code = k.area_code
            """,  # noqa: S608 - table, column and view names are constants
            [plan_code],
        )


def insert_progress(connection: duckdb.DuckDBPyConnection, progress: PlanProgress) -> None:
    """Insert the results of ``progress`` into the four tables (their keys deleted beforehand)."""
    _insert(connection, "indicator_progress", _columns(progress.indicators, INDICATOR_COLUMNS))
    _insert(connection, "node_progress", _columns(progress.nodes, NODE_COLUMNS))
    _insert(connection, "indicator_yearly", _columns(progress.indicator_years, INDICATOR_YEAR_COLUMNS))
    _insert(connection, "node_yearly", _columns(progress.node_years, NODE_YEAR_COLUMNS))


def set_provenance(connection: duckdb.DuckDBPyConnection, plan_code: str, indicator_codes: list[str]) -> None:
    """The newest load behind each result of ``indicator_codes`` just inserted (``last_run_id`` still
    empty): a district's own measurements, the province's own (else, rolled up from the districts, any of
    the indicator's), a region's its districts'."""
    connection.execute(
        """
        update indicator_progress p
        set last_run_id = l.run_id, last_source_id = l.source_id, last_loaded_at = l.loaded_at, is_demo = l.is_demo
        from (
            with delivered as (
                select m.indicator_code, m.area_code, d.region_code, m.run_id, m.source_id, m.loaded_at, m.is_demo
                from measurements m
                left join districts d
                  on d.plan_code = m.plan_code and d.district_code = m.area_code and m.area_level = 'district'
                where m.plan_code = $plan and m.indicator_code in (select unnest($codes))
            ),
            own as (
                select indicator_code, area_code, arg_max(run_id, loaded_at) as run_id,
                       arg_max(source_id, loaded_at) as source_id, max(loaded_at) as loaded_at,
                       bool_or(is_demo) as is_demo
                from delivered group by indicator_code, area_code
            ),
            regional as (
                select indicator_code, region_code, arg_max(run_id, loaded_at) as run_id,
                       arg_max(source_id, loaded_at) as source_id, max(loaded_at) as loaded_at,
                       bool_or(is_demo) as is_demo
                from delivered where region_code is not null group by indicator_code, region_code
            ),
            whole as (
                select indicator_code, arg_max(run_id, loaded_at) as run_id,
                       arg_max(source_id, loaded_at) as source_id, max(loaded_at) as loaded_at,
                       bool_or(is_demo) as is_demo
                from delivered group by indicator_code
            )
            select t.indicator_code, t.area_level, t.area_code,
                   coalesce(o.run_id, r.run_id, w.run_id) as run_id,
                   coalesce(o.source_id, r.source_id, w.source_id) as source_id,
                   coalesce(o.loaded_at, r.loaded_at, w.loaded_at) as loaded_at,
                   coalesce(o.is_demo, r.is_demo, w.is_demo) as is_demo
            from indicator_progress t
            left join own o on o.indicator_code = t.indicator_code and o.area_code = t.area_code
            left join regional r
              on t.area_level = 'region' and t.data_points > 0
             and r.indicator_code = t.indicator_code and r.region_code = t.area_code
            left join whole w on t.area_level = 'province' and t.data_points > 0 and w.indicator_code = t.indicator_code
            where t.plan_code = $plan and t.last_run_id is null and t.indicator_code in (select unnest($codes))
        ) l
        where p.plan_code = $plan and p.indicator_code = l.indicator_code and p.area_level = l.area_level
          and p.area_code = l.area_code and l.run_id is not null
        """,
        {"plan": plan_code, "codes": indicator_codes},
    )


def _columns(records: Sequence[Any], columns: tuple[tuple[str, str], ...]) -> pa.Table:
    """Result records as an Arrow table, one column at a time (no per-row dicts); NaN is stored as
    NULL, as it was when the results went through pandas. Named tuples (the yearly points, by far the
    most numerous) are transposed at once."""
    if records and isinstance(records[0], tuple):
        fields = type(records[0])._fields  # type: ignore[attr-defined]
        transposed = dict(zip(fields, zip(*records, strict=True), strict=True))
        return pa.table({column: pa.array(transposed[name], from_pandas=True) for column, name in columns})
    return pa.table(
        {column: pa.array([getattr(record, name) for record in records], from_pandas=True) for column, name in columns}
    )


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pa.Table) -> None:
    if frame.num_rows == 0:
        return
    connection.register("progress_frame", frame)
    try:
        connection.execute(f"insert into {table} by name select * from progress_frame")  # noqa: S608
    finally:
        connection.unregister("progress_frame")
