"""The plan's and its nodes' questions as the pages asked them before :mod:`warehouse.queries.standing`,
one narrow question per view (overview, tree, goal tiles, status counts, lagging goals, a node's years,
an indicator's years).

Kept here as the reference the standing's derivations are checked against (tests/warehouse/test_standing.py):
each answers what a view shows straight from the warehouse's tables, with SQL written for that view alone.
"""

from __future__ import annotations

import duckdb
import pandas as pd


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
               p.coverage, p.children, p.children_with_data, p.withheld, p.worst_children, p.alarm_score, p.note,
               (select count(*) from in_scope) as indicators,
               coalesce(loads.is_demo, false) as is_demo, loads.last_loaded_at
        from (
            -- one pass over every area's indicator results for both (two subqueries read them twice)
            select bool_or(ip.is_demo) as is_demo, max(ip.last_loaded_at) as last_loaded_at
            from indicator_progress ip
            where ip.plan_code = $plan and ip.indicator_code in (select indicator_code from in_scope)
        ) as loads
        left join plans pl on pl.plan_code = $plan
        left join node_progress p
          on p.plan_code = $plan and p.node_code = coalesce($scope::varchar, $plan)
         and p.area_level = $area_level and p.area_code = coalesce($area_code::varchar, pl.province_code)
    """
    parameters = {"plan": plan, "scope": scope, "area_level": area_level, "area_code": area_code}
    return connection.execute(sql, parameters).df()


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
        join plans pl on pl.plan_code = n.plan_code
        left join node_progress p
          on p.plan_code = n.plan_code and p.node_code = n.node_code
         and p.area_level = $area_level and p.area_code = coalesce($area_code::varchar, pl.province_code)
        where n.plan_code = $plan
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
          and ($depth::integer is null or n.depth = $depth::integer)
        order by n.sort_key
    """
    parameters = {"plan": plan, "area_level": area_level, "area_code": area_code, "scope": scope, "depth": depth}
    return connection.execute(sql, parameters).df()


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
        join plans pl on pl.plan_code = g.plan_code
        left join plan_nodes parent on parent.plan_code = g.plan_code and parent.node_code = g.parent_code
        left join node_progress p
          on p.plan_code = g.plan_code and p.node_code = g.node_code
         and p.area_level = $area_level and p.area_code = coalesce($area_code::varchar, pl.province_code)
        where $scope::varchar is null or list_contains(g.path, $scope::varchar)
        order by g.sort_key
    """
    parameters = {"plan": plan, "scope": scope, "area_level": area_level, "area_code": area_code}
    return connection.execute(sql, parameters).df()


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
    return connection.execute(sql, {"plan": plan, "scope": scope}).df()


def lagging_goals(
    connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None = None, limit: int = 12
) -> pd.DataFrame:
    """Goals in deterioration, limited progress, needing acceleration or past their target year without
    reaching it (province), worst status first, then worst score."""
    sql = """
        select n.node_code, n.title_tr, n.title_en, n.provenance, p.realization_pct, p.expected_pct,
               p.score, p.status, p.trend, p.worst_children
        from node_progress p
        join plan_nodes n on n.plan_code = p.plan_code and n.node_code = p.node_code
        where p.plan_code = $plan and p.area_level = 'province'
          and p.area_code = (select province_code from plans where plan_code = $plan)
          and n.depth = (select max(depth) from plan_nodes where plan_code = $plan)
          and p.status in ('deterioration', 'limited', 'acceleration_needed', 'not_achieved')
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
        order by case p.status when 'deterioration' then 0 when 'limited' then 1
                               when 'acceleration_needed' then 2 else 3 end, p.score, n.sort_key
        limit $limit
    """
    return connection.execute(sql, {"plan": plan, "scope": scope, "limit": limit}).df()


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
        select y.year, y.realization_pct, y.expected_pct
        from node_yearly y
        join plans pl on pl.plan_code = y.plan_code
        where y.plan_code = $plan and y.node_code = $node and y.area_level = $area_level
          and y.area_code = coalesce($area_code::varchar, pl.province_code)
        union all
        select y.year,
               sum(n.weight * y.realization_pct) / sum(case when y.realization_pct is not null then n.weight end),
               sum(n.weight * y.expected_pct) / sum(case when y.expected_pct is not null then n.weight end)
        from node_yearly y
        join plans pl on pl.plan_code = y.plan_code
        join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code and n.depth = 0
        where y.plan_code = $plan and $node = $plan and y.area_level = $area_level
          and y.area_code = coalesce($area_code::varchar, pl.province_code)
        group by y.year
        order by year
    """
    parameters = {"plan": plan, "node": node, "area_level": area_level, "area_code": area_code}
    return connection.execute(sql, parameters).df()


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
        select y.year, y.value, y.path_value, y.realization_pct, y.expected_pct
        from indicator_yearly y
        join plans pl on pl.plan_code = y.plan_code
        where y.plan_code = $plan and y.indicator_code = $indicator and y.area_level = $area_level
          and y.area_code = coalesce($area_code::varchar, pl.province_code)
        order by y.year
    """
    parameters = {"plan": plan, "indicator": indicator, "area_level": area_level, "area_code": area_code}
    return connection.execute(sql, parameters).df()
