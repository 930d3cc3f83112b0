"""What a page costs to fetch and to draw: static files compressed and cached for a year under versioned
addresses; plotly.js as our own bundle of the trace types the figures use (tools/plotly-bundle), fetched
only by a page that draws a chart; a page's body in the layout response (two sequential requests); a
chart drawn when it comes near the view."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

from gosterge.settings import PROJECT_ROOT
from tests.support import navigation
from tests.support.dashboard_app import BALIKESIR, IZMIR

BUNDLE = "/assets/plotly-gosterge.min.js"
YEAR = "max-age=31536000"
#: the trace classes of plotly.graph_objects, by the name a builder calls them with (go.Scatter …)
TRACE_CLASSES = {
    name: cls.__name__.lower()
    for name, cls in vars(go).items()
    if isinstance(cls, type) and issubclass(cls, BaseTraceType)
}


def static_addresses(client, path: str = f"/{IZMIR}") -> list[str]:
    """The page's scripts and stylesheets, and the plotly.js bundle its meta tag names (not the answers it
    preloads: the layout and the callbacks' list are data, never cached)."""
    html = client.get(path).get_data(as_text=True)
    found = re.findall(r'<(?:script|link)(?![^>]*as="fetch")[^>]+(?:src|href)="(/[^"]+)"', html)
    return found + re.findall(r'<meta name="gosterge-plotly" content="(/[^"]+)"', html)


def test_every_static_file_is_versioned_compressed_and_cached_for_a_year(dash_app):
    client = dash_app.server.test_client()
    addresses = static_addresses(client)
    assert any(address.startswith(BUNDLE + "?m=") for address in addresses), addresses
    # a script of the document only where the page written into it has a chart (dashboard/first_paint.py)
    assert any(address.startswith("/assets/first-paint.js?m=") for address in addresses), addresses
    without_charts = static_addresses(client, f"/{IZMIR}/district/1128")
    assert not any(BUNDLE in address for address in without_charts[:-1]), (
        "the bundle is a script of a page without charts"
    )
    assert any(address.startswith("/vendor/bootstrap.min.css?v=") for address in addresses), addresses
    assert not any("plotly.min.js" in address for address in addresses)
    for address in addresses:
        plain = client.get(address, headers={"Accept-Encoding": ""})
        assert plain.status_code == 200, address
        assert YEAR in plain.headers["Cache-Control"], (address, plain.headers["Cache-Control"])
        for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
            for _ in range(2):  # the second answer comes from the cache of compressed files
                sent = client.get(address, headers={"Accept-Encoding": encoding})
                assert sent.headers.get("Content-Encoding") == encoding, address
                assert YEAR in sent.headers["Cache-Control"]
                assert decompress(sent.data) == plain.data, (address, encoding)
                assert "Accept-Encoding" in sent.headers["Vary"]


def test_the_bundle_is_small_and_its_plotly_version_is_the_one_dash_ships(dash_app):
    client = dash_app.server.test_client()
    address = next(address for address in static_addresses(client) if address.startswith(BUNDLE))
    sent = client.get(address, headers={"Accept-Encoding": "br"})
    assert len(sent.data) < 600 * 1024  # the full plotly.min.js is 4.6 MiB
    head = brotli.decompress(sent.data)[:300].decode()
    assert f"plotly.js {get_plotlyjs_version()} " in head, head


