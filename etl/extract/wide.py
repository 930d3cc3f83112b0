"""Wide tables as statistics offices publish them: one row per district, one column per period.

Above the table: title rows, notes, blank rows; below it: footnotes ("Kaynak:
TÜİK …", "(1) …"). The header row is the first row with period headers
(``2019``, ``2020 (1)``, ``2023-Q2`` …, or the declared ``period_columns``).
Every later row with at least one value in a period column is a data row;
rows without any value (titles, footnotes, blank rows) are not data. Each
non-empty value cell is one measurement row; empty cells and placeholders
("-", "..", "…") are missing data, not rows. A district cell that is empty or
names the province ("Toplam", "İzmir") gives the province's value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pyarrow as pa

from etl.extract.columns import header_keys
from etl.extract.errors import ExtractError, WrongColumns
from etl.extract.grid import HEADER_SEARCH_ROWS, Grid, cell_number, cell_text, number_mark
from etl.extract.rows import MISSING_MARKERS, Extracted, constant
from etl.parsing.periods import Period, parse_period
from etl.sources import Source
from etl.turkish import loose_key
from gosterge.plan import Plan

FOOTNOTE_MARK = re.compile(r"\s*(\(\d+\)|\*+|\(r\)|\(p\))$", re.IGNORECASE)


def period_header(text: str) -> str | None:
    """The period a header cell names (footnote marks dropped), or None."""
    cleaned = FOOTNOTE_MARK.sub("", text.strip())
    return cleaned if cleaned and isinstance(parse_period(cleaned), Period) else None


def _header(grid: Grid, source: Source) -> tuple[int, int, dict[int, str]] | None:
    """(position in grid, row number, {column: period text}) of the header row."""
    declared = {loose_key(name) for name in source.columns.period_columns}
    for position, (number, cells) in enumerate(grid[:HEADER_SEARCH_ROWS]):
        texts = [cell_text(cell) for cell in cells]
        if declared:
            periods = {
                index: FOOTNOTE_MARK.sub("", text.strip())
                for index, text in enumerate(texts)
                if loose_key(text) in declared
            }
        else:
            periods = {index: found for index, text in enumerate(texts) if (found := period_header(text))}
        labels = [text for index, text in enumerate(texts) if text.strip() and index not in periods]
        if len(periods) >= 2 or (periods and labels):
            return position, number, periods
    return None


def wide_from_grid(
    grid: Grid,
    source: Source,
    plan: Plan,
    file_name: str,
    details: list[str],
    raw_row: Callable[[np.ndarray], list[str]],
    where: str = "line",
) -> Extracted:
    found = _header(grid, source)
    if found is None:
        first = ", ".join(repr(cell_text(cell)) for cell in (grid[0][1] if grid else []) if cell_text(cell).strip())
        raise WrongColumns(
            f"{file_name}: wrong columns: no header row with periods (e.g. 2019, 2020) in the first "
            f"{HEADER_SEARCH_ROWS} rows (first row: {first or 'empty'}); expected a wide table with "
            "one column per period, or declare period_columns in [sources.columns]"
        )
    position, header_number, periods = found
    header = [cell_text(cell) for cell in grid[position][1]]
    district_column = _district_column(header, periods, source, file_name, header_number, where)
    numbers: list[int] = []
    districts: list[str] = []
    period_texts: list[str] = []
    value_texts: list[str] = []
    value_numbers: list[float | None] = []
    headers: list[str] = []
    for number, cells in grid[position + 1 :]:
        district = cell_text(cells[district_column]) if district_column < len(cells) else ""
        for column, period in periods.items():
            cell = cells[column] if column < len(cells) else None
            text = cell_text(cell).strip()
            if text in MISSING_MARKERS:
                continue
            as_number = cell_number(cell)
            numbers.append(number)
            districts.append(district)
            period_texts.append(period)
            value_texts.append(number_mark(cell) if as_number is not None else text)
            value_numbers.append(as_number)
            headers.append(header[column])
    count = len(numbers)
    assert source.columns.indicator_code is not None
    rows = pa.table(
        {
            "row_number": pa.array(numbers, type=pa.int64()),
            "indicator": constant(source.columns.indicator_code, count),
            "district": pa.array(districts, type=pa.string()),
            "period": pa.array(period_texts, type=pa.string()),
            "value": pa.array(value_texts, type=pa.string()),
            "number": pa.array(value_numbers, type=pa.float64()),
            "value_column": pa.array(headers, type=pa.string()),
        }
    )
    district_name = header[district_column] or "district"
    return Extracted(
        file_name=file_name,
        rows=rows,
        column_names={"district": district_name, "period": "header"},
        raw_row=raw_row,
        details=details + [f"header on {where} {header_number}", f"{len(periods)} period columns"],
        header_row=header_number,
    )


def _district_column(
    header: list[str], periods: dict[int, str], source: Source, file_name: str, header_number: int, where: str
) -> int:
    if source.columns.district is not None:
        keys = header_keys(header)
        wanted = loose_key(source.columns.district)
        if wanted not in keys:
            raise ExtractError(
                f"{file_name}: wrong columns: missing {source.columns.district!r} on {where} "
                f"{header_number} (found {', '.join(repr(cell) for cell in header if cell.strip())})"
            )
        return keys.index(wanted)
    for index in range(len(header)):
        if index not in periods:
            return index
    raise ExtractError(
        f"{file_name}: wrong columns: no district column beside the period columns on {where} {header_number}"
    )
