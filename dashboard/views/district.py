"""One district: its scorecard across the plan's nodes and indicators, its rank among the
districts, and a comparison with the province, for the latest data or one year (``?year=``: see
:mod:`dashboard.views.periods`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components.common import breadcrumbs, demo_badge, headline, provenance_mark, section
from dashboard.components.elements import element
from dashboard.components.markup import Markup
from dashboard.components.status import status_badge, trend_mark
from dashboard.components.tables import Column, table, value_decimals, value_of_year
from dashboard.context import get_context
from dashboard.downloads.links import view_download
from dashboard.i18n import format_percent, format_value, is_missing, t, title
from dashboard.state import Query, ViewState, known_code, path_code, read_plan
from dashboard.views import periods
from dashboard.views.node import unit_name
from dashboard.views.periods import Period
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import Plan
from gosterge.progress.status import NOT_MEASURED
from warehouse.frames import records_of
from warehouse.queries.districts import district_league, years_with_data
from warehouse.queries.scorecard import district_indicators, district_scorecard
from warehouse.queries.standing import standing_of


@dataclass(frozen=True, kw_only=True)
class DistrictView(ViewState):
    """/<plan>/district/<code>: one district's scorecard, for the latest data or ``?year=``."""

    district: str
    year: int | None = None

    @classmethod
    def from_query(
        cls, plan_code: str | None = None, district_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any
    ) -> DistrictView:
        plan = read_plan(plan_code, lang)
        view = cls(plan=plan.code, lang=lang, district=known_code(plan, path_code(district_code), plan.districts, lang))
        values = Query(query)
        if "year" not in values:
            return view
        with get_context().reader.connect() as connection:
            return replace(view, year=periods.read_year(values, district_years(connection, view), plan, lang))

    def path(self) -> str:
        return urls.plan_path(self.plan, "district", self.district)

    def to_query(self) -> dict[str, Any]:
        return {"year": self.year}


read = DistrictView.from_query


def district_years(connection: Any, view: DistrictView) -> list[int]:
    """The years in which the district has a realization for some top-level node of the plan."""
    return get_context().reader.asked(
        connection, years_with_data, plan=view.plan, node=view.plan, area_level="district", area_code=view.district
    )


def year_href(view: DistrictView, value: str | None, options: list[dict[str, Any]] | None = None) -> str:
    """The same district in the year chosen in the period select."""
    return periods.year_href(view, value, options)


