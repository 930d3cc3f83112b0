"""What the download tests share: the served export context and the hostile texts every file must
neutralise."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Reader

HOSTILE_TEXTS = ('=HYPERLINK("http://evil.example";"x")', "+1", "-cmd", "@SUM(1)", "\tx", "\rx")


@dataclass
class ExportContext:
    settings: Settings
    plans: dict[str, Plan]
    reader: Reader


TEXT_FORMULA = re.compile(r'^="(.*)"$', re.DOTALL)


def as_written(value: object) -> object:
    """A cell of an Excel (Türkçe) CSV as a spreadsheet shows it: ``="1.1"`` → ``1.1`` (quotes undoubled)."""
    if isinstance(value, str):
        found = TEXT_FORMULA.match(value)
        if found:
            return found.group(1).replace('""', '"')
    return value


def text_as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column of ``frame`` (read from an Excel (Türkçe) CSV) with its ``="…"`` cells as written."""
    return frame.apply(
        lambda column: (
            column.map(as_written) if pd.api.types.is_string_dtype(column) or column.dtype == object else column
        )
    )
