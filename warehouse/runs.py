"""Questions about load runs and loaded data, for the ETL's status, catch-up and demo decisions.

Each function answers one question on any connection (the writer's, or a
reader's cursor on the published snapshot). Timestamps are the writer's local
wall-clock time (``now()::timestamp``), returned as naive datetimes.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd


def plan_has_measurements(connection: duckdb.DuckDBPyConnection, plan_code: str) -> bool:
    """True when the plan has at least one measurement."""
    row = connection.execute("select exists (select 1 from measurements where plan_code = ?)", [plan_code]).fetchone()
    return bool(row and row[0])


def last_success_times(connection: duckdb.DuckDBPyConnection) -> dict[str, datetime]:
    """source id → when its newest successful run finished."""
    rows = connection.execute(
        """
        select source_id, max(finished_at)
        from load_runs
        where status = 'loaded'
        group by source_id
        """
    ).fetchall()
    return {source_id: finished for source_id, finished in rows if finished is not None}


def latest_runs(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per source: its newest run, with the time of its newest successful run and run counts."""
    return connection.execute(
        """
        with ranked as (
            select *, row_number() over (partition by source_id order by run_id desc) as newest
            from load_runs
        ),
        totals as (
            select source_id,
                   max(finished_at) filter (where status = 'loaded') as last_success_at,
                   count(*) as runs,
                   count(*) filter (where status = 'failed') as failed_runs
            from load_runs
            group by source_id
        )
        select r.source_id, r.plan_code, r.run_id, r.file_name, r.started_at, r.finished_at, r.status,
               r.rows_read, r.rows_loaded, r.rows_unchanged, r.rows_rejected, r.message, r.is_demo,
               t.last_success_at, t.runs, t.failed_runs
        from ranked r
        join totals t using (source_id)
        where r.newest = 1
        order by r.source_id
        """
    ).df()


def run_record(connection: duckdb.DuckDBPyConnection, run_id: int) -> dict[str, object] | None:
    """The load_runs row of one run, as a dict (None when unknown)."""
    cursor = connection.execute("select * from load_runs where run_id = ?", [run_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def record_source_schedules(connection: duckdb.DuckDBPyConnection, schedules: pd.DataFrame) -> None:
    """Replace the recorded schedules with ``schedules`` (columns source_id, plan_code, kind, schedule,
    interval_seconds, grace_seconds). Runs in the caller's transaction."""
    connection.execute("delete from source_schedules")
    if schedules.empty:
        return
    connection.register("schedules_frame", schedules)
    try:
        connection.execute(
            """
            insert into source_schedules
            select source_id, plan_code, kind, schedule, interval_seconds, grace_seconds, now()::timestamp
            from schedules_frame
            """
        )
    finally:
        connection.unregister("schedules_frame")
