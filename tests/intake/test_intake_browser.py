"""The explanations as a person sees them: the monitoring table and the indicator page in Chromium at a
desk's width and a phone's (screenshots in artifacts/screenshots/), nothing fetched off the machine."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from dashboard.context import AppContext, get_context, set_context
from tests.intake.conftest import MEASURES, LoadedEntries
from warehouse import Reader

pytestmark = pytest.mark.browser
WIDTHS = {"desk": 1280, "phone": 390}


@pytest.fixture
def entries_app(loaded_entries: LoadedEntries, app_context: AppContext, live_server: str) -> Iterator[str]:
    """The session's server showing the entries' warehouse (its pages read the context when they render)."""
    reader = Reader(loaded_entries.settings.published_file)
    previous = get_context()
    set_context(AppContext(loaded_entries.settings, loaded_entries.plans, reader))
    try:
        yield live_server
    finally:
        set_context(previous)
        reader.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_explanations_on_the_monitoring_table_and_the_indicator_page(page, entries_app, screenshot, width) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{entries_app}/mini/monitoring?year=2020")
    cell = page.locator('[data-explanation="1.1.1.1"]')
    cell.wait_for()
    assert MEASURES in cell.inner_text()
    assert page.locator("[data-report]").count() == 3
    screenshot(page, f"intake-monitoring-{width}")
    cell.scroll_into_view_if_needed()  # the table scrolls sideways on a phone: its explanation column
    page.screenshot(path=str(screenshot(page, f"intake-monitoring-{width}-explanation")), full_page=False)
    page.goto(f"{entries_app}/mini/indicator/1.1.1.1?lang=en")
    listed = page.locator('[data-section="explanations"]')
    listed.wait_for()
    assert "Measures to be taken" in listed.inner_text() and MEASURES in listed.inner_text()
    screenshot(page, f"intake-indicator-{width}")
    assert not errors, errors
    outside = [url for url in requested if urlparse(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    assert not outside, outside[:5]
