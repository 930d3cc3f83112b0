"""Faults a load meets in an office: a file still being copied or cut short, a file deleted during a run,
two runs at once, a full disk at the load and at the publish. Never loaded in part, never a traceback,
and every fault recovered by the next run."""

from __future__ import annotations

import dataclasses
import os
import threading
import time

import duckdb
import pytest

import etl.jobs
from etl.cli import main
from etl.jobs import run_source
from etl.run_lock import run_lock
from etl.schedule import run_scheduled
from gosterge.settings import SettingsError, load_settings
from tests.etl.faults import (
    command_environment,
    drop,
    fill,
    population_file,
    population_rows,
    run_command,
    small_disk,
    start_command,
    temporary_snapshots,
)
from tests.etl.helpers import ETL_FIXTURES, accounting_holds, inbox_source, make_settings, mini_inbox, query
from warehouse.loading import INTERRUPTED_MESSAGE, start_run
from warehouse.schema import apply_schema

HEADER = "indicator,district,period,value\n"


def test_a_file_growing_while_the_inbox_runs_is_never_loaded_in_part(etl_settings, etl_plans):
    settings = dataclasses.replace(etl_settings, settle_seconds=0.6)
    source = inbox_source(settings)
    rows = population_rows(1)
    path = source.path / "growing.csv"
    source.path.mkdir(parents=True)
    path.write_text(HEADER + rows[0] + "\n" + rows[1][:9])  # a copy in progress: the last line cut
    done = threading.Event()

    def copy_the_rest():
        with open(path, "a") as stream:
            stream.write(rows[1][9:] + "\n")
            for row in rows[2:]:
                time.sleep(0.03)
                stream.write(row + "\n")
                stream.flush()
        done.set()

    writer = threading.Thread(target=copy_the_rest)
    writer.start()
    try:
        [report] = run_source(settings, etl_plans, source)
    finally:
        writer.join()
    assert report.status == "waiting" and report.message.startswith("still being written: it grew from ")
    assert report.summary().endswith("; it is read again at the next run")
    assert path.exists() and not settings.warehouse_file.exists()  # no run, nothing loaded
    [report] = run_source(settings, etl_plans, source)  # copied completely now
    assert report.ok and report.rows_loaded == report.rows_read == len(rows)
    assert query(settings, "select count(*) from measurements") == [(len(rows),)]


@pytest.mark.parametrize(
    "ending, reason",
    [
        ("1.2.1.1,Aliağa,2019,6", "cut short: its last line has no line end"),
        ('1.2.1.1,Aliağa,2019,"65\n0\n1\n', "cut short: it ends inside a quoted field opened 2 lines before its end"),
    ],
)
def test_a_file_cut_short_stays_in_the_inbox_and_loads_once_complete(etl_settings, etl_plans, ending, reason):
    source = inbox_source(etl_settings)
    source.path.mkdir(parents=True)
    cut = source.path / "cut.csv"
    cut.write_text(HEADER + "1.2.1.1,Çeşme,2019,420\n" + ending, encoding="utf-8")
    [report] = run_source(etl_settings, etl_plans, source)
    assert (report.status, report.message.split(" (")[0]) == ("waiting", reason)
    assert cut.exists() and not etl_settings.warehouse_file.exists()
    cut.write_text(HEADER + "1.2.1.1,Çeşme,2019,420\n1.2.1.1,Aliağa,2019,650\n", encoding="utf-8")
    [report] = run_source(etl_settings, etl_plans, source)
    assert report.ok and (report.rows_read, report.rows_loaded) == (2, 2)


def test_the_command_line_reports_a_cut_file_with_exit_code_5(etl_settings, monkeypatch, capsys):
    for variable, value in command_environment(etl_settings).items():
        monkeypatch.setenv(variable, value)
    drop(etl_settings, "cut.csv", (HEADER + "1.2.1.1,Aliağa,2019,65").encode())
    assert main(["run", "mini-inbox"]) == 5
    assert capsys.readouterr().out == (
        "mini-inbox: cut.csv: left in the inbox, cut short: its last line has no line end (a copy still in "
        "progress, or broken off); it is read again at the next run\n"
    )


