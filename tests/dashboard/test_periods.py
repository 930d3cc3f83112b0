"""The period (?year=) of the districts, region and district views, against the shared warehouse:
the views and their callbacks, and the CSV links beside them (the queries with a ``year``:
tests/warehouse/test_district_queries.py)."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids, shell
from dashboard.i18n import format_number, format_percent, format_value
from dashboard.state import NotFound
from dashboard.views import district, districts
from gosterge.rounding import round_to
from tests.support.components import find, text_of, walk
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.downloads import text_as_written
from tests.support.yearly import DISTRICT, INDICATOR, PAST, yearly_values
from warehouse.queries.districts import district_league, years_with_data


def rows_of(component: Any, section: str) -> dict[str, list[str]]:
    """{data-key: [cell texts]} of the table rows in a data-section."""
    part = find(component, attribute=("data-section", section))[0]
    return {
        row.to_plotly_json()["props"]["data-key"]: [text_of(cell) for cell in row.children]
        for row in find(part, attribute=("data-key", None))
    }


def link_targets(component: Any, prefix: str) -> list[str]:
    return [item.href for item in walk(component) if isinstance(item, dcc.Link) and item.href.startswith(prefix)]


def download_hrefs(component: Any, section: str) -> list[str]:
    part = find(component, attribute=("data-section", section))[0]
    return [item.href for item in walk(part) if isinstance(item, html.A) and "gosterge-download" in item.className]


# ---------------------------------------------------------------- the districts page


@pytest.fixture(scope="module")
def connection(yearly_connection):
    return yearly_connection


def test_the_year_is_read_from_the_url_and_a_year_without_data_is_not_found(app_context, connection):
    assert districts.read(IZMIR, indicator=INDICATOR).year is None
    assert districts.read(IZMIR, indicator=INDICATOR, year=str(PAST)).year == PAST
    years = years_with_data(connection, plan=IZMIR, indicator=INDICATOR)
    gaps = [year for year in range(years[0], years[-1]) if year not in years]
    for year in ["1999", "2099", "abc", *map(str, gaps)]:
        with pytest.raises(NotFound):
            districts.read(IZMIR, indicator=INDICATOR, year=year)


def test_a_past_year_shows_that_years_values_without_status(app_context, connection):
    view = districts.read(IZMIR, indicator=INDICATOR, year=str(PAST))
    body = districts.render(view)
    assert find(body, component_id=ids.DISTRICTS_YEAR)[0].value == str(PAST)
    assert find(body, class_name="past-note")[0].to_plotly_json()["props"]["data-year"] == str(PAST)
    assert f"{PAST} değerleri" in text_of(body)
    stored = yearly_values(connection, INDICATOR, PAST)
    table = rows_of(body, "equity")
    assert set(table) == set(stored.index)
    for code, cells in table.items():  # rank, district, value, realization, expected, gap
        assert cells[2] == format_number(stored.loc[code, "value"], "tr", 2)
        assert cells[4] == format_percent(stored.loc[code, "expected_pct"], "tr")
    assert not find(find(body, attribute=("data-section", "equity"))[0], class_name="status-badge")
    map_figure = find(body, component_id=ids.DISTRICT_MAP)[0].figure
    coloured = {
        code: value
        for trace in map_figure.data
        if trace.z is not None and len(set(trace.z)) > 1
        for (code,), value in zip(trace.customdata, trace.z, strict=True)
    }
    assert coloured and all(
        value == pytest.approx(stored.loc[code, "realization_pct"]) for code, value in coloured.items()
    )
    links = link_targets(body, f"/{IZMIR}/district/")
    assert links and all(link.endswith(f"?year={PAST}") for link in links)


def test_the_latest_view_keeps_status_and_marks_the_latest_year(app_context, connection):
    body = districts.render(districts.read(IZMIR, indicator=INDICATOR))
    latest = years_with_data(connection, plan=IZMIR, indicator=INDICATOR)[-1]
    select = find(body, component_id=ids.DISTRICTS_YEAR)[0]
    assert select.value == str(latest) and select.options[0]["label"] == f"{latest} · son durum"
    assert not find(body, class_name="past-note")
    assert find(find(body, attribute=("data-section", "equity"))[0], class_name="status-badge")
    assert all("year=" not in link for link in link_targets(body, f"/{IZMIR}/district/"))
    explicit = districts.render(districts.read(IZMIR, indicator=INDICATOR, year=str(latest)))
    assert not find(explicit, class_name="past-note")  # the latest year is the latest view, status included
    assert rows_of(explicit, "equity") == rows_of(body, "equity")
    assert all(link.endswith(f"?year={latest}") for link in link_targets(explicit, f"/{IZMIR}/district/"))


def test_goal_and_whole_plan_views_of_a_past_year(app_context, connection):
    body = districts.render(districts.read(IZMIR, year=str(PAST)))
    league = district_league(connection, plan=IZMIR, node=IZMIR, year=PAST).set_index("area_code")
    for code, cells in rows_of(body, "equity").items():  # rank, district, realization, expected, gap
        assert cells[2] == format_percent(league.loc[code, "realization_pct"], "tr")
    goal = districts.render(districts.read(IZMIR, goal="1.1.2", year=str(PAST), lang="en"))
    assert f"{PAST} values" in text_of(goal) and "Expected" in text_of(goal)


def test_the_year_select_and_subject_changes_keep_the_period(app_context):
    view = districts.read(IZMIR, indicator=INDICATOR, year=str(PAST), map="tiles")
    assert districts.year_href(view, "2021") == f"/{IZMIR}/districts?indicator={INDICATOR}&map=tiles&year=2021"
    for unchanged in (str(PAST), None, ""):
        with pytest.raises(PreventUpdate):
            districts.year_href(view, unchanged)
    latest = districts.read(IZMIR, indicator=INDICATOR, lang="en")
    options = find(districts.render(latest), component_id=ids.DISTRICTS_YEAR)[0].options
    assert districts.year_href(latest, "2015", options) == f"/{IZMIR}/districts?indicator={INDICATOR}&year=2015&lang=en"
    with pytest.raises(PreventUpdate):  # Dash drawing the select of a view without a year: its newest year
        districts.year_href(latest, options[0]["value"], options)
    assert districts.subject_href(view, "goal", "1.1.2") == f"/{IZMIR}/districts?goal=1.1.2&map=tiles&year={PAST}"
    assert districts.subject_href(view, "goal", "1.1.1") == f"/{IZMIR}/districts?goal=1.1.1&map=tiles"  # no data


def test_a_map_click_opens_the_district_in_the_same_year(app_context):
    click = {"points": [{"customdata": [DISTRICT]}]}
    assert (
        shell.map_click_href(click, f"/{IZMIR}/districts", f"?indicator={INDICATOR}&year={PAST}&lang=en")
        == f"/{IZMIR}/district/{DISTRICT}?year={PAST}&lang=en"
    )
    assert shell.map_click_href(click, f"/{IZMIR}/districts", "") == f"/{IZMIR}/district/{DISTRICT}"


def test_the_csv_beside_a_past_league_is_that_years_league(app_context, dash_app, connection):
    """A past year's league downloads as that year's league (rank, value, realization, expected, gap), for
    an indicator and for a goal alike; it gave the year's measurements, or the latest values of a goal
    (with a 'latest values only' note), neither of which is the table on the page."""
    body = districts.render(districts.read(IZMIR, indicator=INDICATOR, year=str(PAST)))
    (href,) = download_hrefs(body, "league-chart")
    query = parse_qs(urlparse(href).query)
    assert query["level"] == ["league"] and query["from"] == query["to"] == [str(PAST)]
    response = dash_app.server.test_client().get(href)
    assert response.status_code == 200
    rows = text_as_written(
        pd.read_csv(io.BytesIO(response.data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Alan kodu": str})
    )
    assert set(rows["Son veri yılı"].dropna()) == {PAST} and set(rows["Alan düzeyi"]) == {"İlçe"}
    stored = yearly_values(connection, INDICATOR, PAST).dropna(subset=["value"])
    precision = app_context.plans[IZMIR].indicators[INDICATOR].precision
    measured = rows.dropna(subset=["Değer"]).set_index("Alan kodu")["Değer"]
    assert measured.to_dict() == {code: round_to(value, precision) for code, value in stored["value"].items()}
    goal = districts.render(districts.read(IZMIR, goal="1.1.2", year=str(PAST)))
    assert not find(goal, class_name="latest-only-download")
    (progress_href,) = download_hrefs(goal, "league-chart")
    assert f"from={PAST}" in progress_href and dash_app.server.test_client().get(progress_href).status_code == 200


# ---------------------------------------------------------------- regions (Balıkesir)


def test_the_region_league_of_a_past_year(app_context, connection):
    view = districts.read(BALIKESIR, indicator="1.2.1", level="region", year="2021")
    body = districts.render(view)
    stored = yearly_values(connection, "1.2.1", 2021, "region", BALIKESIR)
    precision = app_context.plans[BALIKESIR].indicators["1.2.1"].precision
    table = rows_of(body, "equity")
    assert set(table) == set(stored.index)
    for code, cells in table.items():  # rank, region, value, realization, expected, gap
        # the indicator's precision (it was two decimals whatever the indicator)
        assert cells[2] == format_value(stored.loc[code, "value"], "tr", precision)
        assert cells[4] == format_percent(stored.loc[code, "expected_pct"], "tr")
    back = find(body, class_name="past-note")[0]
    assert link_targets(back, "/") == [f"/{BALIKESIR}/districts?indicator=1.2.1&level=region"]
    region_links = set(link_targets(body, f"/{BALIKESIR}/districts?")) - set(link_targets(back, "/"))
    assert region_links and all("year=2021" in link for link in region_links)


def test_one_region_in_a_past_year(app_context, connection):
    body = districts.render(districts.read(BALIKESIR, indicator="1.2.1", region="korfez", year="2021"))
    summary = find(body, attribute=("data-section", "region-summary"))[0]
    region_row = yearly_values(connection, "1.2.1", 2021, "region", BALIKESIR).loc["korfez"]
    assert format_percent(region_row["realization_pct"], "tr") in text_of(summary)
    assert not find(summary, class_name="status-badge") and "son veri yılı" in text_of(summary)
    links = link_targets(body, f"/{BALIKESIR}/district/")
    assert len(links) >= 5 and all(link.endswith("?year=2021") for link in links)


# ---------------------------------------------------------------- one district


def test_a_districts_page_in_a_past_year(app_context, connection):
    view = district.read(IZMIR, DISTRICT, year=str(PAST))
    body = district.render(view)
    assert find(body, component_id=ids.DISTRICT_YEAR)[0].value == str(PAST)
    assert find(body, class_name="past-note")
    headlines = find(body, class_name="headline")
    assert len(headlines) == 2 and not any(find(item, class_name="status-badge") for item in headlines)
    league = district_league(connection, plan=IZMIR, node=IZMIR, year=PAST).set_index("area_code")
    rank = find(body, class_name="district-rank")[0]
    assert rank.to_plotly_json()["props"]["data-rank"] == str(int(league.loc[DISTRICT, "rank"]))
    assert str(PAST) in text_of(rank)
    indicators = rows_of(body, "indicators")
    assert indicators[INDICATOR][1].startswith(
        format_number(yearly_values(connection, INDICATOR, PAST).loc[DISTRICT, "value"], "tr", 2)
    )
    crumbs = link_targets(body, f"/{IZMIR}/districts")
    assert crumbs == [f"/{IZMIR}/districts?year={PAST}"]
    (indicators_csv,) = download_hrefs(body, "indicators")
    assert "level=measurements" in indicators_csv and f"from={PAST}&to={PAST}" in indicators_csv
    assert district.year_href(view, "2020") == f"/{IZMIR}/district/{DISTRICT}?year=2020"
    with pytest.raises(NotFound):
        district.read(IZMIR, DISTRICT, year="1990")


def test_a_districts_latest_page_is_unchanged(app_context):
    body = district.render(district.read(IZMIR, DISTRICT))
    assert not find(body, class_name="past-note")
    assert all(find(item, class_name="status-badge") for item in find(body, class_name="headline"))
    assert link_targets(body, f"/{IZMIR}/districts") == [f"/{IZMIR}/districts"]
