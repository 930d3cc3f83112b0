"""The extracted columns, dictionary-encoded once: per-row codes into the distinct written texts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.extract.rows import Extracted
from gosterge.measurement_rules.shown import plain_number

Written = Callable[[np.ndarray], np.ndarray]
Encoded = tuple[np.ndarray, list[str]]


def encode(column: pa.ChunkedArray | pa.Array) -> Encoded:
    """(code per row, distinct texts) of a text column; dictionary columns keep their dictionary."""
    if isinstance(column, pa.ChunkedArray):
        if pa.types.is_dictionary(column.type):
            column = column.unify_dictionaries()
            if column.num_chunks == 0:
                return np.zeros(0, np.int64), []
            codes = np.concatenate([np.asarray(chunk.indices.fill_null(0), dtype=np.int64) for chunk in column.chunks])
            return codes, [str(text) for text in column.chunk(0).dictionary.to_pylist()]
        column = column.combine_chunks()
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(pc.fill_null(column, ""))
    return (
        np.asarray(column.indices.fill_null(0), dtype=np.int64),
        [str(text) for text in column.dictionary.to_pylist()],
    )


class EncodedRows:
    """The rows of one extracted file, ready for column-wise checks."""

    def __init__(self, extracted: Extracted):
        table = extracted.rows
        self.count = table.num_rows
        self.row_numbers = np.asarray(table.column("row_number").combine_chunks() if self.count else [], dtype=np.int64)
        self.indicator = encode(table.column("indicator"))
        self.district = encode(table.column("district"))
        self.period = encode(table.column("period"))
        self.value_column = encode(table.column("value_column"))
        value = table.column("value").combine_chunks() if self.count else pa.array([], pa.string())
        self.value = value.cast(pa.string()) if pa.types.is_dictionary(value.type) else value
        self.number = table.column("number").combine_chunks() if self.count else pa.array([], pa.float64())

    def value_columns(self) -> np.ndarray:
        """The header each row's value came from (object array of shared strings)."""
        codes, uniques = self.value_column
        return np.asarray(uniques or [""], dtype=object)[codes]

    def written(self, role: str) -> Written:
        """The texts of a role ("indicator", "district", "period") as written, for given row positions."""
        codes, uniques = getattr(self, role)
        table = np.asarray(uniques or [""], dtype=object)
        return lambda positions: table[codes[positions]]

    def written_values(self, positions: np.ndarray) -> np.ndarray:
        """The values as written (a cell that was a number is shown as that number, exactly, with a percent
        sign when it was formatted as a percentage)."""
        indices = pa.array(positions, type=pa.int64())
        text = np.asarray(pc.take(self.value, indices).to_pylist(), dtype=object)
        numbers = np.asarray(pc.take(self.number, indices).fill_null(np.nan), dtype=np.float64)
        given = ~np.isnan(numbers)
        text[given] = [plain_number(number) + mark for number, mark in zip(numbers[given], text[given], strict=True)]
        return text
