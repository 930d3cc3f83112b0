"""The plan, node, indicator, search and load queries (warehouse.queries) against a real warehouse with
both plans' demo data; the district queries are in test_district_queries.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from gosterge.plan import Plan
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.view_questions import indicator_yearly
from warehouse import Reader
from warehouse.monitoring import monitoring_indicators
from warehouse.queries.districts import district_league
from warehouse.queries.indicators import indicator_progress, indicators_yearly
from warehouse.queries.loads import freshness, last_load
from warehouse.queries.search import search, turkish_fold
from warehouse.queries.standing import read_standing


@pytest.fixture(scope="module")
def connection(data_dir: Path):
    reader = Reader(data_dir / "published.duckdb")
    with reader.connect() as cursor:
        yield cursor
    reader.close()


def test_turkish_fold_maps_dotted_and_dotless_i():
    assert turkish_fold("İZMİR") == "izmir"
    assert turkish_fold("ISI") == turkish_fold("ısı") == "isi"  # folded to what a keyboard without ı types


def test_plan_overview_is_one_row_with_demo_flag(connection, izmir_plan: Plan):
    row = read_standing(connection, plan=IZMIR).summary()
    assert row["node_code"] == IZMIR
    assert row["indicators"] == len(izmir_plan.indicators)
    assert bool(row["is_demo"])
    assert 0 <= row["realization_pct"] <= 100


def test_node_progress_covers_every_node_in_plan_order(connection, izmir_plan: Plan):
    nodes = read_standing(connection, plan=IZMIR).node_rows()
    assert len(nodes) == len(izmir_plan.nodes)
    assert list(nodes["sort_key"]) == sorted(nodes["sort_key"])
    assert set(nodes[nodes["depth"] == 0]["node_code"]) == {"1", "2", "3"}
    assert set(nodes["root_code"]) == {"1", "2", "3"}


def test_scope_limits_to_the_subtree(connection, izmir_plan: Plan):
    standing = read_standing(connection, plan=IZMIR)
    nodes = standing.node_rows("2")
    assert set(nodes["root_code"]) == {"2"}
    tiles = standing.goal_tiles("2.1")
    assert set(tiles["node_code"]) == {node.code for node in izmir_plan.children("2.1")}
    assert set(tiles["group_code"]) == {"2.1"}


def test_goal_tiles_give_all_73_goals_in_13_groups(connection):
    tiles = read_standing(connection, plan=IZMIR).goal_tiles()
    assert len(tiles) == 73
    assert tiles["group_code"].nunique() == 13


def test_status_counts_add_up_to_goals_and_indicators(connection, izmir_plan: Plan):
    counts = read_standing(connection, plan=IZMIR).status_counts()
    assert counts[counts["kind"] == "goal"]["count"].sum() == 73
    assert counts[counts["kind"] == "indicator"]["count"].sum() == len(izmir_plan.indicators)
    assert set(counts["root_code"]) == {"1", "2", "3"}


def test_lagging_goals_are_behind_and_worst_first(connection):
    lagging = read_standing(connection, plan=IZMIR).lagging_goals()
    assert not lagging.empty
    assert set(lagging["status"]) <= {"deterioration", "limited", "acceleration_needed", "not_achieved"}
    order = {"deterioration": 0, "limited": 1, "acceleration_needed": 2, "not_achieved": 3}
    assert list(lagging["status"].map(order)) == sorted(lagging["status"].map(order))


def test_indicator_progress_joins_definition_and_load(connection, izmir_plan: Plan):
    goal = izmir_plan.goals()[0]
    rows = indicator_progress(connection, plan=IZMIR, goal=goal.code)
    assert list(rows["indicator_code"]) == list(goal.indicator_codes)
    row = rows.iloc[0]
    assert row["last_source_id"] == "demo" and row["last_file_name"] == "fixture"
    assert row["name_tr"] == izmir_plan.indicators[row["indicator_code"]].name_tr


def test_province_only_indicator_has_no_district_row(connection, izmir_plan: Plan):
    province_only = next(i for i in izmir_plan.indicators.values() if i.level == "province")
    district = next(iter(izmir_plan.districts))
    rows = indicator_progress(
        connection, plan=IZMIR, indicator=province_only.code, area_level="district", area_code=district
    )
    assert rows.iloc[0]["status"] == "not_available"


@pytest.mark.parametrize(("text", "expected_code"), [("izmir", "1.3.5"), ("İZMİR", "1.3.5"), ("1.1.1", "1.1.1")])
def test_search_is_turkish_aware(connection, text: str, expected_code: str):
    results = search(connection, plan=IZMIR, text=text)
    assert expected_code in set(results["code"])


def test_search_finds_dotless_i_from_capitals(connection):
    lower = search(connection, plan=IZMIR, text="ısı")
    upper = search(connection, plan=IZMIR, text="ISI")
    assert not lower.empty
    assert list(lower["code"]) == list(upper["code"])


def test_queries_never_mix_plans(connection, balikesir_plan: Plan):
    tiles = read_standing(connection, plan=BALIKESIR).goal_tiles()
    assert set(tiles["node_code"]) == {node.code for node in balikesir_plan.goals()}
    assert search(connection, plan=BALIKESIR, text="izmir").empty
    league = district_league(connection, plan=BALIKESIR, node=BALIKESIR)
    assert set(league["area_code"]) == set(balikesir_plan.districts)


def test_last_load_and_freshness(connection):
    last = last_load(connection, plan=IZMIR)
    assert last.iloc[0]["source_id"] == "demo" and bool(last.iloc[0]["is_demo"])
    fresh = freshness(connection, plan=IZMIR, as_of=datetime.now())
    assert not fresh["stale"].any()
    later = freshness(connection, plan=IZMIR, as_of=datetime.now() + timedelta(days=60))
    assert later["stale"].all()  # demo delivers monthly indicators: 45 days at most


def test_the_province_is_the_default_area(connection, plans: dict[str, Plan]):
    """area_code None is the plan's own province code, read in the same query (both plans)."""
    for code, plan in plans.items():
        province = {"area_level": "province", "area_code": plan.province_code}
        indicator = next(iter(plan.indicators))
        year = plan.period_start + 1
        standing, named = read_standing(connection, plan=code), read_standing(connection, plan=code, **province)
        assert pd.Series(standing.summary()).equals(pd.Series(named.summary()))
        pairs = [
            (standing.node_rows(), named.node_rows()),
            (standing.goal_tiles(), named.goal_tiles()),
            (standing.node_years(code), named.node_years(code)),
            (indicator_progress(connection, plan=code), indicator_progress(connection, plan=code, **province)),
            (
                indicator_yearly(connection, plan=code, indicator=indicator),
                indicator_yearly(connection, plan=code, indicator=indicator, **province),
            ),
            (
                monitoring_indicators(connection, plan=code, year=year),
                monitoring_indicators(connection, plan=code, year=year, **province),
            ),
        ]
        for default, explicit in pairs:
            assert not default.empty and default.equals(explicit)
        assert set(indicator_progress(connection, plan=code)["area_code"]) == {plan.province_code}
        assert pd.notna(standing.summary()["realization_pct"])
    unknown = read_standing(connection, plan="no-such-plan").summary()
    assert unknown["status"] == "not_available" and unknown["indicators"] == 0


