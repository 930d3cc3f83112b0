"""Indicators without a numeric target (Open SDG's direction-only method) and informational ones, on
hand-worked series (tests/fixtures/plans/directions.toml), and how they enter a roll-up."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from gosterge.plan import Plan, load_plan
from gosterge.progress import status as formulas
from gosterge.progress.compute import compute_plan

FIXTURE = Path(__file__).parent.parent / "fixtures" / "plans" / "directions.toml"
PROVINCE = ("province", "35")

#: the series of the fixture's test data, as the engine reads them (year → value)
MEASURED = {
    ("1.1.1", *PROVINCE): {2019: 100.0, 2020: 108.0, 2021: 115.0, 2022: 121.0},
    ("1.1.2", *PROVINCE): {2019: 80.0, 2020: 81.0, 2022: 83.0},
    ("1.1.3", *PROVINCE): {2019: 1000.0, 2022: 1200.0},
    ("2.1.1", "district", "1128"): {2019: 50.0, 2022: 47.0},
    ("2.1.1", "district", "1203"): {2019: 40.0, 2022: 41.0},
    ("2.1.2", "district", "1128"): {2019: 2.0, 2022: 4.0},
    ("2.1.2", "district", "1203"): {2019: 2.0, 2022: 3.0},
}


@pytest.fixture(scope="module")
def directions() -> Plan:
    return load_plan(FIXTURE)


@pytest.fixture(scope="module")
def progress(directions: Plan):
    return compute_plan(directions, MEASURED, evaluation_year=2023)


def result(progress, code: str, area=PROVINCE):
    return next(r for r in progress.indicators if (r.indicator_code, r.area_level, r.area_code) == (code, *area))


def node(progress, code: str, area=PROVINCE):
    return next(n for n in progress.nodes if (n.node_code, n.area_level, n.area_code) == (code, *area))


def test_the_plan_file_with_no_targets_loads(directions: Plan):
    kinds = {code: indicator.assessment for code, indicator in directions.indicators.items()}
    assert kinds == {
        "1.1.1": "target",
        "1.1.2": "direction",
        "1.1.3": "informational",
        "2.1.1": "direction",
        "2.1.2": "target",
    }
    assert directions.indicators["1.1.2"].target is None and directions.indicators["1.1.2"].natural_limit == 100.0


def test_direction_only_near_a_natural_limit(progress):
    # occupancy 80 % → 83 % in three years: v = (83/80)^(1/3) − 1 = 1.2347 % a year
    occupancy = result(progress, "1.1.2")
    growth = (83 / 80) ** (1 / 3) - 1
    # C = 1 − (80/100)^4.44 = 0.62870: the thresholds 1.5 % / 0.5 % become 0.943 % / 0.314 %
    factor = 1 - 0.8**4.44
    assert factor == pytest.approx(0.62870, abs=1e-5)
    assert occupancy.method == "open_sdg_direction"
    assert occupancy.pace_ratio == pytest.approx(growth)
    assert occupancy.status == formulas.ON_TRACK  # without the limit 1.23 % < 1.5 %: acceleration needed
    assert formulas.direction_only_status(growth)[0] == formulas.ACCELERATION_NEEDED
    assert occupancy.score == pytest.approx(min(500 * growth / factor - 5, 5))  # 4.8193
    assert occupancy.score == pytest.approx(4.8193, abs=1e-4)
    assert occupancy.trend == formulas.TREND_UP
    assert occupancy.realization_pct is None and occupancy.expected_pct is None and occupancy.target_value is None
    assert occupancy.thresholds == "0.94% / 0.31% / 0 (direction only, × C = 0.629 near the natural limit)"


def test_direction_only_falling_in_the_province_and_a_district(progress):
    # PM10, lower is better, the mean of the districts: 45 → 44; v = −((44/45)^(1/3) − 1) = 0.746 %
    pm10 = result(progress, "2.1.1")
    growth = -((44 / 45) ** (1 / 3) - 1)
    assert pm10.pace_ratio == pytest.approx(growth)
    assert pm10.status == formulas.ACCELERATION_NEEDED  # 0.5 % ≤ v < 1.5 %
    assert pm10.score == pytest.approx(250 * growth - 1.25)
    assert pm10.trend == formulas.TREND_MODERATE
    cesme = result(progress, "2.1.1", ("district", "1203"))  # 40 → 41: the wrong way
    assert cesme.status == formulas.DETERIORATION
    assert cesme.score == pytest.approx(max(125 * -((41 / 40) ** (1 / 3) - 1) - 2.5, -5))


def test_informational_has_values_and_a_trend_never_a_status(progress):
    cruise = result(progress, "1.1.3")
    assert cruise.status == formulas.INFORMATIONAL and cruise.score is None
    assert cruise.trend == formulas.TREND_UP  # (1200/1000)^(1/3) − 1 = 6.3 % a year
    assert cruise.pace_ratio == pytest.approx(1.2 ** (1 / 3) - 1)
    assert (cruise.latest_value, cruise.latest_year) == (1200.0, 2022)


def test_roll_ups_count_direction_only_by_score_and_leave_informational_out(progress):
    goal = node(progress, "1.1")
    tourists = result(progress, "1.1.1")
    # realization and expected from the one child with a target: 21 / 50 = 42 % against 3/8 = 37.5 %
    assert goal.realization_pct == pytest.approx(42.0) and goal.expected_pct == pytest.approx(37.5)
    assert goal.status == formulas.ON_TRACK  # 42 ÷ 37.5 = 1.12
    # the score: the mean of the target's and the direction-only child's (informational left out)
    occupancy = result(progress, "1.1.2")
    assert goal.score == pytest.approx((tourists.score + occupancy.score) / 2)
    assert goal.children == 2 and goal.coverage == 1.0
    assert set(goal.worst_children.split(",")) == {"1.1.1", "1.1.2"}
    # a goal with a direction-only child and a target child: the realization is the target child's
    air = node(progress, "2.1")
    stations = result(progress, "2.1.2")
    assert air.realization_pct == pytest.approx(stations.realization_pct)
    assert air.worst_children.split(",")[0] == "2.1.1"  # the alarm: the direction-only child, by score


def test_a_roll_up_of_direction_only_children_takes_the_mean_score(directions: Plan):
    only_pm10 = {key: series for key, series in MEASURED.items() if key[0] == "2.1.1"}
    progress = compute_plan(directions, only_pm10, evaluation_year=2023)
    air = node(progress, "2.1")
    pm10 = result(progress, "2.1.1")
    assert air.realization_pct is None and air.score == pytest.approx(pm10.score)
    assert air.status == formulas.status_from_score(pm10.score)  # Open SDG's roll-up bands
    assert not math.isnan(air.coverage) and air.coverage == pytest.approx(0.5)  # 2.1.2 has no data


def test_yearly_points_carry_values_without_a_path(progress):
    points = [p for p in progress.indicator_years if p.code == "1.1.2" and p.area_level == "province"]
    assert [(p.year, p.value) for p in points] == [(2019, 80.0), (2020, 81.0), (2022, 83.0)]
    assert all(p.path_value is None and p.realization_pct is None and p.expected_pct is None for p in points)
