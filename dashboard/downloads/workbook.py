"""Excel files: the meeting pack for a selection, and any extract level as a sheet.

Text goes in as text cells (never a formula, whatever it begins with: openpyxl takes any string
beginning with '=' for a formula, so every text cell is marked as text where it is written, and
:func:`save` turns any cell still taken for a formula into text, since these files hold none), numbers
as numbers with a number format, dates as dates; header rows are frozen,
filters are on, columns are sized to their content, status cells carry the
dashboard's colour-blind-safe colour and their name.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.components.status import STATUS_COLOURS
from dashboard.downloads.labels import header, vocabulary
from dashboard.i18n import label, t
from dashboard.reasons import reason_from_json
from gosterge.plan.model import Plan
from warehouse.downloads.columns import ExtractColumn

EXCEL_MAX_ROWS = 1_048_576
NUMBER_FORMATS = {"number": "#,##0.###", "integer": "0", "date": "dd.mm.yyyy", "datetime": "dd.mm.yyyy hh:mm:ss"}
PERCENT_FORMAT = "0.0"
RATIO_FORMAT = "0.00"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
TITLE_FONT = Font(bold=True, size=14)
MIN_WIDTH, MAX_WIDTH = 6, 60


def number_format(column: ExtractColumn) -> str | None:
    if column.kind == "number" and column.key.endswith("_pct"):
        return PERCENT_FORMAT
    if column.kind == "number" and column.key in ("pace_ratio", "score", "weight"):
        return RATIO_FORMAT
    if column.key.endswith("year") or column.key.endswith("_year"):
        return "0"
    return NUMBER_FORMATS.get(column.kind)


def clean_text(value: str) -> str:
    """Text without the control characters an .xlsx file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class CellWriter:
    """Turns one column's Arrow values into Python values for openpyxl (labels named, text cleaned)."""

    def __init__(self, plan: Plan, columns: Sequence[ExtractColumn], language: str):
        self.columns = tuple(columns)
        self.language = language
        self.labels = {
            column.key: vocabulary(plan, column.vocabulary, language)
            for column in columns
            if column.kind == "label" and column.vocabulary
        }
        self.formats = [number_format(column) for column in columns]

    def values(self, column: ExtractColumn, array: pa.Array) -> list[Any]:
        values = array.to_pylist()
        if column.kind == "label" and column.key in self.labels:
            labels = self.labels[column.key]
            return [None if value is None else labels.get(str(value), str(value)) for value in values]
        if column.kind == "boolean":
            yes, no = label("boolean", "yes", self.language), label("boolean", "no", self.language)
            return [None if value is None else yes if value else no for value in values]
        if column.kind == "reason":
            return [None if value is None else clean_text(reason_from_json(value, self.language)) for value in values]
        if column.kind in ("text", "code"):
            return [None if value is None else clean_text(str(value)) for value in values]
        if column.kind == "number":
            return [
                None if value is None or value != value or value in (float("inf"), float("-inf")) else value
                for value in values
            ]
        return values

    def rows(self, batch: pa.RecordBatch | pa.Table) -> Iterable[list[Any]]:
        columns = [self.values(column, batch.column(index)) for index, column in enumerate(self.columns)]
        return (list(row) for row in zip(*columns, strict=True))


def _place(cell: Cell | WriteOnlyCell, value: Any, number_format: str | None) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # a text cell, even when it begins with '='
    elif number_format and isinstance(value, (int, float, date, datetime)):
        cell.number_format = number_format


def _status_style(cell: Cell, status: str | None) -> None:
    if status in STATUS_COLOURS:
        cell.fill = PatternFill("solid", fgColor=STATUS_COLOURS[status].lstrip("#"))
        if status == "on_track":
            cell.font = Font(color="FFFFFF")


def write_table(
    sheet: Worksheet,
    plan: Plan,
    columns: Sequence[ExtractColumn],
    table: pa.Table,
    language: str,
    *,
    first_row: int = 1,
) -> int:
    """A header row and the rows of ``table`` from ``first_row``; frozen header, filter, widths. Returns rows."""
    writer = CellWriter(plan, columns, language)
    headers = [header(plan, column.key, language) for column in columns]
    for index, text in enumerate(headers, start=1):
        cell = sheet.cell(row=first_row, column=index)
        _place(cell, clean_text(text), None)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    status_codes = (
        table.column(table.schema.get_field_index("status")).to_pylist() if "status" in table.schema.names else None
    )
    widths = [len(text) for text in headers]
    count = 0
    for offset, row in enumerate(writer.rows(table)):
        for index, value in enumerate(row):
            cell = sheet.cell(row=first_row + 1 + offset, column=index + 1)
            _place(cell, value, writer.formats[index])
            if status_codes is not None and columns[index].key == "status":
                _status_style(cell, status_codes[offset])
            if value is not None:
                widths[index] = max(widths[index], len(str(value)) if not isinstance(value, float) else 10)
        count += 1
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + max(count, 1)}"
    return count


def write_metadata(sheet: Worksheet, rows: Sequence[tuple[str, str]], language: str) -> None:
    sheet.append([t("metadata.field", language), t("metadata.value", language)])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for name, value in rows:
        sheet.append([None, None])
        _place(sheet.cell(row=sheet.max_row, column=1), clean_text(name), None)
        _place(sheet.cell(row=sheet.max_row, column=2), clean_text(value), None)
        sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    sheet.freeze_panes = "A2"


def text_only(workbook: Workbook) -> int:
    """Every cell openpyxl took for a formula (text beginning with '=': a plan title, a level name …)
    made a text cell; returns how many there were. Our workbooks hold no formulas."""
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    changed += 1
    return changed


def save(workbook: Workbook) -> bytes:
    """The workbook as .xlsx bytes, with text only (:func:`text_only`)."""
    text_only(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def level_workbook(
    plan: Plan,
    columns: Sequence[ExtractColumn],
    batches: Iterable[pa.RecordBatch],
    metadata: Sequence[tuple[str, str]],
    sheet_title: str,
    language: str,
) -> tempfile.SpooledTemporaryFile:
    """One extract level as a write-only workbook (bounded memory), spooled to a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    writer = CellWriter(plan, columns, language)
    headers = [header(plan, column.key, language) for column in columns]
    for index, text in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(MAX_WIDTH, len(text) + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(columns)))}1"
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet)
        _place(cell, clean_text(text), None)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header_cells.append(cell)
    sheet.append(header_cells)
    for batch in batches:
        for row in writer.rows(batch):
            cells = []
            for index, value in enumerate(row):
                cell = WriteOnlyCell(sheet)
                _place(cell, value, writer.formats[index])
                cells.append(cell)
            sheet.append(cells)
    about = workbook.create_sheet(t("file.metadata_sheet", language))
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    about.freeze_panes = "A2"
    about.append([t("metadata.field", language), t("metadata.value", language)])
    for name, value in metadata:
        cells = [WriteOnlyCell(about), WriteOnlyCell(about)]
        _place(cells[0], clean_text(name), None)
        _place(cells[1], clean_text(value), None)
        about.append(cells)
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    workbook.save(spool)
    spool.seek(0)
    return spool
