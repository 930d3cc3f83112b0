"""What the writer does when it starts (the scheduler, in ``python app.py`` or ``python -m etl schedule``).

In one writer session:

- **edited plan files** (a new indicator, a changed target or weight) are
  stored and their progress recomputed, so a plan edit reaches the dashboard
  without waiting for a data load; plans whose stored copy is current are left
  alone (content hash);
- **each scheduled source's cadence** is recorded (``source_schedules``), so
  the dashboard, which never reads ``sources.toml``, can mark data that is
  older than its source's schedule.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pandas as pd

from etl.cron import ISTANBUL, cron_trigger
from etl.sources import Source
from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Warehouse
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import refresh_progress
from warehouse.runs import record_source_schedules

logger = logging.getLogger(__name__)
FIRES_SAMPLED = 12  # scheduled runs looked at to find the longest gap (weekends, month ends)


def schedule_interval(expression: str, now: datetime | None = None) -> timedelta:
    """The longest gap between consecutive runs of a cron ``expression`` over its next runs."""
    trigger = cron_trigger(expression)
    previous = None
    current = now or datetime.now(ISTANBUL)
    longest = timedelta(0)
    for _ in range(FIRES_SAMPLED):
        fire = trigger.get_next_fire_time(previous, current)
        if fire is None:
            break
        if previous is not None:
            longest = max(longest, fire - previous)
        previous, current = fire, fire + timedelta(seconds=1)
    return longest


def schedules_frame(sources: dict[str, Source], grace_seconds: int, now: datetime | None = None) -> pd.DataFrame:
    rows = [
        {
            "source_id": source.id,
            "plan_code": source.plan_code,
            "kind": source.kind,
            "schedule": source.schedule,
            "interval_seconds": int(schedule_interval(source.schedule, now).total_seconds()),
            "grace_seconds": grace_seconds,
        }
        for source in sources.values()
        if source.schedule
    ]
    return pd.DataFrame(
        rows, columns=["source_id", "plan_code", "kind", "schedule", "interval_seconds", "grace_seconds"]
    )


def prepare_writer(
    settings: Settings,
    plans: dict[str, Plan],
    sources: dict[str, Source],
    *,
    grace_seconds: int,
    today: date | None = None,
) -> list[str]:
    """Store changed plans (recomputing their progress) and record the sources' schedules, in one
    transaction. Returns the codes of the plans that changed."""
    changed: list[str] = []
    warehouse = Warehouse(settings.data_dir)
    with warehouse.writing() as connection, warehouse.transaction():
        for plan in plans.values():
            if sync_plan(connection, plan):
                refresh_progress(
                    connection,
                    plan,
                    evaluation_year=(today or date.today()).year,
                    coverage_floor=settings.coverage_floor,
                    cap_realization=settings.cap_realization,
                )
                changed.append(plan.code)
        record_source_schedules(connection, schedules_frame(sources, grace_seconds))
    if changed:
        logger.info("plans updated in the warehouse: %s", ", ".join(changed))
    return changed
