"""Apply edited plan files to the warehouse when the writer starts.

A load re-syncs its own plan, but an edited plan file (a new indicator, a
changed target or weight) must reach the dashboard even when no data arrives:
the scheduler, the only writer, calls :func:`apply_plan_changes` when it
starts. Plans whose stored copy is current are left alone (content hash), so
a restart with unchanged plans writes nothing but the publication.
"""

from __future__ import annotations

import logging
from datetime import date

from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Warehouse
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import refresh_progress

logger = logging.getLogger(__name__)


def apply_plan_changes(settings: Settings, plans: dict[str, Plan], *, today: date | None = None) -> list[str]:
    """Store every changed plan and recompute its progress in one transaction; returns their codes."""
    changed: list[str] = []
    with Warehouse(settings.data_dir).writing() as connection:
        connection.execute("begin")
        for plan in plans.values():
            if sync_plan(connection, plan):
                refresh_progress(connection, plan, evaluation_year=(today or date.today()).year,
                                 coverage_floor=settings.coverage_floor, cap_realization=settings.cap_realization)
                changed.append(plan.code)
        connection.execute("commit")
    if changed:
        logger.info("plans updated in the warehouse: %s", ", ".join(changed))
    return changed
