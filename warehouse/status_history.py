"""What a recompute changed: every node whose status moved, kept in ``status_changes``.

:func:`record_status_changes` is called by :func:`warehouse.progress_store.refresh_progress` with the
freshly computed node results, before the progress tables are rewritten, inside the same transaction:
the load that changes a status and the record of the change commit (or roll back) together. Only
nodes that had a stored status and now have another are recorded; a first load records nothing
(there was no status to change from).

The run a change belongs to is the load whose rows were recomputed (``run_id``), or else the one run marked ``running``
(a writer session holds the lock, and runs a dead process left ``running`` are marked interrupted
when the session opens). A recompute outside a load (a changed plan file at the writer's start) has
no run: its changes carry a null ``run_id``.

Readers: :mod:`warehouse.queries.status_changes` (the executive brief, alerts).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from gosterge.progress.results import NodeResult

#: the key of a node's progress row, and its status
COLUMNS = ("plan_code", "node_code", "area_level", "area_code", "status")


def record_status_changes(
    connection: duckdb.DuckDBPyConnection, nodes: Sequence[NodeResult], run_id: int | None = None
) -> int:
    """Store a row in ``status_changes`` for every node of ``nodes`` whose stored status in
    ``node_progress`` differs from its new one (call before ``node_progress`` is rewritten, in the
    writer's transaction). Returns the number of changes recorded."""
    if not nodes:
        return 0
    fresh = pa.table({column: pa.array([getattr(node, column) for node in nodes]) for column in COLUMNS})
    connection.register("fresh_statuses", fresh)
    try:
        row = connection.execute(
            """
            insert into status_changes
                (run_id, plan_code, node_code, area_level, area_code, old_status, new_status, changed_at)
            select coalesce($run, (select max(run_id) from load_runs where status = 'running')),
                   f.plan_code, f.node_code, f.area_level, f.area_code, p.status, f.status, now()::timestamp
            from fresh_statuses f
            join node_progress p
              on p.plan_code = f.plan_code and p.node_code = f.node_code
             and p.area_level = f.area_level and p.area_code = f.area_code
            where p.status <> f.status
            """,
            {"run": run_id},
        ).fetchone()
    finally:
        connection.unregister("fresh_statuses")
    return int(row[0]) if row else 0
