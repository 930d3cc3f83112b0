"""Does a row fit its indicator and the limits? Cell length, the percent sign, the period's fineness."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from etl.parsing.periods import Canonical
from etl.validation.rows import EncodedRows
from gosterge.rejections import ReasonCode, Rejection

#: period types finer than each frequency: a month of a yearly indicator is not its year. A date is a point
#: observation (a stock on its reference day), kept as a date when it ends no period (docs/etl.md)
FINER = {"yearly": ("quarter", "month"), "quarterly": ("month",), "monthly": ()}


def cell_lengths(rows: EncodedRows, role: str) -> np.ndarray:
    """Characters of each row's cell of ``role`` (indicator, district, period or value)."""
    if role == "value":
        return np.asarray(pc.fill_null(pc.utf8_length(rows.value), 0), dtype=np.int64)
    codes, uniques = getattr(rows, role)
    lengths = np.array([len(text) for text in uniques] or [0], dtype=np.int64)
    return lengths[codes] if rows.count else np.zeros(0, dtype=np.int64)


def too_long_reason(length: int, limit: int) -> Rejection:
    return Rejection(
        ReasonCode.CELL_TOO_LONG,
        f"the cell holds {length:,} characters, more than the limit of {limit:,} (GOSTERGE_MAX_CELL_CHARACTERS); "
        "the value kept here is cut short",
        {"length": length, "limit": limit},
    )


def finer_reason(item: Canonical, frequency: str) -> Rejection | None:
    """Why the period is finer than the indicator's frequency (``2023-06`` of a yearly one), or None."""
    if item.period_type not in FINER[frequency]:
        return None
    month = item.end.month
    expected = {
        "yearly": f"{item.year}",
        "quarterly": f"{item.year}-Q{(month + 2) // 3}",
        "monthly": f"{item.year}-{month:02d}",
    }[frequency]
    return Rejection(
        ReasonCode.PERIOD_TOO_FINE,
        f"period {item.text} is a {item.period_type}, finer than the indicator's {frequency} periods "
        f"(expected e.g. {expected})",
        {"period": item.text, "period_type": item.period_type, "frequency": frequency, "example": expected},
    )


def province_level_reason(code: str, province: str) -> Rejection:
    return Rejection(
        ReasonCode.DISTRICT_FOR_PROVINCE_INDICATOR,
        f"district value for province-level indicator {code!r}: expected the province ({province}) or an empty "
        "district",
        {"indicator": code, "province": province},
    )


def not_measured_reason(code: str) -> Rejection:
    return Rejection(
        ReasonCode.DISTRICT_NOT_MEASURED,
        f"indicator {code!r} is not measured in this district (see its districts list)",
        {"indicator": code},
    )
