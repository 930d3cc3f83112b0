"""Every chart on every page type of both plans has a text alternative in the page's language: a
sentence that describes the figure (aria-describedby) and a table whose figures are the chart's own
data, compared point by point with what Plotly drew (real Chromium). And no page shows a figure of
more decimals than any rounding rule gives."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from dashboard.i18n import t
from tests.support import navigation
from tests.support.dashboard_app import BALIKESIR, IZMIR

pytestmark = pytest.mark.browser

#: every page type that draws a chart, in both plans and both languages (a past year, realization on
#: the map and the tile map included: they draw other traces)
PAGES = [
    f"/{IZMIR}",
    f"/{IZMIR}/node/1?lang=en",
    f"/{IZMIR}/node/1.1.2",
    f"/{IZMIR}/indicator/1.1.2.2?lang=en",
    f"/{IZMIR}/indicator/1.1.2.2?view=map",
    f"/{IZMIR}/indicator/1.1.2.2?view=map&map=tiles&show=realization&lang=en",
    f"/{IZMIR}/districts?indicator=1.1.2.2",
    f"/{IZMIR}/districts?goal=1.1.2&lang=en",
    f"/{IZMIR}/districts?indicator=1.1.2.2&year=2018&show=realization",
    f"/{BALIKESIR}?lang=en",
    f"/{BALIKESIR}/node/1.1",
    f"/{BALIKESIR}/indicator/1.1.1?lang=en",
    f"/{BALIKESIR}/districts?level=region",
    f"/{BALIKESIR}/districts?level=region&indicator=1.1.1&map=tiles&lang=en",
    f"/{BALIKESIR}/districts?region=korfez&indicator=1.1.1",
]
#: pages without a chart, whose figures are checked for their decimals too
OTHER_PAGES = [
    f"/{IZMIR}/indicator/1.1.2.2?view=table",
    f"/{IZMIR}/district/1128",
    f"/{IZMIR}/monitoring",
    f"/{BALIKESIR}/district/1161?lang=en",
    f"/{BALIKESIR}/monitoring?lang=en",
]

#: what the page hands over: every graph, whether it sits in a described <figure>, the drawn traces
#: (Plotly's full data: typed arrays as plain lists) and the table beside it
READ_CHARTS = """() => {
  const plain = v => (v && typeof v === 'object' && 'length' in v) ? Array.from(v, plain) : v;
  const graphs = [...document.querySelectorAll('.js-plotly-plot')];
  return graphs.map(graph => {
    const figure = graph.closest('figure.chart');
    const summaryId = figure ? figure.getAttribute('aria-describedby') : null;
    const summary = summaryId ? document.getElementById(summaryId) : null;
    const table = figure ? figure.querySelector('table.chart-data') : null;
    const heads = table ? [...table.querySelectorAll('thead th')] : [];
    return {
      chart: figure ? figure.getAttribute('data-chart') : null,
      summary: summary ? summary.textContent : null,
      toggle: figure && figure.querySelector('details > summary')
        ? figure.querySelector('details > summary').textContent : null,
      columns: heads.map(th => ({trace: th.dataset.trace || null, axis: th.dataset.axis || null})),
      rows: table ? [...table.querySelectorAll('tbody tr')].map(tr => ({
        key: tr.dataset.point, cells: [...tr.children].map(cell => cell.textContent)})) : [],
      traces: (graph._fullData || []).map(trace => ({
        uid: trace.uid, type: trace.type, x: plain(trace.x), y: plain(trace.y), z: plain(trace.z),
        ids: plain(trace.ids), locations: plain(trace.locations), customdata: plain(trace.customdata),
        marker_color: trace.marker ? plain(trace.marker.color) : null,
      })),
    };
  });
}"""

#: the page's text outside scripts and styles (closed folds and visually hidden text included)
PAGE_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: node =>
    node.parentElement.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const parts = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent);
  return parts.join(' ');
}"""

NUMBER = re.compile(r"-?\d[\d.,]*")
#: a figure of more than three decimals (not a date's 04.12.2026, not a code's 1.1.2.2)
LONG_FIGURE = re.compile(r"(?<![\d.,])\d+[.,]\d{4,}(?!\d)")


def open_page(page: Any, url: str) -> None:
    """``url`` with its callbacks answered and every chart drawn (scrolled to: a chart is drawn when it
    comes near the view)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    navigation.draw_every_chart(page)


def parse(cell: str, lang: str) -> tuple[float, int] | None:
    """A cell's number and its decimals ('%62,3' → (62.3, 1) in Turkish, '1,234' → (1234.0, 0) in English)."""
    match = NUMBER.search(cell.replace("−", "-"))
    if not match:
        return None
    group, decimal = (".", ",") if lang == "tr" else (",", ".")
    text = match.group().replace(group, "")
    decimals = len(text.split(decimal)[1]) if decimal in text else 0
    return float(text.replace(decimal, ".")), decimals


