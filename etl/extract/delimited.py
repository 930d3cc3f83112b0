"""Delimited text files: the delimiter, the header line, and the rows with their line numbers.

Large, well-formed files take the fast path (pyarrow's CSV reader on the
UTF-8 bytes; line numbers computed from the positions of the line breaks).
Files with ragged rows or quoted line breaks take the exact path (Python's
csv module, line by line), which also reports each unreadable row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from etl.extract.columns import require_columns
from etl.extract.decoding import Decoded
from etl.extract.records import fields, split_records
from etl.extract.rows import BrokenRow, Extracted, build_rows
from etl.sources import Source
from gosterge.plan import Plan
from gosterge.rejections import ReasonCode, Rejection

CANDIDATES = ("\t", ";", "|", ",")  # in order of preference on a tie
DELIMITER_NAMES = {"\t": "tab", ";": "';'", "|": "'|'", ",": "','"}
HEADER_SEARCH_LINES = 30
_QUOTED = re.compile(r'"[^"]*"')


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most sample lines into the same number of fields."""
    sample = [_QUOTED.sub("", line) for line in lines if line.strip()][:60]
    best, best_share = ",", 0.0
    for candidate in CANDIDATES:
        counts = [line.count(candidate) for line in sample]
        positive = [count for count in counts if count > 0]
        if not positive:
            continue
        mode = Counter(positive).most_common(1)[0][0]
        share = sum(1 for count in counts if count == mode) / len(counts)
        if share > best_share:
            best, best_share = candidate, share
    return best


def split_line(line: str, delimiter: str) -> list[str]:
    return fields(line, delimiter)


def head_lines(text: str, count: int = 60) -> list[str]:
    return text[:200_000].splitlines()[:count]


def read_grid(text: str, delimiter: str) -> tuple[list[tuple[int, Sequence[Any]]], list[BrokenRow]]:
    """Every non-blank record with the line it starts on, and the lines with an unclosed quote (exact, for
    small files)."""
    starts, records, broken = split_records(text, delimiter)
    grid: list[tuple[int, Sequence[Any]]] = [
        (line, record) for line, record in zip(starts, records, strict=True) if any(cell.strip() for cell in record)
    ]
    return grid, broken


def read_long_delimited(decoded: Decoded, source: Source, plan: Plan, file_name: str) -> Extracted:
    """Rows of a long CSV (one value per row) with their line numbers."""
    head = head_lines(decoded.head)
    delimiter = source.delimiter or sniff_delimiter(head)
    candidates = [
        (index + 1, split_line(line, delimiter))
        for index, line in enumerate(head[:HEADER_SEARCH_LINES])
        if line.strip()
    ]
    header_line, column_plan = require_columns(candidates, source.columns, file_name)
    width = len(column_plan.header)
    fast = _fast_table(*_body_bytes(decoded, header_line), delimiter, width, header_line)
    if fast is not None:
        table, line_numbers = fast
        broken: list[BrokenRow] = []
    else:
        text = decoded.text
        body_text = text[_offset_of_line(text, header_line + 1) :]
        table, line_numbers, broken = _exact_table(body_text, delimiter, width, header_line)
    texts = [table.column(index).combine_chunks() for index in range(width)]
    blank = np.logical_and.reduce([_blank(array) for array in texts]) if texts else np.zeros(0, dtype=bool)
    if blank.any():
        keep = pa.array(~blank)
        texts = [array.filter(keep) for array in texts]
        line_numbers = line_numbers[~blank]
    rows, skipped = build_rows(plan, source.columns, column_plan, line_numbers, texts)
    details = [decoded.encoding_name, f"delimiter {DELIMITER_NAMES[delimiter]}", f"header on line {header_line}"]
    return Extracted(
        file_name=file_name,
        rows=rows,
        column_names={role: column_plan.name(role) for role in column_plan.positions},
        raw_row=_raw_rows(texts, line_numbers, delimiter),
        broken_rows=broken,
        rows_skipped=skipped,
        details=details,
    )


def _blank(array: pa.Array) -> np.ndarray:
    """Empty fields (a ';;;' line from a spreadsheet export); whitespace-only fields count as values."""
    return np.asarray(pc.equal(array, ""), dtype=bool)


def _body_bytes(decoded: Decoded, header_line: int) -> tuple[bytes, int]:
    """UTF-8 bytes and the offset of the line after the header in them (the original bytes, not a copy of
    their body, when the file was UTF-8)."""
    if decoded.utf8 is not None:
        return decoded.utf8, _offset_of_line(decoded.utf8, header_line + 1)
    text = decoded.text
    return text[_offset_of_line(text, header_line + 1) :].encode("utf-8"), 0


