"""Any path no page answers: the not-found view."""

import dash

from dashboard.components.common import not_found
from dashboard.i18n import language
from dashboard.views.common import plan_choices

dash.register_page(__name__, path="/404", title="Gösterge")


def layout(**query):
    lang = language(query.get("lang"))
    return not_found(lang, "", plans=plan_choices(lang))
