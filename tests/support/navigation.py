"""The chain of sequential requests of a navigation in Chromium, read from Playwright's finished requests
(shared by tests/dashboard/test_delivery.py and benchmarks/browser_pages.py).

The requests counted are the document (of a full load) and Dash's own (layout, dependencies, callbacks); a
request is n+1 in the chain when it started after one that is n had finished. The page's body comes in the
document when the server wrote it there (dashboard/first_paint.py), in the layout response when that holds
the page (``data-page``), else in the router's callback (the one writing ``_pages_content``). The data-version poll is left out: it runs on its
own clock, and nothing waits for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

DASH_REQUESTS = ("_dash-layout", "_dash-dependencies", "_dash-update-component")
#: the data-version poll's callback: on its own clock, never on the way to a page (not counted)
POLL_OUTPUT = "data-version.data"


def brings_body(request: Any) -> bool:
    if request.resource_type == "document":
        response = request.response()
        return response is not None and 'class="first-paint-page"' in response.text()
    if "_dash-update-component" in request.url:
        return "_pages_content" in (request.post_data or "")
    if "_dash-layout" in request.url:
        response = request.response()
        return response is not None and '"data-page"' in response.text()
    return False


def chain(finished: Sequence[Any], *, with_document: bool = True) -> tuple[int, int]:
    """(the request of the chain that brought the page's body, 0 when none did; the chain's length)."""
    spans = []
    for request in finished:
        document = with_document and request.resource_type == "document"
        if not document and not any(name in request.url for name in DASH_REQUESTS):
            continue
        if POLL_OUTPUT in (request.post_data or ""):
            continue
        timing = request.timing
        start = timing["startTime"] + max(timing["requestStart"], 0)
        spans.append((start, timing["startTime"] + timing["responseEnd"], brings_body(request)))
    spans.sort()
    depth: list[int] = []
    for index, (start, _end, _body) in enumerate(spans):
        before = [depth[other] for other in range(index) if spans[other][1] <= start]
        depth.append(1 + max(before, default=0))
    body = next((depth[index] for index, span in enumerate(spans) if span[2]), 0)
    return body, max(depth, default=0)


def callback_outputs(finished: Sequence[Any]) -> list[str]:
    """The outputs of the callback requests (``navbar.children`` …), in the order they finished."""
    import json

    return [json.loads(request.post_data)["output"] for request in finished if "_dash-update-component" in request.url]


#: true once every chart of the page is drawn (those drawn on approach included)
EVERY_CHART_DRAWN = """() => [...document.querySelectorAll('figure.chart')].every(
    figure => figure.querySelector('.js-plotly-plot .main-svg'))"""


def draw_every_chart(page: Any) -> None:
    """Scroll to each chart of the page in turn (a chart is drawn when it comes near the view), then
    wait until every one is drawn."""
    for figure in page.locator("figure.chart").all():
        figure.scroll_into_view_if_needed()
    page.wait_for_function(EVERY_CHART_DRAWN)


def router_request(pathname: str, search: str = "") -> dict[str, Any]:
    """The body the browser posts when Dash pages routes to ``pathname`` + ``search`` (its router's
    callback, for tests and benchmarks that ask for a page's body without a browser)."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
