"""A malformed number in a URL (a superscript digit, a sign, more digits than any year) is the page's
default or its not-found view, never an exception or the error notice; a download answers 400 naming
the parameter."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from dashboard import urls
from dashboard.views import district, districts, monitoring
from tests.dashboard.test_plan_switching import PAGES, has_class, layout_of
from tests.support.dashboard_app import BALIKESIR, IZMIR

MALFORMED = ("²", "-1", "99999999999", "1e3", " ", "٢٠١٩")


@pytest.mark.parametrize("text", MALFORMED)
def test_a_malformed_whole_number_is_none(text):
    assert urls.whole_number(text) is None


def test_a_whole_number_is_read():
    assert urls.whole_number("2019") == 2019
    assert urls.whole_number("0") == 0


@pytest.mark.parametrize("plan_code", [IZMIR, BALIKESIR])
@pytest.mark.parametrize("text", MALFORMED)
def test_every_page_survives_a_malformed_year_and_page(app_context, plan_code, text):
    for name, kwargs in PAGES[plan_code]:
        page = layout_of(name, plan_code=plan_code, **{**kwargs, "year": text, "page": text})
        assert not has_class(page, "error-view"), (name, kwargs, text)


@pytest.mark.parametrize("text", MALFORMED)
def test_the_monitoring_workbook_refuses_a_malformed_year_by_name(dash_app, text):
    response = dash_app.server.test_client().get("/monitoring.xlsx", query_string={"plan": IZMIR, "year": text})
    assert response.status_code == 400
    assert "year" in response.get_data(as_text=True)


#: every query parameter a page or its callbacks read, and values no page should choke on
PARAMETERS = (
    "view", "show", "map", "level", "region", "district", "indicator", "goal",
    "axis", "priority", "aim", "q", "lang", "year", "page", "dialect", "columns", "from", "to",
)  # fmt: skip
HOSTILE = ("²", "99999999999", "<b>x</b>", "x" * 400, "%00", "1.1.1.1")


@pytest.mark.parametrize("plan_code", [IZMIR, BALIKESIR])
@pytest.mark.parametrize("parameter", PARAMETERS)
def test_every_page_survives_a_malformed_value_of_every_parameter(app_context, plan_code, parameter):
    for name, kwargs in PAGES[plan_code]:
        for text in HOSTILE:
            page = layout_of(name, plan_code=plan_code, **{**kwargs, parameter: text})
            assert not has_class(page, "error-view"), (name, kwargs, parameter, text)


@pytest.mark.parametrize("text", MALFORMED)
def test_the_year_selects_ignore_a_malformed_year(app_context, text):
    with pytest.raises(PreventUpdate):
        districts.year_href(districts.read(IZMIR), text)
    with pytest.raises(PreventUpdate):
        district.year_href(district.read(IZMIR, "1203"), text)
    with pytest.raises(PreventUpdate):
        monitoring.read(IZMIR).year_href(text)


@pytest.mark.parametrize("path", ["/export.csv", "/export.zip", "/export.xlsx"])
@pytest.mark.parametrize("parameter", ["from", "to", "run", "page", "year"])
@pytest.mark.parametrize("text", [text for text in MALFORMED if text.strip()])  # a blank value is no value
def test_every_download_refuses_a_malformed_number_by_name(dash_app, path, parameter, text):
    query = {"plan": IZMIR, "level": "measurements", parameter: text}
    response = dash_app.server.test_client().get(path, query_string=query)
    assert response.status_code == 400, (path, parameter, text, response.status_code)
    assert f"{parameter}" in response.get_data(as_text=True)
