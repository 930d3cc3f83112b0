"""Numbers as people write them, Turkish style included, parsed column-wise.

Accepted: ``1234.5``, ``1234``, ``-3``, ``1.234,5`` and ``1,234.5`` (the last
separator is the decimal one), ``12,5``, ``4.367.251``, ``%12,5`` and
``12,5 %``, a Unicode minus.

A space inside a number is a thousands separator only where it is one: before
every group of exactly three digits, the same separator throughout (a space,
a no-break space U+00A0, a narrow no-break space U+202F, a thin space U+2009,
a figure space U+2007, or an apostrophe): ``4 367 251``, ``1 234,5``. Any
other inner space (``12 5``) and any line break or tab (a quoted ``1⏎0``) is
rejected, never squeezed out. A percent sign is read only at either end; the
rows that carry one (and Excel cells formatted as percentages) are marked in
:attr:`ParsedNumbers.percent`, for validation to check the indicator's unit.

``1.234`` and ``1,234`` are ambiguous (one thousand two hundred thirty-four
in one convention, one point two three four in the other). They are read
with the decimal separator declared for the source (``decimal = ","``) or,
if undeclared, the one the rest of the file shows unambiguously; a file
that shows neither or both leaves them rejected as ambiguous.

The plain case (``1234.5``) is parsed by pyarrow in one pass; only the rest
goes through the Turkish rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gosterge.rejections import ReasonCode, Rejection

PLAIN = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"
AMBIGUOUS_DOT = r"^[+-]?[1-9]\d{0,2}\.\d{3}$"
AMBIGUOUS_COMMA = r"^[+-]?[1-9]\d{0,2},\d{3}$"
COMMA_DECIMAL = r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+),\d+$"
DOT_DECIMAL = r"^[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)\.\d+$"
DOT_THOUSANDS = r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$"
COMMA_THOUSANDS = r"^[+-]?[1-9]\d{0,2}(?:,\d{3})+$"
SPACES = " \u00a0\u2007\u2009\u202f"
SEPARATORS = SPACES + "'"
PERCENT_SIGN = f"^%[{SPACES}]*|[{SPACES}]*%$"
GROUPED = "|".join(rf"^[+-]?\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+(?:[.,]\d+)?$" for separator in SEPARATORS)
SPECIAL = f"[%\\s\\x0b{re.escape(SEPARATORS)}\u2212=]"  # a text holding none of these is read as it is
SPACED_NUMBER = f"^[+-]?[\\d{re.escape(SEPARATORS)}.,]*\\d[{re.escape(SEPARATORS)}][\\d{re.escape(SEPARATORS)}.,]*$"
INNER_SPACE_REASON = Rejection(
    ReasonCode.SPACE_INSIDE_NUMBER,
    "not a number: a space inside a number is read only as a thousands separator before groups of three "
    "digits (4 367 251)",
)
LINE_BREAK_REASON = Rejection(ReasonCode.LINE_BREAK_IN_NUMBER, "not a number: the value holds a line break or a tab")
TOO_LARGE_REASON = Rejection(ReasonCode.NUMBER_TOO_LARGE, "not a number: too large to store (beyond ±1.8e308)")
FORMULA_REASON = Rejection(
    ReasonCode.FORMULA_WITHOUT_RESULT,
    "not a number: a formula without a stored result; open the workbook in Excel and save it, so that it "
    "stores the results",
)
AMBIGUOUS_REASON = Rejection(
    ReasonCode.AMBIGUOUS_NUMBER,
    "ambiguous number: it reads as a whole number with a thousands separator or as a decimal; "
    'declare decimal = "," or "." for the source',
)
NOT_A_NUMBER_REASON = Rejection(ReasonCode.NOT_A_NUMBER, "not a number")
MISSING_REASON = Rejection(ReasonCode.VALUE_MISSING, "value is missing")
NOT_FINITE_REASON = Rejection(ReasonCode.NOT_FINITE, "not a finite number")


@dataclass(frozen=True)
class ParsedNumbers:
    values: np.ndarray  # float64, NaN where not a number
    problems: np.ndarray  # object: None, or the reason the value is not a number (a Rejection)
    bad: np.ndarray  # bool: True where ``problems`` holds a reason
    percent: np.ndarray  # bool: written with a percent sign (or an Excel cell formatted as a percentage)


def _match(array: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.match_substring_regex(array, pattern), False), dtype=bool)


def _cast(array: pa.Array) -> np.ndarray:
    return np.asarray(pc.cast(array, pa.float64()).fill_null(np.nan), dtype=np.float64)


def _unwrap(text: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The numbers of ``text`` without their outer spaces, percent sign, thousands spaces and Unicode minus;
    and masks: with a percent sign, with a line break or tab, with a space that separates no thousands, a
    formula. Only the texts holding one of those characters are looked at closely (one pass for the rest)."""
    count = len(text)
    masks = [np.zeros(count, dtype=bool) for _ in range(4)]
    special = np.flatnonzero(_match(text, SPECIAL))
    if len(special) == 0:
        return text, *masks  # type: ignore[return-value]
    some = pc.take(text, pa.array(special))
    trimmed = pc.utf8_trim_whitespace(some)
    unsigned = pc.replace_substring(pc.replace_substring_regex(trimmed, PERCENT_SIGN, ""), "\u2212", "-")
    grouped = _match(unsigned, GROUPED)
    for mask, found in zip(
        masks,
        (
            _match(trimmed, "%"),
            _match(unsigned, "[\r\n\t\v\f]"),
            _match(unsigned, SPACED_NUMBER) & ~grouped,
            _match(trimmed, "^="),
        ),
        strict=True,
    ):
        mask[special] = found
    cleaned = pc.if_else(
        pa.array(grouped), pc.replace_substring_regex(unsigned, f"[{re.escape(SEPARATORS)}]", ""), unsigned
    )
    replace = np.zeros(count, dtype=bool)
    replace[special] = True
    return pc.replace_with_mask(text, pa.array(replace), cleaned), *masks  # type: ignore[return-value]


