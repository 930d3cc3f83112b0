"""Named read queries for the dashboard and the exports: one question each.

Every function takes a cursor from :meth:`warehouse.Reader.connect` and
keyword-only arguments, passes values as parameters (never formatted into the
SQL) and returns a small DataFrame ready to plot or tabulate. They read the
precomputed progress tables; none aggregates raw measurements except the
freshness and load summaries, which read ``load_runs``.

Conventions
-----------
``plan``
    The plan code (every row carries it: one warehouse holds several plans).
``area_level`` / ``area_code``
    ``'province'`` (``area_code`` None means the plan's own province code: see
    :func:`area_code_of`), ``'region'`` or ``'district'``.
``scope``
    A node code (an axis, a priority, an aim …): limits the result to that node
    and everything below it, the rows whose ``plan_nodes.path`` contains it. None
    means the whole plan.

Missing progress rows (a node or indicator without data) come back with the
status ``'not_available'`` and the trend ``'none'``, never as absent rows, so a
page always shows every node of the plan.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

#: Oldest acceptable data per indicator frequency, for inbox sources and sources without a schedule.
MAX_AGE_DAYS = {"monthly": 45, "quarterly": 120, "yearly": 400}


def turkish_fold(text: str) -> str:
    """Case-fold Turkish text the way the search SQL does: I→ı and İ→i, then lower."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def _frame(connection: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, object]) -> pd.DataFrame:
    return connection.execute(sql, parameters).df()


def area_code_of(connection: duckdb.DuckDBPyConnection, *, plan: str, area_code: str | None) -> str | None:
    """``area_code``, or the plan's own province code when it is None (None for an unknown plan)."""
    if area_code is not None:
        return area_code
    sql = "select province_code from plans where plan_code = $plan"
    rows = connection.execute(sql, {"plan": plan}).fetchall()
    return rows[0][0] if rows else None


# ---------------------------------------------------------------- plan and nodes


def plan_overview(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    scope: str | None = None,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """One row: realization, expected, status and trend of the plan (or of ``scope``) in one area,
    with the number of indicators, whether any of them is demo data and the newest load time."""
    sql = """
        with in_scope as (
            select i.indicator_code
            from indicators i join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
            where i.plan_code = $plan and ($scope::varchar is null or list_contains(g.path, $scope::varchar))
        )
        select coalesce($scope::varchar, $plan) as node_code,
               p.realization_pct, p.expected_pct, p.score,
               coalesce(p.status, 'not_available') as status, coalesce(p.trend, 'none') as trend,
               p.coverage, p.children, p.children_with_data, p.withheld, p.alarm_score, p.note,
               (select count(*) from in_scope) as indicators,
               (select coalesce(bool_or(ip.is_demo), false) from indicator_progress ip
                where ip.plan_code = $plan and ip.indicator_code in (select indicator_code from in_scope))
                   as is_demo,
               (select max(ip.last_loaded_at) from indicator_progress ip
                where ip.plan_code = $plan and ip.indicator_code in (select indicator_code from in_scope))
                   as last_loaded_at
        from (select 1) as one
        left join node_progress p
          on p.plan_code = $plan and p.node_code = coalesce($scope::varchar, $plan)
         and p.area_level = $area_level and p.area_code = $area_code
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "scope": scope,
            "area_level": area_level,
            "area_code": area_code_of(connection, plan=plan, area_code=area_code),
        },
    )


def node_progress(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    area_level: str = "province",
    area_code: str | None = None,
    scope: str | None = None,
    depth: int | None = None,
) -> pd.DataFrame:
    """Every node of the plan (or under ``scope``, itself included) in plan order, with its
    progress in one area, its parent and its top-level ancestor (``root_code``)."""
    sql = """
        select n.node_code, n.depth, n.level_key, n.parent_code, n.root_code, n.sort_key, n.position,
               n.title_tr, n.title_en, n.provenance, n.weight,
               p.realization_pct, p.expected_pct, p.score,
               coalesce(p.status, 'not_available') as status, coalesce(p.trend, 'none') as trend,
               coalesce(p.coverage, 0.0) as coverage, p.children, p.children_with_data,
               p.worst_children, p.alarm_score, coalesce(p.withheld, true) as withheld, p.note
        from plan_nodes n
        left join node_progress p
          on p.plan_code = n.plan_code and p.node_code = n.node_code
         and p.area_level = $area_level and p.area_code = $area_code
        where n.plan_code = $plan
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
          and ($depth::integer is null or n.depth = $depth::integer)
        order by n.sort_key
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "area_level": area_level,
            "area_code": area_code_of(connection, plan=plan, area_code=area_code),
            "scope": scope,
            "depth": depth,
        },
    )


