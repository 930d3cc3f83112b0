"""Delimited text split into records line by line, so that one bad quote costs one row, not the file.

Python's csv module, given a whole file, lets a quote that is never closed swallow every line after it
into one field (20 data lines became 5 rows, one of them a 368-character "district"). Here the records
are found first, line by line, following the csv rules for quotes (a quote opens a field only at its
start; ``""`` inside a quoted field is a quote):

- a line that closes every quote it opens is one record;
- a line that leaves a quote open continues on the next lines until the quote closes. When the quote
  never closes, or the text the next lines add inside it holds the delimiter (they are rows of their
  own), the quote is *unclosed*: that line alone is a broken row ("a quote opens … and is never
  closed"), and reading goes on with the next line;
- otherwise the record spans those lines (a quoted line break, as in ``"1⏎0"``); it is one row, and
  validation rejects the value with the line break.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from etl.extract.rows import BrokenRow
from gosterge.rejections import ReasonCode, Rejection

CSV_FIELD_LIMIT = 131_072  # the csv module's default limit on one field
SHOWN_CHARACTERS = 40


def split_records(
    text: str, delimiter: str, first_line: int = 1
) -> tuple[Sequence[int], list[list[str]], list[BrokenRow]]:
    """The line each record of ``text`` (whose first line is file line ``first_line``) starts on, the
    records, and the lines with an unclosed quote as broken rows. Blank lines give empty records. (Two
    lists, not a list of pairs: a pair per record costs more than the reading, in garbage collection.)"""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    if '"' not in text:  # no quote, no record over several lines: one csv reader over the lines
        return range(first_line, first_line + len(lines)), _parse(lines, delimiter, len(text)), []
    starts: list[int] = []
    texts: list[str] = []
    broken: list[BrokenRow] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if '"' not in line or not _open_at_end(line, delimiter, inside=False):
            starts.append(first_line + index)
            texts.append(line)
            index += 1
            continue
        end = _closing_line(lines, index, delimiter)
        if end is None:
            broken.append(BrokenRow(first_line + index, _unclosed_reason(line), line))
            index += 1
            continue
        starts.append(first_line + index)
        texts.append("\n".join(lines[index : end + 1]))
        index = end + 1
    return starts, _parse(texts, delimiter, len(text)), broken


def _parse(texts: list[str], delimiter: str, longest: int) -> list[list[str]]:
    """The fields of each record text (none longer than ``longest``), with one csv reader for all of them (a
    reader per record is three times slower); each text is one record by construction, which the count
    confirms."""
    with _field_limit(longest):
        parsed = list(csv.reader(texts, delimiter=delimiter))
    if len(parsed) == len(texts):
        return parsed
    return [fields(text, delimiter) for text in texts]  # never seen: the csv module read the quotes otherwise


def _closing_line(lines: list[str], start: int, delimiter: str) -> int | None:
    """The line where the quote left open on ``lines[start]`` closes, or None when it is an unclosed quote."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        closing = _closing_quote(line)
        inside_text = line if closing is None else line[:closing]
        if delimiter in inside_text:
            return None  # the next line is a row of its own, not the rest of a quoted value
        if not _open_at_end(line, delimiter, inside=True):
            return index
    return None


def _closing_quote(line: str) -> int | None:
    """Position of the quote that closes a quoted field continued from the previous line ("" is a quote)."""
    position = 0
    while (found := line.find('"', position)) >= 0:
        if line.startswith('""', found):
            position = found + 2
            continue
        return found
    return None


def _open_at_end(line: str, delimiter: str, *, inside: bool) -> bool:
    """Whether ``line`` (starting inside a quoted field or not) ends inside a quoted field."""
    position, length, field_start = 0, len(line), not inside
    while position < length:
        if inside:
            found = line.find('"', position)
            if found < 0:
                return True
            if line.startswith('""', found):
                position = found + 2
                continue
            inside, field_start, position = False, False, found + 1
        elif field_start and line[position] == '"':
            inside, position = True, position + 1
        else:
            found = line.find(delimiter, position)
            if found < 0:
                return False
            position, field_start = found + len(delimiter), True
    return inside


def _unclosed_reason(line: str) -> Rejection:
    opening = _opening_quote(line)
    shown = line[opening : opening + SHOWN_CHARACTERS] + ("…" if len(line) - opening > SHOWN_CHARACTERS else "")
    return Rejection(
        ReasonCode.UNCLOSED_QUOTE,
        f"a quote opens at character {opening + 1} ({shown}) and is never closed on this line; "
        "the line is rejected and reading goes on with the next line",
        {"character": opening + 1, "text": shown},
    )


def _opening_quote(line: str) -> int:
    """Position of the quote that is left open at the end of ``line``."""
    last_open = 0
    position, inside = 0, False
    while (found := line.find('"', position)) >= 0:
        if inside and line.startswith('""', found):
            position = found + 2
            continue
        inside = not inside
        if inside:
            last_open = found
        position = found + 1
    return last_open


def fields(record: str, delimiter: str) -> list[str]:
    """The fields of one record (a line, or lines joined by a quoted line break)."""
    with _field_limit(len(record)):
        return next(csv.reader([record], delimiter=delimiter), [])


@contextmanager
def _field_limit(length: int) -> Iterator[None]:
    """The csv module refuses fields over 131,072 characters; a longer cell is read whole (and rejected
    later by the cell length limit, naming its row and column)."""
    if length <= CSV_FIELD_LIMIT:
        yield
        return
    previous = csv.field_size_limit(length + 1)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def ends_in_continued_quote(lines: Sequence[str], delimiter: str) -> int | None:
    """For the completeness check of a file's last lines: the index of the line whose quote is still open at
    the end, when the lines after it (at least one, none blank) continue that quoted field up to the end,
    holding neither a quote nor the delimiter; else None. A quote opened on the last line itself is the
    unclosed quote of that line, rejected with it (:func:`split_records`)."""
    index = len(lines) - 1
    while index >= 0 and lines[index] and '"' not in lines[index] and delimiter not in lines[index]:
        index -= 1
    if index < 0 or index == len(lines) - 1 or not lines[index]:
        return None
    return index if _open_at_end(lines[index], delimiter, inside=False) else None
