"""Large synthetic warehouses for tests and benchmarks, generated inside DuckDB.

Values are made up (a hash of indicator, district and day) and flagged as
demo data; no progress is computed. Use it to measure extracts, never to show.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import duckdb

from gosterge.plan.model import Plan
from warehouse.loading import finish_run, start_run
from warehouse.plan_sync import sync_plan
from warehouse.writer import Warehouse

SYNTHETIC_SOURCE = "synthetic"


def insert_synthetic_measurements(
    connection: duckdb.DuckDBPyConnection, plan: Plan, rows: int, run_id: int, *, first_day: date = date(2014, 1, 1)
) -> int:
    """Insert ``rows`` daily district measurements of ``plan``'s district indicators; return the count.

    Rows are every (indicator, district, day) from ``first_day`` on, cut at
    ``rows``; values run from -500 to 499.99 (negative values included on
    purpose, to test number formats).
    """
    indicators = [code for code, indicator in plan.indicators.items() if indicator.level == "district"]
    districts = list(plan.districts)
    if not indicators or not districts:
        raise ValueError(f"plan {plan.code!r} has no district indicators or no districts to fill")
    days = math.ceil(rows / (len(indicators) * len(districts)))
    connection.execute(
        """
        insert into measurements
        select ?, indicator.code, 'district', district.code, strftime(day, '%Y-%m-%d'), 'date', year(day),
               day, (hash(indicator.code, district.code, day) % 100000) / 100.0 - 500, ?, ?,
               now()::timestamp, true, 1
        from unnest(?::varchar[]) indicator(code)
        cross join unnest(?::varchar[]) district(code)
        cross join (select (?::date + offset_days::integer) as day from range(?) days(offset_days))
        limit ?
        """,
        [plan.code, SYNTHETIC_SOURCE, run_id, indicators, districts, first_day, days, rows],
    )
    found = connection.execute(
        "select count(*) from measurements where plan_code = ? and source_id = ?", [plan.code, SYNTHETIC_SOURCE]
    ).fetchall()
    return int(found[0][0]) if found else 0


def build_synthetic_warehouse(data_dir: Path, plan: Plan, rows: int) -> int:
    """Sync ``plan`` into the warehouse in ``data_dir``, add ``rows`` synthetic measurements, publish."""
    warehouse = Warehouse(data_dir)
    with warehouse.writing() as connection:
        connection.execute("begin")
        sync_plan(connection, plan)
        connection.execute("commit")
        run_id = start_run(connection, source_id=SYNTHETIC_SOURCE, plan_code=plan.code, file_name=None, is_demo=True)
        connection.execute("begin")
        count = insert_synthetic_measurements(connection, plan, rows, run_id)
        finish_run(connection, run_id, status="loaded", rows_read=count, rows_loaded=count)
        connection.execute("commit")
    return count
