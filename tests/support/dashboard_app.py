"""The dashboard app for tests: one real warehouse (İzmir and Balıkesir demo data, built once per
session), one app, one server on loopback and one browser.

Shared by every test folder through ``tests/conftest.py``: Dash keeps a process-wide registry of
pages and callbacks, so a session has exactly one app, whichever folders its tests come from.
Define no fixture of these names in a sub-folder's conftest (that would build a second app).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from etl.demo import demo_measurements
from gosterge.plan import Plan
from gosterge.settings import PROJECT_ROOT, Settings, load_settings
from tests.support.builders import load_rows

SHARED_DIR = PROJECT_ROOT.parent / "shared"  # as in tests/conftest.py

IZMIR = "izmir-2014-2023"
BALIKESIR = "balikesir-2020-2024"
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IZMIR_BOUNDARIES = SHARED_DIR / "data" / "geo" / "izmir_districts.geojson"


@pytest.fixture(scope="session")
def plans(izmir_plan: Plan, balikesir_plan: Plan) -> dict[str, Plan]:
    return {IZMIR: izmir_plan, BALIKESIR: balikesir_plan}


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory, plans: dict[str, Plan]) -> Path:
    """A warehouse with both plans' demo data (published), built once."""
    import pandas as pd

    folder = tmp_path_factory.mktemp("dashboard") / "data"
    rows = pd.concat([demo_measurements(plan) for plan in plans.values()], ignore_index=True)
    load_rows(folder, list(plans.values()), rows, source_id="demo", is_demo=True)
    return folder


@pytest.fixture(scope="session")
def dashboard_settings(data_dir: Path) -> Settings:
    environment = {"GOSTERGE_DATA_DIR": str(data_dir), "GOSTERGE_SCHEDULER": "0"}
    if IZMIR_BOUNDARIES.is_file():
        environment["GOSTERGE_BOUNDARIES"] = str(IZMIR_BOUNDARIES)
    return load_settings(environment)


@pytest.fixture(scope="session")
def dash_app(dashboard_settings: Settings, plans: dict[str, Plan]) -> Any:
    """The one app of the session (Dash pages keep a process-wide registry)."""
    from dashboard.app import create_app

    return create_app(dashboard_settings, plans=plans, check_interval_ms=1000)


@pytest.fixture(scope="session")
def app_context(dash_app: Any) -> Any:
    """The shared AppContext (not named `context`: that is pytest-playwright's browser context)."""
    from dashboard.context import get_context

    return get_context()


@pytest.fixture(scope="session")
def live_server(dash_app: Any) -> Iterator[str]:
    """The app served on 127.0.0.1 (a free port) in a thread."""
    from dashboard.access.guard import QuietRequestHandler

    server = make_server("127.0.0.1", 0, dash_app.server, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright: the system Chromium, never a downloaded browser."""
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    # bypass_csp: Playwright's page.wait_for_function("…") evaluates its text with eval inside the page,
    # which the app's Content-Security-Policy (no 'unsafe-eval') refuses. The app itself needs no eval:
    # tests/access/test_browser.py opens every kind of page in contexts without the bypass.
    return {"viewport": {"width": 1400, "height": 1000}, "locale": "tr-TR", "bypass_csp": True}


#: Dash's page is the one shown: the page written into the document (dashboard/first_paint.py) is in front
#: of it only until it is drawn, and its elements (copies without ids, inert) are not the ones to use
DASH_PAGE_SHOWN = "html:not(.first-paint)"


@pytest.fixture(scope="session", autouse=True)
def dash_page_shown() -> Iterator[None]:
    """Every navigation of a test (``goto``, ``reload``, back and forward, and ``wait_for_url`` after a
    link that loads a document) returns once Dash's page is the one shown, so tests read and click Dash's
    page. ``wait_until="commit"`` returns at once, for the tests of the written page itself
    (tests/dashboard/test_first_paint.py). A selector, not a function: no eval under the app's CSP."""
    from playwright.sync_api import Page

    names = ("goto", "reload", "go_back", "go_forward", "wait_for_url")
    originals = {name: getattr(Page, name) for name in names}

    def waiting(original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def navigate(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            if kwargs.get("wait_until") != "commit":
                self.wait_for_selector(DASH_PAGE_SHOWN, state="attached")
            return result

        return navigate

    for name, original in originals.items():
        setattr(Page, name, waiting(original))
    yield
    for name, original in originals.items():
        setattr(Page, name, original)


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """screenshot(page, name): a full-page PNG in artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@contextmanager
def page_under_served_csp(
    browser: Any, browser_context_args: dict[str, Any], timeout: float, **options: Any
) -> Iterator[Any]:
    """A page in a fresh browser context under the Content-Security-Policy as served (``options``: more
    context arguments); the test fails on any script error or a policy refusal in the console."""
    context = browser.new_context(**{**browser_context_args, "bypass_csp": False, **options})
    page = context.new_page()
    page.set_default_timeout(timeout)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: problems.append(message.text) if "Content Security" in message.text else None)
    yield page
    context.close()
    assert not problems, problems
