"""The yearly monitoring table: /<plan>/monitoring?year=… (&region=… or &district=…).

For the chosen year and area, per aim → goal → indicator (or axis → priority →
goal → indicator): weight, plan start value, the year's target, the value
realized, the realization rate, the goal's weighted realization and the
responsible unit; downloadable as Excel in the same layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.exceptions import PreventUpdate

from dashboard import ids, urls
from dashboard.components.common import demo_badge, plan_crumbs
from dashboard.components.monitoring import monitoring_table
from dashboard.components.report_links import report_links, unit_report_links
from dashboard.context import get_context
from dashboard.downloads.monitoring_request import area_label
from dashboard.downloads.monitoring_xlsx import file_name, monitoring_xlsx_href
from dashboard.i18n import format_percent, t, title
from dashboard.reports.content import responsible_units
from dashboard.state import AreaState, NotFound, Query, read_plan
from dashboard.views.common import area_select
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import Plan
from warehouse.monitoring import fetch_monitoring_table, latest_monitoring_year, monitoring_explanations


def default_year(plan: Plan) -> int:
    """The newest plan year with data, else the first year of the plan."""
    reader = get_context().reader
    with reader.connect() as connection:
        latest = reader.fact(
            ("latest_monitoring_year", plan.code), lambda: latest_monitoring_year(connection, plan=plan.code)
        )
    return latest if latest is not None else plan.period_start


@dataclass(frozen=True, kw_only=True)
class MonitoringView(AreaState):
    """/<plan>/monitoring?year=…: the table of one plan year (``year`` None: the default year, the newest
    with data, kept in ``default_year`` so the page follows new data)."""

    year: int | None = None
    default_year: int = 0

    @classmethod
    def from_query(cls, plan_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any) -> MonitoringView:
        plan = read_plan(plan_code, lang)
        values = Query(query)
        year = values.whole_number("year")
        if "year" in values and (year is None or not plan.period_start <= year <= plan.period_end):
            raise NotFound(t("monitoring_no_year", lang, year=values.text("year")), plan.code)
        area = cls.read_area(plan, values, lang)
        return cls(plan=plan.code, lang=lang, year=year, default_year=default_year(plan), **area)

    @property
    def shown_year(self) -> int:
        return self.year if self.year is not None else self.default_year

    def path(self) -> str:
        return urls.plan_path(self.plan, "monitoring")

    def to_query(self) -> dict[str, Any]:
        return {"year": self.year, **self.area_query()}

    def year_href(self, value: str | None) -> str:
        """The same view for the year chosen in the select (no navigation for the year shown: Dash
        also fires when it draws the select)."""
        year = urls.whole_number(value)
        if year is None or year == self.shown_year:
            raise PreventUpdate
        return self.href(year=year)


read = MonitoringView.from_query


def year_select(plan: Plan, year: int, lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(t("monitoring_year", lang), htmlFor=ids.MONITORING_YEAR, className="form-label small mb-0"),
            dbc.Select(
                id=ids.MONITORING_YEAR,
                value=str(year),
                size="sm",
                options=[
                    {"label": str(item), "value": str(item)} for item in range(plan.period_start, plan.period_end + 1)
                ],
            ),
        ],
        className="year-select",
    )


def render(view: MonitoringView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, year = view.lang, view.shown_year
    area_level, area_code = view.area_level, view.area_code
    with context.reader.connect() as connection:
        table = fetch_monitoring_table(
            connection,
            plan_code=plan.code,
            year=year,
            area_level=area_level,
            area_code=area_code,
            cap_realization=context.settings.cap_realization,
            coverage_floor=context.settings.coverage_floor,
        )
        explanations = monitoring_explanations(
            connection, plan_code=plan.code, year=year, area_level=area_level, area_code=area_code
        )
    download = html.A(
        ["⬇ ", t("monitoring_download", lang)],
        id=ids.MONITORING_DOWNLOAD,
        href=monitoring_xlsx_href(plan.code, year, lang, area_level, area_code),
        download=file_name(plan, year, area_level, area_code),
        className="btn btn-sm btn-primary",
    )
    return html.Div(
        [
            plan_crumbs(plan, lang, extra=[(t("monitoring", lang), None, None)]),
            html.Div(
                [
                    html.Div(title(plan, lang), className="card-kicker"),
                    html.H1(f"{t('monitoring_title', lang)} — {year}", className="h3"),
                    html.P(
                        [
                            area_label(plan, area_level, area_code, lang),
                            " ",
                            demo_badge(lang) if table.is_demo else None,
                        ],
                        className="plan-meta",
                    ),
                    html.P(t("monitoring_intro", lang, year=year), className="text-muted small"),
                ],
                className="page-heading",
            ),
            html.Div(
                [
                    year_select(plan, year, lang),
                    area_select(plan, view),
                    html.Div(download, className="monitoring-actions"),
                ],
                className="monitoring-controls",
            ),
            html.Div(
                [
                    html.Div(t("monitoring_overall", lang, year=year), className="headline-caption"),
                    html.Span(
                        format_percent(table.overall_realization_pct, lang),
                        className="headline-value",
                        id="monitoring-overall",
                    ),
                ],
                className="headline monitoring-headline",
            ),
            html.Div(
                [
                    report_links(plan.code, year, lang, **view.area_query()),
                    unit_report_links(plan.code, year, responsible_units(plan), lang, **view.area_query()),
                ],
                className="monitoring-reports mb-2",
            ),
            monitoring_table(plan, table, lang, explanations, **view.area_query()),
            html.P(
                [
                    t("monitoring_formula", lang),
                    " ",
                    t("monitoring_capped" if table.cap_realization else "monitoring_uncapped", lang),
                ],
                className="small text-muted monitoring-formula",
            ),
        ],
        className="monitoring-page",
    )
