"""Notifications: what happened that a user should know, one row per user and event.

Events are found by the writer's process (:mod:`etl.alerts`, after each load and every minute), never in
a web request. Each event has a key naming it (``failed_load:42``, ``entry_returned:7:3``); a user gets
one notification per key however often the events are derived (a unique constraint, and inserts that
skip what exists, so two derivations at once cannot double one). A notification holds no text in a
language, only its kind, plan and details (:mod:`operations.notices` says it in the reader's language).

``mail_state`` ties it to e-mail: ``waiting`` when it was recorded for a user who wants e-mails while
e-mail is configured, ``queued`` once an outbox row carries it (:mod:`operations.outbox`), ``none``
otherwise (a notification recorded while e-mails are off is never mailed later).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from operations.preferences import all_preferences
from operations.tables import notifications, utc_now

NONE, WAITING, QUEUED = "none", "waiting", "queued"
PAGE_LIMIT = 200
KEY_CHUNK = 500


@dataclass(frozen=True)
class Event:
    """Something that happened, the same for every user it concerns."""

    key: str  # e.g. "failed_load:42": a user is told once per key
    kind: str  # operations.notices.KINDS
    plan_code: str
    details: dict[str, Any] = field(default_factory=dict)  # codes, numbers, ISO dates: no text in a language


@dataclass(frozen=True)
class Notification:
    notification_id: int
    user_id: int
    kind: str
    plan_code: str
    details: dict[str, Any]
    created_at: datetime
    read_at: datetime | None

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def _insert(connection: Connection) -> Any:
    """An insert into notifications that skips an existing (user, event key)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(notifications).on_conflict_do_nothing(index_elements=["user_id", "event_key"])


def _existing(connection: Connection, keys: Sequence[str]) -> set[tuple[int, str]]:
    found: set[tuple[int, str]] = set()
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = keys[start : start + KEY_CHUNK]
        rows = connection.execute(
            select(notifications.c.user_id, notifications.c.event_key).where(notifications.c.event_key.in_(chunk))
        )
        found.update((int(row.user_id), str(row.event_key)) for row in rows)
    return found


def record_events(engine: Engine, deliveries: Iterable[tuple[int, Event]], *, mail_enabled: bool) -> int:
    """Store each (user id, event) not stored yet; returns how many notifications are new.

    ``mail_enabled``: e-mail is configured (GOSTERGE_SMTP_HOST); then the notifications of users who want
    e-mails wait for the outbox."""
    wanted = list({(user_id, event.key): (user_id, event) for user_id, event in deliveries}.values())
    if not wanted:
        return 0
    now = utc_now()
    added = 0
    with engine.begin() as connection:
        existing = _existing(connection, sorted({event.key for _, event in wanted}))
        preferences = all_preferences(connection) if mail_enabled else {}
        for user_id, event in wanted:
            if (user_id, event.key) in existing:
                continue
            preference = preferences.get(user_id)
            state = WAITING if preference is not None and preference.wants_mail else NONE
            result = connection.execute(
                _insert(connection)
                .values(
                    user_id=user_id,
                    event_key=event.key,
                    kind=event.kind,
                    plan_code=event.plan_code,
                    details=json.dumps(event.details, sort_keys=True, ensure_ascii=False),
                    created_at=now,
                    mail_state=state,
                )
                .returning(notifications.c.notification_id)
            )
            added += len(result.fetchall())  # none when another derivation stored it meanwhile
    return added


def _notification(row: Any) -> Notification:
    return Notification(
        notification_id=int(row.notification_id),
        user_id=int(row.user_id),
        kind=str(row.kind),
        plan_code=str(row.plan_code),
        details=json.loads(row.details),
        created_at=row.created_at,
        read_at=row.read_at,
    )


def unread_count(engine: Engine, user_id: int) -> int:
    """How many notifications of ``user_id`` are unread (the header's indicator)."""
    query = select(func.count()).where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
    with engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def user_notifications(engine: Engine, user_id: int, *, limit: int = PAGE_LIMIT) -> list[Notification]:
    """The newest ``limit`` notifications of ``user_id``, unread first, then newest first."""
    query = (
        select(notifications)
        .where(notifications.c.user_id == user_id)
        .order_by(notifications.c.read_at.is_not(None), notifications.c.notification_id.desc())
        .limit(limit)
    )
    with engine.connect() as connection:
        return [_notification(row) for row in connection.execute(query)]


def notifications_by_id(connection: Connection, notification_ids: Sequence[int]) -> list[Notification]:
    """The notifications of ``notification_ids``, oldest first."""
    query = (
        select(notifications)
        .where(notifications.c.notification_id.in_(list(notification_ids)))
        .order_by(notifications.c.notification_id)
    )
    return [_notification(row) for row in connection.execute(query)]


def mark_read(engine: Engine, user_id: int, notification_ids: Iterable[int] | None = None) -> int:
    """Mark ``user_id``'s notifications read (only the user's own: an id of someone else's is ignored);
    ``notification_ids`` None marks every one. Returns how many changed."""
    query = (
        update(notifications)
        .where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
        .values(read_at=utc_now())
    )
    if notification_ids is not None:
        query = query.where(notifications.c.notification_id.in_([int(item) for item in notification_ids]))
    with engine.begin() as connection:
        return int(connection.execute(query).rowcount)


def resolve(engine: Engine, kind: str, current_keys: Iterable[str]) -> int:
    """Mark read the unread notifications of ``kind`` whose event is over (its key not among
    ``current_keys``: an entry no longer waiting, or no longer returned), so the count and the e-mails
    speak only of what still stands; returns how many."""
    keys = set(current_keys)
    with engine.begin() as connection:
        rows = connection.execute(
            select(notifications.c.notification_id, notifications.c.event_key).where(
                notifications.c.kind == kind, notifications.c.read_at.is_(None)
            )
        )
        over = [int(row.notification_id) for row in rows if row.event_key not in keys]
        for start in range(0, len(over), KEY_CHUNK):
            chunk = over[start : start + KEY_CHUNK]
            connection.execute(
                update(notifications).where(notifications.c.notification_id.in_(chunk)).values(read_at=utc_now())
            )
            connection.execute(
                update(notifications)
                .where(notifications.c.notification_id.in_(chunk), notifications.c.mail_state == WAITING)
                .values(mail_state=NONE)
            )
    return len(over)


def prune_read(engine: Engine, *, before: datetime) -> int:
    """Delete the notifications read and created before ``before`` (naive UTC) whose e-mail is not still
    to be composed; unread ones stay whatever their age. Returns how many went."""
    query = delete(notifications).where(
        notifications.c.read_at.is_not(None),
        notifications.c.created_at < before,
        notifications.c.mail_state != WAITING,
    )
    with engine.begin() as connection:
        return int(connection.execute(query).rowcount)
