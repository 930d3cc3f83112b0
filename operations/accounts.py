"""Accounts: adding users, setting their roles, disabling them, and checking a password at sign-in.

Passwords are stored as argon2id hashes (argon2-cffi's defaults: memory-hard, salted, parameters kept
in the hash, so stronger defaults later rehash at the next sign-in). Every change is written to the
audit log in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, select, update

from operations import audit, throttle
from operations.roles import UNIT_STAFF, RoleAssignment, RoleError, User, check_role
from operations.tables import role_assignments, users, utc_now

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,79}$")
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
#: checked against when the account does not exist, so both answers take as long
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """A user name, password or account change the operational database does not accept."""


def normal_username(username: str) -> str:
    """The stored form of a user name (trimmed, lower case); raises AccountError when malformed."""
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise AccountError(
            f"user name {username!r}: expected 2-80 lower-case letters, digits, '.', '_', '@' or '-' "
            "starting with a letter or digit"
        )
    return name


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password has {len(password)} characters; expected at least {MIN_PASSWORD_LENGTH}")
    return _hasher.hash(password)


def _roles(connection: Connection, user_id: int) -> tuple[RoleAssignment, ...]:
    rows = connection.execute(
        select(role_assignments).where(role_assignments.c.user_id == user_id).order_by(role_assignments.c.plan_code)
    )
    return tuple(
        RoleAssignment(
            plan_code=row.plan_code,
            role=row.role,
            unit=row.unit,
            districts=tuple(code for code in (row.districts or "").split(",") if code),
        )
        for row in rows
    )


def _user(connection: Connection, row: object) -> User:
    mapping = row._mapping  # type: ignore[attr-defined]
    return User(
        user_id=mapping["user_id"],
        username=mapping["username"],
        display_name=mapping["display_name"],
        is_active=bool(mapping["is_active"]),
        created_at=mapping["created_at"],
        last_sign_in_at=mapping["last_sign_in_at"],
        roles=_roles(connection, mapping["user_id"]),
    )


def find_user(engine: Engine, *, user_id: int | None = None, username: str | None = None) -> User | None:
    """The user with ``user_id`` or ``username`` (None when there is none)."""
    query = select(users)
    if user_id is not None:
        query = query.where(users.c.user_id == user_id)
    else:
        query = query.where(users.c.username == (username or "").strip().lower())
    with engine.connect() as connection:
        row = connection.execute(query).first()
        return _user(connection, row) if row is not None else None


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as connection:
        return [_user(connection, row) for row in connection.execute(select(users).order_by(users.c.username))]


def add_user(engine: Engine, username: str, password: str, *, display_name: str = "", actor: str | None = None) -> User:
    """A new active account without roles; raises AccountError when the name is taken or malformed."""
    name = normal_username(username)
    password_hash = hash_password(password)
    with engine.begin() as connection:
        if connection.execute(select(users.c.user_id).where(users.c.username == name)).first() is not None:
            raise AccountError(f"user {name!r} exists already")
        connection.execute(
            users.insert().values(
                username=name,
                display_name=display_name.strip() or name,
                password_hash=password_hash,
                is_active=True,
                created_at=utc_now(),
            )
        )
        audit.record(connection, "user_added", actor=actor, subject=name)
    user = find_user(engine, username=name)
    assert user is not None
    return user


def _user_id(connection: Connection, username: str) -> int:
    name = normal_username(username)
    row = connection.execute(select(users.c.user_id).where(users.c.username == name)).first()
    if row is None:
        raise AccountError(f"no user {name!r}")
    return int(row[0])


def set_role(
    engine: Engine,
    username: str,
    plan_code: str,
    role: str | None,
    *,
    unit: str | None = None,
    districts: Iterable[str] = (),
    actor: str | None = None,
) -> None:
    """Give ``username`` ``role`` in ``plan_code`` (``*``: every plan), replacing the one it had there;
    ``role`` None removes it. ``unit`` and ``districts`` are for unit staff only."""
    district_codes = tuple(code.strip() for code in districts if code.strip())
    if role is not None:
        check_role(role)
        if role != UNIT_STAFF and (unit or district_codes):
            raise RoleError(f"a unit and districts scope only the {UNIT_STAFF} role, not {role!r}")
    with engine.begin() as connection:
        user_id = _user_id(connection, username)
        connection.execute(
            delete(role_assignments).where(
                role_assignments.c.user_id == user_id, role_assignments.c.plan_code == plan_code
            )
        )
        if role is None:
            audit.record(connection, "role_removed", actor=actor, subject=username, details=f"plan {plan_code}")
            return
        connection.execute(
            role_assignments.insert().values(
                user_id=user_id,
                plan_code=plan_code,
                role=role,
                unit=unit or None,
                districts=",".join(district_codes) or None,
            )
        )
        assignment = RoleAssignment(plan_code, role, unit or None, district_codes)
        audit.record(connection, "role_set", actor=actor, subject=username, details=assignment.describe())


def set_active(engine: Engine, username: str, active: bool, *, actor: str | None = None) -> None:
    """Disable (``active`` False: signed out at the next request) or enable an account."""
    with engine.begin() as connection:
        user_id = _user_id(connection, username)
        connection.execute(update(users).where(users.c.user_id == user_id).values(is_active=active))
        audit.record(connection, "user_enabled" if active else "user_disabled", actor=actor, subject=username)


def set_password(engine: Engine, username: str, password: str, *, actor: str | None = None) -> None:
    password_hash = hash_password(password)
    with engine.begin() as connection:
        user_id = _user_id(connection, username)
        connection.execute(update(users).where(users.c.user_id == user_id).values(password_hash=password_hash))
        audit.record(connection, "password_set", actor=actor, subject=username)


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt came to: the user, or why not (``wrong`` or ``throttled`` with a wait)."""

    user: User | None
    refusal: str | None = None  # "wrong" | "throttled"
    wait_seconds: int = 0


def authenticate(engine: Engine, username: str, password: str, *, address: str) -> SignIn:
    """Check a sign-in; throttled per account and per address; every outcome goes to the audit log.

    A wrong user name and a wrong password get the same answer (and take as long)."""
    name = username.strip().lower()[:80]
    with engine.begin() as connection:
        wait = throttle.wait_seconds(connection, username=name, address=address)
        if wait:
            audit.record(connection, "sign_in_throttled", subject=name, address=address, details=f"wait {wait} s")
            return SignIn(None, "throttled", wait)
        row = connection.execute(select(users).where(users.c.username == name)).first()
        try:
            _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
            verified = row is not None and bool(row.is_active)
        except (VerificationError, InvalidHashError):
            verified = False
        if not verified or row is None:
            throttle.record_failure(connection, username=name, address=address)
            audit.record(connection, "sign_in_failed", subject=name, address=address)
            return SignIn(None, "wrong")
        values: dict[str, object] = {"last_sign_in_at": utc_now()}
        if _hasher.check_needs_rehash(row.password_hash):
            values["password_hash"] = _hasher.hash(password)
        connection.execute(update(users).where(users.c.user_id == row.user_id).values(**values))
        throttle.clear_account(connection, username=name)
        audit.record(connection, "sign_in", actor=name, subject=name, address=address)
        return SignIn(_user(connection, connection.execute(select(users).where(users.c.user_id == row.user_id)).one()))
