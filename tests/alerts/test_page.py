"""The notifications page and the header's indicator over HTTP on loopback: a signed-in user sees and
marks only their own notifications, nobody signed in gets the refusal, and the e-mail preference is
checked on the server (crafted callbacks included)."""

from __future__ import annotations

import json
from typing import Any

import requests

from operations import notices
from operations.accounts import add_user, set_role
from operations.notifications import Event, record_events, unread_count, user_notifications
from operations.preferences import DIGEST, get_preference
from operations.roles import REVIEWER, User
from tests.access.test_http import page_callback
from tests.support.accounts import IZMIR, PASSWORD, sign_in

FAILED = Event(
    "failed_load:990001",
    notices.FAILED_LOAD,
    IZMIR,
    {"run": 990001, "source": "tuik-nufus", "file": "nufus.csv", "read": 0, "rejected": 0},
)
WORSE = Event(
    "goal_worsened:izmir:1.1.1:990001",
    notices.GOAL_WORSENED,
    IZMIR,
    {"node": "1.1.1", "old": "on_track", "new": "deterioration", "run": 990001},
)


def reviewer(app_context: Any, username: str) -> User:
    user = add_user(app_context.database, username, PASSWORD, display_name=username.title())
    set_role(app_context.database, username, IZMIR, REVIEWER)
    return user


def post(session: requests.Session, base: str, body: dict[str, Any]) -> requests.Response:
    return session.post(f"{base}/_dash-update-component", json=body, headers={"Origin": base}, timeout=60)


def said(response: requests.Response) -> str:
    """A callback's answer as text (Turkish letters as they are)."""
    return json.dumps(response.json(), ensure_ascii=False)


def mark_callback(notification_id: int | None) -> dict[str, Any]:
    """The mark-read callback as the browser posts it: one notification's button, or 'mark all'."""
    one = {"id": {"type": "notification-read", "id": notification_id or 0}, "property": "n_clicks", "value": 1}
    everything = {
        "id": "notifications-all-read",
        "property": "n_clicks",
        "value": 1 if notification_id is None else None,
    }
    return {
        "output": "..notifications-list.children...notifications-outcome.children...notifications-indicator.children..",
        "outputs": [
            {"id": "notifications-list", "property": "children"},
            {"id": "notifications-outcome", "property": "children"},
            {"id": "notifications-indicator", "property": "children"},
        ],
        "inputs": [[one], everything],
        "state": [{"id": "notifications-state", "property": "data", "value": {"lang": "tr"}}],
        "changedPropIds": [
            "notifications-all-read.n_clicks"
            if notification_id is None
            else json.dumps(one["id"], separators=(",", ":"), sort_keys=True) + ".n_clicks"
        ],
    }


def save_callback(email: str, language: str, delivery: str, lang: str = "tr") -> dict[str, Any]:
    return {
        "output": "notifications-saved.children",
        "outputs": {"id": "notifications-saved", "property": "children"},
        "inputs": [{"id": "notifications-save", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "notifications-email", "property": "value", "value": email},
            {"id": "notifications-language", "property": "value", "value": language},
            {"id": "notifications-delivery", "property": "value", "value": delivery},
            {"id": "notifications-state", "property": "data", "value": {"lang": lang}},
        ],
        "changedPropIds": ["notifications-save.n_clicks"],
    }


def navbar_callback(pathname: str) -> dict[str, Any]:
    return {
        "output": "navbar.children",
        "outputs": {"id": "navbar", "property": "children"},
        "inputs": [
            {"id": "url", "property": "pathname", "value": pathname},
            {"id": "url", "property": "search", "value": ""},
        ],
        "changedPropIds": ["url.pathname"],
    }


def test_a_user_sees_and_marks_only_their_own_notifications(live_server: str, app_context: Any):
    database = app_context.database
    ayse, mehmet = reviewer(app_context, "bildirim-ayse"), reviewer(app_context, "bildirim-mehmet")
    record_events(
        database, [(ayse.user_id, FAILED), (ayse.user_id, WORSE), (mehmet.user_id, FAILED)], mail_enabled=False
    )
    nobody = requests.Session()
    assert nobody.get(f"{live_server}/notifications", timeout=60).status_code == 200  # a page, not 404
    refused = json.dumps(page_callback(nobody, live_server, "/notifications").json(), ensure_ascii=False)
    assert '"data-view": "refused"' in refused and "nufus.csv" not in refused
    assert "notifications-indicator" not in json.dumps(post(nobody, live_server, navbar_callback(f"/{IZMIR}")).json())

    session = sign_in(live_server, "bildirim-ayse")
    navbar = json.dumps(post(session, live_server, navbar_callback(f"/{IZMIR}")).json(), ensure_ascii=False)
    assert '"data-unread": "2"' in navbar and "2 okunmamış bildirim" in navbar
    page = json.dumps(page_callback(session, live_server, "/notifications").json(), ensure_ascii=False)
    assert "Yükleme başarısız: tuik-nufus, dosya nufus.csv (çalıştırma 990001)" in page
    assert f"/{IZMIR}/quality?run=990001" in page
    assert "durumu son yüklemeden sonra kötüleşti" in page and "Yolunda → Kötüleşme" in page
    english = json.dumps(page_callback(session, live_server, "/notifications?lang=en").json(), ensure_ascii=False)
    assert "Load failed: tuik-nufus, file nufus.csv (run 990001)" in english
    assert f"/{IZMIR}/quality?run=990001&lang=en" in english and "On track → Deterioration" in english

    theirs = user_notifications(database, mehmet.user_id)[0].notification_id
    crafted = post(session, live_server, mark_callback(theirs))
    assert crafted.status_code == 200 and "0 bildirim okundu" in crafted.text
    assert unread_count(database, mehmet.user_id) == 1  # someone else's: untouched
    mine = [item.notification_id for item in user_notifications(database, ayse.user_id)]
    answer = post(session, live_server, mark_callback(mine[0]))
    assert "1 bildirim okundu" in answer.text and unread_count(database, ayse.user_id) == 1
    answer = post(session, live_server, mark_callback(None))
    assert "1 bildirim okundu" in answer.text and unread_count(database, ayse.user_id) == 0
    assert '"data-unread": "0"' in json.dumps(post(session, live_server, navbar_callback("/")).json())
    assert post(nobody, live_server, mark_callback(None)).status_code == 204  # nobody: nothing done


def test_the_email_preference_is_checked_on_the_server(live_server: str, app_context: Any):
    user = reviewer(app_context, "bildirim-zeynep")
    session = sign_in(live_server, "bildirim-zeynep")
    answer = post(session, live_server, save_callback("zeynep@", "en", DIGEST))
    assert "Kaydedilmedi: geçerli bir e-posta adresi girin" in said(answer)
    answer = post(session, live_server, save_callback("", "en", DIGEST, lang="en"))
    assert "Not saved: enter an address to receive e-mails" in said(answer)
    answer = post(session, live_server, save_callback("zeynep@example.org\r\nBcc: x@example.org", "en", DIGEST))
    assert "Kaydedilmedi" in said(answer)
    answer = post(session, live_server, save_callback("zeynep@example.org", "xx", DIGEST))
    assert "listedeki seçeneklerden birini seçin" in said(answer)
    assert get_preference(app_context.database, user.user_id).email is None
    answer = post(session, live_server, save_callback(" zeynep@example.org ", "en", DIGEST))
    assert "Tercihleriniz kaydedildi." in said(answer)
    stored = get_preference(app_context.database, user.user_id)
    assert (stored.email, stored.language, stored.delivery) == ("zeynep@example.org", "en", DIGEST)
