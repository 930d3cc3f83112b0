"""Behind a reverse proxy (GOSTERGE_TRUSTED_PROXIES), over real HTTP on loopback: the client's address from
X-Forwarded-For for throttling and the audit log, the site's scheme and host from X-Forwarded-Proto/-Host;
and with no proxy declared (the default) every X-Forwarded-* header is ignored, forged or not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import select

from operations.audit import recent_events
from operations.tables import sign_in_failures
from tests.support.accounts import PASSWORD, csrf_token

SITE = "gosterge.example.org"
CLIENT = "203.0.113.9"


@pytest.fixture
def one_proxy(app_context: Any) -> Iterator[None]:
    """The session app behind one reverse proxy for one test (the setting is read at each request)."""
    direct = app_context.settings
    app_context.settings = dataclasses.replace(direct, trusted_proxies=1)
    yield
    app_context.settings = direct


def failed_sign_in(base: str, headers: dict[str, str]) -> requests.Response:
    session = requests.Session()
    token = csrf_token(session.get(f"{base}/sign-in", headers=headers, timeout=30).text)
    return session.post(
        f"{base}/sign-in",
        data={"username": "denetci", "password": "yanlış-parola", "csrf_token": token},
        headers=headers,
        timeout=30,
    )


def failure_addresses(app_context: Any) -> list[str]:
    with app_context.database.connect() as connection:
        return [row.address for row in connection.execute(select(sign_in_failures.c.address))]


def test_without_a_declared_proxy_a_forged_forwarded_for_is_ignored(
    live_server: str, staff_accounts: dict[str, str], app_context: Any
):
    assert app_context.settings.trusted_proxies == 0  # the default
    forged = {"X-Forwarded-For": CLIENT, "X-Forwarded-Proto": "https", "X-Forwarded-Host": SITE}
    assert failed_sign_in(live_server, forged).status_code == 401
    assert failure_addresses(app_context) == ["127.0.0.1"]  # counted against the connection, not the header
    assert recent_events(app_context.database, action="sign_in_failed")[0].address == "127.0.0.1"
    # a post claiming to come from the forwarded host is cross-site: the host is the connection's
    foreign = requests.post(
        f"{live_server}/sign-in", data={"username": "a"}, headers={**forged, "Origin": f"https://{SITE}"}, timeout=30
    )
    assert foreign.status_code == 403


def test_behind_one_proxy_the_client_address_scheme_and_host_come_from_it(
    live_server: str, staff_accounts: dict[str, str], app_context: Any, one_proxy: None
):
    # the client forged the first address; the proxy appended the one it saw: only that hop is trusted
    headers = {"X-Forwarded-For": f"198.51.100.1, {CLIENT}", "X-Forwarded-Proto": "https", "X-Forwarded-Host": SITE}
    assert failed_sign_in(live_server, {**headers, "Origin": f"https://{SITE}"}).status_code == 401
    assert failure_addresses(app_context) == [CLIENT]
    assert recent_events(app_context.database, action="sign_in_failed")[0].address == CLIENT
    # the browser's Origin is the proxy's https site: a sign-in posted through it is same-site and goes through
    session = requests.Session()
    token = csrf_token(session.get(f"{live_server}/sign-in", headers=headers, timeout=30).text)
    answer = session.post(
        f"{live_server}/sign-in",
        data={"username": "denetci", "password": PASSWORD, "csrf_token": token, "next": "/"},
        headers={**headers, "Origin": f"https://{SITE}"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 303, answer.text
    assert recent_events(app_context.database, action="sign_in")[0].address == CLIENT
    other_site = requests.post(
        f"{live_server}/sign-in",
        data={"username": "a"},
        headers={**headers, "Origin": "https://evil.example"},
        timeout=30,
    )
    assert other_site.status_code == 403
