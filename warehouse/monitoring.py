"""Queries behind the yearly monitoring table ("Stratejik Plan İzleme Tablosu").

For a chosen year and area, every indicator of a plan with what the Turkish
monitoring tables print: its weight within the goal ("hedefe etkisi"), the
plan start value, the target of that year, the value realized that year and
the responsible unit. Everything comes from the plan tables and the
precomputed ``indicator_yearly`` / ``indicator_progress`` rows; no raw
measurement is aggregated here. The realization of the year and the goal's
weighted realization are computed from these rows by
:mod:`gosterge.progress.monitoring` with the engine's formulas.

Values, per indicator and area:

``base_value``
    A, the engine's base value in that area (the measured base-year value, the
    plan's baseline when the province has no base measurement); the plan's own
    baseline is ``plan_baseline_value``.
``year_target`` / ``target_kind``
    Y_t: the area's target path in that year, which at an interim-target year is
    the interim target (``'interim'``), in the target year the final target
    (``'final'``), and between them the linear path (``'path'``). For districts
    and regions the path is the area's own (its share of a ``sum`` target).
``realized_value``
    X_t: the year's value as the engine sees it: the running total for
    ``cumulative`` indicators, the year's sum for ``per_period`` ones, the
    year's last value for ``level`` ones. ``period_value`` is what the year
    itself added for cumulative indicators (running total less the previous
    reported one) and equals ``realized_value`` otherwise.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from gosterge.progress.monitoring import MonitoringTable, build_monitoring_table
from warehouse.queries.explanations import year_explanations


def monitoring_years(connection: duckdb.DuckDBPyConnection, *, plan: str) -> list[int]:
    """The years of the plan period (the years a monitoring table can be asked for); [] for an unknown plan."""
    row = connection.execute(
        "select period_start, period_end from plans where plan_code = $plan", {"plan": plan}
    ).fetchone()
    return list(range(int(row[0]), int(row[1]) + 1)) if row else []


def monitoring_nodes(connection: duckdb.DuckDBPyConnection, *, plan: str) -> pd.DataFrame:
    """Every node of the plan above the indicators, in plan order, with its weight within its parent."""
    sql = """
        select node_code, depth, level_key, parent_code, sort_key, title_tr, title_en, provenance, weight
        from plan_nodes
        where plan_code = $plan
        order by sort_key
    """
    return connection.execute(sql, {"plan": plan}).df()


def monitoring_indicators(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    year: int,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """One row per indicator of ``plan`` in plan order: weight, A, Y_t, X_t of ``year`` in one area.

    ``area_code`` None means the plan's province. Indicators without data that year
    come back with an empty ``realized_value``, never as absent rows.
    """
    sql = """
        with previous as (
            select y.indicator_code, arg_max(y.value, y.year) as value
            from indicator_yearly y
            join plans pl on pl.plan_code = y.plan_code
            where y.plan_code = $plan and y.area_level = $area_level
              and y.area_code = coalesce($area_code::varchar, pl.province_code) and y.year < $year
              and y.value is not null
            group by y.indicator_code
        )
        select i.indicator_code, i.goal_code, i.sort_key, i.name_tr, i.name_en, i.unit, i.precision, i.direction,
               i.measure, i.level, i.weight, i.responsible_unit, i.provenance,
               i.baseline_year as plan_baseline_year, i.baseline_value as plan_baseline_value,
               i.target_year, i.target_value, coalesce(i.informational, false) as informational,
               coalesce(p.base_year, i.baseline_year) as base_year,
               coalesce(p.base_value, case when $area_level = 'province' then i.baseline_value end)
                   as base_value,
               coalesce(y.path_value,
                        case when $area_level = 'province'
                             then coalesce(t.value, case when $year = i.target_year then i.target_value end)
                        end) as year_target,
               case when y.path_value is null and $area_level <> 'province' then null
                    when t.value is not null then 'interim'
                    when $year = i.target_year then 'final'
                    when y.path_value is not null then 'path'
               end as target_kind,
               y.value as realized_value,
               case when i.measure = 'cumulative' then y.value - previous.value else y.value end
                   as period_value,
               coalesce(p.is_demo, false) as is_demo, p.last_loaded_at, p.last_source_id
        from indicators i
        join plans pl on pl.plan_code = i.plan_code
        left join interim_targets t
          on t.plan_code = i.plan_code and t.indicator_code = i.indicator_code and t.year = $year
        left join indicator_yearly y
          on y.plan_code = i.plan_code and y.indicator_code = i.indicator_code and y.year = $year
         and y.area_level = $area_level and y.area_code = coalesce($area_code::varchar, pl.province_code)
        left join indicator_progress p
          on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code
         and p.area_level = $area_level and p.area_code = coalesce($area_code::varchar, pl.province_code)
        left join previous on previous.indicator_code = i.indicator_code
        where i.plan_code = $plan
        order by i.sort_key
    """
    parameters = {"plan": plan, "year": year, "area_level": area_level, "area_code": area_code}
    return connection.execute(sql, parameters).df()


def monitoring_metadata(connection: duckdb.DuckDBPyConnection, *, plan: str) -> dict[str, object]:
    """What a monitoring export says about itself: plan titles and period, data version, demo flag."""
    sql = """
        select p.plan_code, p.title_tr, p.title_en, p.organisation_tr, p.organisation_en,
               p.province_code, p.period_start, p.period_end, p.baseline_year, p.levels_json,
               (select max(data_version) from publication) as data_version,
               (select max(published_at) from publication) as published_at,
               (select max(last_loaded_at) from indicator_progress ip where ip.plan_code = p.plan_code)
                   as last_loaded_at,
               (select coalesce(bool_or(is_demo), false) from indicator_progress ip
                where ip.plan_code = p.plan_code) as is_demo
        from plans p
        where p.plan_code = $plan
    """
    cursor = connection.execute(sql, {"plan": plan})
    row = cursor.fetchone()
    if row is None:
        return {}
    names = [column[0] for column in cursor.description]
    return dict(zip(names, row, strict=True))


def latest_monitoring_year(connection: duckdb.DuckDBPyConnection, *, plan: str) -> int | None:
    """The newest year of the plan period with a value for any indicator in the province (None: no data yet)."""
    sql = """
        select max(y.year)
        from indicator_yearly y
        join plans p on p.plan_code = y.plan_code
        where y.plan_code = $plan and y.area_level = 'province' and y.area_code = p.province_code
          and y.value is not null and y.year between p.period_start and p.period_end
    """
    rows = connection.execute(sql, {"plan": plan}).fetchall()  # to the end: the writer's refresh works on after it
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def fetch_monitoring_table(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan_code: str,
    year: int,
    area_level: str = "province",
    area_code: str | None = None,
    cap_realization: bool = True,
    coverage_floor: float = 0.5,
) -> MonitoringTable:
    """The monitoring table of ``plan_code`` for ``year`` in one area, built by the engine's
    :func:`gosterge.progress.monitoring.build_monitoring_table`: what the page and the export call."""
    return build_monitoring_table(
        monitoring_nodes(connection, plan=plan_code),
        monitoring_indicators(connection, plan=plan_code, year=year, area_level=area_level, area_code=area_code),
        plan_code=plan_code,
        year=year,
        area_level=area_level,
        area_code=area_code,
        cap_realization=cap_realization,
        coverage_floor=coverage_floor,
    )


def monitoring_explanations(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan_code: str,
    year: int,
    area_level: str = "province",
    area_code: str | None = None,
    period: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Indicator code → the units' explanation of ``year`` in one area (the year's newest entry, or the
    entry of ``period``): the reason and measures the table, its Excel file and the reports print."""
    frame = year_explanations(
        connection, plan=plan_code, year=year, area_level=area_level, area_code=area_code, period=period
    )
    return {str(row["indicator_code"]): row for row in frame.to_dict("records")}
