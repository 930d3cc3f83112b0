"""The notifications page: /notifications (every signed-in user; see :mod:`dashboard.views.notifications`).

Its callbacks mark notifications read and save the e-mail preference; each checks the signed-in user
again and touches only that user's rows.
"""

import dash
from dash import ALL, Input, Output, State, callback, ctx

from dashboard import ids
from dashboard.access.sessions import current_user
from dashboard.components.notifications import indicator_children
from dashboard.context import get_context
from dashboard.i18n import language, t
from dashboard.messages import CATALOGUE
from dashboard.views import notifications
from operations.notifications import mark_read, unread_count
from operations.preferences import MailPreference, PreferenceError, set_preference

dash.register_page(__name__, path="/notifications", order=50, title="Gösterge")


def layout(**query):
    return notifications.render(notifications.NotificationsView.from_query(**query))


@callback(
    Output(ids.NOTIFICATIONS_LIST, "children"),
    Output(ids.NOTIFICATIONS_OUTCOME, "children"),
    Output(ids.NOTIFICATIONS_INDICATOR, "children"),
    Input({"type": ids.NOTIFICATION_READ, "id": ALL}, "n_clicks"),
    Input(ids.NOTIFICATIONS_ALL_READ, "n_clicks"),
    State(ids.NOTIFICATIONS_STATE, "data"),
    prevent_initial_call=True,
)
def mark(one_clicks, all_clicks, stored):
    """Mark one notification read (its button) or all of them; only the signed-in user's own."""
    user = current_user()
    database = get_context().database
    trigger = ctx.triggered_id
    if user is None or database is None or not (ctx.triggered and ctx.triggered[0].get("value")):
        raise dash.exceptions.PreventUpdate
    lang = language((stored or {}).get("lang"))
    if trigger == ids.NOTIFICATIONS_ALL_READ:
        changed = mark_read(database, user.user_id)
    elif isinstance(trigger, dict) and isinstance(trigger.get("id"), int):
        changed = mark_read(database, user.user_id, [trigger["id"]])
    else:
        raise dash.exceptions.PreventUpdate
    count = unread_count(database, user.user_id)
    return (
        notifications.notification_list(user.user_id, lang),
        t("alerts.marked", lang, count=changed),
        indicator_children(count, lang),
    )


@callback(
    Output(ids.NOTIFICATIONS_SAVED, "children"),
    Input(ids.NOTIFICATIONS_SAVE, "n_clicks"),
    State(ids.NOTIFICATIONS_EMAIL, "value"),
    State(ids.NOTIFICATIONS_LANGUAGE, "value"),
    State(ids.NOTIFICATIONS_DELIVERY, "value"),
    State(ids.NOTIFICATIONS_STATE, "data"),
    prevent_initial_call=True,
)
def save(clicks, email, mail_language, delivery, stored):
    """Store the signed-in user's e-mail preference (checked again by operations.preferences)."""
    user = current_user()
    database = get_context().database
    if not clicks or user is None or database is None:
        raise dash.exceptions.PreventUpdate
    lang = language((stored or {}).get("lang"))
    wanted = MailPreference((email or "").strip() or None, str(mail_language or "tr"), str(delivery or "off"))
    try:
        set_preference(database, user.user_id, wanted, actor=user.username)
    except PreferenceError as error:
        key = f"alerts.reason.{error.reason}"
        return t("alerts.invalid", lang, reason=t(key if key in CATALOGUE else "alerts.reason.choice", lang))
    return t("alerts.saved", lang)
