"""Distinct written texts → plan objects, once per distinct text (not per row)."""

from __future__ import annotations

from datetime import date

import numpy as np

from etl.parsing.areas import DISTRICT, Area, AreaResolver
from etl.parsing.periods import Canonical, Period, parse_period
from gosterge.measurement_rules.shown import excerpt, shown
from gosterge.plan import Plan
from gosterge.rejections import ReasonCode, Rejection


def resolve_indicators(uniques: list[str], plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """(position in the plan's indicators or -1, reason) per distinct text."""
    codes = {code: index for index, code in enumerate(plan.indicators)}
    index = np.full(max(len(uniques), 1), -1, dtype=np.int64)
    reasons = np.full(max(len(uniques), 1), None, dtype=object)
    for position, text in enumerate(uniques):
        code = text.strip()
        if code in codes:
            index[position] = codes[code]
        elif not code:
            reasons[position] = Rejection(ReasonCode.INDICATOR_MISSING, "indicator is missing")
        else:
            reasons[position] = Rejection(
                ReasonCode.UNKNOWN_INDICATOR,
                f"unknown indicator {shown(code)} (expected an indicator code of plan {plan.code})",
                {"indicator": excerpt(code), "plan": plan.code},
            )
    return index, reasons


def plan_areas(plan: Plan) -> list[Area]:
    """The province, then every district, in plan order."""
    return [Area("province", plan.province_code), *(Area(DISTRICT, code) for code in plan.districts)]


def resolve_areas(uniques: list[str], plan: Plan, areas: list[Area]) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``areas`` or -1, reason) per distinct text."""
    resolver = AreaResolver(plan)
    positions = {area: index for index, area in enumerate(areas)}
    index = np.full(max(len(uniques), 1), -1, dtype=np.int64)
    reasons = np.full(max(len(uniques), 1), None, dtype=object)
    for position, text in enumerate(uniques):
        found = resolver.resolve(text)
        if isinstance(found, Area):
            index[position] = positions[found]
        else:
            reasons[position] = found
    return index, reasons


def parse_periods(uniques: list[str]) -> tuple[list[Period | None], np.ndarray]:
    """(period or None, reason) per distinct text."""
    periods: list[Period | None] = []
    reasons = np.full(max(len(uniques), 1), None, dtype=object)
    for position, text in enumerate(uniques):
        found = parse_period(text)
        if isinstance(found, Period):
            periods.append(found)
        else:
            periods.append(None)
            reasons[position] = found
    return periods or [None], reasons


def allowed_areas(plan: Plan, codes: list[str], areas: list[Area]) -> np.ndarray:
    """[indicator, area] → the indicator may be measured there (its ``districts`` list, if any)."""
    allowed = np.ones((len(codes), len(areas)), dtype=bool)
    for row, code in enumerate(codes):
        subset = plan.indicators[code].districts
        if subset:
            allowed[row] = [area.level != DISTRICT or area.code in subset for area in areas]
    return allowed


def window_reason(item: Canonical, first_year: int, last_year: int, today: date) -> Rejection | None:
    if not first_year <= item.year <= last_year:
        return Rejection(
            ReasonCode.PERIOD_OUTSIDE_PLAN,
            f"period {item.text} is outside the plan's years {first_year}-{last_year}",
            {"period": item.text, "first_year": first_year, "last_year": last_year},
        )
    if item.start > today:
        return Rejection(ReasonCode.PERIOD_NOT_BEGUN, f"period {item.text} has not begun yet", {"period": item.text})
    return None
