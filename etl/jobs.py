"""Jobs: plain functions that run a source now (from the CLI, the scheduler or a test).

One file = one run = one writer session:

1. read and validate the file (no lock held);
2. in :meth:`Warehouse.writing`: sync the plan, ``start_run`` (committed at
   once), then ONE transaction (:meth:`Warehouse.transaction`): upsert the measurements, store the rejected
   rows, recompute the plan's progress, ``finish_run`` with the counts, after
   checking rows read = loaded + unchanged + rejected; commit. The snapshot is
   published when the session ends, so readers never see measurements whose
   statuses are stale;
3. archive the file (or set it aside with a report when the run failed).

A file that cannot be read, or a load that fails, leaves the warehouse's data
as it was: the run is recorded as failed with the message, nothing else.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
from tqdm import tqdm

from etl.extract import ExtractError, extract
from etl.extract.http import FetchError, fetch
from etl.files import archive_file, failure_report, inbox_files, set_aside
from etl.sources import Source
from etl.validate import Validation, validate
from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Warehouse, WarehouseBusy
from warehouse.loading import finish_run, start_run, store_rejected, upsert_measurements
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import refresh_progress

logger = logging.getLogger(__name__)
PROGRESS_BAR_BYTES = 1 << 20
EXTENSIONS = {"long_csv": "csv", "wide_table": "csv", "xlsx": "xlsx", "json": "json"}


class AccountingError(RuntimeError):
    """Rows read ≠ loaded + unchanged + rejected: the run is refused rather than recorded wrongly."""


@dataclass
class RunReport:
    """What one run did with one file."""

    source_id: str
    plan_code: str
    file_name: str
    status: str  # loaded | failed
    run_id: int | None = None
    rows_read: int = 0
    rows_inserted: int = 0
    rows_revised: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    message: str = ""
    seconds: float = 0.0
    kept_at: Path | None = None
    details: list[str] = field(default_factory=list)
    problems: pd.DataFrame | None = None

    @property
    def rows_loaded(self) -> int:
        return self.rows_inserted + self.rows_revised

    @property
    def ok(self) -> bool:
        return self.status == "loaded"

    def summary(self) -> str:
        """One line: the source, the file and what happened to its rows."""
        head = f"{self.source_id}: {self.file_name}: "
        if not self.ok:
            return head + f"FAILED (run {self.run_id}): {self.message}"
        text = (
            f"loaded {self.rows_loaded} (new {self.rows_inserted}, revised {self.rows_revised}), "
            f"unchanged {self.rows_unchanged}, rejected {self.rows_rejected} of {self.rows_read} rows read"
        )
        if self.problems is not None and len(self.problems) > self.rows_rejected:
            text += f" ({len(self.problems)} problems)"
        if self.rows_skipped:
            text += f"; {self.rows_skipped} rows of other provinces skipped"
        return head + text + f" (run {self.run_id}, {self.seconds:.1f} s)"


def run_source(
    settings: Settings, plans: dict[str, Plan], source: Source, *, progress: bool = False, settle_seconds: float = 0.0
) -> list[RunReport]:
    """Run ``source`` now: every file waiting in an inbox, the fixed file, or the URL. One report per file.

    ``settle_seconds``: inbox files changed more recently than that are left for the next run.
    """
    plan = plans[source.plan_code]
    settings.ensure_dirs()
    if source.kind == "inbox":
        assert source.path is not None
        source.path.mkdir(parents=True, exist_ok=True)
        return [
            run_file(settings, plan, source, path, progress=progress)
            for path in inbox_files(source, settle_seconds=settle_seconds)
        ]
    if source.kind == "file":
        assert source.path is not None
        if not source.path.is_file():
            return [
                _record_failure(
                    settings,
                    plan,
                    source,
                    source.path.name,
                    f"{source.path}: the file does not exist",
                    data=None,
                    origin=None,
                    move=False,
                )
            ]
        return [run_file(settings, plan, source, source.path, progress=progress)]
    assert source.url is not None
    file_name = _download_name(source)
    started = time.monotonic()
    try:
        data = fetch(source.url, source.http)
    except FetchError as error:
        return [
            _record_failure(
                settings, plan, source, file_name, str(error), data=None, origin=None, move=False, started=started
            )
        ]
    return [run_bytes(settings, plan, source, data, file_name, progress=progress, started=started)]


def run_file(settings: Settings, plan: Plan, source: Source, path: Path, *, progress: bool = False) -> RunReport:
    """Load one file of ``source``; an inbox file is moved to the archive (or to failed/)."""
    return run_bytes(settings, plan, source, path.read_bytes(), path.name, origin=path, progress=progress)


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
    move = source.kind == "inbox" and origin is not None
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
            extracted = extract(data, source, plan, file_name)
            bar.update()
            bar.set_postfix_str("validating")
            validation = validate(extracted, plan, source_id=source.id, decimal=source.decimal, is_demo=source.is_demo)
        except ExtractError as error:
            return _record_failure(
                settings, plan, source, file_name, str(error), data=data, origin=origin, move=move, started=started
            )
        except Exception as error:  # noqa: BLE001 - a reader bug must not leave the file failing run after run
            logger.exception("reading %s of %s failed unexpectedly", file_name, source.id)
            return _record_failure(
                settings,
                plan,
                source,
                file_name,
                f"{file_name}: could not be read ({type(error).__name__}: {error})",
                data=data,
                origin=origin,
                move=move,
                started=started,
            )
        bar.update()
        bar.set_postfix_str("loading")
        report = RunReport(
            source_id=source.id,
            plan_code=plan.code,
            file_name=file_name,
            status="loaded",
            rows_read=validation.rows_read,
            rows_rejected=validation.rows_rejected,
            rows_skipped=extracted.rows_skipped,
            details=extracted.details,
            problems=validation.problems,
        )
        report.message = _run_message(extracted.details, validation, extracted.rows_skipped)
        try:
            _load(settings, plan, source, validation, report, report.message)
        except WarehouseBusy as error:
            report.status, report.message = "failed", f"{error}; the file stays where it is for the next run"
            report.seconds = time.monotonic() - started
            logger.error("%s", report.summary())
            return report
        except Exception as error:  # noqa: BLE001 - any load failure is recorded, the file set aside
            logger.exception("run of %s failed while loading %s", source.id, file_name)
            report.status, report.message = "failed", f"{file_name}: the load failed: {error}"
            report.kept_at = set_aside(
                settings,
                source,
                file_name,
                data,
                origin,
                failure_report(source, file_name, report.message, report.run_id),
                move=move,
            )
            report.seconds = time.monotonic() - started
            return report
        bar.update()
        bar.set_postfix_str("archiving")
        report.kept_at = archive_file(settings, source, file_name, data, origin, move=move)
        bar.update()
    finally:
        bar.close()
    report.seconds = time.monotonic() - started
    logger.info("%s", report.summary())
    return report


def _load(
    settings: Settings, plan: Plan, source: Source, validation: Validation, report: RunReport, message: str
) -> None:
    """The writer session of one run; a failure is recorded, published, then raised."""
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
                if counts.loaded or plan_changed:
                    refresh_progress(
                        connection,
                        plan,
                        evaluation_year=date.today().year,
                        coverage_floor=settings.coverage_floor,
                        cap_realization=settings.cap_realization,
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
                    message=message,
                )
        except Exception as error:  # noqa: BLE001 - rolled back; recorded below, raised after the session publishes
            report.rows_inserted = report.rows_revised = report.rows_unchanged = 0
            finish_run(
                connection,
                report.run_id,
                status="failed",
                rows_read=report.rows_read,
                message=f"{report.file_name}: the load failed: {error}",
            )
            failure = error
    if failure is not None:  # raised outside the session, so the failed run is published too
        raise failure


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
    move: bool,
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
    except WarehouseBusy as error:
        report.message = f"{message} (not recorded: {error})"
    if data is not None or origin is not None or source.kind == "http":
        report.kept_at = set_aside(
            settings,
            source,
            file_name,
            data,
            origin,
            failure_report(source, file_name, message, report.run_id),
            move=move,
        )
    report.seconds = time.monotonic() - started if started is not None else 0.0
    logger.error("%s", report.summary())
    return report


def _download_name(source: Source) -> str:
    assert source.url is not None
    name = Path(urlparse(source.url).path).name
    extension = EXTENSIONS[source.format]
    if not name or "." not in name:
        return f"{source.id}.{extension}"
    return name
