"""The page in the layout response: a navigation's content in two sequential requests (the document,
then Dash's layout), not four.

Dash pages draw an address in steps: the layout (the shell, its page container empty), then, once the
shell's ``dcc.Location`` components have read the address from the browser, the router's callback
with the page's body and the navigation bar's callback, and after those the callbacks Dash fires for
the controls they inserted. The browser names the address it is at in the layout request itself
(``Referer``: the Referrer-Policy ``same-origin`` of :mod:`dashboard.access.guard` keeps it for the
site's own requests), so the layout can carry the navigation bar and the page, and the Locations the
address they would read: they then have nothing to report, and no callback runs before the first
drawing. Without a ``Referer`` (a proxy that drops it), or when the page fails to render here, the
layout is the empty frame and Dash's router fills it as before.

The page is found as Dash's router finds it (``dash._pages``: its address templates, the not-found
page for an address no page answers), so the two ways cannot disagree.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import dash
import flask
from dash import _pages, dcc, html

log = logging.getLogger(__name__)

#: the ids Dash pages give its container (dash.dash._ID_…): its router callback writes to them
LOCATION, CONTENT, STORE, DUMMY = "_pages_location", "_pages_content", "_pages_store", "_pages_dummy"
LAYOUT_ROUTE = "_dash-layout"
#: flask.g's name for the address of the document whose page is being written (:func:`written_for`)
DOCUMENT_ADDRESS = "gosterge_document_address"
NOT_FOUND_MODULE = "not_found_404"

Address = tuple[str, str]


def address() -> Address | None:
    """(pathname, search) of the page the browser asks the layout for, as its ``window.location``
    has them, or of the document being written (:func:`written_for`); None outside those requests or
    when the browser does not say."""
    if not flask.has_request_context():
        return None
    written = flask.g.get(DOCUMENT_ADDRESS)
    if written is not None:
        return written  # type: ignore[no-any-return]
    if not flask.request.path.endswith(LAYOUT_ROUTE):
        return None
    referrer = flask.request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != flask.request.host:
        return None
    return parts.path or "/", f"?{parts.query}" if parts.query else ""


@contextmanager
def written_for(at: Address) -> Iterator[None]:
    """Within it, the layout is the page at ``at``: the document's own address, for the page written into
    the document (:mod:`dashboard.first_paint`)."""
    flask.g.setdefault(DOCUMENT_ADDRESS, None)
    setattr(flask.g, DOCUMENT_ADDRESS, at)
    try:
        yield
    finally:
        setattr(flask.g, DOCUMENT_ADDRESS, None)


def location_props(at: Address | None) -> dict[str, Any]:
    """A ``dcc.Location``'s pathname and search, preset to the address when it is known (the Location
    then sets nothing when it mounts, so the callbacks reading it do not fire)."""
    if at is None:
        return {}
    pathname, search = at
    return {"pathname": pathname, "search": search}


def page_layout(pathname: str, search: str) -> tuple[Any, Any]:
    """(layout, title) of the page at ``pathname`` + ``search``, as Dash's router computes them."""
    page, variables = _pages._path_to_page(dash.strip_relative_path(pathname))  # noqa: SLF001 - the router's own lookup
    if not page:
        page = next(
            (item for module, item in _pages.PAGE_REGISTRY.items() if module.split(".")[-1] == NOT_FOUND_MODULE),
            {"layout": html.H1("404"), "title": "Gösterge"},
        )
        variables = None
    layout, title = page.get("layout", ""), page["title"]
    if callable(layout):
        layout = layout(**{**(variables or {}), **_pages._parse_query_string(search)})  # noqa: SLF001
    if callable(title):
        title = title(**(variables or {}))
    return layout, title


def page_container(at: Address | None) -> Any:
    """Dash's page container, holding the page at ``at`` when it is known and renders."""
    if at is None:
        return dash.page_container
    try:
        layout, title = page_layout(*at)
    except Exception:  # noqa: BLE001 - the router renders it again (and reports) after the layout
        log.exception("the page %s%s could not be put in the layout", *at)
        return dash.page_container
    return html.Div(
        [
            dcc.Location(id=LOCATION, refresh="callback-nav", **location_props(at)),
            html.Div(layout, id=CONTENT, disable_n_clicks=True),
            dcc.Store(id=STORE, data={"title": title}),
            html.Div(id=DUMMY, disable_n_clicks=True),
        ]
    )
