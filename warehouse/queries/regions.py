"""Queries for the region step of the geography (province → region → district), for plans with regions.

Region values themselves are precomputed like every other area
(``indicator_progress`` / ``node_progress`` rows with ``area_level = 'region'``,
rolled up from the districts by each indicator's aggregation rule); these
queries answer what the region views need beyond
:func:`warehouse.queries.districts.area_values` and
:func:`warehouse.queries.districts.district_league`.
"""

from __future__ import annotations

import duckdb
import pandas as pd


def region_members(connection: duckdb.DuckDBPyConnection, *, plan: str) -> pd.DataFrame:
    """Every district of the plan with its region (region names included), in plan order."""
    sql = """
        select d.district_code, d.name as district_name, d.region_code, r.name_tr as region_name_tr,
               r.name_en as region_name_en, r.provenance as region_provenance
        from districts d
        left join regions r on r.plan_code = d.plan_code and r.region_code = d.region_code
        where d.plan_code = $plan
        order by d.position
    """
    return connection.execute(sql, {"plan": plan}).df()


def region_spread_over_time(
    connection: duckdb.DuckDBPyConnection, *, plan: str, indicator: str, region: str
) -> pd.DataFrame:
    """Per year, across the districts of ``region``: how many have a value, minimum, maximum, mean,
    standard deviation, range and coefficient of variation (the columns of
    :func:`warehouse.queries.districts.equity_spread_over_time`)."""
    sql = """
        select y.year, count(y.value) as areas, min(y.value) as minimum, max(y.value) as maximum,
               avg(y.value) as mean, stddev_pop(y.value) as deviation, max(y.value) - min(y.value) as spread,
               case when avg(y.value) = 0 then null else stddev_pop(y.value) / abs(avg(y.value)) end as variation
        from indicator_yearly y
        join districts d on d.plan_code = y.plan_code and d.district_code = y.area_code
        where y.plan_code = $plan and y.indicator_code = $indicator and y.area_level = 'district'
          and d.region_code = $region and y.value is not null
        group by y.year
        having count(y.value) >= 2
        order by y.year
    """
    return connection.execute(sql, {"plan": plan, "indicator": indicator, "region": region}).df()
