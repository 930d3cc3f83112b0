"""Any path no page answers: the not-found view."""

import dash

from dashboard.components.common import not_found
from dashboard.i18n import language

dash.register_page(__name__, path="/404", title="Gösterge")


def layout(**query):
    lang = language(query.get("lang"))
    return not_found(lang, "")