def test_check_says_a_file_is_cut_short_with_exit_code_5(etl_settings, monkeypatch, capsys, tmp_path):
    for variable, value in command_environment(etl_settings).items():
        monkeypatch.setenv(variable, value)
    path = tmp_path / "cut.csv"
    path.write_bytes((HEADER + "1.2.1.1,Çeşme,2019,420\n1.2.1.1,Aliağa,2019,65").encode())
    assert main(["check", str(path), "--plan", "mini"]) == 5
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "cut.csv: cut short: its last line has no line end (a copy still in progress, or broken off): a run would "
        "leave it in the inbox until it is complete",
        "nothing was loaded (dry run)",
    ]


def test_temporary_names_are_never_picked_up(etl_settings, etl_plans):
    source = inbox_source(etl_settings, patterns=("*",))
    source.path.mkdir(parents=True)
    for name in ("data.csv.part", ".data.csv", "~$data.csv", "data.csv.tmp"):
        (source.path / name).write_bytes((ETL_FIXTURES / "long_clean.csv").read_bytes())
    assert run_source(etl_settings, etl_plans, source) == []


def test_a_file_deleted_during_a_run_is_reported_and_the_rest_still_runs(etl_settings, etl_plans, monkeypatch):
    source = inbox_source(etl_settings)
    source.path.mkdir(parents=True)
    for index, name in enumerate(("a.csv", "b.csv", "c.csv")):
        (source.path / name).write_bytes(population_file(index + 1))
        stamp = time.time() - 100 + index  # oldest first: a, b, c
        os.utime(source.path / name, (stamp, stamp))
    real_read = etl.jobs.read_whole

    def read_then_meddle(path, max_bytes):
        if path.name == "a.csv":
            (source.path / "b.csv").unlink()  # someone removes the next file meanwhile
        data = real_read(path, max_bytes)
        if path.name == "c.csv":
            path.unlink()  # and this one after it was read, before it is archived
        return data

    monkeypatch.setattr(etl.jobs, "read_whole", read_then_meddle)
    reports = run_source(etl_settings, etl_plans, source)
    assert [(report.file_name, report.status) for report in reports] == [
        ("a.csv", "loaded"),
        ("b.csv", "vanished"),
        ("c.csv", "loaded"),
    ]
    assert reports[1].summary() == (
        "test-inbox: b.csv: vanished from the inbox before it was read (moved or deleted by someone else); "
        "nothing was loaded from it"
    )
    archived = sorted(path.name[16:] for path in (etl_settings.archive_dir / "test-inbox").iterdir())
    assert archived == ["a.csv", "c.csv"]  # c.csv kept from the bytes that were loaded
    assert query(etl_settings, "select file_name, status from load_runs order by run_id") == [
        ("a.csv", "loaded"),
        ("c.csv", "loaded"),
    ]


@pytest.mark.slow
def test_two_runs_at_once_load_the_file_once(etl_settings):
    environment = command_environment(etl_settings, GOSTERGE_RUN_WAIT_SECONDS="60")
    drop(etl_settings, "population.csv", population_file(1))
    first, second = start_command(environment, "run"), start_command(environment, "run")
    outcomes = [process.communicate(timeout=120) + (process.returncode,) for process in (first, second)]
    assert sorted(code for _, _, code in outcomes) == [0, 0]
    outputs = sorted(out for out, _, _ in outcomes)
    assert outputs[0] == "mini-inbox: nothing to load (inbox inbox/mini)\n"  # the second waited, then found none
    assert outputs[1].startswith("mini-inbox: population.csv: loaded 39 (new 39, revised 0), unchanged 0")
    assert all("Traceback" not in err for _, err, _ in outcomes)
    assert query(etl_settings, "select count(*), min(status) from load_runs") == [(1, "loaded")]
    assert len(list((etl_settings.archive_dir / "mini-inbox").iterdir())) == 1


def test_a_second_run_refuses_after_its_wait_with_exit_code_3(etl_settings):
    environment = command_environment(etl_settings, GOSTERGE_RUN_WAIT_SECONDS="0.5")
    drop(etl_settings, "population.csv", population_file(1))
    with run_lock(etl_settings.data_dir, 0):  # another run holds the data folder
        refused = run_command(environment, "run")
    assert refused.returncode == 3 and refused.stdout == ""
    assert refused.stderr.endswith(
        "waited 0.5 s (GOSTERGE_RUN_WAIT_SECONDS). Nothing was done: run again when it has finished\n"
    )
    assert "another run is loading this data folder (pid " in refused.stderr
    assert (mini_inbox(etl_settings) / "population.csv").exists()