def test_unversioned_addresses_are_revalidated_not_kept(dash_app):
    client = dash_app.server.test_client()
    for address in ("/assets/style.css", "/vendor/bootstrap.min.css", "/vendor/bootstrap.min.css?v=0.0"):
        response = client.get(address, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200
        assert YEAR not in response.headers.get("Cache-Control", ""), address


def test_dash_json_is_compressed(dash_app):
    client = dash_app.server.test_client()
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert layout.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(layout.data).startswith(b"{")
    # it holds the page its Referer names and the user's navigation bar: kept by no cache
    assert "no-store" in layout.headers["Cache-Control"] and "private" in layout.headers["Cache-Control"]
    assert {"Referer", "Cookie"} <= {item.strip() for item in layout.headers["Vary"].split(",")}


def traces_called_in(folder: Path) -> set[str]:
    """The plotly.js trace types the figure builders under ``folder`` create (go.Scatter(…) → scatter)."""
    called = set()
    for source in folder.rglob("*.py"):
        for name in re.findall(r"\bgo\.([A-Z]\w+)\(", source.read_text(encoding="utf-8")):
            if name in TRACE_CLASSES:
                called.add(TRACE_CLASSES[name])
    return called


@pytest.mark.browser
def test_the_bundle_registers_every_trace_type_the_pages_draw(browser, browser_context_args, live_server):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    drawn: set[str] = set()
    registered: list[str] = []
    try:
        for path in (
            f"/{IZMIR}",
            f"/{IZMIR}/node/1.1.2",
            f"/{IZMIR}/indicator/1.1.2.2",
            f"/{IZMIR}/indicator/1.1.2.2?view=map",
            f"/{IZMIR}/districts?indicator=1.1.2.2",
            f"/{BALIKESIR}/districts?level=region",
        ):
            page.goto(live_server + path)
            page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
            navigation.draw_every_chart(page)
            drawn.update(
                page.evaluate(
                    "() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => p.data.map(t => t.type || 'scatter'))"
                )
            )
            registered = page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)")
            assert page.evaluate("() => Plotly.version") == get_plotlyjs_version()
    finally:
        context.close()
    called = traces_called_in(PROJECT_ROOT / "dashboard")
    assert {"scatter", "bar", "choropleth", "sunburst"} <= drawn | called
    assert drawn <= set(registered), sorted(drawn - set(registered))
    assert called <= set(registered), f"add {sorted(called - set(registered))} to tools/plotly-bundle/index.js"
    assert not [url for url in fetched if "plotly.min.js" in url]


def open_counting(browser, browser_context_args, url: str, **options) -> tuple:
    """A new context (empty cache) at ``url`` with its page's body there and its network quiet: (context,
    page, the finished requests, the addresses fetched)."""
    context = browser.new_context(**{**browser_context_args, **options})
    page = context.new_page()
    finished: list = []
    fetched: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url)
    page.wait_for_selector("[data-page]", state="attached")
    page.wait_for_load_state("networkidle")
    return context, page, finished, fetched


@pytest.mark.browser
@pytest.mark.parametrize("path", [f"/{IZMIR}", f"/{IZMIR}/district/1128", f"/{BALIKESIR}/districts?level=region"])
def test_a_navigation_brings_its_page_in_two_sequential_requests(browser, browser_context_args, live_server, path):
    context, page, finished, _ = open_counting(browser, browser_context_args, live_server + path)
    try:
        # the document with the page written into it (dashboard/first_paint.py), and Dash's layout with its
        # own page and the navigation bar: no callback at all (the test app checks the data version every
        # second: that poll may have started meanwhile)
        body, steps = navigation.chain(finished)
        assert body == 1 and steps <= 2, [request.url for request in finished]
        assert set(navigation.callback_outputs(finished)) <= {"data-version.data"}
        assert page.locator("#navbar .data-badge").count() == 1
        # a link within the app: the router's callback and the navigation bar's, neither waiting for the
        # other, and nothing after them (the controls they insert write to addresses inserted with them:
        # no callback fires). Both are asked at once; on a loaded machine the navbar's may be answered
        # before the browser sends the router's, which the chain then counts as a second step.
        finished.clear()
        page.click("#navbar a.nav-link[href*='/monitoring']")
        page.wait_for_selector("[data-page=monitoring]", state="attached")
        page.wait_for_load_state("networkidle")
        outputs = [output for output in navigation.callback_outputs(finished) if output != "data-version.data"]
        assert sorted(outputs) == sorted([".._pages_content.children..._pages_store.data..", "navbar.children"])
        assert navigation.chain(finished, with_document=False)[0] <= 2
    finally:
        context.close()


