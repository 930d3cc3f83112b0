"""JSON records: a list of objects, found at ``records`` (a dotted path) or searched for.

Open-data portals wrap the list (CKAN: ``{"result": {"records": [...]}}``); without a
declared path the first list of objects within two levels is used. The row
number of a record is its 1-based position in the list.

Limits: a document nested deeper than ``max_json_depth`` levels fails with a
message (a record list needs three or four); an integer of more than
:data:`INTEGER_DIGITS` digits stays the text it was written as, so its row is
rejected as a number too large (10^400 overflows a float) instead of failing
the file.
"""

from __future__ import annotations

import json
from typing import Any

from etl.extract.decoding import decode
from etl.extract.errors import ExtractError
from etl.extract.grid import Grid
from gosterge.settings import Limits

INTEGER_DIGITS = 18


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


def _depth(document: Any, limit: int) -> int:
    """The nesting depth of ``document`` (lists and objects), counted up to ``limit + 1``."""
    deepest, stack = 0, [(document, 1)]
    while stack and deepest <= limit:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_records(
    data: bytes, records_path: str | None, encoding: str, file_name: str, limits: Limits | None = None
) -> tuple[Grid, list[str]]:
    """(grid with the header as row 0, details); keys become columns in order of first appearance."""
    limits = limits or Limits()
    text = decode(data, encoding, file_name).text
    too_deep = (
        f"{file_name}: the JSON document is nested deeper than {limits.max_json_depth} levels "
        "(GOSTERGE_MAX_JSON_DEPTH); expected a list of records"
    )
    try:
        document = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise ExtractError(f"{file_name}: not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise ExtractError(too_deep) from None
    if _depth(document, limits.max_json_depth) > limits.max_json_depth:
        raise ExtractError(too_deep)
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
