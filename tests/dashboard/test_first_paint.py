"""The page written into the document (dashboard/first_paint.py, assets/first-paint.js): every page type
carries its page, escaped, without ids, looking as Dash draws it, and handed over to Dash's page."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from PIL import Image, ImageChops

from dashboard.first_paint import HELD, PAGE_CLASS, Unwritable, held, page_html
from tests.support.dashboard_app import BALIKESIR, IZMIR

PAGES = {
    "overview": f"/{IZMIR}",
    "goal": f"/{IZMIR}/node/1.1.2",
    "indicator": f"/{IZMIR}/indicator/1.1.2.2",
    "districts": f"/{IZMIR}/districts?indicator=1.1.2.2",
    "district": f"/{IZMIR}/district/1128",
    "monitoring": f"/{IZMIR}/monitoring",
    "b-overview": f"/{BALIKESIR}",
    "b-regions": f"/{BALIKESIR}/districts?level=region",
    "english": f"/{IZMIR}?lang=en",
    "not-found": "/no-such-plan",
}


class _Written(HTMLParser):
    """The written page of a document: its text, ids, scripts and charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the written page when > 0
        self.text: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[dict[str, Any]] = []
        self.charts: list[Any] = []
        self.headings: list[str] = []
        self._in_json = False
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth == 0 and PAGE_CLASS in (found.get("class") or "").split():
            self.depth = 1
            return
        if self.depth == 0:
            return
        if tag not in {"input", "br", "hr", "img", "wbr", "col"}:
            self.depth += 1
        if "id" in found:
            self.ids.append(str(found["id"]))
        if tag == "script":
            self.scripts.append(found)
            self._in_json = found.get("type") == "application/json"
        if tag == "h1":
            self._heading = self.depth

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            if self._heading == self.depth:
                self._heading = 0
            self.depth -= 1
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if self._in_json:
            self.charts.append(json.loads(data))
        else:
            self.text.append(data)
            if self._heading:
                self.headings.append(data.strip())


def written(document: str) -> _Written:
    reader = _Written()
    reader.feed(document)
    return reader


def document(dash_app, address: str) -> str:
    response = dash_app.server.test_client().get(address)
    assert response.status_code in (200, 404), address
    return response.get_data(as_text=True)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_is_written_into_its_document(dash_app, name):
    text = document(dash_app, PAGES[name])
    page = written(text)
    assert f'<div class="{PAGE_CLASS}">' in text, name  # made inert by its script: without one, a plain page
    assert page.headings and all(page.headings), name  # the page's heading is there, with its words
    assert page.ids == [], f"{name}: the written page repeats Dash's ids {page.ids[:5]}"
    assert all(script.get("type") == "application/json" for script in page.scripts), page.scripts
    charts = len(page.charts)
    assert ('<script src="/assets/plotly-gosterge.min.js' in text) == (charts > 0), name
    assert re.search(r'<script src="/assets/first-paint\.js\?m=\w+"></script>', text), name
    # the written page comes before Dash's entry point, its scripts before Dash's
    assert text.index(PAGE_CLASS) < text.index('id="react-entry-point"') < text.index("_dash-renderer")
    for chart in page.charts:
        assert chart["figure"]["data"], name


def test_a_document_with_its_page_is_not_kept_by_caches(dash_app):
    """Like the layout's answer, it holds one user's page at one data version."""
    client = dash_app.server.test_client()
    assert client.get(PAGES["overview"]).headers["Cache-Control"] == "no-store, private"
    assert "no-store" not in client.get(f"/{IZMIR}/extract").headers.get("Cache-Control", "")  # Dash's alone


def test_a_page_is_written_for_the_user_who_asks(dash_app):
    """The layout is rendered for this request's user: a visitor without the reviewers' role is written the
    refusal Dash gives, not the quality page."""
    text = document(dash_app, f"/{IZMIR}/quality")
    page = text[text.index(PAGE_CLASS) : text.index('id="react-entry-point"')]
    assert 'data-view="refused"' in page


def test_the_page_holds_what_the_layout_holds(dash_app):
    """The overview's written text is the layout's: the plan's name, every goal's code, the chart's."""
    page = written(document(dash_app, PAGES["overview"]))
    words = " ".join(page.text)
    assert "2014-2023 İzmir Bölge Planı" in page.headings
    for code in ("1.1.1", "2.4.5", "3.4.1"):
        assert code in words
    assert [chart["figure"]["data"][0].get("type") for chart in page.charts] == ["scatter", "sunburst"]
    assert all(chart["config"]["locale"] == "tr" for chart in page.charts)


def test_text_from_the_address_is_escaped(dash_app):
    hostile = '<script>alert("x")</script>'
    text = document(dash_app, f"/{IZMIR}/search?q=%3Cscript%3Ealert(%22x%22)%3C/script%3E")
    assert PAGE_CLASS in text
    assert hostile not in text
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in text  # in the search box, as typed


