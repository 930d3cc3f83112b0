"""Recompute a plan's progress from its measurements and store the results."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from gosterge.plan.model import Plan
from gosterge.progress.compute import MeasuredSeries, PlanProgress, compute_plan
from gosterge.progress.results import IndicatorResult, NodeResult

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


def annual_series(connection: duckdb.DuckDBPyConnection, plan_code: str) -> MeasuredSeries:
    """Yearly values per indicator and area: the year's last value for levels, the year's sum for
    cumulative and per-period indicators."""
    rows = connection.execute(
        """
        select m.indicator_code, m.area_level, m.area_code, m.year,
               case when any_value(i.measure) = 'level' then arg_max(m.value, m.period_end)
                    else sum(m.value) end as value
        from measurements m
        join indicators i on i.plan_code = m.plan_code and i.indicator_code = m.indicator_code
        where m.plan_code = ?
        group by m.indicator_code, m.area_level, m.area_code, m.year
        """,
        [plan_code],
    ).fetchall()
    series: MeasuredSeries = defaultdict(dict)
    for indicator_code, area_level, area_code, year, value in rows:
        series[(indicator_code, area_level, area_code)][int(year)] = float(value)
    return dict(series)


def refresh_progress(
    connection: duckdb.DuckDBPyConnection,
    plan: Plan,
    *,
    evaluation_year: int,
    coverage_floor: float,
    cap_realization: bool,
) -> PlanProgress:
    """Recompute and replace ``plan``'s progress tables (inside the caller's transaction)."""
    progress = compute_plan(
        plan,
        annual_series(connection, plan.code),
        evaluation_year=evaluation_year,
        coverage_floor=coverage_floor,
        cap_realization=cap_realization,
    )
    for table in PROGRESS_TABLES:
        connection.execute(f"delete from {table} where plan_code = ?", [plan.code])  # noqa: S608 - constant names
    _insert(connection, "indicator_progress", _columns(progress.indicators, INDICATOR_COLUMNS))
    connection.execute(
        """
        update indicator_progress p
        set last_run_id = l.run_id, last_source_id = l.source_id, last_loaded_at = l.loaded_at,
            is_demo = l.is_demo
        from (
            select indicator_code, area_code, arg_max(run_id, loaded_at) as run_id,
                   arg_max(source_id, loaded_at) as source_id, max(loaded_at) as loaded_at,
                   bool_or(is_demo) as is_demo
            from measurements where plan_code = ?
            group by indicator_code, area_code
        ) l
        where p.plan_code = ? and p.indicator_code = l.indicator_code and p.area_code = l.area_code
        """,
        [plan.code, plan.code],
    )
    # regions, and the province of a district-level indicator, are rolled up from the districts:
    # they come from the newest load of any of the indicator's measurements
    connection.execute(
        """
        update indicator_progress p
        set last_run_id = l.run_id, last_source_id = l.source_id, last_loaded_at = l.loaded_at,
            is_demo = l.is_demo
        from (
            select indicator_code, arg_max(run_id, loaded_at) as run_id,
                   arg_max(source_id, loaded_at) as source_id, max(loaded_at) as loaded_at,
                   bool_or(is_demo) as is_demo
            from measurements where plan_code = ?
            group by indicator_code
        ) l
        where p.plan_code = ? and p.indicator_code = l.indicator_code and p.last_run_id is null
          and p.area_level in ('region', 'province') and p.data_points > 0
        """,
        [plan.code, plan.code],
    )
    _insert(connection, "node_progress", _columns(progress.nodes, NODE_COLUMNS))
    _insert(connection, "indicator_yearly", _columns(progress.indicator_years, INDICATOR_YEAR_COLUMNS))
    _insert(connection, "node_yearly", _columns(progress.node_years, NODE_YEAR_COLUMNS))
    return progress


def _columns(records: Sequence[Any], columns: tuple[tuple[str, str], ...]) -> pa.Table:
    """Result records as an Arrow table, one column at a time (no per-row dicts); NaN is stored as
    NULL, as it was when the results went through pandas."""
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
