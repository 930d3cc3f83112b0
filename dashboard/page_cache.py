"""Rendered page bodies kept under the data they were rendered from, shared by the workers of a machine.

A body is kept under a key made of the page (its render function), the view's whole state (language
included), the plan file the process loaded (its content hash), the code and settings that render it
(:func:`code_fingerprint`, :func:`settings_fingerprint`) and the data tokens of what the page reads
(:mod:`warehouse.queries.versions`; the writer records a new token for every change,
:mod:`warehouse.data_tokens`):

- an indicator's page reads its indicator's token and its plan's;
- a node's page (an axis, a priority, a goal, an aim) the tokens of every indicator under it and its
  plan's;
- every other page (overview, districts, a district, monitoring, regions, the brief, search …) every
  token of its plan. A load of one plan never touches another plan's tokens.

So a load renders again only the pages whose data it changed; a body is never served for other data,
and old entries simply age out (the key of changed data is never asked for again). A warehouse without
tokens (written before them) keys by the published file instead, as every load did before.

Two levels: the process's recent bodies (:class:`MemoryCache`) in front of a folder shared by the web
workers of the machine (``GOSTERGE_CACHE_DIR``; Flask-Caching's ``FileSystemCache``: one file per body,
written to a temporary name and renamed, so a reader never sees half a file; at most
:data:`FILE_THRESHOLD` files, the oldest removed first). A failed render is never kept (the caller keeps
only what rendered, :func:`dashboard.live.safe_render`), nor a body rendered while a new snapshot was
published (its data could be of either). The folder's entries are pickles: it must be writable by the
dashboard's own user only, as the data folder is (the files are made 0600).

Audit: what a cached body shows that is not its page's measurements and progress
-------------------------------------------------------------------------------
- **The plan itself** (titles, tree, weights, targets, districts, regions, sources' names and URLs): the
  process's plan model is in the key (content hash); the warehouse's copy changes with a plan sync, which
  recomputes the whole plan (a plan token), and the writer records a plan token for every plan synced
  since the last publication.
- **The last load and the demo mark** of an indicator (its progress row: source, time, run, demo), a
  node's or the plan's demo mark: written by the refresh from the indicator's measurements, so they
  change only with its token. The brief's last and previous loads (``load_runs``) are loads that changed
  data of the plan (their measurements record tokens of the plan); a load of no plan that changed data
  records a token for every plan.
- **Explanations entered by units** (indicator, node, monitoring pages and the brief's reasons): an
  approved entry may bring an explanation and no new value (no refresh); the writer records the token of
  every indicator whose explanations or measurements a run not yet published wrote, when it seals the
  publication.
- **The status changes** on the brief: recorded by the refresh that records the tokens.
- **The latest year with data** (an aim's or goal's page links that year's reports): a plan-wide fact on
  a node's page; a refresh that moves it records a plan token.
- **Settings** (time zone of the times shown, the boundaries file behind the map kind, the coverage floor
  and capping of the monitoring table …): the whole settings object is in the key
  (:func:`settings_fingerprint`), with the boundaries file's size and time.
- **Today's date**: no cached body reads it. The evaluation year is part of the stored progress (a new
  year recomputes the whole plan at the next load: a plan token); the data's freshness against now is the
  shell's badge, not in a body.
- **Kept out of the body**: the data version (the page's state store, :func:`dashboard.live.page`), the
  badge (last load, source, demo, out of date, failed loads: a shell callback), and everything of the
  operational database and of the person signed in (the quality, review, entry, notification and admin
  pages are not cached; the report and download links in cached bodies are plain URLs that check access
  when followed).
- **The code**: the source of ``dashboard``, ``warehouse`` and ``gosterge`` and the versions of the
  libraries that write a body's JSON are in the key (:func:`code_fingerprint`), so a deployment never
  serves a body the old code rendered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from flask_caching.backends.filesystemcache import FileSystemCache

from dashboard.state import ViewState
from gosterge.plan import Plan
from gosterge.settings import PROJECT_ROOT, Settings

log = logging.getLogger(__name__)

#: the bodies a process keeps in memory, the most recently used
MEMORY_SIZE = 64
#: the most files the shared folder keeps (page bodies are 20-500 KB); the oldest go first
FILE_THRESHOLD = 2000
#: the packages whose source renders a body, and the distributions that write its JSON
SOURCE_PACKAGES = ("dashboard", "warehouse", "gosterge")
RENDERING_DISTRIBUTIONS = ("dash", "dash-bootstrap-components", "plotly", "pandas", "numpy", "Babel", "duckdb")

Render = Callable[[Any], Any]


class MemoryCache:
    """The most recently used bodies of this process, by key; the oldest go first."""

    def __init__(self, size: int = MEMORY_SIZE):
        self.size = size
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

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


@dataclass
class CacheCounts:
    """What a :class:`PageCache` answered: from memory, from the shared folder, or nothing (a render)."""

    memory_hits: int = 0
    file_hits: int = 0
    misses: int = 0


class PageCache:
    """The process's recent bodies in front of the folder shared by the machine's workers."""

    def __init__(self, directory: Path, *, memory_size: int = MEMORY_SIZE, threshold: int = FILE_THRESHOLD):
        self.directory = Path(directory)
        self.memory = MemoryCache(memory_size)
        self.counts = CacheCounts()
        self.files: FileSystemCache | None
        try:
            self.files = FileSystemCache(str(self.directory), threshold=threshold, default_timeout=0)
        except OSError as error:  # a folder that cannot be made: each process keeps its own bodies only
            log.error("the page cache folder %s cannot be used: %s", self.directory, error)
            self.files = None

    def get(self, key: str) -> Any:
        """The body kept under ``key``, or None."""
        body = self.memory.get(key)
        if body is not None:
            self.counts.memory_hits += 1
            return body
        body = self.files.get(key) if self.files is not None else None
        if body is not None:
            self.counts.file_hits += 1
            self.memory.put(key, body)
            return body
        self.counts.misses += 1
        return None

    def put(self, key: str, body: Any) -> None:
        """Keep ``body`` under ``key``, in memory and in the shared folder (a write that fails is logged
        by the library and only costs a render elsewhere)."""
        self.memory.put(key, body)
        if self.files is not None:
            self.files.set(key, body, timeout=0)


_caches: dict[Path, PageCache] = {}
_caches_lock = threading.Lock()


def cache_for(settings: Settings) -> PageCache:
    """This process's cache of the folder ``settings`` name (one per folder: tests build several apps)."""
    directory = settings.page_cache_dir
    with _caches_lock:
        if directory not in _caches:
            _caches[directory] = PageCache(directory)
        return _caches[directory]


