"""The entry page: /<plan>/entry?period=… (unit staff). Layout and checks live in
:mod:`dashboard.views.entry`; the callbacks check a value as it is typed, save or submit one row, and
take an uploaded template (:mod:`dashboard.views.entry_upload`)."""

import dash
from dash import MATCH, Input, Output, State, callback, ctx

from dashboard import ids
from dashboard.components.common import not_found
from dashboard.components.entry import upload_box
from dashboard.i18n import language
from dashboard.state import NotFound
from dashboard.views import entry, entry_upload
from operations.entries import Content

dash.register_page(__name__, path_template="/<plan_code>/entry", order=41, title="Gösterge")


def layout(plan_code=None, **query):
    try:
        view = entry.EntryView.from_query(plan_code, **query)
    except NotFound as error:
        return not_found(language(query.get("lang")), error.what, error.plan_code)
    return entry.render(view)


@callback(
    Output({"type": ids.ENTRY_FEEDBACK, "key": MATCH}, "children"),
    Input({"type": ids.ENTRY_VALUE, "key": MATCH}, "value"),
    State({"type": ids.ENTRY_REASON, "key": MATCH}, "value"),
    State({"type": ids.ENTRY_MEASURES, "key": MATCH}, "value"),
    State(ids.ENTRY_STATE, "data"),
    prevent_initial_call=True,
)
def check(value, reason, measures, stored):
    return entry.check_typed(stored, ctx.triggered_id["key"], value, reason, measures)


@callback(
    Output({"type": ids.ENTRY_OUTCOME, "key": MATCH}, "children"),
    Output({"type": ids.ENTRY_SUBMIT, "key": MATCH}, "disabled"),
    Output({"type": ids.ENTRY_SAVE, "key": MATCH}, "disabled"),
    Input({"type": ids.ENTRY_SAVE, "key": MATCH}, "n_clicks"),
    Input({"type": ids.ENTRY_SUBMIT, "key": MATCH}, "n_clicks"),
    State({"type": ids.ENTRY_VALUE, "key": MATCH}, "value"),
    State({"type": ids.ENTRY_NOTE, "key": MATCH}, "value"),
    State({"type": ids.ENTRY_REASON, "key": MATCH}, "value"),
    State({"type": ids.ENTRY_MEASURES, "key": MATCH}, "value"),
    State(ids.ENTRY_STATE, "data"),
    prevent_initial_call=True,
)
def save_or_submit(saves, submits, value, note, reason, measures, stored):
    if not ctx.triggered_id or not (saves or submits):
        raise dash.exceptions.PreventUpdate
    action = "submit" if ctx.triggered_id["type"] == ids.ENTRY_SUBMIT else "save"
    content = Content(value or "", note or "", reason or "", measures or "")
    outcome, locked = entry.act(stored, ctx.triggered_id["key"], action, content)
    return outcome, locked, locked


@callback(
    Output(ids.ENTRY_UPLOAD_RESULT, "children"),
    Output(ids.ENTRY_CARDS, "children"),
    Output(ids.ENTRY_UPLOAD_BOX, "children"),
    Input(ids.ENTRY_UPLOAD, "contents"),
    State(ids.ENTRY_STATE, "data"),
    prevent_initial_call=True,
)
def upload(contents, stored):
    outcome, cards = entry_upload.take_upload(stored, contents)
    return outcome, cards, upload_box(language((stored or {}).get("lang")))
