"""The plan file's [monitoring] table: read, defaulted, and refused with one clear line when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from gosterge.plan import Monitoring, PlanError, load_plan

MINI = Path(__file__).parent.parent / "fixtures" / "plans" / "mini.toml"


def with_monitoring(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "monitored.toml"
    path.write_text(f"{table}\n{MINI.read_text(encoding='utf-8')}", encoding="utf-8")
    return path


def test_the_setting_is_read_and_defaults_to_yearly_with_45_days(tmp_path, mini_plan, balikesir_plan, izmir_plan):
    assert mini_plan.monitoring == Monitoring("year", 45)
    assert balikesir_plan.monitoring == izmir_plan.monitoring == Monitoring("half_year", 45)
    plan = load_plan(with_monitoring(tmp_path, '[monitoring]\nfrequency = "half_year"\nclosing_after_days = 30'))
    assert plan.monitoring == Monitoring("half_year", 30)


@pytest.mark.parametrize(
    ("table", "expected_line"),
    [
        (
            '[monitoring]\nfrequency = "monthly"',
            "monitored.toml: monitoring.frequency: unknown frequency (got 'monthly'; expected one of half_year, year)",
        ),
        (
            "[monitoring]\nclosing_after_days = -1",
            "monitored.toml: monitoring.closing_after_days: not a whole number ≥ 0 (got -1; expected days after the "
            "period's end)",
        ),
    ],
)
def test_a_wrong_setting_names_file_location_value_and_expectation(tmp_path, table, expected_line):
    with pytest.raises(PlanError) as caught:
        load_plan(with_monitoring(tmp_path, table))
    assert [str(problem) for problem in caught.value.problems] == [expected_line]
