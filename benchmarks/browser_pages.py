"""Benchmark: each page type in headless Chromium beside a static page of the same figures and text.

    .venv/bin/python benchmarks/browser_pages.py [--repeat N] [--pages overview,node,...]

Builds the demo warehouse of both plans (as the browser tests do), serves the app on loopback in a
thread and opens each page type (overview, node, indicator, districts, district, monitoring) in the
system Chromium:

- cold: a new browser context (empty cache), time from navigation until the page's body is there and
  every chart on it is drawn (each dcc.Graph holds a drawn Plotly plot), with the bytes transferred
  (response headers and bodies as sent, so compressed where compressed), the page's callback requests,
  and the chain of sequential requests (the document and Dash's own; a request is n+1 when it started
  after one that is n had finished): its length, and the request that brought the page's body;
- warm: the same context again (the browser cache full), median of ``--repeat`` navigations;
- static: a page built in the same run from what the app drew (the body's HTML, the figures' data
  and layout as JSON, plotly.js and the CSS inlined; no Dash), served by a plain HTTP server on
  loopback and timed the same way (median of ``--repeat``).

Goals (issue 16): warm within 1.5x of the static page; cold transfer under 2 MiB; the body within two
sequential requests. The machine is
shared: the figures printed are medians, and vary with the load of the moment.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import logging
import statistics
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import pandas as pd  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from etl.demo import demo_measurements  # noqa: E402
from gosterge.plan import load_plan  # noqa: E402
from gosterge.settings import load_settings  # noqa: E402
from tests.support import navigation  # noqa: E402
from tests.support.builders import load_rows  # noqa: E402
from tests.support.dashboard_app import BALIKESIR, CHROMIUM, CHROMIUM_ARGS, IZMIR, IZMIR_BOUNDARIES  # noqa: E402

PAGES = {
    "overview": f"/{IZMIR}",
    "node": f"/{IZMIR}/node/1.1.2",
    "indicator": f"/{IZMIR}/indicator/1.1.2.2",
    "districts": f"/{IZMIR}/districts?indicator=1.1.2.2",
    "district": f"/{IZMIR}/district/1128",
    "monitoring": f"/{IZMIR}/monitoring",
}
GOAL_RATIO = 1.5
GOAL_TRANSFER = 2 * 1024 * 1024
#: the page's body within this many sequential requests (the document, then the layout)
GOAL_STEPS = 2
TIMEOUT = 60_000

#: true (the time since navigation, ms) once the page's body is there and every chart is drawn that is
#: (or starts) in the view; the others are drawn when they come near it
DRAWN = """() => {
    const body = document.querySelector('[data-page], [data-static-page]');
    if (!body) return false;
    const graphs = [...document.querySelectorAll('.dash-graph, .static-graph')];
    if (!graphs.every(graph => graph.querySelector('.main-svg'))) return false;
    const due = [...document.querySelectorAll('div.chart-slot')].filter(
        slot => slot.getBoundingClientRect().top < window.innerHeight);
    if (!due.every(slot => slot.querySelector('.main-svg'))) return false;
    return performance.now();
}"""

#: what the static page is made of: the main element's HTML with each graph emptied, and the figures
EXTRACT = """() => {
    const main = document.querySelector('main').cloneNode(true);
    const drawn = [...document.querySelectorAll('main .js-plotly-plot')];
    const figures = drawn.map(plot => ({data: plot.data, layout: plot.layout}));
    [...main.querySelectorAll('.dash-graph')].forEach((graph, index) => {
        const empty = document.createElement('div');
        empty.className = 'static-graph';
        empty.id = 'static-graph-' + index;
        empty.style.height = graph.style.height || '';
        graph.replaceWith(empty);
    });
    return {html: main.outerHTML, header: document.querySelector('header').outerHTML, figures: figures};
}"""


def build_server(folder: Path) -> tuple[Any, str]:
    plans = {
        IZMIR: load_plan(PROJECT_ROOT / "indicators.toml"),
        BALIKESIR: load_plan(PROJECT_ROOT / "plans" / "balikesir.toml"),
    }
    data_dir = folder / "data"
    rows = pd.concat([demo_measurements(plan) for plan in plans.values()], ignore_index=True)
    load_rows(data_dir, list(plans.values()), rows, source_id="demo", is_demo=True)
    environment = {"GOSTERGE_DATA_DIR": str(data_dir), "GOSTERGE_SCHEDULER": "0"}
    if IZMIR_BOUNDARIES.is_file():
        environment["GOSTERGE_BOUNDARIES"] = str(IZMIR_BOUNDARIES)
    from dashboard.access.guard import QuietRequestHandler

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from dashboard.app import create_app

    app = create_app(load_settings(environment), plans=plans)
    server = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=QuietRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    # a served app has answered before: its first request (Dash collecting its resources) is not a page's
    urllib.request.urlopen(f"{base}/{IZMIR}/search", timeout=120).read()
    return server, base


class Recorder:
    """The responses of one navigation: bytes as transferred, and the callback requests' timing."""

    def __init__(self, page: Any):
        self.page = page
        self.finished: list[Any] = []
        page.on("requestfinished", self.record)

    def record(self, request: Any) -> None:
        self.finished.append(request)

    def stop(self) -> None:
        self.page.remove_listener("requestfinished", self.record)

    def transferred(self) -> int:
        total = 0
        for request in self.finished:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total

    def chain(self) -> tuple[int, int, int]:
        """(callback requests, the request that brought the body, sequential requests in all)."""
        body, steps = navigation.chain(self.finished)
        return len(navigation.callback_outputs(self.finished)), body, steps


