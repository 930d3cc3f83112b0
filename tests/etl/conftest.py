"""ETL test fixtures: settings with their own data folder and sources file, the test plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings, load_settings
from tests.etl.helpers import PLAN_FILES


@pytest.fixture
def etl_settings(tmp_path: Path) -> Settings:
    """The mini and twins plans, an empty sources.toml and a data folder of this test's own."""
    sources = tmp_path / "sources.toml"
    sources.write_text("", encoding="utf-8")
    return load_settings({"GOSTERGE_DATA_DIR": str(tmp_path / "data"),
                          "GOSTERGE_PLAN": ",".join(str(path) for path in PLAN_FILES),
                          "GOSTERGE_SOURCES": str(sources)})


@pytest.fixture
def etl_plans(etl_settings: Settings) -> dict[str, Plan]:
    return load_plans(etl_settings.plan_files)
