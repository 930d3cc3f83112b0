"""Pages that follow the data: the cheap version check, page bodies that re-render on a new
version, and error containment (a failing view shows a short notice; details go to the log).

Rendered bodies are kept by :mod:`dashboard.page_cache` under the data tokens of what each page reads:
a load renders again only the pages whose data it changed.

The shell's interval asks :meth:`warehouse.Reader.data_version` (one tiny query)
every few seconds and writes the ``DATA_VERSION`` store only when the version
changed. Each page keeps the version it was rendered at in its state store and
re-renders its body when the store moves past it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import orjson
import plotly.io
from dash import dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids, page_cache
from dashboard.attributes import attributes
from dashboard.components.common import error_view
from dashboard.context import get_context
from dashboard.state import ViewState
from gosterge.plan import Plan
from warehouse.queries.versions import read_tokens, tokens_digest

log = logging.getLogger(__name__)

Render = Callable[[Any], Any]


FileKey = tuple[str, int | None, int, int]
_version_by_file: dict[FileKey, int] = {}
_version_lock = threading.Lock()


def _published_file() -> FileKey:
    """The published file as it is now: its path, inode, modification time and size. A new version
    is always a new file (an atomic swap). An inode alone can come back (the file of an earlier version
    is freed by the swap and its inode given to a later one), which left pages on the old version after
    a quick run of publications."""
    reader = get_context().reader
    try:
        found = os.stat(reader.path)
    except FileNotFoundError:
        return (str(reader.path), None, 0, 0)
    return (str(reader.path), found.st_ino, found.st_mtime_ns, found.st_size)


def current_version() -> int:
    """The published data version, asked again only when the file changed: one ``stat`` per page otherwise.
    The version is returned from a local, never read back from the shared dict: another thread may have
    emptied it for a newer file in between (a KeyError under concurrent requests)."""
    key = _published_file()
    version = _version_by_file.get(key)
    if version is None:
        version = get_context().reader.data_version()[0]
        with _version_lock:
            _version_by_file.clear()
            _version_by_file[key] = version
    return version


def snapshot_token() -> str:
    """What identifies the published snapshot for the page cache of a warehouse without data tokens: the
    file itself, not only its version number. A warehouse put back from a backup starts counting again
    from an older version, and the next load reuses a number whose pages were rendered from other data."""
    key = _published_file()
    return f"{current_version()}:{key[1]}:{key[2]}:{key[3]}"


_ENCODER = PlotlyJSONEncoder()

#: Dash encodes every response with plotly's ``to_json``. With the orjson engine a body's JSON text (an
#: ``orjson.Fragment``, :class:`Body`) goes into the response as it is; the json engine cannot take one.
plotly.io.json.config.default_engine = "orjson"


def _plain(value: Any) -> Any:
    """What the JSON encoder is given for a value it does not know: a component's or a figure's own
    JSON data, else what plotly's encoder makes of it (arrays, dates, decimals …): orjson's ``default``."""
    if isinstance(value, Component):
        return component_json(value)
    if hasattr(value, "to_plotly_json"):
        return value.to_plotly_json()
    return _ENCODER.default(value)


def component_json(component: Component) -> dict[str, Any]:
    """``component.to_plotly_json()``, the same data, read from the properties it was given. Dash's own asks
    each of the component's possible properties (about twenty for an HTML element) whether it was set, and
    each attribute whether it is a ``data-``/``aria-`` one: 14 µs a component, and a district page holds
    2,600 of them (its tables' cells), a third of its render (issue 16). tests/dashboard/test_live.py
    compares the two on every component of every page type."""
    given = component.__dict__
    props = {name: given[name] for name in given["_prop_names"] if name in given}
    wildcards = tuple(given["_valid_wildcard_attributes"])
    if wildcards:
        props.update({name: value for name, value in given.items() if name.startswith(wildcards)})
    return {"props": props, "type": component._type, "namespace": component._namespace}


class Body:
    """A rendered page body: its JSON text, which goes into Dash's response as it is (plotly's ``to_json`` asks
    for ``to_plotly_json`` and hands orjson the fragment), never decoded and encoded again."""

    __slots__ = ("text",)

    def __init__(self, text: bytes) -> None:
        self.text = text

    def to_plotly_json(self) -> orjson.Fragment:
        return orjson.Fragment(self.text)

    def data(self) -> Any:
        """The body as JSON data (for tests and tools; the server never needs it)."""
        return orjson.loads(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Body) and other.text == self.text

    __hash__ = None  # type: ignore[assignment]  # compared by its text, which is not a reason to hash it

    def __repr__(self) -> str:
        return self.text.decode()


def safe_render(render: Render, view: ViewState) -> Body | Component:
    """``render(view)`` as a :class:`Body`, from the page cache when this view was rendered from the data it
    reads now (:mod:`dashboard.page_cache`), or a short error notice (logged with its traceback) when it
    fails. A failed render is never kept, nor a body rendered while another snapshot was published."""
    context = get_context()
    cache = page_cache.cache_for(context.settings)
    published = _published_file()
    key = _cache_key(render, view)
    if key is not None:
        cached = cache.get(key)
        if isinstance(cached, bytes):
            return Body(cached)
    try:
        text = render_body(render, view)
    except Exception:  # noqa: BLE001 - the user sees a notice, the log gets the traceback
        log.exception("rendering %s failed", view)
        return error_view(view.lang)
    if key is not None and _published_file() == published:
        cache.put(key, text)
    return Body(text)


def render_body(render: Render, view: ViewState) -> bytes:
    """``render(view)`` as JSON text, never from a cache, in one pass of orjson's encoder (NaN and infinities
    as null, as plotly writes them). Dash sends it as it is (:class:`Body`): it was encoded three times
    and decoded twice before, a fifth of a districts page's render at national scale (issue 16)."""
    return encode(render(view))