def test_a_figure_cannot_close_its_script():
    title = "</script><script>alert(1)</script>"
    tree = {
        "namespace": "dash_core_components",
        "type": "Graph",
        "props": {"figure": {"data": [{"type": "bar", "y": [1]}], "layout": {"title": {"text": title}}}},
    }
    html_text, charts = page_html(tree)
    assert charts == 1
    assert "<script>alert" not in html_text and html_text.count("</script>") == 1
    (chart,) = written(f'<div class="{PAGE_CLASS}">{html_text}</div>').charts
    assert chart["figure"]["layout"]["title"]["text"] == title


@pytest.mark.parametrize(
    "tree",
    [
        {"namespace": "dash_core_components", "type": "Dropdown", "props": {"options": []}},
        {"namespace": "some_library", "type": "Widget", "props": {}},
        {"namespace": "dash_core_components", "type": "Link", "props": {"href": "javascript:alert(1)"}},
        {"namespace": "dash_core_components", "type": "Link", "props": {"href": "//elsewhere.example/x"}},
        {"namespace": "dash_html_components", "type": "Div", "props": {"onClick": "alert(1)"}},
        {"namespace": "dash_bootstrap_components", "type": "Toast", "props": {"is_open": True}},
    ],
)
def test_what_it_does_not_know_it_does_not_write(tree):
    with pytest.raises(Unwritable):
        page_html({"namespace": "dash_html_components", "type": "Div", "props": {"children": [tree]}})


def test_a_page_with_a_part_it_does_not_write_is_dash_alone(dash_app):
    """The extract page has dropdowns: its document is the one Dash alone draws."""
    text = document(dash_app, f"/{IZMIR}/extract")
    assert PAGE_CLASS not in text and "first-paint.js" not in text
    assert 'id="react-entry-point"' in text


def test_bootstrap_parts_are_written_with_bootstrap_classes():
    tree = {
        "namespace": "dash_bootstrap_components",
        "type": "Row",
        "props": {
            "className": "g-2",
            "children": [
                {"namespace": "dash_bootstrap_components", "type": "Col", "props": {"lg": 6, "children": "a"}},
                {"namespace": "dash_bootstrap_components", "type": "Col", "props": {"md": {"size": 4, "offset": 1}}},
                {"namespace": "dash_bootstrap_components", "type": "Col", "props": {}},
                {
                    "namespace": "dash_bootstrap_components",
                    "type": "Select",
                    "props": {
                        "id": "plan",
                        "size": "sm",
                        "value": "b",
                        "options": [{"label": "A & B", "value": "a"}, {"label": "<B>", "value": "b"}],
                    },
                },
                {
                    "namespace": "dash_bootstrap_components",
                    "type": "Input",
                    "props": {"id": "q", "type": "search", "placeholder": "Ara", "debounce": True, "value": '"x"'},
                },
            ],
        },
    }
    html_text, charts = page_html(tree)
    assert charts == 0
    assert html_text == (
        '<div class="row g-2"><div class="col-lg-6">a</div><div class="col-md-4 offset-md-1"></div>'
        '<div class="col"></div><select class="form-select form-select-sm"><option value="a">A &amp; B</option>'
        '<option value="b" selected>&lt;B&gt;</option></select>'
        '<input class="form-control" placeholder="Ara" type="search" value="&quot;x&quot;"></div>'
    )


def _screenshot(browser, browser_context_args, address: str, path, *, without_dash: bool, width: int) -> dict[str, Any]:
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": 900}})
    try:
        page = context.new_page()
        if without_dash:  # Dash never boots: what the document alone shows
            page.route(re.compile(r".*dash_renderer.*"), lambda route: route.abort())
        page.goto(address, wait_until="commit")  # not waiting for Dash's page (tests/support/dashboard_app.py)
        if without_dash:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.first-paint-chart')].every("
                "c => c.getBoundingClientRect().top > innerHeight || c.querySelector('.main-svg'))"
            )
        else:
            page.wait_for_function("() => !document.documentElement.classList.contains('first-paint')")
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.chart-slot')].every("
                "s => s.getBoundingClientRect().top > innerHeight || s.querySelector('.main-svg'))"
            )
        page.wait_for_timeout(300)  # fonts and the last frame
        page.mouse.move(0, 899)  # nothing hovered (the phone's menu button is at the top)
        page.screenshot(path=str(path))
        return page.evaluate(
            """() => ({
                written: document.querySelectorAll('.first-paint-page').length,
                marked: document.documentElement.classList.contains('first-paint'),
                inert: [...document.querySelectorAll('.first-paint-page')].every(
                    page => page.inert && page.getAttribute('aria-hidden') === 'true'),
                mains: document.querySelectorAll('main').length,
                plots: document.querySelectorAll('.js-plotly-plot').length,
            })"""
        )
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), [("overview", 1280), ("goal", 1280), ("district", 1280), ("district", 390)])
def test_the_written_page_looks_as_dash_draws_it_and_hands_over(
    browser, browser_context_args, live_server, tmp_path, name, width
):
    alone = _screenshot(
        browser, browser_context_args, live_server + PAGES[name], tmp_path / "alone.png", without_dash=True, width=width
    )
    assert alone["written"] == 1 and alone["marked"] and alone["inert"] and alone["mains"] == 1
    dash = _screenshot(
        browser, browser_context_args, live_server + PAGES[name], tmp_path / "dash.png", without_dash=False, width=width
    )
    assert dash == {"written": 0, "marked": False, "inert": True, "mains": 1, "plots": dash["plots"]}, dash
    assert alone["plots"] == dash["plots"] or name == "goal" and alone["plots"] <= dash["plots"]
    first, second = Image.open(tmp_path / "alone.png").convert("RGB"), Image.open(tmp_path / "dash.png").convert("RGB")
    differing = ImageChops.difference(first, second).convert("L").point(lambda value: 255 if value > 32 else 0)
    share = differing.histogram()[255] / (first.width * first.height)
    assert share < 0.005, f"{name}: {share:.2%} of the view differs between the written page and Dash's"