@pytest.fixture
def disk_settings(tmp_path):
    """Settings whose data folder is a 48 MiB tmpfs (the test is skipped when none can be mounted)."""
    settings = make_settings(tmp_path)
    with small_disk(settings.data_dir, 48):
        yield settings


def _many_rows(seed: int) -> bytes:
    """A file large enough to need room in the warehouse: 1.1.1.2 monthly, 150 months, 300 copies apart."""
    months = [f"{year}-{month:02d}" for year in range(2013, 2026) for month in range(1, 13)]
    lines = [f"1.1.1.2,İzmir,{month},{seed + index / 7:.6f}" for index, month in enumerate(months)]
    return (HEADER + "\n".join(lines) + "\n").encode()


@pytest.mark.slow
def test_disk_full_at_the_load_changes_nothing_and_the_file_loads_once_there_is_room(
    disk_settings, monkeypatch, capsys
):
    settings = disk_settings
    for variable, value in command_environment(settings).items():
        monkeypatch.setenv(variable, value)
    drop(settings, "first.csv", population_file(1))
    assert main(["run"]) == 0
    before = query(settings, "select count(*), max(data_version) from measurements, publication")
    drop(settings, "second.csv", population_file(2))
    filler = fill(settings.data_dir, 16 << 10)
    capsys.readouterr()
    assert main(["run"]) == 1
    output = capsys.readouterr()
    line = output.out.splitlines()[0]
    assert line.startswith("mini-inbox: second.csv: FAILED (run ")
    assert "out of disk space" in line and line.endswith(
        "the file stays where it is for the next run (free some space)"
    )
    assert "Traceback" not in output.out + output.err
    assert query(settings, "select count(*), max(data_version) from measurements, publication") == before
    assert (mini_inbox(settings) / "second.csv").exists()
    assert not (settings.failed_dir / "mini-inbox").exists()  # no report half-written, no file set aside
    assert temporary_snapshots(settings) == []
    filler.unlink()
    assert main(["run"]) == 0
    assert "second.csv: loaded 39 (new 0, revised 39)" in capsys.readouterr().out
    assert query(settings, "select count(*) from load_runs where status = 'running'") == [(0,)]
    assert accounting_holds(settings)


