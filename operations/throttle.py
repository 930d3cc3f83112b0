"""Slowing down repeated failed sign-ins, per account and per address, for every web worker at once.

Failures are rows of ``sign_in_failures`` in the operational database (so all workers count the same
ones). Within :data:`WINDOW` an account takes :data:`ACCOUNT_LIMIT` failures and an address
:data:`ADDRESS_LIMIT`; past that, sign-ins for that account or from that address are refused, even
with the right password, until the oldest counted failure leaves the window. A successful sign-in
clears the account's failures.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, select

from operations.tables import sign_in_failures, utc_now

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def _count_and_oldest(connection: Connection, column: str, value: str, since: datetime) -> tuple[int, datetime | None]:
    field = sign_in_failures.c[column]
    row = connection.execute(
        select(func.count(), func.min(sign_in_failures.c.failed_at)).where(
            field == value, sign_in_failures.c.failed_at >= since
        )
    ).one()
    return int(row[0]), row[1]


def wait_seconds(connection: Connection, *, username: str, address: str, now: datetime | None = None) -> int:
    """Seconds until ``username`` may try again from ``address`` (0: now)."""
    now = now or utc_now()
    since = now - WINDOW
    waits = [0.0]
    for column, value, limit in (("username", username, ACCOUNT_LIMIT), ("address", address, ADDRESS_LIMIT)):
        count, oldest = _count_and_oldest(connection, column, value, since)
        if count >= limit and oldest is not None:
            waits.append((oldest + WINDOW - now).total_seconds())
    return max(1, int(max(waits)) + 1) if max(waits) > 0 else 0


def record_failure(connection: Connection, *, username: str, address: str, now: datetime | None = None) -> None:
    connection.execute(sign_in_failures.insert().values(username=username, address=address, failed_at=now or utc_now()))


def clear_account(connection: Connection, *, username: str) -> None:
    """Forget the account's failures (after a successful sign-in)."""
    connection.execute(delete(sign_in_failures).where(sign_in_failures.c.username == username))


def forget_old(connection: Connection, *, now: datetime | None = None) -> int:
    """Delete failures older than the window; returns how many."""
    result = connection.execute(
        delete(sign_in_failures).where(sign_in_failures.c.failed_at < (now or utc_now()) - WINDOW)
    )
    return result.rowcount or 0
