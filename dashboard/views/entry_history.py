"""An entry's history: /<plan>/entry/<entry_id>: every version with who, when, what and the comment.

Shown to the plan's reviewers and admins, and to unit staff of the entry's unit (and district, when
they are limited to districts); anyone else gets the same answer as for an entry that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from dash import dcc, html

from dashboard import urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components.access import refused
from dashboard.components.entry import load_line
from dashboard.components.entry_review import history_table
from dashboard.context import get_context
from dashboard.i18n import t
from dashboard.state import ViewState, read_language, read_plan
from operations.entries import Entry, find_entry, history
from operations.entry_scope import entering_unit
from operations.roles import REVIEWER, UNIT_STAFF, User
from warehouse.queries.entry_outcomes import entry_load_outcomes


@dataclass(frozen=True, kw_only=True)
class EntryHistoryView(ViewState):
    entry_id: int | None = None

    def path(self) -> str:
        return urls.plan_path(self.plan, "entry", str(self.entry_id))

    @classmethod
    def from_query(cls, plan_code: str | None = None, entry_id: str | None = None, **query: Any) -> Self:
        lang = read_language(query)
        return cls(plan=read_plan(plan_code, lang).code, lang=lang, entry_id=urls.whole_number(entry_id))


def may_see(user: User | None, entry: Entry) -> bool:
    """Reviewers of the entry's plan, and unit staff of its unit (and district, when limited)."""
    if user is None:
        return False
    if user.may(REVIEWER, entry.plan_code):
        return True
    entering = entering_unit(user, entry.plan_code)
    if entering is None:
        return False
    unit, districts = entering
    return entry.unit == unit and (not districts or entry.area_code in districts)


def render(view: EntryHistoryView) -> html.Div:
    user = current_user()
    if user is None or not user.may(UNIT_STAFF, view.plan):
        return refused(UNIT_STAFF, view.lang, view.href())
    database = get_context().database
    assert database is not None
    entry = find_entry(database, view.entry_id) if view.entry_id is not None else None
    if entry is None or entry.plan_code != view.plan or not may_see(user, entry):
        return html.Div([html.H1(t("entry.history_title", view.lang)), html.P(t("entry.no_entry", view.lang))])
    plan = view.plan_model()
    indicator = plan.indicators.get(entry.indicator_code)
    name = indicator.text(view.lang, "name") if indicator is not None else entry.indicator_code
    back = urls.href(urls.plan_path(plan.code, "entry"), view.lang, period=entry.period)
    with get_context().reader.connect() as connection:
        load = entry_load_outcomes(connection, plan=plan.code, entry_ids=[entry.entry_id]).get(entry.entry_id)
    return html.Div(
        [
            html.H1(t("entry.history_title", view.lang)),
            html.P([html.Strong(entry.indicator_code), " ", name, " · ", entry.area_code, " · ", entry.period]),
            load_line(entry, load, view.lang),
            history_table(history(database, entry.entry_id), view.lang),
            dcc.Link(t("entry.title", view.lang), href=back),
        ],
        className="entry-history-page",
        **attributes(data_view="entry-history"),
    )
