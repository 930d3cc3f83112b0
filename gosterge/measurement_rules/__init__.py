"""The rules a measurement must meet, shared by the ETL (files) and the entry pages (values people type).

One implementation, one set of messages: :mod:`.numbers` reads numbers as people write them (Turkish
forms like ``1.234,5``, ambiguous ones like ``1.234``) column-wise; :mod:`.values` holds the unit's
bounds, the percent sign and the plan's years, and :func:`check_value` applies all of them to one typed
value (an entry field, a row of an uploaded template); :mod:`.expectation` says when a value is below the
realization expected by its period, so that an explanation is required.
"""

from gosterge.measurement_rules.expectation import AreaPath, Expectation, expectation, is_below_path
from gosterge.measurement_rules.numbers import AMBIGUOUS_REASON, ParsedNumbers, parse_numbers
from gosterge.measurement_rules.shown import plain_number, shown
from gosterge.measurement_rules.values import (
    PERCENT_UNITS,
    YEARS_AFTER_PLAN,
    CheckedValue,
    bound_reason,
    check_value,
    percent_reason,
    plan_years,
)

__all__ = [
    "AMBIGUOUS_REASON",
    "AreaPath",
    "Expectation",
    "expectation",
    "is_below_path",
    "PERCENT_UNITS",
    "YEARS_AFTER_PLAN",
    "CheckedValue",
    "ParsedNumbers",
    "bound_reason",
    "check_value",
    "parse_numbers",
    "percent_reason",
    "plain_number",
    "plan_years",
    "shown",
]
