"""Pure builders of the review and entry-history pages: a submitted entry with its decision controls, the
reopening form and an entry's versions. Data in, components out; no query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dash import dcc, html

from dashboard import ids
from dashboard.attributes import attributes
from dashboard.components.common import facts
from dashboard.components.entry import expected_text, status_badge
from dashboard.i18n import format_date, format_number, t
from dashboard.views.entry_data import EntryRow
from gosterge.plan import Plan
from operations.entries import Entry, EntryVersion


def _area(plan: Plan, entry: Entry) -> str:
    district = plan.districts.get(entry.area_code)
    return district.name if district is not None else plan.province


def _value(entry: Entry | EntryVersion, lang: str) -> str:
    return format_number(entry.value, lang, None) if entry.value is not None else "–"


REOPEN_DAYS = 14  # the date the reopening form proposes: two weeks from today


def when(moment: datetime, lang: str) -> str:
    """A stored time (naive UTC) in the page's time zone."""
    return format_date(moment.replace(tzinfo=UTC), lang, True)


def waiting_entry(plan: Plan, entry: Entry, row: EntryRow | None, history_href: str, lang: str) -> html.Article:
    """A submitted entry: what the unit entered beside what was expected (``row``: the warehouse's
    context), and the comment, approve and return controls."""
    indicator = plan.indicators.get(entry.indicator_code)
    name = indicator.text(lang, "name") if indicator is not None else entry.indicator_code
    key = {"entry": entry.entry_id}
    return html.Article(
        [
            html.H3(
                [
                    html.Span(entry.indicator_code, className="entry-code"),
                    " ",
                    name,
                    " · ",
                    _area(plan, entry),
                    " · ",
                    entry.period,
                    " ",
                    status_badge(entry.status, lang),
                    " ",
                    dcc.Link(t("entry.history_link", lang), href=history_href),
                ],
                className="h6",
            ),
            facts(
                [
                    (t("entry.unit", lang), entry.unit),
                    (t("entry.value", lang), _value(entry, lang)),
                    (t("entry.expected_by_now", lang), expected_text(row, lang) if row is not None else "–"),
                    (t("entry.source_note", lang), entry.source_note or "–"),
                    (t("entry.deviation_reason", lang), entry.deviation_reason or "–"),
                    (t("entry.measures", lang), entry.measures or "–"),
                    (t("entry.entered_by", lang), f"{entry.updated_by}, {when(entry.updated_at, lang)}"),
                ]
            ),
            html.Label(
                [
                    t("entry.comment", lang),
                    dcc.Textarea(id={"type": ids.REVIEW_COMMENT, **key}, className="form-control"),
                ],
                className="form-label w-100",
            ),
            html.Div(
                [
                    html.Button(
                        t("entry.approve", lang), id={"type": ids.REVIEW_APPROVE, **key}, className="btn btn-success"
                    ),
                    html.Button(
                        t("entry.return", lang),
                        id={"type": ids.REVIEW_RETURN, **key},
                        className="btn btn-outline-danger",
                    ),
                ],
                className="entry-actions",
            ),
            html.Div(id={"type": ids.REVIEW_OUTCOME, **key}, **attributes(aria_live="polite")),
        ],
        className="entry-card",
        **attributes(data_entry_id=str(entry.entry_id)),
    )


def reopen_form(periods: list[str], today: date, lang: str) -> html.Section:
    """Reopen an ended period until a date."""
    return html.Section(
        [
            html.H2(t("entry.reopen", lang), className="h5"),
            html.Label(
                [
                    t("entry.period", lang),
                    dcc.Dropdown(
                        id=ids.REVIEW_REOPEN_PERIOD,
                        options=[{"label": code, "value": code} for code in periods],
                        value=periods[-1] if periods else None,
                        clearable=False,
                    ),
                ],
                className="form-label w-100",
            ),
            html.Label(
                [
                    t("entry.reopen_until", lang),
                    dcc.Input(
                        id=ids.REVIEW_REOPEN_UNTIL,
                        value=(today + timedelta(days=REOPEN_DAYS)).isoformat(),
                        placeholder="2026-12-31",
                        className="form-control",
                    ),
                ],
                className="form-label",
            ),
            html.Button(t("entry.reopen_button", lang), id=ids.REVIEW_REOPEN, className="btn btn-primary ms-2"),
            html.Div(id=ids.REVIEW_REOPEN_OUTCOME, **attributes(aria_live="polite")),
        ],
        className="entry-reopen",
    )


def history_table(versions: list[EntryVersion], lang: str) -> html.Table:
    """Every version of an entry, oldest first, with who, when and the comment."""
    headers = [
        "version",
        "action",
        "status",
        "value",
        "source_note",
        "deviation_reason",
        "measures",
        "actor",
        "entered_at",
        "comment",
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(t(f"entry.{name}", lang)) for name in headers])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(str(version.version)),
                            html.Td(t(f"entry.action.{version.action}", lang)),
                            html.Td(status_badge(version.status, lang)),
                            html.Td(version.value_text or _value(version, lang)),
                            html.Td(version.source_note or "–"),
                            html.Td(version.deviation_reason or "–"),
                            html.Td(version.measures or "–"),
                            html.Td(version.actor),
                            html.Td(when(version.acted_at, lang)),
                            html.Td(version.comment or "–"),
                        ]
                    )
                    for version in versions
                ]
            ),
        ],
        className="table table-sm entry-history",
    )
