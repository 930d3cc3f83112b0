"""The notifications in the system Chromium, under the Content-Security-Policy as served: the header's
count, the page in Turkish and English, marking read, and saving the e-mail preference; screenshots at
1280 and 390 px wide in artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from operations import notices
from operations.notifications import Event, record_events, unread_count
from operations.preferences import get_preference
from tests.alerts.test_page import FAILED, WORSE, reviewer
from tests.support.accounts import IZMIR, PASSWORD
from tests.support.axe import AXE, axe_context, serious_findings
from tests.support.dashboard_app import page_under_served_csp

pytestmark = pytest.mark.browser

TIMEOUT = 20_000
RETURNED = Event(
    "entry_returned:990001:2",
    notices.ENTRY_RETURNED,
    IZMIR,
    {
        "entry": 990001,
        "indicator": "1.1.1.1",
        "area_level": "district",
        "area": "1128",
        "period": "2024",
        "unit": "İZKA",
        "comment": "Kaynak notu eksik",
    },
)


@pytest.fixture
def page(browser, browser_context_args) -> Iterator[Any]:
    """A fresh browser context under the CSP as served; fails the test on a script error or a refusal."""
    with page_under_served_csp(browser, browser_context_args, TIMEOUT) as page:
        yield page


def test_a_reviewer_reads_marks_and_chooses_a_digest(page, live_server, app_context, screenshot, browser_context_args):
    user = reviewer(app_context, "bildirim-browser")
    record_events(
        app_context.database, [(user.user_id, event) for event in (FAILED, WORSE, RETURNED)], mail_enabled=False
    )
    page.goto(f"{live_server}/sign-in?next=/{IZMIR}")
    page.fill("#username", "bildirim-browser")
    page.fill("#password", PASSWORD)
    page.click("#sign-in-submit")
    indicator = page.locator("#notifications-indicator")
    indicator.wait_for()
    assert indicator.get_attribute("data-unread") == "3"
    assert indicator.inner_text().split() == ["Bildirimler", "3"]
    indicator.click()
    page.wait_for_selector("[data-view=notifications] .notification")
    assert page.locator(".notification.unread").count() == 3
    assert "Yolunda → Kötüleşme" in page.locator("[data-kind=goal_worsened]").inner_text()
    assert "Açıklama: Kaynak notu eksik" in page.locator("[data-kind=entry_returned]").inner_text()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"notifications-tr-{width}")
    if AXE.is_file():  # ./dev test installs axe-core; it is injected into a copy of the page without the CSP
        with axe_context(page.context.browser, **browser_context_args) as checked:
            checked.add_cookies(page.context.cookies())
            copy = checked.new_page()
            copy.goto(f"{live_server}/notifications")
            copy.wait_for_selector("[data-view=notifications] .notification")
            assert serious_findings(copy) == []

    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("[data-kind=failed_load] button").click()
    expect(page.locator(".notification.unread")).to_have_count(2)
    expect(page.locator("#notifications-outcome")).to_have_text("1 bildirim okundu olarak işaretlendi.")
    assert indicator.inner_text().split() == ["Bildirimler", "2"]
    page.click("#notifications-all-read")
    expect(page.locator(".notification.unread")).to_have_count(0)
    assert indicator.inner_text().split() == ["Bildirimler"] and unread_count(app_context.database, user.user_id) == 0

    page.fill("#notifications-email", "ali.veli@example.org")
    page.select_option("#notifications-language", "en")
    page.select_option("#notifications-delivery", "digest")
    page.click("#notifications-save")
    expect(page.locator("#notifications-saved")).to_have_text("Tercihleriniz kaydedildi.")
    stored = get_preference(app_context.database, user.user_id)
    assert (stored.email, stored.language, stored.delivery) == ("ali.veli@example.org", "en", "digest")

    page.goto(f"{live_server}/notifications?lang=en")
    page.wait_for_selector("[data-view=notifications] .notification")
    assert (
        "Load failed: tuik-nufus, file nufus.csv (run 990001)" in page.locator("[data-kind=failed_load]").inner_text()
    )
    assert page.locator("#notifications-email").input_value() == "ali.veli@example.org"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"notifications-en-{width}")