def drawn_after(page: Any, url: str) -> float:
    page.goto(url, wait_until="commit")
    return float(page.wait_for_function(DRAWN, polling="raf", timeout=TIMEOUT).json_value())


def static_page(folder: Path, name: str, content: dict[str, Any], plotly_js: str, css: str) -> str:
    figures = json.dumps(content["figures"]).replace("</", "<\\/")
    html = f"""<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{name}</title>
<style>{css}</style><script>{plotly_js}</script></head>
<body><div class="app-shell">{content["header"]}{content["html"].replace("<main", "<main data-static-page", 1)}</div>
<script>
const figures = {figures};
figures.forEach((figure, index) => Plotly.newPlot('static-graph-' + index, figure.data, figure.layout,
    {{responsive: true, displaylogo: false, topojsonURL: 'topojson/'}}));
</script></body></html>"""
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return path.name


def serve_folder(folder: Path) -> tuple[Any, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def page_assets(page: Any) -> tuple[str, str]:
    """The plotly.js the app's page used (our bundle from /assets/, else the plotly package's) and its CSS."""
    scripts = page.evaluate("() => [...document.scripts].map(s => s.src).filter(s => /assets\\/plotly/.test(s))")
    if scripts:
        plotly_js = page.request.get(scripts[0]).text()
    else:
        from plotly.offline import get_plotlyjs

        plotly_js = get_plotlyjs()
    links = page.evaluate("() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)")
    return plotly_js, "\n".join(page.request.get(link).text() for link in links)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES))
    arguments = parser.parse_args()
    names = [name for name in arguments.pages.split(",") if name]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        app_server, base = build_server(folder)
        static_dir = folder / "static"
        static_dir.mkdir()
        (static_dir / "topojson").mkdir()
        for topojson in (PROJECT_ROOT / "dashboard" / "assets" / "topojson").glob("*.json"):
            (static_dir / "topojson" / topojson.name).write_bytes(topojson.read_bytes())
        static_server, static_base = serve_folder(static_dir)
        results = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                options = {"viewport": {"width": 1280, "height": 900}, "locale": "tr-TR", "bypass_csp": True}
                plotly_js: str | None = None
                css = ""
                for name in names:
                    url = base + PAGES[name]
                    context = browser.new_context(**options)
                    page = context.new_page()
                    recorder = Recorder(page)
                    cold = drawn_after(page, url)
                    page.wait_for_load_state("networkidle")
                    recorder.stop()
                    transferred = recorder.transferred()
                    requests = len(recorder.finished)
                    callbacks, body_step, steps = recorder.chain()
                    warm = []
                    for _ in range(arguments.repeat):
                        page.goto("about:blank")
                        warm.append(drawn_after(page, url))
                    content = page.evaluate(EXTRACT)
                    if plotly_js is None:
                        plotly_js, css = page_assets(page)
                    context.close()
                    static_name = static_page(static_dir, name, content, plotly_js, css)
                    static_context = browser.new_context(**options)
                    static_tab = static_context.new_page()
                    static = []
                    for _ in range(arguments.repeat):
                        static_tab.goto("about:blank")
                        static.append(drawn_after(static_tab, f"{static_base}/{static_name}"))
                    static_context.close()
                    result = {
                        "page": name,
                        "charts": len(content["figures"]),
                        "cold_ms": cold,
                        "warm_ms": statistics.median(warm),
                        "static_ms": statistics.median(static),
                        "transfer": transferred,
                        "requests": requests,
                        "callbacks": callbacks,
                        "steps": steps,
                        "body_step": body_step,
                    }
                    results.append(result)
                    report(result)
                browser.close()
        finally:
            app_server.shutdown()
            static_server.shutdown()
    print(
        f"\nmedians of {arguments.repeat} (warm, static); goals: warm ≤ {GOAL_RATIO}× static, "
        f"cold transfer ≤ {GOAL_TRANSFER / 2**20:.0f} MiB; shared machine: figures vary with its load"
    )


def report(result: dict[str, Any]) -> None:
    ratio = result["warm_ms"] / result["static_ms"]
    print(
        f"{result['page']:<11} charts {result['charts']:>2}  cold {result['cold_ms']:>6.0f} ms  "
        f"warm {result['warm_ms']:>6.0f} ms  static {result['static_ms']:>6.0f} ms  ratio {ratio:4.2f}×"
        f"{'' if ratio <= GOAL_RATIO else ' (over goal)'}  cold transfer {result['transfer'] / 2**20:5.2f} MiB"
        f"{'' if result['transfer'] <= GOAL_TRANSFER else ' (over goal)'}  requests {result['requests']:>2}  "
        f"callbacks {result['callbacks']:>2}  sequential requests {result['steps']} (body in request "
        f"{result['body_step']}{'' if result['body_step'] <= GOAL_STEPS else ', over goal'})",
        flush=True,
    )


if __name__ == "__main__":
    main()
