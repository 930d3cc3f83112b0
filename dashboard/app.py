"""Build the Dash app: :func:`create_app` (cheap: reads the plan files, queries nothing).

Every Flask route beside the Dash pages is registered by a ``register_…(server, context)`` function
listed in :data:`ROUTES`, imported here by name, so a renamed or missing module fails at start.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import dash
from flask import Flask, abort, jsonify, send_file
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import delivery, first_paint, shell
from dashboard.access import guard, sessions
from dashboard.access.admin import register_admin_routes
from dashboard.access.routes import register_access_routes
from dashboard.context import AppContext, set_context
from dashboard.downloads.brief_download import register_brief_routes
from dashboard.downloads.entry_template import register_routes as register_entry_template_route
from dashboard.downloads.monitoring_xlsx import register_routes as register_monitoring_routes
from dashboard.downloads.routes import register_export_routes
from dashboard.i18n import show_times_in
from dashboard.not_found import register_not_found_status
from dashboard.reports.routes import register_routes as register_report_routes
from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings
from operations.database import migrate, open_database
from warehouse import Reader
from warehouse.queries.loads import last_load
from warehouse.reader import publication

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
PAGES_DIR = PACKAGE_DIR / "pages"
ASSETS_DIR = PACKAGE_DIR / "assets"


#: Bootstrap's stylesheet, served from the Bootstrap-Flask package (no CDN), its address versioned
BOOTSTRAP_URL = delivery.BOOTSTRAP_PATH

INDEX_STRING = """<!DOCTYPE html>
<html lang="tr">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        <!-- the layout and the callbacks' list, asked while the scripts load (dashboard/app.py) -->
        <link rel="preload" href="{%prefix%}_dash-layout" as="fetch" crossorigin>
        <link rel="preload" href="{%prefix%}_dash-dependencies" as="fetch" crossorigin>
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def create_app(
    settings: Settings,
    *,
    plans: dict[str, Plan] | None = None,
    reader: Reader | None = None,
    check_interval_ms: int = shell.CHECK_INTERVAL_MS,
) -> dash.Dash:
    """The dashboard for ``settings`` (plans are read from ``settings.plan_files`` unless given).

    ``check_interval_ms``: how often open pages check the published data version. The operational
    database is migrated to the newest schema (a no-op when it is there already).
    """
    database = open_database(settings)
    migrate(database)
    context = AppContext(
        settings=settings,
        plans=plans if plans is not None else load_plans(settings.plan_files),
        reader=reader or Reader(settings.published_file),
        database=database,
    )
    set_context(context)
    show_times_in(settings.time_zone)
    server = Flask("gosterge")
    delivery.install(server)
    app = dash.Dash(
        __name__,
        server=server,  # type: ignore[arg-type]  # Dash documents a Flask instance here; its annotation omits it
        use_pages=True,
        pages_folder=str(PAGES_DIR),
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title="Gösterge",
        update_title=None,  # type: ignore[arg-type]  # documented: None keeps the title while updating
        external_stylesheets=[delivery.bootstrap_url()],
        on_error=shell.notify_error,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}, delivery.plotly_meta()],
        assets_ignore=delivery.ASSETS_IGNORE,  # plotly.js: fetched by the first chart (dashboard/delivery.py)
    )
    # Dash's renderer asks for the layout (which carries the page: dashboard/initial_page.py) and the callbacks
    # only once its 1.5 MiB of scripts have run; preloaded, the server renders the page while the browser
    # evaluates them (the renderer's fetch takes the preloaded answer: same address, mode and credentials)
    app.index_string = INDEX_STRING.replace("{%prefix%}", app.config.requests_pathname_prefix)
    app.layout = functools.partial(shell.shell_layout, check_interval_ms=check_interval_ms)
    first_paint.install(app)  # a full load shows the page before Dash has booted
    shell.register_callbacks(app)
    _register_vendor_route(server)
    server.wsgi_app = TrustedProxies(server.wsgi_app, context)  # type: ignore[method-assign]
    sessions.configure(server, settings)
    guard.install(server, context, app.csp_hashes)
    for register in ROUTES:
        register(server, context)
    return app


class TrustedProxies:
    """werkzeug's ProxyFix for the ``GOSTERGE_TRUSTED_PROXIES`` reverse proxies in front (read at each
    request, as the access mode is): with N, the last N hops of X-Forwarded-For, -Proto and -Host give
    the client's address, the scheme and the host; with 0 (the default) those headers are ignored."""

    def __init__(self, app: Any, context: AppContext):
        self.app = app
        self.context = context
        self._fixed: dict[int, ProxyFix] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        hops = self.context.settings.trusted_proxies
        if hops == 0:
            return self.app(environ, start_response)
        if hops not in self._fixed:
            self._fixed[hops] = ProxyFix(self.app, x_for=hops, x_proto=hops, x_host=hops)
        return self._fixed[hops](environ, start_response)


def _register_vendor_route(server: Flask) -> None:
    @server.get(BOOTSTRAP_URL)
    def bootstrap_css():  # type: ignore[no-untyped-def]
        try:
            path = resources.files("flask_bootstrap") / "static" / "bootstrap5" / "css" / "bootstrap.min.css"
        except ModuleNotFoundError:
            abort(404)
        return send_file(str(path), mimetype="text/css", max_age=86400)


def health(context: AppContext) -> dict[str, object]:
    """What GET /healthz answers: data version, last load time and source, status; all read from one
    snapshot on one cursor, so the version and the load belong together."""
    with context.reader.connect() as connection:
        version, published_at = publication(connection)
        last = last_load(connection)
    loaded = last.iloc[0] if not last.empty else None
    return {
        "status": "ok" if version > 0 else "empty",
        "data_version": version,
        "published_at": published_at,
        "last_load_at": loaded["finished_at"].isoformat() if loaded is not None else None,
        "last_source": loaded["source_id"] if loaded is not None else None,
        "plans": list(context.plans),
        "checked_at": datetime.now().isoformat(timespec="seconds"),
    }


def register_health_route(server: Flask, context: AppContext) -> None:
    @server.get("/healthz")
    def healthz():  # type: ignore[no-untyped-def]
        try:
            return jsonify(health(context))
        except Exception:  # noqa: BLE001 - health must answer, the log keeps the details
            log.exception("health check failed")
            return jsonify({"status": "error", "data_version": None, "last_load_at": None, "last_source": None}), 503


#: every route beside the Dash pages, each registered as register(server, context)
ROUTES: tuple[Callable[[Flask, AppContext], None], ...] = (
    register_health_route,
    register_not_found_status,
    register_export_routes,
    register_monitoring_routes,
    register_brief_routes,
    register_report_routes,
    register_access_routes,
    register_admin_routes,
    register_entry_template_route,
)
