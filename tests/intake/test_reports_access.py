"""In private mode a plan's Word reports and monitoring workbook are for the accounts with a role in
that plan, as its pages and exports are (real sign-in over HTTP on the session's app)."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from operations.accounts import add_user, find_user, set_role
from operations.roles import VIEWER
from tests.support.accounts import IZMIR, PASSWORD, forget_failed_sign_ins, private_mode, sign_in  # noqa: F401

BALIKESIR = "balikesir-2020-2024"
VIEWER_NAME = "rapor-izleyici"  # its own account: the access tests' accounts are theirs


@pytest.fixture
def izmir_viewer(app_context: Any) -> str:
    """A viewer of İzmir only."""
    if find_user(app_context.database, username=VIEWER_NAME) is None:
        add_user(app_context.database, VIEWER_NAME, PASSWORD, display_name="Rapor İzleyici")
        set_role(app_context.database, VIEWER_NAME, IZMIR, VIEWER)
    return VIEWER_NAME


@pytest.mark.usefixtures("private_mode")
def test_a_viewer_gets_the_reports_of_its_plan_only(live_server: str, izmir_viewer: str) -> None:
    report = "/report.docx?plan={plan}&year={year}&kind=evaluation"
    workbook = "/monitoring.xlsx?plan={plan}&year={year}"
    anonymous = requests.Session()
    assert anonymous.get(live_server + report.format(plan=IZMIR, year=2018), timeout=60).status_code == 401
    viewer = sign_in(live_server, izmir_viewer)
    mine = viewer.get(live_server + report.format(plan=IZMIR, year=2018), timeout=120)
    assert mine.status_code == 200 and mine.content.startswith(b"PK")  # a .docx is a zip
    assert viewer.get(live_server + workbook.format(plan=IZMIR, year=2018), timeout=120).status_code == 200
    for path in (report, workbook):
        refused = viewer.get(live_server + path.format(plan=BALIKESIR, year=2022), timeout=60)
        assert refused.status_code == 403 and f"no role in the plan {BALIKESIR}" in refused.text
