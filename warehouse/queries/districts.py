"""Every district (or region) of a plan for one subject: the map's values, the league, the spread
over time and the years with data (see :mod:`warehouse.queries` for the conventions).

The subject is an ``indicator`` or a ``node`` (exactly one of them); ``node`` may be the plan code,
the whole plan. In the yearly tables the whole plan has no row of its own: its value in a year is
the weighted mean of its top-level nodes, as the engine rolls the plan up (and as
:mod:`warehouse.queries.standing` reads it).

The map and the league read the same rows, from one of two sources chosen by :func:`_results`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

#: Each area's result for the subject, latest data: value and status from the progress tables.
LATEST_RESULTS = """
    select area_level, area_code, latest_value as value, latest_year, realization_pct, expected_pct, status, trend,
           is_demo
    from indicator_progress
    where plan_code = $plan and indicator_code = $indicator::varchar and list_contains($area_levels, area_level)
    union all
    select area_level, area_code, null, null, realization_pct, expected_pct, status, trend, null
    from node_progress
    where plan_code = $plan and node_code = $node::varchar and list_contains($area_levels, area_level)
"""

#: Each area's result for the subject in $year, from the yearly tables (status and trend are not
#: assessed for a past year, and the yearly tables carry no demo flag).
RESULTS_IN_YEAR = """
    select area_level, area_code, value,
           case when value is not null or realization_pct is not null then $year::integer end as latest_year,
           realization_pct, expected_pct, null as status, null as trend, null as is_demo
    from (
        select area_level, area_code, value, realization_pct, expected_pct
        from indicator_yearly
        where plan_code = $plan and indicator_code = $indicator::varchar and list_contains($area_levels, area_level)
          and year = $year
        union all
        select y.area_level, y.area_code, null,
               sum(w.weight * y.realization_pct) / sum(case when y.realization_pct is not null then w.weight end),
               sum(w.weight * y.expected_pct) / sum(case when y.expected_pct is not null then w.weight end)
        from node_yearly y
        join (select node_code, case when $node::varchar = $plan then weight else 1.0 end as weight
              from plan_nodes
              where plan_code = $plan and (node_code = $node::varchar or ($node::varchar = $plan and depth = 0))) w
          on w.node_code = y.node_code
        where y.plan_code = $plan and list_contains($area_levels, y.area_level) and y.year = $year
        group by y.area_level, y.area_code
    )
"""

#: RESULTS_IN_YEAR with each area's demo flag, also for an area without a result that year: whether
#: it has demo data (of the indicator, or of any of the plan's indicators), from the progress table.
RESULTS_IN_YEAR_WITH_DEMO = f"""
    select coalesce(r.area_level, d.area_level) as area_level, coalesce(r.area_code, d.area_code) as area_code,
           r.value, r.latest_year, r.realization_pct, r.expected_pct, r.status, r.trend, d.is_demo
    from ({RESULTS_IN_YEAR}) r
    full join (
        select area_level, area_code, bool_or(is_demo) as is_demo
        from indicator_progress
        where plan_code = $plan and list_contains($area_levels, area_level)
          and ($indicator::varchar is null or indicator_code = $indicator::varchar)
        group by area_level, area_code
    ) d on d.area_level = r.area_level and d.area_code = r.area_code