def goal_tiles(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    scope: str | None = None,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """Every goal (node of the deepest level) under ``scope`` with its parent group, realization,
    status, trend and number of indicators, in plan order."""
    sql = """
        with goals as (
            select n.* from plan_nodes n
            where n.plan_code = $plan and n.depth = (select max(depth) from plan_nodes where plan_code = $plan)
        )
        select g.node_code, g.title_tr, g.title_en, g.provenance, g.sort_key,
               g.parent_code as group_code, parent.title_tr as group_title_tr, parent.title_en as group_title_en,
               parent.provenance as group_provenance, parent.sort_key as group_sort_key,
               p.realization_pct, p.expected_pct, p.score,
               coalesce(p.status, 'not_available') as status, coalesce(p.trend, 'none') as trend,
               coalesce(p.coverage, 0.0) as coverage,
               (select count(*) from indicators i where i.plan_code = $plan and i.goal_code = g.node_code)
                   as indicators
        from goals g
        left join plan_nodes parent on parent.plan_code = g.plan_code and parent.node_code = g.parent_code
        left join node_progress p
          on p.plan_code = g.plan_code and p.node_code = g.node_code
         and p.area_level = $area_level and p.area_code = $area_code
        where $scope::varchar is null or list_contains(g.path, $scope::varchar)
        order by g.sort_key
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "scope": scope,
            "area_level": area_level,
            "area_code": area_code_of(connection, plan=plan, area_code=area_code),
        },
    )


def status_counts(connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None = None) -> pd.DataFrame:
    """Number of goals and of indicators per status for each top-level node (province values):
    columns root_code, kind ('goal' or 'indicator'), status, count."""
    sql = """
        with province as (select province_code as code from plans where plan_code = $plan),
        goals as (
            select n.root_code, coalesce(p.status, 'not_available') as status
            from plan_nodes n
            left join node_progress p
              on p.plan_code = n.plan_code and p.node_code = n.node_code
             and p.area_level = 'province' and p.area_code = (select code from province)
            where n.plan_code = $plan
              and n.depth = (select max(depth) from plan_nodes where plan_code = $plan)
              and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
        ),
        measured as (
            select g.root_code, coalesce(p.status, 'not_available') as status
            from indicators i
            join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
            left join indicator_progress p
              on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code
             and p.area_level = 'province' and p.area_code = (select code from province)
            where i.plan_code = $plan
              and ($scope::varchar is null or list_contains(g.path, $scope::varchar))
        )
        select root_code, 'goal' as kind, status, count(*) as count from goals group by all
        union all
        select root_code, 'indicator' as kind, status, count(*) as count from measured group by all
        order by root_code, kind, status
    """
    return _frame(connection, sql, {"plan": plan, "scope": scope})


def lagging_goals(
    connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None = None, limit: int = 12
) -> pd.DataFrame:
    """Goals in deterioration, limited progress or needing acceleration (province), worst score first."""
    sql = """
        select n.node_code, n.title_tr, n.title_en, n.provenance, p.realization_pct, p.expected_pct,
               p.score, p.status, p.trend, p.worst_children
        from node_progress p
        join plan_nodes n on n.plan_code = p.plan_code and n.node_code = p.node_code
        where p.plan_code = $plan and p.area_level = 'province'
          and p.area_code = (select province_code from plans where plan_code = $plan)
          and n.depth = (select max(depth) from plan_nodes where plan_code = $plan)
          and p.status in ('deterioration', 'limited', 'acceleration_needed')
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
        order by case p.status when 'deterioration' then 0 when 'limited' then 1 else 2 end, p.score, n.sort_key
        limit $limit
    """
    return _frame(connection, sql, {"plan": plan, "scope": scope, "limit": limit})


def node_yearly(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    node: str,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """Realization and expected realization per year of a node, or of the whole plan (``node`` = the
    plan code: the weighted mean of its top-level nodes, as the engine rolls the plan up)."""
    sql = """
        select year, realization_pct, expected_pct
        from node_yearly
        where plan_code = $plan and node_code = $node and area_level = $area_level
          and area_code = $area_code
        union all
        select y.year,
               sum(n.weight * y.realization_pct) / sum(case when y.realization_pct is not null then n.weight end),
               sum(n.weight * y.expected_pct) / sum(case when y.expected_pct is not null then n.weight end)
        from node_yearly y
        join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code and n.depth = 0
        where y.plan_code = $plan and $node = $plan and y.area_level = $area_level
          and y.area_code = $area_code
        group by y.year
        order by year
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "node": node,
            "area_level": area_level,
            "area_code": area_code_of(connection, plan=plan, area_code=area_code),
        },
    )


