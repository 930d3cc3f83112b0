"""Build real warehouses for tests (real DuckDB files in a temporary folder)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from gosterge.plan.model import Plan
from warehouse import Warehouse
from warehouse.loading import finish_run, start_run, upsert_measurements
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import refresh_progress

EVALUATION_YEAR = 2026


def period_fields(period: str) -> tuple[str, int, date]:
    """(period type, year, period end) for '2023', '2023-Q2' or '2023-06'."""
    year = int(period[:4])
    if len(period) == 4:
        return "year", year, date(year, 12, 31)
    if "-Q" in period:
        quarter = int(period[-1])
        end_month = quarter * 3
        return "quarter", year, _month_end(year, end_month)
    return "month", year, _month_end(year, int(period[5:7]))


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def measurement_frame(rows: pd.DataFrame, *, source_id: str = "test", is_demo: bool = False) -> pd.DataFrame:
    """Complete long rows (plan_code, indicator_code, area_level, area_code, period, value) for the upsert."""
    frame = rows.copy()
    fields = frame["period"].map(period_fields)
    frame["period_type"] = fields.map(lambda item: item[0])
    frame["year"] = fields.map(lambda item: item[1])
    frame["period_end"] = fields.map(lambda item: item[2])
    frame["source_id"] = source_id
    frame["is_demo"] = is_demo
    return frame


def load_rows(
    data_dir: Path, plans: list[Plan], rows: pd.DataFrame, *, source_id: str = "test", is_demo: bool = False
) -> None:
    """Sync ``plans``, upsert ``rows`` and refresh progress, then publish (one writer session)."""
    warehouse = Warehouse(data_dir)
    with warehouse.writing() as connection:
        connection.execute("begin")
        for plan in plans:
            sync_plan(connection, plan)
        connection.execute("commit")
        run_id = start_run(connection, source_id=source_id, plan_code=None, file_name="fixture", is_demo=is_demo)
        connection.execute("begin")
        counts = upsert_measurements(connection, run_id, measurement_frame(rows, source_id=source_id, is_demo=is_demo))
        for plan in plans:
            refresh_progress(
                connection, plan, evaluation_year=EVALUATION_YEAR, coverage_floor=0.5, cap_realization=True
            )
        finish_run(
            connection,
            run_id,
            status="loaded",
            rows_read=len(rows),
            rows_loaded=counts.loaded,
            rows_unchanged=counts.unchanged,
        )
        connection.execute("commit")
