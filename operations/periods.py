"""Monitoring periods: which periods of a plan take entries today.

A plan's ``[monitoring]`` setting (:class:`gosterge.plan.Monitoring`) says how often its responsible units
report: ``half_year`` (``2024-H1`` January-June, ``2024-H2`` July-December) or ``year`` (``2024``). A
period's entry opens when the period ends and closes ``closing_after_days`` days later; a reviewer may
reopen it until a date of their choice (a row in ``period_reopenings``; the latest reopening of a period
counts). Periods run over the plan's years (:func:`gosterge.measurement_rules.plan_years`, the same
window the ETL accepts). "Today" is the date in GOSTERGE_TIME_ZONE (:func:`today_in`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select

from gosterge.measurement_rules import plan_years
from gosterge.plan import Plan
from operations.tables import period_reopenings

HALF_YEAR = "half_year"
YEAR = "year"
_CODE = re.compile(r"^(\d{4})(?:-H([12]))?$")


class PeriodError(ValueError):
    """A period code that names no monitoring period of the plan."""


@dataclass(frozen=True, order=True)
class MonitoringPeriod:
    """One monitoring period: ``2024-H1``, ``2024-H2`` or ``2024``."""

    start: date
    end: date
    code: str
    year: int

    @property
    def year_fraction(self) -> float:
        """How much of its year has passed at the period's end: 0.5 for a first half, else 1."""
        return 0.5 if self.code.endswith("-H1") else 1.0


@dataclass(frozen=True)
class OpenPeriod:
    """A period taking entries today, with the last day it does."""

    period: MonitoringPeriod
    closes_on: date
    reopened: bool


def today_in(time_zone: str, now: datetime | None = None) -> date:
    """Today's date in ``time_zone`` (an IANA name, GOSTERGE_TIME_ZONE)."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(time_zone)).date()


def _period(year: int, half: int | None) -> MonitoringPeriod:
    if half is None:
        return MonitoringPeriod(date(year, 1, 1), date(year, 12, 31), str(year), year)
    if half == 1:
        return MonitoringPeriod(date(year, 1, 1), date(year, 6, 30), f"{year}-H1", year)
    return MonitoringPeriod(date(year, 7, 1), date(year, 12, 31), f"{year}-H2", year)


def plan_periods(plan: Plan) -> list[MonitoringPeriod]:
    """Every monitoring period of ``plan``, oldest first."""
    first, last = plan_years(plan)
    halves: tuple[int | None, ...] = (1, 2) if plan.monitoring.frequency == HALF_YEAR else (None,)
    return [_period(year, half) for year in range(max(first, plan.period_start), last + 1) for half in halves]


def period_of(plan: Plan, code: str) -> MonitoringPeriod:
    """The period ``code`` of ``plan`` (:class:`PeriodError` when the plan has no such period)."""
    found = {period.code: period for period in plan_periods(plan)}.get(code.strip())
    if found is None:
        expected = "2024-H1 or 2024-H2" if plan.monitoring.frequency == HALF_YEAR else "a year such as 2024"
        raise PeriodError(f"no monitoring period {code!r} in plan {plan.code} (expected {expected})")
    return found


def closing_date(plan: Plan, period: MonitoringPeriod) -> date:
    """The last day the period takes entries unless reopened."""
    return period.end + timedelta(days=plan.monitoring.closing_after_days)


def reopened_until(connection: Connection, plan_code: str) -> dict[str, date]:
    """Each reopened period of the plan → the date of its latest reopening."""
    query = (
        select(period_reopenings.c.period, period_reopenings.c.reopened_until)
        .where(period_reopenings.c.plan_code == plan_code)
        .order_by(period_reopenings.c.reopening_id)
    )
    return {row.period: row.reopened_until for row in connection.execute(query)}


def open_periods(source: Engine | Connection, plan: Plan, today: date) -> list[OpenPeriod]:
    """The periods of ``plan`` taking entries on ``today``, oldest first."""
    if isinstance(source, Engine):
        with source.connect() as connection:
            reopened = reopened_until(connection, plan.code)
    else:
        reopened = reopened_until(source, plan.code)
    found = []
    for period in plan_periods(plan):
        closes = closing_date(plan, period)
        until = reopened.get(period.code)
        if period.end < today <= closes:
            found.append(OpenPeriod(period, max(closes, until or closes), False))
        elif until is not None and today <= until and period.end < today:
            found.append(OpenPeriod(period, until, True))
    return found


def is_open(source: Engine | Connection, plan: Plan, code: str, today: date) -> bool:
    return any(item.period.code == code for item in open_periods(source, plan, today))
