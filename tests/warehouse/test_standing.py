"""The plan's standing in one area (warehouse.queries.standing) gives what each view's own narrow
question gave (tests/support/view_questions.py): the same rows, columns, order and values, as the pages
read them (:func:`warehouse.frames.records_of`), for both plans, the province, regions and districts, and
every kind of scope."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from etl.demo import demo_measurements
from gosterge.plan import Plan
from tests.support import view_questions as asked
from tests.support.builders import load_rows
from tests.support.dashboard_app import IZMIR
from tests.support.view_questions import indicator_yearly
from warehouse import Reader
from warehouse import reader as reader_module
from warehouse.frames import records_of
from warehouse.queries import standing as standing_module
from warehouse.queries.indicators import indicator_progress, indicators_yearly
from warehouse.queries.standing import Standing, read_standing, standing_of


@pytest.fixture(scope="module")
def reader(data_dir: Path):
    reader = Reader(data_dir / "published.duckdb")
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, izmir_plan: Plan):
    """İzmir with a third of its indicators' data demo, a third real and a third never delivered: goals
    with and without data, demo flags that differ between scopes, loads at different times."""
    folder = tmp_path_factory.mktemp("standing") / "data"
    rows = demo_measurements(izmir_plan)
    codes = sorted(rows["indicator_code"].unique())
    load_rows(folder, [izmir_plan], rows[rows["indicator_code"].isin(codes[0::3])], source_id="demo", is_demo=True)
    load_rows(folder, [izmir_plan], rows[rows["indicator_code"].isin(codes[1::3])], source_id="real")
    reader = Reader(folder / "published.duckdb")
    yield reader
    reader.close()


def same_value(left: Any, right: Any) -> bool:
    if isinstance(left, list | tuple) or hasattr(left, "tolist"):
        return list(left) == list(right)
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right) or (pd.isna(left) and pd.isna(right))


def assert_same_rows(derived: pd.DataFrame, narrow: pd.DataFrame, what: str) -> None:
    assert list(derived.columns) == list(narrow.columns), what
    left, right = records_of(derived), records_of(narrow)
    assert len(left) == len(right), what
    for number, (mine, theirs) in enumerate(zip(left, right, strict=True)):
        for key, value in mine.items():
            assert same_value(value, theirs[key]), f"{what}, row {number}, {key}: {value!r} != {theirs[key]!r}"


def areas(connection, plan: str) -> list[tuple[str, str | None]]:
    """The province, every region and two districts (one of them without every indicator's data)."""
    found = connection.execute(
        """
        select area_level, area_code from (select distinct area_level, area_code from node_progress
        where plan_code = ? and area_level <> 'province') order by area_level desc, area_code
        """,
        [plan],
    ).fetchall()
    regions = [row for row in found if row[0] == "region"]
    districts = [row for row in found if row[0] == "district"]
    return [("province", None), *regions, *districts[:2]]


def scopes(standing: Standing, every: bool) -> list[str | None]:
    """The whole plan and ``every`` node, or two nodes of each level."""
    nodes = standing.nodes
    if every:
        return [None, *nodes["node_code"]]
    depths = sorted(set(nodes["depth"]))
    return [None, *(code for depth in depths for code in nodes[nodes["depth"] == depth]["node_code"][:2])]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("warehouse", "plan"),
    [("reader", "izmir-2014-2023"), ("reader", "balikesir-2020-2024"), ("mixed", "izmir-2014-2023")],
)
def test_the_standing_gives_what_each_view_asked(request: pytest.FixtureRequest, warehouse: str, plan: str) -> None:
    reader: Reader = request.getfixturevalue(warehouse)
    with reader.connect() as connection:
        checked = 0
        for area_level, area_code in areas(connection, plan):
            area = {"area_level": area_level, "area_code": area_code}
            standing = read_standing(connection, plan=plan, **area)
            for scope in scopes(standing, every=area_level == "province"):
                where = f"{plan} {area_level} {area_code} {scope}"
                assert_same_rows(
                    standing.node_rows(scope), asked.node_progress(connection, plan=plan, scope=scope, **area), where
                )
                assert_same_rows(
                    standing.node_years(scope or plan),
                    asked.node_yearly(connection, plan=plan, node=scope or plan, **area),
                    where,
                )
                assert_same_rows(
                    pd.DataFrame([standing.summary(scope)]),
                    asked.plan_overview(connection, plan=plan, scope=scope, **area),
                    where,
                )
                if area_level == "province":  # the overview's own parts are province figures
                    assert_same_rows(
                        standing.goal_tiles(scope), asked.goal_tiles(connection, plan=plan, scope=scope), where
                    )
                    assert_same_rows(
                        standing.status_counts(scope), asked.status_counts(connection, plan=plan, scope=scope), where
                    )
                    for limit in (12, 3):
                        assert_same_rows(
                            standing.lagging_goals(scope, limit),
                            asked.lagging_goals(connection, plan=plan, scope=scope, limit=limit),
                            where,
                        )
                checked += 1
            goals = standing.nodes[standing.nodes["depth"] == standing.goal_depth]["node_code"]
            for goal in goals[:5]:
                narrow = indicator_progress(connection, plan=plan, goal=goal, **area)
                assert_same_rows(standing.goal_indicators(goal), narrow, f"{plan} {area} {goal}")
                codes = list(narrow["indicator_code"])
                for code in [*codes, "no-such-indicator"]:
                    assert_same_rows(
                        standing.indicator_rows(code),
                        indicator_progress(connection, plan=plan, indicator=code, **area),
                        f"{plan} {area} {code}",
                    )
                    assert_same_rows(
                        standing.indicator_yearly(code),
                        indicator_yearly(connection, plan=plan, indicator=code, **area),
                        f"{plan} {area} {code}",
                    )
                assert_same_rows(
                    standing.years_of(codes),
                    indicators_yearly(connection, plan=plan, indicators=codes, **area),
                    f"{plan} {area} {goal}",
                )
        assert checked > 20
        if warehouse == "mixed":  # the fixture tells the derivations apart: demo flags differ between goals
            standing = read_standing(connection, plan=plan)
            goals = standing.nodes[standing.nodes["depth"] == standing.goal_depth]["node_code"]
            assert {standing.summary(goal)["is_demo"] for goal in goals} == {True, False}
            assert "not_available" in set(standing.node_rows()["status"])


