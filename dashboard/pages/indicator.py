"""An indicator: /<plan>/indicator/<code> (?view=chart|table|map, ?map=geo|tiles, ?show=, ?district=)."""

import dash
from dash import Input, Output, State, callback

from dashboard import ids, live
from dashboard.views import indicator
from dashboard.views.common import build_page

dash.register_page(__name__, path_template="/<plan_code>/indicator/<indicator_code>", order=11, title="Gösterge")


def layout(plan_code=None, indicator_code=None, **query):
    return build_page(
        ids.INDICATOR_STATE,
        ids.INDICATOR_BODY,
        indicator.read,
        indicator.render,
        plan_code=plan_code,
        indicator_code=indicator_code,
        **query,
    )


@callback(
    Output(ids.INDICATOR_BODY, "children"),
    Input(ids.DATA_VERSION, "data"),
    State(ids.INDICATOR_STATE, "data"),
    prevent_initial_call=True,
)
def refresh(version, view):
    return live.refresh(version, view, indicator.IndicatorView, indicator.render)
