"""What the alerts read from the units' entries (docs/entries.md): entries waiting for review, entries
returned to their unit with the reviewer's comment, what each unit has submitted for a period, and
the periods reviewers reopened. Read only: the entries' workflow is :mod:`operations.entries`'s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, func, select

from gosterge.plan import Plan
from operations.periods import closing_date, plan_periods
from operations.tables import entries, entry_versions

SUBMITTED, RETURNED, APPROVED = "submitted", "returned", "approved"


@dataclass(frozen=True)
class EntryState:
    """An entry as it stands now, with the comment of its latest return (None when never returned)."""

    entry_id: int
    plan_code: str
    indicator_code: str
    area_level: str
    area_code: str
    period: str
    unit: str
    status: str
    version: int
    comment: str | None = None


def entries_in_status(connection: Connection, status: str) -> list[EntryState]:
    """Every entry whose status is ``status`` now, oldest first; a returned entry carries the comment
    of the version that returned it."""
    latest_return = (
        select(entry_versions.c.entry_id, func.max(entry_versions.c.version).label("version"))
        .where(entry_versions.c.action == RETURNED)
        .group_by(entry_versions.c.entry_id)
        .subquery()
    )
    comment = (
        select(entry_versions.c.comment)
        .join(
            latest_return,
            (latest_return.c.entry_id == entry_versions.c.entry_id)
            & (latest_return.c.version == entry_versions.c.version),
        )
        .where(entry_versions.c.entry_id == entries.c.entry_id)
        .scalar_subquery()
    )
    query = (
        select(
            entries.c.entry_id,
            entries.c.plan_code,
            entries.c.indicator_code,
            entries.c.area_level,
            entries.c.area_code,
            entries.c.period,
            entries.c.unit,
            entries.c.status,
            entries.c.version,
            comment.label("comment"),
        )
        .where(entries.c.status == status)
        .order_by(entries.c.entry_id)
    )
    return [EntryState(**row._mapping) for row in connection.execute(query)]


def units_with_submissions(connection: Connection, plan_code: str) -> set[tuple[str, str]]:
    """(period, unit) pairs of ``plan_code`` for which the unit has submitted something (submitted or
    approved entries)."""
    rows = connection.execute(
        select(entries.c.period, entries.c.unit)
        .where(entries.c.plan_code == plan_code, entries.c.status.in_([SUBMITTED, APPROVED]))
        .distinct()
    )
    return {(str(row.period), str(row.unit)) for row in rows}


@dataclass(frozen=True)
class ClosingPeriod:
    period: str  # 2024-H1 | 2024-H2 | 2024
    closes_on: date


def closing_periods(plan: Plan, *, today: date, within_days: int, reopened: dict[str, date]) -> list[ClosingPeriod]:
    """The monitoring periods of ``plan`` whose entry closes from ``today`` to ``within_days`` later: a
    period closes ``closing_after_days`` after its end (the plan's ``[monitoring]`` setting,
    :func:`operations.periods.closing_date`), or on the day a reviewer reopened it until, when later
    (``reopened``: :func:`operations.periods.reopened_until`)."""
    found: list[ClosingPeriod] = []
    for period in plan_periods(plan):
        closes = closing_date(plan, period)
        closes = max(closes, reopened.get(period.code, closes))
        if today <= closes <= today + timedelta(days=within_days):
            found.append(ClosingPeriod(period.code, closes))
    return found
