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
from dash._utils import to_json
from dash.exceptions import PreventUpdate

from dashboard.attributes import attributes
from dashboard.components.common import error_view
from dashboard.context import get_context
from dashboard.state import ViewState

log = logging.getLogger(__name__)

Render = Callable[[Any], Any]


_version_by_inode: dict[tuple[str, int | None], int] = {}


def current_version() -> int:
    """The published data version. A new version is always a new file (an atomic swap), so the
    version is asked again only when the file's inode changed: one ``stat`` per page otherwise."""
    reader = get_context().reader
    try:
        inode: int | None = os.stat(reader.path).st_ino
    except FileNotFoundError:
        inode = None
    key = (str(reader.path), inode)
    if key not in _version_by_inode:
        _version_by_inode.clear()
        _version_by_inode[key] = reader.data_version()[0]
    return _version_by_inode[key]


class RenderCache:
    """Rendered page bodies by (page, view state, data version): a published snapshot never changes,
    so a body rendered for one version serves every later request for the same view until the next
    load. The oldest entries go first; a failed render is never kept."""

    def __init__(self, size: int = 64):
        self.size = size
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(render: Render, view: ViewState, version: int) -> str:
        state = json.dumps(view.to_store(), sort_keys=True, default=str)
        return f"{render.__module__}.{render.__qualname__}:{type(view).__name__}:{state}:{version}"

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


def safe_render(render: Render, view: ViewState, version: int) -> Any:
    """``render(view)`` (from the cache when this view was rendered for this data version), or a
    short error notice (logged with its traceback) when it fails."""
    key = RenderCache.key(render, view, version)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    try:
        # kept as plain JSON data: Dash sends it as it is, without walking a component tree again
        body = json.loads(to_json(render(view)))
    except Exception:  # noqa: BLE001 - the user sees a notice, the log gets the traceback
        log.exception("rendering %s failed", view)
        return error_view(view.lang)
    CACHE.put(key, body)
    return body


def page(state_id: str, body_id: str, view: ViewState, render: Render) -> html.Div:
    """A page: its state (the view read from the URL, with the data version) and its body."""
    version = current_version()
    return html.Div(
        [
            dcc.Store(id=state_id, data={**view.to_store(), "version": version}),
            html.Div(safe_render(render, view, version), id=body_id),
        ],
        className="page",
        **attributes(data_page=state_id.removesuffix("-state")),
    )


def refresh(version: int | None, stored: dict[str, Any] | None, state: type[ViewState], render: Render) -> Any:
    """The body again when ``version`` differs from the one the page was rendered at (``stored``:
    the page's store, the view's :meth:`ViewState.to_store` data with its data version)."""
    if version is None or not stored or version == stored.get("version"):
        raise PreventUpdate
    return safe_render(render, state.from_store(stored), version)
