"""One writer, many readers: another process reads continuously while loads run.

The reader process checks on every read that the snapshot is whole: each
finished load run has exactly as many measurements as it recorded, and the
progress table has been recomputed for the newest data (its latest year equals
the newest measured year). It counts errors and the versions it saw.
"""

import json
import subprocess
import sys
import textwrap
import time

import pandas as pd

from gosterge.settings import PROJECT_ROOT
from tests.support.builders import load_rows

READER_SCRIPT = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from warehouse import Reader

    reader = Reader(Path(sys.argv[1]))
    deadline = time.monotonic() + float(sys.argv[2])
    stop_file = Path(sys.argv[3])
    reads = errors = torn = 0
    versions = set()
    messages = []
    while time.monotonic() < deadline and not stop_file.exists():
        try:
            with reader.connect() as connection:
                version = connection.execute("select coalesce(max(data_version), 0) from publication").fetchone()[0]
                mismatched = connection.execute(
                    "select count(*) from load_runs r where r.status = 'loaded' and r.rows_loaded <> "
                    "(select count(*) from measurements m where m.run_id = r.run_id)").fetchone()[0]
                newest = connection.execute("select max(year) from measurements").fetchone()[0]
                computed = connection.execute(
                    "select max(latest_year) from indicator_progress where indicator_code = '1.1.1.1'").fetchone()[0]
            versions.add(version)
            if mismatched or newest != computed:
                torn += 1
            reads += 1
        except Exception as error:  # the test counts any failure to open or read
            errors += 1
            messages.append(repr(error))
    print(json.dumps({"reads": reads, "errors": errors, "torn": torn, "versions": len(versions),
                      "messages": messages[:3]}))
""")


def test_a_reader_process_never_fails_nor_sees_a_half_finished_load(tmp_path, mini_plan):
    data = tmp_path / "data"
    load_rows(
        data,
        [mini_plan],
        pd.DataFrame(
            [("mini", "1.1.1.1", "province", "35", "2013", 1.0)],
            columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"],
        ),
    )
    stop_file = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER_SCRIPT, str(data / "published.duckdb"), "60", str(stop_file)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"},
    )
    try:
        time.sleep(1.0)
        for year in range(2014, 2026):
            rows = pd.DataFrame(
                [("mini", "1.1.1.1", "province", "35", str(year), 1.0 + 0.05 * (year - 2013))]
                + [("mini", "1.2.1.1", "district", code, str(year), float(year)) for code in ("1128", "1203", "2055")],
                columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"],
            )
            load_rows(data, [mini_plan], rows)
            time.sleep(0.05)
    finally:
        stop_file.touch()
        output, _ = reader.communicate(timeout=60)
    report = json.loads(output)
    assert report["errors"] == 0, report["messages"]
    assert report["torn"] == 0
    assert report["reads"] > 50
    assert report["versions"] >= 6  # it really read while the loads were published