"""  # noqa: S608 - constant fragments


def _results(year: int | None, *, with_demo: bool = False) -> str:
    """Where the areas' results come from: the progress tables for the latest data (``year`` None),
    the yearly tables for one year (``with_demo``: with the areas' demo flags, which a past year
    reads from the progress table), for the areas of the levels in ``$area_levels``. Columns: area_level,
    area_code, value, latest_year, realization_pct, expected_pct, status, trend, is_demo."""
    if year is None:
        return LATEST_RESULTS
    return RESULTS_IN_YEAR_WITH_DEMO if with_demo else RESULTS_IN_YEAR


#: the map's columns (:func:`area_values`), in the map's order of areas
VALUE_COLUMNS = [
    "area_code", "name_tr", "name_en", "region_code", "value", "latest_year", "realization_pct", "expected_pct",
    "status", "trend", "is_demo",
]  # fmt: skip
#: the league's columns (:func:`district_league`), best first
LEAGUE_COLUMNS = [
    "rank", "area_code", "name_tr", "name_en", "value", "latest_year", "realization_pct", "expected_pct", "status",
    "trend", "gap_to_best", "ranked", "precision",
]  # fmt: skip


def area_results(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str | None = None,
    node: str | None = None,
    area_levels: Sequence[str] = ("district",),
    year: int | None = None,
) -> pd.DataFrame:
    """Every district and/or region (``area_levels``) of the plan with its result for ``indicator`` or
    ``node``, ranked among its level: the map's values (:func:`values_of`) and the league (:func:`league_of`)
    of each level in one question, best first. The latest data with status and trend, or (``year``) that
    year's, status and trend None. Indicators rank by value in their good direction, nodes by realization;
    ``gap_to_best`` is the distance to the level's first, ``ranked`` how many of the level have a result,
    ``precision`` the indicator's; ``latest_year`` is the year of the value, ``is_demo`` whether the area has
    demo data (a node's latest map: false), ``position`` the area's place on the map."""
    sql = f"""
        with results as ({_results(year, with_demo=True)}),
        direction as (
            select case when $indicator::varchar is null then 1
                        when any_value(direction) = 'decrease' then -1 else 1 end as sign
            from indicators where plan_code = $plan and indicator_code = $indicator::varchar
        ),
        measured as (
            select *, case when $indicator::varchar is null then realization_pct
                           else value * (select sign from direction) end as merit
            from results
        )
        select a.area_level,
               case when m.merit is null then null
                    else rank() over (partition by a.area_level order by m.merit desc nulls last) end as rank,
               a.area_code, a.name_tr, a.name_en, a.region_code, a.position,
               m.value, m.latest_year, m.realization_pct, m.expected_pct,
               case when $year::integer is null then coalesce(m.status, 'not_available') end as status,
               case when $year::integer is null then coalesce(m.trend, 'none') end as trend,
               coalesce(m.is_demo, false) as is_demo,
               abs(max(m.merit) over (partition by a.area_level) - m.merit) as gap_to_best,
               count(m.merit) over (partition by a.area_level) as ranked,
               (select precision from indicators
                where plan_code = $plan and indicator_code = $indicator::varchar) as precision
        from plan_areas a
        left join measured m on m.area_level = a.area_level and m.area_code = a.area_code
        where a.plan_code = $plan and list_contains($area_levels, a.area_level)
        order by a.area_level, m.merit desc nulls last, a.name_tr collate tr
    """  # noqa: S608 - a constant source (_results), values as parameters
    parameters = {"plan": plan, "indicator": indicator, "node": node, "area_levels": list(area_levels), "year": year}
    return connection.execute(sql, parameters).df()


def _level(results: pd.DataFrame, level: str | None) -> pd.DataFrame:
    return results if level is None else results[results["area_level"] == level]


def values_of(results: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """The map's values in :func:`area_results` (of ``level``, when it holds several): every area in the
    map's order."""
    rows = _level(results, level)
    # numpy's sort of the two keys: pandas' sort over Arrow strings took 1.7 ms for 973 districts
    order = np.lexsort((rows["area_code"].to_numpy(dtype=object), rows["position"].to_numpy()))
    return rows[VALUE_COLUMNS].take(order).reset_index(drop=True)


def league_of(results: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """The league in :func:`area_results` (of ``level``, when it holds several): every area, best first, with
    its rank and gap to the best."""
    return _level(results, level)[LEAGUE_COLUMNS].reset_index(drop=True)


def area_values(connection: duckdb.DuckDBPyConnection, *, area_level: str = "district", **subject: Any) -> pd.DataFrame:
    """For a map: :func:`values_of` :func:`area_results` of one level."""
    return values_of(area_results(connection, area_levels=(area_level,), **subject))


def district_league(
    connection: duckdb.DuckDBPyConnection, *, area_level: str = "district", **subject: Any
) -> pd.DataFrame:
    """The league of one level: :func:`league_of` :func:`area_results`."""
    return league_of(area_results(connection, area_levels=(area_level,), **subject))


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
    return connection.execute(sql, {"plan": plan, "indicator": indicator, "area_level": area_level}).df()


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
    some area of ``area_level`` (or in ``area_code`` only): the years a view can be asked for."""
    sql = """
        select year from indicator_yearly
        where plan_code = $plan and indicator_code = $indicator::varchar
          and area_level = $area_level and ($area_code::varchar is null or area_code = $area_code::varchar)
          and value is not null
        union
        select y.year from node_yearly y
        join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code
        where y.plan_code = $plan
          and (y.node_code = $node::varchar or ($node::varchar = $plan and n.depth = 0))
          and y.area_level = $area_level and ($area_code::varchar is null or y.area_code = $area_code::varchar)
          and y.realization_pct is not null
        order by year
    """
    parameters = {"plan": plan, "indicator": indicator, "node": node, "area_level": area_level, "area_code": area_code}
    return [int(year) for (year,) in connection.execute(sql, parameters).fetchall()]
