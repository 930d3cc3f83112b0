"""Pure builders of the entry page: one card per value to enter, the value's check, the bulk section and
the upload's problems by row. Data in, components out; no query."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import ids
from dashboard.attributes import attributes
from dashboard.components.common import facts
from dashboard.i18n import format_number, format_percent, t
from dashboard.reasons import reason_text
from dashboard.views.entry_data import EntryRow
from gosterge.measurement_rules import CheckedValue
from gosterge.plan import UNITS
from operations.entries import APPROVED, Entry, EntryError
from warehouse.queries.entry_outcomes import REJECTED, LoadOutcome


def _id(kind: str, key: str) -> dict[str, str]:
    return {"type": kind, "key": key}


def status_badge(status: str | None, lang: str) -> html.Span:
    code = status or "new"
    return html.Span(
        t(f"entry.status.{code}", lang),
        className=f"badge entry-status entry-status-{code}",
        **attributes(data_status=code),
    )


def rule_message(checked: CheckedValue, lang: str) -> str:
    """A value's problem in the reader's language, worded as the quality page words the ETL's rejections."""
    rejection = checked.rejection
    assert rejection is not None
    return reason_text(rejection.code.value, dict(rejection.values), rejection.text, lang)


def refusal_message(error: EntryError, code: str, lang: str) -> str:
    """A refused action in the reader's language."""
    if error.code == "invalid_value" and error.checked is not None:
        return rule_message(error.checked, lang)
    if error.code == "explanation_required":
        return t("entry.explanation_needed", lang)
    return t(f"entry.refusal.{error.code}", lang)


def load_line(entry: Entry | None, load: LoadOutcome | None, lang: str) -> html.P | None:
    """What the writer did with an approved entry: waiting for the next load, in the warehouse, or
    refused with its reasons (the unit learns it here, not only the reviewers on the quality page)."""
    if entry is None or entry.status != APPROVED:
        return None
    if load is None or load.version != entry.version:
        return html.P(t("entry.load.pending", lang), className="entry-load", **attributes(data_load="pending"))
    run = str(load.run_id)
    if load.outcome != REJECTED:
        return html.P(t("entry.load.loaded", lang, run=run), className="entry-load", **attributes(data_load="loaded"))
    reasons = "; ".join(reason_text(reason.code, reason.values, reason.text, lang) for reason in load.reasons)
    return html.P(
        t("entry.load.rejected", lang, run=run, reasons=reasons or "–"),
        className="entry-load entry-problem",
        role="alert",
        **attributes(data_load="rejected"),
    )


def feedback(message: str | None, *, good: bool, lang: str) -> html.Div | None:
    if message is None:
        return None
    return html.Div(message, className="entry-ok" if good else "entry-problem", role="status" if good else "alert")


def expected_text(row: EntryRow, lang: str) -> str:
    """The value and realization expected by the period's end ('–' without a path)."""
    if row.expected is None:
        return "–"
    decimals = row.indicator.precision
    return t(
        "entry.expected_value",
        lang,
        value=format_number(row.expected.expected_value, lang, decimals),
        percent=format_percent(row.expected.expected_pct, lang, 0).strip("%").strip(),
    )


def _field(label: str, component: Any) -> html.Div:
    return html.Div([html.Label([label, component], className="form-label w-100")], className="entry-field")


def _text_field(
    label_key: str, component: Any, kind: str, key: str, value: str | None, locked: bool, lang: str
) -> html.Div:
    """A labelled text field of an entry (its note, reason or measures), read-only when ``locked``."""
    return _field(
        t(label_key, lang), component(id=_id(kind, key), value=value or "", disabled=locked, className="form-control")
    )


