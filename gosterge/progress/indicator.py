"""Progress of one indicator in one area, from its annual values.

Methods (recorded in ``IndicatorResult.method``):

- ``open_sdg_target``: level indicators with a target: Statistics Canada /
  Open SDG pace ratio R = s·d·CAGR(actual) / |CAGR(required)|.
- ``linear_ratio``: cumulative and per-period indicators (counts of deliveries,
  where a zero base makes CAGR meaningless): R = realization ÷ expected.
- ``maintain``: maintain-type indicators, and any indicator whose target equals
  its base: achieved while the value holds (within a tolerance), else
  Open SDG's direction-only method.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gosterge.plan.model import Indicator
from gosterge.progress import status as formulas
from gosterge.progress.results import IndicatorResult, YearPoint


@dataclass(frozen=True)
class AreaTarget:
    """Base and target that apply in one area (districts may differ from the province)."""

    base_year: int
    base_value: float | None
    target_year: int
    target_value: float
    interim_targets: dict[int, float]


def from_base_year(values: dict[int, float], base_year: int, flags: list[str]) -> tuple[dict[int, float], int]:
    """The values from ``base_year`` on, and the base year used: the first year with a value when the
    base year has none (flagged ``base_year_missing_used_YYYY``)."""
    usable = {year: value for year, value in values.items() if year >= base_year}
    if base_year not in usable and usable:
        base_year = min(usable)
        flags.append(f"base_year_missing_used_{base_year}")
    return usable, base_year


def running_totals(series: dict[int, float], base_value: float, base_year: int) -> dict[int, float]:
    """Cumulative indicators: yearly deliveries → running totals from the base value."""
    totals: dict[int, float] = {}
    total = base_value
    for year in sorted(series):
        if year <= base_year:
            continue
        total += series[year]
        totals[year] = total
    totals[base_year] = base_value
    return dict(sorted(totals.items()))


def evaluate(
    indicator: Indicator,
    series: dict[int, float],
    area_level: str,
    area_code: str,
    area_target: AreaTarget,
    evaluation_year: int,
) -> tuple[IndicatorResult, list[YearPoint]]:
    """Evaluate ``indicator`` in one area; ``series`` maps year → value as measured."""
    flags: list[str] = []
    values = dict(sorted(series.items()))
    if indicator.measure == "cumulative":
        values = running_totals(values, area_target.base_value or 0.0, area_target.base_year)
    elif area_target.base_value is not None and area_target.base_year not in values:
        values[area_target.base_year] = area_target.base_value
        values = dict(sorted(values.items()))
        flags.append("base_from_plan")
    usable, base_year = from_base_year(values, area_target.base_year, flags)
    common: dict[str, Any] = dict(
        plan_code=indicator.plan_code,
        indicator_code=indicator.code,
        area_level=area_level,
        area_code=area_code,
        direction=indicator.direction,
        measure=indicator.measure,
        target_year=area_target.target_year,
        target_value=area_target.target_value,
    )
    points = _year_points(indicator, usable, area_level, area_code, area_target, base_year)
    measured_years = [year for year in usable if year > base_year]
    if not measured_years or base_year not in usable:
        base_value = usable.get(base_year)
        result = IndicatorResult(
            **common,
            method=_method(indicator, area_target),
            data_points=len(usable),
            base_year=base_year if usable else None,
            base_value=base_value,
            latest_year=base_year if usable else None,
            latest_value=base_value,
            realization_pct=None,
            expected_pct=None,
            expected_now_pct=_expected(indicator, area_target, evaluation_year, base_year, base_value),
            pace_ratio=None,
            score=None,
            status=formulas.NOT_AVAILABLE,
            thresholds="",
            trend=formulas.TREND_NONE,
            trend_ratio=None,
            actual_pace=None,
            required_pace=None,
            projected_year=None,
            projection="insufficient_data",
            flags=";".join(flags),
            note="fewer than two years of data",
        )
        return result, points
    latest_year = max(measured_years)
    base_value = usable[base_year]
    latest_value = usable[latest_year]
    return _assess(
        indicator,
        common,
        area_target,
        flags,
        len(usable),
        base_year,
        base_value,
        latest_year,
        latest_value,
        evaluation_year,
    ), points


def _method(indicator: Indicator, area_target: AreaTarget) -> str:
    if indicator.direction == "maintain" or area_target.target_value == area_target.base_value:
        return "maintain"
    if indicator.measure in ("cumulative", "per_period"):
        return "linear_ratio"
    return "open_sdg_target"


def _expected(
    indicator: Indicator, area_target: AreaTarget, year: int, base_year: int, base_value: float | None
) -> float | None:
    if indicator.measure == "per_period" or indicator.direction == "maintain":
        return 100.0
    if base_value is None:
        return None
    return formulas.expected_pct(
        year, base_year, base_value, area_target.target_year, area_target.target_value, area_target.interim_targets
    )


def _assess(
    indicator: Indicator,
    common: dict[str, Any],
    area_target: AreaTarget,
    flags: list[str],
    data_points: int,
    base_year: int,
    base_value: float,
    latest_year: int,
    latest_value: float,
    evaluation_year: int,
) -> IndicatorResult:
    method = _method(indicator, area_target)
    target_year, target_value = area_target.target_year, area_target.target_value
    direction = indicator.direction
    expected = _expected(indicator, area_target, latest_year, base_year, base_value)
    expected_now = _expected(indicator, area_target, min(evaluation_year, target_year), base_year, base_value)
    realization: float | None
    ratio: float | None
    score: float | None
    if method == "maintain":
        realization = formulas.maintain_realization(latest_value, base_value, direction=indicator.direction)
        held = formulas.is_maintained(latest_value, base_value, direction=indicator.direction)
        ratio = None
        if held:
            status, score, ratio, thresholds = (
                formulas.ACHIEVED,
                5.0,
                None,
                f"tolerance {formulas.MAINTAIN_TOLERANCE:.0%}",
            )
        else:
            safe_base, safe_latest = _nonzero(base_value, flags), _nonzero(latest_value, flags)
            if safe_base * safe_latest > 0:
                sign = (-1 if safe_base < 0 else 1) * formulas.sign_of_direction(indicator.direction)
                ratio = sign * formulas.cagr(safe_latest, safe_base, latest_year, base_year)
                factor = formulas.natural_limit_factor(base_value, indicator.natural_limit)
                status, score = formulas.direction_only_status(ratio, factor)
            else:
                status, score = formulas.DETERIORATION, -5.0
            thresholds = "1.5% / 0.5% / 0 (direction only)"
        status = _end_result(status, target_year, evaluation_year, latest_year)
        return IndicatorResult(
            **common,
            method=method,
            data_points=data_points,
            base_year=base_year,
            base_value=base_value,
            latest_year=latest_year,
            latest_value=latest_value,
            realization_pct=realization,
            expected_pct=100.0,
            expected_now_pct=100.0,
            pace_ratio=ratio,
            score=score,
            status=status,
            thresholds=thresholds,
            trend=formulas.TREND_UP if held else formulas.TREND_DOWN,
            trend_ratio=None,
            actual_pace=(latest_value - base_value) / (latest_year - base_year),
            required_pace=0.0,
            projected_year=latest_year if held else None,
            projection="held" if held else "not_held",
            flags=";".join(flags),
            note="",
        )
    if indicator.measure == "per_period":
        # the area's own target of that year: a district's or region's share for sums
        year_target = formulas.interpolate_path(
            {base_year: base_value, **area_target.interim_targets, target_year: target_value}, latest_year
        )
        assert year_target is not None
        realization = latest_value / year_target * 100.0 if year_target else None
    else:
        realization = formulas.realization_pct(latest_value, base_value, target_value)
    achieved = formulas.target_met(latest_value, target_value, direction) and (
        indicator.measure != "per_period" or latest_year >= target_year
    )
    if method == "linear_ratio":
        ratio = (realization / expected) if realization is not None and expected else None
        thresholds = "0.95 / 0.60 / 0 (realization ÷ expected)"
    else:
        ratio = _open_sdg_ratio(
            base_value, latest_value, base_year, latest_year, target_value, target_year, direction, flags
        )
        thresholds = "0.95 / 0.60 / 0"
    if achieved:
        status, score = formulas.ACHIEVED, 5.0
    elif ratio is None:
        status, score = formulas.NOT_AVAILABLE, None
    else:
        status, score = formulas.status_from_ratio(ratio), formulas.score_from_ratio(ratio)
    if status != formulas.NOT_AVAILABLE:
        status = _end_result(status, target_year, evaluation_year, latest_year)
    trend = formulas.sdsn_trend(base_year, base_value, latest_year, latest_value, target_year, target_value, direction)
    projected = formulas.projected_year(base_year, base_value, latest_year, latest_value, target_value, direction)
    if achieved:
        projection = "reached"
    elif projected is None:
        projection = "not_at_this_pace"
    elif projected <= target_year:
        projection = "by_target_year"
    else:
        projection = "after_target_year"
    remaining_years = target_year - latest_year
    return IndicatorResult(
        **common,
        method=method,
        data_points=data_points,
        base_year=base_year,
        base_value=base_value,
        latest_year=latest_year,
        latest_value=latest_value,
        realization_pct=realization,
        expected_pct=expected,
        expected_now_pct=expected_now,
        pace_ratio=ratio,
        score=score,
        status=status,
        thresholds=thresholds,
        trend=trend.arrow,
        trend_ratio=trend.ratio,
        actual_pace=(latest_value - base_value) / (latest_year - base_year),
        required_pace=((target_value - latest_value) / remaining_years) if remaining_years > 0 else None,
        projected_year=projected,
        projection=projection,
        flags=";".join(flags),
        note="",
    )


def _end_result(status: str, target_year: int, evaluation_year: int, latest_year: int) -> str:
    """After the target year a pace means nothing: the status is the end result, achieved or not."""
    if status == formulas.ACHIEVED or not formulas.is_ended(target_year, evaluation_year, latest_year):
        return status
    return formulas.NOT_ACHIEVED


def _nonzero(value: float, flags: list[str]) -> float:
    if value == 0:
        if "zero_replaced" not in flags:
            flags.append("zero_replaced")
        return formulas.ZERO_REPLACEMENT
    return value


def _open_sdg_ratio(
    base_value: float,
    latest_value: float,
    base_year: int,
    latest_year: int,
    target_value: float,
    target_year: int,
    direction: str,
    flags: list[str],
) -> float | None:
    base = _nonzero(base_value, flags)
    latest = _nonzero(latest_value, flags)
    target = _nonzero(target_value, flags)
    if base * latest <= 0 or base * target <= 0:
        flags.append("sign_change")
        return None
    required = formulas.cagr(target, base, target_year, base_year)
    if required == 0:
        return None
    sign = -1 if base < 0 else 1
    actual = formulas.cagr(latest, base, latest_year, base_year)
    return sign * formulas.sign_of_direction(direction) * actual / abs(required)


def _year_points(
    indicator: Indicator,
    values: dict[int, float],
    area_level: str,
    area_code: str,
    area_target: AreaTarget,
    base_year: int,
) -> list[YearPoint]:
    base_value = values.get(base_year, area_target.base_value)
    path: dict[int, float] = {}
    if base_value is not None:
        path = {
            area_target.base_year: base_value,
            **area_target.interim_targets,
            area_target.target_year: area_target.target_value,
        }
    years = sorted(set(values) | set(range(area_target.base_year, area_target.target_year + 1)))
    points: list[YearPoint] = []
    for year in years:
        value = values.get(year)
        path_value = formulas.interpolate_path(path, year) if path else None
        realization = expected = None
        if base_value is not None and year <= area_target.base_year:
            # the base year is the reference: nothing realized and nothing expected yet, at every level
            expected = 0.0 if year == area_target.base_year else None
            realization = 0.0 if year == area_target.base_year and value is not None else None
        elif base_value is not None:
            # the expected path stops at the target year; the values run on as far as there is data
            if year <= area_target.target_year:
                expected = _expected(indicator, area_target, year, area_target.base_year, base_value)
            if value is not None:
                if indicator.direction == "maintain" or area_target.target_value == base_value:
                    realization = formulas.maintain_realization(value, base_value, direction=indicator.direction)
                elif indicator.measure == "per_period":
                    # the base year is the reference, not a year of the plan to realize
                    realization = value / path_value * 100.0 if path_value else None
                else:
                    realization = formulas.realization_pct(value, base_value, area_target.target_value)
        points.append(
            YearPoint(
                indicator.plan_code,
                indicator.code,
                area_level,
                area_code,
                year,
                value,
                path_value,
                realization,
                expected,
            )
        )
    return points
