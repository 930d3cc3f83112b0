"""Pages that follow the data: the cheap version check, page bodies that re-render on a new
version, and error containment (a failing view shows a short notice; details go to the log).

The shell's interval asks :meth:`warehouse.Reader.data_version` (one tiny query)
every few seconds and writes the ``DATA_VERSION`` store only when the version
changed. Each page keeps the version it was rendered at in its state store and
re-renders its body when the store moves past it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard.components.common import error_view
from dashboard.context import get_context
from dashboard.i18n import language

log = logging.getLogger(__name__)

Render = Callable[[dict[str, Any]], Any]


def current_version() -> int:
    return get_context().reader.data_version()[0]


def safe_render(render: Render, view: dict[str, Any]) -> Any:
    """``render(view)``, or a short error notice (logged with its traceback) when it fails."""
    try:
        return render(view)
    except Exception:  # noqa: BLE001 - the user sees a notice, the log gets the traceback
        log.exception("rendering %s failed", view)
        return error_view(language(view.get("lang")))


def page(state_id: str, body_id: str, view: dict[str, Any], render: Render) -> html.Div:
    """A page: its state (the view read from the URL, with the data version) and its body."""
    view = {**view, "version": current_version()}
    return html.Div([dcc.Store(id=state_id, data=view), html.Div(safe_render(render, view), id=body_id)],
                    className="page", **{"data-page": state_id.removesuffix("-state")})


def refresh(version: int | None, view: dict[str, Any] | None, render: Render) -> Any:
    """The body again when ``version`` differs from the one the page was rendered at."""
    if version is None or not view or version == view.get("version"):
        raise PreventUpdate
    return safe_render(render, {**view, "version": version})
