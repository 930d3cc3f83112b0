"""The yearly monitoring table on screen (pure: a :class:`MonitoringTable` in, components out).

Same columns and order as the Excel export (:mod:`dashboard.downloads.monitoring_xlsx`):
aim and goal rows span the indicator columns and carry their weighted
realization; indicator rows link to the indicator page.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.common import provenance_mark
from dashboard.components.markup import Markup, markup
from dashboard.components.tables import DEFAULT_VALUE_DECIMALS
from dashboard.explanation_texts import provenance_text
from dashboard.i18n import format_number, format_percent, format_value, label, t, title
from gosterge.plan import UNITS, Plan
from gosterge.progress.monitoring import MonitoringRow, MonitoringTable

SPANNED = 7  # the columns a node row's title spans: title … added in the year


def _value(value: Any, lang: str, decimals: int | None) -> str:
    """An indicator's value to its precision (two decimals when unknown); 0 as '0', not '0,00'."""
    return "0" if value == 0 else format_value(value, lang, DEFAULT_VALUE_DECIMALS if decimals is None else decimals)


def _unit(unit: str | None, lang: str) -> str:
    known = UNITS.get(unit or "")
    return known.text(lang, "name") if known else (unit or "")


def _headers(plan: Plan, year: int, lang: str) -> html.Thead:
    levels = " / ".join(level.text(lang, "name") for level in plan.levels)
    names = [
        (t("monitoring_code", lang), ""),
        (f"{levels} / {t('monitoring_indicator', lang)}", ""),
        (t("unit", lang), ""),
        (t("monitoring_weight", lang), "num"),
        (t("monitoring_base", lang), "num"),
        (t("monitoring_target", lang, year=year), "num"),
        (t("monitoring_realized", lang, year=year), "num"),
        (t("monitoring_added", lang), "num"),
        (t("monitoring_realization", lang), "num"),
        (t("responsible_unit", lang), ""),
        (t("explanation.column", lang), ""),
    ]
    return html.Thead(html.Tr([html.Th(name, scope="col", className=css) for name, css in names]))


def _realization(value: Any, lang: str) -> html.Span:
    """The rate with a thin bar under it (one element: the bar is the span's CSS background)."""
    try:
        fill = 0.0 if value is None or value != value else max(0.0, min(100.0, float(value)))
    except (TypeError, ValueError):
        fill = 0.0
    return html.Span(format_percent(value, lang), className="monitoring-pct", style={"--fill": f"{fill:.1f}%"})


def _no_rate(row: MonitoringRow, lang: str) -> html.Span:
    """Why an indicator has no rate: it is shown for information, or it has no numeric target."""
    text = label("status", "informational", lang) if row.informational else label("projection", "no_target", lang)
    return html.Span(text, className="text-muted small")


def node_row(plan: Plan, row: MonitoringRow, lang: str, link: str) -> html.Tr:
    level = next(level for level in plan.levels if level.key == row.level_key)
    name = level.text(lang, "name")
    note = None
    if row.withheld:
        note = t("monitoring_withheld", lang, share=format_percent((row.coverage or 0) * 100, lang, 0))
    elif (row.coverage or 0) < 1 - 1e-9:
        note = t("monitoring_coverage", lang, share=format_percent((row.coverage or 0) * 100, lang, 0))
    return html.Tr(
        [
            html.Th(dcc.Link(row.code, href=link), scope="row"),
            html.Td(
                [
                    html.Span(f"{name} {row.code}: ", className="monitoring-level"),
                    title(row, lang),
                    provenance_mark(row.provenance, lang),
                    html.Small(f" ({note})", className="monitoring-note") if note else None,
                ],
                colSpan=SPANNED,
            ),
            html.Td(_realization(row.realization_pct, lang), className="num"),
            html.Td(row.responsible_unit or "", className="small responsible"),
            html.Td(""),
        ],
        className=f"monitoring-node depth-{row.depth}" + (" goal" if row.depth == plan.goal_depth else ""),
        **attributes(data_code=row.code, data_kind="node"),
    )


def explanation_cell(explanation: dict[str, Any] | None, lang: str) -> html.Td:
    """The unit's reason and measures for the year, and who entered and approved them (title)."""
    if explanation is None:
        return html.Td("", className="small")
    parts: list[Any] = []
    for key in ("reason", "measures"):
        text = explanation.get(key)
        if isinstance(text, str) and text.strip():
            parts += [html.B(f"{t(f'explanation.{key}', lang)}: "), text, html.Br()]
    return html.Td(
        parts or "–",
        className="small monitoring-explanation",
        title=provenance_text(explanation, lang),
        **attributes(data_explanation=str(explanation.get("indicator_code", ""))),
    )


def indicator_row(row: MonitoringRow, lang: str, link: str, explanation: dict[str, Any] | None = None) -> html.Tr:
    note = (
        t("monitoring_cumulative", lang)
        if row.measure == "cumulative"
        else (t("monitoring_per_period", lang) if row.measure == "per_period" else None)
    )
    target_kind = t(f"monitoring_target_{row.target_kind}", lang) if row.target_kind else ""
    return html.Tr(
        [
            html.Td(row.code, className="code"),
            html.Td(
                [
                    dcc.Link(title(row, lang), href=link),
                    provenance_mark(row.provenance, lang),
                    html.Small(f" · {note}", className="monitoring-note") if note else None,
                ]
            ),
            html.Td(_unit(row.unit, lang)),
            html.Td(format_number(row.weight, lang, 1), className="num"),
            html.Td(_value(row.base_value, lang, row.precision), className="num"),
            html.Td(_value(row.year_target, lang, row.precision), className="num", title=target_kind),
            html.Td(_value(row.realized_value, lang, row.precision), className="num"),
            html.Td(
                _value(row.period_value, lang, row.precision) if row.measure == "cumulative" else "", className="num"
            ),
            html.Td(
                _realization(row.realization_pct, lang) if row.assessed else _no_rate(row, lang),
                className="num",
            ),
            html.Td(row.responsible_unit or "", className="small responsible"),
            explanation_cell(explanation, lang),
        ],
        className="monitoring-indicator",
        **attributes(data_code=row.code, data_kind="indicator"),
    )


def monitoring_table(
    plan: Plan,
    table: MonitoringTable,
    lang: str,
    explanations: dict[str, dict[str, Any]] | None = None,
    **link_query: Any,
) -> Markup:
    """The whole table, written as HTML (:mod:`.markup`); ``explanations``: indicator code → the units'
    explanation of the year; links keep the area (``link_query``)."""
    body = []
    explanations = explanations or {}
    for row in table.rows:
        if row.is_indicator:
            link = urls.indicator(plan.code, row.code, lang, **link_query)
            body.append(indicator_row(row, lang, link, explanations.get(row.code)))
        else:
            body.append(node_row(plan, row, lang, urls.node(plan.code, row.code, lang, **link_query)))
    caption = f"{t('monitoring_title', lang)} — {table.year}"
    return markup(
        html.Div(
            html.Table(
                [
                    html.Caption(caption, className="visually-hidden"),
                    _headers(plan, table.year, lang),
                    html.Tbody(body),
                ],
                className="table table-sm monitoring-table",
            ),
            className="table-responsive monitoring-wrap",
        )
    )
