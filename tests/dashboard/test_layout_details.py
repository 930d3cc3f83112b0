"""Details of the layout found by the screenshot sweep, measured in real Chromium: the header keeps to
one row on a laptop, the phone's charts keep to their room, the region page's figures and headings."""

from __future__ import annotations

import re

import pytest

from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.navigation import draw_every_chart

pytestmark = pytest.mark.browser

#: the header's items (the menu's own items: it is display: contents on a wide screen), as drawn
HEADER_ITEMS = """() => {
  const items = [...document.querySelectorAll(
    '.app-navbar > *:not(.nav-menu), .nav-menu > *')].filter(e => e.offsetParent !== null);
  return items.map(e => { const b = e.getBoundingClientRect();
    return {name: e.className || e.id, top: b.top, bottom: b.bottom, right: b.right}; });
}"""

#: whether the search box's placeholder fits in the box: typed in as its value (in the box's own font,
#: with the box's clear button beside it), it does not scroll
PLACEHOLDER_FITS = """() => {
  const input = document.querySelector('#search-input'); input.value = input.placeholder;
  const fits = [input.scrollWidth, input.clientWidth]; input.value = ''; return fits;
}"""


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_header_keeps_to_one_row_on_a_laptop(browser, live_server, width, screenshot):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for plan, full_name in (
            (BALIKESIR, "Balıkesir Büyükşehir Belediyesi 2020-2024 Stratejik Planı"),
            (IZMIR, "2014-2023 İzmir Bölge Planı"),
        ):
            for lang in ("tr", "en"):
                page.goto(f"{live_server}/{plan}?lang={lang}")
                page.wait_for_selector(".data-badge")
                page.wait_for_load_state("networkidle")
                items = page.evaluate(HEADER_ITEMS)
                # one row: every item overlaps every other vertically, and none sticks out on the right
                assert max(item["top"] for item in items) < min(item["bottom"] for item in items), (plan, lang, items)
                assert max(item["right"] for item in items) <= width, (plan, lang, items)
                text, room = page.evaluate(PLACEHOLDER_FITS)
                assert text <= room, (plan, lang, page.get_attribute("#search-input", "placeholder"), text, room)
                if lang == "tr":
                    # the plan's name whole, or cut short with the whole name in its tooltip and read aloud
                    shown = page.locator("#plan-switcher").evaluate("s => s.options[s.selectedIndex].text")
                    assert shown == full_name or (
                        page.locator(".plan-switcher-item").get_attribute("title") == full_name
                        and page.locator("label[for=plan-switcher]").text_content() == f"Plan: {full_name}"
                    ), shown
            screenshot(page, f"header-{plan}-{width}")
    finally:
        context.close()


def test_the_region_headline_rounds_as_the_rest_of_the_product(page, live_server):
    """Values at the indicator's precision (one decimal for these), percentages with one decimal."""
    for indicator, show in (("1.2.1", "value"), ("1.1.1", "value"), ("1.1.1", "realization")):
        page.goto(f"{live_server}/{BALIKESIR}/districts?region=korfez&indicator={indicator}&show={show}")
        page.wait_for_selector(".region-summary")
        text = page.inner_text(".region-summary")
        assert re.search(r"\d", text)
        assert not re.search(r"\d,\d\d", text), (indicator, show, text)
    # the province's figure and the districts' count sit in the headline's panel, not loose under it
    assert page.eval_on_selector(".region-summary", "box => getComputedStyle(box).borderTopWidth") == "1px"


def visible_headings(page) -> list[str]:
    return page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4, main caption",
        "els => els.filter(e => e.offsetParent !== null && getComputedStyle(e).position !== 'absolute')"
        ".map(e => e.innerText.trim())",
    )


@pytest.mark.parametrize(
    "path",
    [
        f"/{BALIKESIR}/districts?region=korfez",
        f"/{BALIKESIR}/districts?region=korfez&indicator=1.1.1",
        f"/{BALIKESIR}/districts?level=region",
        f"/{IZMIR}/districts",
        f"/{IZMIR}/districts?indicator=1.1.2.2",
    ],
)
def test_one_heading_per_section(page, live_server, path):
    page.goto(f"{live_server}{path}")
    page.wait_for_selector("[data-section=equity]")
    page.wait_for_load_state("networkidle")
    headings = visible_headings(page)
    assert len(headings) == len(set(headings)), headings


LEAGUE_BARS = "() => { const graph = document.querySelector('#league-chart .js-plotly-plot'); return Array.from(graph._fullData[0].x); }"


