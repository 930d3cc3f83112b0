"""Questions the alerts ask the published snapshot: loads that failed or rejected rows, and statuses a
load changed (read by :mod:`etl.alerts`, which turns them into notifications).

Times here are the writer's local wall-clock time, as every warehouse timestamp (``now()::timestamp``).
``status_changes`` is written by the writer when progress is recomputed; a snapshot made before that
table existed has none, and the question answers with no rows.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

STATUS_CHANGE_COLUMNS = [
    "run_id",
    "plan_code",
    "node_code",
    "area_level",
    "area_code",
    "old_status",
    "new_status",
    "changed_at",
]


def load_problems(connection: duckdb.DuckDBPyConnection, *, since: datetime) -> pd.DataFrame:
    """Runs ended since ``since`` that failed, were interrupted, or loaded with rejected rows: run id,
    plan (null: a run that failed before its plan was known), source, file, status (failed,
    interrupted, loaded), rows read and rejected, and when it ended, oldest first."""
    return connection.execute(
        """
        select run_id, plan_code, source_id, file_name,
               case when status = 'running' then 'interrupted' else status end as status,
               rows_read, rows_rejected, coalesce(finished_at, started_at) as ended_at
        from load_runs
        where coalesce(finished_at, started_at) >= $since
          and (status in ('failed', 'interrupted', 'running') or (status = 'loaded' and rows_rejected > 0))
        order by run_id
        """,
        {"since": since},
    ).df()


def has_status_changes(connection: duckdb.DuckDBPyConnection) -> bool:
    """True when the snapshot has the ``status_changes`` table."""
    row = connection.execute(
        "select count(*) from duckdb_tables() where database_name = current_database()"
        " and table_name = 'status_changes' and schema_name = 'main'"
    ).fetchone()
    return bool(row and row[0])


def status_changes_since(
    connection: duckdb.DuckDBPyConnection, *, since: datetime, area_level: str = "province"
) -> pd.DataFrame:
    """Every recorded status change of a node in ``area_level`` since ``since``, oldest first (no rows
    when the snapshot has no ``status_changes`` table)."""
    if not has_status_changes(connection):
        return pd.DataFrame(columns=STATUS_CHANGE_COLUMNS)
    return connection.execute(
        """
        select run_id, plan_code, node_code, area_level, area_code, old_status, new_status, changed_at
        from status_changes
        where changed_at >= $since and area_level = $area_level
        order by changed_at, plan_code, node_code
        """,
        {"since": since, "area_level": area_level},
    ).df()