# ---------------------------------------------------------------- indicators


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
    sql = """
        select i.indicator_code, i.goal_code, i.position, i.sort_key, i.name_tr, i.name_en, i.unit,
               i.direction as planned_direction, i.baseline_year as plan_baseline_year,
               i.baseline_value as plan_baseline_value, i.target_year as plan_target_year,
               i.target_value as plan_target_value, i.weight, i.frequency, i.level, i.aggregation,
               i.measure as planned_measure, i.data_source, s.name_tr as source_name_tr,
               s.name_en as source_name_en, s.url as source_url, i.responsible_unit,
               i.definition_tr, i.definition_en, i.provenance, i.precision,
               $area_level as area_level, $area_code::varchar as area_code,
               p.method, p.data_points, p.base_year, p.base_value, p.latest_year, p.latest_value,
               p.target_year, p.target_value, p.realization_pct, p.expected_pct, p.expected_now_pct,
               p.pace_ratio, p.score, coalesce(p.status, 'not_available') as status, p.thresholds,
               coalesce(p.trend, 'none') as trend, p.trend_ratio, p.actual_pace, p.required_pace,
               p.projected_year, p.projection, p.flags, p.note,
               p.last_run_id, p.last_source_id, p.last_loaded_at, coalesce(p.is_demo, false) as is_demo,
               r.file_name as last_file_name, r.finished_at as last_run_finished_at
        from indicators i
        join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
        left join data_sources s on s.plan_code = i.plan_code and s.source_id = i.data_source
        left join indicator_progress p
          on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code
         and p.area_level = $area_level and p.area_code = $area_code
        left join load_runs r on r.run_id = p.last_run_id
        where i.plan_code = $plan
          and ($goal::varchar is null or i.goal_code = $goal::varchar)
          and ($indicator::varchar is null or i.indicator_code = $indicator::varchar)
          and ($scope::varchar is null or list_contains(g.path, $scope::varchar))
        order by i.sort_key
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "goal": goal,
            "indicator": indicator,
            "scope": scope,
            "area_level": area_level,
            "area_code": area_code_of(connection, plan=plan, area_code=area_code),
        },
    )


def indicator_yearly(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """Yearly value, expected-path value, realization and expected realization of an indicator."""
    sql = """
        select year, value, path_value, realization_pct, expected_pct
        from indicator_yearly
        where plan_code = $plan and indicator_code = $indicator and area_level = $area_level
          and area_code = $area_code
        order by year
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "indicator": indicator,
            "area_level": area_level,
            "area_code": area_code_of(connection, plan=plan, area_code=area_code),
        },
    )


