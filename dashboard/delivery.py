"""How responses travel: compressed (brotli or gzip, as the browser asks) and, for files whose address
names their version, kept by the browser for a year.

- Dash's own scripts (``/_dash-component-suites/…`` with its fingerprint in the name) already say
  ``max-age=31536000``; its lazily loaded chunks (``async-graph.js`` …) carry no version and keep
  Dash's revalidation (ETag).
- Our assets are addressed ``/assets/NAME?m=MTIME`` by Dash: with that ``m`` they are cached for a year
  (a changed file has a new mtime, so a new address); without it, revalidated.
- Bootstrap's stylesheet is addressed with the Bootstrap-Flask package's version (:func:`bootstrap_url`),
  Dash's favicon with Dash's (``?v=``).

plotly.js (our bundle, ``assets/plotly-gosterge.min.js``) is not one of the page's scripts: Dash would put
every script of the assets folder on every page, and pages without a chart would pay for it. The page
names its versioned address in a meta tag (:func:`plotly_meta`), and assets/lazy-charts.js hands that to
dcc.Graph, which fetches it when it draws the first chart.

Compressing a static file costs the same every time, so the compressed bytes of the versioned files
are kept (a bounded cache: an address that varies only in its query cannot fill the memory). Dash's
own ``compress=True`` installs the same library without that cache (and means to limit it to gzip).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from functools import cache
from importlib import metadata
from pathlib import Path

from flask import Flask, Response, request
from flask_compress import Compress

#: a year, the longest cache lifetime browsers honour
YEAR = 31_536_000
BOOTSTRAP_PATH = "/vendor/bootstrap.min.css"
#: compressed static files kept in memory (each a few KiB to 0.5 MiB compressed)
CACHED_FILES = 64
#: dcc.Graph's lazily loaded code
GRAPH_CHUNK = "dcc/async-graph.js"
#: our plotly.js (tools/plotly-bundle), fetched by dcc.Graph for the first chart, not put on every page
PLOTLY_BUNDLE = "plotly-gosterge.min.js"
#: the script of the page written into the document (dashboard/first_paint.py), put there by it
FIRST_PAINT_SCRIPT = "first-paint.js"
#: Dash's ``assets_ignore``: the assets it does not put on the page (still served)
ASSETS_IGNORE = "(" + "|".join(re.escape(name) for name in (PLOTLY_BUNDLE, FIRST_PAINT_SCRIPT)) + ")$"
ASSETS_DIR = Path(__file__).resolve().parent / "assets"


def plotly_meta() -> dict[str, str]:
    """The page's meta tag naming the plotly.js bundle's versioned address (read by assets/lazy-charts.js)."""
    return {"name": "gosterge-plotly", "content": plotly_url()}


def plotly_url() -> str:
    """The bundle's address, versioned by its content (so cached for a year, and new when rebuilt)."""
    return asset_url(PLOTLY_BUNDLE)


@cache
def asset_url(name: str) -> str:
    """The address of the asset ``name``, versioned by its content (so cached for a year, and new when changed)."""
    digest = hashlib.sha256((ASSETS_DIR / name).read_bytes()).hexdigest()[:16]
    return f"/assets/{name}?m={digest}"


def bootstrap_url() -> str:
    """Bootstrap's stylesheet, its address carrying the version of the package it comes from."""
    return f"{BOOTSTRAP_PATH}?v={bootstrap_version()}"


def bootstrap_version() -> str:
    try:
        return metadata.version("Bootstrap-Flask")
    except metadata.PackageNotFoundError:
        return "0"


def versioned() -> bool:
    """Whether this request names a file by its version (so its content never changes)."""
    path = request.path
    if path.startswith("/assets/"):
        return bool(request.args.get("m"))
    if path == BOOTSTRAP_PATH:
        return request.args.get("v") == bootstrap_version()
    if path == "/_favicon.ico":  # Dash addresses it with its own version
        return bool(request.args.get("v"))
    return path.startswith("/_dash-component-suites/") and request.method == "GET" and _fingerprinted(path)


def _fingerprinted(path: str) -> bool:
    from dash.fingerprint import check_fingerprint

    return check_fingerprint(path)[1]


class StaticFiles:
    """flask-compress's cache: the compressed bytes of versioned files only, the oldest dropped first."""

    def __init__(self, size: int = CACHED_FILES):
        self.size = size
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if not versioned():
            return None
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
            return self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not versioned():
            return
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def cache_versioned(response: Response) -> Response:
    if response.is_streamed and request.path.startswith(("/assets/", BOOTSTRAP_PATH)):
        # a file sent as a stream would be compressed chunk by chunk, never from the cache
        response.direct_passthrough = False
        response.make_sequence()
    if versioned() and response.status_code == 200:
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    elif request.path.endswith("/_dash-layout"):
        # the layout holds the page the Referer names and the signed-in user's navigation bar
        # (dashboard/initial_page.py): never kept by a browser or a proxy for another address or user
        response.cache_control.no_store = True
        response.cache_control.private = True
        response.vary.update(("Referer", "Cookie"))
    return response


def load_graph_with_the_page() -> None:
    """dcc.Graph's code as an ordinary script of the page (fingerprinted, so cached for a year) rather
    than a chunk fetched when the first graph appears: one round trip less between a page's content
    and its charts. Webpack takes a chunk loaded before its runtime as already there."""
    from dash import dcc

    for resource in dcc._js_dist:  # noqa: SLF001 - Dash's documented resource list, read by Dash at the first page
        if resource.get("relative_package_path") == GRAPH_CHUNK:
            resource.pop("async", None)


def install(server: Flask) -> None:
    """Compress every response the browser may take compressed (JSON of callbacks included) and cache
    versioned files for a year. Registered before the other after-request hooks, so it runs last."""
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_CACHE_BACKEND=StaticFiles,
        COMPRESS_CACHE_KEY=lambda req: req.full_path,
    )
    Compress(server)
    server.after_request(cache_versioned)
    load_graph_with_the_page()
