"""Queries for one past period (``?year=…`` on the districts, region and district views).

The yearly tables (``indicator_yearly``, ``node_yearly``) hold, per area and
year, the value, the realization and the realization expected in that year.
Status and trend are assessed only for the latest data (the progress tables:
see :mod:`warehouse.queries`), so the rows here carry ``status`` and ``trend``
as None: a past year is shown as its value and its realization against that
year's expected realization, never with today's status.

``node`` may be the plan code: the whole plan, the weighted mean of its
top-level nodes per year, as :func:`warehouse.queries.node_yearly` rolls it up.
Only precomputed rows are read; nothing here touches ``measurements``.
"""

from __future__ import annotations

import duckdb
import pandas as pd


def _frame(connection: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, object]) -> pd.DataFrame:
    return connection.execute(sql, parameters).df()


def years_with_data(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str | None = None,
    node: str | None = None,
    area_level: str = "district",
    area_code: str | None = None,
) -> list[int]:
    """The years, oldest first, in which ``indicator`` has a value or ``node`` a realization in
    some area of ``area_level`` (or in ``area_code`` only)."""
    sql = """
        select year from indicator_yearly
        where plan_code = $plan and $indicator::varchar is not null and indicator_code = $indicator::varchar
          and area_level = $area_level and ($area_code::varchar is null or area_code = $area_code::varchar)
          and value is not null
        union
        select y.year from node_yearly y
        join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code
        where y.plan_code = $plan and $node::varchar is not null
          and (y.node_code = $node::varchar or ($node::varchar = $plan and n.depth = 0))
          and y.area_level = $area_level and ($area_code::varchar is null or y.area_code = $area_code::varchar)
          and y.realization_pct is not null
        order by year
    """
    rows = connection.execute(
        sql, {"plan": plan, "indicator": indicator, "node": node, "area_level": area_level, "area_code": area_code}
    ).fetchall()
    return [int(year) for (year,) in rows]


def area_values_in_year(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    year: int,
    indicator: str | None = None,
    node: str | None = None,
    area_level: str = "district",
) -> pd.DataFrame:
    """For a map of one past period: every district (or region) with ``indicator``'s value,
    realization and expected realization in ``year``, or ``node``'s realization and expected
    realization (the columns of :func:`warehouse.queries.area_values` and ``expected_pct``; status and trend None)."""
    sql = """
        with areas as (
            select area_code, name_tr, name_en, region_code, position
            from plan_areas where plan_code = $plan and area_level = $area_level
        ),
        measured as (
            select area_code, value, realization_pct, expected_pct
            from indicator_yearly
            where plan_code = $plan and $indicator::varchar is not null and indicator_code = $indicator::varchar
              and area_level = $area_level and year = $year
            union all
            select y.area_code, null, y.realization_pct, y.expected_pct
            from node_yearly y
            where y.plan_code = $plan and $node::varchar is not null and $node::varchar <> $plan
              and y.node_code = $node::varchar and y.area_level = $area_level and y.year = $year
            union all
            select y.area_code, null,
                   sum(n.weight * y.realization_pct) / sum(case when y.realization_pct is not null then n.weight end),
                   sum(n.weight * y.expected_pct) / sum(case when y.expected_pct is not null then n.weight end)
            from node_yearly y
            join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code and n.depth = 0
            where y.plan_code = $plan and $node::varchar = $plan and y.area_level = $area_level and y.year = $year
            group by y.area_code
        )
        select a.area_code, a.name_tr, a.name_en, a.region_code, m.value,
               case when m.value is not null or m.realization_pct is not null then $year end as latest_year,
               m.realization_pct, m.expected_pct, null::varchar as status, null::varchar as trend,
               coalesce((select bool_or(p.is_demo) from indicator_progress p
                         where p.plan_code = $plan and p.area_code = a.area_code and p.area_level = $area_level
                           and ($indicator::varchar is null or p.indicator_code = $indicator::varchar)), false)
                   as is_demo
        from areas a left join measured m on m.area_code = a.area_code
        order by a.position, a.area_code
    """
    return _frame(
        connection, sql, {"plan": plan, "indicator": indicator, "node": node, "year": year, "area_level": area_level}
    )


