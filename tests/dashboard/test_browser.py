"""End to end in the system Chromium (Playwright): one server and one browser for the module.

Every test records the requests the page makes and checks none leaves 127.0.0.1.
Screenshots of every page go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from gosterge.plan import Plan
from tests.support.builders import load_rows
from tests.support.dashboard_app import BALIKESIR, IZMIR

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


@pytest.fixture(scope="module")
def browser_page(browser, browser_context_args):
    """One browser context and page for the module: the app's scripts load once, then come from cache."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


@pytest.fixture
def page(browser_page):
    """The module's page, starting each test from a blank document."""
    browser_page.goto("about:blank")
    return browser_page


@pytest.fixture
def requests_seen(page) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(request) -> None:
        seen.append(request.url)

    page.on("request", record)
    yield seen
    page.remove_listener("request", record)
    outside = [
        url for url in seen if urlparse(url).hostname not in ("127.0.0.1",) and not url.startswith(("data:", "about:"))
    ]
    assert not outside, f"requests left 127.0.0.1: {outside[:5]}"


@pytest.fixture
def errors(page) -> Iterator[list[str]]:
    found: list[str] = []

    def record(error) -> None:
        found.append(str(error))

    page.on("pageerror", record)
    yield found
    page.remove_listener("pageerror", record)
    assert not found, found


def open_page(page, url: str, ready: str) -> None:
    page.goto(url)
    page.wait_for_selector(ready, state="attached")


def test_overview_shows_3_axes_13_priorities_73_goals(
    page, live_server, app_context, requests_seen, errors, screenshot
):
    from zoneinfo import ZoneInfo

    from warehouse.queries.loads import last_load

    open_page(page, f"{live_server}/{IZMIR}", ".goal-tile-cell")
    assert page.locator("[data-root]").count() == 3
    assert page.locator(".tile-group").count() == 13
    assert page.locator(".goal-tile-cell").count() == 73
    page.locator("figure[data-chart=hierarchy]").scroll_into_view_if_needed()  # drawn when near the view
    page.wait_for_selector("#hierarchy-sunburst .main-svg")
    page.wait_for_selector(".data-badge")
    badge = page.locator(".data-badge").inner_text()
    assert "demo" in badge
    # the last load's time in Istanbul's time, said so (the warehouse keeps UTC)
    with app_context.reader.connect() as connection:
        finished = last_load(connection, plan=IZMIR).iloc[0]["finished_at"].to_pydatetime()
    local = finished.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(app_context.settings.time_zone))
    assert f"{local:%d.%m.%Y %H:%M} TSİ" in badge, badge
    screenshot(page, "01-overview-izmir")


def test_axis_filter_narrows_every_element_and_the_url_restores_it(
    page, live_server, izmir_plan: Plan, requests_seen, errors, screenshot
):
    open_page(page, f"{live_server}/{IZMIR}", ".goal-tile-cell")
    page.select_option("#filter-top", "2")
    page.wait_for_url(re.compile(r"axis=2"))
    page.wait_for_function("document.querySelectorAll('[data-root]').length === 1")
    goals_under_2 = [goal.code for goal in izmir_plan.goals() if goal.code.startswith("2.")]
    assert page.locator(".goal-tile-cell").count() == len(goals_under_2)
    assert page.locator(".tile-group").count() == len(izmir_plan.children("2"))
    assert page.locator("[data-count-root]").count() == 1
    lagging = page.locator("[data-section=lagging] [data-goal]")
    assert all(code.startswith("2.") for code in lagging.evaluate_all("els => els.map(e => e.dataset.goal)"))
    assert "2" in page.locator(".headline-caption").inner_text()
    page.select_option("#filter-second", "2.1")
    page.wait_for_url(re.compile(r"priority=2\.1"))
    page.wait_for_function("document.querySelectorAll('.tile-group').length === 1")
    screenshot(page, "02-overview-filtered")
    copied = page.url + "&lang=en"
    other = page.context.new_page()
    other.goto(copied)
    other.wait_for_selector(".goal-tile-cell")
    assert other.locator("#filter-top").input_value() == "2"
    assert other.locator("#filter-second").input_value() == "2.1"
    assert other.locator(".goal-tile-cell").count() == len(izmir_plan.children("2.1"))
    assert "Expected" in other.locator(".headline").inner_text()
    other.close()


