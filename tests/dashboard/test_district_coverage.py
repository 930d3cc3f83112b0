"""Honest coverage by area: goals measured by province only are "not measured per district", the
district page and its download say how many goals are measured there, and "Beklenen" reads the same
on the page and in the file."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.i18n import format_percent
from dashboard.views import district
from tests.support.components import find, text_of
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.downloads import as_written


def _csv_rows(dash_app, href: str) -> list[dict[str, str]]:
    """The rows of a CSV download, each cell as a spreadsheet shows it (``="1.1"`` → ``1.1``: the
    Excel (Türkçe) dialect writes text a spreadsheet would reinterpret as a text formula)."""
    text = dash_app.server.test_client().get(href).data.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [{name: str(as_written(value)) for name, value in row.items()} for row in rows]


def _number(text: str, delimiter: str) -> float:
    return float(text.replace(".", "").replace(",", ".") if delimiter == ";" else text.replace(",", ""))


@pytest.mark.parametrize(("plan_code", "district_code"), [(IZMIR, "1128"), (BALIKESIR, "1161")])
def test_district_page_and_download_agree(app_context, dash_app, plan_code, district_code):
    plan = app_context.plans[plan_code]
    body = district.render(district.read(plan_code, district_code))
    measured = sum(1 for goal in plan.goals() if any(i.level == "district" for i in plan.indicators_of(goal.code)))
    said = text_of(find(body, attribute=("data-measured-goals", None))[0])
    assert said == f"{len(plan.goals())} hedeften {measured} tanesi ilçe düzeyinde ölçülüyor"
    href = next(
        component.href
        for component in find(body, attribute=("href", None))
        if "level=districts" in str(getattr(component, "href", ""))
    )
    rows = _csv_rows(dash_app, href)
    delimiter = ";" if "Beklenen (%)" in rows[0] and ";" in ";".join(rows[0]) else ","
    whole = rows[0]  # the whole plan first
    assert whole["Kod"] == plan_code
    headline = text_of(find(body, class_name="headline")[0])
    expected = _number(whole["Beklenen (%)"], delimiter)
    assert f"Beklenen: {format_percent(expected, 'tr')}" in headline  # was "Beklenen: –" on the page
    assert (int(whole["İlçe düzeyinde ölçülen hedef"]), int(whole["Hedef sayısı"])) == (measured, len(plan.goals()))
    not_measured = [row for row in rows if row["Durum kodu"] == "not_measured"]
    assert len([row for row in not_measured if row["Düzey"] == plan.levels[-1].name_tr]) == len(plan.goals()) - measured


def test_a_goal_measured_by_province_only_says_so_in_the_district(app_context):
    plan = app_context.plans[IZMIR]
    province_only = next(
        goal for goal in plan.goals() if all(i.level == "province" for i in plan.indicators_of(goal.code))
    )
    body = district.render(district.read(IZMIR, "1128"))
    scorecard = text_of(find(body, class_name="scorecard-table")[0])
    assert province_only.code in scorecard and "İlçe düzeyinde ölçülmüyor" in scorecard
