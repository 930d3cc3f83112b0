"""Statuses that agree with their numbers, in the system Chromium: the overview, a node page and a district
page read as an executive reads them (the headline figure, "Beklenen", the status in words), and the
three rules hold on what the browser shows. Screenshots go to artifacts/screenshots/ and /tmp."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.dashboard_app import BALIKESIR, IZMIR

pytestmark = pytest.mark.browser

TIMEOUT = 30_000
SHOTS = Path("/tmp/gosterge-status-screenshots")
PERCENT = re.compile(r"%(-?[\d.]+(?:,\d+)?)")


def percent(text: str) -> float | None:
    """The first Turkish percentage in ``text`` (%79,2 → 79.2); None for '–'."""
    found = PERCENT.search(text)
    return float(found.group(1).replace(".", "").replace(",", ".")) if found else None


def status_of(locator) -> str:
    """The status a badge shows, from its class (status-badge status-<status> status-<size>)."""
    classes = (locator.get_attribute("class") or "").split()
    sizes = {"status-badge", "status-sm", "status-md", "status-lg"}
    return next(name[len("status-") :] for name in classes if name.startswith("status-") and name not in sizes)


def agrees(realization: float | None, expected: float | None, status: str, text: str, how_far: bool = True) -> None:
    """The status never contradicts the numbers beside it; an end result not reached says how far it got
    (``how_far``: where the badge is the only place for it, not on a card whose figure is beside it)."""
    if status == "on_track":
        assert realization is not None and expected is not None and realization >= 0.95 * expected - 0.05, text
    if status == "achieved":
        assert realization is not None and realization >= 99.95, text
    if status == "not_achieved" and how_far:
        assert realization is not None and f"yolun %{round(realization)}" in text, text


def shoot(page, name: str, screenshot) -> None:
    screenshot(page, name)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def headline(page) -> tuple[float | None, float | None, str, str]:
    box = page.locator(".headline").first
    text = box.inner_text()
    value = percent(box.locator(".headline-value").inner_text())
    expected = percent(box.locator(".headline-expected").inner_text())
    return value, expected, status_of(box.locator(".status-badge")), text


@pytest.mark.parametrize(
    ("plan_code", "name"), [(IZMIR, "status-overview-izmir"), (BALIKESIR, "status-overview-balikesir")]
)
def test_overview_headline_agrees_and_explains_itself(page, live_server, plan_code, name, screenshot):
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{live_server}/{plan_code}")
    page.wait_for_selector(".headline .status-badge")
    value, expected, status, text = headline(page)
    agrees(value, expected, status, text)
    assert status != "on_track" or value >= 0.95 * expected
    sentences = page.locator(".why-sentences").first.inner_text()
    assert sentences and "%" in sentences  # built from the numbers, in words
    assert page.locator(".why-panel").first.evaluate("e => e.tagName") == "DETAILS"  # the inputs under a fold
    for card in page.locator("[data-root]").all():
        card_status = status_of(card.locator(".status-badge").first)
        agrees(percent(card.locator(".card-value").inner_text()), None, card_status, card.inner_text(), how_far=False)
    shoot(page, name, screenshot)


def test_node_page_children_agree_with_their_numbers(page, live_server, screenshot):
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{live_server}/{IZMIR}/node/1.1")
    page.wait_for_selector(".children-table tbody tr")
    value, expected, status, text = headline(page)
    agrees(value, expected, status, text)
    for row in page.locator(".children-table tbody tr").all():
        cells = row.locator("td").all()
        realization = percent(cells[2].inner_text())
        agrees(realization, None, status_of(row.locator(".status-badge").first), cells[3].inner_text())
    page.locator(".why-panel summary").first.click()
    assert page.locator(".why-panel[open]").count() == 1
    shoot(page, "status-node-izmir-1.1", screenshot)


def test_district_page_says_what_it_measures(page, live_server, izmir_plan, screenshot):
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{live_server}/{IZMIR}/district/1128")
    page.wait_for_selector(".scorecard-table tbody tr")
    value, expected, status, text = headline(page)
    assert expected is not None  # "Beklenen" is shown, as in the file (it was "–")
    agrees(value, expected, status, text)
    measured = page.locator("[data-measured-goals]").inner_text()
    assert re.fullmatch(r"73 hedeften \d+ tanesi ilçe düzeyinde ölçülüyor", measured)
    not_measured = page.locator(".scorecard-table .status-not_measured")
    assert not_measured.count() > 0
    for row in page.locator(".scorecard-table tbody tr").all():
        badge = row.locator(".status-badge").first
        if status_of(badge) == "not_measured":
            assert percent(row.locator("td").nth(1).inner_text()) is None  # no figure for what is not measured
    shoot(page, "status-district-izmir-aliaga", screenshot)
