"""JSON records: a list of objects, found at ``records`` (a dotted path) or searched for.

Open-data portals wrap the list (CKAN: ``{"result": {"records": [...]}}``); without a
declared path the first list of objects within two levels is used. The row
number of a record is its 1-based position in the list.

Limits: a document nested deeper than ``max_json_depth`` levels fails with a
message (a record list needs three or four), found from the brackets of the
text before it is parsed (:func:`nesting_depth`); an integer of more than
:data:`INTEGER_DIGITS` digits stays the text it was written as, so its row is
rejected as a number too large (10^400 overflows a float) instead of failing
the file.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from etl.extract.decoding import decode
from etl.extract.errors import ExtractError
from etl.extract.grid import Grid
from gosterge.settings import Limits

INTEGER_DIGITS = 18
MARKS = np.zeros(256, dtype=bool)  # the bytes that decide the nesting: quotes, backslashes, brackets
MARKS[list(b'"\\[]{}')] = True


def _find_records(document: Any, depth: int = 0) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and depth < 2:
        for value in document.values():
            if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
                return value
        for value in document.values():
            found = _find_records(value, depth + 1)
            if found is not None:
                return found
    return None


def _integer(text: str) -> int | str:
    """A JSON integer: a whole number, or its text when it has more digits than a measurement can."""
    return int(text) if len(text.lstrip("-")) <= INTEGER_DIGITS else text


def nesting_depth(data: bytes) -> int:
    """How deep lists and objects nest in the JSON text ``data``, brackets inside strings not counted;
    read from the positions of the few bytes that matter, before anything is parsed."""
    text = np.frombuffer(data, dtype=np.uint8)
    positions = np.flatnonzero(MARKS[text])
    marks = text[positions]
    quote = marks == ord('"')
    if b"\\" in data:  # a quote after an odd run of backslashes is escaped: part of the string
        backslash = marks == ord("\\")
        follows = np.zeros(len(positions), dtype=bool)
        follows[1:] = backslash[:-1] & (positions[1:] == positions[:-1] + 1)
        indices = np.arange(len(positions))
        run_start = np.maximum.accumulate(np.where(backslash & follows, 0, indices))
        run = np.zeros(len(positions), dtype=np.int64)
        run[1:] = np.where(follows[1:], indices[1:] - run_start[:-1], 0)
        quote &= run % 2 == 0
    inside = (np.cumsum(quote) % 2 == 1) | quote
    steps = np.zeros(len(positions), dtype=np.int32)
    steps[((marks == ord("[")) | (marks == ord("{"))) & ~inside] = 1
    steps[((marks == ord("]")) | (marks == ord("}"))) & ~inside] = -1
    return int(np.cumsum(steps).max()) if len(steps) else 0


def read_records(
    data: bytes, records_path: str | None, encoding: str, file_name: str, limits: Limits | None = None
) -> tuple[Grid, list[str]]:
    """(grid with the header as row 0, details); keys become columns in order of first appearance."""
    limits = limits or Limits()
    decoded = decode(data, encoding, file_name)
    text = decoded.text
    too_deep = (
        f"{file_name}: the JSON document is nested deeper than {limits.max_json_depth} levels "
        "(GOSTERGE_MAX_JSON_DEPTH); expected a list of records"
    )
    if nesting_depth(decoded.utf8 if decoded.utf8 is not None else text.encode("utf-8")) > limits.max_json_depth:
        raise ExtractError(too_deep)
    try:
        document = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise ExtractError(f"{file_name}: not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:  # deeper than Python reads (about 1,000 levels), whatever the limit says
        raise ExtractError(too_deep) from None
    if records_path:
        records: Any = document
        for key in records_path.split("."):
            if not isinstance(records, dict) or key not in records:
                raise ExtractError(f"{file_name}: no {records_path!r} in the JSON document (stopped at {key!r})")
            records = records[key]
    else:
        records = _find_records(document)
    if not isinstance(records, list) or not records:
        raise ExtractError(
            f"{file_name}: no list of records in the JSON document (expected [{{…}}, …] or "
            'declare records = "path.to.list")'
        )
    if not all(isinstance(record, dict) for record in records):
        raise ExtractError(f'{file_name}: the records are not all objects (expected [{{"indicator": …}}, …])')
    keys = list(dict.fromkeys(key for record in records for key in record))
    grid: Grid = [(0, keys)]
    grid.extend((position, [record.get(key) for key in keys]) for position, record in enumerate(records, start=1))
    return grid, [f"{len(records)} records"]
