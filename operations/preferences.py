"""Each user's e-mail preference: the address, the language of the e-mails and how they come.

``delivery`` is ``off`` (notifications on the page only), ``immediate`` (an e-mail within a minute of an
event, several events of one pass in one e-mail) or ``digest`` (one e-mail a day, at
:data:`operations.outbox.DIGEST_HOUR` in GOSTERGE_TIME_ZONE, when there is anything to tell). A user
without a row gets the defaults (:data:`DEFAULT`): no e-mail, Turkish. Edited by the user on the
notifications page and by ``python -m operations users mail``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from operations import audit
from operations.tables import notification_preferences, users, utc_now

OFF, IMMEDIATE, DIGEST = "off", "immediate", "digest"
DELIVERIES = (OFF, IMMEDIATE, DIGEST)
LANGUAGES = ("tr", "en")
#: one address: no spaces, no line breaks (nothing that could add a header), one @, a dot in the domain
ADDRESS = re.compile(r"^[^@\s<>,;\"']{1,64}@[^@\s<>,;\"'.]+(\.[^@\s<>,;\"'.]+)+$")


class PreferenceError(ValueError):
    """An e-mail address, language or delivery the preferences do not accept; ``reason`` names which
    (``address``, ``needs_address``, ``language``, ``delivery``), for a page to say it in its language."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class MailPreference:
    email: str | None = None
    language: str = "tr"
    delivery: str = OFF

    @property
    def wants_mail(self) -> bool:
        return self.email is not None and self.delivery != OFF


DEFAULT = MailPreference()


def check_preference(email: str | None, language: str, delivery: str) -> MailPreference:
    """The preference, checked; raises :class:`PreferenceError` naming the bad value and what is expected."""
    address = (email or "").strip() or None
    if address is not None and (len(address) > 254 or not ADDRESS.match(address)):
        raise PreferenceError(
            f"e-mail address {address!r}: expected one address such as ayse.kaya@example.org", "address"
        )
    if language not in LANGUAGES:
        raise PreferenceError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}", "language")
    if delivery not in DELIVERIES:
        raise PreferenceError(f"delivery {delivery!r}: expected one of {', '.join(DELIVERIES)}", "delivery")
    if address is None and delivery != OFF:
        raise PreferenceError(f"delivery {delivery!r} needs an e-mail address", "needs_address")
    return MailPreference(address, language, delivery)


def read_preference(connection: Connection, user_id: int) -> MailPreference:
    row = connection.execute(
        select(notification_preferences).where(notification_preferences.c.user_id == user_id)
    ).first()
    if row is None:
        return DEFAULT
    return MailPreference(row.email, row.language, row.delivery)


def get_preference(engine: Engine, user_id: int) -> MailPreference:
    """The user's preference (the defaults when never set)."""
    with engine.connect() as connection:
        return read_preference(connection, user_id)


def all_preferences(connection: Connection) -> dict[int, MailPreference]:
    """user id → preference, for every user who set one."""
    rows = connection.execute(select(notification_preferences))
    return {row.user_id: MailPreference(row.email, row.language, row.delivery) for row in rows}


def set_preference(
    engine: Engine, user_id: int, preference: MailPreference, *, actor: str | None = None
) -> MailPreference:
    """Store ``preference`` (checked again) for ``user_id``; written to the audit log."""
    checked = check_preference(preference.email, preference.language, preference.delivery)
    values = {"email": checked.email, "language": checked.language, "delivery": checked.delivery}
    with engine.begin() as connection:
        username = connection.execute(select(users.c.username).where(users.c.user_id == user_id)).scalar()
        if username is None:
            raise PreferenceError(f"no user with id {user_id}", "user")
        table = notification_preferences
        if connection.execute(select(table.c.user_id).where(table.c.user_id == user_id)).first() is None:
            connection.execute(table.insert().values(user_id=user_id, updated_at=utc_now(), **values))
        else:
            connection.execute(table.update().where(table.c.user_id == user_id).values(updated_at=utc_now(), **values))
        details = f"{checked.delivery}, {checked.language}, {'address set' if checked.email else 'no address'}"
        audit.record(connection, "mail_preference_set", actor=actor, subject=username, details=details)
    return checked
