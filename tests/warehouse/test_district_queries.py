"""The district queries (warehouse.queries.districts and .scorecard) for the latest data and for
one year, against a real warehouse with both plans' demo data."""

from __future__ import annotations

import pandas as pd
import pytest

from gosterge.plan import Plan
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.view_questions import node_yearly
from tests.support.yearly import DISTRICT, INDICATOR, PAST, yearly_values
from warehouse.queries.districts import area_values, district_league, equity_spread_over_time, years_with_data
from warehouse.queries.scorecard import district_indicators, district_scorecard

# ---------------------------------------------------------------- the latest data


@pytest.fixture(scope="module")
def connection(yearly_connection):
    return yearly_connection


def test_area_values_of_a_past_year(connection, izmir_plan: Plan):
    indicator = next(i for i in izmir_plan.indicators.values() if i.level == "district")
    values = area_values(connection, plan=IZMIR, indicator=indicator.code, year=2018)
    assert len(values) == 30
    assert values["value"].notna().sum() >= 25  # the demo leaves a few gaps
    assert set(values["latest_year"].dropna()) == {2018}
    assert values["status"].isna().all()


def test_district_league_ranks_in_the_good_direction(connection, izmir_plan: Plan):
    falling = next(
        (i for i in izmir_plan.indicators.values() if i.level == "district" and i.direction == "decrease"), None
    )
    rising = next(i for i in izmir_plan.indicators.values() if i.level == "district" and i.direction == "increase")
    league = district_league(connection, plan=IZMIR, indicator=rising.code)
    assert len(league) == 30
    ranked = league.dropna(subset=["value"])
    assert list(ranked["value"]) == sorted(ranked["value"], reverse=True)
    assert ranked.iloc[0]["gap_to_best"] == 0
    if falling is not None:
        ranked = district_league(connection, plan=IZMIR, indicator=falling.code).dropna(subset=["value"])
        assert list(ranked["value"]) == sorted(ranked["value"])


def test_district_scorecard_and_indicators_rank_against_the_province(connection, izmir_plan: Plan):
    scorecard = district_scorecard(connection, plan=IZMIR, district="1128")
    assert len(scorecard) == len(izmir_plan.nodes)
    with_rank = scorecard.dropna(subset=["rank"])
    assert (with_rank["rank"] >= 1).all() and (with_rank["rank"] <= 30).all()
    indicators = district_indicators(connection, plan=IZMIR, district="1128")
    assert len(indicators) == sum(1 for i in izmir_plan.indicators.values() if i.level == "district")
    assert indicators["province_value"].notna().any()


def test_equity_spread_per_year(connection, izmir_plan: Plan):
    indicator = next(i for i in izmir_plan.indicators.values() if i.level == "district")
    spread = equity_spread_over_time(connection, plan=IZMIR, indicator=indicator.code)
    assert not spread.empty
    assert (spread["maximum"] >= spread["minimum"]).all()
    assert (spread["areas"] >= 2).all()


def test_regions_roll_up_for_balikesir(connection, balikesir_plan: Plan):
    regions = district_league(connection, plan=BALIKESIR, node=BALIKESIR, area_level="region")
    assert set(regions["area_code"]) == set(balikesir_plan.regions)


# ---------------------------------------------------------------- one year


def test_years_with_data_are_the_years_with_a_value(connection, izmir_plan):
    years = years_with_data(connection, plan=IZMIR, indicator=INDICATOR)
    stored = connection.execute(
        "select distinct year from indicator_yearly where plan_code = ? and indicator_code = ? "
        "and area_level = 'district' and value is not null order by year",
        [IZMIR, INDICATOR],
    ).fetchall()
    assert years == [year for (year,) in stored] and PAST in years
    assert years_with_data(connection, plan=IZMIR, node=IZMIR)[0] == izmir_plan.baseline_year
    assert years_with_data(connection, plan=IZMIR, indicator="no-such") == []


def test_league_of_a_year_is_that_years_values_best_first(connection):
    league = district_league(connection, plan=IZMIR, indicator=INDICATOR, year=PAST)
    stored = yearly_values(connection, INDICATOR, PAST)
    assert len(league) == 30 and league["status"].isna().all()
    shown = league.set_index("area_code")
    for code, row in stored.iterrows():
        assert shown.loc[code, "value"] == pytest.approx(row["value"])
        assert shown.loc[code, "expected_pct"] == pytest.approx(row["expected_pct"])
    measured = league.dropna(subset=["value"])
    assert list(measured["value"]) == sorted(measured["value"], reverse=True)
    assert list(measured["rank"]) == list(range(1, len(measured) + 1))
    assert measured["gap_to_best"].iloc[0] == 0


