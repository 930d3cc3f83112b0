"""The scheduler: one job per scheduled source, cron in Europe/Istanbul, catch-up, one scheduler per folder."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import datetime, timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from etl.cron import ISTANBUL, CronError, cron_trigger
from etl.schedule import (
    MISFIRE_GRACE_SECONDS,
    SchedulerAlreadyRunning,
    SchedulerLock,
    add_jobs,
    needs_catch_up,
    start_background_scheduler,
)
from tests.etl.helpers import (
    ETL_FIXTURES,
    drop_in_mini_inbox,
    file_source,
    inbox_source,
    mini_inbox,
    mini_inbox_declaration,
    query,
    write_sources,
)

MONDAY_MORNING = datetime(2026, 11, 23, 5, 0, tzinfo=ISTANBUL)


def test_cron_reads_days_of_the_week_as_cron_does():
    trigger = cron_trigger("0 6 * * 1")  # Monday (APScheduler alone would read 1 as Tuesday)
    assert trigger.get_next_fire_time(None, MONDAY_MORNING) == datetime(2026, 11, 23, 6, 0, tzinfo=ISTANBUL)
    weekdays = cron_trigger("30 7 * * 1-5")
    saturday = datetime(2026, 11, 21, 12, 0, tzinfo=ISTANBUL)
    assert weekdays.get_next_fire_time(None, saturday) == datetime(2026, 11, 23, 7, 30, tzinfo=ISTANBUL)
    assert cron_trigger("0 6 * * 0").get_next_fire_time(None, saturday).weekday() == 6  # Sunday
    assert cron_trigger("0 6 * * 7").get_next_fire_time(None, saturday).weekday() == 6
    assert str(cron_trigger("0 6 * * *").timezone) == "Europe/Istanbul"
    every_other = cron_trigger("0 6 * * */2")  # Sunday, Tuesday, Thursday, Saturday
    assert every_other.get_next_fire_time(None, saturday - timedelta(hours=12)).weekday() == 5
    assert every_other.get_next_fire_time(None, saturday).weekday() == 6


@pytest.mark.parametrize("expression", ["0 6 * *", "61 * * * *", "0 6 * * 8", "0 6 * * 5-2"])
def test_bad_cron_expressions(expression):
    with pytest.raises(CronError):
        cron_trigger(expression)


AFTER_TODAYS_RUN = datetime(2026, 11, 22, 6, 30, tzinfo=ISTANBUL)


@pytest.mark.parametrize(
    "last_success, expected",
    [
        (None, True),  # never ran
        (AFTER_TODAYS_RUN, False),  # after Sunday's 06:00 run
        (datetime(2026, 11, 21, 6, 30, tzinfo=ISTANBUL), True),  # Sunday's 06:00 run was missed
        (AFTER_TODAYS_RUN.astimezone().replace(tzinfo=None), False),  # naive: the writer's local wall-clock time
    ],
)
def test_catch_up_decision(last_success, expected):
    daily = cron_trigger("0 6 * * *")
    assert needs_catch_up(daily, last_success, datetime(2026, 11, 22, 12, 0, tzinfo=ISTANBUL)) is expected


def test_one_job_per_scheduled_source(etl_settings, etl_plans):
    sources = {
        "daily": file_source(ETL_FIXTURES / "long_clean.csv", source_id="daily", schedule="0 6 * * *"),
        "monthly": inbox_source(etl_settings, "monthly", schedule="0 6 1 * *"),
        "on-demand": inbox_source(etl_settings, "on-demand"),
    }
    scheduler = BackgroundScheduler(timezone=ISTANBUL)
    now = datetime(2026, 11, 22, 12, 0, tzinfo=ISTANBUL)
    caught_up = add_jobs(
        scheduler,
        etl_settings,
        etl_plans,
        sources,
        now=now,
        last_success={"daily": datetime(2026, 11, 22, 6, 5, tzinfo=ISTANBUL)},
    )
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert sorted(jobs) == ["daily", "monthly"]
    assert caught_up == ["monthly"]  # never ran; "daily" ran after today's 06:00
    for job in jobs.values():
        assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, MISFIRE_GRACE_SECONDS)
        assert str(job.trigger.timezone) == "Europe/Istanbul"
        assert job.args[2] is sources[job.id]
    assert MISFIRE_GRACE_SECONDS == 6 * 3600
    assert jobs["monthly"].next_run_time == now


def test_only_one_scheduler_per_data_folder(etl_settings):
    first = SchedulerLock(etl_settings.data_dir)
    first.acquire()
    try:
        with pytest.raises(SchedulerAlreadyRunning, match=r"scheduler.lock: a scheduler is already running .*pid"):
            SchedulerLock(etl_settings.data_dir).acquire()
    finally:
        first.release()
    again = SchedulerLock(etl_settings.data_dir)
    again.acquire()
    again.release()


def test_the_background_scheduler_catches_up_at_start(etl_settings, etl_plans):
    write_sources(etl_settings, mini_inbox_declaration(schedule="0 6 1 1 *"))
    etl_settings = dataclasses.replace(etl_settings, settle_seconds=1.0)
    inbox = mini_inbox(etl_settings)
    drop_in_mini_inbox(etl_settings, "long_clean.csv")
    copying = drop_in_mini_inbox(etl_settings, "periods.tsv", "still_copying.csv")
    stop = threading.Event()

    def keep_copying():  # a copy in progress: the file grows all along the settle interval
        with open(copying, "ab") as stream:
            while not stop.wait(0.1):
                stream.write(b"1.1.1.1,Izmir,2019,1.5\n")
                stream.flush()

    writer = threading.Thread(target=keep_copying)
    writer.start()
    scheduler = start_background_scheduler(etl_settings, etl_plans)
    assert scheduler is not None
    try:
        assert start_background_scheduler(etl_settings, etl_plans) is None  # a second one does not start
        assert sorted(job.id for job in scheduler.get_jobs()) == [
            "alerts",
            "entries-mini",
            "entries-twins",
            "mail",
            "mini-inbox",
            "reprocess",
        ]  # entries: etl/entries.py; reprocess: etl/reprocess.py; alerts and mail: etl/alerts.py
        deadline = time.monotonic() + 10
        while not query(etl_settings, "select 1 from load_runs") and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        scheduler.shutdown(wait=True)
        stop.set()
        writer.join()
    assert query(etl_settings, "select source_id, status, rows_loaded from load_runs") == [("mini-inbox", "loaded", 6)]
    assert not (inbox / "long_clean.csv").exists() and (inbox / "still_copying.csv").exists()
    lock = SchedulerLock(etl_settings.data_dir)  # released at shutdown
    lock.acquire()
    lock.release()
