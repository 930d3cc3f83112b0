"""What a notification says, in Turkish and English, on the notifications page and in e-mails.

A notification is stored without any text in a language: its kind, its plan and its details (codes,
numbers, ISO dates; :mod:`operations.notifications`). :func:`describe` turns one into a line of text and
the path of the page it is about, in the reader's language, with the plan's own names of indicators,
goals and districts. The e-mails are composed in the writer's process, which may not import the
dashboard, so the texts live here; the dashboard's message catalogue takes them in under
``notice.<key>`` (:mod:`dashboard.messages`), so the page asks for them with ``t`` like every other text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from babel.dates import format_date

from gosterge.language import DATE_FORMATS, LOCALES, in_language, language
from gosterge.plan import Plan

FAILED_LOAD = "failed_load"
REJECTED_ROWS = "rejected_rows"
ENTRY_SUBMITTED = "entry_submitted"
ENTRY_RETURNED = "entry_returned"
PERIOD_CLOSING = "period_closing"
GOAL_WORSENED = "goal_worsened"
#: every kind of notification, grouped by who gets it (docs/operations.md)
KINDS = (ENTRY_SUBMITTED, FAILED_LOAD, REJECTED_ROWS, ENTRY_RETURNED, PERIOD_CLOSING, GOAL_WORSENED)

#: key → (Turkish, English); the dashboard reads them as "notice.<key>"
NOTICES: dict[str, tuple[str, str]] = {
    FAILED_LOAD: (
        "Yükleme başarısız: {source}, dosya {file} (çalıştırma {run})",
        "Load failed: {source}, file {file} (run {run})",
    ),
    REJECTED_ROWS: (
        "{source}, dosya {file}: {read} satırdan {rejected} satır reddedildi (çalıştırma {run})",
        "{source}, file {file}: {rejected} of {read} rows rejected (run {run})",
    ),
    ENTRY_SUBMITTED: (
        "İncelemeyi bekliyor: {indicator} · {area} · {period} ({unit})",
        "Waiting for review: {indicator} · {area} · {period} ({unit})",
    ),
    ENTRY_RETURNED: (
        "Geri gönderildi: {indicator} · {area} · {period}. Açıklama: {comment}",
        "Returned: {indicator} · {area} · {period}. Comment: {comment}",
    ),
    PERIOD_CLOSING: (
        "{period} dönemi girişi {closes} tarihinde kapanıyor; birimden ({unit}) henüz gönderilen değer yok",
        "Entry for the period {period} closes on {closes}; nothing submitted yet by the unit ({unit})",
    ),
    GOAL_WORSENED: (
        "{goal} durumu son yüklemeden sonra kötüleşti",
        "The status of {goal} worsened after the latest load",
    ),
    "province": ("il geneli", "province"),
    "no_comment": ("yok", "none"),
    "every_unit": ("tüm birimler", "every unit"),
    # ---- e-mails
    "mail_subject_digest": (
        "Gösterge: günlük özet ({count} bildirim)",
        "Gösterge: daily digest ({count} notifications)",
    ),
    "mail_subject_one": ("Gösterge: {text}", "Gösterge: {text}"),
    "mail_subject_many": ("Gösterge: {count} yeni bildirim", "Gösterge: {count} new notifications"),
    "mail_greeting": ("Merhaba {name},", "Hello {name},"),
    "mail_intro_digest": (
        "Gösterge'de son özetten bu yana sizi ilgilendiren {count} bildirim var:",
        "Since the last digest, Gösterge has {count} notifications for you:",
    ),
    "mail_intro_now": ("Gösterge'de sizi ilgilendiren yeni bildirimler:", "New notifications for you in Gösterge:"),
    "mail_all": ("Tüm bildirimleriniz ve e-posta tercihleriniz:", "All your notifications and e-mail preferences:"),
    "mail_footer": (
        "Bu ileti Gösterge tarafından otomatik olarak gönderildi; yanıtlamayın.",
        "This message was sent automatically by Gösterge; please do not reply.",
    ),
}

NOTIFICATIONS_PATH = "/notifications"


def text(key: str, lang: str, **values: Any) -> str:
    """The notice text ``key`` in ``lang`` with its placeholders filled."""
    turkish, english = NOTICES[key]
    return in_language(turkish, english, lang).format(**values)


def format_day(day: date, lang: str) -> str:
    """04.12.2026 in Turkish, 4 Dec 2026 in English (the dashboard's date formats)."""
    chosen = language(lang)
    return format_date(day, DATE_FORMATS[chosen], locale=LOCALES[chosen])


@dataclass(frozen=True)
class Notice:
    """A notification in a language: its line of text and the path of the page it is about."""

    text: str
    path: str


def page_path(path: str, lang: str) -> str:
    """``path`` (which may hold a query) with ``lang=en`` for English."""
    if language(lang) == "tr":
        return path
    return path + ("&" if "?" in path else "?") + urlencode({"lang": "en"})


def describe(kind: str, plan: Plan | None, details: dict[str, Any], lang: str) -> Notice:
    """The text and path of a notification of ``kind`` about ``plan`` (None: a plan no longer configured,
    whose codes are shown as they are)."""
    plan_code = str(details.get("plan", plan.code if plan is not None else ""))
    base = "/" + quote(plan_code, safe="")
    if kind in (FAILED_LOAD, REJECTED_ROWS):
        values = {
            "source": details.get("source", ""),
            "file": details.get("file") or "–",
            "run": details.get("run", ""),
            "read": details.get("read", 0),
            "rejected": details.get("rejected", 0),
        }
        return Notice(text(kind, lang, **values), f"{base}/quality?run={int(details.get('run', 0))}")
    if kind in (ENTRY_SUBMITTED, ENTRY_RETURNED):
        values = {
            "indicator": _indicator(plan, str(details.get("indicator", "")), lang),
            "area": _area(plan, str(details.get("area_level", "")), str(details.get("area", "")), lang),
            "period": details.get("period", ""),
            "unit": details.get("unit", ""),
            "comment": details.get("comment") or text("no_comment", lang),
        }
        path = f"{base}/review" if kind == ENTRY_SUBMITTED else f"{base}/entry/{int(details.get('entry', 0))}"
        return Notice(text(kind, lang, **values), path)
    if kind == PERIOD_CLOSING:
        closes = date.fromisoformat(str(details["closes"]))
        unit = details.get("unit") or text("every_unit", lang)
        values = {"period": details.get("period", ""), "closes": format_day(closes, lang), "unit": unit}
        return Notice(text(kind, lang, **values), f"{base}/entry")
    if kind == GOAL_WORSENED:
        code = str(details.get("node", ""))
        return Notice(text(kind, lang, goal=_node(plan, code, lang)), f"{base}/node/{quote(code, safe='')}")
    raise ValueError(f"unknown notification kind {kind!r}; expected one of {', '.join(KINDS)}")


def _indicator(plan: Plan | None, code: str, lang: str) -> str:
    indicator = plan.indicators.get(code) if plan is not None else None
    return f"{code} {indicator.text(lang, 'name')}" if indicator is not None else code


def _node(plan: Plan | None, code: str, lang: str) -> str:
    node = plan.nodes.get(code) if plan is not None else None
    if node is None or plan is None:
        return code
    return f"{plan.level_of(node).text(lang, 'name')} {code} ({node.text(lang)})"


def _area(plan: Plan | None, level: str, code: str, lang: str) -> str:
    if level == "district" and plan is not None and code in plan.districts:
        return plan.districts[code].name
    if level == "province" or not code:
        return text("province", lang)
    return code
