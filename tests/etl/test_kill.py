"""kill -9 at random points of 20 loads, each a real ``python -m etl run`` process, then a start that
recovers: no run left 'running', no temporary snapshot, the snapshot consistent, the next load loads."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from tests.etl.faults import (
    command_environment,
    drop,
    population_file,
    run_command,
    start_command,
    temporary_snapshots,
    working_rows,
)
from tests.etl.helpers import accounting_holds, mini_inbox, query
from warehouse.unpublished import journal_file

LOADS = 20
ROWS = 39  # population_file: 3 districts × 13 years


@pytest.mark.slow
def test_kill_9_at_random_points_of_20_loads_then_a_start_recovers(etl_settings):
    environment = command_environment(etl_settings)
    chance = random.Random(20261204)
    seen = {"killed": 0, "finished": 0, "left running": 0, "left a temporary snapshot": 0, "unpublished": 0}
    for load in range(1, LOADS + 1):
        path = drop(etl_settings, f"load-{load:02d}.csv", population_file(load))
        os.utime(path, (time.time() - 1000 + load, time.time() - 1000 + load))  # older files load first
        process = start_command(environment, "run")
        if load % 5:  # most kills aim at the run itself: once the process holds the run lock
            _wait_for_the_run_lock(etl_settings, process)
            time.sleep(chance.uniform(0.0, 0.8))
        else:  # the others anywhere, start-up included
            time.sleep(chance.uniform(0.3, 4.0))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            seen["killed"] += 1
        else:
            seen["finished"] += 1
        process.communicate(timeout=60)
        if etl_settings.warehouse_file.exists():
            seen["left running"] += bool(working_rows(etl_settings, "select 1 from load_runs where status = 'running'"))
            working = working_rows(etl_settings, "select max(data_version) from publication")[0][0]
            published = query(etl_settings, "select max(data_version) from publication")[0][0]
            seen["unpublished"] += working != published
        seen["left a temporary snapshot"] += bool(temporary_snapshots(etl_settings))
    print(f"\nafter {LOADS} kill -9: {seen}")

    drop(etl_settings, "final.csv", population_file(99))
    started = time.monotonic()
    recovered = run_command(environment, "run")
    print(f"the start that recovers: {time.monotonic() - started:.1f} s\n{recovered.stdout}{recovered.stderr[-400:]}")
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    assert "Traceback" not in recovered.stdout + recovered.stderr
    assert recovered.stdout.splitlines()[-1].startswith("mini-inbox: final.csv: loaded 39 (new 0, revised 39)")

    assert query(etl_settings, "select count(*) from load_runs where status = 'running'") == [(0,)]
    assert working_rows(etl_settings, "select count(*) from load_runs where status = 'running'") == [(0,)]
    assert temporary_snapshots(etl_settings) == []
    # everything is published: the writer's note of unpublished runs is gone, and no half-written one is left
    assert not journal_file(etl_settings.data_dir).exists()
    assert list(etl_settings.data_dir.glob(".unpublished-*")) == []
    assert query(etl_settings, "select max(data_version) from publication") == working_rows(
        etl_settings, "select max(data_version) from publication"
    )
    # consistent: every loaded run counted its rows, each revision belongs to one, the last file's values stand
    assert accounting_holds(etl_settings)
    [(loaded_rows, revisions)] = query(
        etl_settings,
        "select (select sum(rows_loaded) from load_runs where status = 'loaded'), "
        "(select count(*) from measurement_revisions)",
    )
    assert loaded_rows == ROWS + revisions
    assert query(etl_settings, "select count(*), min(value) from measurements") == [(ROWS, 99000.0)]
    assert list(mini_inbox(etl_settings).iterdir()) == []
    archived = sorted(path.name[16:] for path in (etl_settings.archive_dir / "mini-inbox").iterdir())
    assert archived == sorted([f"load-{load:02d}.csv" for load in range(1, LOADS + 1)] + ["final.csv"])
    statuses = dict(query(etl_settings, "select status, count(*) from load_runs group by status"))
    print(f"runs by status: {statuses}")
    assert set(statuses) <= {"loaded", "interrupted"}


def _wait_for_the_run_lock(settings, process, timeout: float = 30.0) -> None:
    """Until ``process`` holds the data folder's run lock (its pid is written in run.lock) or ends."""
    lock = settings.data_dir / "run.lock"
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if lock.exists() and lock.read_text(encoding="utf-8").startswith(f"pid {process.pid} "):
            return
        time.sleep(0.01)
