"""Excel workbooks (.xlsx) through openpyxl in read-only mode (DuckDB's excel extension is not available).

A cell is read as a person sees it in Excel:

- a number formatted as a percentage (0.45 shown as ``45 %``) is the percentage, 45, marked as
  written with a percent sign (:class:`Percent`), so it fits a % indicator only, as ``45%`` in a CSV;
- a date formatted as a year alone (``yyyy``: 2019) is that year, ``"2019"``; formatted as a month
  and year (``mm.yyyy``, ``mmm yyyy``) that month, ``"2019-06"``; other dates stay dates;
- a formula whose result the workbook does not store (it was written by a program and never opened and
  saved in Excel) is its formula text (:class:`Formula`), so its row is rejected saying so, not as
  "value is missing".

Without a declared sheet the data is looked for on every sheet in order (:func:`read_sheets`), so a
cover sheet before the data sheet is fine. The workbook's uncompressed size (the sum of its parts) is
checked against the limit before anything is read: a 6 MiB workbook can hold 307 MiB of sheet XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Generator
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from etl.extract.errors import ExtractError, mebibytes
from etl.extract.grid import Formula, Grid, Percent
from gosterge.settings import Limits

_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_UNCACHED_FORMULA = re.compile(rb"</f>\s*</c>|<f\b[^>]*/>\s*</c>|</f>\s*<v\s*/>|</f>\s*<v>\s*</v>")


def read_sheets(
    data: bytes, sheet: str | None, file_name: str, limits: Limits
) -> Generator[tuple[str, Grid], None, None]:
    """The declared sheet, or else every sheet in order, as (name, every non-empty row with its number).

    Use it with ``contextlib.closing``: the workbook is closed when the generator is."""
    if not data.startswith(b"PK"):
        raise ExtractError(
            f"{file_name}: not an Excel .xlsx file (expected a workbook; old .xls files must be saved as .xlsx)"
        )
    uncached = _check_size(data, file_name, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ExtractError(f"{file_name}: cannot open the workbook ({error})") from None
    except Exception as error:  # noqa: BLE001 - damaged parts fail in many ways inside openpyxl
        raise ExtractError(f"{file_name}: cannot open the workbook ({type(error).__name__}: {error})") from None
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise ExtractError(f"{file_name}: no sheet {sheet!r} (found {', '.join(map(repr, names))})")
        for name in [sheet] if sheet is not None else names:
            try:
                grid = _grid(workbook[name])
                if uncached:
                    _add_formulas(grid, data, name)
            except ExtractError:
                raise
            except Exception as error:  # noqa: BLE001 - a damaged workbook fails in many ways inside openpyxl
                raise ExtractError(
                    f"{file_name}: sheet {name!r} cannot be read ({type(error).__name__}: {error})"
                ) from None
            yield name, grid
    finally:
        workbook.close()


def _check_size(data: bytes, file_name: str, limits: Limits) -> bool:
    """Refuse a workbook larger than the limit once uncompressed; True when a sheet holds a formula without
    a stored result."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            size = sum(part.file_size for part in parts)
            if size > limits.max_workbook_bytes:
                raise ExtractError(
                    f"{file_name}: the workbook holds {mebibytes(size)} once uncompressed, more than the limit of "
                    f"{mebibytes(limits.max_workbook_bytes)} (GOSTERGE_MAX_WORKBOOK_MB); save the data sheet "
                    "alone or as CSV, or raise the limit"
                )
            return any(
                _UNCACHED_FORMULA.search(archive.read(part))
                for part in parts
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
            )
    except ExtractError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise ExtractError(f"{file_name}: cannot open the workbook ({error})") from None


def _grid(worksheet: Any) -> Grid:
    grid: Grid = []
    for cells in worksheet.iter_rows():
        values: list[Any] = [_seen(cell) for cell in cells]
        if not any(value is not None and str(value).strip() for value in values):
            continue
        number = next(cell.row for cell in cells if getattr(cell, "row", None) is not None)
        grid.append((number, values))
    return grid


def _seen(cell: Any) -> Any:
    """The cell's value as Excel shows it (see the module docstring)."""
    value = cell.value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return Percent.of(value) if "%" in _LITERALS.sub("", cell.number_format) else value
    if isinstance(value, (datetime, date)):
        codes = set(_LITERALS.sub("", cell.number_format).lower()) & set("ymdhse")
        if codes == {"y"}:
            return str(value.year)
        if codes == {"y", "m"}:
            return f"{value.year}-{value.month:02d}"
    return value


def _add_formulas(grid: Grid, data: bytes, name: str) -> None:
    """Empty cells of ``grid`` that hold a formula without a stored result get the formula's text."""
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        formulas = {
            (cell.row, cell.column): str(cell.value)
            for cells in workbook[name].iter_rows()
            for cell in cells
            if getattr(cell, "data_type", None) == "f"
        }
    finally:
        workbook.close()
    for number, values in grid:
        assert isinstance(values, list)
        for index, value in enumerate(values):
            if value is None and (number, index + 1) in formulas:
                values[index] = Formula(formulas[(number, index + 1)])
