"""The executive brief's data: one plan, or one node of it, on one page (province figures).

:func:`executive_brief` answers every question the brief asks, on one cursor (so every figure comes
from the same snapshot), and returns a :class:`Brief`: plain data that the page
(:mod:`dashboard.views.brief`) and the PDF (:mod:`dashboard.downloads.brief_pdf`) render alike, and that
code without a browser (a scheduled e-mail) can ask for with a reader's cursor.

What changed is told against the previous load when there was one (the status changes the newest
data-changing load recorded, :mod:`warehouse.queries.status_changes`); before a second load, against
the previous year: each goal's realization ÷ expected realization in the latest year that has both
(the expected path stops at the target year) and in the year before, banded as the engine bands a
roll-up (:func:`gosterge.progress.status.status_from_realization`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from gosterge.progress.status import (
    ACCELERATION_NEEDED,
    ACHIEVED,
    DETERIORATION,
    LIMITED,
    NOT_ACHIEVED,
    ON_TRACK,
    STATUSES,
    status_from_realization,
)
from warehouse.queries.loads import last_load, previous_load
from warehouse.queries.standing import Standing, read_standing
from warehouse.queries.status_changes import OTHER, change_direction, status_changes

#: how the changes were found: against the previous load, the previous year, or not at all (no data)
BY_LOAD, BY_YEAR, NO_COMPARISON = "load", "year", "none"
#: statuses counted as doing well, and as lagging (:meth:`warehouse.queries.standing.Standing.lagging_goals`)
GOOD_STATUSES = (ACHIEVED, ON_TRACK)
LAGGING_STATUSES = (ACCELERATION_NEEDED, LIMITED, DETERIORATION, NOT_ACHIEVED)
CHANGE_COLUMNS = ["node_code", "title_tr", "title_en", "old_status", "new_status", "direction"]
REASON_COLUMNS = ["goal_code", "indicator_code", "name_tr", "name_en", "year", "period", "reason", "measures", "unit"]


@dataclass(frozen=True)
class Comparison:
    """Goals whose status moved (``changes``: :data:`CHANGE_COLUMNS`, up and down only) and what they
    were compared with: ``basis`` :data:`BY_LOAD` (``loaded_at`` against ``previous_loaded_at``),
    :data:`BY_YEAR` (``year`` against ``year - 1``) or :data:`NO_COMPARISON`."""

    basis: str
    changes: pd.DataFrame
    loaded_at: datetime | None = None
    previous_loaded_at: datetime | None = None
    year: int | None = None

    def moved(self, direction: str) -> list[dict[str, Any]]:
        """The changes that moved ``direction`` ('up' or 'down'), in plan order."""
        return self.changes[self.changes["direction"] == direction].to_dict("records")


@dataclass(frozen=True)
class Brief:
    """Everything on a brief (see the module docstring). ``scope`` None: the whole plan."""

    plan_code: str
    scope: str | None
    summary: dict[str, Any]
    goal_counts: dict[str, int]
    comparison: Comparison
    lagging: pd.DataFrame
    reasons: pd.DataFrame
    last_load: dict[str, Any] | None
    is_demo: bool
    latest_year: int | None
    lagging_total: int = 0
    indicators: int = 0

    @property
    def goals(self) -> int:
        return sum(self.goal_counts.values())

    def count(self, statuses: tuple[str, ...]) -> int:
        return sum(self.goal_counts.get(status, 0) for status in statuses)

    def reasons_of(self, goal_code: str) -> list[dict[str, Any]]:
        """The newest explanation of each indicator of ``goal_code`` that has one, in plan order (a text
        not given is None)."""
        given = self.reasons[self.reasons["goal_code"] == goal_code].astype(object)
        return given.where(given.notna(), None).to_dict("records")


def executive_brief(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    scope: str | None = None,
    lagging_limit: int = 6,
    standing: Standing | None = None,
) -> Brief:
    """The brief of ``plan`` (or of node ``scope`` and what is under it) at province level. ``standing``:
    the plan's province standing, when the caller keeps it (:func:`warehouse.queries.standing.standing_of`)."""
    standing = standing or read_standing(connection, plan=plan)
    summary = standing.summary(scope)
    counts = standing.status_counts(scope)
    goals = counts[counts["kind"] == "goal"].groupby("status")["count"].sum()
    goal_counts = {status: int(goals[status]) for status in STATUSES if status in goals.index and goals[status]}
    lagging = standing.lagging_goals(scope, limit=lagging_limit)
    last = last_load(connection, plan=plan)
    return Brief(
        plan_code=plan,
        scope=scope,
        summary=summary,
        goal_counts=goal_counts,
        comparison=compare(connection, plan=plan, scope=scope, last=last),
        lagging=lagging,
        reasons=goal_reasons(connection, plan=plan, goals=list(lagging["node_code"])),
        last_load=None if last.empty else last.iloc[0].to_dict(),
        is_demo=bool(summary.get("is_demo")),
        latest_year=latest_year(connection, plan=plan, scope=scope),
        lagging_total=sum(goal_counts.get(status, 0) for status in LAGGING_STATUSES),
        indicators=int(summary.get("indicators") or 0),
    )


def compare(connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None, last: pd.DataFrame) -> Comparison:
    """What changed: against the load before the newest when there is one, else against the year before."""
    if not last.empty and has_table(connection, "status_changes"):
        run_id = int(last.iloc[0]["run_id"])
        previous = previous_load(connection, plan=plan, run_id=run_id)
        if not previous.empty:
            changes = status_changes(connection, plan=plan, run_id=run_id, scope=scope)
            return Comparison(
                BY_LOAD,
                _plan_order(connection, plan, changes[changes["direction"] != OTHER]),
                loaded_at=last.iloc[0]["finished_at"],
                previous_loaded_at=previous.iloc[0]["finished_at"],
            )
    year = compared_year(connection, plan=plan, scope=scope)
    if year is None:
        return Comparison(NO_COMPARISON, pd.DataFrame(columns=CHANGE_COLUMNS))
    return Comparison(BY_YEAR, year_changes(connection, plan=plan, scope=scope, year=year), year=year)


