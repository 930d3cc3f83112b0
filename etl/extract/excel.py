"""Excel workbooks (.xlsx) through openpyxl in read-only mode (DuckDB's excel extension is not available)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from etl.extract.errors import ExtractError
from etl.extract.grid import Grid


def read_sheet(data: bytes, sheet: str | None, file_name: str) -> tuple[Grid, str]:
    """Every non-empty row of the sheet (default: the first) with its sheet row number."""
    if not data.startswith(b"PK"):
        raise ExtractError(
            f"{file_name}: not an Excel .xlsx file (expected a workbook; old .xls files must be saved as .xlsx)"
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ExtractError(f"{file_name}: cannot open the workbook ({error})") from None
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise ExtractError(f"{file_name}: no sheet {sheet!r} (found {', '.join(map(repr, names))})")
        worksheet = workbook[sheet or names[0]]
        grid: Grid = []
        for cells in worksheet.iter_rows():
            values: list[Any] = [cell.value for cell in cells]
            if not any(value is not None and str(value).strip() for value in values):
                continue
            number = next(cell.row for cell in cells if getattr(cell, "row", None) is not None)
            grid.append((number, values))
        return grid, worksheet.title
    finally:
        workbook.close()
