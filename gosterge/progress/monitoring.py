"""The yearly monitoring table ("Stratejik Plan İzleme Tablosu") as plain data: a pure builder.

For one year and one area, the plan's nodes top-down (aims → goals, or
axes → priorities → goals) and under every goal its indicators, each with the
columns Turkish monitoring tables print:

- hedefe etkisi: the indicator's weight within its goal (%);
- plan başlangıç değeri: A, the base value;
- the target of that year: Y_t (an interim target, the final target, or the
  linear path between them, see :mod:`warehouse.monitoring`);
- the value realized that year: X_t (the running total for cumulative
  indicators, with what the year itself added);
- the year's realization % (:func:`gosterge.progress.status.year_realization_pct`:
  (X_t − A) / (Y_t − A) × 100, or X_t ÷ Y_t × 100 for per-period counts);
- the responsible unit.

A goal's realization is Σ wᵢ·rᵢ / Σ wᵢ over its indicators with data that
year (indicators without a numeric target, and informational ones, are shown
without a rate and left out), rᵢ capped to 0–100 when ``cap_realization`` is on. With every indicator
reported this is the guide's Σ wᵢ·rᵢ / 100 (the weights sum to 100); when some
are missing the weights are renormalised and ``coverage`` says which share of
the weight had data, as the engine's roll-ups do, and below
``coverage_floor`` the realization is withheld. Every level above the goals
rolls up its children the same way with the plan's node weights.

Nothing here queries or renders: :func:`warehouse.monitoring.fetch_monitoring_table` asks the
warehouse and builds it; the page and the Excel export both draw this model.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from gosterge.progress.rollup import cap, weighted_mean
from gosterge.progress.status import year_realization_pct

NODE = "node"
INDICATOR = "indicator"


@dataclass(frozen=True)
class MonitoringRow:
    """One row of the table: a node (aim, goal …) or an indicator."""

    kind: str  # NODE or INDICATOR
    depth: int  # node depth (0 = top level); indicators: goal depth + 1
    level_key: str  # the node's level ("aims", "goals" …); "indicators"
    code: str
    title_tr: str
    title_en: str
    provenance: str
    weight: float | None  # indicators: hedefe etkisi (%); nodes: weight within the parent
    realization_pct: float | None  # indicators: the year's, uncapped; nodes: the weighted roll-up
    coverage: float | None = None  # nodes: share of the children's weight with data that year
    withheld: bool = False  # nodes: too little data for a realization
    unit: str | None = None
    precision: int | None = None  # indicators: the decimals of their values (gosterge.rounding)
    measure: str | None = None
    direction: str | None = None
    base_value: float | None = None
    year_target: float | None = None
    target_kind: str | None = None  # 'interim' | 'final' | 'path'
    realized_value: float | None = None
    period_value: float | None = None  # cumulative: what the year added
    responsible_unit: str | None = None
    is_demo: bool = False
    assessed: bool = True  # indicators: False without a numeric target or informational (no rate, no roll-up)
    informational: bool = False  # indicators: "bilgi amaçlı"

    @property
    def is_indicator(self) -> bool:
        return self.kind == INDICATOR


@dataclass(frozen=True)
class MonitoringTable:
    plan_code: str
    year: int
    area_level: str
    area_code: str | None
    rows: tuple[MonitoringRow, ...]
    overall_realization_pct: float | None
    overall_coverage: float
    cap_realization: bool
    coverage_floor: float

    @property
    def is_demo(self) -> bool:
        return any(row.is_demo for row in self.rows)

    def indicators(self) -> list[MonitoringRow]:
        return [row for row in self.rows if row.is_indicator]

    def nodes(self, level_key: str | None = None) -> list[MonitoringRow]:
        return [row for row in self.rows if not row.is_indicator and (level_key is None or row.level_key == level_key)]

    def row(self, code: str, kind: str = INDICATOR) -> MonitoringRow:
        return next(row for row in self.rows if row.code == code and row.kind == kind)


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def indicator_row(record: dict[str, Any], depth: int) -> MonitoringRow:
    """An indicator's row, with the year's realization from A, Y_t and X_t."""
    base, target, realized = (_number(record.get(name)) for name in ("base_value", "year_target", "realized_value"))
    # an indicator without a numeric target (a direction only) or informational has no rate
    assessed = _number(record.get("target_value", 0.0)) is not None and not bool(record.get("informational"))
    realization = None
    if assessed and base is not None and target is not None and realized is not None:
        realization = year_realization_pct(
            realized, base, target, measure=record["measure"], direction=record["direction"]
        )
    return MonitoringRow(
        kind=INDICATOR,
        depth=depth,
        level_key="indicators",
        code=record["indicator_code"],
        title_tr=record["name_tr"],
        title_en=record["name_en"],
        provenance=record["provenance"],
        weight=_number(record["weight"]),
        realization_pct=realization,
        unit=record["unit"],
        precision=None if _number(record.get("precision")) is None else int(record["precision"]),
        measure=record["measure"],
        direction=record["direction"],
        base_value=base,
        year_target=target,
        target_kind=_text(record.get("target_kind")),
        realized_value=realized,
        period_value=_number(record.get("period_value")),
        responsible_unit=_text(record.get("responsible_unit")),
        is_demo=bool(record.get("is_demo")),
        assessed=assessed,
        informational=bool(record.get("informational")),
    )


def _roll_up(
    children: list[tuple[float, float | None]], *, cap_realization: bool, coverage_floor: float
) -> tuple[float | None, float, bool]:
    """(realization, coverage, withheld) of a node from (weight, realization) of its children."""
    total = sum(weight for weight, _ in children)
    with_data = [(weight, cap(value, cap_realization)) for weight, value in children if value is not None]
    coverage = sum(weight for weight, _ in with_data) / total if total > 0 else 0.0
    if not with_data or coverage + 1e-9 < coverage_floor:
        return None, coverage, True
    return weighted_mean(with_data), coverage, False


def build_monitoring_table(
    nodes: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    plan_code: str,
    year: int,
    area_level: str = "province",
    area_code: str | None = None,
    cap_realization: bool = True,
    coverage_floor: float = 0.5,
) -> MonitoringTable:
    """The table from :func:`warehouse.monitoring.monitoring_nodes` and ``monitoring_indicators`` frames."""
    node_records = nodes.sort_values("sort_key").to_dict("records")
    goal_depth = max((int(record["depth"]) for record in node_records), default=0)
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for record in node_records:
        children[_text(record["parent_code"])].append(record)
    by_goal: dict[str, list[MonitoringRow]] = defaultdict(list)
    for record in indicators.sort_values("sort_key").to_dict("records"):
        by_goal[record["goal_code"]].append(indicator_row(record, goal_depth + 1))

    rolled: dict[str, tuple[float | None, float, bool]] = {}

    def roll(record: dict[str, Any]) -> tuple[float | None, float, bool]:
        code = record["node_code"]
        if int(record["depth"]) == goal_depth:
            parts = [(row.weight or 0.0, row.realization_pct) for row in by_goal[code] if row.assessed]
        else:
            parts = []
            for child in children[code]:
                realization, _, withheld = roll(child)
                parts.append((float(child["weight"]), None if withheld else realization))
        rolled[code] = _roll_up(parts, cap_realization=cap_realization, coverage_floor=coverage_floor)
        return rolled[code]

    top = [(float(record["weight"]), roll(record)) for record in children[None]]
    overall, overall_coverage, overall_withheld = _roll_up(
        [(weight, None if withheld else realization) for weight, (realization, _, withheld) in top],
        cap_realization=cap_realization,
        coverage_floor=coverage_floor,
    )

    rows: list[MonitoringRow] = []

    def emit(record: dict[str, Any]) -> None:
        code = record["node_code"]
        realization, coverage, withheld = rolled[code]
        below = by_goal[code] if int(record["depth"]) == goal_depth else []
        units = list(dict.fromkeys(row.responsible_unit for row in below if row.responsible_unit))
        rows.append(
            MonitoringRow(
                kind=NODE,
                depth=int(record["depth"]),
                level_key=record["level_key"],
                code=code,
                title_tr=record["title_tr"],
                title_en=record["title_en"],
                provenance=record["provenance"],
                weight=float(record["weight"]),
                realization_pct=realization,
                coverage=coverage,
                withheld=withheld,
                responsible_unit="; ".join(units) or None,
                is_demo=any(row.is_demo for row in below),
            )
        )
        rows.extend(below)
        for child in children[code]:
            emit(child)

    for record in children[None]:
        emit(record)
    return MonitoringTable(
        plan_code=plan_code,
        year=year,
        area_level=area_level,
        area_code=area_code,
        rows=tuple(rows),
        overall_realization_pct=None if overall_withheld else overall,
        overall_coverage=overall_coverage,
        cap_realization=cap_realization,
        coverage_floor=coverage_floor,
    )
