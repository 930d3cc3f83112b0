"""Benchmark: a page's first request after a load, when the load touched its data and when it did not
(not part of the suite; prints figures).

    .venv/bin/python benchmarks/page_cache.py [--keep DIR] [--years N] [--rounds N]

Builds the national-scale warehouse of benchmarks/dashboard_callbacks.py (its synthetic plan over the 973
districts of Türkiye; ``--years 3`` gives about 3 million monthly rows, ``--years 10`` about 10 million),
as the writer's working database, and publishes it. Then, through Flask's test client (the full Dash
request: the router's callback, the page cache, queries, builders, JSON), for a goal's page and an
indicator's page, each round:

- a load (one writer session, :func:`tests.support.deliveries.deliver`) of one value of an indicator
  under the page: the page's first request renders it again (``touched``);
- a load of one value of an indicator under another axis: the page's first request is served from the
  cache (``untouched``), as it is in every worker of the machine (``other worker``: the same request with
  the process's memory emptied, from the cache folder);
- the floor: a callback returning the very same response precomputed (Dash and JSON alone).

Medians over the rounds are printed; the machine is shared, so the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import pandas as pd  # noqa: E402
from dash import Input, Output  # noqa: E402

from benchmarks.dashboard_callbacks import (  # noqa: E402
    DISTRICTS_CSV,
    PLAN_CODE,
    floor_request,
    post,
    synthetic_plan,
)
from gosterge.plan.model import Plan  # noqa: E402
from gosterge.settings import load_settings  # noqa: E402
from tests.support.builders import EVALUATION_YEAR  # noqa: E402
from tests.support.deliveries import ROW_COLUMNS, deliver  # noqa: E402
from tests.support.national_warehouse import build_benchmark_warehouse  # noqa: E402
from tests.support.navigation import router_request  # noqa: E402
from warehouse import Warehouse  # noqa: E402

FIRST_YEAR = 2016


def one_value(plan: Plan, indicator_code: str, value: float) -> pd.DataFrame:
    """One new monthly value of ``indicator_code`` (in the first district, or the province)."""
    indicator = plan.indicators[indicator_code]
    level = "district" if indicator.level == "district" else "province"
    area = next(iter(plan.districts)) if level == "district" else plan.province_code
    return pd.DataFrame([(plan.code, indicator_code, level, area, "2025-12", value)], columns=ROW_COLUMNS)


def build(folder: Path, plan: Plan, years: int) -> None:
    """The warehouse as the writer's working database, published."""
    working = folder / "warehouse.duckdb"
    if working.exists():
        print(f"warehouse reused: {working}")
        return
    built = build_benchmark_warehouse(
        working,
        plan,
        first_year=FIRST_YEAR + 10 - years,
        years=years,
        evaluation_year=EVALUATION_YEAR,
        primary_key=True,
    )
    Warehouse(folder).recover()  # publishes it (and records the plan's first token)
    print(
        f"warehouse: {built.measurements:,} measurement rows ({years} years of months), {len(plan.districts)} "
        f"districts, {len(plan.indicators)} indicators; generated in {built.generate_seconds:.0f} s, progress "
        f"{built.progress_seconds:.0f} s, file {working.stat().st_size / 1e6:.0f} MB"
    )


def measure(folder: Path, plan: Plan, rounds: int) -> dict[str, dict[str, float]]:
    from dashboard import page_cache
    from dashboard.app import create_app
    from dashboard.context import get_context

    settings = load_settings({"GOSTERGE_DATA_DIR": str(folder), "GOSTERGE_SCHEDULER": "0"})
    app = create_app(settings, plans={plan.code: plan})
    floor_payloads: dict[str, Any] = {}
    app.callback(Output("bench-floor", "children"), Input("bench-key", "data"))(lambda key: floor_payloads[key])
    client = app.server.test_client()
    client.get("/")
    reader = get_context().reader
    goal = "1.1.1"
    under = [item.code for item in plan.indicators_under(goal)]
    pages = {  # the page, and the indicator under it a touching load delivers
        "goal page": (f"/{PLAN_CODE}/node/{goal}", under[0]),
        "indicator page": (f"/{PLAN_CODE}/indicator/{under[1]}", under[1]),
    }
    elsewhere = next(code for code in plan.indicators if code.startswith("3."))
    figures: dict[str, dict[str, list[float]]] = {
        name: {"reopen": [], "touched": [], "untouched": [], "other worker": [], "floor": []} for name in pages
    }
    for path, _ in pages.values():
        post(client, router_request(path))  # the page type's code warmed
    cache = page_cache.cache_for(settings)
    renders: dict[str, list[int]] = {"touched": [], "untouched": []}

    def after_load(name: str, kind: str, path: str) -> bytes:
        """The page's first request after a load, once the shell's poll has opened the new snapshot."""
        started = time.perf_counter()
        reader.data_version()  # what the open pages' poll asks every few seconds: it reopens the file
        figures[name]["reopen"].append(time.perf_counter() - started)
        misses = cache.counts.misses
        seconds, data = post(client, router_request(path))
        figures[name][kind].append(seconds)
        renders[kind].append(cache.counts.misses - misses)
        return data

    for round_number in range(rounds):
        for name, (path, touched_code) in pages.items():
            deliver(folder, plan, one_value(plan, touched_code, 100.0 + round_number))
            after_load(name, "touched", path)
            deliver(folder, plan, one_value(plan, elsewhere, 200.0 + round_number))
            data = after_load(name, "untouched", path)
            cache.memory.clear()
            figures[name]["other worker"].append(post(client, router_request(path))[0])
            floor_payloads[name] = json.loads(data)["response"]["_pages_content"]["children"]
            figures[name]["floor"].append(min(post(client, floor_request(name))[0] for _ in range(3)))
    print(
        f"renders on the first request: after a touching load {sum(renders['touched'])} of "
        f"{len(renders['touched'])}, after another load {sum(renders['untouched'])} of {len(renders['untouched'])}"
    )
    return {
        name: {figure: statistics.median(values) * 1000 for figure, values in by_figure.items()}
        for name, by_figure in figures.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build (or reuse) the warehouse in this folder")
    parser.add_argument("--years", type=int, default=3, help="years of monthly rows (3: about 3 M rows; 10: 10 M)")
    parser.add_argument("--rounds", type=int, default=5, help="loads of each kind per page")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not DISTRICTS_CSV.is_file():
        print(f"{DISTRICTS_CSV} not found (../shared beside the project)", file=sys.stderr)
        return 2
    folder = arguments.keep or Path(tempfile.mkdtemp(prefix="gosterge-page-cache-"))
    folder.mkdir(parents=True, exist_ok=True)
    plan = synthetic_plan(DISTRICTS_CSV)
    started = time.perf_counter()
    build(folder, plan, arguments.years)
    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    results = measure(folder, plan, arguments.rounds)
    print(
        f"\n{'page':16} {'touched ms':>11} {'untouched ms':>13} {'other worker ms':>16} {'floor ms':>9} "
        f"{'reopen ms':>10}"
    )
    for name, figures in results.items():
        print(
            f"{name:16} {figures['touched']:11.1f} {figures['untouched']:13.1f} {figures['other worker']:16.1f} "
            f"{figures['floor']:9.1f} {figures['reopen']:10.1f}"
        )
    print(
        "touched / untouched: the page's first request after a load that changed its data / that did not "
        "(the new snapshot already opened by the poll: 'reopen'); other worker: the same from the cache folder"
    )
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end; total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
