"""Loading: idempotence, revisions, accounting, archiving, failures that change nothing, concurrent readers."""

from __future__ import annotations

import shutil
import threading

import pytest

import etl.jobs
from etl.jobs import run_source
from tests.etl.helpers import ETL_FIXTURES, accounting_holds, file_source, inbox_source, query, snapshot
from warehouse import Reader


def drop(source, name, text=None):
    """Put a file into an inbox, as staff would."""
    source.path.mkdir(parents=True, exist_ok=True)
    target = source.path / name
    if text is None:
        shutil.copyfile(ETL_FIXTURES / name, target)
    else:
        target.write_text(text, encoding="utf-8")
    return target


def test_the_same_file_twice_changes_nothing(etl_settings, etl_plans):
    source = file_source(ETL_FIXTURES / "long_clean.csv")
    run_source(etl_settings, etl_plans, source)
    before = snapshot(etl_settings)
    [again] = run_source(etl_settings, etl_plans, source)
    assert (again.rows_read, again.rows_loaded, again.rows_unchanged, again.rows_rejected) == (6, 0, 6, 0)
    assert snapshot(etl_settings) == before
    assert accounting_holds(etl_settings)


def test_a_changed_value_is_a_revision_that_keeps_the_earlier_value(etl_settings, etl_plans, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("indicator,district,period,value\n1.1.1.1,İzmir,2018,1.5\n1.1.1.1,İzmir,2019,1.6\n")
    run_source(etl_settings, etl_plans, file_source(first))
    second = tmp_path / "second.csv"
    second.write_text("indicator,district,period,value\n1.1.1.1,İzmir,2018,1.5\n1.1.1.1,İzmir,2019,1.7\n")
    [report] = run_source(etl_settings, etl_plans, file_source(second))
    assert (report.rows_inserted, report.rows_revised, report.rows_unchanged) == (0, 1, 1)
    assert query(etl_settings, "select period, value, revision, run_id from measurements order by period") == [
        ("2018", 1.5, 1, 1),
        ("2019", 1.7, 2, 2),
    ]
    assert query(etl_settings, "select period, value, revision, superseded_by_run from measurement_revisions") == [
        ("2019", 1.6, 1, 2)
    ]
    # the progress published with the revision is computed from it: (1.7 − 1) / (2 − 1) = 70 %
    assert query(
        etl_settings,
        "select latest_value, realization_pct, last_run_id from indicator_progress where indicator_code = '1.1.1.1'",
    ) == [(1.7, pytest.approx(70.0), 2)]


def test_inbox_files_are_moved_to_the_archive_or_aside(etl_settings, etl_plans):
    source = inbox_source(etl_settings)
    drop(source, "long_clean.csv")
    drop(source, "empty.csv")
    drop(source, "notes.docx", "not for the ETL")  # does not match the inbox's file patterns
    reports = run_source(etl_settings, etl_plans, source)
    assert sorted((report.file_name, report.status) for report in reports) == [
        ("empty.csv", "failed"),
        ("long_clean.csv", "loaded"),
    ]
    assert sorted(path.name for path in source.path.iterdir()) == ["notes.docx"]
    [archived] = (etl_settings.archive_dir / "test-inbox").iterdir()
    assert archived.name.endswith("-long_clean.csv")
    assert archived.read_bytes() == (ETL_FIXTURES / "long_clean.csv").read_bytes()
    failed = sorted(path.name for path in (etl_settings.failed_dir / "test-inbox").iterdir())
    assert len(failed) == 2 and failed[0].endswith("-empty.csv") and failed[1] == failed[0] + ".report.txt"
    assert run_source(etl_settings, etl_plans, source) == []  # nothing left to load


def test_a_fixed_file_is_copied_to_the_archive_once_per_content(etl_settings, etl_plans, tmp_path):
    path = tmp_path / "fixed.csv"
    shutil.copyfile(ETL_FIXTURES / "long_clean.csv", path)
    source = file_source(path)
    run_source(etl_settings, etl_plans, source)
    run_source(etl_settings, etl_plans, source)
    assert path.exists()
    assert len(list((etl_settings.archive_dir / "test-file").iterdir())) == 1
    path.write_text(path.read_text() + "1.1.1.1,İzmir,2020,1.5\n")
    run_source(etl_settings, etl_plans, source)
    assert len(list((etl_settings.archive_dir / "test-file").iterdir())) == 2


def test_a_missing_fixed_file_fails_the_run(etl_settings, etl_plans, tmp_path):
    [report] = run_source(etl_settings, etl_plans, file_source(tmp_path / "absent.csv"))
    assert not report.ok and report.message.endswith("absent.csv: the file does not exist")


def test_a_load_that_fails_inside_the_transaction_changes_no_data(etl_settings, etl_plans, monkeypatch):
    run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "district_spellings.csv", source_id="earlier"))
    before = snapshot(etl_settings)

    def broken_refresh(*arguments, **keywords):
        raise RuntimeError("disk full")

    monkeypatch.setattr(etl.jobs, "refresh_progress", broken_refresh)
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "malformed_rows.csv"))
    assert not report.ok
    assert report.message == "malformed_rows.csv: the load failed: disk full"
    assert snapshot(etl_settings) == before  # no measurements, no rejected rows, no stale progress
    assert query(
        etl_settings, "select status, rows_read, message from load_runs where run_id = ?", [report.run_id]
    ) == [("failed", 18, report.message)]
    assert (etl_settings.failed_dir / "test-file").is_dir()


def test_demo_sources_mark_their_runs_and_measurements(etl_settings, etl_plans):
    run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "long_clean.csv", is_demo=True))
    assert query(etl_settings, "select distinct is_demo from load_runs") == [(True,)]
    assert query(etl_settings, "select distinct is_demo from measurements") == [(True,)]


def test_readers_see_no_error_while_loads_run(etl_settings, etl_plans):
    source = inbox_source(etl_settings)
    run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "long_clean.csv", source_id="first"))
    reader = Reader(etl_settings.published_file)
    errors: list[BaseException] = []
    counts: list[int] = []
    done = threading.Event()

    def read_repeatedly():
        while not done.is_set():
            try:
                with reader.connect() as connection:
                    counts.append(
                        connection.execute(
                            "select count(*) from measurements m join indicator_progress p using (plan_code, "
                            "indicator_code, area_code)"
                        ).fetchone()[0]
                    )
            except BaseException as error:  # noqa: BLE001 - any reader error fails the test
                errors.append(error)

    thread = threading.Thread(target=read_repeatedly)
    thread.start()
    try:
        for index, year in enumerate(range(2014, 2017)):
            drop(source, f"file-{index}.csv", f"indicator,district,period,value\n1.2.1.1,Aliağa,{year},{600 + year}\n")
            run_source(etl_settings, etl_plans, source)
    finally:
        done.set()
        thread.join()
        reader.close()
    assert errors == []
    assert counts and counts == sorted(counts)  # each snapshot is whole, and later ones hold more
