"""The three rules every roll-up keeps (issue "Status an executive can trust"), walked over every stored
roll-up of both plans' demo data (the plan, every node; the province, every region and district):

1. a roll-up below 95 % of its expected realization is never on track;
2. a roll-up whose children have not all reached their targets is never "target achieved";
3. two siblings are ordered by status the way realization ÷ expected orders them (an achieved sibling
   excepted: its panel says every child reached its target).

The demo data run past both plans' target years (end results only), so the same walk is also made
over the engine's results for the demo data cut at a year inside each plan, where statuses are paces.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from etl.demo import demo_measurements
from gosterge.plan import Plan
from gosterge.progress import status as formulas
from gosterge.progress.compute import compute_plan
from warehouse import Reader
from warehouse.progress_store import annual_series

PACE = (formulas.ON_TRACK, formulas.ACCELERATION_NEEDED, formulas.LIMITED, formulas.DETERIORATION)
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Rolled:
    """One roll-up's stored numbers."""

    plan_code: str
    code: str
    area_level: str
    area_code: str
    realization: float | None
    expected: float | None
    status: str


def ratio(item: Rolled) -> float | None:
    if item.realization is None or item.expected is None or item.expected <= 0:
        return None
    return item.realization / item.expected


def children_of(plan: Plan, code: str) -> list[str]:
    if code == plan.code:
        return list(plan.root_codes)
    node = plan.nodes[code]
    return list(node.child_codes or node.indicator_codes)


def parent_of(plan: Plan, code: str) -> str | None:
    if code == plan.code:
        return None
    return plan.nodes[code].parent_code or plan.code


def check_rules(plan: Plan, rolled: list[Rolled], statuses: dict[tuple[str, str, str], str]) -> dict[str, int]:
    """Assert the three rules over ``rolled`` (``statuses``: (code, area level, area code) → status of
    every node and indicator); returns how many roll-ups and sibling pairs were checked."""
    checked = {"roll-ups": 0, "on track": 0, "achieved": 0, "sibling pairs": 0}
    siblings: dict[tuple[str | None, str, str], list[Rolled]] = defaultdict(list)
    for item in rolled:
        checked["roll-ups"] += 1
        where = f"{plan.code} {item.code} in {item.area_level} {item.area_code}"
        if item.status == formulas.ON_TRACK and (value := ratio(item)) is not None:
            checked["on track"] += 1
            assert value >= formulas.TARGET_THRESHOLDS[0] - TOLERANCE, f"{where}: on track at {value:.3f}"
        if item.status == formulas.ACHIEVED:
            checked["achieved"] += 1
            children = [
                statuses.get((child, item.area_level, item.area_code)) for child in children_of(plan, item.code)
            ]
            assessed = [status for status in children if status is not None and status not in formulas.NOT_ASSESSED]
            assert assessed and all(status == formulas.ACHIEVED for status in assessed), f"{where}: {children}"
        siblings[(parent_of(plan, item.code), item.area_level, item.area_code)].append(item)
    order = {status: rank for rank, status in enumerate(PACE)}
    for group in siblings.values():
        paced = [item for item in group if item.status in PACE and ratio(item) is not None]
        for first in paced:
            for second in paced:
                if ratio(first) > ratio(second) + TOLERANCE:  # type: ignore[operator]
                    checked["sibling pairs"] += 1
                    assert order[first.status] <= order[second.status], (
                        f"{first.code} ({ratio(first):.3f}, {first.status}) and {second.code} "
                        f"({ratio(second):.3f}, {second.status}) in {first.area_level} {first.area_code}"
                    )
        ended = [item for item in group if item.status in (formulas.ACHIEVED, formulas.NOT_ACHIEVED)]
        for first in ended:
            for second in ended:
                if first.status == formulas.NOT_ACHIEVED and second.status == formulas.ACHIEVED:
                    checked["sibling pairs"] += 1
                    assert (first.realization or 0) <= (second.realization or 0) + TOLERANCE
    return checked


