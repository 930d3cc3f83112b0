"""The first admin of a new installation: created when no account exists, its password printed once."""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, func, select

from operations.accounts import add_user, set_role
from operations.roles import ADMIN, EVERY_PLAN
from operations.tables import users

FIRST_ADMIN = "admin"


def ensure_first_admin(engine: Engine, *, username: str = FIRST_ADMIN) -> str | None:
    """Create ``username`` as admin of every plan with a random password when there is no account yet.

    Returns the password (to print once), or None when accounts exist already."""
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(users)).scalar_one() > 0:
            return None
    password = secrets.token_urlsafe(12)
    add_user(engine, username, password, display_name="Administrator", actor="first-admin")
    set_role(engine, username, EVERY_PLAN, ADMIN, actor="first-admin")
    return password
