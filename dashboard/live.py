"""Pages that follow the data: the cheap version check, page bodies that re-render on a new
version, and error containment (a failing view shows a short notice; details go to the log).

The shell's interval asks :meth:`warehouse.Reader.data_version` (one tiny query)
every few seconds and writes the ``DATA_VERSION`` store only when the version
changed. Each page keeps the version it was rendered at in its state store and
re-renders its body when the store moves past it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from dash import dcc, html
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.attributes import attributes
from dashboard.components.common import error_view
from dashboard.context import get_context
from dashboard.state import ViewState

log = logging.getLogger(__name__)

Render = Callable[[Any], Any]


FileKey = tuple[str, int | None, int, int]
_version_by_file: dict[FileKey, int] = {}


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
    """The published data version, asked again only when the file changed: one ``stat`` per page otherwise."""
    key = _published_file()
    if key not in _version_by_file:
        _version_by_file.clear()
        _version_by_file[key] = get_context().reader.data_version()[0]
    return _version_by_file[key]


def snapshot_token() -> str:
    """What identifies the published snapshot for the render cache: the file itself, not only its
    version number. A warehouse put back from a backup starts counting again from an older version,
    and the next load reuses a number whose pages were rendered from other data."""
    key = _published_file()
    return f"{current_version()}:{key[1]}:{key[2]}:{key[3]}"


class RenderCache:
    """Rendered page bodies by (page, view state, published snapshot): a published snapshot never
    changes, so a body rendered from one serves every later request for the same view until the next
    load. The oldest entries go first; a failed render is never kept."""

    def __init__(self, size: int = 64):
        self.size = size
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(render: Render, view: ViewState, snapshot: str) -> str:
        state = json.dumps(view.to_store(), sort_keys=True, default=str)
        return f"{render.__module__}.{render.__qualname__}:{type(view).__name__}:{state}:{snapshot}"

    def get(self, key: str) -> Any:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        return None

    def put(self, key: str, body: Any) -> None:
        with self._lock:
            self._entries[key] = body
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


CACHE = RenderCache()
_ENCODER = PlotlyJSONEncoder()


def _plain(value: Any) -> Any:
    """What the JSON encoder is given for a value it does not know: a component's or a figure's own
    JSON data, else what plotly's encoder makes of it (arrays, dates, decimals …). One pass of the C
    encoder: Dash's ``to_json`` encodes, decodes and encodes again (to write NaN as null), which the
    response's encoding does anyway."""
    if hasattr(value, "to_plotly_json"):
        return value.to_plotly_json()
    return _ENCODER.default(value)


def safe_render(render: Render, view: ViewState) -> Any:
    """``render(view)`` (from the cache when this view was rendered from the published snapshot of
    now), or a short error notice (logged with its traceback) when it fails."""
    key = RenderCache.key(render, view, snapshot_token())
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    try:
        # kept as plain JSON data: Dash sends it as it is, without walking a component tree again
        # (NaN and infinities as null, as plotly writes them: a body holding one would make every response
        # that carries it encoded twice more by plotly's encoder, which looks for them)
        body = json.loads(json.dumps(render(view), default=_plain), parse_constant=lambda _constant: None)
    except Exception:  # noqa: BLE001 - the user sees a notice, the log gets the traceback
        log.exception("rendering %s failed", view)
        return error_view(view.lang)
    CACHE.put(key, body)
    return body


def page(state_id: str, body_id: str, view: ViewState, render: Render) -> html.Div:
    """A page: its state (the view read from the URL, with the data version), the address its controls'
    callbacks write to (inserted with them, so that Dash does not fire those callbacks when it inserts
    the page) and its body."""
    version = current_version()
    return html.Div(
        [
            dcc.Store(id=state_id, data={**view.to_store(), "version": version}),
            dcc.Location(id=ids.PAGE_NAVIGATE, refresh="callback-nav"),
            html.Div(safe_render(render, view), id=body_id),
        ],
        className="page",
        **attributes(data_page=state_id.removesuffix("-state")),
    )


def refresh(version: int | None, stored: dict[str, Any] | None, state: type[ViewState], render: Render) -> Any:
    """The body again when ``version`` differs from the one the page was rendered at (``stored``:
    the page's store, the view's :meth:`ViewState.to_store` data with its data version)."""
    if version is None or not stored or version == stored.get("version"):
        raise PreventUpdate
    return safe_render(render, state.from_store(stored))
