"""Approved entries through the one writer: `etl run` on a real operational database and a real warehouse."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest
from sqlalchemy import Engine, update

from etl.jobs import run_source
from etl.sources import configured_sources
from gosterge.plan import Plan
from gosterge.settings import PROJECT_ROOT, Settings
from operations.tables import entries
from tests.etl.helpers import query
from tests.intake.helpers import APPROVED_BY, ENTERED_BY, UNIT, approve_again, approve_entry, entry_state

REASON = "Ar-Ge desteklerinin ikinci dilimi 2021'e kaydı"
MEASURES = "Destek programı takvimi öne çekilecek"


def etl_command(settings: Settings, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m etl …`` in its own process, on the settings' plans, sources and data folder."""
    environment = {
        **os.environ,
        "GOSTERGE_DATA_DIR": str(settings.data_dir),
        "GOSTERGE_PLAN": ",".join(str(path) for path in settings.plan_files),
        "GOSTERGE_SOURCES": str(settings.sources_file),
        "GOSTERGE_SETTLE_SECONDS": "0",
    }
    return subprocess.run(
        [sys.executable, "-m", "etl", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_entries(settings: Settings, plans: dict[str, Plan]):  # type: ignore[no-untyped-def]
    return run_source(settings, plans, configured_sources(settings, plans)["entries-mini"])


@pytest.mark.slow  # three `python -m etl` processes
def test_etl_run_loads_approved_entries_once(intake_settings: Settings, operations_engine: Engine) -> None:
    province = approve_entry(
        operations_engine, indicator="1.1.1.1", period="2020", value=1.25, reason=REASON, measures=MEASURES
    )
    district = approve_entry(
        operations_engine, indicator="1.2.1.1", period="2020", value=640, area_level="district", area_code="1128"
    )
    first = etl_command(intake_settings, "run", "entries-mini")
    assert first.returncode == 0, first.stderr
    assert (
        "entries-mini: approved entries 2020: loaded 2 (new 2, revised 0), unchanged 0, rejected 0 of 2" in first.stdout
    )

    runs = query(intake_settings, "select run_id, source_id, file_name, status, rows_read, rows_loaded from load_runs")
    assert [row[1:] for row in runs] == [("entries-mini", "approved entries 2020", "loaded", 2, 2)]
    run_id = runs[0][0]
    assert query(
        intake_settings,
        "select indicator_code, area_level, area_code, period, value, source_id, run_id, revision "
        "from measurements order by indicator_code",
    ) == [
        ("1.1.1.1", "province", "35", "2020", 1.25, "entries-mini", run_id, 1),
        ("1.2.1.1", "district", "1128", "2020", 640.0, "entries-mini", run_id, 1),
    ]
    assert query(
        intake_settings,
        "select plan_code, indicator_code, area_level, area_code, year, period, reason, measures, unit, entered_by, "
        "approved_by, run_id from explanations order by indicator_code",
    ) == [
        ("mini", "1.1.1.1", "province", "35", 2020, "2020", REASON, MEASURES, UNIT, ENTERED_BY, APPROVED_BY, run_id),
        ("mini", "1.2.1.1", "district", "1128", 2020, "2020", None, None, UNIT, ENTERED_BY, APPROVED_BY, run_id),
    ]
    assert entry_state(operations_engine, province) == (3, 3, run_id)
    assert entry_state(operations_engine, district) == (3, 3, run_id)
    # the progress engine saw the entry: the indicator's latest value is the entered one
    assert query(
        intake_settings,
        "select latest_year, latest_value from indicator_progress "
        "where indicator_code = '1.1.1.1' and area_level = 'province'",
    ) == [(2020, 1.25)]

    second = etl_command(intake_settings, "run", "entries-mini")
    assert second.returncode == 0, second.stderr
    assert "entries-mini: nothing to load" in second.stdout
    assert len(query(intake_settings, "select * from load_runs")) == 1
    status = etl_command(intake_settings, "status")
    [line] = [line for line in status.stdout.splitlines() if line.startswith("entries-mini")]
    assert line.split()[1:3] == ["mini", "entries"] and line.endswith("every 60 s")


def test_a_failed_mark_is_repaired_without_loading_twice(
    intake_settings: Settings, intake_plans: dict[str, Plan], operations_engine: Engine
) -> None:
    entry = approve_entry(operations_engine, indicator="1.1.1.1", period="2020", value=1.25)
    [report] = run_entries(intake_settings, intake_plans)
    with operations_engine.begin() as connection:  # as if the mark after the commit had failed
        connection.execute(update(entries).values(loaded_version=None, loaded_run_id=None))
    assert run_entries(intake_settings, intake_plans) == []
    assert entry_state(operations_engine, entry) == (3, 3, report.run_id)
    assert query(intake_settings, "select count(*) from load_runs") == [(1,)]


def test_the_year_end_entry_revises_the_six_monthly_one(
    intake_settings: Settings, intake_plans: dict[str, Plan], operations_engine: Engine
) -> None:
    approve_entry(operations_engine, indicator="1.1.1.1", period="2020-H1", value=1.1, reason="İlk yarı yavaş")
    approve_entry(operations_engine, indicator="1.1.1.1", period="2020-H2", value=1.4, reason=REASON)
    reports = run_entries(intake_settings, intake_plans)
    assert [(report.file_name, report.rows_inserted, report.rows_revised) for report in reports] == [
        ("approved entries 2020-H1", 1, 0),
        ("approved entries 2020-H2", 0, 1),
    ]
    assert query(intake_settings, "select period, value, revision from measurements") == [("2020", 1.4, 2)]
    assert query(intake_settings, "select period, value, revision from measurement_revisions") == [("2020", 1.1, 1)]
    assert query(intake_settings, "select period, year, reason from explanations order by period") == [
        ("2020-H1", 2020, "İlk yarı yavaş"),
        ("2020-H2", 2020, REASON),
    ]


def test_a_revised_approval_revises_the_value(
    intake_settings: Settings, intake_plans: dict[str, Plan], operations_engine: Engine
) -> None:
    entry = approve_entry(operations_engine, indicator="1.1.1.1", period="2020", value=1.25, reason="ilk")
    [first] = run_entries(intake_settings, intake_plans)
    version = approve_again(operations_engine, entry, value=1.35, reason="düzeltildi")
    [second] = run_entries(intake_settings, intake_plans)
    assert (second.rows_revised, second.rows_inserted) == (1, 0)
    assert query(intake_settings, "select value, revision, run_id from measurements") == [(1.35, 2, second.run_id)]
    assert query(intake_settings, "select value, run_id, superseded_by_run from measurement_revisions") == [
        (1.25, first.run_id, second.run_id)
    ]
    assert query(intake_settings, "select reason, run_id from explanations") == [("düzeltildi", second.run_id)]
    assert entry_state(operations_engine, entry) == (version, version, second.run_id)


def test_a_bad_entry_is_rejected_with_its_reason_and_kept_for_review(
    intake_settings: Settings, intake_plans: dict[str, Plan], operations_engine: Engine
) -> None:
    good = approve_entry(operations_engine, indicator="1.1.1.1", period="2020", value=1.25)
    bad = approve_entry(operations_engine, indicator="1.2.1.2", period="2020", value=130.0, reason="yanlış")
    unknown = approve_entry(
        operations_engine, indicator="1.2.1.1", period="2020", value=10, area_level="district", area_code="9999"
    )
    quarter = approve_entry(operations_engine, indicator="1.1.1.2", period="2020-Q3", value=9.0)
    reports = run_entries(intake_settings, intake_plans)
    # a period an entry cannot have sorts first, as its own run
    assert [report.file_name for report in reports] == ["approved entries 2020-Q3", "approved entries 2020"]
    report = reports[1]
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 1, 2)
    assert (reports[0].rows_read, reports[0].rows_loaded, reports[0].rows_rejected) == (1, 0, 1)
    assert query(intake_settings, "select reason from rejected_rows where row_number = ?", [quarter]) == [
        ("not an entry period: expected e.g. 2024-H1, 2024-H2 or 2024 (got '2020-Q3')",)
    ]
    rejected = query(
        intake_settings,
        "select file_name, row_number, column_name, value, reason, raw_row from rejected_rows "
        "where row_number <> ? order by row_number",
        [quarter],
    )
    # the file/row of a file's problem: the run's name, the entry id as the row, the field, the value written
    assert [row[:4] for row in rejected] == [
        ("approved entries 2020", bad, "value", "130"),
        ("approved entries 2020", unknown, "area_code", "9999"),
    ]
    assert rejected[0][4].startswith("implausible value 130: above the maximum 100 for unit '%'")
    assert rejected[1][4].startswith("unknown district code '9999'")
    assert rejected[0][5].startswith(f"entry {bad} version 3: indicator 1.2.1.2, province 35, period 2020")
    assert query(intake_settings, "select indicator_code from explanations") == [("1.1.1.1",)]
    assert entry_state(operations_engine, good)[1] == 3
    assert entry_state(operations_engine, bad)[1:] == (None, None)  # kept for review, not marked loaded

    assert run_entries(intake_settings, intake_plans) == []  # not tried again until approved again
    approve_again(operations_engine, bad, value=93.0)
    [corrected] = run_entries(intake_settings, intake_plans)
    assert (corrected.rows_loaded, corrected.rows_rejected) == (1, 0)
    assert query(intake_settings, "select value from measurements where indicator_code = '1.2.1.2'") == [(93.0,)]


def test_an_unreachable_operational_database_is_one_line_and_loads_nothing(
    intake_settings: Settings, intake_plans: dict[str, Plan]
) -> None:
    settings = dataclasses.replace(intake_settings, database_url="sqlite:////proc/no-such-folder/operations.sqlite")
    [report] = run_entries(settings, intake_plans)
    assert report.status == "failed" and report.run_id is None
    assert report.summary().startswith(
        "entries-mini: approved entries: FAILED: the operational database could not be read ("
    )
    assert report.summary().endswith("nothing was loaded, the approved entries wait for the next run")
    assert not settings.published_file.exists()  # no run recorded, no snapshot written


def test_the_unit_sees_what_the_writer_did_with_its_approved_values(
    intake_settings: Settings, intake_plans: dict[str, Plan], operations_engine: Engine
) -> None:
    """The entry page's line under an approved value, read from the published warehouse: waiting for the
    next load, in the warehouse (with its run), or refused with the writer's reasons in the page's language."""
    from dashboard.components.entry import load_line
    from operations.entries import find_entry
    from tests.support.components import text_of
    from warehouse import Reader
    from warehouse.queries.entry_outcomes import entry_load_outcomes

    good = approve_entry(operations_engine, indicator="1.1.1.1", period="2020", value=1.25)
    bad = approve_entry(operations_engine, indicator="1.2.1.2", period="2020", value=130.0, reason="yanlış")
    entries_of = {entry_id: find_entry(operations_engine, entry_id) for entry_id in (good, bad)}
    pending = load_line(entries_of[good], None, "tr")
    assert pending is not None and "bir sonraki yüklemede" in text_of(pending)

    [report] = run_entries(intake_settings, intake_plans)
    reader = Reader(intake_settings.published_file)
    try:
        with reader.connect() as connection:
            loads = entry_load_outcomes(connection, plan="mini", entry_ids=[good, bad])
    finally:
        reader.close()
    assert (loads[good].outcome, loads[good].run_id, loads[good].reasons) == ("loaded", report.run_id, ())
    assert (loads[bad].outcome, loads[bad].run_id) == ("rejected", report.run_id)
    assert [reason.code for reason in loads[bad].reasons] == ["value_above_maximum"]

    loaded = text_of(load_line(entries_of[good], loads[good], "tr"))
    assert loaded == f"Ambarda: {report.run_id} numaralı yüklemeyle yüklendi."
    refused = load_line(entries_of[bad], loads[bad], "tr")
    assert refused is not None and refused.role == "alert"
    assert "ambara yüklenmedi" in text_of(refused) and "130" in text_of(refused) and "100" in text_of(refused)
    english = text_of(load_line(entries_of[bad], loads[bad], "en"))
    assert "was not loaded" in english and "maximum" in english, english

    approve_again(operations_engine, bad, value=93.0)  # a newer version than the one refused: waiting again
    again = find_entry(operations_engine, bad)
    assert "next load" in text_of(load_line(again, loads[bad], "en"))
