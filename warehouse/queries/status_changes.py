"""Status changes: the nodes whose status a load moved up or down (``status_changes``, written by the
writer with every recompute: :mod:`warehouse.status_history`). Read by the executive brief and by alerts
("goals whose status worsened after a load")."""

from __future__ import annotations

import duckdb
import pandas as pd

from gosterge.progress.status import NOT_ASSESSED, NOT_AVAILABLE, STATUSES

#: the statuses that say how a node is doing, best first: a move to a later one is a move down.
#: Not available, not measured and informational say nothing of the kind: a move from or to one of
#: them is 'other' (a goal newly assessed, or no longer).
RANKED_STATUSES = tuple(status for status in STATUSES if status not in (NOT_AVAILABLE, *NOT_ASSESSED))
UP, DOWN, OTHER = "up", "down", "other"


def change_direction(old_status: str, new_status: str) -> str:
    """'up' when ``new_status`` is better than ``old_status`` (:data:`RANKED_STATUSES`), 'down' when
    worse, 'other' when either says nothing of how the node is doing or they are equal."""
    if old_status not in RANKED_STATUSES or new_status not in RANKED_STATUSES or old_status == new_status:
        return OTHER
    return UP if RANKED_STATUSES.index(new_status) < RANKED_STATUSES.index(old_status) else DOWN


def status_changes(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    run_id: int | None = None,
    scope: str | None = None,
    goals_only: bool = True,
    area_level: str = "province",
    area_code: str | None = None,
) -> pd.DataFrame:
    """The status changes of ``plan`` in one area (the province by default), newest first: those
    recorded by load ``run_id`` (every one when None), of goals only (or every node, the plan's own
    row included, with ``goals_only=False``), under ``scope`` (a node code; None: the whole plan).

    Columns: run_id, changed_at, node_code, depth (-1 for the plan), title_tr, title_en, area_level,
    area_code, old_status, new_status, direction ('up', 'down' or 'other': :func:`change_direction`).
    A node no longer in the plan keeps its code, with empty titles."""
    sql = """
        select c.run_id, c.changed_at, c.node_code, coalesce(n.depth, -1) as depth,
               n.title_tr, n.title_en, c.area_level, c.area_code, c.old_status, c.new_status,
               case when list_position($ranked, c.old_status) is null
                      or list_position($ranked, c.new_status) is null
                      or c.old_status = c.new_status then 'other'
                    when list_position($ranked, c.new_status) < list_position($ranked, c.old_status) then 'up'
                    else 'down' end as direction
        from status_changes c
        join plans pl on pl.plan_code = c.plan_code
        left join plan_nodes n on n.plan_code = c.plan_code and n.node_code = c.node_code
        where c.plan_code = $plan
          and c.area_level = $area_level and c.area_code = coalesce($area_code::varchar, pl.province_code)
          and ($run_id::bigint is null or c.run_id = $run_id::bigint)
          and ($scope::varchar is null or list_contains(n.path, $scope::varchar))
          and (not $goals_only or n.depth = (select max(depth) from plan_nodes where plan_code = $plan))
        order by c.changed_at desc, c.run_id desc nulls last, n.sort_key
    """
    parameters = {
        "plan": plan,
        "run_id": run_id,
        "scope": scope,
        "goals_only": goals_only,
        "area_level": area_level,
        "area_code": area_code,
        "ranked": list(RANKED_STATUSES),
    }
    return connection.execute(sql, parameters).df()