@pytest.mark.parametrize(
    ("plan", "text", "expected"),
    [
        (IZMIR, "IZMIR", ("node", "1.3.5")),  # capitals without the dot find İzmir
        (IZMIR, "izmır", ("node", "1.3.5")),  # a dotless ı where a dotted one belongs
        (IZMIR, "bayrakli", ("district", "2056")),  # Bayraklı typed without Turkish letters
        (IZMIR, "KARŞIYAKA", ("district", "1448")),
        (IZMIR, "kume sayisi", ("indicator", "1.1.1.1")),
        (BALIKESIR, "korfez", ("region", "korfez")),
    ],
)
def test_search_forgives_turkish_letters_and_finds_areas(connection, plan, text, expected):
    results = search(connection, plan=plan, text=text)
    assert expected in set(zip(results["kind"], results["code"], strict=True))


def test_search_folds_turkish_letters_both_ways():
    assert turkish_fold("Sayısı") == turkish_fold("sayisi") == "sayisi"
    assert turkish_fold("İZMİR") == turkish_fold("IZMIR") == turkish_fold("izmır") == "izmir"


def test_search_ranks_an_exact_code_first(connection):
    results = search(connection, plan=IZMIR, text="1.1")
    assert results.iloc[0]["code"] == "1.1"
    assert all(code.startswith("1.1") for code in results["code"])


@pytest.mark.parametrize("area", [{}, {"area_level": "district", "area_code": "1128"}])
def test_the_yearly_rows_of_a_goals_indicators_in_one_query_are_those_asked_one_by_one(connection, izmir_plan, area):
    """The goal page reads its indicators' yearly rows in one query (issue 16): the same rows, split by
    indicator as the page splits them, as asking for each indicator on its own."""
    from dashboard.views.node import yearly_by_indicator

    for goal in izmir_plan.goals():
        codes = [indicator.code for indicator in izmir_plan.indicators_of(goal.code)]
        together = yearly_by_indicator(
            indicators_yearly(connection, plan=IZMIR, indicators=codes, **area), codes + ["no-such-indicator"]
        )
        for code in codes:
            alone = indicator_yearly(connection, plan=IZMIR, indicator=code, **area)
            pd.testing.assert_frame_equal(together[code], alone)
        assert together["no-such-indicator"].empty
        assert list(together["no-such-indicator"].columns) == list(alone.columns)
