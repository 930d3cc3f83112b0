"""The yearly monitoring table: warehouse query + pure builder, hand-worked on goal 7.1 and friends.

Goal 7.1 (official; weights 25 / 50 / 15 / 10):
  7.1.1 amateur clubs supported, per period: 80 (2019), 110 (2022); 2022 target 115
  7.1.2 sports events, per period: 60, 63, 80, 68 (2019-2022); targets 70, 75, 85
  7.1.3 portable pools, cumulative: 3, 5, 4 delivered in 2020-2022; running totals 4, 8, 12 planned
  7.1.4 martial arts centres, cumulative: 1 (2020), 3 (2022); running totals 1, 2, 3 planned
"""

import pandas as pd
import pytest

from gosterge.progress.monitoring import INDICATOR, NODE, build_monitoring_table
from tests.support.builders import load_rows
from warehouse import Reader
from warehouse.monitoring import (
    fetch_monitoring_table,
    monitoring_indicators,
    monitoring_metadata,
    monitoring_nodes,
    monitoring_years,
)

BALIKESIR = "balikesir-2020-2024"
PROVINCE = "10"
KORFEZ_2019 = {"1294": 6.0, "1161": 3.0, "1216": 3.0, "1384": 2.0, "1928": 1.0}
KORFEZ_2022 = {"1294": 8.0, "1161": 4.0, "1216": 3.0, "1384": 2.0, "1928": 2.0}


def long_rows(plan, indicator, area_level, area_code, values):
    return [(plan, indicator, area_level, area_code, period, value) for period, value in values.items()]


