"""Not found is an HTTP answer too: the HTML of an address that no page answers, or whose plan,
code or year names nothing, is sent with status 404 (the page itself shows the not-found view).

Dash sends the same HTML shell for every address and draws the page later, so the status is
decided on the server when the shell is requested: the address is matched to its page as Dash
matches it, and the page's layout is asked for the view. The body it renders is kept in the
per-data-version render cache (:mod:`dashboard.live`), so the browser's own layout request that
follows is served from the cache: the check costs no second render.
"""

from __future__ import annotations

from typing import Any

from dash._pages import _path_to_page  # Dash's own matching of an address to a registered page
from flask import Flask, Response, request

from dashboard.context import AppContext

#: the endpoints under which Dash serves its HTML shell for a page address (its index and catch-all);
#: every other route (downloads, /healthz, sign-in, assets …) answers its own status
DASH_PAGE_ENDPOINTS = ("/", "/<path:path>")


def is_not_found(path: str, query: dict[str, Any]) -> bool:
    """True when ``path`` with ``query`` shows the not-found view (or no page answers it)."""
    page, variables = _path_to_page(path.strip("/"))
    if not page or page.get("path") == "/404":
        return True
    arguments = {**query, **(variables or {})}
    layout = page["layout"](**arguments) if callable(page["layout"]) else page["layout"]
    return getattr(layout, "className", None) == "not-found"


def register_not_found_status(server: Flask, context: AppContext) -> None:
    """Pages that show the not-found view answer 404 (registered by dashboard.app.ROUTES)."""

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.mimetype == "text/html"
            and request.endpoint in DASH_PAGE_ENDPOINTS
            and is_not_found(request.path, request.args.to_dict())
        ):
            response.status_code = 404
        return response
