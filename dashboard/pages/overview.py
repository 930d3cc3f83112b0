"""Overview: /<plan> (filters in the query: ?axis=…&priority=… or the plan's own level names)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import overview
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>", order=90, title="Gösterge")


def layout(plan_code=None, **query):
    return build_page(
        ids.OVERVIEW_STATE, ids.OVERVIEW_BODY, overview.read, overview.render, plan_code=plan_code, **query
    )


@callback(
    Output(ids.OVERVIEW_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.OVERVIEW_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, overview.OverviewView, overview.render)


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.FILTER_TOP, "value"),
    State(ids.OVERVIEW_STATE, "data"),
    prevent_initial_call=True,
)
def filter_top(value, view):
    return overview.OverviewView.from_store(view).filter_href(0, value)


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.FILTER_SECOND, "value"),
    State(ids.OVERVIEW_STATE, "data"),
    prevent_initial_call=True,
)
def filter_second(value, view):
    return overview.OverviewView.from_store(view).filter_href(1, value)
