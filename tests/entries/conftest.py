"""Fixtures of the entries tests: the operational database on SQLite and PostgreSQL (tests/operations),
Balıkesir's plan reporting every half-year, and its people: a unit user of Fen İşleri, one limited to two
districts, one of another unit, and a reviewer."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete

from gosterge.plan import Monitoring, Plan
from operations.accounts import add_user, find_user, set_role
from operations.entries import reopen_period
from operations.periods import open_periods, plan_periods, today_in
from operations.roles import REVIEWER, UNIT_STAFF, User
from operations.tables import entries, entry_versions
from tests.operations.conftest import database_url, engine, postgres  # noqa: F401, F811 - fixtures for this folder

BALIKESIR = "balikesir-2020-2024"
ROADS = "Fen İşleri Dairesi Başkanlığı"
CULTURE = "Kültür ve Sosyal İşler Dairesi Başkanlığı"
#: 20 July 2024: 2024-H1 ended on 30 June and takes entries until 14 August
TODAY = date(2024, 7, 20)


@pytest.fixture
def plan(balikesir_plan: Plan) -> Plan:
    return dataclasses.replace(balikesir_plan, monitoring=Monitoring("half_year", 45))


@pytest.fixture
def people(engine: Engine) -> dict[str, User]:  # noqa: F811 - the engine fixture imported above
    """fen (Fen İşleri), fen_ilce (Fen İşleri in Ayvalık and Balya), kultur (another unit), denetci (reviewer)."""
    roles = {
        "fen": (UNIT_STAFF, ROADS, ()),
        "fen_ilce": (UNIT_STAFF, ROADS, ("1161", "1169")),
        "kultur": (UNIT_STAFF, CULTURE, ()),
        "denetci": (REVIEWER, None, ()),
    }
    found = {}
    for username, (role, unit, districts) in roles.items():
        add_user(engine, username, "uzun-bir-parola-1")
        set_role(engine, username, BALIKESIR, role, unit=unit, districts=districts)
        user = find_user(engine, username=username)
        assert user is not None
        found[username] = user
    return found


# ---- the session app (tests/support/dashboard_app.py): its people and an open period of Balıkesir
#: user name → (role, unit, districts) in Balıkesir
APP_PEOPLE = {
    "birim": (UNIT_STAFF, ROADS, ()),
    "birim_ilce": (UNIT_STAFF, ROADS, ("1161",)),
    "baska_birim": (UNIT_STAFF, CULTURE, ()),
    "strateji": (REVIEWER, None, ()),
}
APP_PASSWORD = "test-parolası-2026"


@pytest.fixture(scope="session")
def entry_accounts(app_context: Any) -> dict[str, str]:
    """Balıkesir's unit users and reviewer in the session app, and its newest ended period reopened for a
    week (the app runs on today's date); returns user name → password."""
    database = app_context.database
    for username, (role, unit, districts) in APP_PEOPLE.items():
        add_user(database, username, APP_PASSWORD, display_name=username.title())
        set_role(database, username, BALIKESIR, role, unit=unit, districts=districts)
    return {username: APP_PASSWORD for username in APP_PEOPLE}


@pytest.fixture
def open_period(app_context: Any, entry_accounts: dict[str, str]) -> Iterator[str]:
    """The newest ended period of Balıkesir, reopened for a week; every entry is removed afterwards."""
    plan = app_context.plans[BALIKESIR]
    database = app_context.database
    today = today_in(app_context.settings.time_zone)
    period = [item for item in plan_periods(plan) if item.end < today][-1].code
    reviewer = find_user(database, username="strateji")
    assert reviewer is not None
    if period not in [item.period.code for item in open_periods(database, plan, today)]:
        reopen_period(database, plan, reviewer, period, today + timedelta(days=7), today)
    yield period
    with database.begin() as connection:
        connection.execute(delete(entry_versions))
        connection.execute(delete(entries))