def render(view: DistrictView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, code = view.lang, view.district
    district = plan.districts[code]
    with context.reader.connect() as connection:
        period = Period(tuple(district_years(connection, view)), view.year)
        data = _data(connection, plan, code, period.year if period.past else None)
    scorecard, indicators, overall, province_row = (
        data["scorecard"],
        data["indicators"],
        data["overall"],
        data["province"],
    )
    mine = overall[overall["area_code"] == code]
    row = (
        mine.iloc[0].to_dict()
        if not mine.empty
        else {"realization_pct": None, "expected_pct": None, "status": "not_available", "trend": "none", "rank": None}
    )
    ranked = int(overall["rank"].notna().sum())
    rank = row.get("rank")
    if is_missing(rank):
        rank_text = t("no_data", lang)
    elif period.past:
        rank_text = t("rank_among_in_year", lang, rank=int(rank), count=ranked, year=period.year)
    else:
        rank_text = t("rank_among", lang, rank=int(rank), count=ranked)
    region = plan.regions.get(district.region) if district.region else None
    year = periods.year_query(view)
    past = period.past
    return html.Div(
        [
            breadcrumbs(
                [
                    (t("overview", lang), urls.overview(plan.code, lang), title(plan, lang)),
                    (t("districts", lang), urls.districts(plan.code, lang, **year), None),
                    *(
                        [
                            (
                                title(region, lang, "name"),
                                urls.districts(plan.code, lang, region=district.region, **year),
                                None,
                            )
                        ]
                        if region
                        else []
                    ),
                    (district.name, None, None),
                ]
            ),
            html.Div(
                [
                    html.Div(
                        t("district", lang)
                        + (f" · {t('region', lang)}: {title(region, lang, 'name')}" if region else ""),
                        className="card-kicker",
                    ),
                    html.H1(
                        [district.name, html.Small(periods.heading_suffix(period, lang), className="text-muted")],
                        className="h3",
                    ),
                    html.P(
                        [
                            rank_text,
                            " · ",
                            html.Span(measured_goals_text(scorecard, plan, lang), **attributes(data_measured_goals="")),
                            " ",
                            demo_badge(lang) if bool(indicators["is_demo"].any()) else None,
                        ],
                        className="plan-meta district-rank",
                        **attributes(data_rank="" if is_missing(rank) else str(int(rank))),
                    ),
                ],
                className="page-heading",
            ),
            html.Div(periods.period_select(ids.DISTRICT_YEAR, period, lang), className="filters"),
            periods.past_note(period, lang, view.href(year=None)),
            dbc.Row(
                [
                    dbc.Col(
                        headline(
                            row["realization_pct"],
                            row.get("expected_pct"),
                            None if past else row["status"],
                            None if past else row.get("trend", "none"),
                            lang,
                            caption=f"{district.name}: {t('overall', lang)}",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        headline(
                            province_row.get("realization_pct"),
                            province_row.get("expected_pct"),
                            None if past else province_row.get("status", "not_available"),
                            None if past else province_row.get("trend", "none"),
                            lang,
                            caption=f"{plan.province}: {t('compare_province', lang)}",
                        ),
                        lg=6,
                    ),
                ],
                className="g-3",
            ),
            section(
                t("scorecard", lang),
                periods.latest_only(view_download(plan, "districts", lang, district=code), period, lang),
                scorecard_table(scorecard, plan, lang, code, past=past),
                **attributes(data_section="scorecard"),
            ),
            section(
                t("indicators", lang),
                periods.measurements_download(plan, lang, period.year, district=code)
                if past and period.year
                else view_download(plan, "indicators", lang, district=code),
                indicator_table(indicators, plan, lang, code, past=past, year=period.year),
                **attributes(data_section="indicators"),
            ),
        ],
        className="district-page",
        **attributes(data_district=code, data_year=str(period.year or "")),
    )


def _data(connection: Any, plan: Plan, code: str, year: int | None) -> dict[str, Any]:
    """The district's latest data with status and trend (``year`` None, the progress tables), or its
    realization and expected realization in ``year`` (the yearly tables)."""
    arguments: dict[str, Any] = {"plan": plan.code, "district": code, "year": year}
    reader = get_context().reader
    # the plan's league and province figures are the same on every district's page: read once per snapshot
    # (the province's figures with the plan's standing)
    overall = reader.fact(
        ("district_league", plan.code, year),
        lambda: district_league(connection, plan=plan.code, node=plan.code, year=year),
    )
    standing = standing_of(reader, connection, plan=plan.code)
    province = standing.summary() if year is None else periods.row_in_year(standing.node_years(plan.code), year)
    return {
        "scorecard": reader.asked(connection, district_scorecard, **arguments),
        "indicators": reader.asked(connection, district_indicators, **arguments),
        "overall": overall.copy(),
        "province": dict(province),
    }


def measured_goals(scorecard: pd.DataFrame, plan: Plan) -> tuple[int, int]:
    """(goals measured per district, goals of the plan): a goal whose indicators are all measured by
    province only is not measured per district (status ``not_measured`` in the district's roll-ups)."""
    goals = scorecard[scorecard["depth"] == plan.goal_depth]
    measured = {goal.code for goal in plan.goals() if any(i.level == "district" for i in plan.indicators_of(goal.code))}
    if "status" in goals:
        measured = set(goals[goals["status"] != NOT_MEASURED]["node_code"]) & measured
    return len(measured), len(plan.goals())


def measured_goals_text(scorecard: pd.DataFrame, plan: Plan, lang: str) -> str:
    """ "N of M goals measured per district", as the page and its download say it."""
    measured, count = measured_goals(scorecard, plan)
    return t("goals_measured_per_district", lang, measured=measured, count=count)


def _rank(record: dict[str, Any]) -> str:
    if is_missing(record.get("rank")):
        return "–"
    return f"{int(record['rank'])} / {int(record['ranked'])}"


def scorecard_table(scorecard: pd.DataFrame, plan: Plan, lang: str, district: str, *, past: bool = False) -> Markup:
    """Every node in the district next to the province; a ``past`` year has each one's expected
    realization instead of status and trend (assessed for the latest data only)."""

    def level(record: dict[str, Any]) -> str:
        item = plan.levels[int(record["depth"])]
        return item.text(lang, "name")

    columns: list[Column] = [
        (
            t("children", lang),
            lambda r: element(
                html.Span,
                [
                    element(html.Span, f"{level(r)} {r['node_code']} ", className="text-muted small"),
                    element(
                        dcc.Link, title(r, lang), href=urls.node(plan.code, r["node_code"], lang, district=district)
                    ),
                    provenance_mark(r.get("provenance"), lang),
                ],
                className=f"depth-{int(r['depth'])}",
                style={"paddingLeft": f"{int(r['depth']) * 1.1}rem", "display": "inline-block"},
            ),
            "",
        ),
        (t("district_value", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
    ]
    columns.append((t("expected", lang), lambda r: format_percent(r["expected_pct"], lang), "num"))
    if not past:
        columns += [
            (
                t("status", lang),
                lambda r: status_badge(r["status"], lang, size="sm", realization=r["realization_pct"]),
                "",
            ),
            (t("trend", lang), lambda r: trend_mark(r["trend"], lang), ""),
        ]
    columns += [
        (t("rank", lang), _rank, "num"),
        (t("province_value", lang), lambda r: format_percent(r["province_realization_pct"], lang), "num"),
    ]
    if past:
        columns.append(
            (
                f"{t('province', lang)}: {t('expected', lang).lower()}",
                lambda r: format_percent(r["province_expected_pct"], lang),
                "num",
            )
        )
    else:
        columns.append(
            (t("province", lang), lambda r: status_badge(r["province_status"], lang, size="sm", short=True), "")
        )
    return table(columns, records_of(scorecard), row_key="node_code", class_name="scorecard-table")


def indicator_table(
    indicators: pd.DataFrame, plan: Plan, lang: str, district: str, *, past: bool = False, year: int | None = None
) -> Markup:
    """The district's indicators next to the province; a ``past`` year has that year's value and the
    expected realization instead of the status."""
    columns: list[Column] = [
        (
            t("indicator", lang),
            lambda r: [
                element(
                    dcc.Link,
                    f"{r['indicator_code']} {title(r, lang, 'name')}",
                    href=urls.indicator(plan.code, r["indicator_code"], lang, district=district),
                ),
                provenance_mark(r.get("provenance"), lang),
            ],
            "",
        ),
        (
            t("district_value", lang),
            lambda r: value_of_year(r, year, lang, column="latest_value", unit=unit_name(r["unit"], lang)),
            "num",
        ),
        (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("expected", lang), lambda r: format_percent(r["expected_pct"], lang), "num")
        if past
        else (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
        (t("rank", lang), _rank, "num"),
        (t("province_value", lang), lambda r: format_value(r["province_value"], lang, value_decimals(r)), "num"),
        (t("province", lang), lambda r: format_percent(r["province_realization_pct"], lang), "num"),
    ]
    return table(columns, records_of(indicators), row_key="indicator_code", class_name="district-indicators")
