"""Home: / shows the overview of ?plan=… (default: the first configured plan)."""

import dash

from dashboard import ids
from dashboard.views import overview
from dashboard.views.common import build_page

dash.register_page(__name__, path="/", order=0, title="Gösterge")


def layout(**query):
    return build_page(ids.OVERVIEW_STATE, ids.OVERVIEW_BODY, overview.read, overview.render, **query)
