"""Questions of the data-quality page (reviewers and admins): load history, a run's rejected rows, and
each source's schedule beside its newest successful load.

Each function answers one question on a reader's cursor of the published snapshot. The snapshot only
holds finished work: a run still ``running`` in it never finished (the writer stopped), so the page
calls it interrupted. A run the writer committed but has not published (:mod:`warehouse.unpublished`)
is not in the snapshot: :func:`load_history` adds the noted ones, a loaded one as loaded, not published.
"""

from __future__ import annotations

import duckdb
import pandas as pd

NOT_PUBLISHED = "loaded_not_published"
STATUSES = ("loaded", NOT_PUBLISHED, "failed", "interrupted")


def load_history(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    source: str | None = None,
    status: str | None = None,
    limit: int = 200,
    unpublished: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The newest ``limit`` runs of ``plan`` (and runs of no plan), newest first, optionally of one
    ``source`` and one ``status`` (:data:`STATUSES`): run id, source, file, start, end, status, rows read /
    loaded / unchanged / rejected, duration in seconds and message. ``unpublished``: the runs the writer
    noted as committed but not published (:func:`warehouse.unpublished.read_unpublished`); those the
    snapshot does not hold are added, a loaded one as loaded, not published."""
    history = connection.execute(
        """
        select run_id, plan_code, source_id, file_name, started_at, finished_at,
               case when status = 'running' then 'interrupted' else status end as status,
               rows_read, rows_loaded, rows_unchanged, rows_rejected, message, is_demo,
               date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds
        from load_runs
        where (plan_code = $plan or plan_code is null)
          and ($source::varchar is null or source_id = $source::varchar)
          and ($status::varchar is null
               or (case when status = 'running' then 'interrupted' else status end) = $status::varchar)
        order by run_id desc
        limit $limit
        """,
        {"plan": plan, "source": source, "status": status, "limit": limit},
    ).df()
    if unpublished is None or unpublished.empty:
        return history
    held = connection.execute(
        "select run_id from load_runs where list_contains(?, run_id)", [unpublished["run_id"].astype(int).tolist()]
    ).fetchall()
    pending = unpublished[~unpublished["run_id"].isin([row[0] for row in held])].copy()
    pending["status"] = pending["status"].replace({"loaded": NOT_PUBLISHED, "running": "interrupted"})
    pending["seconds"] = (pending["finished_at"] - pending["started_at"]).dt.total_seconds()
    keep = (pending["plan_code"] == plan) | pending["plan_code"].isna()
    if source is not None:
        keep &= pending["source_id"] == source
    if status is not None:
        keep &= pending["status"] == status
    pending = pending.loc[keep, list(history.columns)]
    if pending.empty:
        return history
    merged = pd.concat([pending, history], ignore_index=True) if len(history) else pending
    return merged.sort_values("run_id", ascending=False).head(limit).reset_index(drop=True)


def run_sources(connection: duckdb.DuckDBPyConnection, *, plan: str) -> list[str]:
    """The source ids that ran for ``plan``, in order (the history's source filter)."""
    rows = connection.execute(
        "select distinct source_id from load_runs where plan_code = ? or plan_code is null order by source_id",
        [plan],
    ).fetchall()
    return [row[0] for row in rows]


def rejected_rows(connection: duckdb.DuckDBPyConnection, *, run_id: int, limit: int = 500) -> pd.DataFrame:
    """The first ``limit`` rejected rows of one run, in file order: line, column, value, the ETL's English
    reason, and its code and values (JSON text; null in rows stored before codes, see
    :mod:`gosterge.rejections`)."""
    return connection.execute(
        """
        select row_number, column_name, value, reason, reason_code, reason_values::varchar as reason_values
        from rejected_rows
        where run_id = ?
        order by row_number nulls first, column_name
        limit ?
        """,
        [run_id, limit],
    ).df()


def source_status(connection: duckdb.DuckDBPyConnection, *, plan: str) -> pd.DataFrame:
    """Each source of ``plan`` that has a recorded schedule or a run: kind, schedule (cron, Europe/Istanbul),
    the longest gap between scheduled runs plus the grace, its newest successful load and newest run."""
    return connection.execute(
        """
        with known as (
            select source_id from source_schedules where plan_code = $plan
            union
            select source_id from load_runs where plan_code = $plan
        ),
        loads as (
            select source_id,
                   max(finished_at) filter (where status = 'loaded') as last_success_at,
                   max(run_id) as newest_run_id
            from load_runs
            group by source_id
        )
        select k.source_id, s.kind, s.schedule, s.interval_seconds + s.grace_seconds as allowed_seconds,
               l.last_success_at, l.newest_run_id
        from known k
        left join source_schedules s using (source_id)
        left join loads l using (source_id)
        order by k.source_id
        """,
        {"plan": plan},
    ).df()
