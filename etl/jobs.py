"""Jobs: plain functions that run a source now (from the CLI, the scheduler or a test).

One file = one run = one writer session:

1. read and validate the file (no lock held);
2. in :meth:`Warehouse.writing`: sync the plan, ``start_run`` (committed at
   once), then ONE transaction: upsert the measurements, store the rejected
   rows, recompute the plan's progress, ``finish_run`` with the counts, after
   checking rows read = loaded + unchanged + rejected; commit. The snapshot is
   published when the session ends, so readers never see measurements whose
   statuses are stale;
3. archive the file (or set it aside with a report when the run failed).

A file that cannot be read, or a load that fails, leaves the warehouse's data
as it was: the run is recorded as failed with the message, nothing else.

A source runs under the data folder's run lock (:mod:`etl.run_lock`), after
:meth:`Warehouse.recover` (runs a dead process left running become
interrupted; a load committed but not published is published). Inbox files
are read only when complete (:mod:`etl.inbox`), no larger than
``GOSTERGE_MAX_FILE_MB`` (checked before reading) and within
``GOSTERGE_FILE_TIME_LIMIT_SECONDS`` of reading and validating. The file goes
to the archive when its rows are in the warehouse, to failed/ only when they
are not and the fault is the file's; out of disk space or a busy warehouse
leave it where it is. What was loaded and what was published are reported
separately (:class:`etl.reports.RunReport`).
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import date
from pathlib import Path

from tqdm import tqdm

from etl.entries import InTransaction, run_entries
from etl.extract import Extracted, ExtractError, extract
from etl.extract.http import FetchError, download_name, fetch
from etl.files import archive_file, failure_report, set_aside
from etl.inbox import FileChanged, FileTooLarge, cut_short, read_whole, settled_files
from etl.reports import RunReport
from etl.run_lock import run_lock
from etl.sources import ENTRIES, Source
from etl.time_limit import TimeLimitExceeded, within
from etl.validate import Validation, validate
from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Warehouse, WarehouseBusy, describe_failure, out_of_space
from warehouse.loading import finish_run, start_run, store_rejected, upsert_measurements
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import refresh_progress

logger = logging.getLogger(__name__)
PROGRESS_BAR_BYTES = 1 << 20
__all__ = ["AccountingError", "RunReport", "run_bytes", "run_file", "run_source"]


class AccountingError(RuntimeError):
    """Rows read ≠ loaded + unchanged + rejected: the run is refused rather than recorded wrongly."""


def run_source(
    settings: Settings,
    plans: dict[str, Plan],
    source: Source,
    *,
    progress: bool = False,
    settle_seconds: float | None = None,
) -> list[RunReport]:
    """Run ``source`` now: every complete file waiting in an inbox, the fixed file, or the URL. One report
    per file, in the data folder's run lock (waiting up to ``GOSTERGE_RUN_WAIT_SECONDS``).

    ``settle_seconds``: how long an inbox file must stay unchanged before it is read (default
    ``GOSTERGE_SETTLE_SECONDS``).

    Raises:
        etl.run_lock.RunInProgress: another run kept the data folder for longer than the wait.
    """
    plan = plans[source.plan_code]
    settings.ensure_dirs()
    with run_lock(settings.data_dir, settings.run_wait_seconds):
        if source.kind == ENTRIES:  # approved entries (etl/entries.py): recovered only when some are waiting
            return run_entries(settings, plan, source, load=_load, recover=_recover)
        _recover(settings)
        if source.kind == "inbox":
            assert source.path is not None
            source.path.mkdir(parents=True, exist_ok=True)
            settle = settings.settle_seconds if settle_seconds is None else settle_seconds
            ready, unsettled, vanished = settled_files(source, settle)
            reports = [
                RunReport.waiting(source.id, source.plan_code, item.path.name, item.reason) for item in unsettled
            ]
            reports += [RunReport.vanished(source.id, source.plan_code, path.name) for path in vanished]
            return reports + [run_file(settings, plan, source, path, progress=progress) for path in ready]
        if source.kind == "file":
            assert source.path is not None
            if not source.path.is_file():
                message = f"{source.path}: the file does not exist"
                return [_record_failure(settings, plan, source, source.path.name, message, data=None, origin=None)]
            return [run_file(settings, plan, source, source.path, progress=progress)]
        assert source.url is not None
        file_name = download_name(source)
        started = time.monotonic()
        try:
            data = fetch(source.url, source.http)
        except FetchError as error:
            return [_record_failure(settings, plan, source, file_name, str(error), data=None, origin=None)]
        return [run_bytes(settings, plan, source, data, file_name, progress=progress, started=started)]


def _recover(settings: Settings) -> None:
    """Before a run: what a killed run left behind is recovered, a load not yet published is published."""
    try:
        recovery = Warehouse(settings.data_dir).recover(wait_seconds=settings.run_wait_seconds)
    except Exception as error:  # noqa: BLE001 - busy, out of disk space…: the run's own session tries again
        logger.warning("recovery before the run was not possible: %s", describe_failure(error))
        return
    if recovery.publish_problem:
        logger.error("a committed load is still not published: %s", recovery.publish_problem)
    elif recovery.published:
        logger.info("published what an earlier session had committed but not published")


def run_file(settings: Settings, plan: Plan, source: Source, path: Path, *, progress: bool = False) -> RunReport:
    """Load one file of ``source``; an inbox file is moved to the archive (or to failed/). A file larger
    than ``GOSTERGE_MAX_FILE_MB`` fails without being read; one that changes while read, or is cut short,
    is left where it is."""
    started = time.monotonic()
    with run_lock(settings.data_dir, settings.run_wait_seconds):
        try:
            data = read_whole(path, source.limits.max_file_bytes)
        except FileNotFoundError:
            return RunReport.vanished(source.id, source.plan_code, path.name)
        except FileChanged as error:
            return RunReport.waiting(source.id, source.plan_code, path.name, str(error))
        except FileTooLarge as error:
            return _record_failure(settings, plan, source, path.name, str(error), data=None, origin=path)
        except OSError as error:
            return RunReport.waiting(
                source.id, source.plan_code, path.name, f"cannot be read now ({describe_failure(error)})"
            )
        problem = cut_short(data, source)
        if problem is not None:
            return RunReport.waiting(source.id, source.plan_code, path.name, problem)
        return run_bytes(settings, plan, source, data, path.name, origin=path, progress=progress, started=started)


def run_bytes(
    settings: Settings,
    plan: Plan,
    source: Source,
    data: bytes,
    file_name: str,
    *,
    origin: Path | None = None,
    progress: bool = False,
    started: float | None = None,
) -> RunReport:
    """Extract, validate and load ``data`` (the content of ``file_name``) in one run."""
    started = started if started is not None else time.monotonic()
    bar = tqdm(
        total=4,
        desc=file_name,
        unit="step",
        file=sys.stderr,
        leave=False,
        disable=not progress or len(data) < PROGRESS_BAR_BYTES,
    )
    try:
        bar.set_postfix_str("reading")
        try:
            extracted, validation = within(
                settings.file_time_limit_seconds, lambda: _read(data, source, plan, file_name, bar)
            )
        except ExtractError as error:
            return _record_failure(
                settings, plan, source, file_name, str(error), data=data, origin=origin, started=started
            )
        except TimeLimitExceeded:
            message = (
                f"{file_name}: reading and validating took longer than the limit of "
                f"{settings.file_time_limit_seconds:g} s (GOSTERGE_FILE_TIME_LIMIT_SECONDS)"
            )
            return _record_failure(
                settings, plan, source, file_name, message, data=data, origin=origin, started=started
            )
        except Exception as error:  # noqa: BLE001 - a reader bug must not leave the file failing run after run
            logger.exception("reading %s of %s failed unexpectedly", file_name, source.id)
            message = f"{file_name}: could not be read ({type(error).__name__}: {error})"
            return _record_failure(
                settings, plan, source, file_name, message, data=data, origin=origin, started=started
            )
        bar.set_postfix_str("loading")
        report = RunReport.validated(
            source.id, plan.code, file_name, validation, extracted.details, extracted.rows_skipped
        )
        report.message = _run_message(extracted.details, validation, extracted.rows_skipped)
        try:
            report.publish_problem = _load(settings, plan, source, validation, report)
        except Exception as error:  # noqa: BLE001 - any load failure is recorded; the file kept by whose fault
            return _load_failed(settings, source, report, error, data, origin, started)
        bar.update()
        bar.set_postfix_str("archiving")
        try:
            report.kept_at = archive_file(settings, source, file_name, data, origin, move=_moves(source, origin))
        except OSError as error:
            report.file_note = (
                f"the file could not be archived ({describe_failure(error)}): it stays where it is, "
                "and loading it again changes nothing"
            )
        bar.update()
    finally:
        bar.close()
    report.seconds = time.monotonic() - started
    (logger.warning if report.publish_problem or report.file_note else logger.info)("%s", report.summary())
    return report


def _read(data: bytes, source: Source, plan: Plan, file_name: str, bar: tqdm) -> tuple[Extracted, Validation]:
    extracted = extract(data, source, plan, file_name)
    bar.update()
    bar.set_postfix_str("validating")
    validation = validate(extracted, plan, source_id=source.id, decimal=source.decimal, is_demo=source.is_demo)
    bar.update()
    return extracted, validation


def _moves(source: Source, origin: Path | None) -> bool:
    return source.kind == "inbox" and origin is not None


def _load_failed(
    settings: Settings,
    source: Source,
    report: RunReport,
    error: Exception,
    data: bytes,
    origin: Path | None,
    started: float,
) -> RunReport:
    """A load that did not commit: nothing of the file is in the warehouse. The file goes to failed/ when
    the fault may be its own; out of disk space or a busy warehouse leave it where it is, for the next run."""
    report.status = "failed"
    report.rows_inserted = report.rows_revised = report.rows_unchanged = 0
    report.seconds = time.monotonic() - started
    if isinstance(error, WarehouseBusy):
        report.message = f"{error}; nothing was loaded"
        report.file_note = "the file stays where it is for the next run"
    elif out_of_space(error):
        report.message = f"{report.file_name}: the load failed: {describe_failure(error)}; nothing was loaded"
        report.file_note = "the file stays where it is for the next run (free some space)"
    else:
        logger.error("run of %s failed while loading %s", source.id, report.file_name, exc_info=error)
        report.message = f"{report.file_name}: the load failed: {describe_failure(error)}"
        _set_aside(settings, source, report, data, origin)
    logger.error("%s", report.summary())
    return report


def _set_aside(settings: Settings, source: Source, report: RunReport, data: bytes | None, origin: Path | None) -> None:
    """The file and its report under failed/; when they cannot be written the file stays where it is."""
    try:
        report.kept_at = set_aside(
            settings,
            source,
            report.file_name,
            data,
            origin,
            failure_report(source, report.file_name, report.message, report.run_id),
            move=_moves(source, origin),
        )
    except OSError as error:
        report.file_note = f"the file stays where it is: its report could not be written ({describe_failure(error)})"


def _load(
    settings: Settings,
    plan: Plan,
    source: Source,
    validation: Validation,
    report: RunReport,
    in_transaction: InTransaction | None = None,
) -> str | None:
    """The writer session of one run; returns why its snapshot could not be published (None: published).
    A failure is recorded, published, then raised. ``in_transaction(connection, run_id)`` commits with the rows."""
    failure: Exception | None = None
    warehouse = Warehouse(settings.data_dir)
    with warehouse.writing() as connection:
        with warehouse.transaction():
            plan_changed = sync_plan(connection, plan)
        report.run_id = start_run(
            connection, source_id=source.id, plan_code=plan.code, file_name=report.file_name, is_demo=source.is_demo
        )
        try:
            with warehouse.transaction():
                counts = upsert_measurements(connection, report.run_id, validation.measurements)
                store_rejected(connection, report.run_id, validation.problems)
                if in_transaction is not None:
                    in_transaction(connection, report.run_id)
                if counts.loaded or plan_changed:
                    refresh_progress(
                        connection,
                        plan,
                        evaluation_year=date.today().year,
                        coverage_floor=settings.coverage_floor,
                        cap_realization=settings.cap_realization,
                        run_id=report.run_id,  # what this load's rows change (the whole plan when it changed)
                    )
                report.rows_inserted, report.rows_revised = counts.inserted, counts.revised
                report.rows_unchanged = counts.unchanged + validation.rows_repeated
                accounted = report.rows_loaded + report.rows_unchanged + report.rows_rejected
                if accounted != report.rows_read:
                    raise AccountingError(
                        f"rows read {report.rows_read} ≠ loaded {report.rows_loaded} + unchanged "
                        f"{report.rows_unchanged} + rejected {report.rows_rejected}"
                    )
                finish_run(
                    connection,
                    report.run_id,
                    status="loaded",
                    rows_read=report.rows_read,
                    rows_loaded=report.rows_loaded,
                    rows_unchanged=report.rows_unchanged,
                    rows_rejected=report.rows_rejected,
                    message=report.message,
                )
        except Exception as error:  # noqa: BLE001 - rolled back; recorded below, raised after the session publishes
            failure = error
            try:
                finish_run(
                    connection,
                    report.run_id,
                    status="failed",
                    rows_read=report.rows_read,
                    message=f"{report.file_name}: the load failed: {describe_failure(error)}",
                )
            except Exception as second:  # noqa: BLE001 - the run stays 'running'; the next session marks it
                logger.error("the failed run %s could not be recorded: %s", report.run_id, describe_failure(second))
    if failure is not None:  # raised outside the session, so the failed run is published too
        raise failure
    return warehouse.publish_problem


def _run_message(details: list[str], validation: Validation, skipped: int) -> str:
    parts = [", ".join(details)]
    if validation.rows_rejected:
        parts.append(f"{validation.rows_rejected} rows rejected ({len(validation.problems)} problems)")
    if validation.rows_repeated:
        parts.append(f"{validation.rows_repeated} repeated rows")
    if skipped:
        parts.append(f"{skipped} rows of other provinces skipped")
    return "; ".join(parts)


def _record_failure(
    settings: Settings,
    plan: Plan,
    source: Source,
    file_name: str,
    message: str,
    *,
    data: bytes | None,
    origin: Path | None,
    started: float | None = None,
) -> RunReport:
    """A run that read nothing: recorded as failed, the file set aside with a report."""
    report = RunReport(source_id=source.id, plan_code=plan.code, file_name=file_name, status="failed", message=message)
    try:
        with Warehouse(settings.data_dir).writing() as connection:
            report.run_id = start_run(
                connection, source_id=source.id, plan_code=plan.code, file_name=file_name, is_demo=source.is_demo
            )
            finish_run(connection, report.run_id, status="failed", message=message)
    except Exception as error:  # noqa: BLE001 - busy, or out of disk space: said in the report
        report.message = f"{message} (not recorded: {describe_failure(error)})"
    if data is not None or origin is not None or source.kind == "http":
        _set_aside(settings, source, report, data, origin)
    report.seconds = time.monotonic() - started if started is not None else 0.0
    logger.error("%s", report.summary())
    return report
