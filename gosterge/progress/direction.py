"""Indicators without a numeric target: a direction only ("artırılacak"), or shown for information.

- ``open_sdg_direction``: Open SDG's direction-only status. v = s · d · CAGR(latest, base) (s = −1 for
  a negative base, d = +1 when higher is better) against 1.5 % / 0.5 % / 0 a year, each positive
  threshold multiplied by C near a natural limit L (:func:`~gosterge.progress.status.natural_limit_factor`);
  the score by Open SDG's lines (:func:`~gosterge.progress.status.direction_only_status`). A trend arrow
  from the same thresholds; no realization %, no expected path, no projected year. In a roll-up it
  counts by its score (docs/progress.md, "Roll-ups").
- ``informational`` ("bilgi amaçlı"): the same growth and trend, but the status is always
  ``informational``: never a pace, never in a roll-up.
"""

from __future__ import annotations

from typing import Any

from gosterge.plan.model import Indicator
from gosterge.progress import status as formulas
from gosterge.progress.indicator import from_base_year
from gosterge.progress.results import IndicatorResult, YearPoint


def evaluate_without_target(
    indicator: Indicator,
    series: dict[int, float],
    area_level: str,
    area_code: str,
    *,
    base_year: int,
    base_value: float | None,
    end_year: int,
) -> tuple[IndicatorResult, list[YearPoint]]:
    """Evaluate a direction-only or informational ``indicator`` in one area. ``base_value``: the plan's
    baseline (province only), used when the base year has no measurement; ``end_year``: the plan's end."""
    flags: list[str] = []
    values = dict(sorted(series.items()))
    if base_value is not None and base_year not in values:
        values = dict(sorted({**values, base_year: base_value}.items()))
        flags.append("base_from_plan")
    usable, base_year = from_base_year(values, base_year, flags)
    informational = indicator.informational
    common: dict[str, Any] = dict(
        plan_code=indicator.plan_code,
        indicator_code=indicator.code,
        area_level=area_level,
        area_code=area_code,
        direction=indicator.direction,
        measure=indicator.measure,
        method="informational" if informational else "open_sdg_direction",
        data_points=len(usable),
        target_year=end_year,
        target_value=None,
        realization_pct=None,
        expected_pct=None,
        expected_now_pct=None,
        required_pace=None,
        projected_year=None,
        projection="no_target",
    )
    points = [
        YearPoint(indicator.plan_code, indicator.code, area_level, area_code, year, value, None, None, None)
        for year, value in usable.items()
    ]
    measured = [year for year in usable if year > base_year]
    if not measured:
        first = usable.get(base_year)
        return IndicatorResult(
            **common,
            base_year=base_year if usable else None,
            base_value=first,
            latest_year=base_year if usable else None,
            latest_value=first,
            pace_ratio=None,
            score=None,
            status=formulas.INFORMATIONAL if informational else formulas.NOT_AVAILABLE,
            thresholds="",
            trend=formulas.TREND_NONE,
            trend_ratio=None,
            actual_pace=None,
            flags=";".join(flags),
            note="fewer than two years of data",
        ), points
    latest_year = max(measured)
    base, latest = usable[base_year], usable[latest_year]
    growth = direction_growth(base, latest, base_year, latest_year, indicator.direction, flags)
    factor = formulas.natural_limit_factor(base, indicator.natural_limit)
    status, score = formulas.NOT_AVAILABLE, None
    trend = formulas.TREND_NONE
    if growth is not None:
        status, score = formulas.direction_only_status(growth, factor)
        trend = formulas.direction_trend(growth, factor)
    if informational:
        status, score = formulas.INFORMATIONAL, None
    return IndicatorResult(
        **common,
        base_year=base_year,
        base_value=base,
        latest_year=latest_year,
        latest_value=latest,
        pace_ratio=growth,
        score=score,
        status=status,
        thresholds=direction_thresholds(factor),
        trend=trend,
        trend_ratio=None,
        actual_pace=(latest - base) / (latest_year - base_year),
        flags=";".join(flags),
        note="",
    ), points


def direction_growth(
    base: float, latest: float, base_year: int, latest_year: int, direction: str, flags: list[str]
) -> float | None:
    """v = s · d · CAGR(latest, base), zero replaced by 0.001 (flagged); None across a change of sign.
    A maintain-type informational indicator counts as higher-is-better."""
    safe_base = base if base != 0 else formulas.ZERO_REPLACEMENT
    safe_latest = latest if latest != 0 else formulas.ZERO_REPLACEMENT
    if formulas.ZERO_REPLACEMENT in (safe_base, safe_latest) and "zero_replaced" not in flags:
        flags.append("zero_replaced")
    if safe_base * safe_latest <= 0:
        flags.append("sign_change")
        return None
    sign = (-1 if safe_base < 0 else 1) * formulas.sign_of_direction(direction)
    return sign * formulas.cagr(safe_latest, safe_base, latest_year, base_year)


def direction_thresholds(factor: float) -> str:
    """The thresholds in force, scaled by C near a natural limit."""
    high, low = (value * 100 * factor for value in formulas.DIRECTION_THRESHOLDS[:2])
    scaled = "" if factor == 1.0 else f", × C = {factor:.3f} near the natural limit"
    return f"{high:.2f}% / {low:.2f}% / 0 (direction only{scaled})"
