"""The notifications page: /notifications (?lang=en), for every signed-in user, their own only.

The user's notifications, unread first, each linking to the page it is about, with 'mark read' (one, or
all), and the e-mail preference form. The user is checked on the server whenever the body is built
and in every callback (:mod:`dashboard.pages.notifications`): nobody signed in gets the sign-in
refusal, and a user can read and mark only notifications of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from dash import dcc, html

from dashboard import ids, urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components import notifications as builders
from dashboard.components.access import refused
from dashboard.context import get_context
from dashboard.i18n import DEFAULT_LANGUAGE, t
from dashboard.state import read_language
from operations.notices import NOTIFICATIONS_PATH
from operations.notifications import unread_count, user_notifications
from operations.preferences import get_preference
from operations.roles import VIEWER


@dataclass(frozen=True)
class NotificationsView:
    """The page's state: only its language."""

    lang: str = DEFAULT_LANGUAGE

    @classmethod
    def from_query(cls, **query: Any) -> Self:
        return cls(lang=read_language(query))

    def href(self) -> str:
        return urls.href(NOTIFICATIONS_PATH, self.lang)


def notification_list(user_id: int, lang: str) -> html.Div:
    """The list of ``user_id``'s notifications (also what the mark-read callback returns)."""
    context = get_context()
    assert context.database is not None
    return builders.notification_list(user_notifications(context.database, user_id), context.plans, lang)


def header_indicator(lang: str) -> html.A | None:
    """The header's link with the signed-in user's unread count (None for nobody signed in)."""
    user = current_user()
    database = get_context().database
    if user is None or database is None:
        return None
    return builders.indicator(unread_count(database, user.user_id), lang)


def render(view: NotificationsView) -> html.Div:
    """The whole page body (the sign-in refusal for nobody signed in)."""
    user = current_user()
    context = get_context()
    if user is None or context.database is None:
        return refused(VIEWER, view.lang, view.href())
    preference = get_preference(context.database, user.user_id)
    mail_configured = context.settings.smtp is not None
    return html.Div(
        [
            html.H1(t("alerts.title", view.lang)),
            html.P(t("alerts.intro", view.lang), className="text-muted"),
            html.Section(
                [
                    html.Button(
                        t("alerts.mark_all_read", view.lang),
                        id=ids.NOTIFICATIONS_ALL_READ,
                        className="btn btn-sm btn-outline-secondary mb-2",
                        type="button",
                    ),
                    html.Div(id=ids.NOTIFICATIONS_OUTCOME, role="status"),
                    html.Div(notification_list(user.user_id, view.lang), id=ids.NOTIFICATIONS_LIST),
                ],
                className="dash-section",
                **attributes(aria_label=t("alerts.title", view.lang)),
            ),
            builders.preference_form(preference, view.lang, mail_configured=mail_configured),
            dcc.Store(id=ids.NOTIFICATIONS_STATE, data={"lang": view.lang}),
        ],
        className="notifications-page",
        **attributes(data_view="notifications"),
    )
