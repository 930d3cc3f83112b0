"""The common shape every reader produces: long rows of text, one per value, with their line numbers.

Columns of :attr:`Extracted.rows` (a pyarrow table):

``row_number``   1-based line of the text file, or row of the sheet, or record of the JSON list
``indicator``    indicator code as written (or the configured code)
``district``     district name or code as written ('' = the province)
``period``       period as written
``value``        value as written ('' when the cell was a number: see ``number``)
``number``       the value when the cell already was a number (Excel, JSON), else null
``value_column`` header of the column the value came from (for problem reports)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.extract.columns import ColumnPlan
from etl.sources import Columns
from etl.turkish import loose_key
from gosterge.plan import Plan
from gosterge.rejections import Rejection
from gosterge.settings import Limits

MISSING_MARKERS = ("", "-", "--", "..", "...", "…", "x", "X", "NA", "N/A", "n/a", "na")


@dataclass(frozen=True)
class BrokenRow:
    """A row that could not even be split into fields: read, and rejected as a whole."""

    row_number: int
    reason: Rejection
    raw_row: str


@dataclass
class Extracted:
    file_name: str
    rows: pa.Table
    column_names: dict[str, str]
    raw_row: Callable[[np.ndarray], list[str]]
    broken_rows: list[BrokenRow] = field(default_factory=list)
    rows_skipped: int = 0
    details: list[str] = field(default_factory=list)
    header_row: int = 0  # the line (or sheet row) of the header
    limits: Limits = Limits()

    @property
    def rows_read(self) -> int:
        return self.rows.num_rows + len(self.broken_rows)


def constant(text: str, count: int) -> pa.DictionaryArray:
    """``count`` copies of ``text`` without ``count`` Python strings."""
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(count, dtype=np.int32)), pa.array([text]))


def empty_mask(array: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.equal(pc.utf8_trim_whitespace(array), ""), True), dtype=bool)


def build_rows(
    plan: Plan,
    columns: Columns,
    column_plan: ColumnPlan,
    row_numbers: np.ndarray,
    texts: list[pa.Array],
    numbers: dict[int, pa.Array] | None = None,
) -> tuple[pa.Table, int]:
    """Long rows from the columns of a table (``texts[i]`` is header column ``i`` as text).

    Returns the rows and how many rows of other provinces were skipped.
    """
    numbers = numbers or {}
    count = len(row_numbers)
    keep = np.ones(count, dtype=bool)
    skipped = 0
    if column_plan.province is not None:
        keep = _of_province(texts[column_plan.province], plan)
        skipped = int(count - keep.sum())
    positions = column_plan.positions

    def text_of(role: str) -> pa.Array:
        return texts[positions[role]] if role in positions else constant("", count)

    blocks: list[pa.Table] = []
    if column_plan.value_columns:
        for position, code in column_plan.value_columns.items():
            present = keep & ~(empty_mask(texts[position]) & _null_mask(numbers.get(position), count))
            present &= ~_marker_mask(texts[position])
            blocks.append(
                _block(
                    row_numbers,
                    constant(code, count),
                    text_of("district"),
                    text_of("period"),
                    texts[position],
                    numbers.get(position),
                    column_plan.header[position],
                    present,
                )
            )
    else:
        indicator = (
            constant(columns.indicator_code, count) if columns.indicator_code is not None else text_of("indicator")
        )
        value_position = positions["value"]
        blocks.append(
            _block(
                row_numbers,
                indicator,
                text_of("district"),
                text_of("period"),
                texts[value_position],
                numbers.get(value_position),
                column_plan.header[value_position],
                keep,
            )
        )
    return pa.concat_tables(blocks, promote_options="permissive") if len(blocks) > 1 else blocks[0], skipped


def _block(
    row_numbers: np.ndarray,
    indicator: pa.Array,
    district: pa.Array,
    period: pa.Array,
    value: pa.Array,
    number: pa.Array | None,
    header: str,
    keep: np.ndarray,
) -> pa.Table:
    count = len(row_numbers)
    table = pa.table(
        {
            "row_number": pa.array(row_numbers, type=pa.int64()),
            "indicator": _plain(indicator),
            "district": _plain(district),
            "period": _plain(period),
            "value": _plain(value),
            "number": number if number is not None else pa.nulls(count, type=pa.float64()),
            "value_column": constant(header, count),
        }
    )
    if keep.all():
        return table
    return table.filter(pa.array(keep))


def _plain(array: pa.Array) -> pa.Array:
    """Dictionary arrays stay dictionary-encoded (cheap); everything else becomes a string array."""
    if pa.types.is_dictionary(array.type):
        return array
    return array if array.type == pa.string() else array.cast(pa.string())


def _null_mask(array: pa.Array | None, count: int) -> np.ndarray:
    if array is None:
        return np.ones(count, dtype=bool)
    return np.asarray(pc.is_null(array), dtype=bool)


def _marker_mask(array: pa.Array) -> np.ndarray:
    return np.asarray(
        pc.fill_null(pc.is_in(pc.utf8_trim_whitespace(array), pa.array(MISSING_MARKERS[1:])), False), dtype=bool
    )


def _of_province(province: pa.Array, plan: Plan) -> np.ndarray:
    encoded = (
        pc.dictionary_encode(province).combine_chunks()
        if isinstance(province, pa.ChunkedArray)
        else pc.dictionary_encode(province)
    )
    wanted = {loose_key(plan.province), plan.province_code}
    matches = np.array(
        [loose_key(str(name)) in wanted or str(name).strip() in wanted for name in encoded.dictionary.to_pylist()],
        dtype=bool,
    )
    indices = np.asarray(encoded.indices.fill_null(0), dtype=np.int64)
    return matches[indices] if len(matches) else np.zeros(len(indices), dtype=bool)
