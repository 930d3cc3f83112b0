"""Plan files: the real plans load; each broken file fails with one clear line per problem."""

from pathlib import Path

import pytest

from gosterge.plan import PlanError, load_plan, load_plans

BROKEN = Path(__file__).parent.parent / "fixtures" / "plans" / "broken"


def problems_of(name: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(BROKEN / name)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("file_name", "expected_line"),
    [
        (
            "duplicate_code.toml",
            "duplicate_code.toml: axes[0].priorities[0].goals[0].indicators[1].code: duplicate code "
            "(got '1.1.1.1'; already used at axes[0].priorities[0].goals[0].indicators[0])",
        ),
        (
            "weights_not_100.toml",
            "weights_not_100.toml: axes[0].priorities[0].goals[0].indicators: weights of indicators sum to 90 "
            "(got 1.1.1.1=60, 1.1.1.2=30; expected 100)",
        ),
        (
            "unknown_district.toml",
            "unknown_district.toml: axes[0].priorities[1].goals[0].indicators[1].districts[1]: unknown district "
            "(got '9999'; expected a code from [[districts]])",
        ),
        (
            "unknown_region.toml",
            "unknown_region.toml: districts[1].region: unknown region (got 'bati'; expected one of kuzey, guney)",
        ),
        (
            "unknown_source.toml",
            "unknown_source.toml: axes[0].priorities[0].goals[0].indicators[1].data_source: unknown data source "
            "(got 'sgk'; expected one of tuik)",
        ),
        (
            "bad_direction.toml",
            "bad_direction.toml: axes[0].priorities[0].goals[0].indicators[1].direction: unknown direction "
            "(got 'down'; expected one of increase, decrease, maintain)",
        ),
        (
            "bad_unit.toml",
            "bad_unit.toml: axes[0].priorities[1].goals[0].indicators[0].unit: unknown unit (got 'people'; "
            "expected one of %, % change, ratio, persons, count, TRY, USD, EUR, years, days, km, m2, tonnes, MWh, index)",
        ),
        (
            "target_before_baseline.toml",
            "target_before_baseline.toml: axes[0].priorities[0].goals[0].indicators[0].target.year: target year "
            "not after baseline year (got 2012; expected > 2013)",
        ),
        (
            "goal_without_indicator.toml",
            "goal_without_indicator.toml: axes[0].priorities[0].goals[1].indicators: goal '1.1.2' has no "
            "indicator (expected at least one)",
        ),
        (
            "percent_out_of_range.toml",
            "percent_out_of_range.toml: axes[0].priorities[1].goals[0].indicators[1].target.value: outside the "
            "unit's range (got 120; expected 0.0 … 100.0 for unit '%')",
        ),
    ],
)
def test_each_broken_plan_names_file_location_value_and_expectation(file_name, expected_line):
    assert expected_line in problems_of(file_name)


def test_bad_direction_reports_only_the_direction():
    assert len(problems_of("bad_direction.toml")) == 1


def test_every_problem_in_a_file_is_collected(tmp_path):
    text = (BROKEN.parent / "mini.toml").read_text(encoding="utf-8")
    text = text.replace('direction = "decrease"', 'direction = "down"').replace('unit = "persons"', 'unit = "x"')
    broken = tmp_path / "two.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(broken)
    assert len(caught.value.problems) >= 2
    assert all(str(problem).startswith("two.toml: ") for problem in caught.value.problems)


def test_not_toml_at_all(tmp_path):
    broken = tmp_path / "bad.toml"
    broken.write_text("[plan\ncode = ", encoding="utf-8")
    with pytest.raises(PlanError, match="bad.toml: -: not valid UTF-8 TOML"):
        load_plan(broken)


def test_two_files_with_the_same_plan_code(tmp_path, mini_plan):
    copy = tmp_path / "copy.toml"
    copy.write_text(mini_plan.source_file.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(PlanError, match="plan code 'mini' is already used by mini.toml"):
        load_plans([mini_plan.source_file, copy])


def test_izmir_plan_has_the_official_shape(izmir_plan):
    counts = [len(izmir_plan.nodes_at(depth)) for depth in range(3)]
    assert counts == [3, 13, 73]
    assert [node.title_en for node in izmir_plan.roots()] == [
        "Strong Economy",
        "High Quality of Living",
        "Strong Society",
    ]
    assert 120 <= len(izmir_plan.indicators) <= 180
    assert len(izmir_plan.districts) == 30
    assert all(goal.indicator_codes for goal in izmir_plan.goals())
    for goal in izmir_plan.goals():
        assert sum(i.weight for i in izmir_plan.indicators_of(goal.code)) == pytest.approx(100.0)


def test_izmir_districts_match_the_official_codes(izmir_plan, shared_dir):
    import csv

    with open(shared_dir / "reference" / "districts.csv", encoding="utf-8") as handle:
        official = {row["code"]: row["district"] for row in csv.DictReader(handle) if row["province"] == "İzmir"}
    assert {code: d.name for code, d in izmir_plan.districts.items()} == official


def test_balikesir_plan_follows_without_a_schema_change(balikesir_plan):
    assert [level.key for level in balikesir_plan.levels] == ["aims", "goals"]
    assert len(balikesir_plan.roots()) == 12
    assert len(balikesir_plan.districts) == 20
    assert sorted(len(balikesir_plan.districts_in(code)) for code in balikesir_plan.regions) == [3, 5, 6, 6]
    assert {d.name for d in balikesir_plan.districts_in("korfez")} == {
        "Edremit",
        "Havran",
        "Burhaniye",
        "Gömeç",
        "Ayvalık",
    }
    official = [i for i in balikesir_plan.indicators.values() if i.provenance == "official"]
    assert len(official) == 22
