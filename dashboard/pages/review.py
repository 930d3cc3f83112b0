"""The review page: /<plan>/review (reviewers and admins). Layout and actions live in
:mod:`dashboard.views.review`."""

import dash
from dash import MATCH, Input, Output, State, callback, ctx

from dashboard import ids
from dashboard.components.common import not_found
from dashboard.i18n import language
from dashboard.state import NotFound
from dashboard.views import review

dash.register_page(__name__, path_template="/<plan_code>/review", order=42, title="Gösterge")


def layout(plan_code=None, **query):
    try:
        view = review.ReviewView.from_query(plan_code, **query)
    except NotFound as error:
        return not_found(language(query.get("lang")), error.what, error.plan_code)
    return review.render(view)


@callback(
    Output({"type": ids.REVIEW_OUTCOME, "entry": MATCH}, "children"),
    Input({"type": ids.REVIEW_APPROVE, "entry": MATCH}, "n_clicks"),
    Input({"type": ids.REVIEW_RETURN, "entry": MATCH}, "n_clicks"),
    State({"type": ids.REVIEW_COMMENT, "entry": MATCH}, "value"),
    State(ids.REVIEW_STATE, "data"),
    prevent_initial_call=True,
)
def decide(approvals, returns, comment, stored):
    if not ctx.triggered_id or not (approvals or returns):
        raise dash.exceptions.PreventUpdate
    action = "approve" if ctx.triggered_id["type"] == ids.REVIEW_APPROVE else "return"
    return review.decide(stored, ctx.triggered_id["entry"], action, comment)


@callback(
    Output(ids.REVIEW_REOPEN_OUTCOME, "children"),
    Input(ids.REVIEW_REOPEN, "n_clicks"),
    State(ids.REVIEW_REOPEN_PERIOD, "value"),
    State(ids.REVIEW_REOPEN_UNTIL, "value"),
    State(ids.REVIEW_STATE, "data"),
    prevent_initial_call=True,
)
def reopen(clicks, period, until, stored):
    if not clicks:
        raise dash.exceptions.PreventUpdate
    return review.reopen(stored, period, until)
