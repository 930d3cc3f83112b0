"""What a responsible unit sees beside the values it enters: each of its indicators in each area with
its base, target, latest value and the value of the last year before the period (see
:mod:`warehouse.queries` for the conventions)."""

from __future__ import annotations

import duckdb
import pandas as pd


def entry_context(
    connection: duckdb.DuckDBPyConnection, *, plan: str, indicators: list[str], year: int
) -> pd.DataFrame:
    """Every area of ``indicators`` that has progress: base year and value, target year and value,
    latest year and value, and ``value_before``: the value of the newest year before ``year`` (the
    running total for a cumulative indicator, as the progress tables hold it)."""
    sql = """
        select p.indicator_code, p.area_level, p.area_code, p.base_year, p.base_value, p.latest_year,
               p.latest_value, p.target_year, p.target_value,
               (select arg_max(y.value, y.year) from indicator_yearly y
                 where y.plan_code = p.plan_code and y.indicator_code = p.indicator_code
                   and y.area_level = p.area_level and y.area_code = p.area_code
                   and y.year < $year and y.value is not null) as value_before
        from indicator_progress p
        where p.plan_code = $plan and list_contains($indicators, p.indicator_code)
        order by p.indicator_code, p.area_level, p.area_code
    """
    return connection.execute(sql, {"plan": plan, "indicators": indicators, "year": year}).df()
