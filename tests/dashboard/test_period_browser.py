"""The period (?year=) end to end in the system Chromium: the URL sets the select and the data,
the select sets the URL, a copied URL restores the view, and the year survives the way from the
districts page to a district and back. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.i18n import format_value
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse import Reader

pytestmark = pytest.mark.browser

INDICATOR = "1.1.2.2"  # İzmir, measured in every district
TIMEOUT = 15_000


@pytest.fixture
def checked_page(page) -> Iterator:
    """pytest-playwright's page, failing the test on a script error or a request off 127.0.0.1."""
    errors: list[str] = []
    requests: list[str] = []
    page.set_default_timeout(TIMEOUT)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    yield page
    assert not errors, errors
    outside = [url for url in requests if urlparse(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    assert not outside, outside[:5]


def warehouse_league(
    data_dir: Path,
    year: int,
    plan: str = IZMIR,
    indicator: str = INDICATOR,
    area_level: str = "district",
    lang: str = "tr",
) -> dict[str, str]:
    """{area code: value as the page writes it} of ``year``, straight from indicator_yearly, rounded to
    the indicator's precision as pages and files round it."""
    reader = Reader(data_dir / "published.duckdb")
    try:
        with reader.connect() as connection:
            rows = connection.execute(
                "select y.area_code, y.value, i.precision from indicator_yearly y join indicators i "
                "on i.plan_code = y.plan_code and i.indicator_code = y.indicator_code "
                "where y.plan_code = ? and y.indicator_code = ? and y.area_level = ? and y.year = ?",
                [plan, indicator, area_level, year],
            ).fetchall()
    finally:
        reader.close()
    return {code: format_value(value, lang, precision) for code, value, precision in rows}


def shown_league(page, column: int = 2) -> dict[str, str]:
    """{data-key: text of the value column} of the equity section's league table."""
    return page.locator("[data-section=equity] .league-table tbody tr[data-key]").evaluate_all(
        f"rows => Object.fromEntries(rows.map(r => [r.dataset.key, r.cells[{column}].innerText.trim()]))"
    )


def open_districts(page, url: str, year: int) -> None:
    page.goto(url)
    page.wait_for_selector(f".districts-page[data-year='{year}'] [data-section=equity] .league-table tbody tr")


def test_the_year_in_the_url_sets_the_select_and_the_league_and_a_copied_url_restores_them(
    checked_page, live_server, data_dir, screenshot
):
    page = checked_page
    open_districts(page, f"{live_server}/{IZMIR}/districts?indicator={INDICATOR}&year=2019", 2019)
    assert page.locator("#districts-year").input_value() == "2019"
    assert shown_league(page) == warehouse_league(data_dir, 2019)
    assert "2019 değerleri" in page.locator(".past-note").inner_text()
    assert page.locator("[data-section=equity] .status-badge").count() == 0  # a past year has no status
    screenshot(page, "19-districts-2019")

    page.select_option("#districts-year", "2021")
    page.wait_for_url(re.compile(r"year=2021"))
    page.wait_for_selector(".districts-page[data-year='2021'] [data-section=equity] .league-table tbody tr")
    copied = page.url
    assert parse_qs(urlparse(copied).query) == {"indicator": [INDICATOR], "year": ["2021"]}
    assert shown_league(page) == warehouse_league(data_dir, 2021)

    page.goto("about:blank")
    open_districts(page, copied, 2021)
    assert page.locator("#districts-year").input_value() == "2021"
    assert page.locator("#districts-indicator").input_value() == INDICATOR
    assert shown_league(page) == warehouse_league(data_dir, 2021)
    screenshot(page, "20-districts-2021-restored")


def test_the_year_is_kept_from_the_districts_page_to_a_district_and_back(checked_page, live_server, screenshot):
    page = checked_page
    open_districts(page, f"{live_server}/{IZMIR}/districts?indicator={INDICATOR}&year=2019", 2019)
    page.locator("[data-section=equity] .league-table tbody tr[data-key] a").first.click()
    page.wait_for_url(re.compile(rf"/{IZMIR}/district/\d+\?year=2019$"))
    page.wait_for_selector(".district-page[data-year='2019'] [data-section=scorecard]")
    assert page.locator("#district-year").input_value() == "2019"
    assert "2019 yılında" in page.locator(".district-rank").inner_text()
    assert page.locator(".headline .status-badge").count() == 0
    screenshot(page, "21-district-2019")

    page.select_option("#district-year", "2020")
    page.wait_for_url(re.compile(r"\?year=2020$"))
    page.wait_for_selector(".district-page[data-year='2020']")
    page.locator(".breadcrumb a", has_text="İlçeler").click()
    page.wait_for_url(re.compile(rf"/{IZMIR}/districts\?year=2020$"))
    page.wait_for_selector(".districts-page[data-year='2020']")
    assert page.locator("#districts-year").input_value() == "2020"

    page.locator(".past-note a").click()  # back to the latest: no year in the URL, statuses again
    page.wait_for_url(re.compile(rf"/{IZMIR}/districts$"))
    page.wait_for_selector("[data-section=equity] .status-badge")
    assert page.locator(".past-note").count() == 0


def test_a_past_year_of_the_regions(checked_page, live_server, data_dir, screenshot):
    page = checked_page
    page.goto(f"{live_server}/{BALIKESIR}/districts?indicator=1.2.1&level=region&year=2021&lang=en")
    page.wait_for_selector(".regions-page[data-year='2021'] .region-league tbody tr")
    assert page.locator("#districts-year").input_value() == "2021"
    shown = page.locator(".region-league tbody tr[data-key]").evaluate_all(
        "rows => Object.fromEntries(rows.map(r => [r.dataset.key, r.cells[2].innerText.trim()]))"
    )
    assert shown == warehouse_league(data_dir, 2021, BALIKESIR, "1.2.1", "region", lang="en")
    assert "2021 values" in page.locator(".past-note").inner_text()
    screenshot(page, "22-balikesir-regions-2021")
    page.goto(f"{live_server}/{BALIKESIR}/districts?indicator=1.2.1&region=korfez&year=2021")
    page.wait_for_selector(".regions-page[data-year='2021'] [data-section=region-summary]")
    screenshot(page, "23-balikesir-korfez-2021")
