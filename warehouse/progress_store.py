"""Recompute a plan's progress from its measurements and store the results: the whole plan, or only
what one load's rows can change.

A load's rows are the measurements whose ``run_id`` is the load's (inserted or revised by it). Their
series (indicator × area) give the :class:`~gosterge.progress.scope.Scope` to recompute: those
indicator results, in their regions and the province, and the roll-ups above them in the same areas,
with their yearly rows. Only those keys are deleted and inserted in the four progress tables; the
recomputation reads the other stored results it combines (docs/progress.md, "Incremental progress").

The whole plan is recomputed when the stored progress was computed otherwise than it would be now:
``progress_basis`` records, per plan, the plan file's content hash, the engine's fingerprint (a hash of
the source of ``gosterge/progress``), the evaluation year, the coverage floor and capping. A plan
edit, a setting change, a new year or a new engine therefore recomputes everything, as does a
refresh with no load named (the plan synced at start, the builders of tests) and a load that changes
more than half of the plan's indicator results (a first delivery: the whole plan is cheaper computed
at once than read back piece by piece).

Each refresh records, in its transaction, new tokens for what it changed (the indicators recomputed and
those whose measurements the load wrote, or the whole plan): the page cache keys rendered pages by them
(:mod:`warehouse.data_tokens`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

import gosterge.progress
from gosterge.plan.model import Plan
from gosterge.progress.compute import MeasuredSeries, PlanProgress, compute_plan
from gosterge.progress.results import IndicatorResult, NodeResult, YearPoint
from gosterge.progress.scope import Key, Scope, StoredProgress, scope_of
from warehouse.data_tokens import plan_wide_facts, record_refresh
from warehouse.progress_rows import (
    INDICATOR_COLUMNS,
    INDICATOR_YEAR_COLUMNS,
    NODE_COLUMNS,
    NODE_YEAR_COLUMNS,
    PROGRESS_TABLES,
    delete_keys,
    insert_progress,
    keys_table,
    read_keyed,
    read_node_years,
    set_provenance,
)
from warehouse.ranks import set_ranks
from warehouse.status_history import record_status_changes

__all__ = [
    "INDICATOR_COLUMNS",
    "INDICATOR_YEAR_COLUMNS",
    "NODE_COLUMNS",
    "NODE_YEAR_COLUMNS",
    "PROGRESS_TABLES",
    "ProgressBasis",
    "ProgressRefresh",
    "annual_series",
    "refresh_progress",
]


@cache
def engine_fingerprint() -> str:
    """A hash of the progress engine's source: a new engine recomputes every stored result."""
    digest = hashlib.sha256()
    for path in sorted(Path(gosterge.progress.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ProgressBasis:
    """What a plan's stored progress was computed with."""

    plan_hash: str
    engine: str
    evaluation_year: int
    coverage_floor: float
    cap_realization: bool


@dataclass
class ProgressRefresh:
    """What :func:`refresh_progress` recomputed.

    ``progress`` holds the recomputed results only (the whole plan's when ``full``); ``scope`` the keys
    recomputed (None when full). The statuses a refresh moves are recorded in the warehouse
    (``status_changes``, :mod:`warehouse.status_history`).
    """

    progress: PlanProgress
    full: bool
    reason: str
    scope: Scope | None = None


def annual_series(
    connection: duckdb.DuckDBPyConnection, plan_code: str, indicator_codes: list[str] | None = None
) -> MeasuredSeries:
    """Yearly values per indicator and area (of ``indicator_codes``, or of every indicator): the year's last
    value for levels, the year's sum for cumulative and per-period indicators."""
    only = "" if indicator_codes is None else "and m.indicator_code in (select unnest($codes))"
    rows = connection.execute(
        f"""
        select m.indicator_code, m.area_level, m.area_code, m.year,
               case when any_value(i.measure) = 'level' then arg_max(m.value, m.period_end)
                    else sum(m.value) end as value
        from measurements m
        join indicators i on i.plan_code = m.plan_code and i.indicator_code = m.indicator_code
        where m.plan_code = $plan {only}
        group by m.indicator_code, m.area_level, m.area_code, m.year
        """,  # noqa: S608 - a constant condition; the codes are a parameter
        {"plan": plan_code} if indicator_codes is None else {"plan": plan_code, "codes": indicator_codes},
    ).fetchall()
    series: MeasuredSeries = defaultdict(dict)
    for indicator_code, area_level, area_code, year, value in rows:
        series[(indicator_code, area_level, area_code)][int(year)] = float(value)
    return dict(series)


def refresh_progress(
    connection: duckdb.DuckDBPyConnection,
    plan: Plan,
    *,
    evaluation_year: int,
    coverage_floor: float,
    cap_realization: bool,
    run_id: int | None = None,
) -> ProgressRefresh:
    """Recompute and replace ``plan``'s progress (inside the caller's transaction): what the rows of load
    ``run_id`` can change, or the whole plan (no load named, or the stored progress was computed with
    another plan file, engine, evaluation year or settings)."""
    basis = ProgressBasis(plan.content_hash, engine_fingerprint(), evaluation_year, coverage_floor, cap_realization)
    reason = _full_reason(connection, plan.code, basis, run_id)
    if reason:
        return _refresh_all(connection, plan, basis, reason, run_id)
    assert run_id is not None
    changed = _changed_series(connection, plan.code, run_id)
    scope = scope_of(plan, changed)
    if len(scope.indicators) * 2 > _stored_count(connection, plan.code):
        return _refresh_all(connection, plan, basis, "the load changes most of the plan", run_id)
    facts_before = plan_wide_facts(connection, plan.code)
    stored = _stored_progress(connection, plan, scope)
    codes = sorted(scope.indicator_codes | _population_codes(plan, scope))
    progress = compute_plan(
        plan,
        annual_series(connection, plan.code, codes),
        evaluation_year=evaluation_year,
        coverage_floor=coverage_floor,
        cap_realization=cap_realization,
        scope=scope,
        stored=stored,
    )
    record_status_changes(connection, progress.nodes, run_id)  # before the old statuses are replaced
    with keys_table(connection, "indicator_keys", scope.indicators), keys_table(connection, "node_keys", scope.nodes):
        delete_keys(connection, plan.code, "indicator_keys", "node_keys")
    insert_progress(connection, progress)
    set_provenance(connection, plan.code, sorted(scope.indicator_codes))
    # every area of a touched indicator or node: one district's new value moves the others' ranks
    set_ranks(
        connection,
        plan.code,
        indicator_codes=sorted(scope.indicator_codes),
        node_codes=sorted({code for code, _, _ in scope.nodes}),
    )
    record_refresh(
        connection,
        plan.code,
        whole_plan=False,
        indicator_codes=scope.indicator_codes | {code for code, _, _ in changed},
        facts_before=facts_before,
    )
    return ProgressRefresh(progress, full=False, reason="", scope=scope)


def _refresh_all(
    connection: duckdb.DuckDBPyConnection, plan: Plan, basis: ProgressBasis, reason: str, run_id: int | None
) -> ProgressRefresh:
    progress = compute_plan(
        plan,
        annual_series(connection, plan.code),
        evaluation_year=basis.evaluation_year,
        coverage_floor=basis.coverage_floor,
        cap_realization=basis.cap_realization,
    )
    record_status_changes(connection, progress.nodes, run_id)  # before the old statuses are replaced
    for table in PROGRESS_TABLES:
        connection.execute(f"delete from {table} where plan_code = ?", [plan.code])  # noqa: S608 - constant names
    insert_progress(connection, progress)
    set_provenance(connection, plan.code, list(plan.indicators))
    set_ranks(connection, plan.code)
    record_refresh(connection, plan.code, whole_plan=True)
    connection.execute(
        "insert or replace into progress_basis values (?, ?, ?, ?, ?, ?, now()::timestamp)",
        [
            plan.code,
            basis.plan_hash,
            basis.engine,
            basis.evaluation_year,
            basis.coverage_floor,
            basis.cap_realization,
        ],
    )
    return ProgressRefresh(progress, full=True, reason=reason)


def stored_basis(connection: duckdb.DuckDBPyConnection, plan_code: str) -> ProgressBasis | None:
    """What ``plan_code``'s stored progress was computed with (None: not recorded)."""
    rows = connection.execute(
        """
        select plan_hash, engine, evaluation_year, coverage_floor, cap_realization
        from progress_basis where plan_code = ?
        """,
        [plan_code],
    ).fetchall()
    return ProgressBasis(*rows[0]) if rows else None


def _full_reason(
    connection: duckdb.DuckDBPyConnection, plan_code: str, basis: ProgressBasis, run_id: int | None
) -> str:
    """Why the whole plan is recomputed ("" when only what the load changed is)."""
    if run_id is None:
        return "no load named"
    stored = stored_basis(connection, plan_code)
    if stored is None:
        return "no stored progress basis"
    differences = [name for name in ProgressBasis.__dataclass_fields__ if getattr(stored, name) != getattr(basis, name)]
    return f"changed since the stored progress: {', '.join(differences)}" if differences else ""


def _stored_count(connection: duckdb.DuckDBPyConnection, plan_code: str) -> int:
    rows = connection.execute("select count(*) from indicator_progress where plan_code = ?", [plan_code]).fetchall()
    return int(rows[0][0])  # fetched to the end: register() refuses an open result


def _changed_series(connection: duckdb.DuckDBPyConnection, plan_code: str, run_id: int) -> list[Key]:
    """The measured series (indicator, area level, area code) with rows inserted or revised by ``run_id``."""
    rows = connection.execute(
        """
        select distinct indicator_code, area_level, area_code
        from measurements where plan_code = ? and run_id = ?
        """,
        [plan_code, run_id],
    ).fetchall()
    return [(str(code), str(level), str(area)) for code, level, area in rows]


def _population_codes(plan: Plan, scope: Scope) -> set[str]:
    """The population indicator, when a population-weighted indicator is rolled up in the scope."""
    population = plan.population_indicator
    if population is None:
        return set()
    weighted = any(
        plan.indicators[code].aggregation == "population_weighted_mean" and level != "district"
        for code, level, _ in scope.indicators
    )
    return {population} if weighted else set()


def _stored_progress(connection: duckdb.DuckDBPyConnection, plan: Plan, scope: Scope) -> StoredProgress:
    """The stored results the scope's roll-ups combine without recomputing them."""
    stored = StoredProgress()
    indicators, nodes = scope.stored_indicators_needed(plan), scope.stored_nodes_needed(plan)
    with keys_table(connection, "needed_keys", indicators):
        for row in read_keyed(connection, plan.code, "indicator_progress", INDICATOR_COLUMNS, "needed_keys"):
            result = IndicatorResult(*row)
            stored.indicators.setdefault((result.area_level, result.area_code), {})[result.indicator_code] = result
        for row in read_keyed(connection, plan.code, "indicator_yearly", INDICATOR_YEAR_COLUMNS, "needed_keys"):
            point = YearPoint(*row)
            area = stored.indicator_years.setdefault((point.area_level, point.area_code), {})
            area.setdefault(point.code, {})[point.year] = point
    with keys_table(connection, "needed_keys", nodes):
        for row in read_keyed(connection, plan.code, "node_progress", NODE_COLUMNS, "needed_keys"):
            node = NodeResult(*row)
            stored.nodes.setdefault((node.area_level, node.area_code), {})[node.node_code] = node
        for code, level, area_code, years, realizations, expected in read_node_years(
            connection, plan.code, "needed_keys"
        ):
            yearly = stored.node_years.setdefault((level, area_code), {})
            yearly[code] = dict(zip(years, zip(realizations, expected, strict=True), strict=True))
    return stored