def test_dash_scripts_are_held_in_their_order_with_their_text(dash_app):
    """A written page's document holds Dash's scripts (files, then inline ones, then the renderer's start)
    for assets/first-paint.js to run after the written page's frame: in Dash's order, each inline text as
    Dash wrote it, so the Content-Security-Policy's hashes of them still hold."""
    scripts, renderer = dash_app._generate_scripts_html(), dash_app._generate_renderer()  # noqa: SLF001
    files = re.findall(r'<script src="([^"]+)"></script>', scripts)
    inline = re.findall(r"<script>(.*?)</script>", scripts, re.DOTALL)
    kept, start = held(scripts, renderer)
    assert "<script src=" not in kept and "<script>" not in kept
    assert re.findall(rf'<script type="{HELD}" data-src="([^"]+)"></script>', kept) == files
    assert re.findall(rf'<script type="{HELD}">(.*?)</script>', kept, re.DOTALL) == inline
    assert start == renderer.replace('type="application/javascript"', f'type="{HELD}"')
    hashes = set(dash_app.csp_hashes())
    for text in [*inline, dash_app.renderer]:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in hashes
    text = document(dash_app, PAGES["overview"])
    assert f'type="{HELD}"' in text and '<script src="/_dash-component-suites' not in text
    head = text[: text.index("</head>")]  # each file asked for from the head, so a first visit fetches it early
    assert re.findall(r'<link rel="preload" as="script" href="([^"]+)">', head) == files
    plain = document(dash_app, f"/{IZMIR}/extract")  # nothing written: Dash's scripts run as Dash wrote them
    assert f'type="{HELD}"' not in plain and '<script src="/_dash-component-suites' in plain


def test_scripts_it_does_not_expect_are_left_as_they_are():
    renderer = '<script id="_dash-renderer" type="application/javascript">var renderer = new DashRenderer();</script>'
    for scripts in (
        '<script>first()</script><script src="/a.js"></script>',  # inline before a file
        '<script src="/a.js" defer></script>',  # an attribute it does not know
        '<script src="/a.js"></script><p>text</p>',
    ):
        assert held(scripts, renderer) == (scripts, renderer)


@pytest.mark.browser
def test_the_written_page_is_drawn_before_dash_renderer_runs(browser, browser_context_args, live_server):
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        page.add_init_script(  # the time Dash's renderer bundle defines DashRenderer (it runs then)
            """Object.defineProperty(window, 'DashRenderer', {configurable: true, get: () => undefined,
                set: value => { window.__rendererRan = performance.now();
                    Object.defineProperty(window, 'DashRenderer', {value, writable: true, configurable: true}); }});"""
        )
        page.goto(live_server + PAGES["district"])  # waits for Dash's page (tests/support/dashboard_app.py)
        painted, ran = page.evaluate(
            "() => [performance.getEntriesByName('first-contentful-paint')[0].startTime, window.__rendererRan]"
        )
        assert ran is not None, "Dash's renderer did not run"
        assert painted < ran, f"first paint at {painted:.0f} ms, Dash's renderer ran at {ran:.0f}"
        assert page.locator("[data-page=district] h1").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_without_scripts_the_written_page_is_a_plain_page_whose_links_work(browser, browser_context_args, live_server):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    try:
        page = context.new_page()
        page.goto(live_server + PAGES["district"])
        written = page.locator(f".{PAGE_CLASS}")
        assert written.get_attribute("inert") is None and written.get_attribute("aria-hidden") is None
        assert written.locator("h1").inner_text() == "Aliağa"
        written.locator(f'a[href="/{IZMIR}/districts"]').first.click()
        page.wait_for_url(f"{live_server}/{IZMIR}/districts")
        assert page.locator(f".{PAGE_CLASS} [data-page=districts]").count() == 1
    finally:
        context.close()
