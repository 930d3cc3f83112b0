"""The admin page over HTTP: admins add accounts, set roles and disable; nobody else gets in."""

from __future__ import annotations

from typing import Any

import requests

from operations.accounts import find_user
from operations.audit import recent_events
from tests.support.accounts import IZMIR, PASSWORD, csrf_token, sign_in

ADMIN = "/admin/users"


def test_an_admin_adds_an_account_and_gives_it_a_role(
    live_server: str, staff_accounts: dict[str, str], app_context: Any
):
    admin = sign_in(live_server, "yonetici")
    page = admin.get(live_server + ADMIN, timeout=30)
    assert page.status_code == 200 and 'data-user="denetci"' in page.text
    token = csrf_token(page.text)
    added = admin.post(
        live_server + ADMIN,
        data={"csrf_token": token, "action": "add", "username": "birim1", "password": PASSWORD},
        timeout=30,
    )
    assert added.status_code == 200 and "Kaydedildi." in added.text
    role = admin.post(
        live_server + ADMIN,
        data={
            "csrf_token": token,
            "action": "set-role",
            "username": "birim1",
            "plan": IZMIR,
            "role": "unit_staff",
            "unit": "Fen İşleri",
            "districts": "1128",
        },
        timeout=30,
    )
    assert role.status_code == 200
    user = find_user(app_context.database, username="birim1")
    assert user is not None and user.role_in(IZMIR) == "unit_staff"
    assignment = user.assignment(IZMIR)
    assert assignment is not None and assignment.districts == ("1128",)
    assert recent_events(app_context.database, action="role_set")[0].actor == "yonetici"
    refused = admin.post(
        live_server + ADMIN,
        data={"csrf_token": token, "action": "set-role", "username": "birim1", "plan": IZMIR, "role": "boss"},
        timeout=30,
    )
    assert refused.status_code == 400 and "unknown role &#39;boss&#39;" in refused.text  # escaped
    no_token = admin.post(live_server + ADMIN, data={"action": "disable", "username": "birim1"}, timeout=30)
    assert no_token.status_code == 400
    assert find_user(app_context.database, username="birim1").is_active  # type: ignore[union-attr]


def test_nobody_else_reaches_the_admin_page(live_server: str, staff_accounts: dict[str, str]):
    anonymous = requests.get(live_server + ADMIN, allow_redirects=False, timeout=30)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/sign-in?")
    for username in ("izleyici", "denetci"):
        assert sign_in(live_server, username).get(live_server + ADMIN, timeout=30).status_code == 403