def points(trace: dict[str, Any], axis: str) -> list[tuple[str, Any]]:
    """(key, value) of every point of a trace: the key is its customdata[0], else its location, else its x."""
    values = trace["marker_color"] if axis == "marker.color" else trace[axis]
    if trace["customdata"]:
        keys = [row[0] for row in trace["customdata"]]
    elif trace["locations"]:
        keys = trace["locations"]
    else:
        keys = trace["x"]
    return [(key_text(key), value) for key, value in zip(keys, values, strict=True)]


def key_text(key: Any) -> str:
    return str(int(key)) if isinstance(key, float) and key.is_integer() else str(key)


def check_chart(chart: dict[str, Any], lang: str) -> int:
    """Every drawn value of every traced column in its row and column, to the cell's rounding; every
    sunburst node a row. Returns how many values were compared."""
    assert chart["chart"], "a graph outside the chart wrapper"
    assert chart["summary"] and chart["summary"].strip(), chart["chart"]
    if not chart["rows"]:  # nothing drawn: the figure and its sentence say so
        assert chart["summary"] in (t("no_data", lang), t("spread_unknown", lang)), chart
        return 0
    assert chart["toggle"] == t("chart.show_table", lang)
    rows: dict[str, list[list[str]]] = {}
    for row in chart["rows"]:
        rows.setdefault(row["key"], []).append(row["cells"])
    traces = {trace["uid"]: trace for trace in chart["traces"]}
    compared = 0
    for index, column in enumerate(chart["columns"]):
        if not column["trace"]:
            continue
        trace = traces[column["trace"]]
        for key, value in points(trace, column["axis"]):
            assert key in rows, (chart["chart"], column, key)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            for cells in rows[key]:
                parsed = parse(cells[index], lang)
                assert parsed is not None, (chart["chart"], key, cells)
                shown, decimals = parsed
                assert abs(shown - value) <= 0.5 * 10**-decimals + 1e-9, (chart["chart"], key, cells[index], value)
                compared += 1
    for trace in chart["traces"]:
        if trace["type"] == "sunburst":
            assert set(trace["ids"]) == set(rows), chart["chart"]
            compared += len(trace["ids"])
    assert compared, f"nothing of {chart['chart']} was compared"
    return compared


def test_every_chart_has_a_text_alternative_that_matches_its_data(browser, live_server):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        seen: dict[str, int] = {}
        for path in PAGES:
            lang = "en" if "lang=en" in path else "tr"
            open_page(page, f"{live_server}{path}")
            charts = page.evaluate(READ_CHARTS)
            assert charts, f"{path}: no chart"
            for chart in charts:
                seen[f"{path} {chart['chart']}"] = check_chart(chart, lang)
        kinds = {name.rsplit(" ", 1)[1].split("-")[0] for name in seen}
        assert kinds >= {"realization", "hierarchy", "indicator", "map", "league", "spread"}, kinds
        assert len(seen) >= 30 and sum(seen.values()) > 500, seen  # 33 charts, 844 values on the demo data
    finally:
        context.close()


def test_the_fold_opens_the_table_and_screen_readers_get_the_sentence(browser, live_server):
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        open_page(page, f"{live_server}/{IZMIR}/indicator/1.1.2.2?lang=en")
        figure = page.locator("figure.chart").first
        table = figure.locator("table.chart-data")
        assert not table.is_visible()
        figure.locator("summary", has_text="Show as table").click()
        assert table.is_visible()
        assert table.locator("tbody tr").count() > 5
        # what Chromium hands to a screen reader: the figure's accessible description is the sentence
        session = context.new_cdp_session(page)
        document = session.send("DOM.getDocument")
        node = session.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "figure.chart"})
        tree = session.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
        (described,) = [item for item in tree["nodes"] if item.get("role", {}).get("value") == "figure"]
        assert described["description"]["value"].startswith("Actual values (2"), described
    finally:
        context.close()


def test_no_page_shows_more_decimals_than_its_rounding(browser, live_server):
    """No figure of 14 decimals (82,77725371634489) anywhere on a page, hidden text included."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        long_figures = {}
        for path in [*PAGES, *OTHER_PAGES]:
            open_page(page, f"{live_server}{path}")
            for details in page.locator("details").all():  # open every fold: its text as people see it
                details.evaluate("element => element.open = true")
            found = LONG_FIGURE.findall(page.evaluate(PAGE_TEXT))
            if found:
                long_figures[path] = found[:5]
        assert not long_figures, long_figures
    finally:
        context.close()
