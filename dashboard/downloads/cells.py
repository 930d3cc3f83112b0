"""Turn Arrow record batches into CSV bytes, column by column (vectorised, no per-cell Python).

Safe to open: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading apostrophe, so no spreadsheet runs it as a
formula (OWASP "CSV injection"). Only text cells: numbers, dates and years
are written as numbers, so a real negative number stays a number.

Kept as written (the ``excel-tr`` dialect): a text cell that Excel or Calc
would read as a number, a date, a time or a truth value — the code ``1.1``
(Turkish Excel: 1 January), ``1.1.2`` (1 January 2002), ``0123``, ``Mart 2020``,
``DOĞRU`` — is written as the text formula ``="1.1"``, which both programs
show as the text 1.1. The text sits inside a string literal with its quotes
doubled, so it cannot end the literal; text that begins like a formula was
already given its apostrophe and is never wrapped. Excel's string literals
hold at most 255 characters, so longer text (never a code) is left as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from dashboard.downloads.dialects import Dialect
from dashboard.downloads.labels import header, vocabulary
from dashboard.i18n import label
from dashboard.reasons import reason_from_json
from gosterge.plan.model import Plan
from warehouse.downloads.columns import ExtractColumn

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
FORMULA_START_PATTERN = r"^[=+\-@\t\r]"
REPEATING_KINDS = ("text", "code", "label", "date", "datetime", "reason")
#: text a spreadsheet would turn into a number, date, time or truth value (RE2, as pyarrow runs it):
#: only digits and number, date or ISO time punctuation; a number beside a word ("Mart 2020", "1 Oca", "Q1 2020");
#: the truth values of Turkish and English Excel
REINTERPRETED_PATTERN = (
    r"^[\s\d.,:;/%+\-eETZ()₺$€£]*\d[\s\d.,:;/%+\-eETZ()₺$€£]*$"
    r"|^\s*\d{1,4}[\s./\-]*\pL+\.?([\s./\-]*\d{1,4})?\s*$"
    r"|^\s*\pL+\.?[\s./\-]*\d{1,4}([\s./\-]*\d{1,4})?\s*$"
    r"|^\s*(?i:doğru|yanlış|true|false)\s*$"
)
#: Excel refuses a string literal longer than this in a formula
FORMULA_TEXT_LIMIT = 255


def neutralise_text(value: str) -> str:
    """One text cell made safe for spreadsheets (see the module docstring)."""
    return "'" + value if FORMULA_START.match(value) else value


def neutralise(array: pa.Array) -> pa.Array:
    """:func:`neutralise_text` over a string array without nulls."""
    risky = pc.match_substring_regex(array, FORMULA_START_PATTERN)
    return pc.if_else(risky, pc.binary_join_element_wise("'", array, ""), array)


def protect(array: pa.Array, dialect: Dialect) -> pa.Array:
    """Neutralised text without nulls, with every cell a spreadsheet would reinterpret written as ``="…"``.

    Only for dialects with ``text_formulas`` (``excel-tr``); others get ``array`` back.
    """
    if not dialect.text_formulas or len(array) == 0:
        return array
    reinterpreted = pc.and_(
        pc.match_substring_regex(array, REINTERPRETED_PATTERN),
        pc.less_equal(pc.utf8_length(array), FORMULA_TEXT_LIMIT),
    )
    wrapped = pc.binary_join_element_wise('="', pc.replace_substring(array, '"', '""'), '"', "")
    return pc.if_else(reinterpreted, wrapped, array)


def protect_text(value: str, dialect: Dialect) -> str:
    """:func:`neutralise_text` and :func:`protect` of one cell."""
    return str(protect(pa.array([neutralise_text(value)], pa.string()), dialect)[0].as_py())


def _plain_decimal(text: str) -> str:
    """'1e-07' → '0.0000001', '1e+16' → '10000000000000000' (Excel and pandas read both as numbers)."""
    return format(Decimal(text), "f")


def format_numbers(array: pa.Array, dialect: Dialect) -> pa.Array:
    """Shortest round-trip decimal text, never an exponent; '' for missing, NaN and infinity."""
    values = pc.cast(array, pa.float64())
    text = pc.cast(values, pa.string())
    if pc.any(pc.match_substring(text, "e")).as_py():
        text = pa.array(
            [
                _plain_decimal(item) if item and "e" in item and item[-1].isdigit() else item
                for item in text.to_pylist()
            ],
            pa.string(),
        )
    if dialect.decimal != ".":
        text = pc.replace_substring(text, ".", dialect.decimal)
    finite = pc.fill_null(pc.is_finite(values), False)
    return pc.if_else(finite, text, "")


def _format_values(array: pa.Array, column: ExtractColumn, plan: Plan, dialect: Dialect, language: str) -> pa.Array:
    """One column's values as CSV text: nulls stay null, text is neutralised and quoted."""
    kind = column.kind
    if kind == "number":
        return format_numbers(array, dialect)
    if kind == "integer":
        return pc.cast(array, pa.string())
    if kind == "date":
        return pc.strftime(array, format=dialect.date_format)
    if kind == "datetime":
        return pc.strftime(pc.cast(array, pa.timestamp("s"), safe=False), format=dialect.datetime_format)
    if kind == "boolean":
        yes, no = (
            (label("boolean", "yes", language), label("boolean", "no", language))
            if dialect.language_booleans
            else ("true", "false")
        )
        return pc.if_else(array, yes, no)
    text = pc.cast(array, pa.string())
    if kind == "reason":
        text = pa.array([reason_from_json(item, language) for item in text.to_pylist()], pa.string())
    if kind == "label" and column.vocabulary:
        labels = vocabulary(plan, column.vocabulary, language)
        positions = pc.index_in(text, value_set=pa.array(list(labels), pa.string()))
        text = pc.coalesce(pc.take(pa.array(list(labels.values()), pa.string()), positions), text)
    return _quote(protect(neutralise(pc.fill_null(text, "")), dialect), dialect)