def latest_year(connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None) -> int | None:
    """The latest year measured for any indicator under ``scope`` (any area); None before any data."""
    sql = """
        select max(m.year)
        from measurements m
        join indicators i on i.plan_code = m.plan_code and i.indicator_code = m.indicator_code
        join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
        where m.plan_code = $plan and ($scope::varchar is null or list_contains(g.path, $scope::varchar))
    """
    row = connection.execute(sql, {"plan": plan, "scope": scope}).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def compared_year(connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None) -> int | None:
    """The year the year comparison looks at: the latest measured year (:func:`latest_year`) in which a goal
    under ``scope`` has a realization and an expected realization (province); the expected path stops at
    the target year, and a year after it has no pace to compare. None before any data."""
    measured = latest_year(connection, plan=plan, scope=scope)
    if measured is None:
        return None
    sql = """
        select max(y.year)
        from node_yearly y
        join plans pl on pl.plan_code = y.plan_code
        join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code
        where y.plan_code = $plan and y.area_level = 'province' and y.area_code = pl.province_code
          and y.realization_pct is not null and y.expected_pct is not null and y.year <= $measured
          and n.depth = (select max(depth) from plan_nodes where plan_code = $plan)
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
    """
    row = connection.execute(sql, {"plan": plan, "scope": scope, "measured": measured}).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def year_changes(connection: duckdb.DuckDBPyConnection, *, plan: str, scope: str | None, year: int) -> pd.DataFrame:
    """Goals whose band (realization ÷ expected) differs between ``year - 1`` and ``year``, up or down
    (goals without both figures in both years are not compared)."""
    sql = """
        select n.node_code, n.title_tr, n.title_en, n.sort_key,
               max(y.realization_pct) filter (where y.year = $year - 1) as old_realization,
               max(y.expected_pct) filter (where y.year = $year - 1) as old_expected,
               max(y.realization_pct) filter (where y.year = $year) as new_realization,
               max(y.expected_pct) filter (where y.year = $year) as new_expected
        from node_yearly y
        join plans pl on pl.plan_code = y.plan_code
        join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code
        where y.plan_code = $plan and y.area_level = 'province' and y.area_code = pl.province_code
          and y.year in ($year - 1, $year)
          and n.depth = (select max(depth) from plan_nodes where plan_code = $plan)
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
        group by all
        order by n.sort_key
    """
    rows = []
    for row in connection.execute(sql, {"plan": plan, "scope": scope, "year": year}).df().to_dict("records"):
        if any(pd.isna(row[name]) for name in ("old_realization", "new_realization", "old_expected", "new_expected")):
            continue
        old = status_from_realization(row["old_realization"], row["old_expected"])[0]
        new = status_from_realization(row["new_realization"], row["new_expected"])[0]
        direction = change_direction(old, new)
        if direction != OTHER:
            rows.append([row["node_code"], row["title_tr"], row["title_en"], old, new, direction])
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def has_table(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when the snapshot has table ``name``: a snapshot published before a table was added has it
    only once the writer has run again (see :mod:`warehouse`, schema changes); until then the brief
    does without (no reasons; changes by year)."""
    row = connection.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() and table_name = $name",
        {"name": name},
    ).fetchone()
    return bool(row and row[0])


def goal_reasons(connection: duckdb.DuckDBPyConnection, *, plan: str, goals: list[str]) -> pd.DataFrame:
    """For the indicators of ``goals``: the newest explanation given for the province (latest year, then
    latest period) with a reason or measures. Columns goal_code, indicator_code, name_tr, name_en,
    year, period, reason, measures, unit; in plan order."""
    if not has_table(connection, "explanations"):
        return pd.DataFrame(columns=REASON_COLUMNS)
    sql = """
        with given as (
            select i.goal_code, e.indicator_code, i.name_tr, i.name_en, i.sort_key, e.year, e.period,
                   nullif(trim(e.reason), '') as reason, nullif(trim(e.measures), '') as measures,
                   nullif(trim(e.unit), '') as unit,
                   row_number() over (
                       partition by e.indicator_code
                       order by e.year desc, e.period desc, e.approved_at desc nulls last, e.run_id desc nulls last
                   ) as newest
            from explanations e
            join plans pl on pl.plan_code = e.plan_code
            join indicators i on i.plan_code = e.plan_code and i.indicator_code = e.indicator_code
            where e.plan_code = $plan and e.area_level = 'province' and e.area_code = pl.province_code
              and list_contains($goals, i.goal_code)
              and (nullif(trim(e.reason), '') is not null or nullif(trim(e.measures), '') is not null)
        )
        select goal_code, indicator_code, name_tr, name_en, year, period, reason, measures, unit
        from given where newest = 1
        order by sort_key
    """
    return connection.execute(sql, {"plan": plan, "goals": goals}).df()


def _plan_order(connection: duckdb.DuckDBPyConnection, plan: str, changes: pd.DataFrame) -> pd.DataFrame:
    """``changes`` reduced to :data:`CHANGE_COLUMNS`, one row per goal (its latest change), in plan order."""
    order = connection.execute(
        "select node_code, sort_key from plan_nodes where plan_code = $plan", {"plan": plan}
    ).df()
    merged = changes.drop_duplicates("node_code").merge(order, on="node_code", how="left")
    return merged.sort_values("sort_key").loc[:, CHANGE_COLUMNS].reset_index(drop=True)
