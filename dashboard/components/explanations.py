"""The units' explanations of their approved entries (pure builders: rows of
:mod:`warehouse.queries.explanations` in, texts and components out).

An explanation row holds the deviation's reason, the measures to be taken, the responsible unit, who
entered and who approved the value and when, and the entry's period (``2024-H1``, ``2024-H2``, ``2024``).
Texts the units wrote go into components as text (Dash escapes them); nothing here queries.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.attributes import attributes
from dashboard.explanation_texts import provenance_text, written
from dashboard.i18n import t


def explanation_rows(row: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The why panel's lines for an indicator whose latest value came from a unit's entry."""
    return [
        (t("explanation.reason", lang), written(row.get("reason")) or "–"),
        (t("explanation.measures", lang), written(row.get("measures")) or "–"),
        *([(t("explanation.source_note", lang), note)] if (note := written(row.get("source_note"))) else []),
        (t("explanation.entry", lang), provenance_text(row, lang)),
    ]


def explanation_item(row: dict[str, Any], lang: str, *, heading: Any = None) -> html.Div:
    """One explanation: an optional heading (the indicator), the reason, the measures, who and when."""
    fields = []
    for key, value in (
        ("explanation.reason", row.get("reason")),
        ("explanation.measures", row.get("measures")),
        ("explanation.source_note", row.get("source_note")),
    ):
        text = written(value)
        if text:
            fields += [html.Dt(t(key, lang)), html.Dd(text)]
    return html.Div(
        [
            html.Div(heading, className="explanation-heading") if heading is not None else None,
            html.Dl(fields, className="facts explanation-fields") if fields else None,
            html.P(provenance_text(row, lang), className="small text-muted explanation-provenance mb-0"),
        ],
        className="explanation",
        **attributes(data_explanation=str(row.get("indicator_code", "")), data_period=str(row.get("period", ""))),
    )


def explanation_list(
    rows: list[dict[str, Any]], lang: str, *, names: dict[str, tuple[str, str]] | None = None
) -> html.Div | html.P:
    """Explanations one below the other; ``names``: indicator code → (title, href) to head each with a link
    to its indicator (the goal page), none for the indicator's own page."""
    if not rows:
        return html.P(t("explanation.none", lang), className="text-muted small")
    items = []
    for row in rows:
        heading = None
        if names is not None:
            code = str(row["indicator_code"])
            name, href = names.get(code, ("", ""))
            heading = dcc.Link(f"{code} {name}".strip(), href=href) if href else code
        items.append(explanation_item(row, lang, heading=heading))
    return html.Div(items, className="explanations")
