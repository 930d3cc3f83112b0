"""The executive brief: /<plan>/brief (?node=<code> for one top-level node); its PDF is /brief.pdf."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import brief
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/brief", order=25, title="Gösterge")


def layout(plan_code=None, **query):
    return build_page(ids.BRIEF_STATE, ids.BRIEF_BODY, brief.read, brief.render, plan_code=plan_code, **query)


@callback(
    Output(ids.BRIEF_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.BRIEF_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, brief.BriefView, brief.render)
