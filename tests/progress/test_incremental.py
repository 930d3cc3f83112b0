"""Incremental progress equals a full recompute: random deliveries (new rows, revisions, province values,
population figures, one indicator in every district) into a real DuckDB warehouse, each refreshing only
what its rows change; after each, every row of the four progress tables is compared with a full
recompute of a copy of the warehouse. Then what forces a full recompute: a plan edit, a setting, a new
evaluation year, a load named by none.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.demo import demo_measurements
from gosterge.plan import Plan, load_plan
from tests.support.builders import measurement_frame
from warehouse.loading import finish_run, start_run, upsert_measurements
from warehouse.plan_sync import sync_plan
from warehouse.progress_store import PROGRESS_TABLES, ProgressRefresh, refresh_progress
from warehouse.schema import apply_schema

DIRECTIONS_PLAN = Path(__file__).parent.parent / "fixtures" / "plans" / "directions.toml"
EVALUATION_YEAR = 2022
KEYS = {
    "indicator_progress": "indicator_code, area_level, area_code",
    "node_progress": "node_code, area_level, area_code",
    "indicator_yearly": "indicator_code, area_level, area_code, year",
    "node_yearly": "node_code, area_level, area_code, year",
}


class Deliveries:
    """Random deliveries drawn from a plan's demo measurements (the universe of rows that may arrive)."""

    def __init__(self, plan: Plan, seed: int):
        self.plan = plan
        self.random = random.Random(seed)
        self.universe = demo_measurements(plan, last_year=2023).reset_index(drop=True)
        self.loaded = pd.Series(False, index=self.universe.index)
        self.series = self.universe.groupby(["indicator_code", "area_level", "area_code"]).groups

    def first(self) -> pd.DataFrame:
        """About half the rows: the warehouse before the deliveries."""
        chosen = self.universe.sample(frac=0.5, random_state=self.random.randrange(1 << 30))
        self.loaded[chosen.index] = True
        return chosen

    def next(self) -> pd.DataFrame:
        """A few series (or one indicator in every district), some of their rows new, some revised."""
        keys = list(self.series)
        if self.random.random() < 0.2:
            indicator = self.random.choice([code for code, level, _ in keys if level == "district"])
            picked = [key for key in keys if key[0] == indicator]
        else:
            picked = self.random.sample(keys, self.random.randint(1, 4))
            if self.plan.population_indicator and self.random.random() < 0.3:
                population = [key for key in keys if key[0] == self.plan.population_indicator]
                picked.append(self.random.choice(population))
        rows = []
        for key in picked:
            index = list(self.series[key])
            rows.extend(self.random.sample(index, min(len(index), self.random.randint(1, 4))))
        delivery = self.universe.loc[sorted(set(rows))].copy()
        coin = pd.Series([self.random.random() < 0.5 for _ in delivery.index], index=delivery.index)
        revised = self.loaded[delivery.index] & coin
        delivery.loc[revised, "value"] = delivery.loc[revised, "value"] * self.random.uniform(0.5, 1.5) + 1.0
        self.loaded[delivery.index] = True
        if self.random.random() < 0.25:
            delivery = pd.concat([delivery, self.province_value(delivery)], ignore_index=True)
        return delivery

    def province_value(self, delivery: pd.DataFrame) -> pd.DataFrame:
        """A province value measured as such for a district indicator not otherwise in the delivery (it wins
        over the roll-up of the districts that year)."""
        others = self.universe[
            (self.universe.area_level == "district") & ~self.universe.indicator_code.isin(delivery.indicator_code)
        ]
        if others.empty:
            return others
        row = others.iloc[[self.random.randrange(len(others))]]
        return row.assign(area_level="province", area_code=self.plan.province_code, value=row.value * 20)


