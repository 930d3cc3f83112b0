"""The extract builder: /<plan>/extract?level=…&axis=…&district=…&from=…&to=…&columns=…&dialect=…&page=…

Layout and URL logic live in :mod:`dashboard.views.downloads`; the callback
only turns the controls into the next URL.
"""

import dash
from dash import ALL, Input, Output, State, callback

from dashboard import ids, urls
from dashboard.access.sessions import may
from dashboard.components.access import refused
from dashboard.components.common import not_found
from dashboard.context import get_context
from dashboard.i18n import language, t
from dashboard.views import downloads as builder
from dashboard.views.common import plan_choices
from operations.roles import REVIEWER
from warehouse.downloads.filter import REJECTED

dash.register_page(__name__, path_template="/<plan_code>/extract", order=20, title="Gösterge")


def layout(plan_code=None, **query):
    lang = language(query.get("lang"))
    plan = get_context().plan(plan_code)
    if plan is None:
        return not_found(lang, t("unknown_plan", lang, code=plan_code or ""), plans=plan_choices(lang))
    state = builder.read_state(plan, query)
    if state.extract is not None and state.extract.level == REJECTED and not may(REVIEWER, plan.code):
        return refused(REVIEWER, lang, urls.href(f"/{plan.code}/extract", lang, level=REJECTED))
    return builder.render(state)


@callback(
    Output(ids.NAVIGATE, "href", allow_duplicate=True),
    Input(ids.EXTRACT_LEVEL, "value"),
    Input({"type": ids.EXTRACT_NODE, "depth": ALL}, "value"),
    Input(ids.EXTRACT_INDICATOR, "value"),
    Input(ids.EXTRACT_DISTRICT, "value"),
    Input(ids.EXTRACT_REGION, "value"),
    Input(ids.EXTRACT_AREA, "value"),
    Input(ids.EXTRACT_YEAR_FROM, "value"),
    Input(ids.EXTRACT_YEAR_TO, "value"),
    Input(ids.EXTRACT_COLUMNS, "value"),
    Input(ids.EXTRACT_DIALECT, "value"),
    State(ids.EXTRACT_DRAWN, "data"),
    State(ids.URL, "pathname"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def choose(
    level, nodes, indicators, districts, regions, areas, year_from, year_to, columns, dialect, drawn, pathname, search
):
    # Dash fires this once more when the page is drawn again (every input "changed" at once), and merges
    # a person's change made meanwhile into that request: whether to navigate is read from the values,
    # not from what triggered. Controls still as drawn write nothing, so a URL the page could not read
    # stays as typed; any other value is a person's choice.
    plan = get_context().plan((pathname or "/").strip("/").split("/")[0])
    if plan is None:
        raise dash.exceptions.PreventUpdate
    lang = language(urls.parse_search(search).get("lang"))
    href = builder.state_href(
        plan, lang, level, nodes, indicators, districts, regions, areas, year_from, year_to, columns, dialect
    )
    if href in (drawn, f"{pathname}{search or ''}"):
        raise dash.exceptions.PreventUpdate
    return href
