"""One district: /<plan>/district/<code> (?year=)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import district
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/district/<district_code>", order=13, title="Gösterge")


def layout(plan_code=None, district_code=None, **query):
    return build_page(
        ids.DISTRICT_STATE,
        ids.DISTRICT_BODY,
        district.read,
        district.render,
        plan_code=plan_code,
        district_code=district_code,
        **query,
    )


@callback(
    Output(ids.DISTRICT_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.DISTRICT_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, district.DistrictView, district.render)


@callback(
    Output(ids.PAGE_NAVIGATE, "href", allow_duplicate=True),
    Input(ids.DISTRICT_YEAR, "value"),
    State(ids.DISTRICT_STATE, "data"),
    State(ids.DISTRICT_YEAR, "options"),
    prevent_initial_call=True,
)
def choose_year(value, view, options):
    return district.year_href(district.DistrictView.from_store(view), value, options)
