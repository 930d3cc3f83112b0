"""The e-mail outbox: notifications become messages (rows of ``outbox``), and a sender sends them.

Two steps, both run by the writer's scheduler (:mod:`etl.alerts`), never by a web request:

1. :func:`queue_mail` composes, for each user with notifications waiting for e-mail, one message: at
   once for ``immediate`` users (every notification waiting, in one message), and for ``digest`` users
   once a day after the digest hour (GOSTERGE_SMTP_DIGEST_HOUR, :data:`DIGEST_HOUR` by default) in
   GOSTERGE_TIME_ZONE. The message row and its notifications'
   ``queued`` mark are written in one transaction, and each message has a key (``digest:USER:DAY``,
   ``immediate:USER:FIRST-NOTIFICATION``) held unique, so no notification is queued twice.
2. :func:`send_due` sends the rows that are due. A row is claimed (``pending`` → ``sending``) before
   it is sent and marked ``sent`` after, so two senders never send one row. A failure is logged and
   retried later, after 1, 2, 4 … minutes (at most :data:`MAX_BACKOFF_SECONDS` apart), up to
   :data:`MAX_ATTEMPTS` times, then marked ``failed``; while the server is down the rest of the pass
   waits for the next one. A row left ``sending`` by a process that died mid-send goes back to
   ``pending`` after :data:`SENDING_TIMEOUT_SECONDS` (the one case where a message can arrive twice;
   it then carries the same Message-ID).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from gosterge.plan import Plan
from gosterge.settings import Smtp
from operations.mail import Mail, MailError, build_message, compose, message_id, send_message
from operations.notifications import NONE, QUEUED, WAITING, notifications_by_id
from operations.preferences import DIGEST, IMMEDIATE, read_preference
from operations.tables import notifications, outbox, users, utc_now

logger = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
DIGEST_HOUR = 8  # the default local hour (GOSTERGE_TIME_ZONE) after which the day's digest is composed
MAX_ATTEMPTS = 12
FIRST_BACKOFF_SECONDS = 60
MAX_BACKOFF_SECONDS = 3600
SENDING_TIMEOUT_SECONDS = 900
BATCH = 100


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retried: int = 0  # failed this time, tried again later
    failed: int = 0  # failed for the last time


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failure: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(seconds=min(FIRST_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


def queue_mail(
    engine: Engine,
    plans: dict[str, Plan],
    *,
    base_url: str,
    time_zone: str,
    now: datetime | None = None,
    digest_hour: int = DIGEST_HOUR,
) -> int:
    """Compose the messages that are due from the notifications waiting; returns how many were queued.

    ``now``: naive UTC (default: now); ``digest_hour``: the local hour after which digests go."""
    now = now or utc_now()
    local = now.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(time_zone))
    with engine.connect() as connection:
        waiting = [
            int(row.user_id)
            for row in connection.execute(
                select(notifications.c.user_id).where(notifications.c.mail_state == WAITING).distinct()
            )
        ]
    queued = 0
    for user_id in waiting:
        try:
            queued += _queue_for_user(
                engine, plans, user_id, base_url=base_url, local=local, now=now, digest_hour=digest_hour
            )
        except IntegrityError:  # another sender queued the same message first
            logger.info("the message of user %d was queued by another process", user_id)
        except Exception:  # noqa: BLE001 - one user's message must not hold up the others'
            logger.exception("the message of user %d could not be composed", user_id)
    return queued


def _queue_for_user(
    engine: Engine,
    plans: dict[str, Plan],
    user_id: int,
    *,
    base_url: str,
    local: datetime,
    now: datetime,
    digest_hour: int,
) -> int:
    with engine.begin() as connection:
        preference = read_preference(connection, user_id)
        ids = [
            int(row.notification_id)
            for row in connection.execute(
                select(notifications.c.notification_id)
                .where(notifications.c.user_id == user_id, notifications.c.mail_state == WAITING)
                .order_by(notifications.c.notification_id)
            )
        ]
        if not ids:
            return 0
        active = connection.execute(select(users.c.is_active).where(users.c.user_id == user_id)).scalar()
        if not active or not preference.wants_mail or preference.email is None:  # disabled, or e-mails off since
            _set_state(connection, ids, NONE, None)
            return 0
        if preference.delivery == DIGEST:
            if local.hour < digest_hour:
                return 0
            key = f"digest:{user_id}:{local.date().isoformat()}"
            if connection.execute(select(outbox.c.outbox_id).where(outbox.c.message_key == key)).first():
                return 0  # today's digest went: these wait for tomorrow's
        else:
            assert preference.delivery == IMMEDIATE
            key = f"immediate:{user_id}:{ids[0]}"
        name = connection.execute(select(users.c.display_name).where(users.c.user_id == user_id)).scalar() or ""
        mail = compose(
            notifications_by_id(connection, ids),
            plans,
            name=str(name),
            lang=preference.language,
            base_url=base_url,
            digest=preference.delivery == DIGEST,
        )
        outbox_id = connection.execute(
            outbox.insert()
            .values(
                message_key=key,
                user_id=user_id,
                recipient=preference.email,
                subject=mail.subject,
                body=mail.body,
                status=PENDING,
                attempts=0,
                created_at=now,
                next_attempt_at=now,
            )
            .returning(outbox.c.outbox_id)
        ).scalar_one()
        _set_state(connection, ids, QUEUED, int(outbox_id))
        return 1


def _set_state(connection: Connection, ids: list[int], state: str, outbox_id: int | None) -> None:
    connection.execute(
        update(notifications)
        .where(notifications.c.notification_id.in_(ids))
        .values(mail_state=state, outbox_id=outbox_id)
    )


def send_due(
    engine: Engine,
    smtp: Smtp,
    *,
    now: datetime | None = None,
    send: Callable[[Smtp, EmailMessage], None] = send_message,
) -> SendReport:
    """Send every message that is due (``now``: naive UTC, default now); failures are logged and retried."""
    now = now or utc_now()
    with engine.begin() as connection:
        stale = connection.execute(
            update(outbox)
            .where(
                outbox.c.status == SENDING, outbox.c.last_attempt_at < now - timedelta(seconds=SENDING_TIMEOUT_SECONDS)
            )
            .values(status=PENDING)
        ).rowcount
    if stale:
        logger.warning("%d e-mails were left being sent by a process that stopped: they are tried again", stale)
    with engine.connect() as connection:
        due = list(
            connection.execute(
                select(outbox.c.outbox_id, outbox.c.recipient, outbox.c.subject, outbox.c.body, outbox.c.attempts)
                .where(outbox.c.status == PENDING, outbox.c.next_attempt_at <= now)
                .order_by(outbox.c.outbox_id)
                .limit(BATCH)
            )
        )
    sent = retried = failed = 0
    for row in due:
        if not _claim(engine, int(row.outbox_id), now):
            continue
        try:
            message = build_message(
                smtp,
                recipient=row.recipient,
                mail=Mail(subject=row.subject, body=row.body),
                message_id=message_id(int(row.outbox_id), smtp),
            )
            send(smtp, message)
        except Exception as error:  # noqa: BLE001 - recorded and retried; the other messages go on
            problem = str(error) if isinstance(error, MailError) else f"{type(error).__name__}: {error}"
            final = _record_failure(engine, int(row.outbox_id), int(row.attempts) + 1, problem, now)
            failed += final
            retried += not final
            if isinstance(error, MailError) and error.server_down:
                break  # the others wait for the next pass
            continue
        with engine.begin() as connection:
            connection.execute(
                update(outbox)
                .where(outbox.c.outbox_id == row.outbox_id)
                .values(status=SENT, sent_at=utc_now(), attempts=int(row.attempts) + 1, last_error=None)
            )
        sent += 1
    return SendReport(sent=sent, retried=retried, failed=failed)


def _claim(engine: Engine, outbox_id: int, now: datetime) -> bool:
    with engine.begin() as connection:
        claimed = connection.execute(
            update(outbox)
            .where(outbox.c.outbox_id == outbox_id, outbox.c.status == PENDING)
            .values(status=SENDING, last_attempt_at=now)
        ).rowcount
    return claimed == 1


def _record_failure(engine: Engine, outbox_id: int, attempts: int, error: str, now: datetime) -> bool:
    """Record a failed attempt; True when it was the last one."""
    final = attempts >= MAX_ATTEMPTS
    values: dict[str, object] = {"attempts": attempts, "last_error": error[:2000]}
    if final:
        values["status"] = FAILED
        logger.error("e-mail %d failed for the last time (%d attempts): %s", outbox_id, attempts, error)
    else:
        values["status"] = PENDING
        values["next_attempt_at"] = now + backoff(attempts)
        logger.warning("e-mail %d not sent (attempt %d, next in %s): %s", outbox_id, attempts, backoff(attempts), error)
    with engine.begin() as connection:
        connection.execute(update(outbox).where(outbox.c.outbox_id == outbox_id).values(**values))
    return final


@dataclass(frozen=True)
class OutboxRow:
    outbox_id: int
    user_id: int
    recipient: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str | None


def outbox_rows(engine: Engine) -> list[OutboxRow]:
    """Every outbox row, oldest first (for the command line and the tests)."""
    query = select(
        outbox.c.outbox_id,
        outbox.c.user_id,
        outbox.c.recipient,
        outbox.c.subject,
        outbox.c.body,
        outbox.c.status,
        outbox.c.attempts,
        outbox.c.last_error,
    ).order_by(outbox.c.outbox_id)
    with engine.connect() as connection:
        return [OutboxRow(**row._mapping) for row in connection.execute(query)]


def prune_finished(engine: Engine, *, before: datetime) -> int:
    """Delete the messages sent or given up and created before ``before`` (naive UTC); a message still
    pending or being sent stays. Returns how many went."""
    query = delete(outbox).where(outbox.c.status.in_((SENT, FAILED)), outbox.c.created_at < before)
    with engine.begin() as connection:
        return int(connection.execute(query).rowcount)
