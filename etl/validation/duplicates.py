"""The same key twice in one file: repeats (same value) and conflicts (different values)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gosterge.rejections import ReasonCode, Rejection

MAX_LINES_SHOWN = 5


def find_duplicates(
    keys: np.ndarray, values: np.ndarray, row_numbers: np.ndarray
) -> tuple[np.ndarray, dict[int, Rejection]]:
    """Positions of repeats (all but the first of a key given again with the same value) and of
    conflicts (every row of a key given with different values), each conflict with its reason."""
    if len(keys) == 0 or _all_different(keys):
        return np.zeros(0, dtype=np.int64), {}
    involved = np.flatnonzero(pd.Series(keys).duplicated(keep=False).to_numpy())
    if len(involved) == 0:
        return np.zeros(0, dtype=np.int64), {}
    repeated, conflicting = _groups(keys[involved], values[involved], row_numbers[involved])
    return involved[repeated], {int(involved[position]): reason for position, reason in conflicting.items()}


def _all_different(keys: np.ndarray) -> bool:
    """True when no key is given twice; False also when unsure. Keys are positions in (indicator, area,
    period) space, so they are dense: every row writes its position into its key's slot, and a key given
    twice leaves a slot that does not hold one of its rows' positions (cheaper than hashing a million keys)."""
    if keys.min() < 0 or keys.max() >= 4 * len(keys) or len(keys) >= 2**31:
        return False
    slot = np.empty(int(keys.max()) + 1, dtype=np.int32)
    position = np.arange(len(keys), dtype=np.int32)
    slot[keys] = position
    return bool((slot[keys] == position).all())


def _groups(keys: np.ndarray, values: np.ndarray, row_numbers: np.ndarray) -> tuple[np.ndarray, dict[int, Rejection]]:
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    repeated: list[np.ndarray] = []
    conflicting: dict[int, Rejection] = {}
    for group in np.flatnonzero(sizes > 1):
        members = order[starts[group] : starts[group] + sizes[group]]
        if np.all(values[members] == values[members[0]]):
            repeated.append(members[1:])
            continue
        lines = row_numbers[members]
        for member, line in zip(members, lines, strict=True):
            others = [int(other) for other in lines if other != line][:MAX_LINES_SHOWN]
            same_line = int((lines == line).sum()) > 1  # a wide table's repeated period column
            conflicting[int(member)] = conflict_reason(others, same_line)
    return (np.concatenate(repeated) if repeated else np.zeros(0, dtype=np.int64)), conflicting


def conflict_reason(others: list[int], same_line: bool) -> Rejection:
    """A row whose key other lines (or another cell of its own line) give with a different value."""
    where = ("line " + ", ".join(str(line) for line in others) if others else "") + (
        (" and " if others else "") + "another cell of this line" if same_line else ""
    )
    text = f"same indicator, area and period as {where} with a different value (both rejected)"
    if not same_line:
        return Rejection(ReasonCode.CONFLICTING_LINES, text, {"lines": others})
    if not others:
        return Rejection(ReasonCode.CONFLICTING_CELL, text)
    return Rejection(ReasonCode.CONFLICTING_LINES_AND_CELL, text, {"lines": others})
