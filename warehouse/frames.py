"""Query results read row by row: the one way the pages (and the plan's standing) turn a DataFrame into records.

``DataFrame.to_dict("records")`` boxes every value through pandas, one at a time, and reads text stored as
Arrow strings (pandas 3's default) through pyarrow for each value: 7 ms for the 973 districts of a map,
about a third of the districts page's render at national scale (issue 16). :func:`records_of` converts each
column at once (``tolist``, in C) and zips the rows: the same dicts, five times faster
(tests/warehouse/test_frames.py compares the two on every value of the page queries' results).
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame.to_dict("records")``: one dict per row, values as ``to_dict`` gives them (NaN for a missing
    float or text, None for a missing nullable integer, boolean or list)."""
    columns = [_values(column) for _, column in frame.items()]
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _values(column: pd.Series) -> list[Any]:
    values = column.tolist()
    if column.dtype == object or (
        isinstance(column.dtype, pd.api.extensions.ExtensionDtype) and not isinstance(column.dtype, pd.StringDtype)
    ):
        return [None if value is pd.NA else value for value in values]  # as to_dict boxes a missing value
    return values
