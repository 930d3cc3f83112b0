"""Sign-in, sign-out, roles, private mode and the security headers over real HTTP on loopback."""

from __future__ import annotations

import json
from typing import Any

import requests

from operations import throttle
from operations.audit import recent_events
from tests.support.accounts import IZMIR, PASSWORD, csrf_token, sign_in
from tests.support.navigation import router_request

QUALITY = f"/{IZMIR}/quality"
REJECTED_CSV = f"/export.csv?plan={IZMIR}&level=rejected"


def page_callback(session: requests.Session, base: str, pathname: str) -> requests.Response:
    """The Dash pages router's callback, crafted by hand (what the browser posts to render a page)."""
    session.get(f"{base}/", timeout=30)  # the router's callback is registered at the first request
    pathname, mark, search = pathname.partition("?")
    body = router_request(pathname, mark + search)
    return session.post(f"{base}/_dash-update-component", json=body, headers={"Origin": base}, timeout=60)


def reprocess_callback(session: requests.Session, base: str, run_id: int) -> requests.Response:
    body: dict[str, Any] = {
        "output": "..quality-reprocess-outcome.children...quality-reprocess.disabled..",
        "outputs": [
            {"id": "quality-reprocess-outcome", "property": "children"},
            {"id": "quality-reprocess", "property": "disabled"},
        ],
        "inputs": [{"id": "quality-reprocess", "property": "n_clicks", "value": 1}],
        "state": [{"id": "quality-run", "property": "data", "value": {"plan": IZMIR, "run": run_id, "lang": "tr"}}],
        "changedPropIds": ["quality-reprocess.n_clicks"],
    }
    return session.post(f"{base}/_dash-update-component", json=body, timeout=60)


def test_every_response_carries_the_security_headers(live_server: str):
    for path in ("/", "/sign-in", f"/export.csv?plan={IZMIR}&level=indicators", "/healthz", "/no-such-page"):
        headers = requests.get(live_server + path, timeout=60).headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy, path
        assert "'sha256-" in policy  # Dash's inline renderer script, by its hash; no 'unsafe-inline' script
        assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Server"] == "gosterge"  # not Werkzeug/x.y Python/x.y


def test_bodies_over_the_limit_and_cross_site_posts_are_refused(live_server: str, app_context: Any):
    limit = app_context.settings.max_request_bytes
    large = requests.post(f"{live_server}/_dash-update-component", data=b"x" * (limit + 1), timeout=60)
    assert large.status_code == 413
    foreign = requests.post(
        f"{live_server}/sign-in", data={"username": "a"}, headers={"Origin": "https://evil.example"}, timeout=30
    )
    assert foreign.status_code == 403


def test_sign_in_and_out_with_the_session_cookie(live_server: str, staff_accounts: dict[str, str], app_context: Any):
    session = requests.Session()
    page = session.get(f"{live_server}/sign-in?lang=en", timeout=30)
    assert "Sign in" in page.text and 'lang="en"' in page.text
    cookie = page.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and cookie.startswith("gosterge_session=")
    answer = session.post(
        f"{live_server}/sign-in?lang=en",
        data={"username": "denetci", "password": PASSWORD, "csrf_token": csrf_token(page.text), "next": QUALITY},
        allow_redirects=False,
        timeout=30,
    )
    assert (answer.status_code, answer.headers["Location"]) == (303, QUALITY)
    assert recent_events(app_context.database, action="sign_in")[0].subject == "denetci"
    out_page = session.get(f"{live_server}/sign-out", timeout=30).text
    signed_out = session.post(f"{live_server}/sign-out", data={"csrf_token": csrf_token(out_page)}, timeout=30)
    assert "Oturumunuz kapatıldı." in signed_out.text
    assert session.get(live_server + REJECTED_CSV, timeout=30).status_code == 403


