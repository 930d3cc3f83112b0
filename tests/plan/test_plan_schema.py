"""The plan file's pydantic models and the shared conversion of their errors into one line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from gosterge.plan import PlanError, load_plan
from gosterge.validation import OptionalText, StrictTable, Text, location_of, messages

MINI = Path(__file__).parent.parent / "fixtures" / "plans" / "mini.toml"


def problems_after(tmp_path: Path, *replacements: tuple[str, str]) -> list[str]:
    """The problem lines of mini.toml with each (old, new) replaced once."""
    text = MINI.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("replacement", "expected_line"),
    [
        (  # a maintain-type indicator still needs its target: the message a missing target always had
            ("target = { year = 2023, value = 40.0 }\n", ""),
            "broken.toml: axes[0].priorities[0].goals[1].indicators[0].target: missing or not a table "
            "(got None; expected { year = 2013, value = 1.0 })",
        ),
        (
            ("target = { year = 2023, value = 2.0 }\n", ""),
            "broken.toml: axes[0].priorities[0].goals[0].indicators[0].interim_targets: given without a target "
            "(expected a target to have interim targets)",
        ),
        (
            ('level = "province"', 'level = "province"\ninformational = "yes"'),
            "broken.toml: axes[0].priorities[0].goals[0].indicators[0].informational: not true or false (got 'yes')",
        ),
        (
            ("period_start = 2014", 'period_start = "2014"'),
            "broken.toml: plan.period_start: not a whole number (got '2014'; expected e.g. 2013)",
        ),
        (
            ("period_end = 2023", "period_end = 2010"),
            "broken.toml: plan.period_end: before period_start (got 2010; expected ≥ 2014)",
        ),
        (
            ('title_en = "Test Plan"\n', ""),
            "broken.toml: plan.title_en: missing (expected a text)",
        ),
        (
            ('population_indicator = "1.2.1.1"', 'population_indicator = "9.9"'),
            "broken.toml: plan.population_indicator: unknown indicator (got '9.9'; expected an indicator code of this plan)",
        ),
        (
            ('key = "priorities"', 'key = "indicators"'),
            "broken.toml: plan.levels[1].key: 'indicators' is reserved (expected the level's own name)",
        ),
        (
            ('interim_targets = { "2018" = 1.2 }', 'interim_targets = { "later" = 1.2 }'),
            "broken.toml: axes[0].priorities[0].goals[0].indicators[0].interim_targets.later: not a year "
            "(got 'later'; expected e.g. \"2018\")",
        ),
        (
            ('interim_targets = { "2018" = 1.2 }', 'interim_targets = { "2030" = 1.2 }'),
            "broken.toml: axes[0].priorities[0].goals[0].indicators[0].interim_targets.2030: year outside the "
            "plan period (got 2030; expected 2014…2022)",
        ),
        (
            ("weight = 60\n", ""),
            "broken.toml: axes[0].priorities[0].goals[0].indicators: weights given for some indicators only "
            "(missing on 1.1.1.1; expected all or none)",
        ),
        (
            ('code = "1.1.1"', 'code = "1 1 1"'),
            "broken.toml: axes[0].priorities[0].goals[0].code: bad code (got '1 1 1'; expected letters, digits, "
            "'.', '-' or '_')",
        ),
        (
            ('level = "province"', 'level = "province"\naggregation = "sum"'),
            "broken.toml: axes[0].priorities[0].goals[0].indicators[0].aggregation: given for a province-level "
            "indicator (got 'sum'; expected no aggregation unless level = 'district')",
        ),
        (
            ('code = "2055"', 'code = "1128"'),
            "broken.toml: districts[2].code: duplicate district code (got '1128'; expected each code once)",
        ),
    ],
)
def test_each_rule_is_one_line(tmp_path: Path, replacement: tuple[str, str], expected_line: str) -> None:
    assert expected_line in problems_after(tmp_path, replacement)


def test_a_broken_table_hides_nothing_else(tmp_path: Path) -> None:
    lines = problems_after(
        tmp_path,
        ('title_en = "Test Plan"', "title_en = 5"),
        ('name = "Çeşme"', "name = 7"),
        ('direction = "increase"', 'direction = "up"'),
        ('code = "1.2.1.3"', 'code = "1.2.1.2"'),
    )
    assert lines == [
        "broken.toml: plan.title_en: not a text (got 5; expected a non-empty text)",
        "broken.toml: districts[1].name: not a text (got 7; expected a non-empty text)",
        "broken.toml: axes[0].priorities[0].goals[0].indicators[0].direction: unknown direction (got 'up'; "
        "expected one of increase, decrease, maintain)",
        "broken.toml: axes[0].priorities[1].goals[0].indicators[2].code: duplicate code (got '1.2.1.2'; "
        "already used at axes[0].priorities[1].goals[0].indicators[1])",
    ]


def test_a_file_without_a_plan_table(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("title = 'nothing'\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert [str(problem) for problem in caught.value.problems] == [
        "empty.toml: plan: missing [plan] table",
        "empty.toml: plan.levels: missing (expected at least one [[plan.levels]])",
        "empty.toml: districts: missing (expected at least one [[districts]])",
    ]


def test_pydantic_locations_read_as_ours() -> None:
    assert location_of(("axes", 1, "priorities", 2, "goals", 0, "indicators", 3, "direction")) == (
        "axes[1].priorities[2].goals[0].indicators[3].direction"
    )
    assert location_of(("interim_targets", "20x8", "[key]"), "goals[0]") == "goals[0].interim_targets.20x8"
    assert location_of((), "plan") == "plan"


class _Example(StrictTable):
    name: Text
    note: OptionalText = None


def test_unknown_keys_come_first_then_fields_in_order() -> None:
    with pytest.raises(ValidationError) as caught:
        _Example.model_validate({"note": 3, "nmae": "x"})
    assert messages(caught.value, "things[0]") == [
        ("things[0].nmae", "unknown key (expected one of name, note)"),
        ("things[0].name", "missing (expected a text)"),
        ("things[0].note", "not a text (got 3; expected a non-empty text)"),
    ]


def test_precision_defaults_to_the_unit_and_may_be_set(tmp_path: Path) -> None:
    plan = load_plan(MINI)
    assert {indicator.unit: indicator.precision for indicator in plan.indicators.values()} == {
        "%": 1,
        "persons": 0,
        "count": 0,
    }
    path = tmp_path / "precise.toml"
    path.write_text(MINI.read_text(encoding="utf-8").replace("weight = 60\n", "weight = 60\nprecision = 3\n", 1))
    assert load_plan(path).indicators["1.1.1.1"].precision == 3


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("7", "too many decimals (got 7; expected 0 … 6 decimals)"),
        ("-1", "not a whole number ≥ 0 (got -1; expected 0 … 6 decimals)"),
        ("1.5", "not a whole number ≥ 0 (got 1.5; expected 0 … 6 decimals)"),
    ],
)
def test_a_bad_precision_is_named(tmp_path: Path, value: str, problem: str) -> None:
    lines = problems_after(tmp_path, ("weight = 60\n", f"weight = 60\nprecision = {value}\n"))
    assert lines == [f"broken.toml: axes[0].priorities[0].goals[0].indicators[0].precision: {problem}"]
