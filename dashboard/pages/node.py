"""A node of the plan: /<plan>/node/<code> (axis, priority, goal, aim …; ?district= or ?region=)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import node
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/node/<node_code>", order=10, title="Gösterge")


def layout(plan_code=None, node_code=None, **query):
    return build_page(
        ids.NODE_STATE, ids.NODE_BODY, node.read, node.render, plan_code=plan_code, node_code=node_code, **query
    )


@callback(
    Output(ids.NODE_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.NODE_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, node.NodeView, node.render)