# ---------------------------------------------------------------- districts and equity


def area_values(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str | None = None,
    node: str | None = None,
    area_level: str = "district",
) -> pd.DataFrame:
    """For a map: every district (or region) of the plan with the latest value, realization and
    status of ``indicator``, or the realization and status of ``node`` (exactly one of them)."""
    sql = """
        with areas as (
            select area_code, name_tr, name_en, region_code, position
            from plan_areas where plan_code = $plan and area_level = $area_level
        ),
        measured as (
            select area_code, latest_value as value, latest_year, realization_pct, status, trend, is_demo
            from indicator_progress
            where plan_code = $plan and $indicator::varchar is not null and indicator_code = $indicator::varchar
              and area_level = $area_level
            union all
            select area_code, null, null, realization_pct, status, trend, null
            from node_progress
            where plan_code = $plan and $node::varchar is not null and node_code = $node::varchar
              and area_level = $area_level
        )
        select a.area_code, a.name_tr, a.name_en, a.region_code, m.value, m.latest_year, m.realization_pct,
               coalesce(m.status, 'not_available') as status, coalesce(m.trend, 'none') as trend,
               coalesce(m.is_demo, false) as is_demo
        from areas a left join measured m on m.area_code = a.area_code
        order by a.position, a.area_code
    """
    return _frame(connection, sql, {"plan": plan, "indicator": indicator, "node": node, "area_level": area_level})


def district_league(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str | None = None,
    node: str | None = None,
    area_level: str = "district",
) -> pd.DataFrame:
    """Districts (or regions) ranked for ``indicator`` (by latest value in the indicator's good
    direction) or ``node`` (by realization), best first, with the gap to the best one."""
    sql = """
        with areas as (
            select area_code, name_tr, name_en
            from plan_areas where plan_code = $plan and area_level = $area_level
        ),
        direction as (
            select case when $indicator::varchar is null then 1
                        when any_value(direction) = 'decrease' then -1 else 1 end as sign
            from indicators where plan_code = $plan and indicator_code = $indicator::varchar
        ),
        measured as (
            select area_code, latest_value as value, latest_year, realization_pct, status, trend,
                   latest_value * (select sign from direction) as merit
            from indicator_progress
            where plan_code = $plan and $indicator::varchar is not null and indicator_code = $indicator::varchar
              and area_level = $area_level
            union all
            select area_code, null, null, realization_pct, status, trend, realization_pct
            from node_progress
            where plan_code = $plan and $node::varchar is not null and node_code = $node::varchar
              and area_level = $area_level
        )
        select case when m.merit is null then null
                    else rank() over (order by m.merit desc nulls last) end as rank,
               a.area_code, a.name_tr, a.name_en, m.value, m.latest_year, m.realization_pct,
               coalesce(m.status, 'not_available') as status, coalesce(m.trend, 'none') as trend,
               abs(max(m.merit) over () - m.merit) as gap_to_best,
               count(m.merit) over () as ranked,
               (select precision from indicators
                where plan_code = $plan and indicator_code = $indicator::varchar) as precision
        from areas a left join measured m on m.area_code = a.area_code
        order by m.merit desc nulls last, a.name_tr collate tr
    """
    return _frame(connection, sql, {"plan": plan, "indicator": indicator, "node": node, "area_level": area_level})


def district_scorecard(connection: duckdb.DuckDBPyConnection, *, plan: str, district: str) -> pd.DataFrame:
    """Every node of the plan in one district next to the province: realization and status in
    both, and the district's rank among the districts with a value (1 = best)."""
    sql = """
        with ranked as (
            select node_code, area_code, realization_pct, status, trend,
                   rank() over (partition by node_code order by realization_pct desc nulls last) as rank,
                   count(realization_pct) over (partition by node_code) as ranked
            from node_progress
            where plan_code = $plan and area_level = 'district'
        )
        select n.node_code, n.depth, n.parent_code, n.sort_key, n.title_tr, n.title_en, n.provenance,
               d.realization_pct, coalesce(d.status, 'not_available') as status,
               coalesce(d.trend, 'none') as trend,
               case when d.realization_pct is null then null else d.rank end as rank, d.ranked,
               p.realization_pct as province_realization_pct,
               coalesce(p.status, 'not_available') as province_status
        from plan_nodes n
        left join ranked d on d.node_code = n.node_code and d.area_code = $district
        left join node_progress p
          on p.plan_code = n.plan_code and p.node_code = n.node_code and p.area_level = 'province'
         and p.area_code = (select province_code from plans where plan_code = $plan)
        where n.plan_code = $plan
        order by n.sort_key
    """
    return _frame(connection, sql, {"plan": plan, "district": district})


