"""Load runs, rejected rows and the measurement upsert that keeps every revision."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

MEASUREMENT_COLUMNS = (
    "plan_code",
    "indicator_code",
    "area_level",
    "area_code",
    "period",
    "period_type",
    "year",
    "period_end",
    "value",
    "source_id",
    "is_demo",
)
REJECTED_COLUMNS = (
    "plan_code",
    "source_id",
    "file_name",
    "row_number",
    "column_name",
    "value",
    "reason",
    "raw_row",
    "reason_code",  # gosterge.rejections.ReasonCode
    "reason_values",  # its values, JSON
)


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int
    revised: int
    unchanged: int

    @property
    def loaded(self) -> int:
        return self.inserted + self.revised


def start_run(
    connection: duckdb.DuckDBPyConnection,
    *,
    source_id: str,
    plan_code: str | None,
    file_name: str | None,
    is_demo: bool = False,
) -> int:
    """Record a run as 'running' (committed at once, so a crash leaves a trace) and return its id."""
    row = connection.execute(
        """
        insert into load_runs (run_id, plan_code, source_id, file_name, started_at, status, is_demo)
        values (nextval('run_ids'), ?, ?, ?, now()::timestamp, 'running', ?)
        returning run_id
        """,
        [plan_code, source_id, file_name, is_demo],
    ).fetchone()
    assert row is not None
    return int(row[0])


def finish_run(
    connection: duckdb.DuckDBPyConnection,
    run_id: int,
    *,
    status: str,
    rows_read: int = 0,
    rows_loaded: int = 0,
    rows_unchanged: int = 0,
    rows_rejected: int = 0,
    message: str = "",
) -> None:
    connection.execute(
        """
        update load_runs
        set status = ?, finished_at = now()::timestamp, rows_read = ?, rows_loaded = ?,
            rows_unchanged = ?, rows_rejected = ?, message = ?
        where run_id = ?
        """,
        [status, rows_read, rows_loaded, rows_unchanged, rows_rejected, message, run_id],
    )


def store_rejected(connection: duckdb.DuckDBPyConnection, run_id: int, rejected: pd.DataFrame) -> None:
    """Keep rejected rows for review; ``rejected`` has the columns of REJECTED_COLUMNS."""
    if rejected.empty:
        return
    frame = rejected.reindex(columns=list(REJECTED_COLUMNS))  # a frame without reason codes stores none
    frame.insert(0, "run_id", run_id)
    frame["value"] = frame["value"].astype("string")
    frame["raw_row"] = frame["raw_row"].astype("string")
    frame["reason_code"] = frame["reason_code"].astype("string")
    frame["reason_values"] = frame["reason_values"].astype("string")
    connection.register("rejected_frame", frame)
    try:
        connection.execute("insert into rejected_rows by name select * from rejected_frame")
    finally:
        connection.unregister("rejected_frame")


def upsert_measurements(connection: duckdb.DuckDBPyConnection, run_id: int, measurements: pd.DataFrame) -> UpsertCounts:
    """Insert new measurements, revise changed ones (keeping the old value), skip equal ones.

    ``measurements`` has the columns of MEASUREMENT_COLUMNS and unique keys
    (plan_code, indicator_code, area_code, period). Runs in the caller's transaction.
    """
    if measurements.empty:
        return UpsertCounts(0, 0, 0)
    frame = measurements.loc[:, list(MEASUREMENT_COLUMNS)]
    if not _has_measurements(connection, frame["plan_code"].unique().tolist()):
        return _insert_first_delivery(connection, run_id, frame)
    connection.register("incoming_frame", frame)
    try:
        connection.execute("create or replace temp table staged as select * from incoming_frame")
    finally:
        connection.unregister("incoming_frame")
    counts = connection.execute(
        """
        select
            count(*) filter (where m.value is null),
            count(*) filter (where m.value is not null and m.value <> s.value),
            count(*) filter (where m.value = s.value)
        from staged s
        left join measurements m
            on m.plan_code = s.plan_code and m.indicator_code = s.indicator_code
           and m.area_code = s.area_code and m.period = s.period
        """
    ).fetchone()
    assert counts is not None
    inserted, revised, unchanged = (int(value) for value in counts)
    if revised:
        connection.execute(
            """
            insert into measurement_revisions
            select m.plan_code, m.indicator_code, m.area_level, m.area_code, m.period, m.value,
                   m.source_id, m.run_id, m.loaded_at, m.is_demo, m.revision, ?, now()::timestamp
            from measurements m
            join staged s
              on m.plan_code = s.plan_code and m.indicator_code = s.indicator_code
             and m.area_code = s.area_code and m.period = s.period
            where m.value <> s.value
            """,
            [run_id],
        )
        connection.execute(
            """
            update measurements m
            set value = s.value, source_id = s.source_id, run_id = ?, loaded_at = now()::timestamp,
                is_demo = s.is_demo, revision = m.revision + 1
            from staged s
            where m.plan_code = s.plan_code and m.indicator_code = s.indicator_code
              and m.area_code = s.area_code and m.period = s.period and m.value <> s.value
            """,
            [run_id],
        )
    if inserted:
        connection.execute(
            """
            insert into measurements
            select s.plan_code, s.indicator_code, s.area_level, s.area_code, s.period, s.period_type,
                   s.year, s.period_end, s.value, s.source_id, ?, now()::timestamp, s.is_demo, 1
            from staged s
            anti join measurements m
              on m.plan_code = s.plan_code and m.indicator_code = s.indicator_code
             and m.area_code = s.area_code and m.period = s.period
            """,
            [run_id],
        )
    connection.execute("drop table staged")
    return UpsertCounts(inserted, revised, unchanged)


def _has_measurements(connection: duckdb.DuckDBPyConnection, plan_codes: list[str]) -> bool:
    rows = connection.execute(
        "select exists (select 1 from measurements where list_contains(?, plan_code))", [plan_codes]
    ).fetchall()  # fetched to the end: register() refuses an open result
    return bool(rows[0][0])


def _insert_first_delivery(connection: duckdb.DuckDBPyConnection, run_id: int, frame: pd.DataFrame) -> UpsertCounts:
    """The first measurements of their plans: nothing to compare with, so every row is new and is inserted
    straight from the frame (no staging table, no joins). DuckDB scans an Arrow table in parallel, a
    DataFrame not, which matters for the primary-key index the insert builds."""
    connection.register("incoming_table", pa.Table.from_pandas(frame, preserve_index=False))
    try:
        connection.execute(
            """
            insert into measurements
            select plan_code, indicator_code, area_level, area_code, period, period_type, year, period_end, value,
                   source_id, ?, now()::timestamp, is_demo, 1
            from incoming_table
            """,
            [run_id],
        )
    finally:
        connection.unregister("incoming_table")
    return UpsertCounts(len(frame), 0, 0)


#: what a run left "running" by a process that died becomes at the next writer session
INTERRUPTED_MESSAGE = "interrupted: the process running this load stopped before it finished (nothing of it was kept)"


def mark_interrupted(connection: duckdb.DuckDBPyConnection) -> list[int]:
    """Runs still 'running' when a writer session starts were left by a process that died (the writer lock is
    held for a run's whole session, so no live process owns them): they become 'interrupted'. Returns their
    ids."""
    rows = connection.execute(
        """
        update load_runs
        set status = 'interrupted', finished_at = now()::timestamp, message = ?
        where status = 'running'
        returning run_id
        """,
        [INTERRUPTED_MESSAGE],
    ).fetchall()
    return sorted(int(row[0]) for row in rows)
