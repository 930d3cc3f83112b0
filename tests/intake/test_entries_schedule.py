"""The scheduler picks approved entries up by itself: a real APScheduler, polling every half second here
(every minute by default, GOSTERGE_ENTRIES_POLL_SECONDS)."""

from __future__ import annotations

import dataclasses
import time

from sqlalchemy import Engine

from etl.schedule import start_background_scheduler
from gosterge.plan import Plan
from gosterge.settings import Settings
from tests.etl.helpers import query
from tests.intake.helpers import approve_entry, entry_state

POLL_SECONDS = 0.5
WAIT_SECONDS = 30.0


def test_the_scheduler_loads_an_approval_within_its_poll_interval(
    intake_settings: Settings, intake_plans: dict[str, Plan], operations_engine: Engine
) -> None:
    settings = dataclasses.replace(intake_settings, entries_poll_seconds=POLL_SECONDS)
    scheduler = start_background_scheduler(settings, intake_plans)
    assert scheduler is not None
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert {"entries-mini", "entries-twins"} <= set(jobs)
        assert jobs["entries-mini"].trigger.interval.total_seconds() == POLL_SECONDS
        entry = approve_entry(operations_engine, indicator="1.1.1.1", period="2021", value=1.3, reason="gecikme")
        approved = time.monotonic()
        while entry_state(operations_engine, entry)[1] is None and time.monotonic() - approved < WAIT_SECONDS:
            time.sleep(0.1)
        waited = time.monotonic() - approved
    finally:
        scheduler.shutdown(wait=True)
    assert entry_state(operations_engine, entry)[1] == 3, f"not loaded after {waited:.1f} s"
    assert query(settings, "select value, source_id from measurements") == [(1.3, "entries-mini")]
    assert query(settings, "select reason from explanations") == [("gecikme",)]
