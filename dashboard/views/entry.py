"""The entry page: /<plan>/entry?period=… (unit staff: their unit's indicators and districts).

The role, the unit's scope and the period are checked here on the server whenever the body is built
and again in every action (:mod:`operations.entries`): a crafted callback naming another unit's
indicator, or a page asked for by someone who is not unit staff, gets the refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Self

from dash import dcc, html

from dashboard import ids, urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components import entry as builders
from dashboard.components.access import refused
from dashboard.context import get_context
from dashboard.i18n import format_date, format_number, t
from dashboard.state import Query, ViewState, read_language, read_plan
from dashboard.views.entry_data import EntryRow, entry_rows, parse_row_key
from gosterge.plan import Plan
from operations.entries import Content, EntryError, Item, check_content, explanation_required, save_draft, submit
from operations.entry_scope import entering_unit, may_enter, unit_scope
from operations.periods import OpenPeriod, open_periods, period_of, today_in
from operations.roles import REVIEWER, UNIT_STAFF, User


@dataclass(frozen=True, kw_only=True)
class EntryView(ViewState):
    """The page's state: the period entered (one of the open ones; the newest when absent)."""

    period: str | None = None

    def path(self) -> str:
        return urls.plan_path(self.plan, "entry")

    def to_query(self) -> dict[str, Any]:
        return {"period": self.period}

    @classmethod
    def from_query(cls, plan_code: str | None = None, **query: Any) -> Self:
        lang = read_language(query)
        plan = read_plan(plan_code, lang)
        return cls(plan=plan.code, lang=lang, period=Query(query).text("period"))


def today() -> date:
    return today_in(get_context().settings.time_zone)


def chosen_period(plan: Plan, wanted: str | None) -> tuple[OpenPeriod | None, list[OpenPeriod]]:
    """The open period asked for (the newest open one otherwise), and every open period."""
    database = get_context().database
    assert database is not None
    found = open_periods(database, plan, today())
    chosen = next((item for item in found if item.period.code == wanted), found[-1] if found else None)
    return chosen, found


def unit_rows(plan: Plan, user: User, period_code: str, lang: str) -> list[EntryRow]:
    """The user's rows for the period (the unit's indicators and districts)."""
    entering = entering_unit(user, plan.code)
    assert entering is not None
    context = get_context()
    assert context.database is not None
    with context.reader.connect() as connection:
        return entry_rows(
            connection, context.database, plan, unit_scope(plan, *entering), period_of(plan, period_code), lang
        )


def cards(view: EntryView, plan: Plan, user: User, period_code: str) -> list[html.Article]:
    period = period_of(plan, period_code)
    return [
        builders.entry_card(
            row,
            period.year,
            urls.href(urls.plan_path(plan.code, "entry", str(row.entry.entry_id)), view.lang) if row.entry else None,
            view.lang,
        )
        for row in unit_rows(plan, user, period_code, view.lang)
    ]


