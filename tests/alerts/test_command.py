"""``python -m etl alerts``: what the scheduler's alert jobs do, run from a shell: a real load's
notification recorded and its e-mail delivered to the SMTP server on loopback, once."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from etl.cli import main
from gosterge.settings import Settings
from operations.preferences import IMMEDIATE, MailPreference
from operations.roles import REVIEWER
from tests.alerts.conftest import BASE_URL, SENDER, MailServer, account
from tests.etl.helpers import drop_in_mini_inbox, mini_inbox_declaration, write_sources


def test_alerts_from_the_command_line(
    alert_settings: Settings, engine: Engine, mail_server: MailServer, monkeypatch: pytest.MonkeyPatch, capsys
):
    write_sources(alert_settings, mini_inbox_declaration())
    for name, value in {
        "GOSTERGE_DATA_DIR": str(alert_settings.data_dir),
        "GOSTERGE_PLAN": ",".join(str(path) for path in alert_settings.plan_files),
        "GOSTERGE_SOURCES": str(alert_settings.sources_file),
        "GOSTERGE_SMTP_HOST": "127.0.0.1",
        "GOSTERGE_SMTP_PORT": str(mail_server.port),
        "GOSTERGE_SMTP_TLS": "none",
        "GOSTERGE_SMTP_SENDER": SENDER,
        "GOSTERGE_BASE_URL": BASE_URL,
    }.items():
        monkeypatch.setenv(name, value)
    account(engine, "ayse", REVIEWER, "mini", mail=MailPreference("ayse@example.org", "tr", IMMEDIATE))
    drop_in_mini_inbox(alert_settings, "malformed_rows.csv")
    assert main(["run", "mini-inbox"]) == 0
    capsys.readouterr()

    mail_server.start()
    assert main(["alerts"]) == 0
    assert capsys.readouterr().out == "1 new notifications\ne-mail: 1 composed, 1 sent, 0 to retry, 0 given up\n"
    (message,) = mail_server.messages
    assert message["To"] == "ayse@example.org" and f"{BASE_URL}/mini/quality?run=1" in message.get_content()
    assert main(["alerts"]) == 0  # again: nothing new, nothing twice
    assert capsys.readouterr().out == "0 new notifications\ne-mail: 0 composed, 0 sent, 0 to retry, 0 given up\n"
    assert len(mail_server.messages) == 1
