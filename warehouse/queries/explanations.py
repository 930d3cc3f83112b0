"""The units' explanations of their approved entries (table ``explanations``, written by the ETL's
entries source, docs/entries.md): the deviation's reason, the measures to be taken, and who entered and
approved the value (see :mod:`warehouse.queries` for the conventions).

An entry's period is ``2024-H1``, ``2024-H2`` or ``2024``; within a year the year-end entry (H2 or the
year) is the newer one: the six-monthly one was the year's provisional value.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from warehouse.entry_loading import EXPLANATION_COLUMNS

#: the columns every query returns, in this order: the stored ones but the plan
COLUMNS = EXPLANATION_COLUMNS[1:]


def indicator_explanations(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """Every explanation of one indicator in one area, the newest entry period first."""
    sql = """
        select e.indicator_code, e.area_level, e.area_code, e.year, e.period, e.reason, e.measures, e.source_note, e.unit,
               e.entered_by, e.approved_by, e.approved_at, e.run_id
        from explanations e
        join plans pl on pl.plan_code = e.plan_code
        where e.plan_code = $plan and e.indicator_code = $indicator and e.area_level = $area_level
          and e.area_code = coalesce($area_code::varchar, pl.province_code)
        order by e.year desc, (e.period like '%-H1') asc, e.approved_at desc
    """
    parameters = {"plan": plan, "indicator": indicator, "area_level": area_level, "area_code": area_code}
    return connection.execute(sql, parameters).df()


def latest_explanation(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    indicator: str,
    area_level: str = "province",
    area_code: str | None = None,
) -> dict[str, Any] | None:
    """The newest explanation of one indicator in one area (None: the unit never entered one)."""
    frame = indicator_explanations(
        connection, plan=plan, indicator=indicator, area_level=area_level, area_code=area_code
    )
    return None if frame.empty else frame.iloc[0].to_dict()


def year_explanations(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    year: int,
    area_level: str = "province",
    area_code: str | None = None,
    period: str | None = None,
    scope: str | None = None,
) -> pd.DataFrame:
    """Per indicator (in plan order), its explanation of ``year`` in one area: the year's newest entry
    period, or exactly ``period`` (``2024-H1`` for the six-monthly report). ``scope``: a node code, the
    indicators below it only."""
    sql = """
        select e.indicator_code, e.area_level, e.area_code, e.year, e.period, e.reason, e.measures, e.source_note, e.unit,
               e.entered_by, e.approved_by, e.approved_at, e.run_id
        from explanations e
        join plans pl on pl.plan_code = e.plan_code
        join indicators i on i.plan_code = e.plan_code and i.indicator_code = e.indicator_code
        join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
        where e.plan_code = $plan and e.year = $year and e.area_level = $area_level
          and e.area_code = coalesce($area_code::varchar, pl.province_code)
          and ($period::varchar is null or e.period = $period::varchar)
          and ($scope::varchar is null or list_contains(g.path, $scope::varchar))
        qualify row_number() over (
            partition by e.indicator_code order by (e.period like '%-H1') asc, e.approved_at desc
        ) = 1
        order by i.sort_key
    """
    parameters = {
        "plan": plan,
        "year": year,
        "area_level": area_level,
        "area_code": area_code,
        "period": period,
        "scope": scope,
    }
    return connection.execute(sql, parameters).df()


def node_explanations(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    node: str,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """The explanations with a reason or measures of the indicators below ``node`` in one area, of the
    newest year any of them has: per indicator its year's newest entry, in plan order."""
    sql = """
        select max(e.year)
        from explanations e
        join plans pl on pl.plan_code = e.plan_code
        join indicators i on i.plan_code = e.plan_code and i.indicator_code = e.indicator_code
        join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
        where e.plan_code = $plan and e.area_level = $area_level
          and e.area_code = coalesce($area_code::varchar, pl.province_code)
          and list_contains(g.path, $node) and (e.reason is not null or e.measures is not null)
    """
    parameters = {"plan": plan, "node": node, "area_level": area_level, "area_code": area_code}
    row = connection.execute(sql, parameters).fetchone()
    if row is None or row[0] is None:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = year_explanations(
        connection, plan=plan, year=int(row[0]), area_level=area_level, area_code=area_code, scope=node
    )
    return frame[frame["reason"].notna() | frame["measures"].notna()].reset_index(drop=True)
