"""Re-process requests: the web asks the warehouse's single writer to run a fixed failed file again.

The web never opens the warehouse for writing. A reviewer's request is a row here (``pending``); the
ETL's writer (the scheduler's job, or ``python -m etl reprocess``) takes the pending rows in order,
runs each file and writes the outcome back (``done``, with the new run's id and status), which the
data-quality page shows when it lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update

from operations import audit
from operations.tables import reprocess_requests, utc_now

PENDING = "pending"
DONE = "done"


@dataclass(frozen=True)
class ReprocessRequest:
    request_id: int
    plan_code: str
    source_id: str
    run_id: int
    file_path: str
    requested_by: str
    requested_at: datetime
    status: str
    outcome_run_id: int | None
    outcome_status: str | None
    message: str | None
    handled_at: datetime | None


def request_reprocess(
    engine: Engine, *, plan_code: str, source_id: str, run_id: int, file_path: str, requested_by: str
) -> ReprocessRequest:
    """Ask for the failed file ``file_path`` (relative to failed/) of ``run_id`` to be run again.

    A pending request for the same run is returned as it is rather than doubled."""
    with engine.begin() as connection:
        existing = connection.execute(
            select(reprocess_requests).where(
                reprocess_requests.c.run_id == run_id, reprocess_requests.c.status == PENDING
            )
        ).first()
        if existing is not None:
            return ReprocessRequest(**existing._mapping)
        connection.execute(
            reprocess_requests.insert().values(
                plan_code=plan_code,
                source_id=source_id,
                run_id=run_id,
                file_path=file_path,
                requested_by=requested_by,
                requested_at=utc_now(),
                status=PENDING,
            )
        )
        audit.record(connection, "reprocess_requested", actor=requested_by, subject=f"run {run_id}", details=file_path)
        row = connection.execute(
            select(reprocess_requests)
            .where(reprocess_requests.c.run_id == run_id, reprocess_requests.c.status == PENDING)
            .order_by(reprocess_requests.c.request_id.desc())
        ).first()
        assert row is not None
        return ReprocessRequest(**row._mapping)


def pending_requests(engine: Engine) -> list[ReprocessRequest]:
    """The requests still to run, oldest first."""
    query = (
        select(reprocess_requests)
        .where(reprocess_requests.c.status == PENDING)
        .order_by(reprocess_requests.c.request_id)
    )
    with engine.connect() as connection:
        return [ReprocessRequest(**row._mapping) for row in connection.execute(query)]


def requests_for_runs(engine: Engine, run_ids: list[int]) -> dict[int, ReprocessRequest]:
    """The newest request for each of ``run_ids`` that has one."""
    if not run_ids:
        return {}
    query = (
        select(reprocess_requests)
        .where(reprocess_requests.c.run_id.in_(run_ids))
        .order_by(reprocess_requests.c.request_id)
    )
    with engine.connect() as connection:
        return {row.run_id: ReprocessRequest(**row._mapping) for row in connection.execute(query)}


def complete_request(
    engine: Engine, request_id: int, *, outcome_run_id: int | None, outcome_status: str, message: str
) -> None:
    """The writer's answer to a request: the new run and how it went."""
    with engine.begin() as connection:
        connection.execute(
            update(reprocess_requests)
            .where(reprocess_requests.c.request_id == request_id)
            .values(
                status=DONE,
                outcome_run_id=outcome_run_id,
                outcome_status=outcome_status,
                message=message,
                handled_at=utc_now(),
            )
        )
