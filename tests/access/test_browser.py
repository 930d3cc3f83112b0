"""Signing in and out, refusals, the data-quality page and private mode in the system Chromium.

Each test has a browser context of its own (its own cookies). Every test checks that the page raised
no script error and that the Content-Security-Policy refused nothing (Dash and Plotly work under it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from operations.failed_files import failed_file
from tests.support.accounts import FIXED, IZMIR, PASSWORD, STAFF_SOURCE
from tests.support.dashboard_app import page_under_served_csp

pytestmark = pytest.mark.browser

TIMEOUT = 20_000


@pytest.fixture
def page(browser, browser_context_args) -> Iterator[Any]:
    """A page in a fresh browser context that fails the test on a script error or a CSP refusal."""
    with page_under_served_csp(browser, browser_context_args, TIMEOUT) as page:
        yield page


def sign_in(page: Any, base: str, username: str, lang: str = "tr", next_path: str = f"/{IZMIR}") -> None:
    page.goto(f"{base}/sign-in?lang={lang}&next={next_path}")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#sign-in-submit")
    # the form's answer loads the next page afresh: wait for it, and for Dash's page shown (dash_page_shown)
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(next_path).path)


@pytest.mark.parametrize(
    ("lang", "signed_in", "sign_out", "signed_out"),
    [
        ("tr", "Denetci olarak oturum açık", "Oturumu kapat", "Oturumunuz kapatıldı."),
        ("en", "Signed in as Denetci", "Sign out", "You are signed out."),
    ],
)
def test_sign_in_and_out(page, live_server, staff_accounts, screenshot, lang, signed_in, sign_out, signed_out):
    page.goto(f"{live_server}/sign-in?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    sign_in(page, live_server, "denetci", lang, f"/{IZMIR}?lang={lang}")
    page.wait_for_selector(".goal-tile-cell")
    page.locator("figure[data-chart=hierarchy]").scroll_into_view_if_needed()  # drawn when near the view
    page.wait_for_selector("#hierarchy-sunburst .main-svg")  # Plotly draws under the CSP
    assert page.locator(".account-toggle").get_attribute("aria-label") == signed_in  # the button: the name
    assert not page.locator("#account-sign-out").is_visible()  # in the account menu, closed
    page.click(".account-toggle")
    assert page.locator(".account-name").inner_text() == signed_in
    screenshot(page, f"access-signed-in-{lang}")
    page.keyboard.press("Escape")  # closes as menus do
    assert not page.locator("#account-sign-out").is_visible()
    page.click(".account-toggle")
    page.click("#account-sign-out")
    page.wait_for_selector("#sign-out-submit")
    assert page.locator("h1").inner_text().endswith(sign_out)
    page.click("#sign-out-submit")
    page.wait_for_selector(f"text={signed_out}")
    page.goto(f"{live_server}/{IZMIR}?lang={lang}")
    page.wait_for_selector("#account-sign-in")
    assert page.locator(".account-name").count() == 0


def test_a_wrong_password_is_refused(page, live_server, staff_accounts):
    page.goto(f"{live_server}/sign-in?lang=en")
    page.fill("#username", "denetci")
    page.fill("#password", "not-the-password")
    page.click("#sign-in-submit")
    assert page.locator("#sign-in-error").inner_text() == "Wrong user name or password."


def test_a_viewer_cannot_reach_staff_data(page, live_server, staff_accounts, screenshot):
    sign_in(page, live_server, "izleyici")
    page.wait_for_selector(".goal-tile-cell")
    assert page.locator("#account-quality").count() == 0
    page.goto(f"{live_server}/{IZMIR}/quality")
    page.wait_for_selector("[data-view=refused]")
    assert page.locator("#quality-history").count() == 0
    assert "gözden geçiren" in page.locator("[data-view=refused]").inner_text()
    screenshot(page, "access-viewer-refused")
    page.goto(f"{live_server}/{IZMIR}/extract?level=rejected")
    page.wait_for_selector("[data-view=refused]")
    assert page.request.get(f"{live_server}/export.csv?plan={IZMIR}&level=rejected").status == 403
    crafted = page.evaluate(
        """async (plan) => (await fetch('/_dash-update-component', {method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({output: '..quality-reprocess-outcome.children...quality-reprocess.disabled..',
                inputs: [{id: 'quality-reprocess', property: 'n_clicks', value: 1}],
                state: [{id: 'quality-run', property: 'data', value: {plan: plan, run: 1, lang: 'tr'}}],
                changedPropIds: ['quality-reprocess.n_clicks']})})).status""",
        IZMIR,
    )
    assert crafted == 403


def test_a_reviewer_sees_a_failed_load_and_reruns_it_after_the_fix(
    page, live_server, staff_accounts, staff_loads, app_context, screenshot
):
    from etl.reprocess import process_pending

    sign_in(page, live_server, "denetci")
    page.click(".account-toggle")
    page.click("#account-quality")
    page.wait_for_selector("#quality-history")
    page.wait_for_selector("#quality-sources")
    page.click(f"#quality-history a:text-is('{staff_loads['loaded_run']}')")
    page.wait_for_selector("#quality-rejected")
    assert "9.9.9.9" in page.locator("#quality-rejected").inner_text()
    screenshot(page, "access-quality-rejected")
    failed_run = staff_loads["failed_run"]
    page.goto(f"{live_server}/{IZMIR}/quality?status=failed&lang=en")
    page.click(f"#quality-history a:text-is('{failed_run}')")
    page.wait_for_selector("#quality-report")
    assert "wrong columns" in page.locator("#quality-report").inner_text()
    found = failed_file(app_context.settings.failed_dir, STAFF_SOURCE, failed_run)
    assert found is not None
    found.path.write_text(FIXED, encoding="utf-8")
    page.click("#quality-reprocess")
    page.wait_for_selector("#quality-reprocess-outcome:has-text('waiting for the writer')")
    process_pending(
        app_context.settings, app_context.plans, {STAFF_SOURCE: staff_loads["source"]}, app_context.database
    )
    page.reload()
    outcome = page.locator("#quality-reprocess-outcome")
    outcome.wait_for()
    assert re.match(r"Run again: loaded \(run \d+\)\.", outcome.inner_text())
    screenshot(page, "access-quality-rerun")


def test_private_mode_sends_everyone_to_the_sign_in_page(page, live_server, staff_accounts, private_mode):
    page.goto(f"{live_server}/{IZMIR}")
    page.wait_for_url(re.compile(r"/sign-in\?next="))
    assert "yalnızca oturum açan kullanıcılara" in page.content()
    page.fill("#username", "izleyici")
    page.fill("#password", PASSWORD)
    page.click("#sign-in-submit")
    page.wait_for_url(re.compile(rf"/{IZMIR}$"))
    page.wait_for_selector(".goal-tile-cell")


def test_public_mode_shows_the_dashboard_without_a_sign_in(page, live_server):
    page.goto(f"{live_server}/{IZMIR}")
    page.wait_for_selector(".goal-tile-cell")
    page.wait_for_selector("#account-sign-in")


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        (f"/{IZMIR}/districts", ".js-plotly-plot .main-svg"),
        (f"/{IZMIR}/district/1128", "[data-section=scorecard]"),
        (f"/{IZMIR}/indicator/1.1.1.1", ".js-plotly-plot .main-svg"),
        (f"/{IZMIR}/node/1.1", ".js-plotly-plot .main-svg"),
        (f"/{IZMIR}/monitoring", "table"),
        (f"/{IZMIR}/extract?level=indicators", "table"),
    ],
)
def test_the_pages_work_under_the_content_security_policy(page, live_server, path, ready):
    """No 'unsafe-eval' and no inline script but Dash's own (by hash): the figures, maps and tables
    still draw, and the CSP refuses nothing (the page fixture fails on any refusal)."""
    page.goto(live_server + path)
    page.wait_for_selector(ready, state="attached")
    page.wait_for_timeout(500)  # late chunks (Plotly's locale, the map) load too


def test_reasons_in_the_pages_language_and_a_load_not_published(
    page, live_server, staff_accounts, staff_loads, app_context, screenshot
):
    from etl.jobs import run_source
    from tests.etl.faults import immutable
    from warehouse import Warehouse

    run = staff_loads["loaded_run"]
    sign_in(page, live_server, "denetci", next_path=f"/{IZMIR}/quality?run={run}")
    page.wait_for_selector("#quality-rejected")
    assert f"Bilinmeyen gösterge “9.9.9.9”: {IZMIR} planının" in page.locator("#quality-rejected").inner_text()
    source = staff_loads["source"]
    (source.path / "later.csv").write_text(
        "indicator,district,period,value\n1.1.2.2,Aliağa,2014,570\n1.1.2.2,Aliağa,2031,1\n", encoding="utf-8"
    )
    try:
        with immutable(app_context.settings.published_file):
            (later,) = run_source(app_context.settings, app_context.plans, source)
            assert later.ok and not later.published
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{live_server}/{IZMIR}/quality?lang=en")
            row = page.locator(f"#quality-history tr:has(a:text-is('{later.run_id}'))")
            assert "loaded, not published" in row.inner_text()
            screenshot(page, "access-quality-not-published-1280")
            page.set_viewport_size({"width": 390, "height": 900})
            page.click(f"#quality-history a:text-is('{later.run_id}')")
            page.wait_for_selector("#quality-not-published")
            assert "Operation not permitted" in page.content()
            screenshot(page, "access-quality-not-published-390")
    finally:
        Warehouse(app_context.settings.data_dir).recover()  # publish it and remove the writer's note
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}/{IZMIR}/quality?run={later.run_id}")
    page.wait_for_selector("#quality-rejected")
    assert "2031 dönemi planın yıllarının (2013–2026) dışında." in page.locator("#quality-rejected").inner_text()
    screenshot(page, "access-quality-reasons-tr-1280")
    page.set_viewport_size({"width": 390, "height": 900})
    page.reload()
    page.wait_for_selector("#quality-rejected")
    screenshot(page, "access-quality-reasons-tr-390")


@pytest.mark.parametrize("width", [1024, 1280])
def test_a_signed_in_admins_header_keeps_to_one_row_and_its_menu_opens(
    browser, live_server, staff_accounts, width, screenshot
):
    """An admin has the most links (notifications, review, data quality, users, sign out): in the account
    menu under their name, the header stays one row on a laptop, in both languages."""
    from tests.dashboard.test_layout_details import HEADER_ITEMS

    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, live_server, "yonetici")
        page.wait_for_selector(".account-toggle")
        for lang in ("tr", "en"):
            page.goto(f"{live_server}/{IZMIR}?lang={lang}")
            page.wait_for_selector(".data-badge")
            page.wait_for_load_state("networkidle")
            items = page.evaluate(HEADER_ITEMS)
            assert max(item["top"] for item in items) < min(item["bottom"] for item in items), (lang, items)
            assert max(item["right"] for item in items) <= width, (lang, items)
        page.click(".account-toggle")
        for link in ("#account-entries", "#account-quality", "#account-admin", "#account-sign-out"):
            assert page.locator(link).is_visible(), link
        panel = page.locator(".account-panel").bounding_box()
        assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= width
        screenshot(page, f"access-admin-menu-{width}")
        page.mouse.click(10, 700)  # a click outside closes it
        assert not page.locator("#account-quality").is_visible()
    finally:
        context.close()


def test_the_staff_pages_have_no_serious_accessibility_finding(browser, live_server, staff_accounts):
    """The pages axe-core checks for everyone (tests/dashboard/test_accessibility.py), here for staff:
    the sign-in page, then signed in as an admin the users page, the data-quality, review and
    notifications pages, and the overview with the account menu open."""
    from tests.support.axe import axe_context, axe_script, serious_findings

    script = axe_script()
    with axe_context(browser) as context:
        page = context.new_page()
        findings = {}
        page.goto(f"{live_server}/sign-in")
        findings["/sign-in"] = serious_findings(page, script)
        sign_in(page, live_server, "yonetici")
        page.wait_for_selector(".account-toggle")
        for path in ("/admin/users", f"/{IZMIR}/quality", f"/{IZMIR}/review?lang=en", "/notifications"):
            page.goto(f"{live_server}{path}")
            page.wait_for_load_state("networkidle")
            findings[path] = serious_findings(page, script)
        page.goto(f"{live_server}/{IZMIR}")
        page.wait_for_load_state("networkidle")
        page.click(".account-toggle")
        findings["account menu"] = serious_findings(page, script)
        assert not {path: found for path, found in findings.items() if found}, findings
