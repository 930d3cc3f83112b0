"""The session cookie and the signed-in user of a request.

The cookie is Flask's session (a JSON document signed with the installation's secret key by
itsdangerous), HttpOnly and SameSite=Lax, Secure when GOSTERGE_COOKIE_SECURE=1. It holds the user's id,
when the session last saw a request (``seen``: past GOSTERGE_SESSION_IDLE_MINUTES the session ends)
and the CSRF token of the sign-in and sign-out forms. The user is read from the operational database
once per request, so a disabled account or a changed role counts at the next request.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from pathlib import Path
from typing import Any

from flask import Flask, g, has_request_context, session

from dashboard.context import get_context
from gosterge.settings import Settings
from operations.accounts import find_user
from operations.roles import User

USER = "user"
SEEN = "seen"
CSRF = "csrf"
SEEN_PRECISION_SECONDS = 30  # "seen" is rewritten (a new cookie) at most this often


def secret_key(settings: Settings) -> str:
    """GOSTERGE_SECRET_KEY, or the data folder's ``secret_key`` file (made once, readable by its owner only)."""
    if settings.secret_key:
        return settings.secret_key
    path: Path = settings.secret_key_file
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        key = secrets.token_hex(32)
        file.write(key)
    return key


def configure(server: Flask, settings: Settings) -> None:
    """The cookie's signing key and attributes, and the request-body limit."""
    server.secret_key = secret_key(settings)
    server.config.update(
        SESSION_COOKIE_NAME="gosterge_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
    )


def current_user() -> User | None:
    """The signed-in, active user of this request (None: nobody, expired, disabled, or no request: a
    callback body called directly, as the builders' tests do)."""
    if not has_request_context():
        return None
    if "user" in g:
        return g.user  # type: ignore[no-any-return]
    g.user = _read_user()
    return g.user  # type: ignore[no-any-return]


def _read_user() -> User | None:
    user_id = session.get(USER)
    if user_id is None:
        return None
    context = get_context()
    now = int(time.time())
    if now - int(session.get(SEEN, 0)) > context.settings.session_idle_minutes * 60:
        session.pop(USER, None)
        return None
    if context.database is None:
        return None
    user = find_user(context.database, user_id=int(user_id))
    if user is None or not user.is_active:
        session.pop(USER, None)
        return None
    if now - int(session.get(SEEN, 0)) >= SEEN_PRECISION_SECONDS:
        session[SEEN] = now
    return user


def start_session(user: User) -> None:
    """Sign ``user`` in: a fresh session (a new CSRF token) holding the id."""
    session.clear()
    session[USER] = user.user_id
    session[SEEN] = int(time.time())
    g.user = user


def end_session() -> None:
    session.clear()
    g.user = None


def csrf_token() -> str:
    """The session's form token (made on first use)."""
    token = session.get(CSRF)
    if not token:
        token = secrets.token_urlsafe(24)
        session[CSRF] = token
    return str(token)


def csrf_valid(sent: Any) -> bool:
    expected = session.get(CSRF)
    return bool(expected) and isinstance(sent, str) and hmac.compare_digest(str(expected), sent)


def may(role: str, plan_code: str | None) -> bool:
    """True when the request's user holds ``role`` (or higher) in ``plan_code``."""
    user = current_user()
    return user is not None and user.may(role, plan_code)
