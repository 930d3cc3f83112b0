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
    progress = compute_plan(mini_plan, measured, evaluation_year=2026)
    nodes = {(n.node_code, n.area_level): n for n in progress.nodes}
    rd_goal = nodes[("1.1.1", "province")]
    # 0.6 × 50 + 0.4 × 25 = 40; score 0.6 × 4.12094 + 0.4 × (−0.69097) = 2.19618
    assert rd_goal.realization_pct == pytest.approx(40.0)
    assert rd_goal.score == pytest.approx(2.19618, abs=1e-4)
    assert rd_goal.status == formulas.ACCELERATION_NEEDED
    assert nodes[("1.1.2", "province")].status == formulas.ACHIEVED
    priority = nodes[("1.1", "province")]
    assert priority.realization_pct == pytest.approx(70.0)  # equal weights: (40 + 100) / 2
    # priority 1.2 has no data → the axis' coverage is a half, at the floor
    axis = nodes[("1", "province")]
    assert axis.coverage == pytest.approx(0.5) and not axis.withheld
    assert nodes[("mini", "province")].depth == -1
