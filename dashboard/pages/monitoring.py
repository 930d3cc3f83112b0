"""The yearly monitoring table: /<plan>/monitoring?year=… (&region=… or &district=…)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live, urls
from dashboard.i18n import language
from dashboard.views import monitoring
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/monitoring", order=30, title="Gösterge")


def layout(plan_code=None, **query):
    return build_page(
        ids.MONITORING_STATE, ids.MONITORING_BODY, monitoring.read, monitoring.render, plan_code=plan_code, **query
    )


def year_href(year, view, pathname, search):
    """The same view for the chosen year (the year lives in the URL)."""
    query = urls.parse_search(search)
    if not year or str((view or {}).get("year")) == year:
        raise dash.exceptions.PreventUpdate  # also when Dash fires on the select's first render
    lang = language(query.pop("lang", None))
    return urls.href(pathname or "/", lang, **{**query, "year": year})


@callback(
    Output(ids.NAVIGATE, "href", allow_duplicate=True),
    Input(ids.MONITORING_YEAR, "value"),
    State(ids.MONITORING_STATE, "data"),
    State(ids.URL, "pathname"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def choose_year(year, view, pathname, search):
    return year_href(year, view, pathname, search)


@callback(
    Output(ids.MONITORING_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.MONITORING_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, monitoring.render)