def test_the_province_regions_and_recent_districts_are_kept_for_the_snapshot(
    reader: Reader, balikesir_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = balikesir_plan.code
    region = next(iter(balikesir_plan.regions))
    districts = list(balikesir_plan.districts)
    monkeypatch.setattr(reader_module, "ANSWERS", 2)  # a district's standing is one of the recent answers
    with reader.connect() as connection:
        province = standing_of(reader, connection, plan=plan)
        assert standing_of(reader, connection, plan=plan) is province
        kept = standing_of(reader, connection, plan=plan, area_level="region", area_code=region)
        assert standing_of(reader, connection, plan=plan, area_level="region", area_code=region) is kept

        def district(code: str) -> Standing:
            return standing_of(reader, connection, plan=plan, area_level="district", area_code=code)

        first = district(districts[0])
        assert district(districts[0]) is first
        district(districts[1])
        district(districts[2])  # the third district asked: the least recently asked one goes
        again = district(districts[0])
        assert again is not first and again.nodes.equals(first.nodes)
    assert province.summary()["node_code"] == plan and province.summary()["indicators"] == len(
        balikesir_plan.indicators
    )


@pytest.mark.parametrize("warehouse", ["demo", "mixed"])
def test_the_province_standing_the_writer_stored_is_the_one_the_questions_give(
    warehouse: str, reader: Reader, mixed: Reader, izmir_plan: Plan, balikesir_plan: Plan
) -> None:
    """Each published catalog holds every plan's province standing, read by the writer: the same frames (rows,
    order, columns and types) as the five questions asked of the catalog itself."""
    chosen, plans = (reader, [izmir_plan, balikesir_plan]) if warehouse == "demo" else (mixed, [izmir_plan])
    with chosen.connect() as connection:
        for plan in plans:
            stored = standing_module._stored(connection, plan.code)
            assert stored is not None, "the catalog holds no stored standing"
            for name, (sql, parameters) in standing_module._questions(plan.code, "province", None).items():
                asked_now = connection.execute(sql, parameters).df()
                assert len(asked_now) > 0, name
                pd.testing.assert_frame_equal(stored[name], asked_now, obj=f"{plan.code} {name}")
        assert standing_module._stored(connection, "no-such-plan") is None


def test_a_standing_stored_by_other_code_is_asked_again(reader: Reader, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade changed the questions, a reader of the new code does not take the old code's answers."""
    with reader.connect() as connection:
        assert standing_module._stored(connection, IZMIR) is not None
        monkeypatch.setattr(standing_module, "questions_digest", lambda: "another")
        assert standing_module._stored(connection, IZMIR) is None
        assert read_standing(connection, plan=IZMIR).summary()["node_code"] == IZMIR  # asked afresh
