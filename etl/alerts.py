"""Alerts: finding who should be told what, and sending the e-mails (docs/operations.md).

Jobs, as plain functions run by the writer's scheduler (:func:`etl.schedule.add_alert_jobs`), after each
scheduled load (:func:`etl.schedule.run_scheduled`) and by ``python -m etl alerts``; never by a web request:

- :func:`derive_events` reads the published snapshot (failed loads, loads with rejected rows, goals
  whose status worsened: :mod:`warehouse.alerts`) and the operational database (entries waiting for
  review, entries returned, periods closing with nothing submitted: :mod:`operations.entry_events`),
  decides who each event concerns by their roles, and records one notification per user and event
  (:func:`operations.notifications.record_events`: deriving again adds nothing).
- :func:`mail_job` composes the e-mails that are due and sends them through the outbox
  (:mod:`operations.outbox`), when GOSTERGE_SMTP_HOST is set. A mail server that is down costs a
  logged warning and a retry later: it never reaches a load or a page.

Who is told what, per plan:

- reviewers and admins: entries submitted and waiting, loads that failed (or were interrupted), loads
  with rejected rows;
- unit staff: their unit's entries returned (within their districts, when scoped), and a monitoring
  period whose entry closes within :data:`CLOSING_WITHIN_DAYS` days while the unit has submitted nothing;
- everyone with a role: goals (province level) whose status worsened after a load, by the order of
  :data:`gosterge.progress.status.STATUSES` among the statuses that are an assessment.

Load events and status changes are looked for :data:`LOOKBACK` back, and a user is told only of those
that happened after the account was made (a new account does not inherit a week of failures).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Engine

from etl.context import cli_context
from etl.exit_codes import EXIT_FAILED, EXIT_OK
from gosterge.plan import Plan
from gosterge.progress.status import ACHIEVED, NOT_ACHIEVED, STATUSES
from gosterge.settings import Settings
from operations import notices
from operations.accounts import list_users
from operations.database import migrate, open_database
from operations.entry_events import (
    RETURNED,
    SUBMITTED,
    closing_periods,
    entries_in_status,
    units_with_submissions,
)
from operations.notifications import Event, prune_read, record_events, resolve
from operations.outbox import SendReport, prune_finished, queue_mail, send_due
from operations.periods import reopened_until
from operations.roles import REVIEWER, UNIT_STAFF, VIEWER, User
from warehouse import Reader
from warehouse.alerts import load_problems, status_changes_since

logger = logging.getLogger(__name__)

LOOKBACK = timedelta(days=7)
CLOSING_WITHIN_DAYS = 7
DERIVE_INTERVAL_SECONDS = 60
MAIL_INTERVAL_SECONDS = 60
#: statuses that are an assessment, best first: "worsened" is a move to a later one
RATED = STATUSES[STATUSES.index(ACHIEVED) : STATUSES.index(NOT_ACHIEVED) + 1]


def worsened(old_status: str, new_status: str) -> bool:
    """True when ``new_status`` is a worse assessment than ``old_status`` (to or from a status that is no
    assessment, such as not enough data, is no worsening)."""
    return old_status in RATED and new_status in RATED and RATED.index(new_status) > RATED.index(old_status)


def _utc(local_time: Any) -> datetime:
    """A warehouse time (the writer's local wall-clock time, naive) as naive UTC."""
    return pd.Timestamp(local_time).to_pydatetime().astimezone(UTC).replace(tzinfo=None)


def _local(utc_time: datetime) -> datetime:
    """Naive UTC as the writer's local wall-clock time, naive (how the warehouse writes its times)."""
    return utc_time.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def load_events(problems: pd.DataFrame, users: list[User], plans: dict[str, Plan]) -> Iterator[tuple[int, Event]]:
    """Failed loads and loads with rejected rows, for the reviewers of their plan (a run of no plan: of
    any plan)."""
    for run in problems.to_dict("records"):
        failed = run["status"] != "loaded"
        kind = notices.FAILED_LOAD if failed else notices.REJECTED_ROWS
        details = {
            "run": int(run["run_id"]),
            "source": str(run["source_id"]),
            "file": None if pd.isna(run["file_name"]) else str(run["file_name"]),
            "read": int(run["rows_read"]),
            "rejected": int(run["rows_rejected"]),
        }
        plan_code = None if pd.isna(run["plan_code"]) else str(run["plan_code"])
        ended = _utc(run["ended_at"])
        for user in users:
            if user.created_at > ended:
                continue
            reviewed = [code for code in ([plan_code] if plan_code else plans) if user.may(REVIEWER, code)]
            if reviewed:
                yield user.user_id, Event(f"{kind}:{details['run']}", kind, reviewed[0], details)


def status_events(changes: pd.DataFrame, users: list[User], plans: dict[str, Plan]) -> Iterator[tuple[int, Event]]:
    """Goals whose status worsened, for everyone with a role in the plan."""
    for change in changes.to_dict("records"):
        plan = plans.get(str(change["plan_code"]))
        node = plan.nodes.get(str(change["node_code"])) if plan is not None else None
        if plan is None or node is None or node.depth != plan.goal_depth:
            continue
        if not worsened(str(change["old_status"]), str(change["new_status"])):
            continue
        changed = _utc(change["changed_at"])
        run = None if pd.isna(change["run_id"]) else int(change["run_id"])
        details = {"node": node.code, "old": change["old_status"], "new": change["new_status"], "run": run}
        key = f"{notices.GOAL_WORSENED}:{plan.code}:{node.code}:{run if run is not None else changed.isoformat()}"
        for user in users:
            if user.created_at <= changed and user.may(VIEWER, plan.code):
                yield user.user_id, Event(key, notices.GOAL_WORSENED, plan.code, details)


def _in_scope(user: User, plan_code: str, unit: str, area_level: str, area_code: str) -> bool:
    """True when ``user`` is unit staff of ``plan_code`` for ``unit`` and the area."""
    assignment = user.assignment(plan_code)
    if not user.is_active or assignment is None or assignment.role != UNIT_STAFF:
        return False
    if assignment.unit is not None and assignment.unit != unit:
        return False
    return not (assignment.districts and area_level == "district" and area_code not in assignment.districts)


def entry_events(engine: Engine, users: list[User], plans: dict[str, Plan]) -> Iterator[tuple[int, Event]]:
    """Entries waiting for review (reviewers) and entries returned (their unit's staff). Notifications of
    entries no longer in that state are marked read (:func:`operations.notifications.resolve`)."""
    with engine.connect() as connection:
        submitted = entries_in_status(connection, SUBMITTED)
        returned = entries_in_status(connection, RETURNED)
    for kind, now_in in ((notices.ENTRY_SUBMITTED, submitted), (notices.ENTRY_RETURNED, returned)):
        resolve(engine, kind, [f"{kind}:{entry.entry_id}:{entry.version}" for entry in now_in])
    for entry, kind in [(item, notices.ENTRY_SUBMITTED) for item in submitted] + [
        (item, notices.ENTRY_RETURNED) for item in returned
    ]:
        details = {
            "entry": entry.entry_id,
            "indicator": entry.indicator_code,
            "area_level": entry.area_level,
            "area": entry.area_code,
            "period": entry.period,
            "unit": entry.unit,
            "comment": entry.comment,
        }
        event = Event(f"{kind}:{entry.entry_id}:{entry.version}", kind, entry.plan_code, details)
        for user in users:
            if kind == notices.ENTRY_SUBMITTED and user.may(REVIEWER, entry.plan_code):
                yield user.user_id, event
            elif kind == notices.ENTRY_RETURNED and _in_scope(
                user, entry.plan_code, entry.unit, entry.area_level, entry.area_code
            ):
                yield user.user_id, event


def closing_events(
    engine: Engine, users: list[User], plans: dict[str, Plan], today: date
) -> Iterator[tuple[int, Event]]:
    """Periods whose entry closes within a week while a unit has submitted nothing, for its staff."""
    for plan in plans.values():
        with engine.connect() as connection:
            reopened = reopened_until(connection, plan.code)
            submitted = units_with_submissions(connection, plan.code)
        periods = closing_periods(plan, today=today, within_days=CLOSING_WITHIN_DAYS, reopened=reopened)
        units = {indicator.responsible_unit for indicator in plan.indicators.values() if indicator.responsible_unit}
        for user in users:
            assignment = user.assignment(plan.code)
            if not user.is_active or assignment is None or assignment.role != UNIT_STAFF:
                continue
            mine = {assignment.unit} & units if assignment.unit is not None else units
            for closing in periods:
                if not mine or any((closing.period, unit) in submitted for unit in mine):
                    continue
                details = {"period": closing.period, "closes": closing.closes_on.isoformat(), "unit": assignment.unit}
                key = f"{notices.PERIOD_CLOSING}:{plan.code}:{closing.period}:{assignment.unit or '*'}:{closing.closes_on}"
                yield user.user_id, Event(key, notices.PERIOD_CLOSING, plan.code, details)


def derive_events(
    settings: Settings, plans: dict[str, Plan], engine: Engine, reader: Reader, *, now: datetime | None = None
) -> int:
    """Record every notification due now (``now``: naive UTC); returns how many are new."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    users = [user for user in list_users(engine) if user.is_active and user.roles]
    since = _local(now - LOOKBACK)
    with reader.connect() as connection:
        problems = load_problems(connection, since=since)
        changes = status_changes_since(connection, since=since)
    today = now.replace(tzinfo=UTC).astimezone(ZoneInfo(settings.time_zone)).date()
    deliveries = [
        *load_events(problems, users, plans),
        *status_events(changes, users, plans),
        *entry_events(engine, users, plans),
        *closing_events(engine, users, plans, today),
    ]
    return record_events(engine, deliveries, mail_enabled=mail_enabled(settings))


def mail_enabled(settings: Settings) -> bool:
    return settings.smtp is not None and settings.base_url is not None


def send_mail(
    settings: Settings, plans: dict[str, Plan], engine: Engine, *, now: datetime | None = None
) -> tuple[int, SendReport]:
    """Compose the e-mails that are due and send what the outbox holds; (messages queued, send report)."""
    if settings.smtp is None or settings.base_url is None:
        return 0, SendReport()
    queued = queue_mail(
        engine,
        plans,
        base_url=settings.base_url,
        time_zone=settings.time_zone,
        now=now,
        digest_hour=settings.smtp.digest_hour,
    )
    return queued, send_due(engine, settings.smtp, now=now)


def prune(settings: Settings, engine: Engine, now: datetime | None = None) -> tuple[int, int]:
    """Delete the read notifications and the sent or failed e-mails older than
    ``settings.notification_days`` (GOSTERGE_NOTIFICATION_DAYS); returns (notifications, e-mails)."""
    before = (now or datetime.now(UTC).replace(tzinfo=None)) - timedelta(days=settings.notification_days)
    removed = prune_read(engine, before=before), prune_finished(engine, before=before)
    if any(removed):
        logger.info(
            "alerts: %d read notifications and %d finished e-mails older than %d days deleted",
            *removed,
            settings.notification_days,
        )
    return removed


def derive_job(settings: Settings, plans: dict[str, Plan]) -> None:
    """The scheduler's job (and the step after each scheduled load): record the notifications due.
    Any failure is logged, never raised."""
    engine = open_database(settings)
    reader = Reader(settings.published_file)
    try:
        migrate(engine)
        added = derive_events(settings, plans, engine, reader)
        if added:
            logger.info("alerts: %d new notifications", added)
        prune(settings, engine)
    except Exception:  # noqa: BLE001 - a scheduler thread, or the load before it, must survive any failure
        logger.exception("alerts could not be derived")
    finally:
        reader.close()
        engine.dispose()


def mail_job(settings: Settings, plans: dict[str, Plan]) -> None:
    """The scheduler's sender: queue and send the e-mails that are due. Any failure is logged, never raised."""
    if not mail_enabled(settings):
        return
    engine = open_database(settings)
    try:
        migrate(engine)
        queued, report = send_mail(settings, plans, engine)
        if queued or report.sent or report.retried or report.failed:
            logger.info(
                "e-mail: %d composed, %d sent, %d to retry, %d given up",
                queued,
                report.sent,
                report.retried,
                report.failed,
            )
    except Exception:  # noqa: BLE001 - a scheduler thread must survive any failure
        logger.exception("e-mails could not be sent")
    finally:
        engine.dispose()


def alerts_command(arguments: argparse.Namespace) -> int:
    """``python -m etl alerts``: what the scheduler's alert jobs do every minute, now: record the
    notifications due, then (with e-mail configured) compose and send the e-mails due."""
    settings, plans, _sources = cli_context()
    engine = open_database(settings)
    reader = Reader(settings.published_file)
    try:
        migrate(engine)
        added = derive_events(settings, plans, engine, reader)
        queued, report = send_mail(settings, plans, engine)
    finally:
        reader.close()
        engine.dispose()
    print(f"{added} new notifications")
    if mail_enabled(settings):
        print(f"e-mail: {queued} composed, {report.sent} sent, {report.retried} to retry, {report.failed} given up")
    else:
        print("e-mail: not configured (GOSTERGE_SMTP_HOST)")
    return EXIT_FAILED if report.retried or report.failed else EXIT_OK
