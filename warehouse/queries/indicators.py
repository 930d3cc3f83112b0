"""Indicators: their definition, their progress in one area and their years (see
:mod:`warehouse.queries` for the conventions)."""

from __future__ import annotations

import duckdb
import pandas as pd


def indicator_progress(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    goal: str | None = None,
    indicator: str | None = None,
    scope: str | None = None,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """Indicators (of a goal, one indicator, under a scope, or all) with their definition, their
    progress in one area and the load that last delivered their data. Indicators measured only
    by province have no district row: they come back with status 'not_available' there."""
    return connection.execute(
        *indicator_progress_question(
            plan=plan, goal=goal, indicator=indicator, scope=scope, area_level=area_level, area_code=area_code
        )
    ).df()


def indicator_progress_question(
    *,
    plan: str,
    goal: str | None = None,
    indicator: str | None = None,
    scope: str | None = None,
    area_level: str = "province",
    area_code: str | None = None,
) -> tuple[str, dict[str, object]]:
    """The SQL and parameters of :func:`indicator_progress` (the writer stores its answer for the province:
    :mod:`warehouse.queries.standing`)."""
    sql = """
        select i.indicator_code, i.goal_code, i.position, i.sort_key, i.name_tr, i.name_en, i.unit,
               i.direction as planned_direction, i.baseline_year as plan_baseline_year,
               i.baseline_value as plan_baseline_value, i.target_year as plan_target_year,
               i.target_value as plan_target_value, i.natural_limit, i.weight, i.frequency, i.level, i.aggregation,
               i.measure as planned_measure, i.data_source, s.name_tr as source_name_tr,
               s.name_en as source_name_en, s.url as source_url, i.responsible_unit,
               i.definition_tr, i.definition_en, i.provenance, i.precision,
               $area_level as area_level, coalesce($area_code::varchar, pl.province_code) as area_code,
               p.method, p.data_points, p.base_year, p.base_value, p.latest_year, p.latest_value,
               p.target_year, p.target_value, p.realization_pct, p.expected_pct, p.expected_now_pct,
               p.pace_ratio, p.score, coalesce(p.status, 'not_available') as status, p.thresholds,
               coalesce(p.trend, 'none') as trend, p.trend_ratio, p.actual_pace, p.required_pace,
               p.projected_year, p.projection, p.flags, p.note,
               p.last_run_id, p.last_source_id, p.last_loaded_at, coalesce(p.is_demo, false) as is_demo,
               r.file_name as last_file_name, r.finished_at as last_run_finished_at
        from indicators i
        join plans pl on pl.plan_code = i.plan_code
        join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
        left join data_sources s on s.plan_code = i.plan_code and s.source_id = i.data_source
        left join indicator_progress p
          on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code
         and p.area_level = $area_level and p.area_code = coalesce($area_code::varchar, pl.province_code)
        left join load_runs r on r.run_id = p.last_run_id
        where i.plan_code = $plan
          and ($goal::varchar is null or i.goal_code = $goal::varchar)
          and ($indicator::varchar is null or i.indicator_code = $indicator::varchar)
          and ($scope::varchar is null or list_contains(g.path, $scope::varchar))
        order by i.sort_key
    """
    parameters: dict[str, object] = {
        "plan": plan,
        "goal": goal,
        "indicator": indicator,
        "scope": scope,
        "area_level": area_level,
        "area_code": area_code,
    }
    return sql, parameters


def indicators_yearly(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicators: list[str] | None,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """An indicator's yearly values of several ``indicators`` (None: every indicator of the plan) in one
    query, with their ``indicator_code`` (by indicator, then year): a goal's page draws the chart of each of
    its indicators, and asked one by one, a query per indicator was most of that page's reading (issue 16)."""
    return connection.execute(
        *indicators_yearly_question(plan=plan, indicators=indicators, area_level=area_level, area_code=area_code)
    ).df()


def indicators_yearly_question(
    *, plan: str, indicators: list[str] | None, area_level: str = "province", area_code: str | None = None
) -> tuple[str, dict[str, object]]:
    """The SQL and parameters of :func:`indicators_yearly`."""
    sql = """
        select y.indicator_code, y.year, y.value, y.path_value, y.realization_pct, y.expected_pct
        from indicator_yearly y
        join plans pl on pl.plan_code = y.plan_code
        where y.plan_code = $plan and ($indicators::varchar[] is null or list_contains($indicators, y.indicator_code))
          and y.area_level = $area_level
          and y.area_code = coalesce($area_code::varchar, pl.province_code)
        order by y.indicator_code, y.year
    """
    parameters: dict[str, object] = {
        "plan": plan,
        "indicators": indicators,
        "area_level": area_level,
        "area_code": area_code,
    }
    return sql, parameters
