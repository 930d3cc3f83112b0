"""Benchmark: dashboard callbacks on a national-scale warehouse (not part of the test suite).

    .venv/bin/python benchmarks/dashboard_callbacks.py [--keep DIR] [--repeat N]

Generates a synthetic plan shaped like İzmir's (3 axes, 13 priorities, 73 goals,
150 indicators, 85 of them measured monthly in all 973 districts of Türkiye from
../shared/reference/districts_turkey.csv, grouped into the 26 NUTS-2 regions) and
about 10 million monthly measurement rows over 10 years, generated in DuckDB by
tests/support/national_warehouse.py; the progress tables come from the real engine.

Then, through Flask's test client (the full Dash request: routing callback,
queries, builders, JSON), it times the page callbacks of the overview, a goal,
a district and the districts map, and in the same run a callback that returns
the very same response object precomputed (the floor: Dash and JSON alone).
Goal: each page within 1.5x of its floor, and every response under 500 KB.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from dash import Input, Output  # noqa: E402

from gosterge.plan.model import DataSource, District, Indicator, Level, Node, Plan, Region, YearValue  # noqa: E402
from gosterge.settings import load_settings  # noqa: E402
from tests.support.national_warehouse import build_benchmark_warehouse  # noqa: E402

DISTRICTS_CSV = PROJECT_ROOT.parent / "shared" / "reference" / "districts_turkey.csv"
PLAN_CODE = "bench-national"
AXES, PRIORITIES, GOALS, INDICATORS, DISTRICT_INDICATORS = 3, 13, 73, 150, 85
FIRST_YEAR, YEARS, BASELINE_YEAR, TARGET_YEAR = 2015, 10, 2014, 2026
GOAL_LIMIT = 1.5
SIZE_LIMIT = 500 * 1024


def synthetic_plan(districts_csv: Path) -> Plan:
    """A plan shaped like İzmir's, over every district of Türkiye."""
    with districts_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    regions = {
        row["nuts2_code"]: Region(row["nuts2_code"], row["nuts2_code"], row["nuts2_code"], "working") for row in rows
    }
    districts = {
        row["district_code"]: District(
            row["district_code"], f"{row['district']} ({row['province']})", row["nuts2_code"], index
        )
        for index, row in enumerate(rows)
    }
    levels = (
        Level("axes", "Eksen", "Axis", "Eksenler", "Axes"),
        Level("priorities", "Öncelik", "Priority", "Öncelikler", "Priorities"),
        Level("goals", "Hedef", "Goal", "Hedefler", "Goals"),
    )
    priorities_of = [5, 4, 4]
    nodes: dict[str, Node] = {}
    indicators: dict[str, Indicator] = {}
    goal_codes: list[str] = []
    goal_parent: dict[str, str] = {}
    for axis in range(1, AXES + 1):
        for priority in range(1, priorities_of[axis - 1] + 1):
            for goal in range(1, 7):
                goal_codes.append(f"{axis}.{priority}.{goal}")
                goal_parent[goal_codes[-1]] = f"{axis}.{priority}"
    goal_codes = goal_codes[:GOALS]
    per_goal = {code: [] for code in goal_codes}
    for index in range(INDICATORS):
        goal = goal_codes[index % GOALS]
        code = f"{goal}.{len(per_goal[goal]) + 1}"
        per_goal[goal].append(code)
        at_district = index % INDICATORS < DISTRICT_INDICATORS
        rising = index % 5 != 0
        indicators[code] = Indicator(
            plan_code=PLAN_CODE,
            code=code,
            goal_code=goal,
            position=len(per_goal[goal]) - 1,
            name_tr=f"Gösterge {code}",
            name_en=f"Indicator {code}",
            unit="ratio",
            direction="increase" if rising else "decrease",
            baseline=YearValue(BASELINE_YEAR, 100.0),
            target=YearValue(TARGET_YEAR, 150.0 if rising else 70.0),
            interim_targets={},
            weight=0.0,
            weight_declared=False,
            frequency="monthly",
            level="district" if at_district else "province",
            aggregation=("sum" if index % 2 else "mean") if at_district else None,
            measure="level",
            natural_limit=None,
            data_source="bench",
            responsible_unit="—",
            definition_tr="",
            definition_en="",
            provenance="working",
            location=code,
        )
    for items in per_goal.values():
        for item in items:
            indicators[item] = _with_weight(indicators[item], 100.0 / len(items))
    parents = sorted({goal_parent[goal] for goal in goal_codes}, key=lambda c: [int(p) for p in c.split(".")])
    for axis in range(1, AXES + 1):
        children = tuple(code for code in parents if code.split(".")[0] == str(axis))
        nodes[str(axis)] = Node(
            PLAN_CODE,
            str(axis),
            0,
            "axes",
            None,
            axis - 1,
            f"Eksen {axis}",
            f"Axis {axis}",
            "working",
            1.0,
            False,
            children,
            (),
            str(axis),
        )
    for position, code in enumerate(parents):
        children = tuple(goal for goal in goal_codes if goal_parent[goal] == code)
        nodes[code] = Node(
            PLAN_CODE,
            code,
            1,
            "priorities",
            code.split(".")[0],
            position,
            f"Öncelik {code}",
            f"Priority {code}",
            "working",
            1.0,
            False,
            children,
            (),
            code,
        )
    for position, code in enumerate(goal_codes):
        nodes[code] = Node(
            PLAN_CODE,
            code,
            2,
            "goals",
            goal_parent[code],
            position,
            f"Hedef {code}",
            f"Goal {code}",
            "working",
            1.0,
            False,
            (),
            tuple(per_goal[code]),
            code,
        )
    return Plan(
        code=PLAN_CODE,
        title_tr="Ulusal ölçekte deneme planı",
        title_en="National-scale test plan",
        organisation_tr="Gösterge",
        organisation_en="Gösterge",
        province="Türkiye",
        province_code="TR",
        period_start=BASELINE_YEAR + 1,
        period_end=TARGET_YEAR,
        baseline_year=BASELINE_YEAR,
        vision_tr="",
        vision_en="",
        provenance="working",
        population_indicator=None,
        levels=levels,
        nodes=nodes,
        indicators=indicators,
        regions=regions,
        districts=districts,
        data_sources={"bench": DataSource("bench", "Deneme", "Benchmark", "")},
        source_file=Path("bench-national.toml"),
        content_hash="benchmark",
        root_codes=tuple(str(axis) for axis in range(1, AXES + 1)),
    )