def test_a_sign_in_without_the_forms_token_is_refused(live_server: str, staff_accounts: dict[str, str]):
    session = requests.Session()
    session.get(f"{live_server}/sign-in", timeout=30)
    refused = session.post(
        f"{live_server}/sign-in", data={"username": "denetci", "password": PASSWORD, "csrf_token": "x"}, timeout=30
    )
    assert refused.status_code == 400 and "başka bir siteden" in refused.text
    assert session.get(live_server + REJECTED_CSV, timeout=30).status_code == 403


def test_an_offsite_next_is_ignored(live_server: str, staff_accounts: dict[str, str]):
    session = requests.Session()
    page = session.get(f"{live_server}/sign-in", timeout=30).text
    answer = session.post(
        f"{live_server}/sign-in",
        data={"username": "izleyici", "password": PASSWORD, "csrf_token": csrf_token(page), "next": "//evil.example"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.headers["Location"] == "/"


def test_failed_sign_ins_are_slowed_down_over_http(live_server: str, staff_accounts: dict[str, str]):
    session = requests.Session()
    token = csrf_token(session.get(f"{live_server}/sign-in?lang=en", timeout=30).text)
    for _ in range(throttle.ACCOUNT_LIMIT):
        wrong = session.post(
            f"{live_server}/sign-in?lang=en",
            data={"username": "yonetici", "password": "yanlış-parola", "csrf_token": token},
            timeout=30,
        )
        assert wrong.status_code == 401 and "Wrong user name or password." in wrong.text
    throttled = session.post(
        f"{live_server}/sign-in?lang=en",
        data={"username": "yonetici", "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    assert throttled.status_code == 429 and "Too many failed attempts: try again in 15 minutes." in throttled.text


def test_staff_data_never_reaches_a_viewer_or_an_anonymous_visitor(live_server: str, staff_accounts: dict[str, str]):
    anonymous, viewer = requests.Session(), sign_in(live_server, "izleyici")
    for session in (anonymous, viewer):
        for path in (
            REJECTED_CSV,
            f"/export.zip?plan={IZMIR}&level=REJECTED",
            f"/export.xlsx?plan={IZMIR}&level=rejected",
        ):
            assert session.get(live_server + path, timeout=60).status_code == 403, path
        content = json.dumps(page_callback(session, live_server, QUALITY).json())
        assert '"refused"' in content and "quality-history" not in content
        extract = json.dumps(page_callback(session, live_server, f"/{IZMIR}/extract?level=rejected").json())
        assert '"refused"' in extract
        assert reprocess_callback(session, live_server, 1).status_code == 403
    reviewer = sign_in(live_server, "denetci")
    answer = reviewer.get(live_server + REJECTED_CSV, timeout=60)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/csv")
    assert "quality-history" in json.dumps(page_callback(reviewer, live_server, QUALITY).json())


def test_the_public_pages_and_downloads_stay_open_in_public_mode(live_server: str):
    assert requests.get(f"{live_server}/{IZMIR}", timeout=60).status_code == 200
    assert requests.get(f"{live_server}/export.csv?plan={IZMIR}&level=indicators", timeout=60).status_code == 200


def test_private_mode_needs_a_sign_in_for_everything(live_server: str, staff_accounts: dict[str, str], private_mode):
    anonymous = requests.Session()
    page = anonymous.get(f"{live_server}/{IZMIR}", headers={"Accept": "text/html"}, allow_redirects=False, timeout=30)
    assert page.status_code == 302 and page.headers["Location"] == f"/sign-in?next=/{IZMIR}"
    assert anonymous.get(f"{live_server}/export.csv?plan={IZMIR}", timeout=30).status_code == 401
    assert anonymous.get(f"{live_server}/_dash-layout", timeout=30).status_code == 401
    assert anonymous.post(f"{live_server}/_dash-update-component", json={}, timeout=30).status_code == 401
    assert anonymous.get(f"{live_server}/sign-in", timeout=30).status_code == 200
    assert anonymous.get(f"{live_server}/vendor/bootstrap.min.css", timeout=30).status_code == 200
    viewer = sign_in(live_server, "izleyici")
    assert viewer.get(f"{live_server}/{IZMIR}", timeout=60).status_code == 200
    assert viewer.get(f"{live_server}/export.csv?plan={IZMIR}&level=indicators", timeout=60).status_code == 200
    assert viewer.get(live_server + REJECTED_CSV, timeout=60).status_code == 403
    other = "balikesir-2020-2024"  # the viewer has a role in İzmir only
    assert viewer.get(f"{live_server}/{other}", timeout=60).status_code == 403
    assert viewer.get(f"{live_server}/export.csv?plan={other}&level=indicators", timeout=60).status_code == 403


def test_private_mode_refuses_another_plan_through_every_way_a_page_comes(
    live_server: str, staff_accounts: dict[str, str], private_mode, app_context: Any
):
    """Dash's requests name no plan in their address: the router's callback names it in the Location it
    sends, a page's own callbacks in their store, the layout (which holds the page) in its Referer, and
    the home page through ?plan= or the default plan."""
    from operations.accounts import add_user, set_role

    other = "balikesir-2020-2024"
    viewer = sign_in(live_server, "izleyici")  # a viewer of İzmir only
    assert page_callback(viewer, live_server, f"/{IZMIR}/districts").status_code == 200
    assert page_callback(viewer, live_server, f"/{other}/districts").status_code == 403
    assert page_callback(viewer, live_server, f"/?plan={other}").status_code == 403
    refresh = {  # a page body's refresh after a load: its view state, with its plan, in the page's store
        "output": "overview-body.children",
        "outputs": {"id": "overview-body", "property": "children"},
        "inputs": [{"id": "data-version", "property": "data", "value": 99}],
        "state": [{"id": "overview-state", "property": "data", "value": {"plan": other, "lang": "tr", "version": 1}}],
        "changedPropIds": ["data-version.data"],
    }
    answer = viewer.post(
        f"{live_server}/_dash-update-component", json=refresh, headers={"Origin": live_server}, timeout=60
    )
    assert answer.status_code == 403 and other in answer.text
    layout = viewer.get(f"{live_server}/_dash-layout", headers={"Referer": f"{live_server}/{other}"}, timeout=60)
    assert layout.status_code == 403
    assert viewer.get(f"{live_server}/_dash-layout", headers={"Referer": f"{live_server}/{IZMIR}"}, timeout=60).ok
    assert viewer.get(f"{live_server}/?plan={other}", timeout=60).status_code == 403

    add_user(app_context.database, "balikesir_izleyici", PASSWORD)
    set_role(app_context.database, "balikesir_izleyici", other, "viewer")
    reader = sign_in(live_server, "balikesir_izleyici")
    home = reader.get(f"{live_server}/", allow_redirects=False, timeout=60)  # the default plan is İzmir's
    assert home.status_code == 302 and home.headers["Location"] == f"/{other}"
    assert page_callback(reader, live_server, "/").status_code == 403
    assert page_callback(reader, live_server, f"/{other}").status_code == 200


def test_a_session_ends_after_its_idle_time(live_server: str, staff_accounts: dict[str, str], app_context: Any):
    import dataclasses
    import time

    reviewer = sign_in(live_server, "denetci")
    assert reviewer.get(live_server + REJECTED_CSV, timeout=60).status_code == 200
    settings = app_context.settings
    app_context.settings = dataclasses.replace(settings, session_idle_minutes=0)  # any pause is too long
    try:
        time.sleep(1.1)
        assert reviewer.get(live_server + REJECTED_CSV, timeout=60).status_code == 403
    finally:
        app_context.settings = settings


def test_a_disabled_account_is_out_at_its_next_request(
    live_server: str, staff_accounts: dict[str, str], app_context: Any
):
    from operations.accounts import add_user, set_active, set_role

    add_user(app_context.database, "gecici", PASSWORD)
    set_role(app_context.database, "gecici", IZMIR, "reviewer")
    session = sign_in(live_server, "gecici")
    assert session.get(live_server + REJECTED_CSV, timeout=60).status_code == 200
    set_active(app_context.database, "gecici", False, actor="yonetici")
    assert session.get(live_server + REJECTED_CSV, timeout=60).status_code == 403
