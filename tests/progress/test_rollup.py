"""Roll-ups: weighted realization, coverage floor, mean score, worst children."""

import pytest

from gosterge.progress import status as formulas
from gosterge.progress.compute import compute_plan
from gosterge.progress.rollup import Child, roll_up


def goal(children, floor=0.5, cap=True):
    return roll_up("p", "g", 2, "province", "35", children, coverage_floor=floor, cap_realization=cap)


def test_weighted_realization_with_capping_and_mean_score():
    children = [
        Child("a", 60, 50.0, 50.0, 2.0, formulas.ACCELERATION_NEEDED, formulas.TREND_MODERATE),
        Child("b", 40, 120.0, 50.0, 5.0, formulas.ACHIEVED, formulas.TREND_UP),
    ]
    capped = goal(children)
    assert capped.realization_pct == pytest.approx(70.0)  # 0.6 × 50 + 0.4 × 100 (capped)
    assert goal(children, cap=False).realization_pct == pytest.approx(78.0)  # 0.6 × 50 + 0.4 × 120
    assert capped.score == pytest.approx(3.2)  # 0.6 × 2 + 0.4 × 5
    assert capped.status == formulas.ON_TRACK
    assert capped.coverage == 1.0
    assert capped.worst_children == "a,b"
    assert capped.alarm_score == pytest.approx(3.5)


def test_coverage_floor_withholds_a_thin_roll_up():
    children = [
        Child("a", 40, 50.0, 50.0, 2.0, formulas.ACCELERATION_NEEDED, formulas.TREND_MODERATE),
        Child("b", 60, None, None, None, formulas.NOT_AVAILABLE, formulas.TREND_NONE),
    ]
    withheld = goal(children)
    assert withheld.withheld and withheld.status == formulas.NOT_AVAILABLE
    assert withheld.coverage == pytest.approx(0.4)
    shown = goal(children, floor=0.3)
    assert not shown.withheld and shown.realization_pct == pytest.approx(50.0)


def test_achieved_only_when_every_child_achieved():
    both = [
        Child("a", 50, 100.0, 80.0, 5.0, formulas.ACHIEVED, formulas.TREND_UP),
        Child("b", 50, 100.0, 80.0, 5.0, formulas.ACHIEVED, formulas.TREND_UP),
    ]
    assert goal(both).status == formulas.ACHIEVED
    one = [both[0], Child("b", 50, 90.0, 80.0, 4.5, formulas.ON_TRACK, formulas.TREND_UP)]
    assert goal(one).status == formulas.ON_TRACK


def test_two_worst_children_are_flagged():
    children = [
        Child(code, 25, 50.0, 50.0, score, formulas.status_from_score(score), formulas.TREND_UP)
        for code, score in (("a", 4.0), ("b", -4.0), ("c", 3.0), ("d", -1.0))
    ]
    result = goal(children)
    assert result.worst_children == "b,d"
    assert result.alarm_score == pytest.approx(-2.5)
    assert result.score == pytest.approx(0.5)


def test_whole_plan_roll_up(mini_plan):
    measured = {
        ("1.1.1.1", "province", "35"): {2013: 1.0, 2018: 1.5},
        ("1.1.1.2", "province", "35"): {2013: 12.0, 2018: 11.0},
        ("1.1.2.1", "province", "35"): {2013: 40.0, 2018: 40.0},
    }
    progress = compute_plan(mini_plan, measured, evaluation_year=2020)
    nodes = {(n.node_code, n.area_level): n for n in progress.nodes}
    rd_goal = nodes[("1.1.1", "province")]
    # 0.6 × 50 + 0.4 × 25 = 40; score 0.6 × 4.12094 + 0.4 × (−0.69097) = 2.19618
    assert rd_goal.realization_pct == pytest.approx(40.0)
    assert rd_goal.score == pytest.approx(2.19618, abs=1e-4)
    # expected by 2018: 0.6 × 20 (interim 1.2 of 1.0 → 2.0) + 0.4 × 50 = 32; 40 ÷ 32 = 1.25: on track
    # (the score's band said acceleration needed with a realization above the expected one)
    assert rd_goal.expected_pct == pytest.approx(32.0)
    assert rd_goal.status == formulas.ON_TRACK
    assert nodes[("1.1.2", "province")].status == formulas.ACHIEVED
    priority = nodes[("1.1", "province")]
    assert priority.realization_pct == pytest.approx(70.0)  # equal weights: (40 + 100) / 2
    # priority 1.2 has no data → the axis' coverage is a half, at the floor
    axis = nodes[("1", "province")]
    assert axis.coverage == pytest.approx(0.5) and not axis.withheld
    assert nodes[("mini", "province")].depth == -1


