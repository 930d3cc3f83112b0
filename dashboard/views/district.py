"""One district: its scorecard across the plan's nodes and indicators, its rank among the
districts, and a comparison with the province."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import urls
from dashboard.components.common import breadcrumbs, demo_badge, headline, provenance_mark, section
from dashboard.components.status import status_badge, trend_mark
from dashboard.components.tables import Column, table
from dashboard.context import get_context
from dashboard.exports.links import view_download
from dashboard.i18n import format_number, format_percent, is_missing, t, title
from dashboard.views.common import known_code, read_plan
from dashboard.views.node import unit_name
from gosterge.plan import Plan
from warehouse import queries


def read(plan_code: str | None = None, district_code: str | None = None, lang: str = "tr",
         **query: Any) -> dict[str, Any]:
    plan = read_plan(plan_code, lang)
    code = known_code(plan, urls.first({"code": district_code}, "code"), plan.districts, lang)
    return {"plan": plan.code, "lang": lang, "district": code}


def render(view: dict[str, Any]) -> html.Div:
    context = get_context()
    plan = context.plans[view["plan"]]
    lang, code = view["lang"], view["district"]
    district = plan.districts[code]
    with context.reader.connect() as connection:
        scorecard = queries.district_scorecard(connection, plan=plan.code, district=code)
        indicators = queries.district_indicators(connection, plan=plan.code, district=code)
        overall = queries.district_league(connection, plan=plan.code, node=plan.code)
        province = queries.plan_overview(connection, plan=plan.code)
    mine = overall[overall["area_code"] == code]
    row = mine.iloc[0].to_dict() if not mine.empty else {"realization_pct": None, "status": "not_available",
                                                          "trend": "none", "rank": None}
    ranked = int(overall["rank"].notna().sum())
    rank_text = (t("rank_among", lang, rank=int(row["rank"]), count=ranked) if not is_missing(row.get("rank"))
                 else t("no_data", lang))
    region = plan.regions.get(district.region) if district.region else None
    province_row = province.iloc[0]
    return html.Div([
        breadcrumbs([(t("overview", lang), urls.overview(plan.code, lang), title(plan, lang)),
                     (t("districts", lang), urls.districts(plan.code, lang), None),
                     *([(title(region, lang, "name"), urls.districts(plan.code, lang, region=district.region), None)]
                       if region else []),
                     (district.name, None, None)]),
        html.Div([
            html.Div(t("district", lang) + (f" · {t('region', lang)}: {title(region, lang, 'name')}" if region else ""),
                     className="card-kicker"),
            html.H1(district.name, className="h3"),
            html.P([rank_text, " ", demo_badge(lang) if bool(indicators["is_demo"].any()) else None],
                   className="plan-meta district-rank", **{"data-rank": "" if is_missing(row.get("rank"))
                                                           else str(int(row["rank"]))}),
        ], className="page-heading"),
        dbc.Row([
            dbc.Col(headline(row["realization_pct"], None, row["status"], row.get("trend", "none"), lang,
                             caption=f"{district.name}: {t('overall', lang)}"), lg=6),
            dbc.Col(headline(province_row["realization_pct"], province_row["expected_pct"], province_row["status"],
                             province_row["trend"], lang, caption=f"{plan.province}: {t('compare_province', lang)}"),
                    lg=6),
        ], className="g-3"),
        section(t("scorecard", lang), view_download(plan, "districts", lang, district=code),
                scorecard_table(scorecard, plan, lang, code), **{"data-section": "scorecard"}),
        section(t("indicators", lang), view_download(plan, "indicators", lang, district=code),
                indicator_table(indicators, plan, lang, code), **{"data-section": "indicators"}),
    ], className="district-page", **{"data-district": code})


def _rank(record: dict[str, Any]) -> str:
    if is_missing(record.get("rank")):
        return "–"
    return f"{int(record['rank'])} / {int(record['ranked'])}"


def scorecard_table(scorecard: pd.DataFrame, plan: Plan, lang: str, district: str) -> html.Div:
    def level(record: dict[str, Any]) -> str:
        item = plan.levels[int(record["depth"])]
        return item.name_en if lang == "en" else item.name_tr

    columns: list[Column] = [
        (t("children", lang), lambda r: html.Span([
            html.Span(f"{level(r)} {r['node_code']} ", className="text-muted small"),
            dcc.Link(title(r, lang), href=urls.node(plan.code, r["node_code"], lang, district=district)),
            provenance_mark(r.get("provenance"), lang)], className=f"depth-{int(r['depth'])}",
            style={"paddingLeft": f"{int(r['depth']) * 1.1}rem", "display": "inline-block"}), ""),
        (t("district_value", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
        (t("trend", lang), lambda r: trend_mark(r["trend"], lang), ""),
        (t("rank", lang), _rank, "num"),
        (t("province_value", lang), lambda r: format_percent(r["province_realization_pct"], lang), "num"),
        (t("province", lang), lambda r: status_badge(r["province_status"], lang, size="sm", short=True), ""),
    ]
    return table(columns, scorecard.to_dict("records"), row_key="node_code", class_name="scorecard-table")


def indicator_table(indicators: pd.DataFrame, plan: Plan, lang: str, district: str) -> html.Div:
    columns: list[Column] = [
        (t("indicator", lang), lambda r: [dcc.Link(f"{r['indicator_code']} {title(r, lang, 'name')}",
                                                   href=urls.indicator(plan.code, r["indicator_code"], lang, district=district)),
                                          provenance_mark(r.get("provenance"), lang)], ""),
        (t("district_value", lang), lambda r: f"{format_number(r['latest_value'], lang, 2)} "
                                              f"{unit_name(r['unit'], lang)}", "num"),
        (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
        (t("rank", lang), _rank, "num"),
        (t("province_value", lang), lambda r: format_number(r["province_value"], lang, 2), "num"),
        (t("province", lang), lambda r: format_percent(r["province_realization_pct"], lang), "num"),
    ]
    return table(columns, indicators.to_dict("records"), row_key="indicator_code", class_name="district-indicators")
