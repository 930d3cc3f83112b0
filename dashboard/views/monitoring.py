"""The yearly monitoring table: /<plan>/monitoring?year=… (&region=… or &district=…).

For the chosen year and area, per aim → goal → indicator (or axis → priority →
goal → indicator): weight, plan start value, the year's target, the value
realized, the realization rate, the goal's weighted realization and the
responsible unit; downloadable as Excel in the same layout.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids, urls
from dashboard.components.common import demo_badge, plan_crumbs
from dashboard.components.monitoring import monitoring_table
from dashboard.context import get_context
from dashboard.downloads.monitoring_xlsx import area_label, file_name, monitoring_xlsx_href
from dashboard.i18n import format_percent, t, title
from dashboard.views.common import NotFound, area_query, area_select, read_area, read_plan
from gosterge.plan import Plan
from warehouse.monitoring import fetch_monitoring_table, latest_monitoring_year


def default_year(plan: Plan) -> int:
    """The newest plan year with data, else the first year of the plan."""
    with get_context().reader.connect() as connection:
        latest = latest_monitoring_year(connection, plan=plan.code)
    return latest if latest is not None else plan.period_start


def read(plan_code: str | None = None, lang: str = "tr", **query: Any) -> dict[str, Any]:
    plan = read_plan(plan_code, lang)
    text = urls.first(query, "year")
    if text is None:
        year = default_year(plan)
    elif (number := urls.whole_number(text)) is not None and plan.period_start <= number <= plan.period_end:
        year = number
    else:
        raise NotFound(t("monitoring_no_year", lang, year=text), plan.code)
    area_level, area_code = read_area(plan, query, lang)
    return {"plan": plan.code, "lang": lang, "year": year, "area_level": area_level, "area_code": area_code}


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


def render(view: dict[str, Any]) -> html.Div:
    context = get_context()
    plan = context.plans[view["plan"]]
    lang, year = view["lang"], view["year"]
    area_level, area_code = view["area_level"], view["area_code"]
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
                    area_select(plan, lang, area_level, area_code),
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
            monitoring_table(plan, table, lang, **area_query(view)),
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
