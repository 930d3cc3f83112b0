"""One district against the other districts and the province: its scorecard across the plan's
nodes and its district-level indicators (see :mod:`warehouse.queries` for the conventions).

Both read the results of every district and of the province from one of two sources: the progress
tables for the latest data (status and trend included), the yearly tables for one year ($year).

A district's rank in the latest data is the one the writer keeps with its results (``area_rank``,
``areas_ranked``: warehouse/ranks.py), read with its row. In a past year it is counted, not sorted: 1 + the
districts with a better result, which is what ``rank()`` over every district gives it (ties share a
rank), for one aggregate over the rows instead of a window that sorts every district's rows of every node
to keep one (issue 16: 50-90 ms → 10 ms at 973 districts). The results are inlined (``not
materialized``): the filters on the district reach the scan instead of a copy of every row; an
indicator's merits (value in its good direction) are kept once, as both sides of the count read them.
"""

from __future__ import annotations

import duckdb
import pandas as pd

#: Every district's and the province's result for each node, latest data.
LATEST_NODE_RESULTS = """
    select node_code, area_level, area_code, realization_pct, expected_pct, status, trend, area_rank, areas_ranked
    from node_progress
    where plan_code = $plan and area_level in ('district', 'province')
"""

#: Every district's and the province's result for each node in $year.
NODE_RESULTS_IN_YEAR = """
    select node_code, area_level, area_code, realization_pct, expected_pct, null as status, null as trend,
           null::integer as area_rank, null::integer as areas_ranked
    from node_yearly
    where plan_code = $plan and area_level in ('district', 'province') and year = $year
"""

#: Every district's and the province's result for each indicator, latest data.
LATEST_INDICATOR_RESULTS = """
    select indicator_code, area_level, area_code, latest_value as value, latest_year, realization_pct,
           expected_pct, status, trend, area_rank, areas_ranked
    from indicator_progress
    where plan_code = $plan and area_level in ('district', 'province')
"""

#: Every district's and the province's result for each indicator in $year.
INDICATOR_RESULTS_IN_YEAR = """
    select indicator_code, area_level, area_code, value,
           case when value is not null then year end as latest_year, realization_pct, expected_pct,
           null as status, null as trend, null::integer as area_rank, null::integer as areas_ranked
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
    standing = (
        "select node_code, areas_ranked::bigint as ranked, area_rank::bigint as rank from mine"
        if year is None
        else """
            select m.node_code, count(r.realization_pct) as ranked,
                   case when any_value(m.realization_pct) is not null
                        then 1 + count(*) filter (where r.realization_pct > m.realization_pct) end as rank
            from mine m
            join results r on r.node_code = m.node_code and r.area_level = 'district'
            group by m.node_code
        """
    )
    sql = f"""
        with results as not materialized ({results}),
        mine as not materialized (select * from results where area_level = 'district' and area_code = $district),
        standing as ({standing})
        select n.node_code, n.depth, n.parent_code, n.sort_key, n.title_tr, n.title_en, n.provenance,
               d.realization_pct, d.expected_pct,
               case when $year::integer is null then coalesce(d.status, 'not_available') end as status,
               case when $year::integer is null then coalesce(d.trend, 'none') end as trend,
               g.rank, g.ranked,
               p.realization_pct as province_realization_pct, p.expected_pct as province_expected_pct,
               case when $year::integer is null then coalesce(p.status, 'not_available') end as province_status
        from plan_nodes n
        left join mine d on d.node_code = n.node_code
        left join standing g on g.node_code = n.node_code
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
    ranked = (
        """
        mine as not materialized (select * from results where area_level = 'district' and area_code = $district),
        standing as (select indicator_code, areas_ranked::bigint as ranked, area_rank::bigint as rank from mine)
        """
        if year is None
        else """
        merits as materialized (
            select r.*, r.value * case when i.direction = 'decrease' then -1 else 1 end as merit
            from results r
            join indicators i on i.plan_code = $plan and i.indicator_code = r.indicator_code
            where r.area_level = 'district'
        ),
        mine as not materialized (select * from merits where area_code = $district),
        standing as (
            select m.indicator_code, count(r.value) as ranked,
                   case when any_value(m.value) is not null
                        then 1 + count(*) filter (where r.merit > m.merit) end as rank
            from mine m
            join merits r on r.indicator_code = m.indicator_code
            group by m.indicator_code
        )
        """
    )
    sql = f"""
        with results as not materialized ({results}),
        {ranked}
        select i.indicator_code, i.goal_code, i.sort_key, i.name_tr, i.name_en, i.unit, i.provenance, i.precision,
               d.value as latest_value, d.latest_year, d.realization_pct, d.expected_pct,
               case when $year::integer is null then coalesce(d.status, 'not_available') end as status,
               case when $year::integer is null then coalesce(d.trend, 'none') end as trend,
               coalesce(s.is_demo, false) as is_demo,
               g.rank, g.ranked,
               p.value as province_value, p.realization_pct as province_realization_pct,
               p.expected_pct as province_expected_pct,
               case when $year::integer is null then coalesce(p.status, 'not_available') end as province_status
        from indicators i
        join mine d on d.indicator_code = i.indicator_code
        join standing g on g.indicator_code = i.indicator_code
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