def test_status_follows_realization_against_expected_not_the_score():
    # a high score from one fast child, but 70 % realized where 80 % was expected: 0.875 → acceleration
    children = [
        Child("a", 50, 100.0, 80.0, 5.0, formulas.ACHIEVED, formulas.TREND_UP),
        Child("b", 50, 40.0, 80.0, 4.0, formulas.ON_TRACK, formulas.TREND_UP),
    ]
    result = goal(children)
    assert result.realization_pct == pytest.approx(70.0) and result.expected_pct == pytest.approx(80.0)
    assert result.score == pytest.approx(4.5)  # by the score's bands this was "on track"
    assert result.status == formulas.ACCELERATION_NEEDED
    assert result.worst_children == "b,a"


@pytest.mark.parametrize(
    ("realization", "status"),
    [
        (95.0, formulas.ON_TRACK),
        (94.9, formulas.ACCELERATION_NEEDED),
        (60.0, formulas.ACCELERATION_NEEDED),
        (59.9, formulas.LIMITED),
        (0.0, formulas.LIMITED),
    ],
)
def test_bands_of_realization_over_expected(realization, status):
    children = [Child("a", 1, realization, 100.0, 5.0, formulas.ON_TRACK, formulas.TREND_UP)]
    assert goal(children).status == status
    assert goal([Child("a", 1, -10.0, 100.0, -5.0, formulas.DETERIORATION, formulas.TREND_DOWN)], cap=False).status == (
        formulas.DETERIORATION
    )


def test_after_the_target_year_the_end_result():
    ended = [
        Child("a", 50, 100.0, 100.0, 5.0, formulas.ACHIEVED, formulas.TREND_UP, ended=True),
        Child("b", 50, 58.0, 100.0, 1.0, formulas.NOT_ACHIEVED, formulas.TREND_MODERATE, ended=True),
    ]
    result = goal(ended)
    assert result.status == formulas.NOT_ACHIEVED and result.ended
    assert result.realization_pct == pytest.approx(79.0)  # "Target not achieved · 79 % of the way"
    assert goal([ended[0], ended[0]]).status == formulas.ACHIEVED
    # one child still running: a pace, from the numbers
    running = [ended[0], Child("b", 50, 58.0, 80.0, 1.0, formulas.ACCELERATION_NEEDED, formulas.TREND_UP)]
    assert goal(running).status == formulas.ACCELERATION_NEEDED and not goal(running).ended


def test_children_not_measured_in_the_area_are_left_out():
    children = [
        Child("a", 50, 100.0, 100.0, 5.0, formulas.ACHIEVED, formulas.TREND_UP),
        Child("b", 50, None, None, None, formulas.NOT_MEASURED, formulas.TREND_NONE),
    ]
    result = goal(children)
    assert result.status == formulas.ACHIEVED and result.coverage == 1.0 and result.children == 1
    nothing = goal([children[1]])
    assert nothing.status == formulas.NOT_MEASURED and nothing.realization_pct is None


def test_a_goal_measured_by_province_only_is_not_measured_in_a_district(mini_plan):
    measured = {
        ("1.1.1.1", "province", "35"): {2013: 1.0, 2018: 1.5},
        ("1.2.1.3", "district", "1203"): {2013: 40.0, 2018: 45.0},
    }
    progress = compute_plan(mini_plan, measured, evaluation_year=2020)
    nodes = {(n.node_code, n.area_level, n.area_code): n for n in progress.nodes}
    district = [n for n in progress.nodes if n.area_level == "district" and n.area_code == "1203"]
    statuses = {n.node_code: n.status for n in district}
    assert statuses["1.1.1"] == formulas.NOT_MEASURED and statuses["1.1"] == formulas.NOT_MEASURED
    assert nodes[("1.2.1", "district", "1203")].status != formulas.NOT_MEASURED
    # the district's plan roll-up covers the measured part only
    assert nodes[("mini", "district", "1203")].children == 1
