"""Extract: the bytes of one file → long rows of text with their line numbers (:class:`Extracted`).

One entry point, :func:`extract`, picks the reader by the source's format:
``long_csv`` and ``wide_table`` (delimited text in any of the accepted
encodings), ``xlsx`` (a sheet, long or wide) and ``json`` (records). A file
that cannot be read at all raises :class:`ExtractError` with a message naming
the file.
"""

from __future__ import annotations

from contextlib import closing

from etl.extract.decoding import decode
from etl.extract.delimited import DELIMITER_NAMES, head_lines, read_grid, read_long_delimited, sniff_delimiter
from etl.extract.errors import ExtractError, WrongColumns, mebibytes
from etl.extract.excel import read_sheets
from etl.extract.grid import grid_raw_rows, long_from_grid
from etl.extract.json_records import read_records
from etl.extract.rows import Extracted
from etl.extract.wide import wide_from_grid
from etl.sources import Source
from gosterge.plan import Plan

__all__ = ["ExtractError", "Extracted", "extract"]

SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook or zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def extract(data: bytes, source: Source, plan: Plan, file_name: str) -> Extracted:
    """Read ``data`` (the bytes of ``file_name``) the way ``source`` declares."""
    if not data or data.isspace():  # not data.strip(), which copies the whole file
        raise ExtractError(f"{file_name}: the file is empty")
    limits = source.limits
    if len(data) > limits.max_file_bytes:
        raise ExtractError(
            f"{file_name}: the file is {mebibytes(len(data))}, more than the limit of "
            f"{mebibytes(limits.max_file_bytes)} (GOSTERGE_MAX_FILE_MB); split it or raise the limit"
        )
    if source.format == "xlsx":
        extracted = _from_workbook(data, source, plan, file_name)
    else:
        for signature, what in SIGNATURES:
            if data.startswith(signature):
                raise ExtractError(f"{file_name}: this is {what}, not the {source.format} the source expects")
        if source.format == "json":
            grid, details = read_records(data, source.records, source.encoding, file_name, limits)
            extracted = long_from_grid(grid, source, plan, file_name, details, grid_raw_rows(grid, ", "), "record")
        elif source.format == "wide_table":
            decoded = decode(data, source.encoding, file_name)
            text = decoded.text
            delimiter = source.delimiter or sniff_delimiter(head_lines(text))
            grid, broken = read_grid(text, delimiter)
            details = [decoded.encoding_name, f"delimiter {DELIMITER_NAMES[delimiter]}"]
            extracted = wide_from_grid(grid, source, plan, file_name, details, grid_raw_rows(grid, delimiter))
            extracted.broken_rows.extend(row for row in broken if row.row_number > extracted.header_row)
        else:
            extracted = read_long_delimited(decode(data, source.encoding, file_name), source, plan, file_name)
    extracted.limits = limits
    if extracted.rows_read == 0:
        skipped = f" ({extracted.rows_skipped} rows of other provinces skipped)" if extracted.rows_skipped else ""
        raise ExtractError(f"{file_name}: no data rows{skipped}")
    return extracted


def _from_workbook(data: bytes, source: Source, plan: Plan, file_name: str) -> Extracted:
    """The declared sheet, or the first sheet with the needed columns (a cover sheet may come first)."""
    reader = wide_from_grid if source.layout == "wide" else long_from_grid
    first_error: WrongColumns | None = None
    names: list[str] = []
    with closing(read_sheets(data, source.sheet, file_name, source.limits)) as sheets:
        for sheet, grid in sheets:
            names.append(sheet)
            try:
                return reader(grid, source, plan, file_name, [f"sheet {sheet!r}"], grid_raw_rows(grid), "row")
            except WrongColumns as error:
                if source.sheet is not None:
                    raise
                first_error = first_error or error
    if first_error is None or len(names) == 1:
        raise first_error or ExtractError(f"{file_name}: the workbook has no sheets")
    raise WrongColumns(
        f"{first_error} (on sheet {names[0]!r}); no sheet has them (sheets {', '.join(map(repr, names))}): "
        'declare the data sheet (sheet = "…") in sources.toml'
    )
