"""Benchmark: each page type in headless Chromium beside a static page of the same figures and text.

    nice -n 10 .venv/bin/python benchmarks/browser_pages.py [--repeat N] [--pages overview,node,...] [--profile]

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
  loopback with the headers the app sends with every page (but its Content-Security-Policy: the static
  page's scripts are inline) and timed the same way (median of ``--repeat``);
- plain: the same static page served without those headers, printed beside it. The app's
  ``Cross-Origin-Opener-Policy: same-origin`` makes Chromium give a page that comes from another one
  (about:blank here, as a new tab, a bookmark or a link from another site) a renderer process of its
  own. Served without it, the static page is opened in about:blank's process, the one its previous load
  ran in, whose V8 still holds plotly.js compiled (its evaluation 21 ms instead of 85) and whose fonts
  are set up (a first layout of 28 objects took 66 ms in a new process): one static overview, loaded
  from about:blank, was drawn at 177-201 ms without the header and 364-395 ms with it. A person opening
  the product in a new tab meets the new process; the goal is read against the static page served as
  the app's pages are.

What Dash itself costs, and what a person meets (issue 16, second part):

- floor: the not-found view (``/no-such-plan``: the shell and a heading, 56 components) loaded warm, beside
  the static page of its HTML and CSS (no plotly.js: nothing to draw): the price of booting Dash here;
- the split of each warm load, in ms since navigation on the page's own clock: DOMContentLoaded (the
  document parsed and Dash's scripts run), layout answered (resource timing of ``_dash-layout``), body
  (first in the DOM, seen by a MutationObserver of an init script), chart asked (assets/lazy-charts.js
  calling Dash's set_props), plotly.js asked and in (resource timing), graph (the first dcc.Graph in
  the body), plotly.js ready (``window.Plotly`` set: the bundle evaluated), first chart, drawn, busy
  until (the end of the last long task before the main thread has been quiet for 500 ms); then the
  main thread's work until quiet (CDP ``Performance.getMetrics``: script time, and all tasks' time);
- in-app: after a full load of another page type (every chart drawn, scrolled to the top, settled), a
  click on its link to this page type (a dcc.Link: no reload, Dash's router callback fills the page
  container) until the new body is there and the charts in view are drawn, split the same way in ms
  since the click (router answered: its callback's response);
- ``--profile``: one more warm load, in-app navigation and static load under Chromium's sampling
  profiler, until quiet: the main thread's time by script (React, Dash's renderer, dcc, plotly.js, "other"
  being Dash's polyfill, prop-types and dash_table's bundle), the garbage collector and "(program)" (the
  browser's own style, layout, parsing and painting); the sum exceeds the wall time it covers: read
  it for shares;
- a table per page type: static, Dash's floor, warm full load, in-app navigation, and each to static.

Goals (issue 16): warm within 1.5x of the static page; cold transfer under 2 MiB; the body within two
sequential requests. The machine is shared: the figures printed are medians, and vary with the load of
the moment (the static overview took 229 to 824 ms over eight runs of one evening).

Run of 2026-12-05 17:25 UTC (``--repeat 3``), the code of the run below, the static pages now served with
the app's headers ("plain": without them, as in the runs below), ms::

    static floor 183 ms (63 without the app's headers), Dash floor 193 ms
    page        static  plain  floor   warm in-app   floor/s  warm/s  in-app/s  warm/plain
    overview       442    235    193    559    203     0.44×   1.26×    0.46×      2.38×
    node           513    280    193    528    323     0.38×   1.03×    0.63×      1.89×
    indicator      461    232    193    486    191     0.42×   1.06×    0.41×      2.10×
    districts      536    309    193    640    374     0.36×   1.19×    0.70×      2.07×
    district       372    169    193    361    137     0.52×   0.97×    0.37×      2.14×
    monitoring     378    218    193    351     72     0.51×   0.93×    0.19×      1.61×

Again at 17:30 UTC (the page drawn while a load lands fixed in dashboard/live.py, nothing else changed)::

    static floor 108 ms (62 without the app's headers), Dash floor 179 ms
    page        static  plain  floor   warm in-app   floor/s  warm/s  in-app/s  warm/plain
    overview       396    218    179    505    200     0.45×   1.28×    0.51×      2.32×
    node           467    245    179    454    242     0.38×   0.97×    0.52×      1.85×
    indicator      377    210    179    422    141     0.47×   1.12×    0.37×      2.01×
    districts      528    280    179    516    318     0.34×   0.98×    0.60×      1.84×
    district       378    168    179    229    124     0.47×   0.61×    0.33×      1.37×
    monitoring     350    221    179    336    100     0.51×   0.96×    0.28×      1.52×

Every page type's full load is within 1.5x of its static page served as the app's pages are (0.61-1.28x
over the two runs), and so is its in-app navigation (0.19-0.70x). Against the plain static page, which keeps its process and
so its compiled plotly.js, a full load is 1.6-2.4x: what is left there is a new process's own setting up
(V8 evaluating plotly.js from its code cache, fonts), which the static page pays as soon as it is opened
as a person opens a page.

Run of 2026-12-05 15:20 UTC (``--repeat 3``), with each full load's page written into its document by the
server and Dash's scripts held until it is drawn (dashboard/first_paint.py, assets/first-paint.js): the drawn
page is the written one until Dash's replaces it (DRAWN reads the page shown), ms::

    static floor 72 ms, Dash floor 160 ms
    page        static  floor   warm in-app   floor/s  warm/s  in-app/s
    overview       244    160    478    210     0.65×   1.96×    0.86×
    node           268    160    476    280     0.59×   1.77×    1.04×
    indicator      194    160    408    173     0.82×   2.10×    0.89×
    districts      289    160    482    342     0.55×   1.67×    1.18×
    district       189    160    227    124     0.84×   1.20×    0.66×
    monitoring     211    160    326     81     0.76×   1.55×    0.38×

Dash's floor fell from 334 to 160 ms, a district's full load from 344 to 227 (1.20x, met) and the
monitoring table's from 418 to 326 (1.55x; 1.35x in a run of 15:03). A chart page waits for plotly.js: the
overview's written page is in the document at 72 ms and its chart drawn at 459, plotly.js having come from
the cache at 127. Evaluating it takes about 200 ms in a document opened from about:blank (as here: a
new tab, a bookmark) against about 100 when the same address is loaded again (measured outside this
benchmark, the app in its own process: the overview's written chart drawn at 201-232 ms on a reload,
372-462 from about:blank). The static page has plotly.js inline and evaluated by about 100 ms.

Run of 2026-12-05 14:16 UTC (``--repeat 3``, the same code as the run below, the dashboard's development
server also running), ms::

    static floor 62 ms, Dash floor 334 ms
    page        static  floor   warm in-app   floor/s  warm/s  in-app/s
    overview       248    334    784    271     1.34×   3.16×    1.09×
    node           282    334    862    289     1.18×   3.06×    1.02×
    indicator      178    334    690    164     1.88×   3.88×    0.92×
    districts      308    334    754    363     1.08×   2.45×    1.18×
    district       191    334    344    132     1.75×   1.80×    0.69×
    monitoring     335    334    418    164     1.00×   1.25×    0.49×

The overview's warm full load, in ms since navigation: DOMContentLoaded 304 (Dash's scripts run), body 383,
chart asked 476, plotly.js asked 504 and evaluated by 676, chart drawn 782. Its static page: plotly.js
evaluated by 103, chart drawn 248. What would bring a full load to the static page's time is the page
written into the document by the server (docs/architecture.md, "Full loads").

Then (14:22 UTC, ``--pages overview,node,indicator,districts``) with plotly.js asked for as soon as a page's
first chart place is in the document (assets/lazy-charts.js), not by the graph once mounted: the overview's
bundle asked at 395 ms (504), evaluated by 586 (676), its chart drawn at 708 (782). Warm full loads: overview
710 ms (3.12x its static page), node 819 (3.12x), indicator 644 (3.31x), districts 809 (2.70x: its graph
was already mounted with the body, and the run's static page took 300 against 308).

Run of 2026-12-05 12:40 UTC (``--repeat 3``, load average under 1, after tiles and tables sent as HTML the
server writes, dashboard/components/markup.py: a district's layout went from 2,422 components to 96, the
monitoring table's from 3,471 to 172, the overview's to 262 where its goal tiles alone were 1,234; and the
layout preloaded by the document, dashboard/app.py: answered at 109-154 ms, before the scripts have run,
where it was 288-374), ms::

    static floor 66 ms, Dash floor 305 ms
    page        static  floor   warm in-app   floor/s  warm/s  in-app/s
    overview       204    305    766    224     1.49×   3.75×    1.10×
    node           265    305    768    272     1.15×   2.90×    1.03×
    indicator      190    305    688    161     1.60×   3.61×    0.85×
    districts      301    305    848    336     1.01×   2.82×    1.12×
    district       183    305    332    136     1.67×   1.82×    0.75×
    monitoring     214    305    380     88     1.42×   1.78×    0.41×

In-app navigation (a click on a link of the app, the way an executive goes from page to page) is within
1.5x of the static page on every page type (0.41-1.12x; 1.17-2.62x at 10:48). A full load (a new tab, a
typed address) is 1.8-3.8x: Dash's own boot, before any content, is already 1.01-1.67x the static page
(1.5 MiB of JavaScript evaluated: React, Dash's renderer, dcc, html, dash-bootstrap-components and the
polyfills), and the charts wait for it and for plotly.js. Cold transfer 0.39-0.86 MiB.

Run of 2026-12-05 10:48 UTC (``--repeat 3``, load average 1-2, after the plan's standing and bodies encoded
once: the server's part of the in-app navigation, its router answer, is 59-164 ms; the browser side was not
worked on), ms::

    static floor 73 ms, Dash floor 352 ms
    page        static  floor   warm in-app   floor/s  warm/s  in-app/s
    overview       247    352   1240    648     1.42×   5.01×    2.62×
    node           307    352   1002    620     1.15×   3.26×    2.02×
    indicator      192    352    928    277     1.83×   4.82×    1.44×
    districts      373    352   1072    590     0.94×   2.88×    1.58×
    district       173    352    566    360     2.03×   3.27×    2.08×
    monitoring     212    352    692    423     1.66×   3.26×    1.99×

Run of 2026-12-05 07:50 UTC (``--repeat 3``, after the day's cheaper server renders: figures as plain data,
components' JSON, rows a column at a time; docs/architecture.md, "Uncached renders"), ms::

    static floor 73 ms, Dash floor 333 ms
    page        static  floor   warm in-app   floor/s  warm/s  in-app/s
    overview       211    333   1145    473     1.58×   5.43×    2.24×
    node           285    333    870    427     1.17×   3.05×    1.50×
    indicator      190    333    770    227     1.75×   4.06×    1.20×
    districts      437    333    939    511     0.76×   2.15×    1.17×
    district       167    333    541    324     1.99×   3.24×    1.94×
    monitoring     213    333    561    428     1.56×   2.64×    2.01×

In-app navigation is within 1.5x on the node, indicator and districts pages. The router's answer is 46-118
ms (the demo warehouse is small); what is over is the browser's: React making 2,000-3,500 components
(the overview's goal tiles are 1,234 of them, its sunburst's table, folded, 461), then the lazy chart's
turn. Cold transfer 0.39-0.86 MiB (goal 2 MiB, met).

Last run (2026-12-05, 2 cores, load average 2.8 → 3.8 during the run, ``--repeat 3 --profile``), ms::

    static floor 74 ms, Dash floor 360 ms
    page        static  floor   warm in-app   floor/s  warm/s  in-app/s
    overview       229    360   1092    539     1.57×   4.77×    2.36×
    node           329    360    861    502     1.09×   2.62×    1.53×
    indicator      188    360    858    232     1.91×   4.57×    1.24×
    districts      304    360    929    445     1.18×   3.05×    1.46×
    district       172    360    590    313     2.10×   3.44×    1.82×
    monitoring     198    360    613    424     1.82×   3.10×    2.14×

    warm load    components  DOMContentLoaded  layout  body  graph  plotly.js ready  first chart  drawn  busy
    floor                56               287     327   359      –                –            –    360     –
    overview          2,070               256     305   531    826              986         1090   1092  1092
    node                437               256     304   385    489              651          858    861   860
    indicator           568               258     307   416    567              741          856    858   858
    districts           900               237     296   456    456              710          925    929   927
    district          2,422               282     332   589      –                –            –    590   778
    monitoring        3,471               266     318   613      –                –            –    613   845

    in-app       router  body  graph  first chart  drawn  busy
    overview         62   228    466          538    539   538
    node            138   241    317          499    502   501
    indicator        47   104    178          226    232   226
    districts        71   144    144          191    445   444
    district         95   275      –            –    313   407
    monitoring      134   424      –            –    424   632

What dominates:

- A full load boots Dash before it draws anything: 16 scripts and 8 stylesheets parsed and run
  (DOMContentLoaded 240-290 ms; the whole static floor takes 74), the layout's answer 40-60 ms later,
  then React. Dash's floor alone is 1.1-2.1× each page type's static time, so no change inside a Dash
  page makes a *full load* reach 1.5× of static; the in-app navigation can.
- React and Dash's renderer building the page grow with its components, 0.08-0.1 ms each in the
  render and 0.04-0.08 in Dash's work after it (busy until), which also delays what comes next:
  monitoring (3,471 components, its table 3,299 of them) 295 ms render + 232 busy on a warm load, 290 +
  208 in-app; district (2,422: the scorecard 1,611, the indicator table 720) 257 + 188 / 180 + 94;
  overview (2,070: the goals' tiles 1,234, the status tables 590) 226 / 166. The profiles agree: Dash's
  renderer (a selector per component run at every store change: Ramda path lookups, layout hashes)
  takes more than React itself.
- Charts: plotly.js ready 170-190 ms after it is asked, from the cache (375 on districts, asked during
  the render; the static page has its inline copy ready at 90-120 ms), drawing 100-215 ms; and on the
  lazy path, from the body to the graph, Dash's work after the render plus set_props and the clientside
  callback: 104-151 ms on node and indicator, 295 on the overview (238 in-app, against 74-76 on node
  and indicator).
- In-app navigation, which a person mostly meets, is within 1.5× of static for indicator, districts and
  node (1.53×), and over it for the three pages of more than 2,000 components: overview, district,
  monitoring.

What would remove the most:

1. Fewer components on those three pages: a large table (and the overview's tile groups) as one
   component holding the server's HTML, its links followed by one delegated click handler doing what
   dcc.Link does; ~0.13 ms per component removed in-app, render and work after it: monitoring in-app
   424 → ~150 ms (~0.8× static) with the main thread free ~450 ms sooner, and ≈ -500 ms of the warm
   load's render and busy time; district 313 → ~140 ms (~0.8×); overview ≈ -150 of render and ~-180 of
   its chart path (539 → ~250 ms, ~1.1×).
2. Dash's start on a full load (+286 ms over the static floor on every page): the page's HTML in the
   index, so its text shows at a static page's speed while Dash mounts over it (≈ -250 to -550 ms to the
   text; the charts still wait for Dash); or, smaller, not loading what no page uses (Dash's polyfill
   and dash_table's bundle: "other", ~50 ms of script per load) and one stylesheet and one script of our
   own instead of 6 and 5 (≈ -50 to -100 ms).
3. The first chart of a page as a dcc.Graph in the layout (as the districts map is: plotly.js is then
   asked during React's render, before the body is in the DOM) instead of through the lazy path:
   ≈ -100 to -300 ms on overview, node and indicator.

Tried and left out: lazy-charts.js asking for a place already near the view at once instead of
waiting for the IntersectionObserver's report moved "chart asked" 50-230 ms earlier, but the graph only
0-60 ms (within the noise): Dash handles set_props after the work it has queued behind the page.
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
#: Dash's floor: an address of the app that draws almost nothing (the not-found view: the shell, a heading)
FLOOR = "/no-such-plan"
#: in-app navigation: each page type reached by a click on a link (dcc.Link) of this page type
NAVIGATION_FROM = {
    "overview": "node",
    "node": "overview",
    "indicator": "node",
    "districts": "indicator",
    "district": "districts",
    "monitoring": "overview",
}
GOAL_RATIO = 1.5
GOAL_TRANSFER = 2 * 1024 * 1024
#: the page's body within this many sequential requests (the document, then the layout)
GOAL_STEPS = 2
TIMEOUT = 60_000

#: true (the time since navigation, ms) once the page's body is there and every chart is drawn that is
#: (or starts) in the view; the others are drawn when they come near it
DRAWN = """() => {
    // what a person sees: the page written into the document (dashboard/first_paint.py) until Dash's is
    // shown (assets/first-paint.js draws Dash's hidden meanwhile), then Dash's
    const written = document.documentElement.classList.contains('first-paint')
        ? document.querySelector('.first-paint-page') : null;
    const scope = written || document;
    const body = scope.querySelector('[data-page], [data-static-page], [data-view="not-found"]');
    if (!body) return false;
    const inView = element => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.top < window.innerHeight;
    };
    if (written) {
        const charts = [...written.querySelectorAll('.first-paint-chart')].filter(inView);
        return charts.every(chart => chart.querySelector('.main-svg')) && performance.now();
    }
    const graphs = [...document.querySelectorAll('.dash-graph, .static-graph')];
    if (!graphs.every(graph => graph.querySelector('.main-svg'))) return false;
    const due = [...document.querySelectorAll('div.chart-slot')].filter(
        slot => slot.getBoundingClientRect().top < window.innerHeight);
    if (!due.every(slot => slot.querySelector('.main-svg'))) return false;
    return performance.now();
}"""

#: true once Dash's page is the one shown (no page written into the document is left in front of it)
HANDED_OVER = """() => !document.documentElement.classList.contains('first-paint')"""

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


#: run in every document before its own scripts: the time each page body first appears in the DOM, and
#: when the router's callback (the one writing the page container) has answered, on the page's clock
MARKS = """(() => {
    const marks = window.__benchmarkMarks = {
        bodies: {}, graphs: {}, charts: {}, router: [], asked: [], plotly: null, busyUntil: 0};
    const look = () => {
        document.querySelectorAll('[data-page], [data-static-page], [data-view="not-found"]').forEach(element => {
            const name = element.getAttribute('data-page') || element.getAttribute('data-view') || 'static';
            if (!(name in marks.bodies)) marks.bodies[name] = performance.now();
            if (!(name in marks.graphs) && element.querySelector('.dash-graph, .static-graph, .first-paint-chart'))
                marks.graphs[name] = performance.now();
            if (!(name in marks.charts) && element.querySelector('.main-svg')) marks.charts[name] = performance.now();
        });
    };
    new MutationObserver(look).observe(document, {childList: true, subtree: true});
    // Dash's page shown in place of the one written into the document (assets/first-paint.js)
    new MutationObserver(() => {
        const root = document.documentElement;
        if (root.classList.contains('first-paint')) marks.written = true;
        else if (marks.written && marks.shown == null) marks.shown = performance.now();
    }).observe(document.documentElement, {attributes: true, attributeFilter: ['class']});
    const fetch = window.fetch;
    window.fetch = function (input, init) {
        const answer = fetch.apply(this, arguments);
        if (init && typeof init.body === 'string' && init.body.includes('_pages_content')) {
            answer.then(() => marks.router.push(performance.now()), () => {});
        }
        return answer;
    };
    // a chart asked for by assets/lazy-charts.js (through Dash's set_props), plotly.js evaluated
    document.addEventListener('DOMContentLoaded', () => {
        const clientside = window.dash_clientside;
        if (!clientside || !clientside.set_props) return;
        const setProps = clientside.set_props;
        clientside.set_props = function (id) {
            if (id && id.type === 'chart-near') marks.asked.push(performance.now());
            return setProps.apply(this, arguments);
        };
    });
    if (!('Plotly' in window)) {
        Object.defineProperty(window, 'Plotly', {configurable: true, enumerable: true, get: () => undefined, set: value => {
            marks.plotly = performance.now();
            Object.defineProperty(window, 'Plotly', {value, writable: true, configurable: true, enumerable: true});
        }});
    }
    // the main thread's long tasks: busy until the end of the last one
    new PerformanceObserver(list => list.getEntries().forEach(entry => {
        marks.busyUntil = Math.max(marks.busyUntil, entry.startTime + entry.duration);
    })).observe({type: 'longtask', buffered: true});
})();"""

#: true once the main thread has had no long task (over 50 ms) for QUIET_MS: the page has settled
SETTLED = """(quiet) => performance.now() - window.__benchmarkMarks.busyUntil > quiet"""
QUIET_MS = 500

#: where a full load's time went (ms since navigation): the document parsed and its scripts run, Dash's
#: layout answered, the page's body in the DOM, plotly.js asked for and received (from the cache when
#: warm), the first chart drawn
LOAD_SPLIT = """() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const layout = resources.find(entry => entry.name.includes('_dash-layout'));
    const plotly = resources.find(entry => /plotly[^/]*\\.js/.test(entry.name));
    const bodies = Object.values(window.__benchmarkMarks.bodies);
    return {
        dom_ready: navigation.domContentLoadedEventEnd,
        layout: layout ? layout.responseEnd : null,
        body: bodies.length ? Math.min(...bodies) : null,
        asked: window.__benchmarkMarks.asked[0] ?? null,
        plotly_asked: plotly ? plotly.startTime : null,
        plotly_in: plotly ? plotly.responseEnd : null,
        plotly_ready: window.__benchmarkMarks.plotly,
        busy_until: window.__benchmarkMarks.busyUntil || null,
        graph: Object.values(window.__benchmarkMarks.graphs)[0] ?? null,
        chart: Object.values(window.__benchmarkMarks.charts)[0] ?? null,
        written: (performance.getEntriesByName('first-paint:drawn')[0] || {}).startTime ?? null,
        shown: window.__benchmarkMarks.shown ?? null,
    };
}"""

#: the link of this page to ``target`` (an address of PAGES): the same address, else the same path, else
#: a page of the same type; None when the page has none
FIND_LINK = """(target) => {
    const wanted = new URL(target, location.href);
    const type = url => url.pathname.split('/').slice(0, 3).join('/');
    const links = [...document.querySelectorAll('a[href]')]
        .filter(link => !link.getAttribute('href').startsWith('#'))
        .map(link => ({href: link.getAttribute('href'), url: new URL(link.getAttribute('href'), location.href)}))
        .filter(link => link.url.origin === location.origin && !link.url.searchParams.has('lang'));
    const found = links.find(link => link.url.pathname + link.url.search === wanted.pathname + wanted.search)
        || links.find(link => link.url.pathname === wanted.pathname)
        || links.find(link => type(link.url) === type(wanted) && link.url.pathname !== location.pathname);
    return found ? found.href : null;
}"""

#: click the link (as a person does: dcc.Link changes the address without a reload), noting the time
CLICK = """(href) => {
    sessionStorage.setItem('benchmarkClick', String(performance.timeOrigin + performance.now()));
    window.__benchmarkStayed = true;
    document.querySelector(`a[href="${CSS.escape(href)}"]`).click();
}"""

#: (ms since the click) once the page of type ``name`` has its body and every chart in view is drawn
ARRIVED = """(name) => {
    const body = document.querySelector(`[data-page="${name}"]`);
    if (!body) return false;
    const graphs = [...document.querySelectorAll('.dash-graph')];
    if (!graphs.every(graph => graph.querySelector('.main-svg'))) return false;
    const due = [...document.querySelectorAll('div.chart-slot')].filter(
        slot => slot.getBoundingClientRect().top < window.innerHeight);
    if (!due.every(slot => slot.querySelector('.main-svg'))) return false;
    return performance.timeOrigin + performance.now() - Number(sessionStorage.getItem('benchmarkClick'));
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


class MainThread:
    """Chromium's own account of the page's main thread (CDP ``Performance.getMetrics``), in ms: the
    time in scripts and in tasks of every kind (scripts, style, layout, parsing, painting)."""

    def __init__(self, page: Any):
        self.session = page.context.new_cdp_session(page)

    def start(self) -> None:
        """Count (a document's counters start with it; within one document, take differences)."""
        self.session.send("Performance.enable")

    def read(self) -> dict[str, float]:
        metrics = {metric["name"]: metric["value"] for metric in self.session.send("Performance.getMetrics")["metrics"]}
        return {"script": metrics["ScriptDuration"] * 1000, "tasks": metrics["TaskDuration"] * 1000}


#: the profiler's self time is told by the script it ran in (the first pattern the address holds)
SCRIPTS = (
    ("react-dom", "React"),
    ("react", "React"),
    ("dash_renderer", "Dash renderer"),
    ("dash_core_components", "dcc"),
    ("dcc/", "dcc"),
    ("plotly", "plotly.js"),
    ("dash_bootstrap_components", "dbc"),
    ("/assets/", "our assets"),
    (".html", "inline plotly.js"),
)
#: the profiler's own names for what is not a script of the page
NOT_SCRIPTS = ("(program)", "(garbage collector)")


class Profile:
    """Chromium's sampling profiler over one load or navigation: the main thread's time by script (React,
    Dash's renderer, dcc, plotly.js …, the garbage collector, and (program): the browser's own work, that
    is style, layout, parsing and painting) and the functions that took most."""

    def __init__(self, thread: MainThread):
        self.session = thread.session

    def start(self) -> None:
        self.session.send("Profiler.enable")
        self.session.send("Profiler.setSamplingInterval", {"interval": 250})
        self.session.send("Profiler.start")

    def stop(self) -> dict[str, Any]:
        profile = self.session.send("Profiler.stop")["profile"]
        self.session.send("Profiler.disable")
        nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
        by_script: dict[str, float] = {}
        by_function: dict[str, float] = {}
        for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
            frame = nodes[sample]
            url, function = frame["url"], frame["functionName"]
            if function == "(idle)":
                continue
            if url:
                script = next((label for pattern, label in SCRIPTS if pattern in url), "other")
            else:  # the browser's own work, or a built-in function, or the benchmark's probes
                script = function if function in NOT_SCRIPTS else "built-in/benchmark"
            by_script[script] = by_script.get(script, 0) + delta / 1000
            name = f"{script}:{function or '(anonymous)'}@{frame['lineNumber']}:{frame['columnNumber']}"
            by_function[name] = by_function.get(name, 0) + delta / 1000
        return {"scripts": by_script, "functions": by_function}


def timed_load(page: Any, url: str, thread: MainThread, profile: Profile | None = None) -> dict[str, Any]:
    """A full load from a blank page: when it is drawn, the split of that time and the main thread's work
    (with ``profile``, profiled, by script)."""
    page.goto("about:blank")
    thread.start()  # the new document's counters start at its navigation
    if profile is not None:
        profile.start()
    drawn = drawn_after(page, url)
    settle(page)
    profiled = {"profile": profile.stop()} if profile is not None else {}
    return {"drawn": drawn, **page.evaluate(LOAD_SPLIT), **thread.read(), **profiled}


def settle(page: Any) -> None:
    """Wait until the main thread has had no long task for QUIET_MS (or gives up after TIMEOUT)."""
    page.wait_for_function(SETTLED, arg=QUIET_MS, polling=100, timeout=TIMEOUT)


def timed_navigation(
    page: Any, source: str, target: str, name: str, thread: MainThread, profile: Profile | None = None
) -> dict[str, Any]:
    """A click on ``source``'s link to ``target`` (page type ``name``), after a full load of ``source``
    with every chart drawn (as a person who has read it): until the new body is there and the charts in
    view are drawn, with the router's answer and the body's arrival on the way, and the main thread's work."""
    page.goto("about:blank")
    drawn_after(page, source)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(HANDED_OVER, timeout=TIMEOUT)
    navigation.draw_every_chart(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    settle(page)
    href = page.evaluate(FIND_LINK, target)
    if href is None:
        raise SystemExit(f"{source} has no link to a {name} page ({target})")
    thread.start()
    before = thread.read()
    if profile is not None:
        profile.start()
    page.evaluate(CLICK, href)
    drawn = float(page.wait_for_function(ARRIVED, arg=name, polling="raf", timeout=TIMEOUT).json_value())
    settle(page)
    profiled = {"profile": profile.stop()} if profile is not None else {}
    split = page.evaluate(
        """(name) => {
            const clicked = Number(sessionStorage.getItem('benchmarkClick')) - performance.timeOrigin;
            const marks = window.__benchmarkMarks || {bodies: {}, router: []};
            const router = marks.router.filter(time => time >= clicked);
            const since = times => (name in times ? times[name] - clicked : null);
            const asked = marks.asked.filter(time => time >= clicked);
            return {
                asked: asked.length ? asked[0] - clicked : null,
                busy_until: marks.busyUntil > clicked ? marks.busyUntil - clicked : null,
                stayed: window.__benchmarkStayed === true,
                router: router.length ? router[0] - clicked : null,
                body: since(marks.bodies),
                graph: since(marks.graphs),
                chart: since(marks.charts),
            };
        }""",
        name,
    )
    after = thread.read()
    used = {key: after[key] - before[key] for key in after}
    return {"drawn": drawn, "href": href, **split, **used, **profiled}


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each measure's median over the runs that have it (None when none has); other values from the first run."""
    result = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values = [run[key] for run in runs if run.get(key) is not None]
            result[key] = statistics.median(values) if values else None
    return result


def layout_size(finished: list[Any]) -> tuple[int, int]:
    """(components, bytes) of the layout response of a full load: what React has to build."""
    for request in finished:
        if "_dash-layout" in request.url:
            response = request.response()
            text = response.text() if response is not None else ""
            return text.count('"namespace"'), len(text.encode())
    return 0, 0


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


def app_headers() -> dict[str, str]:
    """The headers the app sends with every page (dashboard/access/guard.py) but its Content-Security-Policy
    (the static page's scripts are inline): Cross-Origin-Opener-Policy among them, which makes Chromium open
    the page in a renderer process of its own when it comes from another page (about:blank here), as it
    does the app's."""
    from flask import Response

    from dashboard.access.guard import security_headers

    headers = dict(security_headers(Response(), "").headers)
    return {name: value for name, value in headers.items() if name.startswith(("Cross-Origin", "X-", "Referrer"))}


def serve_folder(folder: Path, headers: dict[str, str]) -> tuple[Any, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def end_headers(self) -> None:
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

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
    parser.add_argument(
        "--profile", action="store_true", help="one more warm load and navigation per page, profiled: time by script"
    )
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
        static_server, static_base = serve_folder(static_dir, app_headers())
        plain_server, plain_base = serve_folder(static_dir, {})
        results = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                bench = Bench(
                    browser, base, static_dir, (static_base, plain_base), arguments.repeat, profile=arguments.profile
                )
                floor = bench.floor()
                report_floor(floor)
                for name in names:
                    result = bench.page_type(name)
                    results.append(result)
                    report(result)
                    report_split(result)
                    if "profile" in result:
                        report_profile(result["profile"])
                browser.close()
        finally:
            app_server.shutdown()
            static_server.shutdown()
            plain_server.shutdown()
    print(
        f"\nmedians of {arguments.repeat} (warm, static); goals: warm ≤ {GOAL_RATIO}× static, "
        f"cold transfer ≤ {GOAL_TRANSFER / 2**20:.0f} MiB; shared machine: figures vary with its load"
    )
    report_table(floor, results)


class Bench:
    """The measures of one run: the app on ``base``, the static pages written to ``static_dir`` and
    served on ``static_base``, ``repeat`` warm runs of each."""

    OPTIONS = {"viewport": {"width": 1280, "height": 900}, "locale": "tr-TR", "bypass_csp": True}

    def __init__(
        self, browser: Any, base: str, static_dir: Path, static_bases: tuple[str, str], repeat: int, *, profile: bool
    ):
        self.browser, self.base, self.repeat, self.profile = browser, base, repeat, profile
        self.static_dir = static_dir
        #: the static pages served with the app's headers, and without them
        self.static_base, self.plain_base = static_bases
        self.plotly_js: str | None = None
        self.css = ""

    def context(self) -> Any:
        context = self.browser.new_context(**self.OPTIONS)
        context.add_init_script(MARKS)
        return context

    def floor(self) -> dict[str, Any]:
        """Dash's floor (the not-found view: the shell and a heading) beside the static page of the same
        HTML and CSS (no plotly.js: nothing to draw)."""
        context = self.context()
        page = context.new_page()
        drawn_after(page, self.base + FLOOR)
        page.wait_for_load_state("networkidle")
        thread = MainThread(page)
        warm = median_of([timed_load(page, self.base + FLOOR, thread) for _ in range(self.repeat)])
        page.wait_for_function(HANDED_OVER, timeout=TIMEOUT)
        content = page.evaluate(EXTRACT)
        _, css = page_assets(page)
        context.close()
        written = static_page(self.static_dir, "floor", content, "", css)
        return {
            "page": "floor",
            "warm": warm,
            "static": self.static(written),
            "plain": self.static(written, plain=True),
        }

    def static(self, name: str, *, profiled: bool = False, plain: bool = False) -> dict[str, Any]:
        """The static page's load, served with the app's headers (``plain``: without them)."""
        url = f"{self.plain_base if plain else self.static_base}/{name}"
        context = self.context()
        page = context.new_page()
        thread = MainThread(page)
        if profiled:
            timed_load(page, url, thread)
            result = timed_load(page, url, thread, Profile(thread))
        else:
            result = median_of([timed_load(page, url, thread) for _ in range(self.repeat)])
        context.close()
        return result

    def page_type(self, name: str) -> dict[str, Any]:
        url = self.base + PAGES[name]
        context = self.context()
        page = context.new_page()
        recorder = Recorder(page)
        cold = drawn_after(page, url)
        page.wait_for_load_state("networkidle")
        recorder.stop()
        callbacks, body_step, steps = recorder.chain()
        components, layout_bytes = layout_size(recorder.finished)
        transferred, requests = recorder.transferred(), len(recorder.finished)
        thread = MainThread(page)
        warm = median_of([timed_load(page, url, thread) for _ in range(self.repeat)])
        page.wait_for_function(HANDED_OVER, timeout=TIMEOUT)
        content = page.evaluate(EXTRACT)
        if self.plotly_js is None:
            self.plotly_js, self.css = page_assets(page)
        source = self.base + PAGES[NAVIGATION_FROM[name]]
        navigated = median_of([timed_navigation(page, source, PAGES[name], name, thread) for _ in range(self.repeat)])
        profiles = {}
        if self.profile:
            profiles["profile"] = {
                "warm load": timed_load(page, url, thread, Profile(thread)),
                "in-app": timed_navigation(page, source, PAGES[name], name, thread, Profile(thread)),
                "static": None,
            }
        context.close()
        written = static_page(self.static_dir, name, content, self.plotly_js, self.css)
        static, plain = self.static(written), self.static(written, plain=True)
        if self.profile:
            profiles["profile"]["static"] = self.static(f"{name}.html", profiled=True)
        return {
            **profiles,
            "page": name,
            "charts": len(content["figures"]),
            "cold_ms": cold,
            "warm_ms": warm["drawn"],
            "static_ms": static["drawn"],
            "plain_ms": plain["drawn"],
            "transfer": transferred,
            "requests": requests,
            "callbacks": callbacks,
            "steps": steps,
            "body_step": body_step,
            "components": components,
            "layout_bytes": layout_bytes,
            "warm": warm,
            "static": static,
            "navigation": {**navigated, "from": NAVIGATION_FROM[name]},
        }


#: the steps of a load or navigation, in the order they come: (key, label)
STEPS = (
    ("dom_ready", "DOMContentLoaded"),
    ("layout", "layout answered"),
    ("router", "router answered"),
    ("body", "body"),
    ("asked", "chart asked"),
    ("plotly_asked", "plotly.js asked"),
    ("plotly_in", "in"),
    ("graph", "graph"),
    ("plotly_ready", "plotly.js ready"),
    ("chart", "first chart"),
    ("drawn", "drawn"),
    ("written", "written page drawn"),
    ("shown", "Dash's page shown"),
    ("busy_until", "busy until"),
)


def steps(run: dict[str, Any]) -> str:
    """The run's steps (ms since the navigation or click) that it has, then its main thread's work
    until it settled."""
    passed = "  ".join(f"{label} {run[key]:.0f}" for key, label in STEPS if run.get(key) is not None)
    return f"{passed};  work until quiet: scripts {run['script']:.0f}, main thread {run['tasks']:.0f}"


def report_floor(floor: dict[str, Any]) -> None:
    warm, static = floor["warm"], floor["static"]
    print(
        f"{'floor':<11} Dash {warm['drawn']:>6.0f} ms  static {static['drawn']:>6.0f} ms  ratio "
        f"{warm['drawn'] / static['drawn']:4.2f}×  [{FLOOR}, the not-found view]\n"
        f"{'':<11} warm: {steps(warm)}\n{'':<11} static: {steps(static)}",
        flush=True,
    )


def report_split(result: dict[str, Any]) -> None:
    """Where the warm load's time went, and the in-app navigation's (ms since navigation, since the click)."""
    warm, static, navigated = result["warm"], result["static"], result["navigation"]
    print(
        f"{'':<11} layout {result['components']} components, {result['layout_bytes'] / 1024:.0f} KiB\n"
        f"{'':<11} warm: {steps(warm)}\n{'':<11} static: {steps(static)}\n"
        f"{'':<11} in-app from {navigated['from']} ({navigated['href']}"
        f"{'' if navigated['stayed'] else ', the page was reloaded'}): {steps(navigated)}",
        flush=True,
    )


def report_profile(profiles: dict[str, Any]) -> None:
    """Each profiled run: the main thread's time (ms) by script, and the functions that took most."""
    for label, run in profiles.items():
        scripts = sorted(run["profile"]["scripts"].items(), key=lambda item: -item[1])
        functions = sorted(run["profile"]["functions"].items(), key=lambda item: -item[1])
        top = [(function, time) for function, time in functions if not function.startswith(NOT_SCRIPTS)][:3]
        print(
            f"{'':<11} profile of the {label} (drawn {run['drawn']:.0f} ms): "
            + ", ".join(f"{script} {time:.0f}" for script, time in scripts if time >= 5)
            + "; most: "
            + ", ".join(f"{function} {time:.0f}" for function, time in top),
            flush=True,
        )


def report_table(floor: dict[str, Any], results: list[dict[str, Any]]) -> None:
    """Per page type: static, Dash's floor, warm full load, in-app navigation (ms), and each to static."""
    dash_floor = floor["warm"]["drawn"]
    print(
        f"\nstatic floor {floor['static']['drawn']:.0f} ms ({floor['plain']['drawn']:.0f} without the app's "
        f"headers), Dash floor {dash_floor:.0f} ms\n"
        f"{'page':<11} {'static':>6} {'plain':>6} {'floor':>6} {'warm':>6} {'in-app':>6}"
        f"   floor/s  warm/s  in-app/s  warm/plain"
    )
    for result in results:
        static, plain, navigated = result["static_ms"], result["plain_ms"], result["navigation"]["drawn"]
        print(
            f"{result['page']:<11} {static:>6.0f} {plain:>6.0f} {dash_floor:>6.0f} {result['warm_ms']:>6.0f}"
            f" {navigated:>6.0f}   {dash_floor / static:6.2f}× {result['warm_ms'] / static:6.2f}×"
            f" {navigated / static:7.2f}×  {result['warm_ms'] / plain:8.2f}×",
            flush=True,
        )


def report(result: dict[str, Any]) -> None:
    ratio = result["warm_ms"] / result["static_ms"]
    print(
        f"{result['page']:<11} charts {result['charts']:>2}  cold {result['cold_ms']:>6.0f} ms  "
        f"warm {result['warm_ms']:>6.0f} ms  static {result['static_ms']:>6.0f} ms "
        f"({result['plain_ms']:.0f} without the app's headers)  ratio {ratio:4.2f}×"
        f"{'' if ratio <= GOAL_RATIO else ' (over goal)'}  cold transfer {result['transfer'] / 2**20:5.2f} MiB"
        f"{'' if result['transfer'] <= GOAL_TRANSFER else ' (over goal)'}  requests {result['requests']:>2}  "
        f"callbacks {result['callbacks']:>2}  sequential requests {result['steps']} (body in request "
        f"{result['body_step']}{'' if result['body_step'] <= GOAL_STEPS else ', over goal'})",
        flush=True,
    )


if __name__ == "__main__":
    main()
