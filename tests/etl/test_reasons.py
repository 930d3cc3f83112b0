"""Rejection reasons as codes: every code the ETL can produce has its Turkish and English template, with the
code's values as placeholders, and a stored row (old ones without a code included) reads in both languages.

The codes the ETL can produce are found in its source, not listed here: every ``ReasonCode.X`` the ETL's
modules name (a Rejection cannot be made with anything else, see gosterge.rejections)."""

from __future__ import annotations

import ast
import re

import duckdb
import pytest

from dashboard.messages import CATALOGUE
from dashboard.reasons import reason_from_json, reason_text
from gosterge.rejections import ReasonCode, Rejection
from gosterge.settings import PROJECT_ROOT
from warehouse.schema import apply_schema


def codes_named_in(*folders: str) -> dict[str, set[str]]:
    """``ReasonCode.<NAME>`` → the files of ``folders`` that name it."""
    named: dict[str, set[str]] = {}
    for path in sorted(path for folder in folders for path in (PROJECT_ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ReasonCode":
                named.setdefault(node.attr, set()).add(str(path.relative_to(PROJECT_ROOT)))
    return named


def test_every_code_the_etl_can_produce_has_both_templates_with_its_values():
    named = codes_named_in("etl", "gosterge/measurement_rules")  # the number and bound rules moved there
    assert len(named) >= 30  # the scan finds the ETL's codes (a broken scan finds none)
    members = {code.name: code for code in ReasonCode}
    assert set(named) <= set(members), f"not ReasonCodes: {set(named) - set(members)}"
    for name in named:
        code = members[name]
        key = f"reason.{code.value}"
        assert key in CATALOGUE, f"{key} (named in {', '.join(sorted(named[name]))}) has no template"
        for template in CATALOGUE[key]:
            assert set(re.findall(r"{(\w+)}", template)) == set(code.parameters), (key, template)
    # and no code is declared that nothing produces (a template nobody can see)
    assert set(members) == set(named), f"declared but never produced: {set(members) - set(named)}"


def test_every_reason_template_belongs_to_a_code():
    codes = {code.value for code in ReasonCode}
    assert {key.removeprefix("reason.") for key in CATALOGUE if key.startswith("reason.")} == codes


def test_a_rejection_takes_exactly_its_codes_values():
    with pytest.raises(ValueError, match=r"value_below_minimum: got values \['value'\]; expected"):
        Rejection(ReasonCode.VALUE_BELOW_MINIMUM, "x", {"value": 1})
    with pytest.raises(ValueError, match="is not a ReasonCode"):
        Rejection("value_below_minimum", "x", {})  # type: ignore[arg-type]
    reason = Rejection(ReasonCode.NO_SUCH_MONTH, "month 13 does not exist", {"month": 13})
    assert (str(reason), reason.values_json()) == ("month 13 does not exist", '{"month": 13}')


@pytest.mark.parametrize(
    ("code", "values", "turkish", "english"),
    [
        (
            "value_above_maximum",
            '{"value": 100.0001, "maximum": 100, "unit": "%", "indicator": "1.2.1.2"}',
            "Olağan dışı değer 100,0001: % biriminde en çok 100 olabilir (gösterge 1.2.1.2).",
            "Implausible value 100.0001: above the maximum 100 for the unit % (indicator 1.2.1.2).",
        ),
        (
            "value_below_minimum",
            '{"value": -4367251.5, "minimum": 0, "unit": "persons", "indicator": "1.2.1.1"}',
            "Olağan dışı değer -4.367.251,5: kişi biriminde en az 0 olabilir (gösterge 1.2.1.1).",
            "Implausible value -4,367,251.5: below the minimum 0 for the unit persons (indicator 1.2.1.1).",
        ),
        (
            "period_too_fine",
            '{"period": "2023-06", "period_type": "month", "frequency": "yearly", "example": "2023"}',
            "2023-06 dönemi göstergenin dönemlerinden ince (dönem türü: Ay; göstergenin sıklığı: Yıllık; beklenen, "
            "örneğin 2023).",
            "Period 2023-06 is finer than the indicator's periods (period type: Month; the indicator's frequency: "
            "Yearly; expected e.g. 2023).",
        ),
        (
            "period_outside_plan",
            '{"period": "2031", "first_year": 2013, "last_year": 2026}',
            "2031 dönemi planın yıllarının (2013–2026) dışında.",  # years without a thousands mark
            "Period 2031 is outside the plan's years (2013–2026).",
        ),
        (
            "conflicting_lines",
            '{"lines": [10, 1204]}',
            "Aynı gösterge, alan ve dönem başka bir değerle şu satırlarda da var: 10, 1204 (hepsi reddedildi).",
            "The same indicator, area and period with a different value on line 10, 1204 (all of them rejected).",
        ),
    ],
)
def test_a_stored_reason_reads_in_both_languages(code: str, values: str, turkish: str, english: str):
    assert reason_text(code, values, "the ETL's line", "tr") == turkish
    assert reason_text(code, values, "the ETL's line", "en") == english


def test_rows_without_a_code_or_with_values_that_do_not_fit_show_the_stored_line():
    assert reason_text(None, None, "unknown indicator '9.9.9' (old row)", "tr") == "unknown indicator '9.9.9' (old row)"
    assert reason_text("a_code_of_a_later_version", "{}", "its line", "en") == "its line"
    assert reason_text("no_such_month", '{"other": 1}', "month 13 does not exist", "tr") == "month 13 does not exist"
    assert reason_from_json('{"code": null, "values": null, "text": "old line"}', "en") == "old line"


def test_a_warehouse_from_before_reason_codes_is_upgraded_and_its_rows_stay_readable(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    old = duckdb.connect(str(path))
    old.execute(
        """
        create table rejected_rows (
            run_id bigint not null, plan_code varchar, source_id varchar not null, file_name varchar,
            row_number bigint, column_name varchar, value varchar, reason varchar not null, raw_row varchar
        )
        """
    )
    old.execute("insert into rejected_rows values (1, 'mini', 'old', 'a.csv', 4, 'value', '-3', 'implausible', null)")
    old.close()
    upgraded = duckdb.connect(str(path))
    apply_schema(upgraded)  # what every writer session does first
    apply_schema(upgraded)  # and again: nothing changes
    row = upgraded.execute("select reason, reason_code, reason_values from rejected_rows").fetchone()
    upgraded.close()
    assert row == ("implausible", None, None)
    assert reason_text(row[1], row[2], row[0], "tr") == "implausible"