@pytest.fixture(scope="module")
def stored(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    reader = Reader(data_dir / "published.duckdb")
    with reader.connect() as cursor:
        nodes = cursor.execute(
            "select plan_code, node_code, area_level, area_code, realization_pct, expected_pct, status "
            "from node_progress"
        ).df()
        indicators = cursor.execute(
            "select plan_code, indicator_code, area_level, area_code, status from indicator_progress"
        ).df()
    reader.close()
    return nodes, indicators


def _none(value: object) -> float | None:
    return None if pd.isna(value) else float(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("plan_name", ["izmir_plan", "balikesir_plan"])
def test_every_stored_roll_up_keeps_the_three_rules(request, stored, plan_name):
    plan: Plan = request.getfixturevalue(plan_name)
    nodes, indicators = stored
    nodes = nodes[nodes["plan_code"] == plan.code]
    indicators = indicators[indicators["plan_code"] == plan.code]
    rolled = [
        Rolled(
            plan.code,
            row.node_code,
            row.area_level,
            row.area_code,
            _none(row.realization_pct),
            _none(row.expected_pct),
            row.status,
        )
        for row in nodes.itertuples()
    ]
    statuses = {(row.node_code, row.area_level, row.area_code): row.status for row in nodes.itertuples()}
    statuses |= {(row.indicator_code, row.area_level, row.area_code): row.status for row in indicators.itertuples()}
    checked = check_rules(plan, rolled, statuses)
    areas = {(item.area_level, item.area_code) for item in rolled}
    assert len(areas) == 1 + len(plan.regions) + len(plan.districts)  # the province, every region and district
    assert checked["roll-ups"] == len(nodes) and checked["achieved"] > 0
    # past both plans' target years every roll-up with data is an end result, never a pace
    assert not set(nodes["status"]) & set(PACE)


@pytest.mark.parametrize(("plan_name", "year"), [("izmir_plan", 2019), ("balikesir_plan", 2022)])
def test_roll_ups_inside_the_plan_period_keep_the_three_rules(request, data_dir, plan_name, year):
    plan: Plan = request.getfixturevalue(plan_name)
    measured = {
        key: {measured_year: value for measured_year, value in series.items() if measured_year <= year}
        for key, series in _demo_series(plan).items()
    }
    progress = compute_plan(plan, measured, evaluation_year=year)
    rolled = [
        Rolled(plan.code, n.node_code, n.area_level, n.area_code, n.realization_pct, n.expected_pct, n.status)
        for n in progress.nodes
    ]
    statuses = {(n.node_code, n.area_level, n.area_code): n.status for n in progress.nodes}
    statuses |= {(r.indicator_code, r.area_level, r.area_code): r.status for r in progress.indicators}
    checked = check_rules(plan, rolled, statuses)
    assert checked["on track"] > 0 and checked["sibling pairs"] > 100
    assert {n.status for n in progress.nodes} & {formulas.ACCELERATION_NEEDED, formulas.LIMITED}


def _demo_series(plan: Plan) -> dict[tuple[str, str, str], dict[int, float]]:
    """The demo measurements of ``plan`` as the engine reads them (a year's last value or its sum)."""
    import duckdb

    from tests.support.builders import measurement_frame

    rows = measurement_frame(demo_measurements(plan))
    connection = duckdb.connect()
    connection.register("rows", rows)
    connection.execute(
        "create table measurements as select plan_code, indicator_code, area_level, area_code, year, period_end, "
        "value from rows"
    )
    connection.execute(
        "create table indicators as select ? as plan_code, unnest(?::varchar[]) as indicator_code, "
        "unnest(?::varchar[]) as measure",
        [plan.code, list(plan.indicators), [i.measure for i in plan.indicators.values()]],
    )
    return annual_series(connection, plan.code)