def encode(value: Any) -> bytes:
    """``value`` (components, figures, plain data) as JSON text: the one way bodies and kept parts are encoded."""
    return orjson.dumps(value, default=_plain, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)


def encoded(component: Any) -> Body:
    """``component`` encoded once, to be placed in pages as it is: for a part that is the same on every render
    that shows it (keep it under everything it shows). Dash and :func:`render_body` send its text unchanged."""
    return Body(encode(component))


#: the data part of page keys, by (published file, plan, indicators read): a snapshot's tokens never change
TokensKey = tuple[FileKey, str, tuple[str, ...] | None]
_data_by_snapshot: dict[TokensKey, str] = {}
_data_lock = threading.Lock()


def _cache_key(render: Render, view: ViewState) -> str | None:
    """The page cache's key of ``render(view)``: by the data tokens the page reads, or by the published
    file when the warehouse has none yet; None (not cached) when the tokens cannot be read."""
    found = _data_for(view)
    if found is None:
        return None
    plan, data = found
    return page_cache.page_key(render, view, plan, get_context().settings, data)


def _data_for(view: ViewState) -> tuple[Plan, str] | None:
    """(the view's plan, :func:`_data_of` what its page reads); None for an unknown plan or when the tokens
    cannot be read (logged: the page is still rendered, only neither kept nor compared)."""
    plan = get_context().plans.get(view.plan)
    if plan is None:
        return None
    try:
        return plan, _data_of(plan, page_cache.indicators_read(view, plan))
    except Exception:  # noqa: BLE001 - see the docstring
        log.exception("the data tokens of %s could not be read", view)
        return None


def _data_of(plan: Plan, indicators: list[str] | None) -> str:
    """The digest of the tokens of ``plan`` and ``indicators`` (None: all) in the published snapshot, asked
    once per snapshot (one ``stat`` otherwise); the snapshot's identity when it has no tokens."""
    published = _published_file()
    remembered = (published, plan.code, None if indicators is None else tuple(indicators))
    data = _data_by_snapshot.get(remembered)
    if data is not None:
        return data
    reader = get_context().reader
    with reader.connect() as connection:  # the plan's tokens read once per snapshot, each page's digest from them
        tokens = reader.fact(("plan_tokens", plan.code), lambda: read_tokens(connection, plan=plan.code))
    data = f"tokens:{tokens_digest(tokens, indicators)}" if tokens is not None else f"snapshot:{snapshot_token()}"
    if _published_file() == published:  # the tokens read are this file's
        with _data_lock:
            if any(key[0] != published for key in _data_by_snapshot):
                _data_by_snapshot.clear()
            _data_by_snapshot[remembered] = data
    return data


def page(state_id: str, body_id: str, view: ViewState, render: Render) -> html.Div:
    """A page: its state (the view read from the URL, with the data version), the address its controls'
    callbacks write to (inserted with them, so that Dash does not fire those callbacks when it inserts
    the page) and its body. The version and the data read are taken before the body is rendered: a load
    published meanwhile then finds the page stamped older than its body and draws it again (one body more),
    where stamps taken after it would claim the new data for a body of the old, which no poll would mend."""
    stamps = {"version": current_version(), "data": data_read(view)}
    body: Any = safe_render(render, view)  # a Body is JSON Dash sends as it is, which its annotations do not know
    return html.Div(
        [
            dcc.Store(id=state_id, data={**view.to_store(), **stamps}),
            dcc.Location(id=ids.PAGE_NAVIGATE, refresh="callback-nav"),
            html.Div(body, id=body_id),
        ],
        className="page",
        **attributes(data_page=state_id.removesuffix("-state")),
    )


def data_read(view: ViewState) -> str | None:
    """What identifies the data the page of ``view`` reads now (the digest of its data tokens); None when
    unknown (no such plan, or a warehouse without tokens, whose every load changes everything)."""
    found = _data_for(view)
    return found[1] if found is not None and found[1].startswith("tokens:") else None


def refresh(version: int | None, stored: dict[str, Any] | None, state: type[ViewState], render: Render) -> Any:
    """The body again when ``version`` differs from the one the page was rendered at and the data the page
    reads changed with it (``stored``: the page's store, the view's :meth:`ViewState.to_store` data with
    its data version and :func:`data_read`). A load that did not touch the page's data leaves the page
    on screen as it is: nothing is sent, and the browser draws nothing again."""
    if version is None or not stored or version == stored.get("version"):
        raise PreventUpdate
    view = state.from_store(stored)
    if stored.get("data") is not None and data_read(view) == stored["data"]:
        raise PreventUpdate
    return safe_render(render, view)