def indicators_read(view: ViewState, plan: Plan) -> list[str] | None:
    """The indicators whose data the page of ``view`` shows; None: the whole plan (any page not known to
    read less, so that a new page is never kept under too few tokens)."""
    # imported here: the views import dashboard.live, which imports this module
    from dashboard.views.indicator import IndicatorView
    from dashboard.views.node import NodeView

    if isinstance(view, IndicatorView):
        return [view.indicator]
    if isinstance(view, NodeView) and view.node in plan.nodes:
        return sorted(indicator.code for indicator in plan.indicators_under(view.node))
    return None


def page_key(render: Render, view: ViewState, plan: Plan, settings: Settings, data: str) -> str:
    """The key of ``render(view)``'s body: the page, the view, the plan file, the code, the settings and
    ``data`` (the digest of the tokens the page reads, or the published file's identity)."""
    state = json.dumps(view.to_store(), sort_keys=True, default=str)
    parts = (
        code_fingerprint(),
        settings_fingerprint(settings),
        plan.content_hash,
        f"{render.__module__}.{render.__qualname__}",
        type(view).__name__,
        state,
        data,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@cache
def code_fingerprint() -> str:
    """A hash of the source that renders a body and of the versions of the libraries that write it."""
    digest = hashlib.sha256()
    for package in SOURCE_PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    for distribution in RENDERING_DISTRIBUTIONS:
        try:
            digest.update(f"{distribution}={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{distribution}=none".encode())
    return digest.hexdigest()


@cache
def settings_fingerprint(settings: Settings) -> str:
    """A hash of every setting (a page may show any: the time zone, the map kind the boundaries allow, the
    monitoring table's floor and capping …) and of the boundaries file's size and time."""
    boundaries = ""
    if settings.boundaries_file is not None:
        try:
            found = settings.boundaries_file.stat()
            boundaries = f"{found.st_size}:{found.st_mtime_ns}"
        except OSError:
            boundaries = "missing"
    return hashlib.sha256(f"{settings!r}|{boundaries}".encode()).hexdigest()
