"""The alerts' tables on both databases (SQLite here, PostgreSQL in a throwaway server): notifications
once per user and event, messages queued once, and the e-mail preference from the command line."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gosterge.plan import Plan
from operations import notices
from operations.accounts import add_user, find_user, set_active
from operations.database import create_database_engine, migrate
from operations.notifications import (
    QUEUED,
    Event,
    mark_read,
    record_events,
    unread_count,
    user_notifications,
)
from operations.outbox import SENT, outbox_rows, queue_mail
from operations.preferences import DIGEST, IMMEDIATE, MailPreference, PreferenceError, get_preference, set_preference
from operations.tables import notifications, outbox, utc_now
from tests.alerts.conftest import PASSWORD
from tests.operations.conftest import postgres  # noqa: F401 - the throwaway PostgreSQL server fixture
from tests.operations.test_cli import run

EVENTS = [
    Event(
        "failed_load:1",
        notices.FAILED_LOAD,
        "mini",
        {"run": 1, "source": "s", "file": "a.csv", "read": 0, "rejected": 0},
    ),
    Event(
        "failed_load:2",
        notices.FAILED_LOAD,
        "mini",
        {"run": 2, "source": "s", "file": "b.csv", "read": 0, "rejected": 0},
    ),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'operations.sqlite'}"
    return request.getfixturevalue("postgres").new_database()


def test_notifications_and_messages_are_made_once(database_url: str, alert_plans: dict[str, Plan]):
    engine = create_database_engine(database_url)
    try:
        migrate(engine)
        user = add_user(engine, "ayse", PASSWORD)
        set_preference(engine, user.user_id, MailPreference("ayse@example.org", "tr", IMMEDIATE))
        deliveries = [(user.user_id, event) for event in EVENTS]
        assert record_events(engine, deliveries + deliveries, mail_enabled=True) == 2
        assert record_events(engine, deliveries, mail_enabled=True) == 0
        assert unread_count(engine, user.user_id) == 2
        now = datetime(2026, 12, 4, 9)
        queue = dict(base_url="https://g.example", time_zone="Europe/Istanbul", now=now)
        assert queue_mail(engine, alert_plans, **queue) == 1
        assert queue_mail(engine, alert_plans, **queue) == 0
        (row,) = outbox_rows(engine)
        assert row.subject == "Gösterge: 2 yeni bildirim" and "https://g.example/mini/quality?run=2" in row.body
        with engine.connect() as connection:
            states = connection.exec_driver_sql("select mail_state, outbox_id from notifications").fetchall()
        assert sorted(states) == [(QUEUED, row.outbox_id)] * 2
        assert [item.details["run"] for item in user_notifications(engine, user.user_id)] == [2, 1]
    finally:
        engine.dispose()


def test_notifications_recorded_without_email_are_never_mailed(tmp_path: Path, alert_plans: dict[str, Plan]):
    engine = create_database_engine(f"sqlite:///{tmp_path / 'operations.sqlite'}")
    migrate(engine)
    user = add_user(engine, "ayse", PASSWORD)
    set_preference(engine, user.user_id, MailPreference("ayse@example.org", "tr", IMMEDIATE))
    record_events(engine, [(user.user_id, EVENTS[0])], mail_enabled=False)  # no SMTP host then
    assert queue_mail(engine, alert_plans, base_url="https://g.example", time_zone="Europe/Istanbul") == 0
    record_events(engine, [(user.user_id, EVENTS[1])], mail_enabled=True)
    set_active(engine, "ayse", False)  # disabled before the message was composed: no e-mail
    assert queue_mail(engine, alert_plans, base_url="https://g.example", time_zone="Europe/Istanbul") == 0
    assert outbox_rows(engine) == []
    with pytest.raises(PreferenceError, match="e-mail address 'ayse@example.org, ali@example.org': expected one"):
        set_preference(engine, user.user_id, MailPreference("ayse@example.org, ali@example.org", "tr", IMMEDIATE))
    engine.dispose()


def test_the_email_preference_from_the_command_line(tmp_path: Path):
    environment = {"GOSTERGE_DATA_DIR": str(tmp_path / "data")}
    assert run(["users", "add", "ayse", "--password-stdin"], environment, PASSWORD + "\n").returncode == 0
    assert run(["users", "mail", "ayse"], environment).stdout == "ayse: e-mail -, language tr, delivery off\n"
    given = run(["users", "mail", "ayse", "--email", "ayse@example.org", "--language", "en"], environment)
    assert given.stdout == "ayse: e-mail ayse@example.org, language en, delivery digest\n"  # an address: the digest
    now = run(["users", "mail", "ayse", "--delivery", "immediate"], environment)
    assert now.stdout == "ayse: e-mail ayse@example.org, language en, delivery immediate\n"
    stopped = run(["users", "mail", "ayse", "--email", ""], environment)
    assert stopped.stdout == "ayse: e-mail -, language en, delivery off\n"
    bad = run(["users", "mail", "ayse", "--email", "not an address"], environment)
    assert (bad.returncode, bad.stderr) == (
        1,
        "e-mail address 'not an address': expected one address such as ayse.kaya@example.org\n",
    )
    unknown = run(["users", "mail", "nobody"], environment)
    assert (unknown.returncode, unknown.stderr) == (1, "no user 'nobody'\n")
    engine = create_database_engine(f"sqlite:///{tmp_path / 'data' / 'operations.sqlite'}")
    user = find_user(engine, username="ayse")
    assert user is not None and get_preference(engine, user.user_id) == MailPreference(None, "en", "off")
    engine.dispose()


def test_two_threads_may_migrate_at_once(tmp_path: Path):
    """The writer's scheduler runs the alerts' jobs beside the re-process job, each migrating first:
    Alembic's module-level context must not be entered by both (it raised KeyError: 'config')."""
    engine = create_database_engine(f"sqlite:///{tmp_path / 'operations.sqlite'}")
    problems: list[BaseException] = []

    def keep_migrating() -> None:
        try:
            for _ in range(15):
                migrate(engine)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            problems.append(error)

    threads = [threading.Thread(target=keep_migrating) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert problems == []


def test_the_digest_goes_after_the_configured_hour(tmp_path: Path, alert_plans: dict[str, Plan]):
    engine = create_database_engine(f"sqlite:///{tmp_path / 'operations.sqlite'}")
    migrate(engine)
    user = add_user(engine, "ayse", PASSWORD)
    set_preference(engine, user.user_id, MailPreference("ayse@example.org", "tr", DIGEST))
    record_events(engine, [(user.user_id, EVENTS[0])], mail_enabled=True)
    queue = dict(base_url="https://g.example", time_zone="Europe/Istanbul")
    six_local = datetime(2026, 12, 4, 3, 30)  # 06:30 in Istanbul
    assert queue_mail(engine, alert_plans, **queue, now=six_local) == 0  # before the default hour, 8
    assert queue_mail(engine, alert_plans, **queue, now=six_local, digest_hour=6) == 1
    assert queue_mail(engine, alert_plans, **queue, now=six_local + timedelta(hours=3), digest_hour=6) == 0  # one a day
    engine.dispose()


def test_old_read_notifications_and_finished_messages_are_deleted(tmp_path: Path, alert_plans: dict[str, Plan]):
    from etl.alerts import prune
    from gosterge.settings import load_settings

    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path), "GOSTERGE_NOTIFICATION_DAYS": "30"})
    engine = create_database_engine(f"sqlite:///{tmp_path / 'operations.sqlite'}")
    migrate(engine)
    user = add_user(engine, "ayse", PASSWORD)
    set_preference(engine, user.user_id, MailPreference("ayse@example.org", "tr", IMMEDIATE))
    record_events(engine, [(user.user_id, event) for event in EVENTS], mail_enabled=True)
    assert queue_mail(engine, alert_plans, base_url="https://g.example", time_zone="Europe/Istanbul") == 1
    (message,) = outbox_rows(engine)
    with engine.begin() as connection:
        connection.execute(outbox.update().values(status=SENT))
    mark_read(engine, user.user_id, [user_notifications(engine, user.user_id)[-1].notification_id])  # run 1 read
    later = utc_now() + timedelta(days=29)
    assert prune(settings, engine, now=later) == (0, 0)  # not yet 30 days old
    assert prune(settings, engine, now=later + timedelta(days=2)) == (1, 1)
    assert [item.details["run"] for item in user_notifications(engine, user.user_id)] == [2]  # unread: kept
    assert outbox_rows(engine) == []
    with engine.connect() as connection:
        assert len(connection.execute(notifications.select()).fetchall()) == 1
    assert prune(settings, engine, now=later + timedelta(days=400)) == (0, 0)  # an unread one stays, however old
    assert message.status == "pending"  # it was still to be sent when composed
    engine.dispose()
