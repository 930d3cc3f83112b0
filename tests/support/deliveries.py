"""Loads as the ETL makes them, for tests of what one load changes (the page cache, the data tokens).

:func:`tests.support.builders.load_rows` recomputes every plan as a whole; :func:`deliver` is one run of
one plan as :func:`etl.jobs.run_source` writes it: the plan synced, a run of the plan, its rows upserted
(and the units' explanations stored) and only what the run's rows change recomputed, in one writer
session that publishes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from gosterge.plan.model import Plan
from tests.support.builders import EVALUATION_YEAR, measurement_frame
from warehouse import Warehouse
from warehouse.entry_loading import EXPLANATION_COLUMNS, store_explanations
from warehouse.loading import finish_run, start_run, upsert_measurements
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import refresh_progress

ROW_COLUMNS = ["plan_code", "indicator_code", "area_level", "area_code", "period", "value"]


def deliver(
    data_dir: Path,
    plan: Plan,
    rows: pd.DataFrame | None = None,
    *,
    explanations: pd.DataFrame | None = None,
    source_id: str = "delivery",
) -> int:
    """One run of ``plan`` (``rows``: :data:`ROW_COLUMNS`; ``explanations``: the explanation columns but the
    run id), published; returns its run id."""
    warehouse = Warehouse(data_dir)
    with warehouse.writing() as connection:
        with warehouse.transaction():
            plan_changed = sync_plan(connection, plan)
        run_id = start_run(connection, source_id=source_id, plan_code=plan.code, file_name="delivery", is_demo=False)
        with warehouse.transaction():
            loaded = unchanged = 0
            if rows is not None and not rows.empty:
                counts = upsert_measurements(connection, run_id, measurement_frame(rows, source_id=source_id))
                loaded, unchanged = counts.loaded, counts.unchanged
            if explanations is not None:
                store_explanations(connection, explanations.assign(run_id=run_id).loc[:, list(EXPLANATION_COLUMNS)])
            if loaded or plan_changed:
                refresh_progress(
                    connection,
                    plan,
                    evaluation_year=EVALUATION_YEAR,
                    coverage_floor=0.5,
                    cap_realization=True,
                    run_id=run_id,
                )
            finish_run(
                connection,
                run_id,
                status="loaded",
                rows_read=0 if rows is None else len(rows),
                rows_loaded=loaded,
                rows_unchanged=unchanged,
            )
    return run_id


def back_up(data_dir: Path, backup: Path) -> None:
    """A copy of the working database, as an operator's backup (between writer sessions)."""
    shutil.copyfile(Warehouse(data_dir).working_file, backup)


def restore(data_dir: Path, backup: Path) -> None:
    """Put ``backup`` back as the working database and publish it, as an operator would (its data versions
    count again from the backup's)."""
    warehouse = Warehouse(data_dir)
    shutil.copyfile(backup, warehouse.working_file)
    warehouse.recover()
