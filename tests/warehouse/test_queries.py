"""warehouse.queries against a real warehouse with both plans' demo data."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gosterge.plan import Plan
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse import Reader, periods, queries


@pytest.fixture(scope="module")
def connection(data_dir: Path):
    reader = Reader(data_dir / "published.duckdb")
    with reader.connect() as cursor:
        yield cursor
    reader.close()


def test_turkish_fold_maps_dotted_and_dotless_i():
    assert queries.turkish_fold("İZMİR") == "izmir"
    assert queries.turkish_fold("ISI") == "ısı"


def test_plan_overview_is_one_row_with_demo_flag(connection, izmir_plan: Plan):
    overview = queries.plan_overview(connection, plan=IZMIR)
    assert len(overview) == 1
    row = overview.iloc[0]
    assert row["node_code"] == IZMIR
    assert row["indicators"] == len(izmir_plan.indicators)
    assert bool(row["is_demo"])
    assert 0 <= row["realization_pct"] <= 100


def test_node_progress_covers_every_node_in_plan_order(connection, izmir_plan: Plan):
    nodes = queries.node_progress(connection, plan=IZMIR)
    assert len(nodes) == len(izmir_plan.nodes)
    assert list(nodes["sort_key"]) == sorted(nodes["sort_key"])
    assert set(nodes[nodes["depth"] == 0]["node_code"]) == {"1", "2", "3"}
    assert set(nodes["root_code"]) == {"1", "2", "3"}


def test_scope_limits_to_the_subtree(connection, izmir_plan: Plan):
    nodes = queries.node_progress(connection, plan=IZMIR, scope="2")
    assert set(nodes["root_code"]) == {"2"}
    tiles = queries.goal_tiles(connection, plan=IZMIR, scope="2.1")
    assert set(tiles["node_code"]) == {node.code for node in izmir_plan.children("2.1")}
    assert set(tiles["group_code"]) == {"2.1"}


def test_goal_tiles_give_all_73_goals_in_13_groups(connection):
    tiles = queries.goal_tiles(connection, plan=IZMIR)
    assert len(tiles) == 73
    assert tiles["group_code"].nunique() == 13


def test_status_counts_add_up_to_goals_and_indicators(connection, izmir_plan: Plan):
    counts = queries.status_counts(connection, plan=IZMIR)
    assert counts[counts["kind"] == "goal"]["count"].sum() == 73
    assert counts[counts["kind"] == "indicator"]["count"].sum() == len(izmir_plan.indicators)
    assert set(counts["root_code"]) == {"1", "2", "3"}


def test_lagging_goals_are_behind_and_worst_first(connection):
    lagging = queries.lagging_goals(connection, plan=IZMIR)
    assert not lagging.empty
    assert set(lagging["status"]) <= {"deterioration", "limited", "acceleration_needed", "not_achieved"}
    order = {"deterioration": 0, "limited": 1, "acceleration_needed": 2, "not_achieved": 3}
    assert list(lagging["status"].map(order)) == sorted(lagging["status"].map(order))


def test_indicator_progress_joins_definition_and_load(connection, izmir_plan: Plan):
    goal = izmir_plan.goals()[0]
    rows = queries.indicator_progress(connection, plan=IZMIR, goal=goal.code)
    assert list(rows["indicator_code"]) == list(goal.indicator_codes)
    row = rows.iloc[0]
    assert row["last_source_id"] == "demo" and row["last_file_name"] == "fixture"
    assert row["name_tr"] == izmir_plan.indicators[row["indicator_code"]].name_tr


def test_province_only_indicator_has_no_district_row(connection, izmir_plan: Plan):
    province_only = next(i for i in izmir_plan.indicators.values() if i.level == "province")
    district = next(iter(izmir_plan.districts))
    rows = queries.indicator_progress(
        connection, plan=IZMIR, indicator=province_only.code, area_level="district", area_code=district
    )
    assert rows.iloc[0]["status"] == "not_available"


def test_area_values_of_a_past_year(connection, izmir_plan: Plan):
    indicator = next(i for i in izmir_plan.indicators.values() if i.level == "district")
    values = periods.area_values_in_year(connection, plan=IZMIR, indicator=indicator.code, year=2018)
    assert len(values) == 30
    assert values["value"].notna().sum() >= 25  # the demo leaves a few gaps
    assert set(values["latest_year"].dropna()) == {2018}
    assert values["status"].isna().all()


def test_district_league_ranks_in_the_good_direction(connection, izmir_plan: Plan):
    falling = next(
        (i for i in izmir_plan.indicators.values() if i.level == "district" and i.direction == "decrease"), None
    )
    rising = next(i for i in izmir_plan.indicators.values() if i.level == "district" and i.direction == "increase")
    league = queries.district_league(connection, plan=IZMIR, indicator=rising.code)
    assert len(league) == 30
    ranked = league.dropna(subset=["value"])
    assert list(ranked["value"]) == sorted(ranked["value"], reverse=True)
    assert ranked.iloc[0]["gap_to_best"] == 0
    if falling is not None:
        ranked = queries.district_league(connection, plan=IZMIR, indicator=falling.code).dropna(subset=["value"])
        assert list(ranked["value"]) == sorted(ranked["value"])


def test_district_scorecard_and_indicators_rank_against_the_province(connection, izmir_plan: Plan):
    scorecard = queries.district_scorecard(connection, plan=IZMIR, district="1128")
    assert len(scorecard) == len(izmir_plan.nodes)
    with_rank = scorecard.dropna(subset=["rank"])
    assert (with_rank["rank"] >= 1).all() and (with_rank["rank"] <= 30).all()
    indicators = queries.district_indicators(connection, plan=IZMIR, district="1128")
    assert len(indicators) == sum(1 for i in izmir_plan.indicators.values() if i.level == "district")
    assert indicators["province_value"].notna().any()


def test_equity_spread_per_year(connection, izmir_plan: Plan):
    indicator = next(i for i in izmir_plan.indicators.values() if i.level == "district")
    spread = queries.equity_spread_over_time(connection, plan=IZMIR, indicator=indicator.code)
    assert not spread.empty
    assert (spread["maximum"] >= spread["minimum"]).all()
    assert (spread["areas"] >= 2).all()


@pytest.mark.parametrize(("text", "expected_code"), [("izmir", "1.3.5"), ("İZMİR", "1.3.5"), ("1.1.1", "1.1.1")])
def test_search_is_turkish_aware(connection, text: str, expected_code: str):
    results = queries.search(connection, plan=IZMIR, text=text)
    assert expected_code in set(results["code"])


def test_search_finds_dotless_i_from_capitals(connection):
    lower = queries.search(connection, plan=IZMIR, text="ısı")
    upper = queries.search(connection, plan=IZMIR, text="ISI")
    assert not lower.empty
    assert list(lower["code"]) == list(upper["code"])


def test_queries_never_mix_plans(connection, balikesir_plan: Plan):
    tiles = queries.goal_tiles(connection, plan=BALIKESIR)
    assert set(tiles["node_code"]) == {node.code for node in balikesir_plan.goals()}
    assert queries.search(connection, plan=BALIKESIR, text="izmir").empty
    league = queries.district_league(connection, plan=BALIKESIR, node=BALIKESIR)
    assert set(league["area_code"]) == set(balikesir_plan.districts)


def test_regions_roll_up_for_balikesir(connection, balikesir_plan: Plan):
    regions = queries.district_league(connection, plan=BALIKESIR, node=BALIKESIR, area_level="region")
    assert set(regions["area_code"]) == set(balikesir_plan.regions)


def test_last_load_and_freshness(connection):
    last = queries.last_load(connection, plan=IZMIR)
    assert last.iloc[0]["source_id"] == "demo" and bool(last.iloc[0]["is_demo"])
    fresh = queries.freshness(connection, plan=IZMIR, as_of=datetime.now())
    assert not fresh["stale"].any()
    later = queries.freshness(connection, plan=IZMIR, as_of=datetime.now() + timedelta(days=60))
    assert later["stale"].all()  # demo delivers monthly indicators: 45 days at most
