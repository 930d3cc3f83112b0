"""One indicator in one area: methods, data rules and the inputs kept with each result."""

from dataclasses import replace

import pytest

from gosterge.plan.model import YearValue
from gosterge.progress import status as formulas
from gosterge.progress.areas import province_target, roll_up, sub_area_target
from gosterge.progress.indicator import AreaTarget, evaluate

EVALUATION_YEAR = 2020  # within the plan period: a pace is assessed (after 2023, the end result)


@pytest.fixture
def rising(mini_plan):
    # 1.1.1.1: R&D share, 1.0 (2013) → 2.0 (2023), interim 1.2 in 2018
    return replace(mini_plan.indicators["1.1.1.1"], interim_targets={})


def run(indicator, series, target=None, area=("province", "35")):
    return evaluate(indicator, series, area[0], area[1], target or province_target(indicator), EVALUATION_YEAR)[0]


def test_rising_indicator_keeps_every_input(rising):
    result = run(rising, {2013: 1.0, 2016: 1.2, 2018: 1.5})
    assert result.method == "open_sdg_target"
    assert (result.base_year, result.base_value, result.latest_year, result.latest_value) == (2013, 1.0, 2018, 1.5)
    assert (result.target_year, result.target_value) == (2023, 2.0)
    assert result.realization_pct == pytest.approx(50.0)
    assert result.expected_pct == pytest.approx(50.0)
    assert result.pace_ratio == pytest.approx(1.17692, abs=1e-5)
    assert result.score == pytest.approx(4.12094, abs=1e-4)
    assert result.status == formulas.ON_TRACK
    assert result.thresholds == "0.95 / 0.60 / 0"
    assert result.trend == formulas.TREND_UP
    assert result.projected_year == 2023 and result.projection == "by_target_year"
    assert result.actual_pace == pytest.approx(0.1) and result.required_pace == pytest.approx(0.1)
    assert result.data_points == 3


def test_falling_indicator(mini_plan):
    unemployment = mini_plan.indicators["1.1.1.2"]  # 12 → 8, decrease
    result = run(unemployment, {2013: 12.0, 2018: 11.0})
    assert result.realization_pct == pytest.approx(25.0)  # (11 − 12) / (8 − 12)
    assert result.pace_ratio == pytest.approx(0.43416, abs=1e-5)
    assert result.status == formulas.LIMITED
    assert result.score == pytest.approx(-0.69097, abs=1e-4)
    assert result.projected_year == 2033 and result.projection == "after_target_year"


def test_deterioration_and_target_achieved(mini_plan):
    unemployment = mini_plan.indicators["1.1.1.2"]
    worse = run(unemployment, {2013: 12.0, 2018: 13.0})
    assert worse.status == formulas.DETERIORATION and worse.trend == formulas.TREND_DOWN
    assert worse.realization_pct == pytest.approx(-25.0)
    assert worse.projection == "not_at_this_pace"
    done = run(unemployment, {2013: 12.0, 2018: 7.9})
    assert done.status == formulas.ACHIEVED and done.score == 5.0 and done.projection == "reached"


def test_single_data_point_is_not_available(rising):
    result = run(rising, {}, target=AreaTarget(2013, None, 2023, 2.0, {}), area=("district", "1128"))
    assert result.status == formulas.NOT_AVAILABLE and result.score is None
    only_base = run(rising, {2013: 1.0})
    assert only_base.status == formulas.NOT_AVAILABLE
    assert only_base.note == "fewer than two years of data"


def test_province_without_a_base_measurement_uses_the_plan_baseline(rising):
    result = run(rising, {2018: 1.5})
    assert result.base_year == 2013 and result.base_value == 1.0
    assert "base_from_plan" in result.flags
    assert result.realization_pct == pytest.approx(50.0)


def test_missing_base_year_moves_the_base_to_the_next_year_with_data(rising):
    # a district without a 2013 value: 2015 (1.2) becomes the base
    series = {2015: 1.2, 2019: 1.6}
    target = AreaTarget(2013, None, 2023, 2.0, {})
    result = run(rising, series, target=target, area=("district", "1128"))
    assert result.base_year == 2015 and result.base_value == 1.2
    assert "base_year_missing_used_2015" in result.flags
    # realization uses the moved base: (1.6 − 1.2) / (2.0 − 1.2) = 50 %
    assert result.realization_pct == pytest.approx(50.0)


