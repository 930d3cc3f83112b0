"""Tables already split into cells (a CSV read exactly, a sheet, JSON records) → long rows.

A *grid* is a list of ``(row number, cells)``. Cells may be text or, from
Excel and JSON, numbers, dates and booleans: numbers in value columns stay
numbers (so ``1.234`` in a sheet is never mistaken for a Turkish thousand);
elsewhere they become text (``2023.0`` → ``"2023"``, a date → ``"2023-06-30"``). Beside a number the
value's text is ``"%"`` when the cell was formatted as a percentage (:class:`Percent`), else empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa

from etl.extract.columns import ColumnPlan, require_columns
from etl.extract.rows import Extracted, build_rows
from etl.sources import Source
from gosterge.plan import Plan

Grid = list[tuple[int, Sequence[Any]]]
HEADER_SEARCH_ROWS = 30


class Percent(float):
    """A number cell formatted as a percentage, as Excel shows it: 0.45 formatted ``0%`` is 45."""

    @classmethod
    def of(cls, fraction: float) -> Percent:
        return cls(float(Decimal(repr(fraction)) * 100))  # 0.07 → 7.0, not 7.000000000000001


class Formula(str):
    """A formula cell whose result the workbook does not store: its formula text (``=SUM(B2:B4)``)."""


def number_mark(cell: Any) -> str:
    """The text kept beside a number cell: ``"%"`` when it was formatted as a percentage, else ``""``."""
    return "%" if isinstance(cell, Percent) else ""


def cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def cell_number(cell: Any) -> float | None:
    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
        return None
    return float(cell)


def grid_columns(grid: Grid, width: int, numeric: set[int]) -> tuple[list[pa.Array], dict[int, pa.Array]]:
    """Column arrays: text for every column, numbers for the ``numeric`` ones (null where text)."""
    texts: list[pa.Array] = []
    numbers: dict[int, pa.Array] = {}
    for index in range(width):
        cells = [row[index] if index < len(row) else None for _, row in grid]
        if index in numeric:
            values = [cell_number(cell) for cell in cells]
            numbers[index] = pa.array(values, type=pa.float64())
            texts.append(
                pa.array(
                    [
                        number_mark(cell) if value is not None else cell_text(cell)
                        for cell, value in zip(cells, values, strict=True)
                    ],
                    type=pa.string(),
                )
            )
        else:
            texts.append(pa.array([cell_text(cell) for cell in cells], type=pa.string()))
    return texts, numbers


def long_from_grid(
    grid: Grid,
    source: Source,
    plan: Plan,
    file_name: str,
    details: list[str],
    raw_row: Callable[[np.ndarray], list[str]],
    where: str = "line",
) -> Extracted:
    """Long rows from a grid whose header is among its first rows."""
    candidates = [(number, [cell_text(cell) for cell in cells]) for number, cells in grid[:HEADER_SEARCH_ROWS]]
    header_number, column_plan = require_columns(candidates, source.columns, file_name, where)
    body = [
        (number, cells)
        for number, cells in grid
        if number > header_number and any(cell_text(cell).strip() for cell in cells)
    ]
    return _extracted(
        body, column_plan, source, plan, file_name, details + [f"header on {where} {header_number}"], raw_row
    )


def _extracted(
    body: Grid,
    column_plan: ColumnPlan,
    source: Source,
    plan: Plan,
    file_name: str,
    details: list[str],
    raw_row: Callable[[np.ndarray], list[str]],
) -> Extracted:
    numeric = set(column_plan.value_columns) | (
        {column_plan.positions["value"]} if "value" in column_plan.positions else set()
    )
    texts, numbers = grid_columns(body, len(column_plan.header), numeric)
    row_numbers = np.array([number for number, _ in body], dtype=np.int64)
    rows, skipped = build_rows(plan, source.columns, column_plan, row_numbers, texts, numbers)
    return Extracted(
        file_name=file_name,
        rows=rows,
        column_names={role: column_plan.name(role) for role in column_plan.positions},
        raw_row=raw_row,
        rows_skipped=skipped,
        details=details,
    )


def grid_raw_rows(grid: Grid, delimiter: str = ";") -> Callable[[np.ndarray], list[str]]:
    by_number = {number: cells for number, cells in grid}

    def raw_row(wanted: np.ndarray) -> list[str]:
        return [delimiter.join(cell_text(cell) for cell in by_number.get(int(number), ())) for number in wanted]

    return raw_row