def test_the_whole_plan_in_a_year_is_the_roll_up_of_its_top_level_nodes(connection):
    values = area_values(connection, plan=IZMIR, node=IZMIR, year=PAST).set_index("area_code")
    league = district_league(connection, plan=IZMIR, node=IZMIR, year=PAST).set_index("area_code")
    for code in (DISTRICT, "2006"):
        expected = node_yearly(connection, plan=IZMIR, node=IZMIR, area_level="district", area_code=code)
        row = expected[expected["year"] == PAST].iloc[0]
        assert values.loc[code, "realization_pct"] == pytest.approx(row["realization_pct"])
        assert league.loc[code, "expected_pct"] == pytest.approx(row["expected_pct"])
    goal = area_values(connection, plan=IZMIR, node="1.1.2", year=PAST).set_index("area_code")
    stored = connection.execute(
        "select realization_pct from node_yearly where plan_code = ? and node_code = '1.1.2' "
        "and area_level = 'district' and area_code = ? and year = ?",
        [IZMIR, DISTRICT, PAST],
    ).fetchone()[0]
    assert goal.loc[DISTRICT, "realization_pct"] == pytest.approx(stored)


def test_a_districts_scorecard_and_indicators_of_a_year(connection, izmir_plan):
    scorecard = district_scorecard(connection, plan=IZMIR, district=DISTRICT, year=PAST)
    assert len(scorecard) == len(izmir_plan.nodes)
    node_row = scorecard.set_index("node_code").loc["1.1.2"]
    league = district_league(connection, plan=IZMIR, node="1.1.2", year=PAST).set_index("area_code")
    assert node_row["rank"] == league.loc[DISTRICT, "rank"]
    indicators = district_indicators(connection, plan=IZMIR, district=DISTRICT, year=PAST)
    row = indicators.set_index("indicator_code").loc[INDICATOR]
    assert row["latest_value"] == pytest.approx(yearly_values(connection, INDICATOR, PAST).loc[DISTRICT, "value"])
    assert row["province_value"] == pytest.approx(
        yearly_values(connection, INDICATOR, PAST, "province").iloc[0]["value"]
    )
    assert row["latest_year"] == PAST and row["status"] is None


# ---------------------------------------------------------------- the latest data and a year, one query


def test_the_latest_data_has_status_and_a_year_has_its_expected_realization(connection):
    latest = area_values(connection, plan=IZMIR, indicator=INDICATOR)
    past = area_values(connection, plan=IZMIR, indicator=INDICATOR, year=PAST)
    assert list(latest["area_code"]) == list(past["area_code"])  # every district, in plan order, both ways
    assert latest["status"].notna().all() and latest["trend"].notna().all()
    assert past["status"].isna().all() and past["trend"].isna().all()
    stored = (
        connection.execute(
            "select area_code, latest_value, expected_pct from indicator_progress "
            "where plan_code = ? and indicator_code = ? and area_level = 'district'",
            [IZMIR, INDICATOR],
        )
        .df()
        .set_index("area_code")
    )
    shown = latest.set_index("area_code")
    for code, row in stored.iterrows():
        assert shown.loc[code, "value"] == pytest.approx(row["latest_value"])
        assert shown.loc[code, "expected_pct"] == pytest.approx(row["expected_pct"])


def test_the_latest_year_read_as_a_year_gives_the_latest_values(connection):
    """The latest year read from the yearly tables has the same values as the latest data."""
    latest = district_league(connection, plan=IZMIR, indicator=INDICATOR)
    year = int(latest["latest_year"].max())
    as_year = district_league(connection, plan=IZMIR, indicator=INDICATOR, year=year)
    current = latest[latest["latest_year"] == year].set_index("area_code")
    assert not current.empty
    assert as_year.set_index("area_code").loc[current.index, "value"].tolist() == pytest.approx(
        current["value"].tolist()
    )


