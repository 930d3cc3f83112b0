"""The writer's side of approved entries: their explanations and which entry versions were handled.

Both run in the load's transaction (:func:`etl.jobs` calls them through the entries run, see
:mod:`etl.entries`), so the explanations, the measurements and the record of what was handled commit
together or not at all.
"""

from __future__ import annotations

import duckdb
import pandas as pd

EXPLANATION_COLUMNS = (
    "plan_code",
    "indicator_code",
    "area_level",
    "area_code",
    "year",
    "period",
    "reason",
    "measures",
    "source_note",
    "unit",
    "entered_by",
    "approved_by",
    "approved_at",
    "run_id",
)
ENTRY_LOAD_COLUMNS = ("plan_code", "entry_id", "version", "run_id", "outcome")
LOADED = "loaded"
REJECTED = "rejected"


def store_explanations(connection: duckdb.DuckDBPyConnection, explanations: pd.DataFrame) -> None:
    """Insert or replace one explanation per (plan, indicator, area, entry period);
    ``explanations`` has the columns of :data:`EXPLANATION_COLUMNS`."""
    if explanations.empty:
        return
    frame = explanations.loc[:, list(EXPLANATION_COLUMNS)]
    connection.register("explanation_frame", frame)
    try:
        connection.execute(
            """
            insert or replace into explanations by name
            select plan_code, indicator_code, area_level, area_code, year::integer as year, period, reason,
                   measures, source_note, unit, entered_by, approved_by, approved_at::timestamp as approved_at,
                   run_id::bigint as run_id
            from explanation_frame
            """
        )
    finally:
        connection.unregister("explanation_frame")


def record_entry_loads(connection: duckdb.DuckDBPyConnection, handled: pd.DataFrame) -> None:
    """Record how each entry version was handled (:data:`ENTRY_LOAD_COLUMNS`; outcome loaded | rejected)."""
    if handled.empty:
        return
    connection.register("entry_load_frame", handled.loc[:, list(ENTRY_LOAD_COLUMNS)])
    try:
        connection.execute(
            """
            insert or replace into entry_loads by name
            select plan_code, entry_id::bigint as entry_id, version::integer as version, run_id::bigint as run_id,
                   outcome
            from entry_load_frame
            """
        )
    finally:
        connection.unregister("entry_load_frame")


def entry_outcomes(
    connection: duckdb.DuckDBPyConnection, *, plan: str, entry_ids: list[int]
) -> dict[tuple[int, int], tuple[str, int]]:
    """(entry id, version) → (outcome, run id) for the handled versions of ``entry_ids``."""
    if not entry_ids:
        return {}
    rows = connection.execute(
        """
        select entry_id, version, outcome, run_id
        from entry_loads
        where plan_code = ? and list_contains(?, entry_id)
        """,
        [plan, entry_ids],
    ).fetchall()
    return {(int(entry_id), int(version)): (str(outcome), int(run_id)) for entry_id, version, outcome, run_id in rows}