def test_zero_base_is_replaced_and_flagged(rising):
    zero = replace(rising, baseline=YearValue(2013, 0.0))
    result = run(zero, {2013: 0.0, 2018: 1.0})
    assert "zero_replaced" in result.flags
    assert result.realization_pct == pytest.approx(50.0)  # (1 − 0) / (2 − 0)
    assert result.status != formulas.NOT_AVAILABLE


def test_negative_base_with_a_sign_change_has_no_pace_ratio(rising):
    migration = replace(rising, unit="index", baseline=YearValue(2013, -4.0), target=YearValue(2023, 2.0))
    result = run(migration, {2013: -4.0, 2018: -1.0})
    assert result.realization_pct == pytest.approx(50.0)  # (−1 + 4) / (2 + 4)
    assert result.pace_ratio is None and "sign_change" in result.flags
    assert result.status == formulas.NOT_AVAILABLE


def test_maintain_indicator(mini_plan):
    forest = mini_plan.indicators["1.1.2.1"]  # keep 40 %
    held = run(forest, {2013: 40.0, 2020: 39.5})
    assert held.method == "maintain" and held.status == formulas.ACHIEVED and held.realization_pct == 100.0
    lost = run(forest, {2013: 40.0, 2020: 36.0})
    assert lost.status == formulas.DETERIORATION
    assert lost.realization_pct == pytest.approx(90.0)  # 100 − 4/40 × 100
    # v = (36/40)^(1/7) − 1 = −0.014938 → max(125 v − 2.5, −5) = −4.3672
    assert lost.score == pytest.approx(-4.3672, abs=1e-3)


def test_cumulative_indicator_uses_the_running_total(mini_plan):
    parks = mini_plan.indicators["1.2.1.3"]  # 0 → 30 parks by 2023, yearly deliveries
    result = run(parks, {2014: 5.0, 2015: 5.0, 2016: 5.0})
    assert result.method == "linear_ratio"
    assert result.latest_value == 15.0  # running total, not the last delivery
    assert result.realization_pct == pytest.approx(50.0)
    assert result.expected_pct == pytest.approx(30.0)  # 3 of 10 years
    assert result.pace_ratio == pytest.approx(50.0 / 30.0)
    assert result.status == formulas.ON_TRACK


def test_per_period_indicator_is_compared_with_that_years_target(mini_plan):
    events = replace(
        mini_plan.indicators["1.2.1.3"],
        measure="per_period",
        level="province",
        baseline=YearValue(2013, 50.0),
        target=YearValue(2023, 100.0),
        interim_targets={2016: 70.0},
    )
    result = run(events, {2013: 50.0, 2016: 63.0})
    assert result.realization_pct == pytest.approx(90.0)  # 63 / 70
    assert result.expected_pct == 100.0
    assert result.pace_ratio == pytest.approx(0.9)
    assert result.status == formulas.ACCELERATION_NEEDED


def test_district_targets_scale_for_sums_and_are_shared_for_rates(mini_plan):
    population = mini_plan.indicators["1.2.1.1"]  # province 600 → 700
    target = sub_area_target(population, {2013: 150.0, 2018: 160.0}, share_of_districts=1 / 3)
    assert target.base_value == 150.0 and target.target_value == pytest.approx(175.0)  # 150 × 700/600
    schooling = mini_plan.indicators["1.2.1.2"]
    shared = sub_area_target(schooling, {2013: 70.0}, share_of_districts=1 / 3)
    assert shared.base_value == 70.0 and shared.target_value == 90.0


