"""One district against the other districts and the province: its scorecard across the plan's
nodes and its district-level indicators (see :mod:`warehouse.queries` for the conventions).

Both read the results of every district and of the province from one of two sources: the progress
tables for the latest data (status and trend included), the yearly tables for one year ($year).
"""

from __future__ import annotations

import duckdb
import pandas as pd

#: Every district's and the province's result for each node, latest data.
LATEST_NODE_RESULTS = """
    select node_code, area_level, area_code, realization_pct, expected_pct, status, trend
    from node_progress
    where plan_code = $plan and area_level in ('district', 'province')
"""

#: Every district's and the province's result for each node in $year.
NODE_RESULTS_IN_YEAR = """
    select node_code, area_level, area_code, realization_pct, expected_pct, null as status, null as trend
    from node_yearly
    where plan_code = $plan and area_level in ('district', 'province') and year = $year
"""

#: Every district's and the province's result for each indicator, latest data.
LATEST_INDICATOR_RESULTS = """
    select indicator_code, area_level, area_code, latest_value as value, latest_year, realization_pct,
           expected_pct, status, trend
    from indicator_progress
    where plan_code = $plan and area_level in ('district', 'province')
"""

#: Every district's and the province's result for each indicator in $year.
INDICATOR_RESULTS_IN_YEAR = """
    select indicator_code, area_level, area_code, value,
           case when value is not null then year end as latest_year, realization_pct, expected_pct,
           null as status, null as trend
    from indicator_yearly
    where plan_code = $plan and area_level in ('district', 'province') and year = $year
"""


def district_scorecard(
    connection: duckdb.DuckDBPyConnection, *, plan: str, district: str, year: int | None = None
) -> pd.DataFrame:
    """Every node of the plan in one district next to the province: realization and expected
    realization in both, the district's rank among the districts with a value (1 = best), and
    status and trend for the latest data (None for a past ``year``)."""
    results = LATEST_NODE_RESULTS if year is None else NODE_RESULTS_IN_YEAR
    sql = f"""
        with results as ({results}),
        ranked as (
            select *, rank() over (partition by node_code order by realization_pct desc nulls last) as rank,
                   count(realization_pct) over (partition by node_code) as ranked
            from results
            where area_level = 'district'
        )
        select n.node_code, n.depth, n.parent_code, n.sort_key, n.title_tr, n.title_en, n.provenance,
               d.realization_pct, d.expected_pct,
               case when $year::integer is null then coalesce(d.status, 'not_available') end as status,
               case when $year::integer is null then coalesce(d.trend, 'none') end as trend,
               case when d.realization_pct is null then null else d.rank end as rank, d.ranked,
               p.realization_pct as province_realization_pct, p.expected_pct as province_expected_pct,
               case when $year::integer is null then coalesce(p.status, 'not_available') end as province_status
        from plan_nodes n
        left join ranked d on d.node_code = n.node_code and d.area_code = $district
        left join results p
          on p.node_code = n.node_code and p.area_level = 'province'
         and p.area_code = (select province_code from plans where plan_code = $plan)
        where n.plan_code = $plan
        order by n.sort_key
    """  # noqa: S608 - a constant source, values as parameters
    return connection.execute(sql, {"plan": plan, "district": district, "year": year}).df()


def district_indicators(
    connection: duckdb.DuckDBPyConnection, *, plan: str, district: str, year: int | None = None
) -> pd.DataFrame:
    """The district-level indicators of the plan in one district next to the province, with the
    district's rank among the districts for each (by value in the indicator's good direction):
    the latest values with status and trend, or (``year``) that year's values, realization and
    expected realization (status and trend None). ``is_demo`` is the district's demo flag."""
    results = LATEST_INDICATOR_RESULTS if year is None else INDICATOR_RESULTS_IN_YEAR
    sql = f"""
        with results as ({results}),
        ranked as (
            select r.*,
                   rank() over (partition by r.indicator_code
                                order by r.value * case when i.direction = 'decrease' then -1 else 1 end
                                desc nulls last) as rank,
                   count(r.value) over (partition by r.indicator_code) as ranked
            from results r
            join indicators i on i.plan_code = $plan and i.indicator_code = r.indicator_code
            where r.area_level = 'district'
        )
        select i.indicator_code, i.goal_code, i.sort_key, i.name_tr, i.name_en, i.unit, i.provenance, i.precision,
               d.value as latest_value, d.latest_year, d.realization_pct, d.expected_pct,
               case when $year::integer is null then coalesce(d.status, 'not_available') end as status,
               case when $year::integer is null then coalesce(d.trend, 'none') end as trend,
               coalesce(s.is_demo, false) as is_demo,
               case when d.value is null then null else d.rank end as rank, d.ranked,
               p.value as province_value, p.realization_pct as province_realization_pct,
               p.expected_pct as province_expected_pct,
               case when $year::integer is null then coalesce(p.status, 'not_available') end as province_status
        from indicators i
        join ranked d on d.indicator_code = i.indicator_code and d.area_code = $district
        left join indicator_progress s
          on s.plan_code = i.plan_code and s.indicator_code = i.indicator_code and s.area_level = 'district'
         and s.area_code = $district
        left join results p
          on p.indicator_code = i.indicator_code and p.area_level = 'province'
         and p.area_code = (select province_code from plans where plan_code = $plan)
        where i.plan_code = $plan
        order by i.sort_key
    """  # noqa: S608 - a constant source, values as parameters
    return connection.execute(sql, {"plan": plan, "district": district, "year": year}).df()