@pytest.fixture(scope="module")
def reader(tmp_path_factory, request):
    balikesir_plan = request.getfixturevalue("balikesir_plan")
    rows = [
        *long_rows(BALIKESIR, "7.1.1", "province", PROVINCE, {"2019": 80, "2022": 110}),
        *long_rows(BALIKESIR, "7.1.2", "province", PROVINCE, {"2019": 60, "2020": 63, "2021": 80, "2022": 68}),
        *long_rows(BALIKESIR, "7.1.3", "province", PROVINCE, {"2019": 0, "2020": 3, "2021": 5, "2022": 4}),
        *long_rows(BALIKESIR, "7.1.4", "province", PROVINCE, {"2019": 0, "2020": 1, "2022": 3}),
        *long_rows(BALIKESIR, "3.2.1", "province", PROVINCE, {"2019": 0, "2022": 50}),
        *long_rows(
            BALIKESIR,
            "1.2.3",
            "province",
            PROVINCE,
            {"2019-Q4": 44, "2022-Q1": 40, "2022-Q2": 39, "2022-Q3": 38, "2022-Q4": 37},
        ),
        *long_rows(BALIKESIR, "11.2.1", "province", PROVINCE, {"2019-Q4": 90, "2022-Q4": 89}),
    ]
    for code in KORFEZ_2019:  # sports events in the Körfez districts
        rows += long_rows(BALIKESIR, "8.1.1", "district", code, {"2019": KORFEZ_2019[code], "2022": KORFEZ_2022[code]})
    frame = pd.DataFrame(rows, columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"])
    data = tmp_path_factory.mktemp("monitoring") / "data"
    load_rows(data, [balikesir_plan], frame)
    reader = Reader(data / "published.duckdb")
    yield reader
    reader.close()


def table(reader, year, **options):
    with reader.connect() as connection:
        return fetch_monitoring_table(connection, plan_code=BALIKESIR, year=year, **options)


def test_the_query_gives_weight_base_target_of_the_year_and_value(reader):
    with reader.connect() as connection:
        frame = monitoring_indicators(connection, plan=BALIKESIR, year=2022).set_index("indicator_code")
        assert monitoring_years(connection, plan=BALIKESIR) == [2020, 2021, 2022, 2023, 2024]
        assert monitoring_years(connection, plan="ankara") == []
    assert len(frame) == 69
    pools = frame.loc["7.1.3"]
    assert (pools.weight, pools.base_value, pools.year_target, pools.target_kind) == (15.0, 0.0, 12.0, "interim")
    assert (pools.realized_value, pools.period_value) == (12.0, 4.0)  # running total, delivered that year
    events = frame.loc["7.1.2"]
    assert (events.year_target, events.realized_value, events.period_value) == (85.0, 68.0, 68.0)
    loss = frame.loc["1.2.3"]  # quarterly level: the year's last quarter
    assert (loss.base_value, loss.year_target, loss.realized_value) == (44.0, 36.0, 37.0)
    assert frame.loc["7.1.1"].responsible_unit == "Kültür ve Sosyal İşler Dairesi Başkanlığı"
    assert pd.isna(frame.loc["2.1.1"].realized_value)  # no data: present, empty


def test_indicator_realization_of_the_year(reader):
    monitoring = table(reader, 2022)
    realization = {row.code: row.realization_pct for row in monitoring.indicators()}
    assert realization["7.1.1"] == pytest.approx(110 / 115 * 100)  # per period: 95.65 %
    assert realization["7.1.2"] == pytest.approx(80.0)  # 68 / 85, not the 2024 target
    assert realization["7.1.3"] == pytest.approx(100.0)  # running total 12 of the 12 planned by 2022
    assert realization["7.1.4"] == pytest.approx(4 / 3 * 100)  # 4 of 3: uncapped on the indicator
    assert realization["3.2.1"] == pytest.approx(50 / 60 * 100)  # (50 − 0) / (60 − 0)
    assert realization["1.2.3"] == pytest.approx(87.5)  # falling: (37 − 44) / (36 − 44)
    assert realization["11.2.1"] == pytest.approx(100.0)  # maintain: 89 holds 90 within 2 %
    assert realization["2.1.1"] is None


def test_goal_realization_is_the_weighted_sum_capped(reader):
    goal = table(reader, 2022).row("7.1", NODE)
    # (25 × 95.652 + 50 × 80 + 15 × 100 + 10 × 100 [133.3 capped]) / 100
    assert goal.realization_pct == pytest.approx((25 * 110 / 115 * 100 + 50 * 80 + 15 * 100 + 10 * 100) / 100)
    assert goal.realization_pct == pytest.approx(88.913, abs=1e-3)
    assert (goal.coverage, goal.withheld) == (1.0, False)
    assert goal.responsible_unit == "Kültür ve Sosyal İşler Dairesi Başkanlığı"
    uncapped = table(reader, 2022, cap_realization=False).row("7.1", NODE)
    assert uncapped.realization_pct == pytest.approx((25 * 110 / 115 * 100 + 50 * 80 + 15 * 100 + 10 * 400 / 3) / 100)
    aim = table(reader, 2022).row("A7", NODE)  # one goal under aim 7
    assert aim.realization_pct == pytest.approx(goal.realization_pct)


def test_a_goal_with_missing_indicators_renormalises_and_says_its_coverage(reader):
    monitoring = table(reader, 2020)
    goal = monitoring.row("7.1", NODE)
    # 7.1.1 has no 2020 value: (50 × 90 + 15 × 75 + 10 × 100) / 75, coverage 75 %
    assert monitoring.row("7.1.2").realization_pct == pytest.approx(90.0)  # 63 / 70
    assert monitoring.row("7.1.3").realization_pct == pytest.approx(75.0)  # 3 of 4
    assert goal.realization_pct == pytest.approx((50 * 90 + 15 * 75 + 10 * 100) / 75)
    assert goal.coverage == pytest.approx(0.75)
    # goal 3.2: only 3.2.1 (weight 25) has data in 2022, below the 50 % floor: withheld
    withheld = table(reader, 2022).row("3.2", NODE)
    assert withheld.withheld and withheld.realization_pct is None and withheld.coverage == pytest.approx(0.25)


def test_rows_run_aim_goal_indicators_in_plan_order(reader):
    monitoring = table(reader, 2022)
    assert len(monitoring.nodes("aims")) == 12 and len(monitoring.nodes("goals")) == 21
    assert len(monitoring.indicators()) == 69
    codes = [row.code for row in monitoring.rows]
    start = codes.index("A7")
    assert codes[start : start + 6] == ["A7", "7.1", "7.1.1", "7.1.2", "7.1.3", "7.1.4"]
    assert [row.depth for row in monitoring.rows[start : start + 3]] == [0, 1, 2]


def test_a_region_has_its_own_share_of_the_target(reader):
    # 8.1.1 events: Körfez had 15 of the province's 300 in 2019; its 2022 target is 410 × 15 / 300 = 20.5
    korfez = table(reader, 2022, area_level="region", area_code="korfez").row("8.1.1")
    assert (korfez.base_value, korfez.year_target, korfez.realized_value) == (15.0, 20.5, 19.0)
    assert korfez.realization_pct == pytest.approx(19 / 20.5 * 100)
    assert table(reader, 2022, area_level="region", area_code="korfez").row("7.1.1").year_target is None


def test_the_builder_works_for_izmir_levels(izmir_plan):
    nodes = pd.DataFrame(
        [
            {
                "node_code": "1",
                "depth": 0,
                "level_key": "axes",
                "parent_code": None,
                "sort_key": 0,
                "title_tr": "Güçlü Ekonomi",
                "title_en": "Strong Economy",
                "provenance": "official",
                "weight": 100.0,
            },
            {
                "node_code": "1.1",
                "depth": 1,
                "level_key": "priorities",
                "parent_code": "1",
                "sort_key": 1,
                "title_tr": "Kümelenme",
                "title_en": "Clusters",
                "provenance": "working",
                "weight": 100.0,
            },
            {
                "node_code": "1.1.1",
                "depth": 2,
                "level_key": "goals",
                "parent_code": "1.1",
                "sort_key": 2,
                "title_tr": "Hedef",
                "title_en": "Goal",
                "provenance": "working",
                "weight": 100.0,
            },
        ]
    )
    indicators = pd.DataFrame(
        [
            {
                "indicator_code": "1.1.1.1",
                "goal_code": "1.1.1",
                "sort_key": 3,
                "name_tr": "Ar-Ge payı",
                "name_en": "R&D",
                "unit": "%",
                "direction": "increase",
                "measure": "level",
                "weight": 60.0,
                "responsible_unit": "İZKA",
                "provenance": "working",
                "base_value": 1.0,
                "year_target": 1.2,
                "target_kind": "interim",
                "realized_value": 1.15,
                "period_value": 1.15,
                "is_demo": True,
            },
            {
                "indicator_code": "1.1.1.2",
                "goal_code": "1.1.1",
                "sort_key": 4,
                "name_tr": "İşsizlik",
                "name_en": "Unemployment",
                "unit": "%",
                "direction": "decrease",
                "measure": "level",
                "weight": 40.0,
                "responsible_unit": "İZKA",
                "provenance": "working",
                "base_value": 12.0,
                "year_target": 10.0,
                "target_kind": "interim",
                "realized_value": 11.0,
                "period_value": 11.0,
                "is_demo": True,
            },
        ]
    )
    monitoring = build_monitoring_table(nodes, indicators, plan_code="izmir-2014-2023", year=2018)
    assert [(row.kind, row.depth, row.code) for row in monitoring.rows] == [
        (NODE, 0, "1"),
        (NODE, 1, "1.1"),
        (NODE, 2, "1.1.1"),
        (INDICATOR, 3, "1.1.1.1"),
        (INDICATOR, 3, "1.1.1.2"),
    ]
    # (0.15 / 0.2 = 75 %) × 0.6 + ((11 − 12) / (10 − 12) = 50 %) × 0.4 = 65 %
    assert monitoring.row("1.1.1", NODE).realization_pct == pytest.approx(65.0)
    assert monitoring.row("1", NODE).realization_pct == pytest.approx(65.0)
    assert monitoring.overall_realization_pct == pytest.approx(65.0) and monitoring.is_demo


def test_izmir_in_the_same_warehouse_has_its_own_table(tmp_path, izmir_plan, balikesir_plan):
    from etl.demo import demo_measurements

    data = tmp_path / "data"
    load_rows(
        data,
        [izmir_plan, balikesir_plan],
        pd.concat([demo_measurements(izmir_plan), demo_measurements(balikesir_plan)]),
        is_demo=True,
    )
    reader = Reader(data / "published.duckdb")
    with reader.connect() as connection:
        izmir = fetch_monitoring_table(connection, plan_code="izmir-2014-2023", year=2018)
        nodes = monitoring_nodes(connection, plan="izmir-2014-2023")
        metadata = monitoring_metadata(connection, plan="izmir-2014-2023")
    assert (len(izmir.nodes("axes")), len(izmir.nodes("priorities")), len(izmir.nodes("goals"))) == (3, 13, 73)
    assert len(izmir.indicators()) == len(izmir_plan.indicators)
    assert set(nodes["level_key"]) == {"axes", "priorities", "goals"}
    assert {row.target_kind for row in izmir.indicators()} <= {"interim", "path", None}
    assert izmir.overall_realization_pct is not None and izmir.is_demo
    assert metadata["is_demo"] and metadata["period_end"] == 2023
