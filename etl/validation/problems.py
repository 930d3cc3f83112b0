"""Problems collected column-wise, then turned into the rejected_rows frame.

rejected_rows never stores a huge text whole: a value, raw row or reason longer than
:data:`STORED_CHARACTERS` keeps its beginning and a mark saying how long it was (a workbook with one
100 MiB cell stored it twice).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.extract.rows import Extracted
from etl.validation.rows import EncodedRows, Written
from gosterge.rejections import Rejection
from warehouse.loading import REJECTED_COLUMNS

STORED_CHARACTERS = 1_000


def cut(text: object) -> object:
    """``text`` itself, or when longer than :data:`STORED_CHARACTERS` its beginning with a mark."""
    if not isinstance(text, str) or len(text) <= STORED_CHARACTERS:
        return text
    return f"{text[:STORED_CHARACTERS]}… [cut short: {len(text):,} characters in all]"


class Problems:
    """Every problem: row positions, the column, the written value, the reason (a :class:`Rejection`: its
    English line goes to ``reason``, its code and values to ``reason_code`` and ``reason_values``)."""

    def __init__(self, count: int):
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.rejected = np.zeros(count, dtype=bool)

    def add(
        self, mask: np.ndarray, column: str | np.ndarray, written: Written, reasons: np.ndarray | Rejection
    ) -> None:
        """Record a problem on the rows of ``mask``; array arguments are per row (full length)."""
        positions = np.flatnonzero(mask)
        if len(positions) == 0:
            return
        self.rejected[positions] = True
        reason_array = (
            np.full(len(positions), reasons, dtype=object)
            if isinstance(reasons, Rejection)
            else np.asarray(reasons, dtype=object)[positions]
        )
        column_array = (
            np.asarray(column, dtype=object)[positions]
            if isinstance(column, np.ndarray)
            else np.full(len(positions), column, dtype=object)
        )
        self.parts.append((positions, column_array, written(positions), reason_array))

    def frame(self, extracted: Extracted, rows: EncodedRows, *, plan_code: str, source_id: str) -> pd.DataFrame:
        """One row per problem (REJECTED_COLUMNS), rows that could not be split included, in file order."""
        positions = np.concatenate([part[0] for part in self.parts]) if self.parts else np.zeros(0, dtype=np.int64)
        row_numbers = rows.row_numbers[positions] if len(positions) else np.zeros(0, dtype=np.int64)
        frame = pd.DataFrame(
            {
                "row_number": row_numbers,
                "column_name": self._joined(1),
                "value": self._joined(2),
                "reason": self._joined(3),
            }
        )
        if len(frame):
            lines = np.unique(row_numbers)
            raw = dict(zip(lines.tolist(), extracted.raw_row(lines), strict=True))
            frame["raw_row"] = [raw[line] for line in row_numbers.tolist()]
        else:
            frame["raw_row"] = pd.Series([], dtype=object)
        broken = pd.DataFrame(
            [(row.row_number, None, None, row.reason, row.raw_row) for row in extracted.broken_rows],
            columns=["row_number", "column_name", "value", "reason", "raw_row"],
        )
        if len(broken):
            frame = pd.concat([frame, broken], ignore_index=True) if len(frame) else broken
        frame = frame.sort_values("row_number", kind="stable").reset_index(drop=True)
        stored = _stored(frame["reason"].tolist())
        frame["reason"] = [text for text, _, _ in stored]
        frame["reason_code"] = pd.Series([code for _, code, _ in stored], dtype=object)
        frame["reason_values"] = pd.Series([values for _, _, values in stored], dtype=object)
        for column in ("value", "raw_row", "reason"):
            frame[column] = [cut(text) for text in frame[column].tolist()]
        frame.insert(0, "plan_code", plan_code)
        frame.insert(1, "source_id", source_id)
        frame.insert(2, "file_name", extracted.file_name)
        return frame.loc[:, list(REJECTED_COLUMNS)]

    def _joined(self, index: int) -> np.ndarray:
        return np.concatenate([part[index] for part in self.parts]) if self.parts else np.zeros(0, dtype=object)


def _stored(reasons: list[Rejection]) -> list[tuple[str, str, str]]:
    """(English line, code, values as JSON) of each reason; each distinct reason object is turned into text
    once (rows of one unknown indicator share one)."""
    seen: dict[int, tuple[str, str, str]] = {}
    for reason in reasons:
        if id(reason) not in seen:
            seen[id(reason)] = (reason.text, reason.code.value, reason.values_json())
    return [seen[id(reason)] for reason in reasons]
