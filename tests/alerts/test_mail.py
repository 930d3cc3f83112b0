"""E-mail through a real SMTP server on loopback (aiosmtpd): the daily digest in Turkish and in English
with its links, nothing sent twice, a server that is down (retried later, then delivered; given up
after the last attempt), and a load that is not held up by a mail server that is down."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from etl.alerts import derive_events, mail_job, send_mail
from etl.jobs import run_source
from etl.schedule import run_scheduled
from gosterge.plan import Plan
from gosterge.settings import Settings
from operations.notifications import user_notifications
from operations.outbox import FAILED, MAX_ATTEMPTS, PENDING, SENT, SendReport, backoff, outbox_rows
from operations.preferences import DIGEST, IMMEDIATE, MailPreference
from operations.roles import REVIEWER, VIEWER
from operations.tables import utc_now
from tests.alerts.conftest import BASE_URL, MailServer, account
from tests.etl.helpers import ETL_FIXTURES, inbox_source
from warehouse import Reader

SOURCE = "mini-inbox"


def load_with_problems(settings: Settings, plans: dict[str, Plan]) -> dict[str, int]:
    """Two real runs of the mini plan's inbox: one loads with rejected rows, one fails. Run ids by file."""
    source = inbox_source(settings, SOURCE, plan_code="mini")
    assert source.path is not None
    source.path.mkdir(parents=True, exist_ok=True)
    runs = {}
    for name in ("malformed_rows.csv", "wrong_columns.csv"):
        shutil.copyfile(ETL_FIXTURES / name, source.path / name)
        (report,) = run_source(settings, plans, source)
        runs[name] = report.run_id
    return runs


def derive(settings: Settings, plans: dict[str, Plan], engine: Engine) -> int:
    reader = Reader(settings.published_file)
    try:
        return derive_events(settings, plans, engine, reader)
    finally:
        reader.close()


def morning(hour: int, minute: int = 0) -> datetime:
    """Today at ``hour``:``minute`` in Istanbul (UTC+3, no summer time), as naive UTC."""
    return utc_now().replace(hour=hour - 3, minute=minute, second=0, microsecond=0)


def test_the_daily_digest_arrives_in_each_users_language_once(
    alert_settings: Settings, alert_plans: dict[str, Plan], engine: Engine, mail_server: MailServer
):
    mail_server.start()
    account(engine, "ayse", REVIEWER, "mini", name="Ayşe Kaya", mail=MailPreference("ayse@example.org", "tr", DIGEST))
    account(engine, "john", REVIEWER, "mini", name="John Smith", mail=MailPreference("john@example.org", "en", DIGEST))
    account(engine, "veli", VIEWER, "mini", mail=MailPreference("veli@example.org", "tr", DIGEST))
    runs = load_with_problems(alert_settings, alert_plans)
    failed, rejected = runs["wrong_columns.csv"], runs["malformed_rows.csv"]
    assert derive(alert_settings, alert_plans, engine) == 4  # two runs, two reviewers; nothing for the viewer

    assert send_mail(alert_settings, alert_plans, engine, now=morning(7, 59)) == (0, SendReport())  # before 08:00
    queued, report = send_mail(alert_settings, alert_plans, engine, now=morning(8, 5))
    assert (queued, report.sent, report.retried, report.failed) == (2, 2, 0, 0)

    by_recipient = {message["To"]: message for message in mail_server.messages}
    assert sorted(by_recipient) == ["ayse@example.org", "john@example.org"]
    turkish, english = by_recipient["ayse@example.org"], by_recipient["john@example.org"]
    assert turkish["Subject"] == "Gösterge: günlük özet (2 bildirim)"
    assert turkish["From"] == "Gösterge <gosterge@example.org>"
    assert turkish.get_content_charset() == "utf-8"
    assert turkish.get_content().splitlines() == [
        "Merhaba Ayşe Kaya,",
        "",
        "Gösterge'de son özetten bu yana sizi ilgilendiren 2 bildirim var:",
        "",
        "Deneme Planı",
        f"- mini-inbox, dosya malformed_rows.csv: 18 satırdan 14 satır reddedildi (çalıştırma {rejected})",
        f"  {BASE_URL}/mini/quality?run={rejected}",
        f"- Yükleme başarısız: mini-inbox, dosya wrong_columns.csv (çalıştırma {failed})",
        f"  {BASE_URL}/mini/quality?run={failed}",
        "",
        "Tüm bildirimleriniz ve e-posta tercihleriniz:",
        f"{BASE_URL}/notifications",
        "",
        "-- ",
        "Bu ileti Gösterge tarafından otomatik olarak gönderildi; yanıtlamayın.",
    ]
    assert english["Subject"] == "Gösterge: daily digest (2 notifications)"
    assert english.get_content().splitlines()[:9] == [
        "Hello John Smith,",
        "",
        "Since the last digest, Gösterge has 2 notifications for you:",
        "",
        "Test Plan",
        f"- mini-inbox, file malformed_rows.csv: 14 of 18 rows rejected (run {rejected})",
        f"  {BASE_URL}/mini/quality?run={rejected}&lang=en",
        f"- Load failed: mini-inbox, file wrong_columns.csv (run {failed})",
        f"  {BASE_URL}/mini/quality?run={failed}&lang=en",
    ]
    assert f"{BASE_URL}/notifications?lang=en" in english.get_content()

    # deriving, queueing and sending again the same day: nothing new, nothing twice
    assert derive(alert_settings, alert_plans, engine) == 0
    assert send_mail(alert_settings, alert_plans, engine, now=morning(9)) == (0, SendReport())
    assert len(mail_server.messages) == 2
    assert [(row.recipient, row.status, row.attempts) for row in outbox_rows(engine)] == [
        ("ayse@example.org", SENT, 1),
        ("john@example.org", SENT, 1),
    ]


