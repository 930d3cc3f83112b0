"""Why a row was rejected, as a stable code with its values: what the ETL stores and the dashboard words.

Every problem the ETL finds in a row is a :class:`Rejection`: a :class:`ReasonCode`, the values its
message needs (``{"value": -3, "minimum": 0, "unit": "count", "indicator": "1.2.1.3"}``) and the ETL's
own English line, which its command line, file reports and logs print as they always have.
``rejected_rows`` keeps all three (``reason_code``, ``reason_values`` as JSON, ``reason``); the
dashboard words the code in the page's language from the message catalogue (``reason.<code>`` in
``dashboard/messages/reasons.py``, with the values as ``{placeholders}``). Rows stored before codes
existed have none and show their English line.

The codes are this enumeration and nothing else: a :class:`Rejection` cannot be made with another
code or with other values than the code declares, so the catalogue's test walks :class:`ReasonCode`
to know every code the ETL can produce.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # one encoder: a file may reject a million rows


class ReasonCode(Enum):
    """A reason a row was rejected, and the names of the values its message takes."""

    parameters: tuple[str, ...]

    def __new__(cls, code: str, *parameters: str) -> ReasonCode:
        member = object.__new__(cls)
        member._value_ = code
        member.parameters = parameters
        return member

    # the indicator
    INDICATOR_MISSING = ("indicator_missing",)
    UNKNOWN_INDICATOR = ("unknown_indicator", "indicator", "plan")
    # the district
    UNKNOWN_DISTRICT = ("unknown_district", "district", "province")
    UNKNOWN_DISTRICT_CODE = ("unknown_district_code", "code", "province")
    AMBIGUOUS_DISTRICT = ("ambiguous_district", "district", "candidates")
    LABEL_NAMES_OTHER_PROVINCE = ("label_names_other_province", "label", "code", "district", "province", "named")
    LABEL_NAMES_OTHER_DISTRICT = ("label_names_other_district", "label", "code", "district", "named")
    DISTRICT_FOR_PROVINCE_INDICATOR = ("district_for_province_indicator", "indicator", "province")
    DISTRICT_NOT_MEASURED = ("district_not_measured", "indicator")
    # the period
    PERIOD_MISSING = ("period_missing",)
    NOT_A_PERIOD = ("not_a_period",)
    NO_SUCH_MONTH = ("no_such_month", "month")
    NO_SUCH_QUARTER = ("no_such_quarter", "quarter")
    NO_SUCH_DATE = ("no_such_date",)
    PERIOD_OUTSIDE_PLAN = ("period_outside_plan", "period", "first_year", "last_year")
    PERIOD_NOT_BEGUN = ("period_not_begun", "period")
    PERIOD_TOO_FINE = ("period_too_fine", "period", "period_type", "frequency", "example")
    NOT_AN_ENTRY_PERIOD = ("not_an_entry_period", "period")
    # the value
    VALUE_MISSING = ("value_missing",)
    NOT_A_NUMBER = ("not_a_number",)
    NOT_FINITE = ("not_finite",)
    AMBIGUOUS_NUMBER = ("ambiguous_number",)
    SPACE_INSIDE_NUMBER = ("space_inside_number",)
    LINE_BREAK_IN_NUMBER = ("line_break_in_number",)
    NUMBER_TOO_LARGE = ("number_too_large",)
    FORMULA_WITHOUT_RESULT = ("formula_without_result",)
    PERCENT_FOR_OTHER_UNIT = ("percent_for_other_unit", "indicator", "unit")
    VALUE_BELOW_MINIMUM = ("value_below_minimum", "value", "minimum", "unit", "indicator")
    VALUE_ABOVE_MAXIMUM = ("value_above_maximum", "value", "maximum", "unit", "indicator")
    # the row or the file
    CELL_TOO_LONG = ("cell_too_long", "length", "limit")
    CONFLICTING_LINES = ("conflicting_lines", "lines")
    CONFLICTING_CELL = ("conflicting_cell",)
    CONFLICTING_LINES_AND_CELL = ("conflicting_lines_and_cell", "lines")
    TOO_MANY_FIELDS = ("too_many_fields", "fields", "header_fields")
    UNCLOSED_QUOTE = ("unclosed_quote", "character", "text")


@dataclass(frozen=True)
class Rejection:
    """One problem of a row: its code, the values of its message and the ETL's English line.

    Raises:
        ValueError: ``values`` does not name exactly the code's parameters.
    """

    code: ReasonCode
    text: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.code, ReasonCode):
            raise ValueError(f"rejection code {self.code!r} is not a ReasonCode")
        if set(self.values) != set(self.code.parameters):
            raise ValueError(
                f"rejection {self.code.value}: got values {sorted(self.values)}; "
                f"expected {sorted(self.code.parameters)}"
            )

    def values_json(self) -> str:
        """The values as stored in ``rejected_rows.reason_values``."""
        return _ENCODER.encode(self.values if isinstance(self.values, dict) else dict(self.values))

    def __str__(self) -> str:
        return self.text


def read_values(stored: str | None) -> dict[str, Any]:
    """``rejected_rows.reason_values`` back as a dict ({} for none)."""
    if not stored:
        return {}
    values = json.loads(stored)
    return values if isinstance(values, dict) else {}
