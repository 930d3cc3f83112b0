"""The formulas, one function each (see docs/progress.md and ../shared METHODS.md).

Notation: t0, y0 base year and value; t, yt latest; T, yT target; d = +1 when
higher is better, −1 when lower is better.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ACHIEVED = "achieved"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
LIMITED = "limited"
DETERIORATION = "deterioration"
NOT_ACHIEVED = "not_achieved"  # the end result after the target year, when the target was not met
NOT_AVAILABLE = "not_available"
NOT_MEASURED = "not_measured"  # a roll-up in a district or region whose indicators are measured by province only
INFORMATIONAL = "informational"  # an indicator shown for information ("bilgi amaçlı"): never a status
#: every status, in the order they are listed (legends, counts, sorting): good to bad, then the end
#: result not reached, then what has no assessment
STATUSES = (
    ACHIEVED,
    ON_TRACK,
    ACCELERATION_NEEDED,
    LIMITED,
    DETERIORATION,
    NOT_ACHIEVED,
    NOT_AVAILABLE,
    NOT_MEASURED,
    INFORMATIONAL,
)
#: statuses that are no assessment: left out of roll-ups altogether
NOT_ASSESSED = (NOT_MEASURED, INFORMATIONAL)

TREND_UP = "up"
TREND_MODERATE = "moderate"
TREND_STAGNATING = "stagnating"
TREND_DOWN = "down"
TREND_NONE = "none"
TRENDS = (TREND_UP, TREND_MODERATE, TREND_STAGNATING, TREND_DOWN, TREND_NONE)

TARGET_THRESHOLDS = (0.95, 0.60, 0.0)
DIRECTION_THRESHOLDS = (0.015, 0.005, 0.0)
ZERO_REPLACEMENT = 0.001
MAINTAIN_TOLERANCE = 0.02  # share of |y0| a maintain-type indicator may move the wrong way


def sign_of_direction(direction: str) -> int:
    return -1 if direction == "decrease" else 1


def cagr(value: float, base: float, year: int, base_year: int) -> float:
    """Compound annual growth rate from (base_year, base) to (year, value); same signs required."""
    return float((value / base) ** (1.0 / (year - base_year)) - 1.0)


def realization_pct(latest: float, base: float, target: float) -> float | None:
    """Turkish guide: (X_t − A) / (Y − A) × 100; None when Y = A (see :func:`maintain_realization`)."""
    if target == base:
        return None
    return (latest - base) / (target - base) * 100.0


def is_maintained(
    latest: float, base: float, tolerance: float = MAINTAIN_TOLERANCE, direction: str = "maintain"
) -> bool:
    """A value holds while it stays on the right side of y0, less a tolerance of |y0|: at or above y0
    (maintain and increase), at or below y0 (decrease: an area already past a falling target)."""
    if direction == "decrease":
        return latest <= base + tolerance * abs(base)
    return latest >= base - tolerance * abs(base)


def maintain_realization(
    latest: float, base: float, tolerance: float = MAINTAIN_TOLERANCE, direction: str = "maintain"
) -> float:
    """100 while maintained; otherwise the share of y0 still held (0 … 100)."""
    if is_maintained(latest, base, tolerance, direction):
        return 100.0
    if base == 0:
        return 0.0
    return max(0.0, min(100.0, 100.0 - abs(latest - base) / abs(base) * 100.0))


def year_realization_pct(
    value: float, base: float, year_target: float, *, measure: str, direction: str
) -> float | None:
    """Realization of one monitoring year against that year's target (the yearly monitoring tables).

    Level and cumulative indicators: (X_t − A) / (Y_t − A) × 100 with Y_t the target of the year
    (X_t is the running total for cumulative ones); per-period indicators: X_t ÷ Y_t × 100;
    maintain-type indicators, or a year whose target equals A: :func:`maintain_realization`.
    """
    if measure == "per_period" and direction != "maintain":
        return value / year_target * 100.0 if year_target else None
    if direction == "maintain" or year_target == base:
        return maintain_realization(value, base, direction=direction)
    return realization_pct(value, base, year_target)


def target_met(latest: float, target: float, direction: str) -> bool:
    return latest >= target if sign_of_direction(direction) > 0 else latest <= target


def interpolate_path(points: dict[int, float], year: int) -> float | None:
    """Value at ``year`` on the piecewise-linear path through ``points`` (clamped at the ends)."""
    if not points:
        return None
    years = sorted(points)
    if year <= years[0]:
        return points[years[0]]
    if year >= years[-1]:
        return points[years[-1]]
    for left, right in zip(years, years[1:], strict=False):
        if left <= year <= right:
            share = (year - left) / (right - left)
            return points[left] + share * (points[right] - points[left])
    return None  # pragma: no cover - unreachable


def expected_pct(
    year: int,
    base_year: int,
    base: float,
    target_year: int,
    target: float,
    interim_targets: dict[int, float] | None = None,
) -> float:
    """Expected realization at ``year``: linear path, or through the interim targets."""
    if year <= base_year:
        return 0.0
    if year >= target_year:
        return 100.0
    if interim_targets and target != base:
        points = {base_year: base, **interim_targets, target_year: target}
        on_path = interpolate_path(points, year)
        assert on_path is not None
        return (on_path - base) / (target - base) * 100.0
    return (year - base_year) / (target_year - base_year) * 100.0


def score_from_ratio(ratio: float) -> float:
    """Open SDG score (−5 … +5) for a pace ratio R against a target."""
    if ratio >= TARGET_THRESHOLDS[1]:
        return min(7.1429 * ratio - 4.2857, 5.0)
    return max(4.1667 * ratio - 2.5, -5.0)


def status_from_ratio(ratio: float) -> str:
    on_track, acceleration, limited = TARGET_THRESHOLDS
    if ratio >= on_track:
        return ON_TRACK
    if ratio >= acceleration:
        return ACCELERATION_NEEDED
    if ratio >= limited:
        return LIMITED
    return DETERIORATION


def natural_limit_factor(base: float, natural_limit: float | None, exponent: float = 4.44) -> float:
    """Open SDG's C: scales the direction-only thresholds near a natural limit L."""
    if natural_limit is None or natural_limit == 0:
        return 1.0
    b = abs(base)
    limit = abs(natural_limit)
    if b >= 2 * limit:
        return 1.0
    if b <= limit:
        return 1.0 - (b / limit) ** exponent
    return 1.0 - ((2 * limit - b) / limit) ** exponent


