"""Intake tests: the mini plan's warehouse in this test's data folder, and its operational database."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from etl.jobs import run_source
from etl.sources import configured_sources
from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings
from operations.database import migrate, open_database
from tests.etl.helpers import FIXTURES, make_settings
from tests.intake.helpers import UNIT, approve_entry


@pytest.fixture
def intake_settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def intake_plans(intake_settings: Settings) -> dict[str, Plan]:
    return load_plans(intake_settings.plan_files)


@pytest.fixture
def operations_engine(intake_settings: Settings) -> Iterator[Engine]:
    """The operational database (SQLite in the data folder), migrated to the newest revision."""
    engine = open_database(intake_settings)
    migrate(engine)
    yield engine
    engine.dispose()


@dataclass(frozen=True)
class LoadedEntries:
    """A mini plan warehouse whose 2020 values came from approved entries (H1, then year-end)."""

    settings: Settings
    plans: dict[str, Plan]
    run_ids: list[int]


#: the year-end explanation of 1.1.1.1, with texts that must arrive as text (a formula, markup, a bell)
REASON = '=HYPERLINK("http://evil.example";"x") <b>Ar-Ge</b> desteklerinin ikinci dilimi\x07 2021\'e kaydı'
MEASURES = "Destek programı takvimi öne çekilecek; üniversitelerle & OSB'lerle ortak çağrı"
#: the unit's note on where the value comes from (shown with the explanation)
SOURCE_NOTE = "SGK il müdürlüğü, 2020 Aralık bülteni <b>kesin</b>"
FIRST_HALF_REASON = "İlk yarıda başvurular az"


#: the responsible units the mini plan's copy gives its indicators (the fixture itself names none)
UNITS = {"1.1.1.1": UNIT, "1.1.1.2": UNIT, "1.2.1.1": "Fen İşleri Dairesi Başkanlığı"}


def mini_with_units(folder: Path) -> Path:
    """A copy of the mini plan whose indicators have responsible units (:data:`UNITS`)."""
    text = (FIXTURES / "plans" / "mini.toml").read_text(encoding="utf-8")
    for code, unit in UNITS.items():
        line = f'code = "{code}"\n'
        assert line in text, code
        text = text.replace(line, f'{line}      responsible_unit = "{unit}"\n', 1)
    path = folder / "mini.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def loaded_entries(tmp_path_factory: pytest.TempPathFactory) -> LoadedEntries:
    folder = tmp_path_factory.mktemp("intake")
    plan_file = mini_with_units(folder)
    settings = dataclasses.replace(make_settings(folder), plan_files=(plan_file,))
    plans = load_plans(settings.plan_files)
    engine = open_database(settings)
    migrate(engine)
    try:
        approve_entry(engine, indicator="1.1.1.1", period="2020-H1", value=1.1, reason=FIRST_HALF_REASON)
        approve_entry(
            engine,
            indicator="1.1.1.1",
            period="2020-H2",
            value=1.25,
            reason=REASON,
            measures=MEASURES,
            source_note=SOURCE_NOTE,
        )
        approve_entry(engine, indicator="1.1.1.2", period="2020-H2", value=10.0)
        approve_entry(engine, indicator="1.2.1.1", period="2020-H2", value=640, area_level="district", area_code="1128")
        reports = run_source(settings, plans, configured_sources(settings, plans)["entries-mini"])
    finally:
        engine.dispose()
    assert [report.status for report in reports] == ["loaded", "loaded"]
    return LoadedEntries(settings, plans, [int(report.run_id or 0) for report in reports])
