"""Fixtures of the alerts tests: a migrated operational database, accounts with roles, settings with
e-mail, and a real SMTP server on loopback (aiosmtpd) that a test can stop and start again."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings, Smtp
from operations.accounts import add_user, set_role
from operations.database import create_database_engine, migrate
from operations.preferences import MailPreference, set_preference
from operations.roles import User
from tests.etl.helpers import make_settings

BASE_URL = "https://gosterge.example.org"
SENDER = "Gösterge <gosterge@example.org>"
PASSWORD = "alerts-parolası-2026"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    """aiosmtpd's handler: keeps every message the server accepted, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.refused: set[str] = set()  # addresses the server answers 550 for

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class MailServer:
    """An SMTP server on 127.0.0.1 at a port of its own, started and stopped by the test."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.inbox.messages


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    """A mail server on loopback, not started yet (a test starts it, or leaves it down)."""
    server = MailServer(free_port())
    yield server
    server.stop()


@pytest.fixture
def alert_settings(tmp_path: Path, mail_server: MailServer) -> Settings:
    """The mini and twins plans, a data folder of this test's own, e-mail through ``mail_server``."""
    smtp = Smtp(host="127.0.0.1", port=mail_server.port, tls="none", sender=SENDER)
    return dataclasses.replace(make_settings(tmp_path), smtp=smtp, base_url=BASE_URL, time_zone="Europe/Istanbul")


@pytest.fixture
def alert_plans(alert_settings: Settings) -> dict[str, Plan]:
    return load_plans(alert_settings.plan_files)


@pytest.fixture
def engine(alert_settings: Settings) -> Iterator[Engine]:
    """The migrated operational database of ``alert_settings`` (SQLite in the data folder)."""
    alert_settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_database_engine(alert_settings.operations_url)
    migrate(engine)
    yield engine
    engine.dispose()


def account(
    engine: Engine,
    username: str,
    role: str,
    plan: str,
    *,
    unit: str | None = None,
    districts: tuple[str, ...] = (),
    mail: MailPreference | None = None,
    name: str = "",
) -> User:
    """A user with one role (and an e-mail preference when given)."""
    user = add_user(engine, username, PASSWORD, display_name=name or username.title())
    set_role(engine, username, plan, role, unit=unit, districts=districts)
    if mail is not None:
        set_preference(engine, user.user_id, mail)
    return user
