"""The yearly monitoring table: /<plan>/monitoring?year=… (&region=… or &district=…)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import monitoring
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/monitoring", order=30, title="Gösterge")


def layout(plan_code=None, **query):
    return build_page(
        ids.MONITORING_STATE, ids.MONITORING_BODY, monitoring.read, monitoring.render, plan_code=plan_code, **query
    )


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.MONITORING_YEAR, "value"),
    State(ids.MONITORING_STATE, "data"),
    prevent_initial_call=True,
)
def choose_year(year, stored):
    return monitoring.MonitoringView.from_store(stored).year_href(year)


@callback(
    Output(ids.MONITORING_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.MONITORING_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, monitoring.MonitoringView, monitoring.render)
