"""A value against its indicator: the unit's bounds, the percent sign, the plan's years; and one typed value.

The ETL applies :func:`bound_reason` and :func:`percent_reason` column-wise (etl/validate.py); the entry
pages call :func:`check_value` on one typed text, which reads it with the same number rules
(:func:`gosterge.measurement_rules.numbers.parse_numbers`) and gives the same reasons: a
:class:`gosterge.rejections.Rejection`, which a page words in the reader's language as the quality page
words a rejected row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyarrow as pa

from gosterge.measurement_rules.numbers import parse_numbers
from gosterge.measurement_rules.shown import plain_number, stored_number
from gosterge.plan.model import UNITS, Indicator, Plan
from gosterge.rejections import ReasonCode, Rejection

#: units whose values may be written with a percent sign (or come from cells formatted as percentages)
PERCENT_UNITS = ("%", "% change")
#: measurements may fall up to this many years after the plan's end (evaluations after the plan)
YEARS_AFTER_PLAN = 3


def plan_years(plan: Plan) -> tuple[int, int]:
    """The years a measurement of ``plan`` may fall in."""
    first = min([plan.baseline_year, *(indicator.baseline.year for indicator in plan.indicators.values())])
    return first, plan.period_end + YEARS_AFTER_PLAN


def percent_reason(code: str, unit: str) -> Rejection:
    return Rejection(
        ReasonCode.PERCENT_FOR_OTHER_UNIT,
        f"written as a percentage, but indicator {code} is measured in {unit!r}: write the value without a "
        "percent sign (or format the cell as a number)",
        {"indicator": code, "unit": unit},
    )


def bound_reason(value: float, bound: float, unit: str, code: str, *, above: bool) -> Rejection:
    """A value outside its unit's bounds, both shown exactly (never rounded)."""
    word = "above the maximum" if above else "below the minimum"
    return Rejection(
        ReasonCode.VALUE_ABOVE_MAXIMUM if above else ReasonCode.VALUE_BELOW_MINIMUM,
        f"implausible value {plain_number(value)}: {word} {plain_number(bound)} for unit {unit!r} (indicator {code})",
        {
            "value": stored_number(value),
            "maximum" if above else "minimum": stored_number(bound),
            "unit": unit,
            "indicator": code,
        },
    )


@dataclass(frozen=True)
class CheckedValue:
    """One typed value read and checked: ``value`` when good, else the :class:`Rejection` the ETL would
    give the same value in a file (its code, values and English line)."""

    text: str
    value: float | None
    rejection: Rejection | None = None

    @property
    def ok(self) -> bool:
        return self.rejection is None

    @property
    def reason(self) -> str | None:
        return self.rejection.text if self.rejection is not None else None


def check_value(text: str | float | int | None, indicator: Indicator, *, decimal: str | None = None) -> CheckedValue:
    """``text`` (as typed, or a number from a spreadsheet cell) read and checked for ``indicator``."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        written = plain_number(float(text))
        parsed = parse_numbers(pa.array([written]), pa.array([float(text)]), decimal)
    else:
        written = "" if text is None else str(text)
        parsed = parse_numbers(pa.array([written]), None, decimal)
    if parsed.bad[0]:
        return CheckedValue(written, None, parsed.problems[0])
    value = float(parsed.values[0])
    if parsed.percent[0] and indicator.unit not in PERCENT_UNITS:
        return CheckedValue(written, None, percent_reason(indicator.code, indicator.unit))
    unit = UNITS[indicator.unit]
    if unit.minimum is not None and value < unit.minimum:
        return CheckedValue(written, None, bound_reason(value, unit.minimum, unit.code, indicator.code, above=False))
    if unit.maximum is not None and value > unit.maximum:
        return CheckedValue(written, None, bound_reason(value, unit.maximum, unit.code, indicator.code, above=True))
    assert math.isfinite(value)
    return CheckedValue(written, value)
