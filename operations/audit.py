"""The audit log: every sign-in, failed sign-in, sign-out, account and role change, re-process request.

:func:`record` writes one event in the caller's transaction (``connection``) so that a change and its
record land together; :func:`recent_events` reads them newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from operations.tables import audit_log, utc_now

#: the actions the log knows
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_in_throttled",
    "sign_out",
    "user_added",
    "role_set",
    "role_removed",
    "user_disabled",
    "user_enabled",
    "password_set",
    "reprocess_requested",
    "mail_preference_set",
    "entry_saved",
    "entry_submitted",
    "entry_returned",
    "entry_approved",
    "period_reopened",
)


@dataclass(frozen=True)
class AuditEvent:
    event_id: int
    occurred_at: datetime
    actor: str | None
    action: str
    subject: str | None
    address: str | None
    details: str | None


def record(
    connection: Connection,
    action: str,
    *,
    actor: str | None = None,
    subject: str | None = None,
    address: str | None = None,
    details: str | None = None,
) -> None:
    """Add one event (``action`` one of :data:`ACTIONS`) in the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; expected one of {', '.join(ACTIONS)}")
    connection.execute(
        audit_log.insert().values(
            occurred_at=utc_now(), actor=actor, action=action, subject=subject, address=address, details=details
        )
    )


def recent_events(engine: Engine, *, limit: int = 100, action: str | None = None) -> list[AuditEvent]:
    """The newest ``limit`` events (of one ``action`` when given), newest first."""
    query = select(audit_log).order_by(audit_log.c.event_id.desc()).limit(limit)
    if action is not None:
        query = query.where(audit_log.c.action == action)
    with engine.connect() as connection:
        return [AuditEvent(**row._mapping) for row in connection.execute(query)]