def entry_card(row: EntryRow, period_year: int, history_href: str | None, lang: str) -> html.Article:
    """One value to enter, with its context and fields (read-only unless the entry is a draft or returned)."""
    entry = row.entry
    locked = entry is not None and entry.status not in ("draft", "returned")
    key = row.key
    target = row.expected.target_of_year if row.expected is not None else row.indicator.target_for(period_year)
    decimals = row.indicator.precision
    unit = UNITS[row.indicator.unit].text(lang, "name") if row.indicator.unit in UNITS else row.indicator.unit
    last = f"{format_number(row.last_value, lang, decimals)} ({row.last_year})" if row.last_value is not None else "–"
    heading: list[Any] = [
        html.Span(row.indicator.code, className="entry-code"),
        " ",
        row.indicator.text(lang, "name"),
        " · ",
        html.Span(row.area_name, className="entry-area"),
        " ",
        status_badge(entry.status if entry else None, lang),
    ]
    if history_href is not None:
        heading += [" ", dcc.Link(t("entry.history_link", lang), href=history_href, className="entry-history-link")]
    return html.Article(
        [
            html.H3(heading, className="h6"),
            facts(
                [
                    (t("entry.last_value", lang), last),
                    (t("entry.target_of_year", lang, year=period_year), format_number(target, lang, decimals)),
                    (t("entry.expected_by_now", lang), expected_text(row, lang)),
                    (t("entry.column.unit", lang), unit),
                ]
            ),
            html.P(t("entry.reviewer_comment", lang, comment=row.comment), className="entry-comment")
            if row.comment
            else None,
            load_line(entry, row.load, lang),
            _field(
                t("entry.value", lang),
                dcc.Input(
                    id=_id(ids.ENTRY_VALUE, key),
                    value=(entry.value_text or "") if entry else "",
                    placeholder=t("entry.value_hint", lang),
                    # no debounce: a delayed value is not sent when the field loses focus, so a click
                    # on "submit" right after typing would send the value as it was before
                    debounce=False,
                    disabled=locked,
                    className="form-control",
                ),
            ),
            html.Div(id=_id(ids.ENTRY_FEEDBACK, key), className="entry-feedback"),
            _text_field(
                "entry.source_note", dcc.Input, ids.ENTRY_NOTE, key, entry.source_note if entry else None, locked, lang
            ),
            _text_field(
                "entry.deviation_reason",
                dcc.Textarea,
                ids.ENTRY_REASON,
                key,
                entry.deviation_reason if entry else None,
                locked,
                lang,
            ),
            _text_field(
                "entry.measures", dcc.Textarea, ids.ENTRY_MEASURES, key, entry.measures if entry else None, locked, lang
            ),
            html.Div(
                [
                    html.Button(
                        t("entry.save", lang),
                        id=_id(ids.ENTRY_SAVE, key),
                        disabled=locked,
                        className="btn btn-outline-secondary",
                    ),
                    html.Button(
                        t("entry.submit", lang),
                        id=_id(ids.ENTRY_SUBMIT, key),
                        disabled=locked,
                        className="btn btn-primary",
                    ),
                ],
                className="entry-actions",
            ),
            html.Div(id=_id(ids.ENTRY_OUTCOME, key), className="entry-outcome", **attributes(aria_live="polite")),
        ],
        className="entry-card",
        **attributes(data_entry=key),
    )


def upload_box(lang: str) -> html.Label:
    """The upload; made anew after each upload, so that the same file name can be chosen again. Its text
    is the label of the file input inside it."""
    upload = dcc.Upload(
        html.Div(t("entry.upload", lang)), id=ids.ENTRY_UPLOAD, accept=".xlsx", multiple=False, className="entry-upload"
    )
    return html.Label(upload, className="d-block")


def bulk_section(template_href: str, lang: str) -> html.Section:
    """The template's download, the upload and where its outcome appears."""
    return html.Section(
        [
            html.H2(t("entry.bulk", lang), className="h5"),
            html.P(t("entry.bulk_help", lang)),
            html.A(
                t("entry.template", lang), href=template_href, className="btn btn-outline-primary", id="entry-template"
            ),
            html.Div(upload_box(lang), id=ids.ENTRY_UPLOAD_BOX),
            html.Div(id=ids.ENTRY_UPLOAD_RESULT, **attributes(aria_live="polite")),
        ],
        className="entry-bulk",
    )


def upload_problems(problems: list[tuple[int, str]], lang: str) -> html.Div:
    """Every problem of an upload, by spreadsheet row."""
    return html.Div(
        [
            html.P(t("entry.upload_problems", lang, count=len(problems)), className="entry-problem"),
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(t("entry.row", lang)), html.Th(t("entry.problem", lang))])),
                    html.Tbody([html.Tr([html.Td(str(row)), html.Td(message)]) for row, message in problems]),
                ],
                className="table table-sm entry-upload-problems",
            ),
        ]
    )
