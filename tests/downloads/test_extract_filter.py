"""The extract filter: query parameters validated against the plan, every problem named."""

from __future__ import annotations

import pytest

from gosterge.plan import Plan
from warehouse.downloads.columns import column_keys
from warehouse.downloads.filter import (
    ExtractFilterError,
    extract_levels,
    level_parameters,
    node_parameters,
    parse_filter,
)


def parse(plan: Plan, /, **parameters: str | list[str]):
    values = {name.rstrip("_"): value if isinstance(value, list) else [value] for name, value in parameters.items()}
    return parse_filter({plan.code: plan}, values, available_columns=column_keys(plan))


def problems(plan: Plan, /, **parameters: str | list[str]) -> list[str]:
    with pytest.raises(ExtractFilterError) as caught:
        parse(plan, **parameters)
    return caught.value.problems


def test_levels_and_node_parameters_follow_the_plan(mini_plan: Plan, balikesir_plan: Plan) -> None:
    assert extract_levels(mini_plan) == (
        "measurements",
        "indicators",
        "axes",
        "priorities",
        "goals",
        "districts",
        "yearly",  # the pages' own tables
        "league",
        "status_counts",
        "lagging",
        "rejected",
    )
    assert node_parameters(mini_plan) == ("axis", "priority", "goal")
    assert extract_levels(balikesir_plan)[2:4] == ("aims", "goals")
    assert node_parameters(balikesir_plan) == ("aim", "goal")
    assert "goal" not in level_parameters(mini_plan, "axes")
    assert "from" in level_parameters(mini_plan, "measurements")
    assert "axis" not in level_parameters(mini_plan, "rejected")


def test_a_full_filter(mini_plan: Plan) -> None:
    extract = parse(
        mini_plan,
        level="measurements",
        axis="1",
        priority="1.2",
        indicator="1.2.1.1,1.2.1.2",
        district=["1203", "2055"],
        from_="2019",
        to="2023",
        columns="indicator_code,value",
        lang="en",
    )
    assert extract.plan_code == "mini"
    assert extract.nodes == ((0, "1"), (1, "1.2"))
    assert extract.indicators == ("1.2.1.1", "1.2.1.2")
    assert extract.districts == ("1203", "2055")
    assert (extract.period_from, extract.period_to) == (2019, 2023)
    assert extract.columns == ("indicator_code", "value")
    assert extract.language == "en"


def test_query_items_round_trip(mini_plan: Plan) -> None:
    extract = parse(
        mini_plan,
        level="indicators",
        priority="1.2",
        district="1203,1128",
        area="district",
        columns="indicator_code,status",
        lang="en",
    )
    again: dict[str, list[str]] = {}
    for name, value in extract.query_items(mini_plan):
        again.setdefault(name, []).append(value)
    assert parse_filter({"mini": mini_plan}, again, available_columns=column_keys(mini_plan)) == extract


def test_defaults(mini_plan: Plan) -> None:
    extract = parse_filter({"mini": mini_plan}, {}, available_columns=column_keys(mini_plan))
    assert (extract.plan_code, extract.level, extract.language) == ("mini", "measurements", "tr")
    assert extract.nodes == () and extract.columns == ()


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"foo": "1"}, "unknown parameter 'foo'"),
        ({"plan": "nowhere"}, "unknown plan 'nowhere'"),
        ({"level": "everything"}, "unknown level 'everything'"),
        ({"axis": "9"}, "unknown axis '9'"),
        ({"priority": "1.1.1"}, "unknown priority '1.1.1'"),
        ({"axis": "1", "goal": "9.9.9"}, "unknown goal '9.9.9'"),
        ({"indicator": "1.1.1.9"}, "unknown indicator '1.1.1.9'"),
        ({"goal": "1.1.1", "indicator": "1.2.1.1"}, "indicator '1.2.1.1' is not under goal '1.1.1'"),
        ({"district": "9999"}, "unknown district '9999'"),
        ({"region": "orta"}, "unknown region 'orta'"),
        ({"region": "kuzey", "district": "1203"}, "district '1203' is not in region kuzey"),
        ({"from": "20x9"}, "from='20x9' is not a year"),
        ({"to": "1800"}, "to='1800' is not a year"),
        ({"from": "2023", "to": "2019"}, "from=2023 is after to=2019"),
        ({"columns": "value,secret"}, "unknown column 'secret'"),
        ({"lang": "de"}, "unknown lang 'de'"),
        ({"level": "goals", "from": "2019"}, "parameter 'from' does not apply to level 'goals'"),
        ({"level": "axes", "goal": "1.1.1"}, "parameter 'goal' does not apply to level 'axes'"),
        ({"level": "rejected", "axis": "1"}, "parameter 'axis' does not apply to level 'rejected'"),
        ({"level": "indicators", "area": "planet"}, "unknown area 'planet'"),
        ({"level": "indicators", "district": "1203", "area": "province"}, "cannot be combined with district"),
        ({"level": "rejected", "run": "abc"}, "run='abc' is not a load run id"),
        ({"level": "rejected", "source": "x y;drop"}, "is not a source id"),
        ({"axis": ["1", "1"]}, "parameter 'axis' given 2 times"),
    ],
)
def test_every_problem_is_named(mini_plan: Plan, parameters: dict[str, str], expected: str) -> None:
    found = problems(mini_plan, **parameters)
    assert any(expected in problem for problem in found), found


def test_all_problems_are_collected(mini_plan: Plan) -> None:
    found = problems(mini_plan, foo="1", axis="9", from_="2023", to="2019", lang="de")
    assert len(found) == 4
    assert any("foo" in problem for problem in found)


def test_an_unknown_level_still_names_unknown_parameters(mini_plan: Plan) -> None:
    found = problems(mini_plan, level="bogus", foo="1")
    assert any("bogus" in problem for problem in found) and any("'foo'" in problem for problem in found)


def test_a_code_of_the_other_plan_is_unknown(mini_plan: Plan, balikesir_plan: Plan) -> None:
    plans = {"mini": mini_plan, balikesir_plan.code: balikesir_plan}
    balikesir_district = next(iter(balikesir_plan.districts))
    with pytest.raises(ExtractFilterError, match="unknown district"):
        parse_filter(plans, {"plan": ["mini"], "district": [balikesir_district]})