@pytest.mark.slow
def test_disk_full_at_the_publish_is_loaded_not_published_then_published(disk_settings, monkeypatch, capsys):
    settings = disk_settings
    for variable, value in command_environment(settings).items():
        monkeypatch.setenv(variable, value)
    drop(settings, "first.csv", population_file(1))
    assert main(["run"]) == 0
    size = settings.warehouse_file.stat().st_size
    drop(settings, "second.csv", population_file(2))
    filler = fill(settings.data_dir, size // 2)  # room for the load, not for a copy of the warehouse
    capsys.readouterr()
    assert main(["run"]) == 4
    output = capsys.readouterr()
    line = output.out.splitlines()[0]
    assert line.startswith("mini-inbox: second.csv: loaded 39 (new 0, revised 39)"), line
    assert "loaded, NOT PUBLISHED: " in line and "out of disk space" in line
    assert "Traceback" not in output.out + output.err
    assert not (mini_inbox(settings) / "second.csv").exists()  # its rows are in: archived, not failed/
    assert len(list((settings.archive_dir / "mini-inbox").iterdir())) == 2
    assert temporary_snapshots(settings) == []
    assert query(settings, "select count(*) from load_runs") == [(1,)]  # the snapshot is the old one, whole
    filler.unlink()
    assert main(["run"]) == 0  # nothing to load, but the committed load is published
    assert "nothing to load" in capsys.readouterr().out
    assert query(settings, "select status, rows_loaded from load_runs order by run_id") == [
        ("loaded", 39),
        ("loaded", 39),
    ]
    assert query(settings, "select min(value) from measurements") == [(2000.0,)]


def test_a_file_over_the_time_limit_fails_and_is_set_aside(etl_settings, etl_plans, monkeypatch):
    settings = dataclasses.replace(etl_settings, file_time_limit_seconds=0.2)
    real_extract = etl.jobs.extract

    def slow_extract(*arguments, **keywords):  # a reader that takes its time (a pathological file)
        time.sleep(1.0)
        return real_extract(*arguments, **keywords)

    monkeypatch.setattr(etl.jobs, "extract", slow_extract)
    source = inbox_source(settings)
    source.path.mkdir(parents=True)
    (source.path / "slow.csv").write_bytes(population_file(1))
    [report] = run_source(settings, etl_plans, source)
    assert report.status == "failed"
    assert report.message == (
        "slow.csv: reading and validating took longer than the limit of 0.2 s (GOSTERGE_FILE_TIME_LIMIT_SECONDS)"
    )
    assert report.kept_at is not None and report.message in report.kept_at.read_text(encoding="utf-8")
    assert query(settings, "select status, message from load_runs") == [("failed", report.message)]


@pytest.mark.parametrize(
    "variable, raw, line",
    [
        ("GOSTERGE_SETTLE_SECONDS", "-1", "GOSTERGE_SETTLE_SECONDS: got '-1'; expected a number of seconds ≥ 0"),
        ("GOSTERGE_SETTLE_SECONDS", "soon", "GOSTERGE_SETTLE_SECONDS: got 'soon'; expected a number of seconds ≥ 0"),
        (
            "GOSTERGE_FILE_TIME_LIMIT_SECONDS",
            "0",
            "GOSTERGE_FILE_TIME_LIMIT_SECONDS: got '0'; expected a number of seconds ≥ 0.1",
        ),
        ("GOSTERGE_RUN_WAIT_SECONDS", "inf", "GOSTERGE_RUN_WAIT_SECONDS: got 'inf'; expected a number of seconds ≥ 0"),
    ],
)
def test_the_fault_settings_refuse_bad_values_in_one_line(tmp_path, variable, raw, line):
    with pytest.raises(SettingsError) as refused:
        load_settings({"GOSTERGE_DATA_DIR": str(tmp_path), variable: raw})
    assert str(refused.value) == line


def test_a_scheduled_run_meeting_a_command_line_run_is_skipped_with_a_warning(etl_settings, etl_plans, caplog):
    settings = dataclasses.replace(etl_settings, run_wait_seconds=0.2)
    source = inbox_source(settings)
    source.path.mkdir(parents=True)
    (source.path / "population.csv").write_bytes(population_file(1))
    holding, release = threading.Event(), threading.Event()

    def command_line_run():  # another thread: the lock is re-entrant only within one
        with run_lock(settings.data_dir, 0):
            holding.set()
            release.wait(10)

    other = threading.Thread(target=command_line_run)
    other.start()
    holding.wait(10)
    try:
        with caplog.at_level("WARNING"):
            run_scheduled(settings, etl_plans, source)  # in the scheduler's worker thread: never raises
    finally:
        release.set()
        other.join()
    [warning] = [record.getMessage() for record in caplog.records if record.name == "etl.schedule"]
    assert warning.startswith("scheduled run of test-inbox skipped: ") and "another run is loading" in warning
    assert (source.path / "population.csv").exists()
    [report] = run_source(settings, etl_plans, source)  # the next fire time loads it
    assert report.ok


def test_etl_status_shows_a_run_a_killed_process_left_as_interrupted(etl_settings, monkeypatch, capsys):
    for variable, value in command_environment(etl_settings).items():
        monkeypatch.setenv(variable, value)
    etl_settings.data_dir.mkdir(parents=True)
    connection = duckdb.connect(str(etl_settings.warehouse_file))  # as a process killed in its session left it
    apply_schema(connection)
    start_run(connection, source_id="mini-inbox", plan_code="mini", file_name="population.csv")
    connection.close()
    assert main(["run"]) == 0  # nothing to load; the start recovers and publishes
    capsys.readouterr()
    assert main(["status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:3] == ["mini-inbox", "mini", "inbox"] and " interrupted " in lines[1]
    assert lines[-1] == f"mini-inbox: last run interrupted (run 1): {INTERRUPTED_MESSAGE}"
