"""Every page type of both plans fits a phone (390 px) and a laptop (1024 px) without scrolling
sideways, and on a phone the header's menu opens behind one button (real Chromium)."""

from __future__ import annotations

import pytest

from tests.support.dashboard_app import BALIKESIR, IZMIR

pytestmark = pytest.mark.browser

PAGES = [
    f"/{IZMIR}",
    f"/{IZMIR}/node/1",
    f"/{IZMIR}/node/1.1.1",
    f"/{IZMIR}/indicator/1.1.2.2?view=map",
    f"/{IZMIR}/indicator/1.1.2.2?view=table",
    f"/{IZMIR}/districts?indicator=1.1.2.2",
    f"/{IZMIR}/district/1128",
    f"/{IZMIR}/monitoring",
    f"/{IZMIR}/extract",
    f"/{IZMIR}/search?q=izmir",
    f"/{BALIKESIR}",
    f"/{BALIKESIR}/districts?level=region",
    f"/{BALIKESIR}/districts?region=korfez",
    f"/{BALIKESIR}/district/1161?lang=en",
    "/no-such-plan",
]


@pytest.mark.parametrize("width", [390, 1024])
def test_every_page_fits_the_screen(browser, live_server, width):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        wide = []
        for path in PAGES:
            page.goto(f"{live_server}{path}")
            page.wait_for_load_state("networkidle")  # the layout, its callbacks and the charts
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide.append((path, scroll_width))
        assert not wide, f"wider than {width} px: {wide}"
    finally:
        context.close()


def test_the_phone_header_opens_its_menu(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # under the real CSP
    page = context.new_page()
    try:
        page.goto(f"{live_server}/{IZMIR}/node/1.1.1")
        page.wait_for_selector("[data-page]")
        assert not page.is_visible("#search-input")
        header = page.locator(".app-navbar").bounding_box()
        assert header is not None and header["height"] < 844 / 6  # not a third of the screen
        page.click("#nav-toggle")
        page.wait_for_selector("#search-input", state="visible")
        assert page.get_attribute("#nav-toggle", "aria-expanded") == "true"
        page.click("#nav-toggle")
        page.wait_for_selector("#search-input", state="hidden")
    finally:
        context.close()


#: where the keyboard's focus is: in a chart's toolbar, or past the page's first chart
TAB_STOP = """() => { const active = document.activeElement; const chart = document.querySelector('.js-plotly-plot');
  return {inToolbar: !!(active && active.closest('.modebar')), tag: active && active.tagName,
          afterChart: !!(active && chart && (chart.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING))}; }"""


def test_the_chart_toolbar_keeps_to_image_and_reset_in_the_pages_language(browser, live_server):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for lang, save in (("tr", "Grafiği PNG olarak indir"), ("en", "Download plot as a PNG")):
            page.goto(f"{live_server}/{IZMIR}/node/1.1?lang={lang}")
            page.wait_for_load_state("networkidle")
            page.hover(".js-plotly-plot")
            titles = page.eval_on_selector_all(
                ".modebar-btn", "buttons => buttons.map(b => b.getAttribute('data-title'))"
            )
            assert save in titles, titles
            assert not any("Chart Studio" in (title or "") or "cloud" in (title or "").lower() for title in titles)
            assert not any(title and ("Zoom" in title or "Pan" in title) for title in titles), titles
        # out of the keyboard path: tabbing from the top of the page passes the first chart without once
        # stopping in its toolbar (a mouse's tool; the chart's data is in its table for the keyboard)
        page.keyboard.press("Escape")
        page.mouse.move(0, 0)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for _ in range(150):
            page.keyboard.press("Tab")
            where = page.evaluate(TAB_STOP)
            assert not where["inToolbar"], where
            if where["afterChart"]:
                break
        else:
            raise AssertionError("150 tab stops did not pass the first chart")
    finally:
        context.close()


def test_titles_name_the_page_and_navigation_focuses_its_heading(browser, live_server):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/{IZMIR}/node/1.1.1")
        page.wait_for_load_state("networkidle")
        page.wait_for_function("document.title.startsWith('Hedef 1.1.1')")
        assert page.title() == "Hedef 1.1.1 · 2014-2023 İzmir Bölge Planı · Gösterge"
        page.click(".breadcrumb a:has-text('Stratejik öncelik 1.1')")
        page.wait_for_function("document.title.startsWith('Stratejik öncelik 1.1')")
        page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
        page.goto(f"{live_server}/{BALIKESIR}/district/1161?lang=en")
        page.wait_for_load_state("networkidle")
        page.wait_for_function("document.title.includes('Balıkesir')")
        assert page.title().startswith("Ayvalık · ") and page.title().endswith(" · Gösterge")
    finally:
        context.close()
