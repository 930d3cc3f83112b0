"""Benchmark: a 1,000,000-row long CSV through the ETL, against a bare DuckDB read_csv of the same file.

    .venv/bin/python benchmarks/etl_load.py [--rows N] [--repeat N]

1. Writes a long CSV (indicator, district, period, value) for the İzmir plan
   in a temporary folder: district names as staff write them, the province's
   name for province values, weekly dates, plain numbers.
2. In a fresh child process, loads it through the ETL (``etl.jobs.run_file``:
   read, detect, validate every row, upsert, store rejects, recompute the
   plan's progress, publish the snapshot, archive the file).
3. In another fresh child process, loads the same file with a bare DuckDB
   ``read_csv`` into the same table (the warehouse schema, same primary key),
   with no validation, then checkpoints and closes.
4. Prints both times, their ratio and each process's peak memory (maximum
   resident set size). Goal: the ETL within 2× of the bare load, peak < 1 GiB.

The bare load is the yardstick, not product code, so its SQL lives here.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from gosterge.plan import UNITS, load_plan  # noqa: E402
from gosterge.settings import load_settings  # noqa: E402

PLAN_FILE = PROJECT / "indicators.toml"


def write_csv(path: Path, rows: int) -> None:
    """``rows`` distinct measurements of the İzmir plan, weekly from 2013."""
    plan = load_plan(PLAN_FILE)
    pairs: list[tuple[str, str, float, float]] = []
    for indicator in plan.indicators.values():
        unit = UNITS[indicator.unit]
        low = unit.minimum if unit.minimum is not None else -50.0
        high = unit.maximum if unit.maximum is not None else 10_000.0
        areas = [plan.province] + (
            [district.name for district in plan.districts.values()] if indicator.level == "district" else []
        )
        pairs.extend((indicator.code, area, low, high) for area in areas)
    weeks = -(-rows // len(pairs))
    dates = np.datetime64("2013-01-01") + np.arange(weeks) * 7
    generator = np.random.default_rng(2024)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("indicator,district,period,value\n")
        written = 0
        for code, area, low, high in pairs:
            count = min(weeks, rows - written)
            if count <= 0:
                break
            values = np.round(generator.uniform(low, high, count), 2)
            prefix = f"{code},{area},"
            handle.write(
                "".join(
                    f"{prefix}{day},{value}\n"
                    for day, value in zip(dates[:count].astype(str), values.tolist(), strict=True)
                )
            )
            written += count


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def etl_phase(csv_path: Path, data_dir: Path) -> dict[str, float]:
    from etl.jobs import run_file
    from etl.sources import Source

    settings = load_settings(
        {
            "GOSTERGE_DATA_DIR": str(data_dir),
            "GOSTERGE_PLAN": str(PLAN_FILE),
            "GOSTERGE_SOURCES": str(PROJECT / "sources.toml"),
        }
    )
    plan = load_plan(PLAN_FILE)
    source = Source(
        id="benchmark", plan_code=plan.code, kind="file", location=str(csv_path), format="long_csv", path=csv_path
    )
    started, cpu = time.perf_counter(), cpu_seconds()
    report = run_file(settings, plan, source, csv_path)
    seconds = time.perf_counter() - started
    if not report.ok or report.rows_rejected:
        raise SystemExit(f"the ETL did not load the benchmark file cleanly: {report.summary()}")
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mib": peak_mib(), "rows": report.rows_loaded}


def bare_phase(csv_path: Path, data_dir: Path) -> dict[str, float]:
    import duckdb

    from warehouse.schema import apply_schema

    data_dir.mkdir(parents=True, exist_ok=True)
    started, cpu = time.perf_counter(), cpu_seconds()
    connection = duckdb.connect(str(data_dir / "bare.duckdb"))
    apply_schema(connection)
    connection.execute(
        """
        insert into measurements
        select 'izmir-2014-2023', indicator, 'district', district, period::varchar, 'date', year(period),
               period, value, 'benchmark', 1, now()::timestamp, false, 1
        from read_csv(?, header = true,
                      columns = {'indicator': 'varchar', 'district': 'varchar', 'period': 'date', 'value': 'double'})
        """,
        [str(csv_path)],
    )
    connection.execute("checkpoint")
    rows = connection.execute("select count(*) from measurements").fetchone()[0]
    connection.close()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mib": peak_mib(), "rows": rows}


def child(phase: str, csv_path: Path, data_dir: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", phase, str(csv_path), str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each load; the fastest counts (default 3)")
    parser.add_argument("--phase", nargs=3, metavar=("PHASE", "CSV", "DATA_DIR"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.phase:
        phase, csv_text, data_text = arguments.phase
        result = (etl_phase if phase == "etl" else bare_phase)(Path(csv_text), Path(data_text))
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="gosterge-benchmark-") as folder:
        csv_path = Path(folder) / "measurements.csv"
        started = time.perf_counter()
        write_csv(csv_path, arguments.rows)
        print(
            f"wrote {arguments.rows:,} rows ({csv_path.stat().st_size / 2**20:.1f} MiB) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        results = {"bare": [], "etl": []}
        for _ in range(arguments.repeat):
            for phase in ("bare", "etl"):
                results[phase].append(child(phase, csv_path, Path(folder) / f"{phase}-{len(results[phase])}"))
    bare = min(results["bare"], key=lambda result: result["seconds"])
    etl = min(results["etl"], key=lambda result: result["seconds"])
    print(f"best of {arguments.repeat} (wall-clock; CPU time of all threads in brackets; peak = max RSS):")
    for name, result in (("bare DuckDB read_csv", bare), ("ETL (run_file)      ", etl)):
        print(
            f"  {name}: {result['seconds']:6.2f} s  [{result['cpu']:5.2f} s CPU]  peak {result['peak_mib']:5.0f} MiB"
            f"  ({result['rows']:,} rows)"
        )
    print(
        f"ratio ETL / bare: {etl['seconds'] / bare['seconds']:.2f}× wall-clock, {etl['cpu'] / bare['cpu']:.2f}× CPU "
        f"(goal ≤ 2×); ETL peak memory {etl['peak_mib']:.0f} MiB (goal < 1024 MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
