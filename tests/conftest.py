"""Shared fixtures: plans, per-test settings and data folders, the shared reference data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gosterge.plan import Plan, load_plan
from gosterge.settings import PROJECT_ROOT, Settings, load_settings

#: figures are built checked against Plotly's schema in the tests, unchecked on the web (dashboard/figures/common.py)
os.environ.setdefault("GOSTERGE_CHECK_FIGURES", "1")

SHARED_DIR = PROJECT_ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project (CI has it); tests needing it skip on a user's machine."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED_DIR


@pytest.fixture(scope="session")
def mini_plan() -> Plan:
    return load_plan(FIXTURES / "plans" / "mini.toml")


@pytest.fixture(scope="session")
def izmir_plan() -> Plan:
    return load_plan(PROJECT_ROOT / "indicators.toml")


@pytest.fixture(scope="session")
def balikesir_plan() -> Plan:
    return load_plan(PROJECT_ROOT / "plans" / "balikesir.toml")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for one test: its own data folder, the default plans."""
    return load_settings({"GOSTERGE_DATA_DIR": str(tmp_path / "data")})


# The dashboard app, its server on loopback and the browser settings: one app per session, shared by
# every folder (Dash keeps process-wide registries). See tests/support/dashboard_app.py.
from tests.support.dashboard_app import (  # noqa: E402, F401 - fixtures registered for all tests
    app_context,
    browser_context_args,
    browser_type_launch_args,
    dash_app,
    dash_page_shown,
    dashboard_settings,
    data_dir,
    live_server,
    plans,
    screenshot,
)
from tests.support.yearly import yearly_connection  # noqa: E402, F401 - a reader of the shared warehouse