def district_league_in_year(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    year: int,
    indicator: str | None = None,
    node: str | None = None,
    area_level: str = "district",
) -> pd.DataFrame:
    """:func:`warehouse.queries.district_league` for one past ``year``: districts (or regions) ranked by that year's
    value of ``indicator`` in its good direction, or by ``node``'s realization that year, best
    first, with the gap to the best one and that year's expected realization (status, trend None)."""
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
            select area_code, value, realization_pct, expected_pct, value * (select sign from direction) as merit
            from indicator_yearly
            where plan_code = $plan and $indicator::varchar is not null and indicator_code = $indicator::varchar
              and area_level = $area_level and year = $year
            union all
            select area_code, null, realization_pct, expected_pct, realization_pct
            from node_yearly
            where plan_code = $plan and $node::varchar is not null and $node::varchar <> $plan
              and node_code = $node::varchar and area_level = $area_level and year = $year
            union all
            select area_code, null, realization_pct, expected_pct, realization_pct
            from (select y.area_code,
                         sum(n.weight * y.realization_pct)
                             / sum(case when y.realization_pct is not null then n.weight end) as realization_pct,
                         sum(n.weight * y.expected_pct)
                             / sum(case when y.expected_pct is not null then n.weight end) as expected_pct
                  from node_yearly y
                  join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code and n.depth = 0
                  where y.plan_code = $plan and $node::varchar = $plan and y.area_level = $area_level
                    and y.year = $year
                  group by y.area_code)
        )
        select case when m.merit is null then null
                    else rank() over (order by m.merit desc nulls last) end as rank,
               a.area_code, a.name_tr, a.name_en, m.value,
               case when m.merit is not null then $year end as latest_year, m.realization_pct, m.expected_pct,
               null::varchar as status, null::varchar as trend,
               abs(max(m.merit) over () - m.merit) as gap_to_best,
               count(m.merit) over () as ranked,
               (select precision from indicators
                where plan_code = $plan and indicator_code = $indicator::varchar) as precision
        from areas a left join measured m on m.area_code = a.area_code
        order by m.merit desc nulls last, a.name_tr collate tr
    """
    return _frame(
        connection, sql, {"plan": plan, "indicator": indicator, "node": node, "year": year, "area_level": area_level}
    )


def district_scorecard_in_year(
    connection: duckdb.DuckDBPyConnection, *, plan: str, district: str, year: int
) -> pd.DataFrame:
    """:func:`warehouse.queries.district_scorecard` for one past ``year``: every node's realization and expected
    realization that year in the district and in the province, and the district's rank that year."""
    sql = """
        with ranked as (
            select node_code, area_code, realization_pct, expected_pct,
                   rank() over (partition by node_code order by realization_pct desc nulls last) as rank,
                   count(realization_pct) over (partition by node_code) as ranked
            from node_yearly
            where plan_code = $plan and area_level = 'district' and year = $year
        )
        select n.node_code, n.depth, n.parent_code, n.sort_key, n.title_tr, n.title_en, n.provenance,
               d.realization_pct, d.expected_pct,
               case when d.realization_pct is null then null else d.rank end as rank, d.ranked,
               p.realization_pct as province_realization_pct, p.expected_pct as province_expected_pct
        from plan_nodes n
        left join ranked d on d.node_code = n.node_code and d.area_code = $district
        left join node_yearly p
          on p.plan_code = n.plan_code and p.node_code = n.node_code and p.area_level = 'province'
         and p.area_code = (select province_code from plans where plan_code = $plan) and p.year = $year
        where n.plan_code = $plan
        order by n.sort_key
    """
    return _frame(connection, sql, {"plan": plan, "district": district, "year": year})


def district_indicators_in_year(
    connection: duckdb.DuckDBPyConnection, *, plan: str, district: str, year: int
) -> pd.DataFrame:
    """:func:`warehouse.queries.district_indicators` for one past ``year``: each district-level indicator's value,
    realization and expected realization that year in the district and in the province, and the
    district's rank that year (by value in the indicator's good direction)."""
    sql = """
        with ranked as (
            select y.indicator_code, y.area_code, y.value, y.realization_pct, y.expected_pct,
                   rank() over (partition by y.indicator_code
                                order by y.value * case when i.direction = 'decrease' then -1 else 1 end
                                desc nulls last) as rank,
                   count(y.value) over (partition by y.indicator_code) as ranked
            from indicator_yearly y
            join indicators i on i.plan_code = y.plan_code and i.indicator_code = y.indicator_code
            where y.plan_code = $plan and y.area_level = 'district' and y.year = $year
        )
        select i.indicator_code, i.goal_code, i.sort_key, i.name_tr, i.name_en, i.unit, i.provenance, i.precision,
               d.value as latest_value, case when d.value is not null then $year end as latest_year,
               d.realization_pct, d.expected_pct, null::varchar as status, null::varchar as trend,
               coalesce(s.is_demo, false) as is_demo,
               case when d.value is null then null else d.rank end as rank, d.ranked,
               p.value as province_value, p.realization_pct as province_realization_pct,
               p.expected_pct as province_expected_pct
        from indicators i
        join ranked d on d.indicator_code = i.indicator_code and d.area_code = $district
        left join indicator_progress s
          on s.plan_code = i.plan_code and s.indicator_code = i.indicator_code and s.area_level = 'district'
         and s.area_code = $district
        left join indicator_yearly p
          on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code and p.area_level = 'province'
         and p.area_code = (select province_code from plans where plan_code = $plan) and p.year = $year
        where i.plan_code = $plan
        order by i.sort_key
    """
    return _frame(connection, sql, {"plan": plan, "district": district, "year": year})
