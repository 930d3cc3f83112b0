"""The review page: /<plan>/review (reviewers and admins of the plan): the submitted entries, each to
approve or return with a comment, and the reopening of an ended period. The role is checked when the
body is built and again in each action (:mod:`operations.entries`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Self

from dash import dcc, html

from dashboard import ids, urls
from dashboard.access.sessions import current_user
from dashboard.attributes import attributes
from dashboard.components import entry_review as builders
from dashboard.components.access import refused
from dashboard.components.entry import feedback, refusal_message
from dashboard.context import get_context
from dashboard.i18n import format_date, t
from dashboard.state import ViewState, read_language, read_plan
from dashboard.views.entry import today
from dashboard.views.entry_data import EntryRow, entry_rows
from gosterge.plan import Plan
from operations.entries import SUBMITTED, Entry, EntryError, approve, list_entries, reopen_period, return_entry
from operations.entry_scope import EntryArea
from operations.periods import period_of, plan_periods
from operations.roles import REVIEWER

REOPENABLE_SHOWN = 6  # the newest ended periods offered for reopening


@dataclass(frozen=True, kw_only=True)
class ReviewView(ViewState):
    def path(self) -> str:
        return urls.plan_path(self.plan, "review")

    @classmethod
    def from_query(cls, plan_code: str | None = None, **query: Any) -> Self:
        lang = read_language(query)
        return cls(plan=read_plan(plan_code, lang).code, lang=lang)


def context_rows(plan: Plan, waiting: list[Entry], lang: str) -> dict[int, EntryRow]:
    """Each waiting entry's context (last value, target, expectation), read per period in one query each."""
    context = get_context()
    assert context.database is not None
    found: dict[int, EntryRow] = {}
    by_period: dict[str, list[Entry]] = {}
    for entry in waiting:
        if entry.indicator_code in plan.indicators:
            by_period.setdefault(entry.period, []).append(entry)
    with context.reader.connect() as connection:
        for code, entries in by_period.items():
            pairs = [(plan.indicators[e.indicator_code], EntryArea(e.area_level, e.area_code)) for e in entries]
            rows = entry_rows(connection, context.database, plan, pairs, period_of(plan, code), lang)
            found.update({entry.entry_id: row for entry, row in zip(entries, rows, strict=True)})
    return found


def render(view: ReviewView) -> html.Div:
    user = current_user()
    if user is None or not user.may(REVIEWER, view.plan):
        return refused(REVIEWER, view.lang, view.href())
    plan = view.plan_model()
    database = get_context().database
    assert database is not None
    waiting = list_entries(database, plan_code=plan.code, status=SUBMITTED)
    now = today()
    ended = [period.code for period in plan_periods(plan) if period.end < now][-REOPENABLE_SHOWN:]
    rows = context_rows(plan, waiting, view.lang)
    cards = [
        builders.waiting_entry(
            plan,
            entry,
            rows.get(entry.entry_id),
            urls.href(urls.plan_path(plan.code, "entry", str(entry.entry_id)), view.lang),
            view.lang,
        )
        for entry in waiting
    ]
    return html.Div(
        [
            html.H1(t("entry.review_title", view.lang)),
            html.H2(t("entry.waiting", view.lang), className="h5"),
            html.Div(cards or html.P(t("entry.nothing_waiting", view.lang)), className="entry-cards"),
            builders.reopen_form(ended, now, view.lang),
            dcc.Store(id=ids.REVIEW_STATE, data={"plan": plan.code, "lang": view.lang}),
        ],
        className="review-page",
        **attributes(data_view="review"),
    )


def decide(stored: Any, entry_id: Any, action: str, comment: str | None) -> Any:
    """Approve or return one entry (checked again: role, plan, status)."""
    stored = stored if isinstance(stored, dict) else {}
    lang = read_language(stored)
    plan = get_context().plan(stored.get("plan"))
    user = current_user()
    database = get_context().database
    if plan is None or user is None or database is None or not isinstance(entry_id, int):
        return feedback(t("entry.refusal.not_allowed", lang), good=False, lang=lang)
    try:
        if action == "approve":
            done = approve(database, plan, user, entry_id, comment)
            return feedback(t("entry.approved_by", lang, name=done.approved_by), good=True, lang=lang)
        done = return_entry(database, plan, user, entry_id, comment or "")
        return feedback(t("entry.returned_by", lang, name=done.updated_by), good=True, lang=lang)
    except EntryError as error:
        return feedback(refusal_message(error, "", lang), good=False, lang=lang)


def reopen(stored: Any, period: Any, until: Any) -> Any:
    """Reopen ``period`` until the date ``until`` (ISO text from the date input)."""
    stored = stored if isinstance(stored, dict) else {}
    lang = read_language(stored)
    plan = get_context().plan(stored.get("plan"))
    user = current_user()
    database = get_context().database
    try:
        day = date.fromisoformat(str(until))
    except ValueError:
        return feedback(t("entry.refusal.unknown_period", lang), good=False, lang=lang)
    if plan is None or user is None or database is None or not isinstance(period, str):
        return feedback(t("entry.refusal.not_allowed", lang), good=False, lang=lang)
    try:
        reopen_period(database, plan, user, period, day, today())
    except EntryError as error:
        return feedback(refusal_message(error, "", lang), good=False, lang=lang)
    return feedback(t("entry.reopened_done", lang, period=period, date=format_date(day, lang)), good=True, lang=lang)