def render(view: EntryView) -> html.Div:
    """The whole page body (the refusal for anyone who does not enter values for a unit of the plan)."""
    user = current_user()
    plan = view.plan_model()
    entering = entering_unit(user, plan.code)
    if user is None or entering is None:
        if user is not None and user.may(REVIEWER, plan.code):
            review = urls.href(urls.plan_path(plan.code, "review"), view.lang)
            return html.Div(
                [
                    html.H1(t("entry.title", view.lang)),
                    html.P(t("entry.not_unit_staff", view.lang)),
                    dcc.Link(t("entry.review_title", view.lang), href=review),
                ]
            )
        return refused(UNIT_STAFF, view.lang, view.href())
    chosen, found = chosen_period(plan, view.period)
    header = [
        html.H1(t("entry.title", view.lang)),
        html.P([t("entry.unit", view.lang), ": ", html.Strong(entering[0])]),
    ]
    if chosen is None:
        return html.Div([*header, html.P(t("entry.no_open_period", view.lang))], **attributes(data_view="entry"))
    if not unit_scope(plan, *entering):
        return html.Div([*header, html.P(t("entry.no_indicators", view.lang))], **attributes(data_view="entry"))
    code = chosen.period.code
    periods = html.Nav(
        [dcc.Link(item.period.code, href=view.href(period=item.period.code), className="me-2") for item in found],
        className="entry-periods",
    )
    closes = t("entry.closes_on", view.lang, period=code, date=format_date(chosen.closes_on, view.lang))
    template = urls.href(urls.plan_path(plan.code, "entry", "template.xlsx"), view.lang, period=code)
    store = {"plan": plan.code, "period": code, "lang": view.lang}
    return html.Div(
        [
            *header,
            periods,
            html.P([closes, " ", t("entry.reopened", view.lang) if chosen.reopened else ""]),
            builders.bulk_section(template, view.lang),
            html.Div(cards(view, plan, user, code), id=ids.ENTRY_CARDS, className="entry-cards"),
            dcc.Store(id=ids.ENTRY_STATE, data=store),
        ],
        className="entry-page",
        **attributes(data_view="entry"),
    )


def _allowed_row(stored: Any, key: Any) -> tuple[Plan, User, str, str, EntryRow] | None:
    """(plan, user, period, language, the row) when the signed-in user may enter the row of ``key``."""
    stored = stored if isinstance(stored, dict) else {}
    plan = get_context().plan(stored.get("plan"))
    user = current_user()
    parsed = parse_row_key(key)
    period = stored.get("period")
    if plan is None or user is None or parsed is None or not isinstance(period, str):
        return None
    indicator_code, area = parsed
    if not may_enter(user, plan, indicator_code, area):
        return None
    try:
        period_of(plan, period)
    except ValueError:
        return None
    context = get_context()
    assert context.database is not None
    with context.reader.connect() as connection:
        (row,) = entry_rows(
            connection, context.database, plan, [(plan.indicators[indicator_code], area)], period_of(plan, period), "tr"
        )
    return plan, user, period, stored.get("lang") or "tr", row


def check_typed(stored: Any, key: Any, value: str | None, reason: str | None, measures: str | None) -> Any:
    """The value's check as it is typed: its problem, the need for an explanation, or that it is valid."""
    found = _allowed_row(stored, key)
    if found is None:
        return None
    plan, _, period, lang, row = found
    content = Content(value or "", "", reason or "", measures or "")
    if not content.value_text.strip():
        return None
    try:
        number = check_content(plan, row.indicator.code, period, content, row.path, submitting=False)
    except EntryError as error:
        return builders.feedback(builders.refusal_message(error, row.indicator.code, lang), good=False, lang=lang)
    assert number is not None
    if explanation_required(plan, row.indicator.code, period, number, row.path):
        return builders.feedback(t("entry.explanation_needed", lang), good=False, lang=lang)
    shown = format_number(number, lang, None)
    return builders.feedback(t("entry.value_ok", lang, value=shown), good=True, lang=lang)


def act(stored: Any, key: Any, action: str, content: Content) -> tuple[Any, bool]:
    """Save or submit one row; returns (the outcome, whether the row is now locked: submitted)."""
    found = _allowed_row(stored, key)
    lang = read_language(stored if isinstance(stored, dict) else {})
    if found is None:
        return builders.feedback(t("entry.refusal.not_allowed", lang), good=False, lang=lang), False
    plan, user, period, lang, row = found
    database = get_context().database
    assert database is not None
    item = Item(row.indicator.code, row.area, period, content, row.path)
    try:
        done = (submit if action == "submit" else save_draft)(database, plan, user, item, today=today())
    except EntryError as error:
        message = builders.refusal_message(error, row.indicator.code, lang)
        return builders.feedback(message, good=False, lang=lang), False
    text = t("entry.submitted" if action == "submit" else "entry.saved", lang, version=done.version)
    return builders.feedback(text, good=True, lang=lang), done.status == "submitted"