@pytest.mark.parametrize(
    "path",
    [
        f"/{IZMIR}/districts?indicator=1.1.2.2",
        f"/{IZMIR}/districts?indicator=1.1.2.2&show=value",
        f"/{BALIKESIR}/districts?region=guney&indicator=1.1.1",
        f"/{BALIKESIR}/districts?region=guney&indicator=1.1.1&show=value",
        f"/{BALIKESIR}/districts?level=region&indicator=1.1.1",
        f"/{IZMIR}/districts?indicator=2.1.2.1&show=value",
    ],
)
def test_the_league_chart_is_ordered_by_what_its_bars_show(page, live_server, path):
    """Best first by the bars' own measure (a decreasing indicator's values: smallest first), and the
    heading says which."""
    page.goto(f"{live_server}{path}")
    page.wait_for_selector("#league-chart .js-plotly-plot")
    page.wait_for_load_state("networkidle")
    bars = [bar for bar in page.evaluate(LEAGUE_BARS) if bar is not None]
    assert len(bars) > 2
    best_first = sorted(bars, reverse="2.1.2.1" not in path or "show=value" not in path)
    assert bars == best_first, bars
    heading = page.inner_text("[data-section=league-chart] h2")
    assert ("değere göre" if "show=value" in path else "gerçekleşmeye göre") in heading, heading


#: the rows of a chart's legend (its entries' distinct places down: translate(x,y)) and their texts
LEGEND = """figure => { const entries = [...figure.querySelectorAll('.legend .traces')];
  const rows = new Set(entries.map(e => e.getAttribute('transform').split(',')[1]));
  return [rows.size, entries.map(e => e.textContent)]; }"""


@pytest.mark.parametrize(
    ("path", "entries"),
    [
        (f"/{IZMIR}/indicator/1.1.2.2", ["Beklenen yol", "Gerçekleşen", "Başlangıç", "Hedef değer"]),
        (f"/{IZMIR}/indicator/1.1.2.2?lang=en", ["Expected path", "Actual", "Baseline", "Target"]),
        (
            f"/{BALIKESIR}/indicator/1.1.1",
            ["Beklenen yol", "Gerçekleşen", "Başlangıç", "Hedef değer", "Mevcut hızla öngörü"],
        ),
    ],
)
def test_the_indicator_charts_legend_keeps_to_few_rows_on_a_phone(browser, live_server, path, entries):
    """Two entries a row at 390 px (it took one a row: four or five rows over the chart), all of them."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server}{path}")
        page.wait_for_selector("figure.chart")
        draw_every_chart(page)  # charts are drawn as they come near the view
        page.wait_for_selector("[data-chart^=indicator] .legend .traces")
        page.wait_for_load_state("networkidle")
        rows, texts = page.eval_on_selector("[data-chart^=indicator]", LEGEND)
        assert texts == entries
        assert rows <= (len(entries) + 1) // 2, (rows, texts)
    finally:
        context.close()


#: the sunburst's box and the rings drawn in it (heights in px)
SUNBURST = """graph => [graph.getBoundingClientRect().height,
  graph.querySelector('.sunburstlayer').getBoundingClientRect().height]"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_sunburst_fills_its_box(browser, live_server, width):
    """No band of empty space above and below the rings on a phone (the box was 460 px high for rings
    of the screen's width, about 300 px)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        for plan in (IZMIR, BALIKESIR):
            page.goto(f"{live_server}/{plan}")
            page.wait_for_selector("figure.chart")
            draw_every_chart(page)  # the sunburst is below the fold: drawn when scrolled to
            page.wait_for_selector("#hierarchy-sunburst .sunburstlayer path")
            page.wait_for_load_state("networkidle")
            box, rings = page.eval_on_selector("#hierarchy-sunburst .js-plotly-plot", SUNBURST)
            assert rings > min(width - 120, 400), (plan, box, rings)
            assert box - rings < 40, (plan, box, rings)
    finally:
        context.close()


@pytest.mark.parametrize("plan", [IZMIR, BALIKESIR])
def test_the_status_counts_are_a_list_on_a_phone(browser, live_server, plan, screenshot):
    """Nine status columns do not fit 390 px (the table scrolled sideways, 1,305 px wide for Balıkesir's
    aims): on a phone each top-level node's row lists the statuses it has, each named in its cell; on a
    laptop it stays a table."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/{plan}")
        page.wait_for_selector(".status-counts")
        page.locator("[data-section=counts]").scroll_into_view_if_needed()
        room, width = page.evaluate(
            "() => { const box = document.querySelector('.status-counts').parentElement;"
            " return [box.clientWidth, box.scrollWidth]; }"
        )
        assert width <= room, (room, width)
        shown = page.evaluate(
            """() => [...document.querySelectorAll('.status-counts tbody tr')].map(row =>
                 [...row.querySelectorAll('td')].filter(cell => cell.offsetParent !== null).map(cell =>
                   [getComputedStyle(cell, '::before').content, cell.classList.contains('zero')]))"""
        )
        assert shown and all(cells for cells in shown)  # every row shows at least its total
        assert all(label not in ("none", '""') and not zero for cells in shown for label, zero in cells)
        screenshot(page, f"status-counts-phone-{plan}")
        page.set_viewport_size({"width": 1280, "height": 900})
        assert page.locator(".status-counts thead th").first.is_visible()
    finally:
        context.close()