def district_indicators(connection: duckdb.DuckDBPyConnection, *, plan: str, district: str) -> pd.DataFrame:
    """The district-level indicators of the plan in one district next to the province, with the
    district's rank among the districts for each (by value in the indicator's good direction)."""
    sql = """
        with ranked as (
            select p.indicator_code, p.area_code, p.latest_value, p.latest_year, p.realization_pct,
                   p.status, p.trend, p.is_demo,
                   rank() over (partition by p.indicator_code
                                order by p.latest_value * case when i.direction = 'decrease' then -1 else 1 end
                                desc nulls last) as rank,
                   count(p.latest_value) over (partition by p.indicator_code) as ranked
            from indicator_progress p
            join indicators i on i.plan_code = p.plan_code and i.indicator_code = p.indicator_code
            where p.plan_code = $plan and p.area_level = 'district'
        )
        select i.indicator_code, i.goal_code, i.sort_key, i.name_tr, i.name_en, i.unit, i.provenance, i.precision,
               d.latest_value, d.latest_year, d.realization_pct, coalesce(d.status, 'not_available') as status,
               coalesce(d.trend, 'none') as trend, coalesce(d.is_demo, false) as is_demo,
               case when d.latest_value is null then null else d.rank end as rank, d.ranked,
               p.latest_value as province_value, p.realization_pct as province_realization_pct,
               coalesce(p.status, 'not_available') as province_status
        from indicators i
        join ranked d on d.indicator_code = i.indicator_code and d.area_code = $district
        left join indicator_progress p
          on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code and p.area_level = 'province'
         and p.area_code = (select province_code from plans where plan_code = $plan)
        where i.plan_code = $plan
        order by i.sort_key
    """
    return _frame(connection, sql, {"plan": plan, "district": district})


def equity_spread_over_time(
    connection: duckdb.DuckDBPyConnection, *, plan: str, indicator: str, area_level: str = "district"
) -> pd.DataFrame:
    """Per year: how many districts have a value, their minimum, maximum, mean, standard deviation,
    range (max − min) and coefficient of variation (std ÷ |mean|)."""
    sql = """
        select year, count(value) as areas, min(value) as minimum, max(value) as maximum,
               avg(value) as mean, stddev_pop(value) as deviation, max(value) - min(value) as spread,
               case when avg(value) = 0 then null else stddev_pop(value) / abs(avg(value)) end as variation
        from indicator_yearly
        where plan_code = $plan and indicator_code = $indicator and area_level = $area_level
          and value is not null
        group by year
        having count(value) >= 2
        order by year
    """
    return _frame(connection, sql, {"plan": plan, "indicator": indicator, "area_level": area_level})


# ---------------------------------------------------------------- search


