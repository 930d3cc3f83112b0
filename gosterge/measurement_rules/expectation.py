"""Is an entered value below the realization expected by the end of its period? (Then the unit must
explain the deviation and say what it will do.)

The expected realization is the progress engine's (:func:`gosterge.progress.status.expected_pct`: the
linear path from the base to the target, or through the interim targets), taken at the period's end: a
first half-year (``year_fraction`` 0.5) is halfway between the previous year's and the year's expected
realization. The realization of the value is the Turkish guide's (X − A) / (Y − A) × 100
(:func:`gosterge.progress.status.realization_pct`), on the running total for cumulative indicators; a
per-period indicator is compared with its year's target, prorated to the part of the year. Indicators
with no numeric target, informational ones and those to be maintained never require an explanation
here: their progress has no path to fall below.
"""

from __future__ import annotations

from dataclasses import dataclass

from gosterge.plan.model import Indicator
from gosterge.progress.status import expected_pct, interpolate_path, realization_pct


@dataclass(frozen=True)
class AreaPath:
    """Base and target of an indicator in one area (the warehouse's ``indicator_progress`` row), and the
    running total realized before the period's year (cumulative indicators: the base value when nothing
    was realized yet)."""

    base_year: int
    base_value: float
    target_year: int
    target_value: float
    interim_targets: dict[int, float]
    total_before: float = 0.0


@dataclass(frozen=True)
class Expectation:
    """What is expected by a period's end: the realization (%), the value on the path and the year's target."""

    expected_pct: float
    expected_value: float
    target_of_year: float | None


def expectation(indicator: Indicator, path: AreaPath | None, year: int, year_fraction: float) -> Expectation | None:
    """The realization expected of ``indicator`` at the end of a period of ``year`` (None: no path)."""
    if path is None or indicator.assessment != "target" or indicator.direction == "maintain":
        return None
    points = {path.base_year: path.base_value, **path.interim_targets, path.target_year: path.target_value}
    target_of_year = interpolate_path(points, year)
    if indicator.measure == "per_period":
        assert target_of_year is not None
        return Expectation(100.0 * year_fraction, target_of_year * year_fraction, target_of_year)

    def at(point_year: int) -> float:
        return expected_pct(
            point_year, path.base_year, path.base_value, path.target_year, path.target_value, path.interim_targets
        )

    expected = at(year - 1) + (at(year) - at(year - 1)) * year_fraction
    value = path.base_value + expected / 100.0 * (path.target_value - path.base_value)
    return Expectation(expected, value, target_of_year)


def is_below_path(indicator: Indicator, path: AreaPath | None, value: float, expected: Expectation | None) -> bool:
    """True when ``value`` puts the indicator below ``expected`` (an explanation is then required)."""
    if path is None or expected is None:
        return False
    if indicator.measure == "per_period":
        falls = indicator.direction == "decrease"
        return value > expected.expected_value if falls else value < expected.expected_value
    realized_value = path.total_before + value if indicator.measure == "cumulative" else value
    realization = realization_pct(realized_value, path.base_value, path.target_value)
    return realization is not None and realization < expected.expected_pct - 1e-9
