"""The whole round in the system Chromium: a unit enters values (one below its path, so the explanation is
required), uploads the template with a bad row (shown by row, nothing submitted) and then a good one; a
reviewer returns an entry with a comment, the unit corrects it, the reviewer approves it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from operations.entries import APPROVED, SUBMITTED, history, list_entries
from tests.entries.conftest import APP_PASSWORD, BALIKESIR
from tests.support.axe import axe_context, axe_script, serious_findings
from tests.support.dashboard_app import page_under_served_csp

pytestmark = pytest.mark.browser

TIMEOUT = 20_000
RATE = "article[data-entry='1.1.4|province|10']"  # requests met within the year, %: 90 by 2024
BRIDGES = "article[data-entry='1.1.3|province|10']"  # bridges and culverts built, count


@pytest.fixture
def browser_page(browser, browser_context_args) -> Iterator[Any]:
    """A page in a fresh context under the served Content-Security-Policy, failing on any script error."""
    with page_under_served_csp(browser, browser_context_args, TIMEOUT, accept_downloads=True) as page:
        yield page


def sign_in(page: Any, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/sign-in?next={next_path}")
    page.fill("#username", username)
    page.fill("#password", APP_PASSWORD)
    page.click("#sign-in-submit")
    # the form's answer loads the next page afresh: wait for it, and for Dash's page shown (dash_page_shown)
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(next_path).path)


def fill_row(page: Any, card: str, value: str, reason: str = "", measures: str = "") -> None:
    page.locator(f"{card} input").nth(0).fill(value)
    page.locator(f"{card} textarea").nth(0).fill(reason)
    page.locator(f"{card} textarea").nth(1).fill(measures)


def filled_template(page: Any, bridges: str, tmp_path: Path) -> Path:
    """The template downloaded from the page, with 1.1.3 = ``bridges`` and 1.1.2 = 120.000 m² entered
    (each with the explanation a value below its path needs)."""
    with page.expect_download() as waiting:
        page.click("#entry-template")
    workbook = load_workbook(io.BytesIO(Path(waiting.value.path()).read_bytes()))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in ("1.1.2", "1.1.3"):
            row[9].value = bridges if row[0].value == "1.1.3" else 120000
            row[10].value = "Hakediş raporları"
            row[11].value = "Ödenek gecikti"
            row[12].value = "İhaleler ilk çeyreğe alındı"
    path = tmp_path / "girisler.xlsx"  # the same name twice: a corrected file uploads again
    workbook.save(path)
    return path


def test_enter_upload_return_correct_approve(
    browser_page,
    browser,
    browser_context_args,
    live_server,
    entry_accounts,
    open_period,
    app_context,
    screenshot,
    tmp_path,
):
    page = browser_page
    database = app_context.database
    sign_in(page, live_server, "birim", f"/{BALIKESIR}/entry")
    page.wait_for_selector(RATE)
    fill_row(page, RATE, "85")  # below the expected 90: the reason and the measures become required
    page.wait_for_selector(f"{RATE} .entry-problem:has-text('sapma nedeni ve alınacak önlemler zorunlu')")
    page.locator(f"{RATE} button").nth(1).click()
    page.wait_for_selector(f"{RATE} .entry-outcome:has-text('zorunlu')")
    assert list_entries(database, plan_code=BALIKESIR) == []
    fill_row(page, RATE, "85", "Asfalt plenti arızası", "Yedek plent kiralandı")
    page.locator(f"{RATE} button").nth(1).click()
    page.wait_for_selector(f"{RATE} .entry-outcome:has-text('Gönderildi (sürüm 1).')")
    fill_row(page, BRIDGES, "1.234")
    page.wait_for_selector(f"{BRIDGES} .entry-problem:has-text('Belirsiz sayı')")
    screenshot(page, "entries-unit-1280")
    page.set_viewport_size({"width": 390, "height": 900})
    screenshot(page, "entries-unit-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    bad = filled_template(page, "-5", tmp_path)
    page.set_input_files("#entry-upload input[type=file]", str(bad))
    page.wait_for_selector(".entry-upload-problems")
    problems = page.locator(".entry-upload-problems tbody tr")
    assert problems.count() == 1
    assert "en az 0" in problems.nth(0).inner_text()
    assert [entry.indicator_code for entry in list_entries(database, plan_code=BALIKESIR)] == ["1.1.4"]
    good = filled_template(page, "12", tmp_path)
    page.set_input_files("#entry-upload input[type=file]", str(good))
    try:
        page.wait_for_selector("#entry-upload-result:has-text('2 değer gönderildi.')")
    except Exception:
        print(
            "RESULT", page.locator("#entry-upload-result").inner_text(), page.locator("#entry-upload-box").inner_html()
        )
        raise
    entries = {entry.indicator_code: entry for entry in list_entries(database, plan_code=BALIKESIR)}
    assert {code: (entry.status, entry.value) for code, entry in entries.items()} == {
        "1.1.2": (SUBMITTED, 120000.0),
        "1.1.3": (SUBMITTED, 12.0),
        "1.1.4": (SUBMITTED, 85.0),
    }

    reviewer_context = browser.new_context(**{**browser_context_args, "bypass_csp": False})
    reviewer = reviewer_context.new_page()
    reviewer.set_default_timeout(TIMEOUT)
    sign_in(reviewer, live_server, "strateji", f"/{BALIKESIR}/review")
    rate_id = entries["1.1.4"].entry_id
    card = f"article[data-entry-id='{rate_id}']"
    reviewer.wait_for_selector(card)
    assert reviewer.locator("article.entry-card").count() == 3
    reviewer.locator(f"{card} button").nth(1).click()  # return without a comment: refused
    reviewer.wait_for_selector(f"{card}:has-text('Geri göndermek için bir not yazın.')")
    reviewer.locator(f"{card} textarea").fill("Plent arızasının tutanağını ekleyin")
    reviewer.locator(f"{card} button").nth(1).click()
    reviewer.wait_for_selector(f"{card}:has-text('strateji geri gönderdi.')")
    screenshot(reviewer, "entries-review-1280")
    reviewer.set_viewport_size({"width": 390, "height": 900})
    screenshot(reviewer, "entries-review-390")
    reviewer.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server}/{BALIKESIR}/entry")
    page.wait_for_selector(f"{RATE}:has-text('Plent arızasının tutanağını ekleyin')")
    fill_row(page, RATE, "86", "Asfalt plenti arızası (tutanak 2026/14)", "Yedek plent kiralandı")
    page.locator(f"{RATE} button").nth(1).click()
    page.wait_for_selector(f"{RATE} .entry-outcome:has-text('Gönderildi (sürüm 3).')")

    reviewer.goto(f"{live_server}/{BALIKESIR}/review")
    reviewer.wait_for_selector(card)
    reviewer.locator(f"{card} button").nth(0).click()
    reviewer.wait_for_selector(f"{card}:has-text('strateji onayladı.')")
    reviewer.goto(f"{live_server}/{BALIKESIR}/entry/{rate_id}")
    reviewer.wait_for_selector(".entry-history tbody tr >> nth=3")
    screenshot(reviewer, "entries-history-1280")
    reviewer_context.close()
    assert [(version.action, version.actor) for version in history(database, rate_id)] == [
        ("submitted", "birim"),
        ("returned", "strateji"),
        ("submitted", "birim"),
        ("approved", "strateji"),
    ]
    assert list_entries(database, plan_code=BALIKESIR, status=APPROVED)[0].value == 86.0


def test_the_entry_review_and_history_pages_are_accessible(
    browser, browser_context_args, live_server, entry_accounts, open_period, app_context
):
    from operations.accounts import find_user
    from operations.entries import Content, Item, submit
    from operations.entry_scope import EntryArea
    from operations.periods import today_in

    script = axe_script()
    plan = app_context.plans[BALIKESIR]
    unit = find_user(app_context.database, username="birim")
    assert unit is not None
    item = Item("1.1.3", EntryArea("province", "10"), open_period, Content("12", "Hakediş"))
    entry = submit(app_context.database, plan, unit, item, today=today_in(app_context.settings.time_zone))
    findings = {}
    for username, paths in (
        ("birim", [f"/{BALIKESIR}/entry", f"/{BALIKESIR}/entry/{entry.entry_id}?lang=en"]),
        ("strateji", [f"/{BALIKESIR}/review", f"/{BALIKESIR}/review?lang=en"]),
    ):
        with axe_context(browser, **browser_context_args) as context:
            page = context.new_page()
            sign_in(page, live_server, username, paths[0])
            for path in paths:
                page.goto(f"{live_server}{path}")
                page.wait_for_selector(".entry-card, .entry-history")
                page.wait_for_load_state("networkidle")
                found = serious_findings(page, script)
                if found:
                    findings[path] = found
    assert not findings, findings


def test_a_value_submitted_right_after_typing_is_the_value_typed(
    browser_page, live_server, entry_accounts, open_period, app_context
):
    """Typing and clicking "submit" at once sends what was typed: a field that sends its value only
    after a pause (Dash's delayed input) sent the previous value when the click came first (85 was
    approved where 86 had been typed, in CI)."""
    page = browser_page
    sign_in(page, live_server, "birim", f"/{BALIKESIR}/entry")
    page.wait_for_selector(BRIDGES)
    page.locator(f"{BRIDGES} input").nth(0).fill("12")
    page.locator(f"{BRIDGES} button").nth(0).click()  # saved as a draft, no pause between typing and the click
    page.wait_for_selector(f"{BRIDGES} .entry-outcome:has-text('Taslak kaydedildi')")
    page.locator(f"{BRIDGES} input").nth(0).fill("13")
    page.locator(f"{BRIDGES} button").nth(1).click()  # then corrected and submitted at once
    page.wait_for_selector(f"{BRIDGES} .entry-outcome:has-text('Gönderildi')")
    [entry] = list_entries(app_context.database, plan_code=BALIKESIR)
    assert (entry.indicator_code, entry.status, entry.value) == ("1.1.3", SUBMITTED, 13.0)