def format_column(array: pa.Array, column: ExtractColumn, plan: Plan, dialect: Dialect, language: str) -> pa.Array:
    """One column as CSV text, '' for a missing value.

    Text, codes, labels, dates and times repeat a lot within a batch (names of
    the hierarchy, load times), so their distinct values are formatted once
    and spread back with a dictionary.
    """
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if column.kind in REPEATING_KINDS:
        encoded = pc.dictionary_encode(array)
        formatted = _format_values(encoded.dictionary, column, plan, dialect, language)
        return pc.fill_null(pc.take(formatted, encoded.indices), "")
    return pc.fill_null(_format_values(array, column, plan, dialect, language), "")


def _quote(array: pa.Array, dialect: Dialect) -> pa.Array:
    special = "[" + re.escape(dialect.delimiter) + '"\r\n]'
    needs_quotes = pc.match_substring_regex(array, special)
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(array, '"', '""'), '"', "")
    return pc.if_else(needs_quotes, quoted, array)


def _concatenate(lines: pa.Array) -> bytes:
    """All strings of ``lines`` as one bytes object."""
    whole = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(lines)], pa.int32()), lines), "")[0]
    return whole.as_buffer().to_pybytes()


class CsvTable:
    """Writes one extract's header and batches in a dialect and language."""

    def __init__(self, plan: Plan, columns: Iterable[ExtractColumn], dialect: Dialect, language: str):
        self.plan = plan
        self.columns = tuple(columns)
        self.dialect = dialect
        self.language = language

    def headers(self) -> list[str]:
        return [header(self.plan, column.key, self.language) for column in self.columns]

    def header_bytes(self) -> bytes:
        """The byte-order mark (Excel dialect) and the header line."""
        start = "\ufeff" if self.dialect.byte_order_mark else ""
        return (start + encode_rows([self.headers()], self.dialect).decode("utf-8")).encode("utf-8")

    def batch_bytes(self, batch: pa.RecordBatch) -> bytes:
        if batch.num_rows == 0:
            return b""
        cells = []
        for index, column in enumerate(self.columns):
            cells.append(format_column(batch.column(index), column, self.plan, self.dialect, self.language))
        lines = pc.binary_join_element_wise(*cells, self.dialect.delimiter)  # the last argument separates
        lines = pc.binary_join_element_wise(lines, self.dialect.line_end, "")
        return _concatenate(lines)

    def stream(self, batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
        """The whole file: header first, then one chunk of bytes per batch."""
        yield self.header_bytes()
        for batch in batches:
            chunk = self.batch_bytes(batch)
            if chunk:
                yield chunk


def encode_rows(rows: Iterable[list[str]], dialect: Dialect) -> bytes:
    """Small tables of text (headers, metadata) in ``dialect``, every cell neutralised and protected."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([protect_text(str(cell), dialect) for cell in row])
    return buffer.getvalue().encode("utf-8")