def test_map_draws_all_30_districts_offline_and_a_click_opens_the_district(
    page, live_server, requests_seen, errors, screenshot, shared_dir: Path
):
    open_page(page, f"{live_server}/{IZMIR}/districts", "[data-map=geo]")
    page.wait_for_function("document.querySelectorAll('#district-map path.choroplethlocation').length === 30")
    assert "OpenStreetMap" in page.locator("[data-attribution=geo]").inner_text()
    screenshot(page, "03-districts-geographic")
    largest = page.locator("#district-map path.choroplethlocation").evaluate_all(
        "els => els.map(e => { const b = e.getBBox(); return b.width * b.height; })"
    )
    target = page.locator("#district-map path.choroplethlocation").nth(largest.index(max(largest)))
    target.click(force=True)
    page.wait_for_url(re.compile(rf"/{IZMIR}/district/\d+"))
    page.wait_for_selector("[data-section=scorecard]")
    code = page.url.rsplit("/", 1)[-1].split("?")[0]
    assert page.locator(f"[data-district='{code}']").count() == 1
    screenshot(page, "04-district")


def test_tile_map_draws_every_district_and_answers_clicks(page, live_server, requests_seen, errors, screenshot):
    open_page(page, f"{live_server}/{IZMIR}/districts?map=tiles&lang=en", "[data-map=tiles]")
    page.wait_for_function("document.querySelectorAll('#district-map .scatterlayer .point').length === 30")
    screenshot(page, "05-districts-tiles")
    page.locator("#district-map .scatterlayer .point").first.click(force=True)
    page.wait_for_url(re.compile(rf"/{IZMIR}/district/\d+\?lang=en"))
    page.wait_for_selector("[data-section=scorecard]")


def test_keyboard_reaches_a_goal_and_opens_it(page, live_server, requests_seen, errors, screenshot):
    open_page(page, f"{live_server}/{IZMIR}", ".goal-tile-cell")
    page.locator(".goal-tile").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{IZMIR}/node/"))
    page.wait_for_selector("[data-section=indicators]")
    assert page.locator(".indicator-card").count() >= 1
    page.locator(".why-panel summary").first.press("Enter")
    assert page.locator(".why-panel[open]").count() == 1
    screenshot(page, "06-goal")


def test_links_in_server_written_parts_stay_in_the_app(page, live_server, requests_seen, errors):
    """The goal tiles and tables come as HTML the server wrote (dashboard/components/markup.py): their
    links open the page in the app, without reloading it, and the browser's Back comes back."""
    open_page(page, f"{live_server}/{IZMIR}", ".goal-tile-cell")
    assert page.locator(".markup a.goal-tile[data-app-link]").count() == 73
    page.evaluate("window.__sameDocument = true")
    page.locator("a.goal-tile").nth(4).click()
    page.wait_for_url(re.compile(rf"/{IZMIR}/node/"))
    page.wait_for_selector("[data-section=indicators]")
    assert page.evaluate("window.__sameDocument === true"), "the tile's link reloaded the page"
    # a link in a server-written table (the goal's indicators) too
    page.go_back()
    page.wait_for_url(re.compile(rf"/{IZMIR}$"))
    page.wait_for_selector(".goal-tile-cell")
    assert page.evaluate("window.__sameDocument === true")
    page.goto(f"{live_server}/{IZMIR}/district/1128")
    page.wait_for_selector(".scorecard-table a[data-app-link]")
    page.evaluate("window.__sameDocument = true")
    page.locator(".scorecard-table a[data-app-link]").first.click()
    page.wait_for_url(re.compile(rf"/{IZMIR}/node/.*district=1128"))
    assert page.evaluate("window.__sameDocument === true"), "the scorecard's link reloaded the page"


