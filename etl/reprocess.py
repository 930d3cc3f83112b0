"""The writer's side of re-process requests: run again the failed files reviewers asked for.

The web writes a request row in the operational database (:mod:`operations.reprocess`); this module,
run by the writer only (the scheduler's job every :data:`INTERVAL_SECONDS`, or
``python -m etl reprocess``), takes the pending requests in order. Each named file under failed/ is
read and loaded as a new run of its source under its original name: archived when it loads, set aside
again with a new report when it fails. The old copy and its report move to
``failed/<source>/reprocessed/`` (nothing is ever deleted), and the request gets the new run's id,
status and summary, which the data-quality page shows.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from sqlalchemy import Engine

from etl.jobs import RunReport, run_bytes
from etl.sources import Source
from gosterge.plan import Plan
from gosterge.settings import Settings
from operations.database import migrate, open_database
from operations.failed_files import REPORT_SUFFIX, STAMP, resolve
from operations.reprocess import ReprocessRequest, complete_request, pending_requests

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 10
REPROCESSED = "reprocessed"


def _keep_old_copy(path: Path) -> None:
    folder = path.parent / REPROCESSED
    folder.mkdir(exist_ok=True)
    for item in (path, Path(str(path) + REPORT_SUFFIX)):
        if item.exists():
            shutil.move(item, folder / item.name)


def run_request(
    settings: Settings, plans: dict[str, Plan], sources: dict[str, Source], request: ReprocessRequest
) -> RunReport | str:
    """Run one request's file; the report, or why it could not run."""
    source = sources.get(request.source_id)
    if source is None or source.plan_code not in plans:
        return f"source {request.source_id!r} is not configured any more"
    path = resolve(settings.failed_dir, request.file_path)
    if path is None:
        return f"{request.file_path}: the file is not in failed/ any more"
    report = run_bytes(settings, plans[source.plan_code], source, path.read_bytes(), STAMP.sub("", path.name, count=1))
    _keep_old_copy(path)
    return report


def process_pending(
    settings: Settings, plans: dict[str, Plan], sources: dict[str, Source], engine: Engine
) -> list[ReprocessRequest]:
    """Run every pending request, oldest first; returns the requests handled."""
    handled = pending_requests(engine)
    for request in handled:
        try:
            outcome = run_request(settings, plans, sources, request)
        except Exception as error:  # noqa: BLE001 - one bad request must not stop the others
            logger.exception("re-process request %d failed", request.request_id)
            outcome = f"{type(error).__name__}: {error}"
        if isinstance(outcome, str):
            complete_request(engine, request.request_id, outcome_run_id=None, outcome_status="failed", message=outcome)
            continue
        logger.info("re-process request %d: %s", request.request_id, outcome.summary())
        complete_request(
            engine,
            request.request_id,
            outcome_run_id=outcome.run_id,
            outcome_status=outcome.status,
            message=outcome.summary(),
        )
    return handled


def reprocess_job(settings: Settings, plans: dict[str, Plan], sources: dict[str, Source]) -> None:
    """The scheduler's job: open the operational database, run what is pending, close it."""
    engine = open_database(settings)
    try:
        migrate(engine)
        process_pending(settings, plans, sources, engine)
    except Exception:  # noqa: BLE001 - a scheduler thread must survive any failure
        logger.exception("re-process requests could not be handled")
    finally:
        engine.dispose()
