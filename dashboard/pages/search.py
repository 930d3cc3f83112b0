"""Search: /<plan>/search?q=…"""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import search
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/search", order=14, title="Gösterge")


def layout(plan_code=None, **query):
    return build_page(ids.SEARCH_STATE, ids.SEARCH_BODY, search.read, search.render, plan_code=plan_code, **query)


@callback(
    Output(ids.SEARCH_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.SEARCH_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, search.SearchView, search.render)
