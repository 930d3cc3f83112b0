"""Links to the Word reports (``/report.docx``, :mod:`dashboard.reports.routes`) beside the monitoring
table and on an aim's or goal's page."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.attributes import attributes
from dashboard.explanation_texts import period_label
from dashboard.i18n import t
from dashboard.reports.content import EVALUATION, HALVES, MONITORING
from dashboard.reports.routes import report_href


def _link(text: str, href: str, kind: str) -> html.A:
    return html.A(["⬇ ", text], href=href, className="btn btn-sm btn-outline-primary", **attributes(data_report=kind))


def report_links(plan_code: str, year: int, lang: str, **scope: Any) -> html.Div:
    """The year's two six-monthly monitoring reports and its evaluation report, for ``scope`` (node, unit,
    region or district)."""
    links = [
        _link(
            t("report.download_monitoring", lang, period=period_label(f"{year}-H{half}", lang)),
            report_href(plan_code, year, lang, kind=MONITORING, half=half, **scope),
            MONITORING,
        )
        for half in HALVES
    ]
    links.append(
        _link(
            t("report.download_evaluation", lang, year=year),
            report_href(plan_code, year, lang, kind=EVALUATION, **scope),
            EVALUATION,
        )
    )
    return html.Div(links, className="report-links d-flex flex-wrap gap-2")


def unit_report_links(plan_code: str, year: int, units: list[str], lang: str, **area: Any) -> html.Details | None:
    """Each responsible unit's evaluation report of the year, folded (None for a plan without units)."""
    if not units:
        return None
    return html.Details(
        [
            html.Summary(t("report.unit_reports", lang)),
            html.Ul(
                [
                    html.Li(html.A(unit, href=report_href(plan_code, year, lang, kind=EVALUATION, unit=unit, **area)))
                    for unit in units
                ],
                className="small mb-0",
            ),
        ],
        className="unit-reports",
        **attributes(data_section="unit-reports"),
    )
