"""One implementation of the value rules: what the entry pages say of a typed value is what the ETL says
of the same value in a file; and when a value falls below the path expected by its period."""

from __future__ import annotations

from datetime import date

import pytest

from etl.extract import extract
from etl.validate import validate
from gosterge.measurement_rules import AreaPath, check_value, expectation, is_below_path
from tests.etl.helpers import file_source

WRITTEN = ["1.234", "120", "-3", "on iki", "%50", "12 5", "1\n0", "87,5", "1.234,5", "%12,5", "4 367 251"]


@pytest.mark.parametrize("written", WRITTEN)
def test_a_typed_value_gets_the_etls_reason(mini_plan, written):
    """1.1.1.2 is in %: the ETL rejects a file row for the reason the entry check gives, or loads the same number."""
    indicator = mini_plan.indicators["1.1.1.2"]
    quoted = '"' + written.replace('"', '""') + '"'
    data = f"indicator,district,period,value\n1.1.1.2,,2020,{quoted}\n".encode()
    validation = validate(
        extract(data, file_source(None), mini_plan, "f.csv"), mini_plan, source_id="t", today=date(2024, 1, 1)
    )
    checked = check_value(written, indicator)
    if checked.ok:
        assert validation.measurements["value"].tolist() == [checked.value]
    else:
        assert validation.problems["reason"].tolist() == [checked.reason]


def test_turkish_forms_and_cells_that_are_numbers(mini_plan):
    count = mini_plan.indicators["1.1.1.2"]
    assert check_value("87,5", count).value == 87.5
    assert check_value(87.5, count).value == 87.5  # a spreadsheet cell that already is a number
    assert [check_value(text, count).rejection.code.value for text in ("1.234", "")] == [  # type: ignore[union-attr]
        "ambiguous_number",
        "value_missing",
    ]
    assert check_value("1.234", count, decimal=",").reason.startswith("implausible value 1234: above")  # type: ignore[union-attr]


RATE = AreaPath(2019, 70.0, 2024, 90.0, {2020: 74.0, 2021: 78.0, 2022: 82.0, 2023: 86.0})


def test_the_expected_realization_at_a_periods_end(balikesir_plan):
    rate = balikesir_plan.indicators["1.1.4"]  # % of requests met, 70 → 90, interim 74 … 86
    first_half = expectation(rate, RATE, 2024, 0.5)
    assert first_half is not None
    assert (round(first_half.expected_value, 6), first_half.target_of_year) == (88.0, 90.0)
    assert round(first_half.expected_pct, 6) == 90.0
    assert is_below_path(rate, RATE, 87.9, first_half) and not is_below_path(rate, RATE, 88.0, first_half)
    year = expectation(rate, RATE, 2022, 1.0)
    assert year is not None and round(year.expected_value, 6) == 82.0
    assert expectation(rate, None, 2024, 1.0) is None  # no path (a district without data): never required


def test_a_cumulative_indicator_is_judged_on_its_running_total(balikesir_plan):
    bridges = balikesir_plan.indicators["1.1.3"]  # 0 → 250 bridges by 2024, 50 a year
    path = AreaPath(2019, 0.0, 2024, 250.0, {2020: 50.0, 2021: 100.0, 2022: 150.0, 2023: 200.0}, total_before=140.0)
    expected = expectation(bridges, path, 2023, 1.0)
    assert expected is not None and expected.expected_value == 200.0
    assert is_below_path(bridges, path, 50.0, expected)  # 190 of the 200 expected
    assert not is_below_path(bridges, path, 60.0, expected)