def load(connection: duckdb.DuckDBPyConnection, plan: Plan, rows: pd.DataFrame, **settings: object) -> ProgressRefresh:
    """One load, as the ETL makes it: upsert and refresh what its rows change, in one transaction."""
    run_id = start_run(connection, source_id="random", plan_code=plan.code, file_name="delivery")
    connection.execute("begin")
    counts = upsert_measurements(connection, run_id, measurement_frame(rows, source_id="random"))
    refresh = refresh_progress(
        connection,
        plan,
        evaluation_year=int(settings.get("evaluation_year", EVALUATION_YEAR)),  # type: ignore[call-overload]
        coverage_floor=float(settings.get("coverage_floor", 0.5)),  # type: ignore[arg-type]
        cap_realization=bool(settings.get("cap_realization", True)),
        run_id=run_id,
    )
    finish_run(connection, run_id, status="loaded", rows_read=len(rows), rows_loaded=counts.loaded)
    connection.execute("commit")
    return refresh


def assert_equals_full_recompute(connection: duckdb.DuckDBPyConnection, plan: Plan, folder: Path, step: int) -> None:
    """Every row of the four progress tables equals the same table after a full recompute of a copy."""
    connection.execute("checkpoint")
    copy = folder / f"full-{step}.duckdb"
    shutil.copyfile(folder / "warehouse.duckdb", copy)
    full = duckdb.connect(str(copy))
    try:
        full.execute("begin")
        refresh = refresh_progress(
            full, plan, evaluation_year=EVALUATION_YEAR, coverage_floor=0.5, cap_realization=True
        )
        full.execute("commit")
        assert refresh.full
        for table in PROGRESS_TABLES:
            query = f"select * from {table} order by {KEYS[table]}"  # noqa: S608 - constant names
            stored, expected = connection.execute(query).fetchall(), full.execute(query).fetchall()
            assert len(stored) == len(expected), f"delivery {step}: {table} has {len(stored)} rows, not {len(expected)}"
            for mine, theirs in zip(stored, expected, strict=True):
                assert mine == theirs, f"delivery {step}: {table} row differs"
    finally:
        full.close()
        copy.unlink()


@pytest.fixture(scope="module")
def directions_plan() -> Plan:
    return load_plan(DIRECTIONS_PLAN)


