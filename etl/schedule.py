"""The scheduler: thin wiring that maps each scheduled source to a cron trigger.

- One job per source with a ``schedule``; CronTrigger in Europe/Istanbul.
- ``max_instances=1`` and ``coalesce=True``: a source never runs twice at once,
  and runs missed while the process was busy collapse into one.
- ``misfire_grace_time`` of :data:`MISFIRE_GRACE_SECONDS` (6 h): a daily or
  monthly job that is late because the machine was busy still runs (the
  APScheduler default of 1 s would drop it).
- One worker thread: runs are sequential, the ETL stays the only writer.
  The alerts (:mod:`etl.alerts`: notifications derived every minute and after
  each scheduled load; e-mails composed and sent every minute) run on a
  thread of their own, so a slow or absent mail server never delays a load.
- Inbox files are read only once complete (:mod:`etl.inbox`: unchanged for
  ``GOSTERGE_SETTLE_SECONDS``, ending as a file ends); others wait for the next run.
- Each run holds the data folder's run lock (:mod:`etl.run_lock`): while a
  command-line run holds it, a scheduled run waits up to
  ``GOSTERGE_RUN_WAIT_SECONDS`` and is then skipped with a warning (the next
  fire time tries again).
- Catch-up at start: the memory job store forgets everything at shutdown, so
  a source whose last successful run is older than its previous scheduled
  fire time runs at once (:func:`needs_catch_up`).
- When it starts, edited plan files are stored (their progress recomputed)
  and every source's cadence recorded for the dashboard
  (:func:`etl.startup.prepare_writer`).
- Approved entries (the ``entries-<plan>`` sources, :mod:`etl.entries`): one interval job per plan,
  every ``GOSTERGE_ENTRIES_POLL_SECONDS`` (60), so an approval reaches the dashboard within a minute.
- One scheduler per data folder: ``scheduler.lock`` in the data folder is held
  (``fcntl``) for the scheduler's lifetime; a second one refuses to start
  with :class:`SchedulerAlreadyRunning`.

``python -m etl schedule`` runs it in the foreground (production, beside the
web workers); ``python app.py`` calls :func:`start_background_scheduler`.
Web workers never start one.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, EVENT_SCHEDULER_SHUTDOWN, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from etl.alerts import DERIVE_INTERVAL_SECONDS, MAIL_INTERVAL_SECONDS, derive_job, mail_job
from etl.cron import ISTANBUL, cron_trigger
from etl.jobs import run_source
from etl.reprocess import INTERVAL_SECONDS as REPROCESS_INTERVAL_SECONDS
from etl.reprocess import reprocess_job
from etl.run_lock import RunInProgress
from etl.sources import ENTRIES, Source, configured_sources
from etl.startup import prepare_writer
from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings
from warehouse import Reader, describe_failure
from warehouse.runs import last_success_times

logger = logging.getLogger(__name__)
MISFIRE_GRACE_SECONDS = 6 * 3600
LOCK_NAME = "scheduler.lock"
ALERTS_EXECUTOR = "alerts"


class SchedulerAlreadyRunning(RuntimeError):
    """Another process runs the scheduler of this data folder."""


class SchedulerLock:
    """An exclusive ``fcntl`` lock on ``<data dir>/scheduler.lock``, held until :meth:`release`."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_NAME
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the scheduler's lifetime
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise SchedulerAlreadyRunning(
                f"{self.path}: a scheduler is already running for this data folder "
                f"({holder}); only one may run per data folder"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def needs_catch_up(trigger: CronTrigger, last_success: datetime | None, now: datetime) -> bool:
    """True when a scheduled fire time passed since the last successful run (or there never was one)."""
    if last_success is None:
        return True
    if last_success.tzinfo is None:
        last_success = last_success.astimezone()  # the writer's local wall-clock time
    missed = trigger.get_next_fire_time(None, last_success)
    return missed is not None and missed <= now


def scheduled_sources(sources: dict[str, Source]) -> list[Source]:
    return [source for source in sources.values() if source.schedule]


def add_entries_jobs(
    scheduler: BaseScheduler, settings: Settings, plans: dict[str, Plan], sources: dict[str, Source]
) -> list[str]:
    """One job per entries source, every ``settings.entries_poll_seconds``; returns their ids."""
    added = []
    for source in sources.values():
        if source.kind != ENTRIES:
            continue
        scheduler.add_job(
            run_scheduled,
            "interval",
            seconds=settings.entries_poll_seconds,
            args=[settings, plans, source],
            id=source.id,
            name=f"load {source.id}",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=int(settings.entries_poll_seconds) + 1,
            replace_existing=True,
        )
        added.append(source.id)
    return added


def add_jobs(
    scheduler: BaseScheduler,
    settings: Settings,
    plans: dict[str, Plan],
    sources: dict[str, Source],
    *,
    last_success: dict[str, datetime],
    now: datetime | None = None,
    job: Callable[..., Any] | None = None,
) -> list[str]:
    """One job per scheduled source; sources due for a catch-up run at once. Returns the caught-up ids."""
    now = now or datetime.now(ISTANBUL)
    caught_up: list[str] = []
    for source in scheduled_sources(sources):
        assert source.schedule is not None
        trigger = cron_trigger(source.schedule)
        extra: dict[str, Any] = {}
        if needs_catch_up(trigger, last_success.get(source.id), now):
            extra["next_run_time"] = now
            caught_up.append(source.id)
        scheduler.add_job(
            job or run_scheduled,
            trigger,
            args=[settings, plans, source],
            id=source.id,
            name=f"load {source.id}",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=MISFIRE_GRACE_SECONDS,
            replace_existing=True,
            **extra,
        )
    return caught_up


def run_scheduled(settings: Settings, plans: dict[str, Plan], source: Source) -> None:
    """The job: run the source, then tell who should know (:func:`etl.alerts.derive_job`); failures are
    logged (and recorded as failed runs), never raised."""
    try:
        run_source(settings, plans, source)
    except RunInProgress as error:
        logger.warning("scheduled run of %s skipped: %s", source.id, error)
        return
    except Exception:  # noqa: BLE001 - a scheduler thread must survive any failure
        logger.exception("scheduled run of %s failed", source.id)
    derive_job(settings, plans)  # logs its own failures


def last_successes(settings: Settings) -> dict[str, datetime]:
    """When each source last loaded successfully, from the published snapshot."""
    reader = Reader(settings.published_file)
    try:
        with reader.connect() as connection:
            return last_success_times(connection)
    finally:
        reader.close()


def build_scheduler(
    settings: Settings,
    plans: dict[str, Plan],
    sources: dict[str, Source],
    scheduler_class: type[BaseScheduler] = BackgroundScheduler,
) -> BaseScheduler:
    try:  # plans and schedules stored, what a dead process left recovered, a pending load published
        prepare_writer(settings, plans, sources, grace_seconds=MISFIRE_GRACE_SECONDS)
    except Exception as error:  # noqa: BLE001 - out of disk space, a busy writer: the runs try again
        logger.error("the warehouse could not be prepared at start: %s", describe_failure(error))
    # APScheduler logs two lines for every run of every job (the re-process check runs every 10 s); the
    # jobs log what they did themselves and _log_event logs the missed and failed ones
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    executors = {"default": ThreadPoolExecutor(max_workers=1), ALERTS_EXECUTOR: ThreadPoolExecutor(max_workers=1)}
    scheduler = scheduler_class(timezone=ISTANBUL, executors=executors)
    scheduler.add_listener(_log_event, EVENT_JOB_MISSED | EVENT_JOB_ERROR)
    caught_up = add_jobs(scheduler, settings, plans, sources, last_success=last_successes(settings))
    add_entries_jobs(scheduler, settings, plans, sources)
    scheduler.add_job(  # the web's re-process requests, run by this writer (etl/reprocess.py)
        reprocess_job,
        "interval",
        seconds=REPROCESS_INTERVAL_SECONDS,
        args=[settings, plans, sources],
        id="reprocess",
        name="re-process requests",
        max_instances=1,
        coalesce=True,
        replace_existing=True,
    )
    add_alert_jobs(scheduler, settings, plans)
    logger.info(
        "scheduler: %d jobs (%s); catching up now: %s",
        len(scheduled_sources(sources)),
        ", ".join(source.id for source in scheduled_sources(sources)) or "none",
        ", ".join(caught_up) or "none",
    )
    return scheduler


def add_alert_jobs(scheduler: BaseScheduler, settings: Settings, plans: dict[str, Plan]) -> None:
    """Notifications derived and e-mails sent every minute, on the alerts' own thread (etl/alerts.py)."""
    for job, job_id, name, seconds in (
        (derive_job, "alerts", "notifications", DERIVE_INTERVAL_SECONDS),
        (mail_job, "mail", "e-mail outbox", MAIL_INTERVAL_SECONDS),
    ):
        scheduler.add_job(
            job,
            "interval",
            seconds=seconds,
            args=[settings, plans],
            id=job_id,
            name=name,
            executor=ALERTS_EXECUTOR,
            max_instances=1,
            coalesce=True,
            replace_existing=True,
        )


def _log_event(event: JobExecutionEvent) -> None:
    if event.code == EVENT_JOB_MISSED:
        logger.warning(
            "job %s missed its run at %s (more than %d s late)",
            event.job_id,
            event.scheduled_run_time,
            MISFIRE_GRACE_SECONDS,
        )
    else:
        logger.error("job %s raised %r", event.job_id, event.exception)


def start_background_scheduler(settings: Settings, plans: dict[str, Plan] | None = None) -> BackgroundScheduler | None:
    """Start the in-process scheduler of ``python app.py``; None when another one runs for this data folder.

    The scheduler holds the data folder's scheduler lock until it is shut down (at the latest at exit).

    Raises :class:`etl.sources.SourcesError` when ``sources.toml`` is invalid.
    """
    plans = plans if plans is not None else load_plans(settings.plan_files)
    sources = configured_sources(settings, plans)
    lock = SchedulerLock(settings.data_dir)
    try:
        lock.acquire()
    except SchedulerAlreadyRunning as error:
        logger.warning("not starting the in-process scheduler: %s", error)
        return None
    scheduler = build_scheduler(settings, plans, sources, BackgroundScheduler)
    assert isinstance(scheduler, BackgroundScheduler)
    scheduler.add_listener(lambda event: lock.release(), EVENT_SCHEDULER_SHUTDOWN)
    scheduler.start()

    def stop() -> None:
        if scheduler.running:
            scheduler.shutdown(wait=False)

    atexit.register(stop)
    return scheduler


def run_scheduler(settings: Settings, plans: dict[str, Plan], sources: dict[str, Source]) -> None:
    """``python -m etl schedule``: the scheduler in the foreground until interrupted.

    Raises :class:`SchedulerAlreadyRunning` when another one runs for this data folder.
    """
    lock = SchedulerLock(settings.data_dir)
    lock.acquire()
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        scheduler = build_scheduler(settings, plans, sources, BlockingScheduler)
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            logger.info("scheduler stopping (a run in progress finishes first)")
            if scheduler.running:
                scheduler.shutdown(wait=True)
    finally:
        lock.release()


def _exit_on_signal(signal_number: int, frame: object) -> None:
    raise SystemExit(0)
