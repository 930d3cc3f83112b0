"""What the one writer did with the approved entries (table ``entry_loads``, written by the ETL's entries
source in the load's own transaction, docs/entries.md): the newest handled version of each entry, loaded
or rejected, its run, and for a rejected one the reasons kept in ``rejected_rows`` (the entries source
stores the entry id as the row number). Read by the entry page and an entry's history, so that a unit
sees that its approved value is in the warehouse, or why it is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.queries.brief import has_table

LOADED = "loaded"
REJECTED = "rejected"


@dataclass(frozen=True)
class Rejection:
    """One reason a version was refused: its code, the code's values (JSON text) and the ETL's English line."""

    code: str | None
    values: str | None
    text: str


@dataclass(frozen=True)
class LoadOutcome:
    """The newest version of an entry the writer handled."""

    version: int
    outcome: str  # loaded | rejected
    run_id: int
    reasons: tuple[Rejection, ...] = ()


def entry_load_outcomes(
    connection: duckdb.DuckDBPyConnection, *, plan: str, entry_ids: list[int]
) -> dict[int, LoadOutcome]:
    """Entry id → the newest handled version of each of ``entry_ids`` that the writer has handled."""
    if not entry_ids or not has_table(connection, "entry_loads"):
        return {}
    rows = connection.execute(
        """
        with newest as (
            select entry_id, version, outcome, run_id
            from entry_loads
            where plan_code = $plan and list_contains($ids, entry_id)
            qualify row_number() over (partition by entry_id order by version desc, run_id desc) = 1
        )
        select n.entry_id, n.version, n.outcome, n.run_id, r.reason_code, r.reason_values::varchar, r.reason
        from newest n
        left join rejected_rows r
          on n.outcome = 'rejected' and r.run_id = n.run_id and r.row_number = n.entry_id
        order by n.entry_id, r.column_name
        """,
        {"plan": plan, "ids": entry_ids},
    ).fetchall()
    found: dict[int, LoadOutcome] = {}
    for entry_id, version, outcome, run_id, code, values, text in rows:
        known = found.get(int(entry_id)) or LoadOutcome(int(version), str(outcome), int(run_id))
        if text is not None:
            known = LoadOutcome(
                known.version, known.outcome, known.run_id, (*known.reasons, Rejection(code, values, text))
            )
        found[int(entry_id)] = known
    return found