def parse_numbers(text: pa.Array, numbers: pa.Array | None, decimal: str | None) -> ParsedNumbers:
    """Parse a column of values written as text (``numbers``: cells that already were numbers).

    ``decimal`` is the declared decimal separator ("," or "."), or None to infer it from the column.
    """
    count = len(text)
    values = np.full(count, np.nan)
    problems = np.full(count, None, dtype=object)
    bad = np.zeros(count, dtype=bool)
    pending = np.ones(count, dtype=bool)
    if numbers is not None:
        given = ~np.asarray(pc.is_null(numbers), dtype=bool)
        values[given] = np.asarray(numbers.fill_null(np.nan), dtype=np.float64)[given]
        pending &= ~given
    text = text.cast(pa.string()) if pa.types.is_dictionary(text.type) else text
    plain = _match(text, PLAIN) & pending
    if plain.all():
        values[:] = _cast(text)
    elif plain.any():
        values[plain] = _cast(pc.filter(text, pa.array(plain)))
    dot = np.asarray(pc.fill_null(pc.find_substring(text, "."), -1), dtype=np.int64)
    with_dot = plain & (dot >= 0)
    # AMBIGUOUS_DOT needs the dot fourth from the end: only those few go through the pattern
    candidates = with_dot & (np.asarray(pc.fill_null(pc.binary_length(text), 0), dtype=np.int64) - dot == 4)
    plain_ambiguous = np.zeros(count, dtype=bool)
    if candidates.any():
        plain_ambiguous[candidates] = _match(pc.filter(text, pa.array(candidates)), AMBIGUOUS_DOT)
    dot_style = bool((with_dot & ~plain_ambiguous).any())
    rest_index = np.flatnonzero(pending & ~plain)
    rest_text = pc.take(text, pa.array(rest_index))
    cleaned, rest_percent, broken_line, inner_space, formula = _unwrap(rest_text)
    ambiguous = _match(cleaned, AMBIGUOUS_DOT) | _match(cleaned, AMBIGUOUS_COMMA)
    as_comma = (_match(cleaned, COMMA_DECIMAL) | _match(cleaned, DOT_THOUSANDS)) & ~ambiguous
    as_dot = (_match(cleaned, DOT_DECIMAL) | _match(cleaned, COMMA_THOUSANDS) | _match(cleaned, PLAIN)) & ~ambiguous
    comma_style = bool(as_comma.any())
    dot_style = dot_style or bool((as_dot & ~_match(cleaned, r"^[+-]?\d+$")).any())
    style = decimal or (("," if comma_style else ".") if comma_style != dot_style else None)
    if style == ",":
        as_comma |= ambiguous
        if plain_ambiguous.any():
            values[plain_ambiguous] = _cast(pc.replace_substring(pc.filter(text, pa.array(plain_ambiguous)), ".", ""))
    elif style == ".":
        as_dot |= ambiguous
    elif plain_ambiguous.any():
        bad |= plain_ambiguous
        problems[plain_ambiguous] = AMBIGUOUS_REASON
    rest_values = np.full(len(rest_index), np.nan)
    if as_comma.any():
        turkish = pc.replace_substring(pc.replace_substring(pc.filter(cleaned, pa.array(as_comma)), ".", ""), ",", ".")
        rest_values[as_comma] = _cast(turkish)
    only_dot = as_dot & ~as_comma
    if only_dot.any():
        rest_values[only_dot] = _cast(pc.replace_substring(pc.filter(cleaned, pa.array(only_dot)), ",", ""))
    values[rest_index] = rest_values
    rest_bad = ~as_comma & ~as_dot
    rest_bad |= inner_space | broken_line
    rest_reasons = np.full(len(rest_index), NOT_A_NUMBER_REASON, dtype=object)
    rest_reasons[ambiguous & rest_bad] = AMBIGUOUS_REASON
    rest_reasons[inner_space] = INNER_SPACE_REASON
    rest_reasons[broken_line] = LINE_BREAK_REASON
    rest_reasons[rest_bad & formula] = FORMULA_REASON
    bad[rest_index[rest_bad]] = True
    problems[rest_index[rest_bad]] = rest_reasons[rest_bad]
    missing = np.zeros(count, dtype=bool)  # a plain number is never blank: only the rest can be missing
    missing[rest_index] = np.asarray(pc.fill_null(pc.equal(pc.utf8_trim_whitespace(rest_text), ""), True), dtype=bool)
    problems[missing] = MISSING_REASON
    bad |= missing
    infinite = np.isinf(values) & ~bad
    if infinite.any():
        words = _match(text, "(?i)inf|nan")
        reasons = np.full(int(infinite.sum()), TOO_LARGE_REASON, dtype=object)
        reasons[words[infinite]] = NOT_FINITE_REASON
        problems[infinite] = reasons
    bad |= infinite | (np.isnan(values) & ~bad)
    nan = np.flatnonzero(np.isnan(values))
    problems[nan[problems[nan] == None]] = NOT_A_NUMBER_REASON  # noqa: E711 - element-wise
    values[bad] = np.nan
    percent = np.zeros(count, dtype=bool)
    percent[rest_index] = rest_percent
    if numbers is not None:
        percent |= given & np.asarray(pc.fill_null(pc.equal(text, "%"), False), dtype=bool)
    return ParsedNumbers(values, problems, bad, percent)
