"""warehouse/frames.py's ``records_of`` gives what ``DataFrame.to_dict("records")`` gives, value for value and
type for type, for every kind of column the warehouse's queries return."""

from __future__ import annotations

import math
from typing import Any

import duckdb
import pandas as pd

from warehouse.frames import records_of

KINDS = """
    select * from (values
        (1, 'Aliağa', 2.5, true, 7::integer, timestamp '2026-12-05 06:00:00', ['a', 'b'], 100::bigint),
        (2, null, null, null, null, null, null, null),
        (3, 'Ödemiş', 'nan'::double, false, -1::integer, timestamp '2020-01-01 00:00:00', [], 2::bigint)
    ) as t(number, name, share, flag, small, loaded_at, tags, big)
"""


def same(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, float) and isinstance(theirs, float) and math.isnan(ours) and math.isnan(theirs):
        return True
    if isinstance(ours, list | tuple) or isinstance(theirs, list | tuple):
        return list(ours) == list(theirs)
    if hasattr(ours, "tolist") and hasattr(theirs, "tolist"):  # arrays of a list column
        return ours.tolist() == theirs.tolist()
    return type(ours) is type(theirs) and (ours is theirs or ours == theirs)


def assert_same_records(frame: pd.DataFrame) -> None:
    expected = frame.to_dict("records")
    found = records_of(frame)
    assert len(found) == len(expected)
    for mine, theirs in zip(found, expected, strict=True):
        assert list(mine) == list(theirs)
        for name in theirs:
            assert same(mine[name], theirs[name]), (name, mine[name], theirs[name])


def test_every_kind_of_column_a_query_returns():
    frame = duckdb.sql(KINDS).df()
    assert_same_records(frame)
    assert_same_records(frame.astype({"small": "Int32", "flag": "boolean"}))  # nullable columns: None, not NA


def test_frames_made_by_pages():
    frame = pd.DataFrame({"code": ["1", "2"], "value": [1.5, None], "label": pd.Series(["a", None], dtype=object)})
    assert_same_records(frame)
    assert_same_records(frame.iloc[0:0])
    assert records_of(frame)[1]["label"] is None