def search(connection: duckdb.DuckDBPyConnection, *, plan: str, text: str, limit: int = 40) -> pd.DataFrame:
    """Nodes and indicators whose code starts with ``text`` or whose Turkish or English title
    contains it, Turkish-aware ("izmir" finds "İZMİR", "ısı" finds "ISI"); codes first."""
    needle = turkish_fold(text.strip())
    if not needle:
        return pd.DataFrame(columns=["kind", "code", "depth", "title_tr", "title_en", "provenance", "sort_key"])
    sql = """
        with entries as (
            select 'node' as kind, node_code as code, depth, title_tr, title_en, provenance, sort_key
            from plan_nodes where plan_code = $plan
            union all
            select 'indicator', indicator_code, null, name_tr, name_en, provenance, sort_key
            from indicators where plan_code = $plan
        )
        select kind, code, depth, title_tr, title_en, provenance, sort_key
        from entries
        where lower(code) like $needle || '%'
           or contains(lower(replace(replace(title_tr, 'I', 'ı'), 'İ', 'i')), $needle)
           or contains(lower(replace(replace(title_en, 'I', 'ı'), 'İ', 'i')), $needle)
           or contains(lower(title_en), $needle)
        order by case when lower(code) like $needle || '%' then 0 else 1 end, sort_key
        limit $limit
    """
    return _frame(connection, sql, {"plan": plan, "needle": needle, "limit": limit})


# ---------------------------------------------------------------- loads and freshness


def last_load(connection: duckdb.DuckDBPyConnection, *, plan: str | None = None) -> pd.DataFrame:
    """The newest successful load (of ``plan``, or touching every plan when its plan is unset):
    run id, source, file, finish time, rows loaded, demo flag. Empty before the first load."""
    sql = """
        select run_id, plan_code, source_id, file_name, started_at, finished_at, rows_loaded, rows_rejected,
               is_demo
        from load_runs
        where status = 'loaded' and ($plan::varchar is null or plan_code is null or plan_code = $plan::varchar)
        order by finished_at desc nulls last, run_id desc
        limit 1
    """
    return _frame(connection, sql, {"plan": plan})


def freshness(connection: duckdb.DuckDBPyConnection, *, plan: str, as_of: datetime) -> pd.DataFrame:
    """Per load source of ``plan``'s data: its newest successful load and whether that is stale at ``as_of``.

    A scheduled file or HTTP source is stale when its newest successful load is older than the longest
    gap between its scheduled runs plus the misfire grace (``source_schedules``, recorded by the
    scheduler): a run it should have made is missing or failed. Inbox sources (files arrive when staff
    send them) and sources without a schedule are stale when the data is older than the frequency of
    the indicators they deliver allows (MAX_AGE_DAYS). ``rule`` says which test applied."""
    sql = """
        with delivered as (
            select p.last_source_id as source_id,
                   min(case i.frequency when 'monthly' then $monthly when 'quarterly' then $quarterly
                       else $yearly end) as max_age_days,
                   bool_or(p.is_demo) as is_demo
            from indicator_progress p
            join indicators i on i.plan_code = p.plan_code and i.indicator_code = p.indicator_code
            where p.plan_code = $plan and p.last_source_id is not null
            group by p.last_source_id
        ),
        loads as (
            select source_id, max(finished_at) as last_loaded_at
            from load_runs
            where status = 'loaded' and (plan_code is null or plan_code = $plan)
            group by source_id
        ),
        judged as (
            select d.source_id, l.last_loaded_at, d.max_age_days, d.is_demo, s.schedule,
                   s.source_id is not null and s.kind <> 'inbox' as by_schedule,
                   date_diff('day', l.last_loaded_at, $as_of::timestamp) as age_days,
                   date_diff('second', l.last_loaded_at, $as_of::timestamp) as age_seconds,
                   s.interval_seconds + s.grace_seconds as allowed_seconds
            from delivered d
            left join loads l on l.source_id = d.source_id
            left join source_schedules s on s.source_id = d.source_id
        )
        select source_id, last_loaded_at, max_age_days, is_demo, schedule, age_days,
               case when by_schedule then 'schedule' else 'frequency' end as rule,
               coalesce(case when by_schedule then age_seconds > allowed_seconds
                             else age_days > max_age_days end, true) as stale
        from judged
        order by source_id
    """
    return _frame(
        connection,
        sql,
        {
            "plan": plan,
            "as_of": as_of,
            "monthly": MAX_AGE_DAYS["monthly"],
            "quarterly": MAX_AGE_DAYS["quarterly"],
            "yearly": MAX_AGE_DAYS["yearly"],
        },
    )
