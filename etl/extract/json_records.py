"""JSON records: a list of objects, found at ``records`` (a dotted path) or searched for.

Open-data portals wrap the list (CKAN: ``{"result": {"records": [...]}}``); without a
declared path the first list of objects within two levels is used. The row
number of a record is its 1-based position in the list.
"""

from __future__ import annotations

import json
from typing import Any

from etl.extract.decoding import decode
from etl.extract.errors import ExtractError
from etl.extract.grid import Grid


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


def read_records(data: bytes, records_path: str | None, encoding: str, file_name: str) -> tuple[Grid, list[str]]:
    """(grid with the header as row 0, details); keys become columns in order of first appearance."""
    text = decode(data, encoding, file_name).text
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExtractError(f"{file_name}: not valid JSON (line {error.lineno}: {error.msg})") from None
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