def _offset_of_line(text: str | bytes, line: int) -> int:
    offset = 0
    newline = "\n" if isinstance(text, str) else b"\n"
    for _ in range(line - 1):
        found = text.find(newline, offset)  # type: ignore[arg-type]
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


def _fast_table(
    data: bytes, start: int, delimiter: str, width: int, header_line: int
) -> tuple[pa.Table, np.ndarray] | None:
    """pyarrow's reader on ``data[start:]``, when every line is one record; None sends the file to the exact path."""
    names = [f"column_{index}" for index in range(width)]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(data).slice(start)),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    line_numbers: np.ndarray | None
    if _one_record_per_line(data, start, table.num_rows):
        line_numbers = np.arange(table.num_rows, dtype=np.int64) + header_line + 1
    else:
        line_numbers = _record_lines(data, start, header_line)
    if line_numbers is None:
        return None
    if len(line_numbers) != table.num_rows:
        return None
    return table, line_numbers


def _one_record_per_line(data: bytes, start: int, records: int) -> bool:
    """No quotes and no empty lines (pyarrow skips those) after ``start``: record i is on line i."""
    if data.find(b'"', start) >= 0:
        return False
    if data.find(b"\r", start) >= 0:  # pyarrow also breaks lines at a lone \r: look for the empty lines
        return (
            data.find(b"\n\n", start) < 0
            and data.find(b"\n\r\n", start) < 0
            and not data.startswith((b"\n", b"\r\n"), start)
        )
    # lines end at \n only: as many records as lines means no line was empty (counting is cheaper than searching)
    lines = data.count(b"\n", start) + (0 if data.endswith(b"\n") or len(data) == start else 1)
    return records == lines


def _record_lines(data: bytes, start: int, header_line: int) -> np.ndarray | None:
    """File line of each record after ``start``, skipping empty lines as pyarrow does; None if a quoted
    field spans lines."""
    body = np.frombuffer(data, dtype=np.uint8, offset=start)
    breaks = np.flatnonzero(body == 10)
    if data.find(b'"', start) >= 0:
        quotes = np.flatnonzero(body == 34)
        per_line = np.bincount(np.searchsorted(breaks, quotes), minlength=len(breaks) + 1)
        if (per_line % 2).any():
            return None
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(body)]))
    lengths = ends - starts
    carriage = np.zeros(len(starts), dtype=bool)
    inside = starts < len(body)
    carriage[inside] = body[starts[inside]] == 13
    empty = (lengths == 0) | ((lengths == 1) & carriage)
    return np.flatnonzero(~empty).astype(np.int64) + header_line + 1


def _exact_table(
    body_text: str, delimiter: str, width: int, header_line: int
) -> tuple[pa.Table, np.ndarray, list[BrokenRow]]:
    columns: list[list[str]] = [[] for _ in range(width)]
    line_numbers: list[int] = []
    starts, records, broken = split_records(body_text, delimiter, header_line + 1)
    for line, record in zip(starts, records, strict=True):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width and not any(cell.strip() for cell in record[width:]):
            record = record[:width]
        if len(record) > width:
            reason = Rejection(
                ReasonCode.TOO_MANY_FIELDS,
                f"row has {len(record)} fields; the header has {width}",
                {"fields": len(record), "header_fields": width},
            )
            broken.append(BrokenRow(line, reason, delimiter.join(record)))
            continue
        record = record + [""] * (width - len(record))
        for index, cell in enumerate(record):
            columns[index].append(cell)
        line_numbers.append(line)
    broken.sort(key=lambda row: row.row_number)
    table = pa.table({f"column_{index}": pa.array(values, type=pa.string()) for index, values in enumerate(columns)})
    return table, np.array(line_numbers, dtype=np.int64), broken


def _raw_rows(texts: list[pa.Array], line_numbers: np.ndarray, delimiter: str) -> Callable[[np.ndarray], list[str]]:
    def raw_row(wanted: np.ndarray) -> list[str]:
        if len(wanted) == 0 or len(line_numbers) == 0:
            return [""] * len(wanted)
        positions = np.clip(np.searchsorted(line_numbers, wanted), 0, len(line_numbers) - 1)
        indices = pa.array(positions)
        fields = [pc.take(array, indices).to_pylist() for array in texts]
        return [delimiter.join(str(cell) for cell in cells) for cells in zip(*fields, strict=True)]

    return raw_row