def test_roll_up_of_district_values(mini_plan):
    population = mini_plan.indicators["1.2.1.1"]
    series = {"1128": {2013: 100.0, 2014: 110.0}, "1203": {2013: 200.0}, "2055": {2013: 300.0, 2014: 310.0}}
    summed, _ = roll_up(population, series, ["1128", "1203", "2055"])
    assert summed == {2013: 600.0}  # 2014 is incomplete: no partial sum
    schooling = mini_plan.indicators["1.2.1.2"]
    rates = {"1128": {2013: 80.0}, "1203": {2013: 90.0}, "2055": {2013: 70.0}}
    weights = {"1128": {2013: 100.0}, "1203": {2013: 300.0}, "2055": {2012: 100.0}}
    weighted, fallback = roll_up(schooling, rates, ["1128", "1203", "2055"], weights)
    # (80 × 100 + 90 × 300 + 70 × 100) / 500 = 84 (2055 uses its nearest earlier population)
    assert weighted[2013] == pytest.approx(84.0) and not fallback
    unweighted, fallback = roll_up(schooling, rates, ["1128", "1203", "2055"], {})
    assert unweighted[2013] == pytest.approx(80.0) and fallback


def test_yearly_points_of_a_per_period_indicator_start_at_zero_in_the_base_year(mini_plan):
    events = replace(
        mini_plan.indicators["1.2.1.3"],
        measure="per_period",
        level="province",
        baseline=YearValue(2013, 50.0),
        target=YearValue(2023, 100.0),
        interim_targets={2016: 70.0},
    )
    _, points = evaluate(events, {2013: 50.0, 2016: 63.0}, "province", "35", province_target(events), EVALUATION_YEAR)
    by_year = {point.year: point for point in points}
    # the reference year: nothing realized and nothing expected yet, as at every level
    assert (by_year[2013].realization_pct, by_year[2013].expected_pct) == (0.0, 0.0)
    assert by_year[2016].realization_pct == pytest.approx(90.0)  # 63 / 70


def test_a_rate_districts_interim_targets_keep_the_provinces_share_of_the_way(mini_plan):
    schooling = replace(mini_plan.indicators["1.2.1.2"], interim_targets={2018: 85.0})  # province 80 → 85 → 90
    target = sub_area_target(schooling, {2013: 70.0}, share_of_districts=1 / 3)
    # half of the province's way by 2018 → half of the district's own way: 70 + 0.5 × (90 − 70) = 80
    assert target.target_value == 90.0 and target.interim_targets == {2018: pytest.approx(80.0)}
    result = run(schooling, {2013: 70.0, 2018: 80.0}, target=target, area=("district", "1128"))
    assert result.expected_pct == pytest.approx(50.0) and result.realization_pct == pytest.approx(50.0)


def test_a_district_already_past_a_falling_target_has_to_hold_its_level(mini_plan):
    unemployment = replace(mini_plan.indicators["1.1.1.2"], level="district", aggregation="mean")  # 12 → 8
    target = sub_area_target(unemployment, {2013: 6.0}, share_of_districts=1 / 3)
    assert (target.base_value, target.target_value, target.interim_targets) == (6.0, 6.0, {})
    held = run(unemployment, {2013: 6.0, 2018: 6.1}, target=target, area=("district", "1128"))
    assert held.method == "maintain" and held.status == formulas.ACHIEVED  # 6.1 ≤ 6 + 2 % of 6
    risen = run(unemployment, {2013: 6.0, 2018: 7.0}, target=target, area=("district", "1128"))
    assert risen.status == formulas.DETERIORATION  # a rise is the wrong way for a falling indicator
    assert risen.realization_pct == pytest.approx(83.3333, abs=1e-3)  # 100 − 1/6 × 100


def test_after_the_target_year_the_status_is_the_end_result(rising, mini_plan):
    # the same 2018 data judged in 2026, after the 2023 target year: no pace, the end result
    after = evaluate(rising, {2013: 1.0, 2016: 1.2, 2018: 1.5}, "province", "35", province_target(rising), 2026)[0]
    assert after.status == formulas.NOT_ACHIEVED
    assert after.realization_pct == pytest.approx(50.0) and after.pace_ratio == pytest.approx(1.17692, abs=1e-5)
    unemployment = mini_plan.indicators["1.1.1.2"]
    done = evaluate(unemployment, {2013: 12.0, 2024: 7.9}, "province", "35", province_target(unemployment), 2026)[0]
    assert done.status == formulas.ACHIEVED
    _, points = evaluate(rising, {2013: 1.0, 2024: 2.1}, "province", "35", province_target(rising), 2026)
    by_year = {point.year: point for point in points}
    assert by_year[2023].expected_pct == 100.0 and by_year[2024].expected_pct is None  # the path stops
    assert by_year[2024].realization_pct == pytest.approx(110.0)
