"""Approved entries in the operational database, as the writer reads and marks them (SQLAlchemy Core).

The writer only reads the ``entries`` and ``entry_versions`` tables (:mod:`operations.tables`, written
by the web's entry and review pages) and writes only two columns of ``entries``: ``loaded_version`` and
``loaded_run_id``, after the warehouse commit (:func:`mark_loaded`). A mark only lands on the version it
names: an entry changed since it was read keeps waiting for its next approval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, and_, or_, select, update

from operations.tables import entries, entry_versions

#: how an entry's period is written: 2024-H1, 2024-H2 (six-monthly) or 2024 (yearly)
PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-H([12]))?$")
#: the actions whose actor entered the content (the last of them before the approval)
ENTERING_ACTIONS = ("submitted", "saved")


@dataclass(frozen=True)
class ApprovedEntry:
    """One approved entry version waiting for the warehouse."""

    entry_id: int
    version: int
    plan_code: str
    indicator_code: str
    area_level: str
    area_code: str
    period: str
    unit: str
    value: float | None
    value_text: str | None
    source_note: str | None
    deviation_reason: str | None
    measures: str | None
    entered_by: str | None
    approved_by: str | None
    approved_at: datetime | None

    @property
    def year(self) -> int | None:
        """The measurement year the entry loads into (None: the period is not one an entry can have)."""
        match = PERIOD_PATTERN.match(self.period)
        return int(match.group(1)) if match else None

    @property
    def order(self) -> tuple[int, int]:
        """Earlier periods first; within a year the six-monthly entry before the year-end one."""
        match = PERIOD_PATTERN.match(self.period)
        if match is None:
            return (0, 0)
        return (int(match.group(1)), int(match.group(2) or 2))

    def describe(self) -> str:
        """The entry as a rejected row's raw line: what it holds and who entered and approved it."""
        value = self.value_text if self.value_text else ("" if self.value is None else repr(self.value))
        return (
            f"entry {self.entry_id} version {self.version}: indicator {self.indicator_code}, "
            f"{self.area_level} {self.area_code}, period {self.period}, value {value!r}, unit {self.unit!r}, "
            f"entered by {self.entered_by or '-'}, approved by {self.approved_by or '-'}"
        )


def approved_entries(engine: Engine, *, plan: str) -> list[ApprovedEntry]:
    """The plan's approved entries whose approved version the warehouse does not hold yet."""
    entered_by = (
        select(entry_versions.c.actor)
        .where(
            entry_versions.c.entry_id == entries.c.entry_id,
            entry_versions.c.version <= entries.c.version,
            entry_versions.c.action.in_(ENTERING_ACTIONS),
        )
        .order_by(entry_versions.c.version.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            entries.c.entry_id,
            entries.c.version,
            entries.c.plan_code,
            entries.c.indicator_code,
            entries.c.area_level,
            entries.c.area_code,
            entries.c.period,
            entries.c.unit,
            entries.c.value,
            entries.c.value_text,
            entries.c.source_note,
            entries.c.deviation_reason,
            entries.c.measures,
            entered_by.label("entered_by"),
            entries.c.approved_by,
            entries.c.approved_at,
        )
        .where(
            entries.c.plan_code == plan,
            entries.c.status == "approved",
            or_(entries.c.loaded_version.is_(None), entries.c.loaded_version != entries.c.version),
        )
        .order_by(entries.c.entry_id)
    )
    with engine.connect() as connection:
        return [ApprovedEntry(**row._mapping) for row in connection.execute(query)]


def mark_loaded(engine: Engine, marks: list[tuple[int, int, int]]) -> int:
    """Set ``loaded_version`` and ``loaded_run_id`` for each (entry id, version, run id) whose entry is still
    at that version and approved; returns how many entries were marked."""
    if not marks:
        return 0
    marked = 0
    with engine.begin() as connection:
        for entry_id, version, run_id in marks:
            result = connection.execute(
                update(entries)
                .where(
                    and_(entries.c.entry_id == entry_id, entries.c.version == version, entries.c.status == "approved")
                )
                .values(loaded_version=version, loaded_run_id=run_id)
            )
            marked += result.rowcount
    return marked
