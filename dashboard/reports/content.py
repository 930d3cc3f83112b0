"""What a Word report shows: the request, and the monitoring table's rows in its scope with the units'
explanations, read once from the warehouse (pure data; :mod:`dashboard.reports.word` lays it out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from gosterge.plan import Plan
from gosterge.progress.monitoring import MonitoringRow, MonitoringTable
from warehouse.monitoring import fetch_monitoring_table, monitoring_explanations, monitoring_metadata

MONITORING = "monitoring"  # six-monthly (izleme raporu)
EVALUATION = "evaluation"  # yearly (değerlendirme raporu)
KINDS = (MONITORING, EVALUATION)
HALVES = (1, 2)


@dataclass(frozen=True)
class ReportRequest:
    """Which report: its kind, year (and half for a monitoring report), scope (an aim/axis/goal, a
    responsible unit, both, or the whole plan) and area."""

    plan_code: str
    kind: str
    year: int
    half: int | None = None  # monitoring reports: 1 (January-June) or 2 (July-December)
    node: str | None = None
    unit: str | None = None
    area_level: str = "province"
    area_code: str | None = None

    @property
    def entry_period(self) -> str | None:
        """The entry period whose explanations a first-half monitoring report prints (None: the year's newest)."""
        return f"{self.year}-H1" if self.kind == MONITORING and self.half == 1 else None


@dataclass(frozen=True)
class ReportContent:
    plan: Plan
    request: ReportRequest
    table: MonitoringTable
    rows: tuple[MonitoringRow, ...]  # the table's rows in the request's scope, in plan order
    explanations: dict[str, dict[str, Any]]  # indicator code → the units' explanation
    metadata: dict[str, Any]  # monitoring_metadata: data version, publication, last load, demo flag
    generated_at: datetime

    def indicators(self) -> list[MonitoringRow]:
        return [row for row in self.rows if row.is_indicator]

    def goals(self) -> list[MonitoringRow]:
        return [row for row in self.rows if not row.is_indicator and row.depth == self.plan.goal_depth]

    @property
    def scope_realization(self) -> float | None:
        """The weighted realization of the scope: the node's, the plan's; None for a unit's report (a unit
        holds parts of goals, whose weights do not add up to a whole)."""
        if self.request.unit is not None:
            return None
        if self.request.node is not None:
            return self.table.row(self.request.node, "node").realization_pct
        return self.table.overall_realization_pct

    @property
    def is_demo(self) -> bool:
        return any(row.is_demo for row in self.indicators()) or bool(self.metadata.get("is_demo"))


def in_scope(plan: Plan, table: MonitoringTable, *, node: str | None, unit: str | None) -> tuple[MonitoringRow, ...]:
    """The rows below ``node`` (itself included) and of ``unit``'s indicators, with the aims and goals
    above the indicators kept."""
    kept_indicators = {
        row.code
        for row in table.indicators()
        if (unit is None or row.responsible_unit == unit)
        and (node is None or node in {ancestor.code for ancestor in plan.ancestors(row.code)})
    }
    kept_nodes = {ancestor.code for code in kept_indicators for ancestor in plan.ancestors(code)}
    if node is not None and unit is None:  # an aim without indicators still shows its own row
        kept_nodes |= {ancestor.code for ancestor in plan.ancestors(node)}
    if node is not None:  # above the chosen node: not part of its report
        kept_nodes -= {ancestor.code for ancestor in plan.ancestors(node)[:-1]}
    return tuple(
        row for row in table.rows if (row.code in kept_indicators if row.is_indicator else row.code in kept_nodes)
    )


def report_content(
    connection: duckdb.DuckDBPyConnection,
    plan: Plan,
    request: ReportRequest,
    *,
    cap_realization: bool = True,
    coverage_floor: float = 0.5,
    generated_at: datetime | None = None,
) -> ReportContent:
    """Read what ``request`` shows from the warehouse (the published snapshot's reader connection)."""
    table = fetch_monitoring_table(
        connection,
        plan_code=plan.code,
        year=request.year,
        area_level=request.area_level,
        area_code=request.area_code,
        cap_realization=cap_realization,
        coverage_floor=coverage_floor,
    )
    explanations = monitoring_explanations(
        connection,
        plan_code=plan.code,
        year=request.year,
        area_level=request.area_level,
        area_code=request.area_code,
        period=request.entry_period,
    )
    return ReportContent(
        plan=plan,
        request=request,
        table=table,
        rows=in_scope(plan, table, node=request.node, unit=request.unit),
        explanations=explanations,
        metadata=monitoring_metadata(connection, plan=plan.code),
        generated_at=generated_at or datetime.now(),
    )


def responsible_units(plan: Plan) -> list[str]:
    """The plan's responsible units, in alphabetical order (what a unit's report may name)."""
    return sorted({indicator.responsible_unit for indicator in plan.indicators.values() if indicator.responsible_unit})