def test_the_layout_is_asked_once_while_the_scripts_load(page, live_server, requests_seen, errors):
    """The document preloads Dash's layout and callback list (dashboard/app.py): the renderer takes those
    answers rather than asking again, so each is requested once, and the layout before the scripts ran."""
    open_page(page, f"{live_server}/{IZMIR}/monitoring", ".monitoring-table")
    for route in ("_dash-layout", "_dash-dependencies"):
        assert page.locator(f'link[rel=preload][href$="{route}"]').count() == 1, route
        assert sum(urlparse(url).path.endswith(route) for url in requests_seen) == 1, route


PAGES = [
    ("07-axis", f"/{IZMIR}/node/1", "[data-section=children]"),
    ("08-priority-district", f"/{IZMIR}/node/2.1?district=1128", "[data-section=children]"),
    ("09-indicator-chart", f"/{IZMIR}/indicator/1.1.2.2", "[data-section=breakdown] .league-table tbody tr"),
    ("10-indicator-table", f"/{IZMIR}/indicator/1.1.2.2?view=table", ".yearly-table"),
    ("11-indicator-map", f"/{IZMIR}/indicator/1.1.2.2?view=map&show=realization", "#district-map .main-svg"),
    ("11b-indicator-map-2018", f"/{IZMIR}/indicator/1.1.2.2?view=map&year=2018&map=tiles", "#district-map .main-svg"),
    ("12-equity", f"/{IZMIR}/districts?indicator=1.1.2.2&show=value", ".spread-verdict"),
    ("13-search", f"/{IZMIR}/search?q=izmir", ".search-results"),
    ("14-balikesir-overview", f"/{BALIKESIR}?lang=en", ".goal-tile-cell"),
    ("15-balikesir-districts", f"/{BALIKESIR}/districts?indicator=1.1.1", "[data-section=regions]"),
    ("16-not-found", f"/{IZMIR}/node/99.99", "[data-view=not-found]"),
    ("17-overview-english", f"/{IZMIR}?lang=en", ".goal-tile-cell"),
]


@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[name for name, _, _ in PAGES])
def test_every_page_renders(page, live_server, requests_seen, errors, screenshot, name, path, ready):
    open_page(page, live_server + path, ready)
    assert page.locator(".error-view").count() == 0
    assert "Traceback" not in page.content()
    screenshot(page, name)


def test_plan_switcher_keeps_plans_apart(page, live_server, balikesir_plan: Plan, requests_seen, errors):
    open_page(page, f"{live_server}/{IZMIR}/districts", "#plan-switcher")
    page.select_option("#plan-switcher", BALIKESIR)
    page.wait_for_url(re.compile(rf"/{BALIKESIR}$"))
    page.wait_for_function(f"document.querySelectorAll('[data-root]').length === {len(balikesir_plan.roots())}")
    assert page.locator(".goal-tile-cell").count() == len(balikesir_plan.goals())


def test_a_load_appears_without_a_reload(
    page, live_server, data_dir: Path, izmir_plan: Plan, requests_seen, errors, screenshot
):
    indicator = next(
        i
        for i in izmir_plan.indicators.values()
        if i.level == "province"
        and i.frequency == "yearly"
        and i.direction == "increase"
        and i.measure == "level"
        and i.goal_code.startswith("3.")
    )
    open_page(page, f"{live_server}/{IZMIR}/indicator/{indicator.code}", ".headline")
    run_before = page.locator(".data-badge").get_attribute("data-run")
    page.evaluate("window.__not_reloaded = true")
    rows = pd.DataFrame(
        [
            {
                "plan_code": IZMIR,
                "indicator_code": indicator.code,
                "area_level": "province",
                "area_code": izmir_plan.province_code,
                "period": str(year),
                "value": indicator.target.value * 1.1,
            }
            for year in (2024, 2025)
        ]
    )
    # the session's warehouse is shared by every test folder: load as the demo source, as the rest of it is
    load_rows(data_dir, [izmir_plan], rows, source_id="demo", is_demo=True)
    page.wait_for_selector(".headline .status-achieved", timeout=30_000)
    page.wait_for_function(f"document.querySelector('.data-badge').dataset.run !== '{run_before}'", timeout=30_000)
    assert page.evaluate("window.__not_reloaded") is True
    screenshot(page, "18-after-live-load")
