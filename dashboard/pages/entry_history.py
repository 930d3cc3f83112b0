"""An entry's history: /<plan>/entry/<entry_id> (see :mod:`dashboard.views.entry_history`)."""

import dash

from dashboard.components.common import not_found
from dashboard.i18n import language
from dashboard.state import NotFound
from dashboard.views import entry_history

dash.register_page(__name__, path_template="/<plan_code>/entry/<entry_id>", order=43, title="Gösterge")


def layout(plan_code=None, entry_id=None, **query):
    try:
        view = entry_history.EntryHistoryView.from_query(plan_code, entry_id, **query)
    except NotFound as error:
        return not_found(language(query.get("lang")), error.what, error.plan_code)
    return entry_history.render(view)