@pytest.mark.browser
def test_a_page_without_charts_does_not_fetch_plotly_and_a_chart_page_fetches_the_bundle(
    browser, browser_context_args, live_server
):
    for path in (f"/{IZMIR}/district/1128", f"/{IZMIR}/monitoring", f"/{BALIKESIR}/district/1161"):
        context, page, _, fetched = open_counting(browser, browser_context_args, live_server + path)
        try:
            assert page.locator("table").count() > 0
            assert not [url for url in fetched if "plotly" in url], path
            assert page.evaluate("() => typeof window.Plotly") == "undefined"
        finally:
            context.close()
    context, page, _, fetched = open_counting(browser, browser_context_args, f"{live_server}/{IZMIR}/indicator/1.1.2.2")
    try:
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached")
        (bundle,) = [url for url in fetched if "plotly" in url]
        assert re.search(re.escape(BUNDLE) + r"\?m=\w+$", bundle), bundle
    finally:
        context.close()


@pytest.mark.browser
def test_the_bundle_is_asked_for_before_the_first_chart_is(browser, browser_context_args, live_server):
    """assets/lazy-charts.js asks for plotly.js as soon as the page's first chart place is in the document,
    and asks Dash for the chart (set_props) once the bundle has run: dcc.Graph finds it and fetches nothing.
    (Asked for by dcc.Graph, the bundle came only after the chart had been asked for and mounted.)"""
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        page.add_init_script(
            """const wrap = setInterval(() => {  // once Dash's renderer has defined it
                const clientside = window.dash_clientside, setProps = clientside && clientside.set_props;
                if (!setProps) return;
                clearInterval(wrap);
                clientside.set_props = function (id) {
                    if (id && id.type === 'chart-near' && !window.__chartAsked) { window.__chartAsked = performance.now(); }
                    return setProps.apply(this, arguments);
                };
            }, 1);"""
        )
        page.goto(f"{live_server}/{IZMIR}/indicator/1.1.2.2")
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached")
        asked, chart = page.evaluate(
            """() => [performance.getEntriesByType('resource').filter(r => r.name.includes('plotly'))
                           .map(r => r.startTime), window.__chartAsked]"""
        )
        assert len(asked) == 1, asked
        assert chart is not None, "no chart was asked for through set_props"
        assert asked[0] < chart, f"plotly.js asked at {asked[0]:.0f} ms, after the chart at {chart:.0f}"
    finally:
        context.close()


@pytest.mark.browser
def test_a_chart_below_the_fold_is_drawn_only_when_scrolled_to(browser, browser_context_args, live_server):
    context, page, _, _ = open_counting(
        browser, browser_context_args, f"{live_server}/{IZMIR}", viewport={"width": 1280, "height": 900}
    )
    try:
        page.wait_for_selector("[data-chart=realization] .js-plotly-plot .main-svg", state="attached")
        sunburst = page.locator("figure[data-chart=hierarchy]")
        assert sunburst.bounding_box()["y"] > 2 * 900  # far below the fold
        page.wait_for_timeout(500)
        assert sunburst.locator(".js-plotly-plot").count() == 0
        # its text alternative is there before it is drawn
        assert sunburst.locator("table.chart-data tbody tr").count() > 50
        assert sunburst.get_attribute("aria-describedby")
        sunburst.scroll_into_view_if_needed()
        page.wait_for_selector("#hierarchy-sunburst .main-svg", state="attached")
        drawn = page.evaluate("() => document.querySelector('#hierarchy-sunburst .js-plotly-plot').data[0].ids.length")
        assert drawn == sunburst.locator("table.chart-data tbody tr").count()
    finally:
        context.close()


@pytest.mark.browser
def test_the_charts_below_the_fold_are_drawn_once_the_page_is_still(browser, browser_context_args, live_server):
    """The charts not yet seen are drawn in idle time a few seconds after the page has settled, so that
    a page printed later has them all (the print event comes too late to draw a chart)."""
    context, page, _, _ = open_counting(
        browser, browser_context_args, f"{live_server}/{IZMIR}", viewport={"width": 1280, "height": 900}
    )
    try:
        page.wait_for_selector("#hierarchy-sunburst .main-svg", state="attached", timeout=20_000)
        assert page.evaluate("() => window.scrollY") == 0  # never scrolled to
        charts = page.locator("figure.chart")
        assert charts.count() == page.locator("figure.chart .js-plotly-plot").count()
    finally:
        context.close()
