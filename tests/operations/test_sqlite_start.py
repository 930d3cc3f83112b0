"""Web workers starting together on a new SQLite operational database (gunicorn forks them at once, each
opens the file and migrates it): every one of them opens it, at the head revision, in WAL mode.

Two ways this failed (seen in the concurrent-reads benchmark, a server that did not boot): SQLite answered
"database is locked" at once, without waiting its busy timeout, to a worker switching the file to WAL while
another wrote; and Alembic reads which migrations to run before their transactions begin, so workers that
came together each ran the first migration ("table already exists"). The test fails on that code in about
one run of two.
"""

from __future__ import annotations

import subprocess
import sys
import time

from gosterge.settings import PROJECT_ROOT

WORKER = """
import sys, time
from pathlib import Path
from operations.database import create_database_engine, migrate
while not Path(sys.argv[2]).exists():  # every worker imported: they start together
    time.sleep(0.001)
engine = create_database_engine(sys.argv[1])
migrate(engine)
with engine.connect() as connection:
    print(connection.exec_driver_sql("pragma journal_mode").scalar())
"""


def test_workers_starting_together_on_a_new_file_all_open_it(tmp_path):
    for attempt in range(3):  # the race is the start of each: three new files
        url = f"sqlite:///{tmp_path / f'operations-{attempt}.sqlite'}"
        start = tmp_path / f"start-{attempt}"
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, url, str(start)],
                cwd=PROJECT_ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        time.sleep(3)  # time to import
        start.touch()
        results = [worker.communicate(timeout=120) for worker in workers]
        failures = [error[-600:] for (_, error), worker in zip(results, workers, strict=True) if worker.returncode]
        assert not failures, failures
        assert [output.strip() for output, _ in results] == ["wal"] * 6
