"""Districts map and equity: /<plan>/districts (?goal= or ?indicator=, ?show=, ?map=geo|tiles, ?year=)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import districts
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/districts", order=12, title="Gösterge")


def layout(plan_code=None, **query):
    return build_page(
        ids.DISTRICTS_STATE, ids.DISTRICTS_BODY, districts.read, districts.render, plan_code=plan_code, **query
    )


@callback(
    Output(ids.DISTRICTS_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.DISTRICTS_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, districts.DistrictsView, districts.render)


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.DISTRICTS_GOAL, "value"),
    State(ids.DISTRICTS_STATE, "data"),
    prevent_initial_call=True,
)
def choose_goal(value, view):
    return districts.subject_href(districts.DistrictsView.from_store(view), "goal", value)


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.DISTRICTS_INDICATOR, "value"),
    State(ids.DISTRICTS_STATE, "data"),
    prevent_initial_call=True,
)
def choose_indicator(value, view):
    return districts.subject_href(districts.DistrictsView.from_store(view), "indicator", value)


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.DISTRICTS_YEAR, "value"),
    State(ids.DISTRICTS_STATE, "data"),
    State(ids.DISTRICTS_YEAR, "options"),
    prevent_initial_call=True,
)
def choose_year(value, view, options):
    return districts.year_href(districts.DistrictsView.from_store(view), value, options)
