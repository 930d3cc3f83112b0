"""The ``entries`` source kind: approved entries from the operational database into the warehouse.

One source per configured plan, ``entries-<plan>`` (:func:`etl.sources.entries_source`), run by
``python -m etl run`` and polled by the scheduler every ``GOSTERGE_ENTRIES_POLL_SECONDS``. A run:

1. reads the plan's approved entries whose ``loaded_version`` is not their ``version``
   (:mod:`etl.entry_records`); an entry version the warehouse already handled (``entry_loads`` in the
   published snapshot) is not loaded again: a loaded one is only marked again (the mark failed after
   an earlier commit), a rejected one waits for its next approval;
2. per entry period, earliest first (2024-H1 before 2024-H2), turns the entries into the long rows every
   reader produces (row number = entry id) and validates them with the ETL's rules
   (:func:`etl.validate.validate`): the same bounds, districts, periods and messages as a file;
3. loads them in one writer session like a file (:func:`etl.jobs.run_source`'s loader): measurements
   upserted with their revisions, rejected entries in ``rejected_rows`` with their reason, progress
   recomputed, a load run recorded; and in the same transaction the explanations
   (:func:`warehouse.entry_loading.store_explanations`) and what was handled (``entry_loads``);
4. after the commit, marks the loaded entries in the operational database.

An entry's value is the indicator's value at the period's end in the meaning of its yearly
measurements, so every entry loads into its year's measurement (period ``2024``): a ``2024-H1`` entry is
the year's provisional value, which the year-end entry (``2024-H2`` or ``2024``) revises; the warehouse
keeps the earlier value in ``measurement_revisions`` and ``explanations.period`` says which entry a
value and its explanation came from.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from itertools import groupby

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Engine

from etl.entry_records import ApprovedEntry, approved_entries, mark_loaded
from etl.extract.rows import BrokenRow, Extracted
from etl.reports import RunReport
from etl.sources import Source
from etl.validate import Validation, validate
from gosterge.plan import Plan
from gosterge.rejections import ReasonCode, Rejection
from gosterge.settings import Limits, Settings
from operations.database import migrate, open_database
from warehouse import Reader, describe_failure
from warehouse.entry_loading import (
    EXPLANATION_COLUMNS,
    LOADED,
    REJECTED,
    entry_outcomes,
    record_entry_loads,
    store_explanations,
)

logger = logging.getLogger(__name__)

BAD_PERIOD = "not an entry period: expected e.g. 2024-H1, 2024-H2 or 2024"
#: the headers the rows' problems name (an entry has fields, not columns)
COLUMN_NAMES = {"indicator": "indicator_code", "district": "area_code", "period": "period", "value": "value"}

#: what runs inside the load's transaction, given the connection and the run id
InTransaction = Callable[[duckdb.DuckDBPyConnection, int], None]
#: :mod:`etl.jobs`' writer session: (settings, plan, source, validation, report, in_transaction) → publish problem
Loader = Callable[[Settings, Plan, Source, Validation, RunReport, InTransaction | None], str | None]


def entries_extracted(plan: Plan, waiting: list[ApprovedEntry], file_name: str, limits: Limits) -> Extracted:
    """The entries as the long rows every reader produces: row number = entry id, the district empty for the
    province, the period the measurement year, the value the approved number (as typed when it has none)."""
    by_id = {entry.entry_id: entry for entry in waiting}
    broken = [
        BrokenRow(
            entry.entry_id,
            Rejection(ReasonCode.NOT_AN_ENTRY_PERIOD, f"{BAD_PERIOD} (got {entry.period!r})", {"period": entry.period}),
            entry.describe(),
        )
        for entry in waiting
        if entry.year is None
    ]
    waiting = [entry for entry in waiting if entry.year is not None]
    rows = pa.table(
        {
            "row_number": pa.array([entry.entry_id for entry in waiting], type=pa.int64()),
            "indicator": pa.array([entry.indicator_code for entry in waiting], type=pa.string()),
            "district": pa.array(
                ["" if entry.area_level == "province" else entry.area_code for entry in waiting], type=pa.string()
            ),
            "period": pa.array([str(entry.year) for entry in waiting], type=pa.string()),
            "value": pa.array(
                ["" if entry.value is not None else (entry.value_text or "") for entry in waiting], type=pa.string()
            ),
            "number": pa.array([entry.value for entry in waiting], type=pa.float64()),
            "value_column": pa.array(["value"] * len(waiting), type=pa.string()),
        }
    )

    def raw_row(row_numbers: np.ndarray) -> list[str]:
        return [by_id[int(number)].describe() for number in row_numbers]

    return Extracted(
        file_name=file_name,
        rows=rows,
        column_names=dict(COLUMN_NAMES),
        raw_row=raw_row,
        broken_rows=broken,
        details=[f"{len(by_id)} approved entries of {plan.code}"],
        limits=limits,
    )


def explanations_frame(plan: Plan, loaded: list[ApprovedEntry], run_id: int) -> pd.DataFrame:
    """One explanation row per loaded entry (with or without a reason: it is also the entry's provenance)."""
    records = [
        {
            "plan_code": plan.code,
            "indicator_code": entry.indicator_code,
            "area_level": entry.area_level,
            "area_code": plan.province_code if entry.area_level == "province" else entry.area_code,
            "year": entry.year,
            "period": entry.period,
            "reason": _text(entry.deviation_reason),
            "measures": _text(entry.measures),
            "source_note": _text(entry.source_note),
            "unit": entry.unit,
            "entered_by": entry.entered_by,
            "approved_by": entry.approved_by,
            "approved_at": entry.approved_at,
            "run_id": run_id,
        }
        for entry in loaded
    ]
    return pd.DataFrame(records, columns=list(EXPLANATION_COLUMNS))


def _text(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _handled(settings: Settings, plan: Plan, waiting: list[ApprovedEntry]) -> dict[tuple[int, int], tuple[str, int]]:
    """What the published snapshot says was done with these entry versions."""
    reader = Reader(settings.published_file)
    try:
        with reader.connect() as connection:
            return entry_outcomes(connection, plan=plan.code, entry_ids=[entry.entry_id for entry in waiting])
    finally:
        reader.close()


def run_entries(
    settings: Settings, plan: Plan, source: Source, *, load: Loader, recover: Callable[[Settings], None]
) -> list[RunReport]:
    """Load the plan's approved entries not yet in the warehouse; one report per entry period loaded
    (none when nothing waits). ``load`` and ``recover`` are :mod:`etl.jobs`' writer session and recovery."""
    engine = open_database(settings)
    try:
        try:
            migrate(engine)
            waiting = approved_entries(engine, plan=plan.code)
        except Exception as error:  # noqa: BLE001 - unreachable, locked …: nothing read, the entries wait
            return [_unreadable(source, plan, error)]
        if not waiting:
            return []
        handled = _handled(settings, plan, waiting)
        again = [
            (entry.entry_id, entry.version, outcome[1])
            for entry in waiting
            if (outcome := handled.get((entry.entry_id, entry.version))) and outcome[0] == LOADED
        ]
        _mark(engine, again)
        to_load = sorted(
            (entry for entry in waiting if (entry.entry_id, entry.version) not in handled),
            key=lambda entry: (entry.order, entry.period, entry.entry_id),
        )
        if not to_load:
            return []
        recover(settings)
        reports = []
        for period, group in groupby(to_load, key=lambda entry: entry.period):
            report, marks = _run_period(settings, plan, source, list(group), period, load)
            reports.append(report)
            _mark(engine, marks)
        return reports
    finally:
        engine.dispose()


def _unreadable(source: Source, plan: Plan, error: Exception) -> RunReport:
    """The operational database could not be read: nothing was loaded (no run recorded), said in one line."""
    message = (
        f"the operational database could not be read ({describe_failure(error)}); "
        "nothing was loaded, the approved entries wait for the next run"
    )
    report = RunReport(source_id=source.id, plan_code=plan.code, file_name="approved entries", status="failed")
    report.message = message
    logger.error("%s", report.summary())
    return report


def _mark(engine: Engine, marks: list[tuple[int, int, int]]) -> None:
    """Mark entries loaded; a failure is logged and repaired by the next run (``entry_loads`` remembers)."""
    if not marks:
        return
    try:
        mark_loaded(engine, marks)
    except Exception as error:  # noqa: BLE001 - the warehouse holds them; the next run marks them
        logger.error("loaded entries could not be marked in the operational database: %s", describe_failure(error))


def _run_period(
    settings: Settings, plan: Plan, source: Source, group: list[ApprovedEntry], period: str, load: Loader
) -> tuple[RunReport, list[tuple[int, int, int]]]:
    """One run: the approved entries of one period; returns its report and the marks to write."""
    started = time.monotonic()
    file_name = f"approved entries {period}"
    extracted = entries_extracted(plan, group, file_name, source.limits)
    validation = validate(extracted, plan, source_id=source.id, is_demo=source.is_demo)
    rejected = {int(number) for number in validation.problems["row_number"].tolist()}
    loaded = [entry for entry in group if entry.entry_id not in rejected]
    report = RunReport.validated(source.id, plan.code, file_name, validation, extracted.details)
    report.message = f"{len(group)} approved entries of {period}"
    if rejected:
        report.message += f"; {len(rejected)} entries rejected ({len(validation.problems)} problems), kept for review"

    def in_transaction(connection: duckdb.DuckDBPyConnection, run_id: int) -> None:
        store_explanations(connection, explanations_frame(plan, loaded, run_id))
        outcomes = [
            (plan.code, entry.entry_id, entry.version, run_id, REJECTED if entry.entry_id in rejected else LOADED)
            for entry in group
        ]
        record_entry_loads(
            connection, pd.DataFrame(outcomes, columns=["plan_code", "entry_id", "version", "run_id", "outcome"])
        )

    try:
        report.publish_problem = load(settings, plan, source, validation, report, in_transaction)
    except Exception as error:  # noqa: BLE001 - nothing committed: the entries wait for the next run
        report.status = "failed"
        report.rows_inserted = report.rows_revised = report.rows_unchanged = 0
        report.message = f"{file_name}: the load failed: {describe_failure(error)}; the entries wait for the next run"
        report.seconds = time.monotonic() - started
        logger.error("%s", report.summary())
        return report, []
    report.seconds = time.monotonic() - started
    (logger.warning if rejected or report.publish_problem else logger.info)("%s", report.summary())
    assert report.run_id is not None
    return report, [(entry.entry_id, entry.version, report.run_id) for entry in loaded]