def test_the_message_ids_differ_and_each_notification_rides_one_message(
    alert_settings: Settings, alert_plans: dict[str, Plan], engine: Engine, mail_server: MailServer
):
    mail_server.start()
    user = account(engine, "ayse", REVIEWER, "mini", mail=MailPreference("ayse@example.org", "tr", IMMEDIATE))
    load_with_problems(alert_settings, alert_plans)
    derive(alert_settings, alert_plans, engine)
    send_mail(alert_settings, alert_plans, engine)
    send_mail(alert_settings, alert_plans, engine)
    (message,) = mail_server.messages
    assert message["Subject"] == "Gösterge: 2 yeni bildirim"
    assert message["Message-ID"] == "<gosterge-outbox-1@example.org>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert len(user_notifications(engine, user.user_id)) == 2


def test_a_server_that_is_down_is_tried_again_later_then_delivered(
    alert_settings: Settings,
    alert_plans: dict[str, Plan],
    engine: Engine,
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
):
    account(engine, "ayse", REVIEWER, "mini", mail=MailPreference("ayse@example.org", "en", IMMEDIATE))
    load_with_problems(alert_settings, alert_plans)
    derive(alert_settings, alert_plans, engine)
    start = utc_now()
    with caplog.at_level(logging.WARNING, logger="operations.outbox"):
        queued, report = send_mail(alert_settings, alert_plans, engine, now=start)
    assert (queued, report.sent, report.retried) == (1, 0, 1)
    (row,) = outbox_rows(engine)
    assert (row.status, row.attempts) == (PENDING, 1)
    assert "ConnectionRefusedError" in (row.last_error or "")
    assert "e-mail 1 not sent (attempt 1, next in 0:01:00)" in caplog.text

    assert send_mail(alert_settings, alert_plans, engine, now=start + timedelta(seconds=30)) == (0, SendReport())
    mail_server.start()
    queued, report = send_mail(alert_settings, alert_plans, engine, now=start + timedelta(seconds=61))
    assert (queued, report.sent) == (0, 1)
    (message,) = mail_server.messages
    assert message["Subject"] == "Gösterge: 2 new notifications"
    assert send_mail(alert_settings, alert_plans, engine, now=start + timedelta(hours=2)) == (0, SendReport())
    assert len(mail_server.messages) == 1
    (row,) = outbox_rows(engine)
    assert (row.status, row.attempts, row.last_error) == (SENT, 2, None)


def test_a_message_is_given_up_after_the_last_attempt(
    alert_settings: Settings,
    alert_plans: dict[str, Plan],
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
):
    account(engine, "ayse", REVIEWER, "mini", mail=MailPreference("ayse@example.org", "tr", IMMEDIATE))
    load_with_problems(alert_settings, alert_plans)
    derive(alert_settings, alert_plans, engine)
    now = utc_now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with caplog.at_level(logging.WARNING, logger="operations.outbox"):
            send_mail(alert_settings, alert_plans, engine, now=now)
        (row,) = outbox_rows(engine)
        assert row.attempts == attempt
        now += backoff(attempt)
    assert row.status == FAILED
    assert f"e-mail 1 failed for the last time ({MAX_ATTEMPTS} attempts)" in caplog.text
    assert [backoff(attempt).total_seconds() for attempt in (1, 2, 3, 7, 8, 12)] == [60, 120, 240, 3600, 3600, 3600]


def test_a_load_is_not_held_up_by_a_mail_server_that_is_down(
    alert_settings: Settings, alert_plans: dict[str, Plan], engine: Engine, caplog: pytest.LogCaptureFixture
):
    account(engine, "ayse", REVIEWER, "mini", mail=MailPreference("ayse@example.org", "tr", IMMEDIATE))
    source = inbox_source(alert_settings, SOURCE, plan_code="mini")
    assert source.path is not None
    source.path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ETL_FIXTURES / "malformed_rows.csv", source.path / "malformed_rows.csv")
    with caplog.at_level(logging.INFO):
        run_scheduled(alert_settings, alert_plans, source)  # the load, then the notifications
        mail_job(alert_settings, alert_plans)  # the sender: the server is down
    reader = Reader(alert_settings.published_file)
    try:
        with reader.connect() as connection:
            assert connection.execute("select status, rows_rejected from load_runs").fetchall() == [("loaded", 14)]
    finally:
        reader.close()
    assert "alerts: 1 new notifications" in caplog.text
    assert "e-mail: 1 composed, 0 sent, 1 to retry, 0 given up" in caplog.text
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_refused_recipient_is_recorded_and_the_others_still_go(
    alert_settings: Settings, alert_plans: dict[str, Plan], engine: Engine, mail_server: MailServer
):
    mail_server.inbox.refused.add("gone@example.org")
    mail_server.start()
    account(engine, "gone", REVIEWER, "mini", mail=MailPreference("gone@example.org", "tr", IMMEDIATE))
    account(engine, "ayse", REVIEWER, "mini", mail=MailPreference("ayse@example.org", "tr", IMMEDIATE))
    load_with_problems(alert_settings, alert_plans)
    derive(alert_settings, alert_plans, engine)
    queued, report = send_mail(alert_settings, alert_plans, engine)
    assert (queued, report.sent, report.retried) == (2, 1, 1)
    assert [message["To"] for message in mail_server.messages] == ["ayse@example.org"]
    gone = next(row for row in outbox_rows(engine) if row.recipient == "gone@example.org")
    assert (gone.status, gone.attempts) == (PENDING, 1)
    assert gone.last_error == "the server refused the recipient: gone@example.org: 550 5.1.1 No such mailbox here"