def _with_weight(indicator: Indicator, weight: float) -> Indicator:
    from dataclasses import replace

    return replace(indicator, weight=weight, weight_declared=True)


def router_request(pathname: str, search: str = "") -> dict[str, Any]:
    """The body the browser posts when Dash pages routes to ``pathname``."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def floor_request(key: str) -> dict[str, Any]:
    return {
        "output": "bench-floor.children",
        "outputs": {"id": "bench-floor", "property": "children"},
        "inputs": [{"id": "bench-key", "property": "data", "value": key}],
        "changedPropIds": ["bench-key.data"],
        "state": [],
    }


def timed(client: Any, body: dict[str, Any], repeat: int) -> tuple[float, int, bytes]:
    times = []
    response = None
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (response.status_code, response.data[:300])
    assert response is not None
    return statistics.median(times), len(response.data), response.data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build (or reuse) the warehouse in this folder")
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not DISTRICTS_CSV.is_file():
        print(f"{DISTRICTS_CSV} not found (../shared beside the project)", file=sys.stderr)
        return 2
    plan = synthetic_plan(DISTRICTS_CSV)
    folder = arguments.keep or Path(tempfile.mkdtemp(prefix="gosterge-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    published = folder / "published.duckdb"
    started = time.perf_counter()
    if not published.exists():
        built = build_benchmark_warehouse(
            published, plan, first_year=FIRST_YEAR, years=YEARS, evaluation_year=FIRST_YEAR + YEARS
        )
        print(
            f"warehouse: {built.measurements:,} measurement rows, {len(plan.districts)} districts, "
            f"{len(plan.indicators)} indicators; generated in {built.generate_seconds:.1f} s, "
            f"progress engine {built.progress_seconds:.1f} s, file {published.stat().st_size / 1e6:.0f} MB"
        )
    else:
        print(f"warehouse reused: {published}")

    from dashboard.app import create_app

    settings = load_settings({"GOSTERGE_DATA_DIR": str(folder), "GOSTERGE_SCHEDULER": "0"})
    app = create_app(settings, plans={plan.code: plan})
    floor_payloads: dict[str, Any] = {}
    app.callback(Output("bench-floor", "children"), Input("bench-key", "data"))(lambda key: floor_payloads[key])
    client = app.server.test_client()
    client.get("/")  # Dash sets up its routes and the pages callback on the first request
    goal = next(
        code
        for code, node in plan.nodes.items()
        if node.depth == 2 and any(plan.indicators[i].level == "district" for i in node.indicator_codes)
    )
    district = next(iter(plan.districts))
    district_indicator = next(code for code, item in plan.indicators.items() if item.level == "district")
    pages = [
        ("overview", f"/{PLAN_CODE}", ""),
        ("goal", f"/{PLAN_CODE}/node/{goal}", ""),
        ("district", f"/{PLAN_CODE}/district/{district}", ""),
        ("districts (tile map, league)", f"/{PLAN_CODE}/districts", f"?indicator={district_indicator}"),
    ]
    from dashboard.live import CACHE

    print(f"\n{'page':30} {'cold ms':>8} {'server ms':>10} {'floor ms':>9} {'ratio':>6} {'response KB':>12}  verdict")
    failures = 0
    for name, pathname, search in pages:
        body = router_request(pathname, search)
        CACHE.clear()
        cold, _, _ = timed(client, body, 1)  # the first request after a load: queries and builders
        seconds, size, data = timed(client, body, arguments.repeat)
        floor_payloads[name] = json.loads(data)["response"]["_pages_content"]["children"]
        floor_seconds, floor_size, _ = timed(client, floor_request(name), arguments.repeat)
        ratio = seconds / floor_seconds if floor_seconds else float("inf")
        ok = ratio <= GOAL_LIMIT and size < SIZE_LIMIT
        failures += not ok
        print(
            f"{name:30} {cold * 1000:8.1f} {seconds * 1000:10.1f} {floor_seconds * 1000:9.1f} {ratio:6.2f} "
            f"{size / 1024:12.1f}  "
            f"{'ok' if ok else 'over the goal'} (floor response {floor_size / 1024:.0f} KB)"
        )
    print(
        f"\ntotal {time.perf_counter() - started:.0f} s; goal: server time within {GOAL_LIMIT}x of the floor, "
        f"responses under {SIZE_LIMIT // 1024} KB"
    )
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
