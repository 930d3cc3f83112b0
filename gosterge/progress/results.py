"""Result records of the progress engine. Each keeps the inputs that explain it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class YearPoint(NamedTuple):
    """One year of an indicator or node in one area, for charts.

    A named tuple rather than a frozen dataclass: just as immutable, and a plan has tens of
    thousands of them (a frozen dataclass costs ~1.7 µs to create, a named tuple ~0.3 µs).
    """

    plan_code: str
    code: str
    area_level: str
    area_code: str
    year: int
    value: float | None
    path_value: float | None
    realization_pct: float | None
    expected_pct: float | None


@dataclass(frozen=True)
class IndicatorResult:
    """Progress of one indicator in one area (province, region or district)."""

    plan_code: str
    indicator_code: str
    area_level: str
    area_code: str
    direction: str
    measure: str
    method: str
    data_points: int
    base_year: int | None
    base_value: float | None
    latest_year: int | None
    latest_value: float | None
    target_year: int
    target_value: float | None
    realization_pct: float | None
    expected_pct: float | None
    expected_now_pct: float | None
    pace_ratio: float | None
    score: float | None
    status: str
    thresholds: str
    trend: str
    trend_ratio: float | None
    actual_pace: float | None
    required_pace: float | None
    projected_year: int | None
    projection: str
    flags: str = ""
    note: str = ""

    def as_row(self) -> dict[str, Any]:
        return dict(self.__dict__)  # flat fields: a plain copy is ~10× faster than asdict


@dataclass(frozen=True)
class NodeResult:
    """Roll-up of a node (goal, priority, axis, aim …) or of the whole plan in one area."""

    plan_code: str
    node_code: str
    depth: int
    area_level: str
    area_code: str
    realization_pct: float | None
    expected_pct: float | None
    score: float | None
    status: str
    trend: str
    coverage: float
    children: int
    children_with_data: int
    withheld: bool
    worst_children: str
    alarm_score: float | None
    note: str = ""
    ended: bool = False  # every child past its target year: the status is the end result
    status_counts: dict[str, int] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        row = dict(self.__dict__)
        row.pop("status_counts")
        return row