def test_a_scorecard_has_status_for_the_latest_data_only(connection, izmir_plan: Plan):
    latest = district_scorecard(connection, plan=IZMIR, district=DISTRICT)
    past = district_scorecard(connection, plan=IZMIR, district=DISTRICT, year=PAST)
    assert list(latest["node_code"]) == list(past["node_code"]) and set(latest["node_code"]) == set(izmir_plan.nodes)
    assert latest["status"].notna().all() and latest["trend"].notna().all()
    assert latest["province_status"].notna().all()
    assert past[["status", "trend", "province_status"]].isna().all().all()
    assert past["province_expected_pct"].notna().any()
    indicators = district_indicators(connection, plan=IZMIR, district=DISTRICT)
    assert indicators["status"].notna().all() and indicators["is_demo"].all()
    assert district_indicators(connection, plan=IZMIR, district=DISTRICT, year=PAST)["is_demo"].all()


@pytest.mark.parametrize("year", [None, PAST])
def test_the_demo_flag_of_a_map(connection, year: int | None):
    """An indicator's map carries its demo flag, the latest data and a year alike; a node's map of a
    year says whether the area has demo data (a node's latest map has no flag: node_progress has none)."""
    assert area_values(connection, plan=IZMIR, indicator=INDICATOR, year=year)["is_demo"].all()
    assert not area_values(connection, plan=IZMIR, indicator="no-such", year=year)["is_demo"].any()
    for node in (IZMIR, "1.1.2"):
        values = area_values(connection, plan=IZMIR, node=node, year=year)
        assert values["is_demo"].all() if year else not values["is_demo"].any()


def test_a_year_without_data_leaves_every_area_empty(connection):
    for year in (1990, None):
        values = area_values(connection, plan=IZMIR, indicator="no-such", year=year)
        assert len(values) == 30 and values["value"].isna().all() and values["latest_year"].isna().all()
    league = district_league(connection, plan=IZMIR, node=IZMIR, year=1990)
    assert len(league) == 30 and league["rank"].isna().all() and (league["ranked"] == 0).all()


# ---------------------------------------------------------------- ranks counted, as a window ranks them

#: a district's rank as rank() over every district gives it (the scorecard's definition before issue 16
#: counted it): by realization for nodes, by value in the good direction for indicators
WINDOW_RANKS = """
    select subject, area_code,
           case when merit is not null then rank() over (partition by subject order by merit desc nulls last) end
               as rank,
           count(merit) over (partition by subject) as ranked
    from (
        select node_code as subject, area_code, realization_pct as merit from node_progress
        where plan_code = $plan and area_level = 'district' and $year::integer is null
        union all
        select node_code, area_code, realization_pct from node_yearly
        where plan_code = $plan and area_level = 'district' and year = $year
        union all
        select p.indicator_code, p.area_code, p.latest_value * case when i.direction = 'decrease' then -1 else 1 end
        from indicator_progress p join indicators i using (plan_code, indicator_code)
        where p.plan_code = $plan and p.area_level = 'district' and $year::integer is null
        union all
        select y.indicator_code, y.area_code, y.value * case when i.direction = 'decrease' then -1 else 1 end
        from indicator_yearly y join indicators i using (plan_code, indicator_code)
        where y.plan_code = $plan and y.area_level = 'district' and y.year = $year
    )
"""


@pytest.mark.parametrize("plan", [IZMIR, BALIKESIR])
@pytest.mark.parametrize("year", [None, PAST])
def test_a_districts_ranks_are_those_of_a_window_over_every_district(connection, plan: str, year: int | None):
    windowed = connection.execute(WINDOW_RANKS, {"plan": plan, "year": year}).df()
    expected = {(row.subject, row.area_code): (row.rank, row.ranked) for row in windowed.itertuples()}
    districts = sorted({area for _, area in expected})
    assert districts, "the demo warehouse has district results"
    compared = 0
    for district in districts:
        scorecard = district_scorecard(connection, plan=plan, district=district, year=year)
        indicators = district_indicators(connection, plan=plan, district=district, year=year)
        for subject, rank, ranked in [
            *zip(scorecard["node_code"], scorecard["rank"], scorecard["ranked"], strict=True),
            *zip(indicators["indicator_code"], indicators["rank"], indicators["ranked"], strict=True),
        ]:
            if (subject, district) not in expected:
                assert pd.isna(rank)
                continue
            want_rank, want_ranked = expected[(subject, district)]
            assert (pd.isna(rank) and pd.isna(want_rank)) or rank == want_rank, (subject, district)
            assert ranked == want_ranked, (subject, district)
            compared += 1
    assert compared > len(districts) * 10
