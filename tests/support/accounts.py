"""Accounts in the session app's operational database, private mode, and a warehouse put back after a test.

The session has one app (tests/support/dashboard_app.py); these fixtures add what the access tests
need to it without building a second one.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import delete

from operations.accounts import add_user, set_role
from operations.roles import ADMIN, REVIEWER, VIEWER
from operations.tables import sign_in_failures

IZMIR = "izmir-2014-2023"
PASSWORD = "test-parolası-2026"
#: user name → (role, plan)
STAFF = {"izleyici": (VIEWER, IZMIR), "denetci": (REVIEWER, IZMIR), "yonetici": (ADMIN, "*")}


@pytest.fixture(scope="session")
def staff_accounts(app_context: Any) -> dict[str, str]:
    """A viewer, a reviewer (both of İzmir) and an admin of every plan, with one password."""
    for username, (role, plan) in STAFF.items():
        add_user(app_context.database, username, PASSWORD, display_name=username.title())
        set_role(app_context.database, username, plan, role)
    return {username: PASSWORD for username in STAFF}


@pytest.fixture(autouse=True)
def forget_failed_sign_ins(app_context: Any) -> Iterator[None]:
    """Every test starts with no failed sign-in counted against loopback."""
    yield
    with app_context.database.begin() as connection:
        connection.execute(delete(sign_in_failures))


@pytest.fixture
def private_mode(app_context: Any) -> Iterator[None]:
    """The session app in private mode for one test (the mode is read at each request)."""
    public = app_context.settings
    app_context.settings = dataclasses.replace(public, access_mode="private")
    yield
    app_context.settings = public


@pytest.fixture
def restored_warehouse(app_context: Any) -> Iterator[Path]:
    """The session warehouse as it was before the test (a test that loads files puts it back)."""
    data_dir: Path = app_context.settings.data_dir
    saved = data_dir.parent / "saved-warehouse"
    saved.mkdir(exist_ok=True)
    files = [app_context.settings.warehouse_file, app_context.settings.published_file]
    for path in files:
        shutil.copy2(path, saved / path.name)
    yield data_dir
    for path in files:
        shutil.copy2(saved / path.name, path.with_suffix(".restoring"))
        path.with_suffix(".restoring").replace(path)  # a new inode: readers reopen


def csrf_token(page: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def sign_in(base: str, username: str, password: str = PASSWORD) -> requests.Session:
    """A requests session signed in as ``username`` over HTTP."""
    session = requests.Session()
    page = session.get(f"{base}/sign-in", timeout=30).text
    response = session.post(
        f"{base}/sign-in",
        data={"username": username, "password": password, "csrf_token": csrf_token(page), "next": "/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303, response.text
    return session


STAFF_SOURCE = "staff-inbox"
#: a file whose second row names an indicator the plan does not have (rejected) and whose first is a demo value
WITH_REJECTED_ROW = "indicator,district,period,value\n1.1.2.2,Aliağa,2013,565\n9.9.9.9,Aliağa,2013,1\n"
#: no period or value column: the whole file fails and is set aside in failed/
BROKEN = "indicator,district\n1.1.2.2,Aliağa\n"
FIXED = "indicator,district,period,value\n1.1.2.2,Aliağa,2013,565\n"


@pytest.fixture
def staff_loads(restored_warehouse: Path, app_context: Any) -> dict[str, Any]:
    """Two runs of an İzmir inbox source in the session warehouse (put back after the test): one loaded
    with a rejected row, one failed with its file in failed/. Returns the source and the run ids."""
    from etl.jobs import run_source
    from tests.etl.helpers import inbox_source

    settings = app_context.settings
    source = inbox_source(settings, STAFF_SOURCE, plan_code=IZMIR, is_demo=True)
    assert source.path is not None
    source.path.mkdir(parents=True, exist_ok=True)
    (source.path / "with-rejected.csv").write_text(WITH_REJECTED_ROW, encoding="utf-8")
    (loaded,) = run_source(settings, app_context.plans, source)
    (source.path / "broken.csv").write_text(BROKEN, encoding="utf-8")
    (failed,) = run_source(settings, app_context.plans, source)
    assert (loaded.status, loaded.rows_rejected, failed.status) == ("loaded", 1, "failed")
    yield {"source": source, "loaded_run": loaded.run_id, "failed_run": failed.run_id}
    shutil.rmtree(settings.failed_dir / STAFF_SOURCE, ignore_errors=True)
    shutil.rmtree(settings.archive_dir / STAFF_SOURCE, ignore_errors=True)
