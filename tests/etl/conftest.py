"""ETL test fixtures: settings with their own data folder and sources file, the test plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings
from tests.etl.helpers import make_settings


@pytest.fixture(autouse=True)
def files_settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests drop complete files: the command line reads them without waiting for them to settle."""
    monkeypatch.setenv("GOSTERGE_SETTLE_SECONDS", "0")


@pytest.fixture
def etl_settings(tmp_path: Path) -> Settings:
    """The mini and twins plans, an empty sources.toml and a data folder of this test's own."""
    return make_settings(tmp_path)


@pytest.fixture
def etl_plans(etl_settings: Settings) -> dict[str, Plan]:
    return load_plans(etl_settings.plan_files)
