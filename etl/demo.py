"""Deterministic demo measurements for every indicator of a plan.

Believable trajectories, decided per goal from a hash of its code (the same
plan always yields the same data): most goals on track, some behind, some
stagnating, a few deteriorating; district values scatter around the province;
about 3 % of (indicator, year) pairs are left out as gaps in every area
(a statistic not published that year, so district sums still add up in the
other years). Every value
this module makes is demo data and is loaded with ``is_demo = true``.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import replace

import pandas as pd

from gosterge.plan.model import UNITS, Indicator, Plan, YearValue
from gosterge.progress.status import interpolate_path

#: scenario → share of the planned change reached by the target year
SCENARIOS = (
    ("ahead", 1.15),
    ("on_track", 1.0),
    ("on_track", 0.97),
    ("behind", 0.7),
    ("behind", 0.55),
    ("stagnating", 0.15),
    ("deteriorating", -0.25),
    ("on_track", 1.05),
)
GAP_SHARE = 0.03  # share of (indicator, year) pairs left out: a statistic not published that year
DEMO_SOURCE = "demo"


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def scenario_of(plan: Plan, goal_code: str) -> tuple[str, float]:
    return SCENARIOS[_seed(plan.code, goal_code) % len(SCENARIOS)]


def demo_years(plan: Plan, last_year: int = 2025) -> range:
    return range(plan.baseline_year, last_year + 1)


def _periods(frequency: str, year: int) -> list[tuple[str, float]]:
    """(period text, fraction of the year elapsed at its end)."""
    if frequency == "monthly":
        return [(f"{year}-{month:02d}", month / 12) for month in range(1, 13)]
    if frequency == "quarterly":
        return [(f"{year}-Q{quarter}", quarter / 4) for quarter in range(1, 5)]
    return [(str(year), 1.0)]


def _district_shares(plan: Plan) -> dict[str, float]:
    weights = {code: 0.3 + (_seed(plan.code, "share", code) % 1000) / 250 for code in plan.districts}
    total = sum(weights.values())
    return {code: weight / total for code, weight in weights.items()}


def _bounded(indicator: Indicator, value: float) -> float:
    unit = UNITS[indicator.unit]
    if unit.minimum is not None:
        value = max(unit.minimum, value)
    if unit.maximum is not None:
        value = min(unit.maximum, value)
    if indicator.unit in ("count", "persons"):
        return float(round(value))
    return round(value, 4 if abs(value) < 100 else 2)


def with_demo_target(plan: Plan, indicator: Indicator) -> Indicator:
    """An indicator without a numeric target (a direction only, or informational) gets a stand-in
    target to shape its demo trajectory: 10 % in its direction by the plan's end. Never stored."""
    if indicator.target is not None:
        return indicator
    change = -0.1 if indicator.direction == "decrease" else 0.1
    return replace(indicator, target=YearValue(plan.period_end, indicator.baseline.value * (1 + change)))


def _target(indicator: Indicator) -> YearValue:
    assert indicator.target is not None, "demo indicators have a target (with_demo_target)"
    return indicator.target


def _trajectory(indicator: Indicator, factor: float, base: float, target: float, year: float) -> float:
    """Value at (fractional) ``year``: the planned path scaled by ``factor`` with a little curvature."""
    span = _target(indicator).year - indicator.baseline.year
    elapsed = max(0.0, year - indicator.baseline.year)
    share = elapsed / span
    if indicator.direction == "maintain":
        drift = -0.04 if factor < 0 else 0.01
        return base * (1 + drift * share)
    points = {
        indicator.baseline.year: base,
        **{
            y: base
            + (v - indicator.baseline.value)
            * (target - base)
            / ((_target(indicator).value - indicator.baseline.value) or 1)
            for y, v in indicator.interim_targets.items()
        },
        _target(indicator).year: target,
    }
    planned = interpolate_path(points, int(year)) if share <= 1 else target + (target - base) * (share - 1)
    assert planned is not None
    return base + (planned - base) * factor * (0.9 + 0.1 * math.sqrt(min(share, 1.0)))


def demo_measurements(plan: Plan, *, last_year: int = 2025) -> pd.DataFrame:
    """Long-form demo rows: plan_code, indicator_code, area_level, area_code, period, value."""
    rows = list(_rows(plan, last_year))
    return pd.DataFrame(rows, columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"])


def _rows(plan: Plan, last_year: int) -> Iterator[tuple[str, str, str, str, str, float]]:
    shares = _district_shares(plan)
    for planned in plan.indicators.values():
        indicator = with_demo_target(plan, planned)
        _, factor = scenario_of(plan, indicator.goal_code)
        rng = random.Random(_seed(plan.code, indicator.code))
        factor *= 0.85 + 0.3 * rng.random()
        gap_years = {
            year for year in demo_years(plan, last_year) if year > plan.baseline_year and rng.random() < GAP_SHARE
        }
        if indicator.level == "province":
            areas = [("province", plan.province_code, 1.0, 1.0)]
        else:
            areas = [("district", code, shares[code], 0.75 + 0.5 * rng.random()) for code in plan.districts]
        for area_level, area_code, share, spread in areas:
            scale = share if indicator.aggregation == "sum" else 1.0
            base = indicator.baseline.value * scale * (spread if indicator.aggregation != "sum" else 1.0)
            if UNITS[indicator.unit].maximum is not None:
                base = min(base, 99.0)
            target = _target(indicator).value * scale
            area_factor = factor * spread
            yield from _area_rows(
                plan, indicator, area_level, area_code, base, target, area_factor, rng, last_year, gap_years
            )


def _area_rows(
    plan: Plan,
    indicator: Indicator,
    area_level: str,
    area_code: str,
    base: float,
    target: float,
    factor: float,
    rng: random.Random,
    last_year: int,
    gap_years: set[int],
) -> Iterator[tuple[str, str, str, str, str, float]]:
    delivered = 0.0  # what the rows so far add up to (after rounding), so small counts still arrive
    for year in demo_years(plan, last_year):
        if year in gap_years:
            continue
        periods = _periods(indicator.frequency, year)
        for period, fraction in periods:
            noise = 1 + rng.gauss(0, 0.01)
            moment = year - 1 + fraction
            if indicator.measure == "cumulative":
                if year <= plan.baseline_year:
                    value = 0.0
                else:
                    total = _trajectory(indicator, factor, base, target, moment)
                    value = _bounded(indicator, max(0.0, total - delivered))
                    delivered += value
            elif indicator.measure == "per_period":
                # the province's target of the year (the baseline in the base year), scaled to the area
                year_target = interpolate_path(
                    {
                        indicator.baseline.year: indicator.baseline.value,
                        **indicator.interim_targets,
                        _target(indicator).year: _target(indicator).value,
                    },
                    year,
                )
                assert year_target is not None
                if indicator.baseline.value:
                    area_share = base / indicator.baseline.value
                else:
                    area_share = target / _target(indicator).value if _target(indicator).value else 1.0
                value = year_target * area_share
                performance = 1.0 if year <= plan.baseline_year else 0.6 + 0.45 * min(1.3, max(0.0, factor))
                value = value * performance / len(periods) * noise
            else:
                value = _trajectory(indicator, factor, base, target, moment) * noise
            yield (plan.code, indicator.code, area_level, area_code, period, _bounded(indicator, value))