def direction_only_status(growth: float, factor: float = 1.0) -> tuple[str, float]:
    """Status and score for growth v = s·d·CAGR without a target (thresholds × C)."""
    factor = max(factor, 1e-9)
    high, low = DIRECTION_THRESHOLDS[0] * factor, DIRECTION_THRESHOLDS[1] * factor
    if growth < 0:
        return DETERIORATION, max(125 * growth - 2.5, -5.0)
    if growth < low:
        return LIMITED, 500 * growth / factor - 2.5
    if growth < high:
        return ACCELERATION_NEEDED, 250 * growth / factor - 1.25
    return ON_TRACK, min(500 * growth / factor - 5.0, 5.0)


def status_from_realization(realization: float, expected: float | None) -> tuple[str, float | None]:
    """A roll-up's pace status from its own numbers: ratio = realization ÷ expected realization with
    Open SDG's bands (0.95 / 0.60 / 0). Nothing expected yet (None or 0): on track unless the
    realization is negative. Returns (status, ratio)."""
    if expected is None or expected <= 0:
        return (ON_TRACK if realization >= 0 else DETERIORATION), None
    ratio = realization / expected
    return status_from_ratio(ratio), ratio


def is_ended(target_year: int, evaluation_year: int, latest_year: int | None = None) -> bool:
    """Past the target year: today's year (or the latest data year) is after it."""
    return max(evaluation_year, latest_year or evaluation_year) > target_year


def direction_trend(growth: float, factor: float = 1.0) -> str:
    """A direction-only indicator's arrow from its growth v (the same thresholds × C as its status)."""
    factor = max(factor, 1e-9)
    if growth >= DIRECTION_THRESHOLDS[0] * factor:
        return TREND_UP
    if growth >= DIRECTION_THRESHOLDS[1] * factor:
        return TREND_MODERATE
    if growth >= 0:
        return TREND_STAGNATING
    return TREND_DOWN


def status_from_score(score: float) -> str:
    """Roll-up bands: [2.5, 5] on track, [0, 2.5) acceleration, [−2.5, 0) limited, below deterioration."""
    if score >= 2.5:
        return ON_TRACK
    if score >= 0:
        return ACCELERATION_NEEDED
    if score >= -2.5:
        return LIMITED
    return DETERIORATION


@dataclass(frozen=True)
class Trend:
    arrow: str
    ratio: float | None


def sdsn_trend(
    base_year: int, base: float, year: int, latest: float, target_year: int, target: float, direction: str
) -> Trend:
    """SDSN arrow: observed linear pace against the pace still needed."""
    d = sign_of_direction(direction)
    if target_met(latest, target, direction):
        return Trend(TREND_UP, None)
    moved = (latest - base) * d
    if moved < 0:
        return Trend(TREND_DOWN, None)
    if year >= target_year or year == base_year:
        return Trend(TREND_STAGNATING if moved == 0 else TREND_MODERATE, None)
    actual = (latest - base) / (year - base_year)
    needed = (target - latest) / (target_year - year)
    ratio = actual / needed if needed != 0 else math.inf
    if ratio >= 1:
        return Trend(TREND_UP, ratio)
    if ratio >= 0.5:
        return Trend(TREND_MODERATE, ratio)
    return Trend(TREND_STAGNATING, ratio)


def projected_year(base_year: int, base: float, year: int, latest: float, target: float, direction: str) -> int | None:
    """Year the target is reached at the observed linear pace; None if never at this pace."""
    if target_met(latest, target, direction):
        return year
    if year == base_year:
        return None
    pace = (latest - base) / (year - base_year)
    if pace * sign_of_direction(direction) <= 0:
        return None
    return year + math.ceil((target - latest) / pace - 1e-9)
