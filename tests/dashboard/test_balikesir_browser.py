"""Both plans in the system Chromium: switch plans, drill province → region → district, export the
yearly monitoring table and check the file against the warehouse. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import openpyxl
import pytest

from gosterge.rounding import PERCENT_DECIMALS, round_to
from tests.support.dashboard_app import BALIKESIR, IZMIR, SCREENSHOTS
from warehouse.monitoring import fetch_monitoring_table, monitoring_indicators

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


@pytest.fixture
def watched(page) -> Iterator[None]:
    """No request leaves 127.0.0.1 and no script error happens while the test runs."""
    seen: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(TIMEOUT)
    yield
    assert not [url for url in seen if urlparse(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    assert not errors, errors


def click_tile(page, label: str) -> None:
    """Click the tile-grid square whose label is ``label`` (as a user's mouse would)."""
    tile = page.locator("#district-map .textpoint text", has_text=re.compile(f"^{label}$")).first
    box = tile.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_switching_plans_changes_every_element(page, live_server, watched, screenshot):
    page.goto(f"{live_server}/{IZMIR}/district/1203")  # Bornova, an İzmir district
    page.wait_for_selector(".district-page[data-district='1203']")
    page.select_option("#plan-switcher", BALIKESIR)
    page.wait_for_url(f"{live_server}/{BALIKESIR}")  # codes of one plan mean nothing in the other: its overview
    page.wait_for_function("document.querySelectorAll('.goal-tile-cell').length === 21")
    assert page.locator(".tile-group").count() == 12  # the 12 aims, each with its goals
    body = page.locator("main").inner_text()
    assert "Amaç" in body and "Gelişme ekseni" not in body and "Bornova" not in body
    for link in page.locator("nav a.nav-link").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert link.startswith(f"/{BALIKESIR}")
    screenshot(page, "b6-01-overview-balikesir")
    page.click("nav >> text=İzleme tablosu")
    page.wait_for_url(re.compile(f"/{BALIKESIR}/monitoring"))
    page.wait_for_selector(".monitoring-table")
    assert page.locator("tr[data-kind=node]").count() == 12 + 21
    assert page.locator("tr[data-kind=indicator]").count() == 69
    page.select_option("#plan-switcher", IZMIR)
    page.wait_for_url(f"{live_server}/{IZMIR}")


def test_drill_from_the_province_to_a_region_to_a_district(page, live_server, watched, screenshot):
    page.goto(f"{live_server}/{BALIKESIR}/districts?indicator=7.1.2&show=value")
    page.wait_for_selector("#district-map .textpoint")
    page.click(".level-switch >> text=Bölgeler")
    page.wait_for_url(re.compile(r"level=region"))
    page.wait_for_selector(".regions-page[data-level=region] #district-map .textpoint")
    assert page.locator(".region-league tbody tr").count() == 4
    screenshot(page, "b6-02-regions")
    click_tile(page, "EDR")  # Edremit's square opens its region, Körfez
    page.wait_for_url(re.compile(r"region=korfez"))
    page.wait_for_selector(".regions-page[data-region=korfez] [data-section=region-summary]")
    assert "indicator=7.1.2" in page.url and "show=value" in page.url
    assert page.locator("#district-map .textpoint").count() == 5
    names = page.locator("[data-section=equity] .league-table tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(names) == ["Ayvalık", "Burhaniye", "Edremit", "Gömeç", "Havran"]
    screenshot(page, "b6-03-region-korfez")
    click_tile(page, "EDR")
    page.wait_for_url(f"{live_server}/{BALIKESIR}/district/1294")
    page.wait_for_selector(".district-page[data-district='1294']")
    crumbs = page.locator(".breadcrumb").inner_text()
    assert "Körfez" in crumbs and "Edremit" in crumbs
    screenshot(page, "b6-04-district-edremit")
    page.click(".breadcrumb >> text=Körfez")  # and back up to the region
    page.wait_for_url(re.compile(r"region=korfez"))


def test_export_the_yearly_monitoring_table(page, live_server, app_context, watched, tmp_path):
    page.goto(f"{live_server}/{BALIKESIR}/monitoring?year=2022")
    page.wait_for_selector(".monitoring-table tr[data-code='7.1.3']")
    page.select_option("#monitoring-year", "2023")
    page.wait_for_url(re.compile(r"year=2023"))
    page.wait_for_selector("h1 >> text=2023")
    page.screenshot(path=str(SCREENSHOTS / "b6-05-monitoring-balikesir.png"))  # the top: the page is long
    with page.expect_download() as download_info:
        page.click("#monitoring-download")
    download = download_info.value
    assert download.suggested_filename == f"izleme-{BALIKESIR}-2023.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["İzleme 2023", "Üst veri"]
    sheet = workbook["İzleme 2023"]
    rows = {sheet.cell(row, 1).value: row for row in range(5, sheet.max_row + 1)}
    with app_context.reader.connect() as connection:
        table = fetch_monitoring_table(connection, plan_code=BALIKESIR, year=2023)
        raw = monitoring_indicators(connection, plan=BALIKESIR, year=2023).set_index("indicator_code")
    for code in ("7.1", "7.1.1", "7.1.2", "7.1.3", "7.1.4", "10.5.1", "A7"):
        kind = "indicator" if code.count(".") == 2 else "node"
        expected = table.row(code, kind).realization_pct
        cell = sheet.cell(rows[code], 10).value
        assert (cell is None) if expected is None else cell == pytest.approx(round_to(expected, PERCENT_DECIMALS))
    pools = raw.loc["7.1.3"]
    assert sheet.cell(rows["7.1.3"], 6).value == pytest.approx(pools["year_target"])  # the 2023 target
    assert sheet.cell(rows["7.1.3"], 8).value == pytest.approx(pools["realized_value"])  # the running total
    shown = page.locator("tr[data-code='7.1'] td.num .monitoring-pct").inner_text()
    goal = table.row("7.1", "node").realization_pct
    assert shown == f"%{goal:.1f}".replace(".", ",")
    about = dict(workbook["Üst veri"].iter_rows(min_row=2, values_only=True))
    assert about["Veri sürümü"] == str(app_context.reader.data_version()[0]) and about["İzleme yılı"] == "2023"

    page.goto(f"{live_server}/{IZMIR}/monitoring?year=2018&lang=en")  # the other plan, the other levels
    page.wait_for_selector(".monitoring-table")
    with page.expect_download() as izmir_download:
        page.click("#monitoring-download")
    assert izmir_download.value.suggested_filename == f"izleme-{IZMIR}-2018.xlsx"
    page.screenshot(path=str(SCREENSHOTS / "b6-06-monitoring-izmir-en.png"))