@pytest.fixture
def warehouse(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    apply_schema(connection)
    yield connection
    connection.close()


def start(connection: duckdb.DuckDBPyConnection, plan: Plan, deliveries: Deliveries) -> None:
    connection.execute("begin")
    sync_plan(connection, plan)
    connection.execute("commit")
    assert load(connection, plan, deliveries.first()).full  # nothing stored yet


@pytest.mark.slow
@pytest.mark.parametrize(("plan_name", "seed", "steps"), [("balikesir", 1, 12), ("izmir", 2, 8), ("directions", 3, 10)])
def test_random_deliveries_leave_what_a_full_recompute_makes(
    request, warehouse, tmp_path, plan_name, seed, steps, balikesir_plan, izmir_plan, directions_plan
):
    plan = {"balikesir": balikesir_plan, "izmir": izmir_plan, "directions": directions_plan}[plan_name]
    deliveries = Deliveries(plan, seed)
    start(warehouse, plan, deliveries)
    total = warehouse.execute("select count(*) from node_progress").fetchone()[0]
    incremental = 0
    for step in range(1, steps + 1):
        refresh = load(warehouse, plan, deliveries.next())
        if refresh.full:  # a small plan: some deliveries change most of it
            assert refresh.reason == "the load changes most of the plan"
        else:
            assert refresh.scope is not None and 0 < len(refresh.scope.nodes) < total
            incremental += 1
        assert_equals_full_recompute(warehouse, plan, tmp_path, step)
    assert incremental >= steps // 2


def test_a_delivery_rewrites_only_what_its_rows_change(warehouse, balikesir_plan):
    plan = balikesir_plan
    deliveries = Deliveries(plan, 4)
    start(warehouse, plan, deliveries)
    district = next(code for code, item in plan.districts.items() if item.region in plan.regions)
    indicator = next(
        item for item in plan.indicators.values() if item.level == "district" and item.code != plan.population_indicator
    )
    rows = deliveries.universe[
        (deliveries.universe.indicator_code == indicator.code) & (deliveries.universe.area_code == district)
    ].head(2)
    refresh = load(warehouse, plan, rows.assign(value=rows.value + 7.0))
    region, province = plan.districts[district].region, plan.province_code
    assert refresh.scope is not None
    assert refresh.scope.indicators == {
        (indicator.code, "district", district),
        (indicator.code, "region", region),
        (indicator.code, "province", province),
    }
    chain = [node.code for node in plan.ancestors(indicator.code)] + [plan.code]
    assert refresh.scope.nodes == {
        (code, level, area)
        for code in chain
        for level, area in (("district", district), ("region", region), ("province", province))
    }
    assert {(node.node_code, node.area_level, node.area_code) for node in refresh.progress.nodes} == refresh.scope.nodes


def test_the_population_indicator_reweighs_its_region_and_province(warehouse, izmir_plan):
    plan = izmir_plan
    deliveries = Deliveries(plan, 5)
    start(warehouse, plan, deliveries)
    district = next(iter(plan.districts))
    rows = deliveries.universe[
        (deliveries.universe.indicator_code == plan.population_indicator) & (deliveries.universe.area_code == district)
    ].head(1)
    refresh = load(warehouse, plan, rows.assign(value=rows.value * 3))
    weighted = {code for code, item in plan.indicators.items() if item.aggregation == "population_weighted_mean"}
    assert refresh.scope is not None and weighted
    assert {(code, "province", plan.province_code) for code in weighted} <= refresh.scope.indicators
    assert not any(level == "district" and code in weighted for code, level, _ in refresh.scope.indicators)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"coverage_floor": 0.6}, "coverage_floor"),
        ({"cap_realization": False}, "cap_realization"),
        ({"evaluation_year": EVALUATION_YEAR + 1}, "evaluation_year"),
    ],
)
def test_a_setting_or_a_new_year_recomputes_the_whole_plan(warehouse, mini_plan, change, reason):
    deliveries = Deliveries(mini_plan, 6)
    start(warehouse, mini_plan, deliveries)
    assert not load(warehouse, mini_plan, deliveries.next()).full
    refresh = load(warehouse, mini_plan, deliveries.next(), **change)
    assert refresh.full and refresh.reason == f"changed since the stored progress: {reason}"
    assert not load(warehouse, mini_plan, deliveries.next(), **change).full  # recorded: incremental again


def test_a_plan_edit_recomputes_the_whole_plan(warehouse, mini_plan):
    deliveries = Deliveries(mini_plan, 7)
    start(warehouse, mini_plan, deliveries)
    edited = replace(mini_plan, content_hash=mini_plan.content_hash + "-edited")
    warehouse.execute("begin")
    assert sync_plan(warehouse, edited)
    warehouse.execute("commit")
    refresh = load(warehouse, edited, deliveries.next())
    assert refresh.full and refresh.reason == "changed since the stored progress: plan_hash"


def test_a_refresh_naming_no_load_recomputes_the_whole_plan(warehouse, mini_plan):
    deliveries = Deliveries(mini_plan, 8)
    start(warehouse, mini_plan, deliveries)
    warehouse.execute("begin")
    refresh = refresh_progress(
        warehouse, mini_plan, evaluation_year=EVALUATION_YEAR, coverage_floor=0.5, cap_realization=True
    )
    warehouse.execute("commit")
    assert refresh.full and refresh.reason == "no load named"
    stored = warehouse.execute("select count(*) from node_progress").fetchone()[0]
    assert len(refresh.progress.nodes) == stored


def test_a_load_that_changes_most_of_the_plan_recomputes_it_whole(warehouse, mini_plan):
    deliveries = Deliveries(mini_plan, 9)
    start(warehouse, mini_plan, deliveries)
    everything = deliveries.universe.assign(value=deliveries.universe.value + 1.0)
    refresh = load(warehouse, mini_plan, everything)
    assert refresh.full and refresh.reason == "the load changes most of the plan"
