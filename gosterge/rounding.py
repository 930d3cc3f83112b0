"""How many decimals a figure is shown with, on a page and in every file, and the one way to round.

An indicator's values (base, latest, target, in its unit) have the indicator's ``precision`` (a
plan-file field with a default per unit: :data:`gosterge.plan.model.UNITS`); realization and
expected realization in percent have :data:`PERCENT_DECIMALS`, coverage :data:`COVERAGE_DECIMALS`,
ratios and scores :data:`RATIO_DECIMALS`, weights :data:`WEIGHT_DECIMALS`. Raw measurement
downloads keep the value as delivered.

:func:`round_to` rounds half away from zero exactly as the warehouse's SQL
(``round(x * pow(10, d)) / pow(10, d)``, :func:`sql_rounded`), so a page and a file built from
the same number show the same digits.
"""

from __future__ import annotations

import math
from typing import overload

PERCENT_DECIMALS = 1
COVERAGE_DECIMALS = 0
RATIO_DECIMALS = 2
WEIGHT_DECIMALS = 1
#: actual and required pace (the indicator's unit per year), as the 'why this status' panel shows them
PACE_DECIMALS = 2


@overload
def round_to(value: float, decimals: int) -> float: ...
@overload
def round_to(value: None, decimals: int) -> None: ...
@overload
def round_to(value: float | None, decimals: int) -> float | None: ...


def round_to(value: float | None, decimals: int) -> float | None:
    """``value`` rounded to ``decimals`` (half away from zero); None, NaN and infinity unchanged."""
    if value is None or not math.isfinite(value):
        return value
    scale = math.pow(10, decimals)
    scaled = value * scale
    return math.copysign(math.floor(abs(scaled) + 0.5), scaled) / scale


def sql_rounded(expression: str, decimals: str | int) -> str:
    """SQL rounding ``expression`` to ``decimals`` (a constant or a column: DuckDB's ``round(x, d)``
    takes only a constant), half away from zero like :func:`round_to`."""
    return f"round(({expression}) * pow(10, {decimals})) / pow(10, {decimals})"
