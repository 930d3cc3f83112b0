"""Pure builders of the notifications: the header's indicator, the list of a user's notifications and
the e-mail preference form. Data in, components out; no query."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components.common import section
from dashboard.i18n import format_date, label, t
from gosterge.plan import Plan
from operations.notices import GOAL_WORSENED, NOTIFICATIONS_PATH, describe, page_path
from operations.notifications import Notification
from operations.preferences import DELIVERIES, LANGUAGES, MailPreference

#: the header's link to the notifications page (a small button like the other account links)
INDICATOR_CLASS = "btn btn-sm btn-outline-light account-link notifications-indicator"


def indicator_children(count: int, lang: str) -> list[Any]:
    """What the header's link shows: 'Bildirimler' and the unread count when there is any (on a narrow
    laptop a bell in place of the word, which screen readers still read)."""
    children: list[Any] = [
        html.Span(className="indicator-icon", **attributes(aria_hidden="true")),
        html.Span(t("alerts.title", lang), className="indicator-label"),
    ]
    if count:
        children += [" ", html.Span(str(count), className="badge rounded-pill bg-warning text-dark")]
    return children


def indicator(count: int, lang: str) -> html.A:
    """The header's link to the notifications page, with the number of unread notifications."""
    return html.A(
        indicator_children(count, lang),
        href=urls.href(NOTIFICATIONS_PATH, lang),
        id=ids.NOTIFICATIONS_INDICATOR,
        className=INDICATOR_CLASS,
        title=t("alerts.indicator_label", lang, count=count),
        **attributes(data_unread=str(count)),
    )


def notification_item(notification: Notification, plans: dict[str, Plan], lang: str) -> html.Li:
    """One notification: its text linking to the page it is about, when, and 'mark read' while unread."""
    notice = describe(notification.kind, plans.get(notification.plan_code), notification.details, lang)
    text: list[Any] = [dcc.Link(notice.text, href=page_path(notice.path, lang))]
    if notification.kind == GOAL_WORSENED:
        change = t(
            "alerts.status_change",
            lang,
            old=label("status", notification.details.get("old"), lang),
            new=label("status", notification.details.get("new"), lang),
        )
        text.append(html.Div(change, className="small text-muted"))
    when = format_date(notification.created_at.replace(tzinfo=UTC), lang, with_time=True)
    side: list[Any] = [html.Span(when, className="small text-muted")]
    if not notification.is_read:
        side += [
            html.Span(t("alerts.unread", lang), className="badge bg-warning text-dark"),
            html.Button(
                t("alerts.mark_read", lang),
                id={"type": ids.NOTIFICATION_READ, "id": notification.notification_id},
                className="btn btn-sm btn-outline-secondary",
                type="button",
            ),
        ]
    return html.Li(
        [html.Div(text, className="notification-text"), html.Div(side, className="notification-side")],
        className="list-group-item notification" + ("" if notification.is_read else " unread"),
        **attributes(data_kind=notification.kind, data_read="1" if notification.is_read else "0"),
    )


def notification_list(items: Sequence[Notification], plans: dict[str, Plan], lang: str) -> html.Div:
    """The user's notifications, unread first, or a line saying there are none."""
    if not items:
        return html.Div(html.P(t("alerts.empty", lang)), **attributes(data_count="0"))
    return html.Div(
        html.Ul([notification_item(item, plans, lang) for item in items], className="list-group"),
        **attributes(data_count=str(len(items)), data_unread=str(sum(not item.is_read for item in items))),
    )


def _field(label_text: str, control: Any) -> html.Div:
    return html.Div([html.Label(label_text, htmlFor=control.id, className="form-label"), control], className="mb-2")


def preference_form(preference: MailPreference, lang: str, *, mail_configured: bool) -> html.Section:
    """The user's e-mail preference: address, language of the e-mails, and how they come."""
    notice = [] if mail_configured else [html.P(t("alerts.mail_not_configured", lang), className="text-muted small")]
    fields = [
        _field(
            t("alerts.email", lang),
            dbc.Input(id=ids.NOTIFICATIONS_EMAIL, type="email", value=preference.email or "", maxLength=254, size="sm"),
        ),
        _field(
            t("alerts.language", lang),
            dbc.Select(
                id=ids.NOTIFICATIONS_LANGUAGE,
                value=preference.language,
                options=[{"label": t(f"alerts.language.{code}", lang), "value": code} for code in LANGUAGES],
                size="sm",
            ),
        ),
        _field(
            t("alerts.delivery", lang),
            dbc.Select(
                id=ids.NOTIFICATIONS_DELIVERY,
                value=preference.delivery,
                options=[{"label": t(f"alerts.delivery.{code}", lang), "value": code} for code in DELIVERIES],
                size="sm",
            ),
        ),
        html.Button(
            t("alerts.save", lang), id=ids.NOTIFICATIONS_SAVE, className="btn btn-primary btn-sm", type="button"
        ),
        html.Div(id=ids.NOTIFICATIONS_SAVED, role="status", className="mt-2"),
    ]
    return section(t("alerts.preferences", lang), *notice, html.Div(fields, className="preferences-form"))
