"""Districts: a map coloured by the chosen goal's or indicator's realization or value, and the
equity view (league table, gap to the best district, spread over time and its direction), for the
latest data or one year (``?year=``: see :mod:`dashboard.views.periods`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components.common import breadcrumbs, demo_badge, section
from dashboard.components.tables import DEFAULT_VALUE_DECIMALS, league_table
from dashboard.context import get_context
from dashboard.downloads.links import league_table_download
from dashboard.figures.alternative import chart_graph
from dashboard.figures.equity import VERDICT_KEYS, league_chart, spread_chart, spread_verdict
from dashboard.geography.district_map import MAP_KINDS, district_map, map_kind, map_switch
from dashboard.i18n import t, title
from dashboard.state import Query, ViewState, known_code, read_plan
from dashboard.views import leagues, periods
from dashboard.views import regions as region_views
from dashboard.views.leagues import chart_heading, direction_sign, in_shown_order, table_caption
from dashboard.views.node import unit_name
from dashboard.views.periods import Period
from gosterge.language import DEFAULT_LANGUAGE
from gosterge.plan import Plan
from warehouse.queries.districts import (
    area_results,
    equity_spread_over_time,
    league_of,
    values_of,
    years_with_data,
)

MEASURES = ("realization", "value")
NONE = "none"  # the select value for "no goal / no indicator chosen"


@dataclass(frozen=True, kw_only=True)
class DistrictsView(ViewState):
    """/<plan>/districts: the map and equity of a goal (``?goal=``) or a district-level indicator
    (``?indicator=``; the whole plan without either), coloured by ``?show=`` realization or value
    (value for an indicator only), on ``?map=`` geo or tiles, across the districts, the regions
    (``?level=region``) or one region (``?region=``), for the latest data or ``?year=``."""

    indicator: str | None = None
    goal: str | None = None
    show: str = "realization"
    map: str | None = None
    level: str = region_views.DISTRICT_LEVEL
    region: str | None = None
    year: int | None = None

    @classmethod
    def from_query(cls, plan_code: str | None = None, lang: str = DEFAULT_LANGUAGE, **query: Any) -> DistrictsView:
        plan = read_plan(plan_code, lang)
        values = Query(query)
        indicator, goal = values.text("indicator"), values.text("goal")
        if indicator is not None:
            known_code(
                plan, indicator, [code for code, item in plan.indicators.items() if item.level == "district"], lang
            )
        if goal is not None:
            known_code(plan, goal, plan.nodes, lang)
        level, region = region_views.read_geography(plan, values, lang)
        view = cls(
            plan=plan.code,
            lang=lang,
            indicator=indicator,
            goal=None if indicator else goal,
            show=values.choice("show", MEASURES, "realization") if indicator else "realization",
            map=values.choice("map", MAP_KINDS, None),
            level=level,
            region=region,
        )
        if "year" not in values:
            return view
        with get_context().reader.connect() as connection:
            return replace(view, year=periods.read_year(values, subject_years(connection, view), plan, lang))

    def path(self) -> str:
        return urls.plan_path(self.plan, "districts")

    def to_query(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "goal": self.goal,
            "show": self.show if self.show != "realization" else None,
            "map": self.map,
            "level": self.level if self.level == region_views.REGION_LEVEL else None,
            "region": self.region,
            "year": self.year,
        }


read = DistrictsView.from_query


def subject_years(connection: Any, view: DistrictsView) -> list[int]:
    """The years with data for the view's indicator, goal or whole plan, in the areas it maps
    (regions at the region level, districts otherwise)."""
    return get_context().reader.asked(
        connection,
        years_with_data,
        plan=view.plan,
        indicator=view.indicator,
        node=None if view.indicator else view.goal or view.plan,
        area_level="region" if view.level == region_views.REGION_LEVEL else "district",
    )


def subject_href(view: DistrictsView, kind: str, value: str | None) -> str:
    """The view for another goal (kind 'goal') or indicator (kind 'indicator'); the other is cleared.
    The year is kept when the new subject has data in it. No navigation when that is already the view's."""
    chosen = None if value in (None, "", NONE) else value
    if (view.indicator if kind == "indicator" else view.goal) == chosen:
        raise PreventUpdate
    changed = (
        replace(view, indicator=chosen, goal=None)
        if kind == "indicator"
        else replace(view, goal=chosen, indicator=None, show="realization")
    )
    if changed.year is not None:
        with get_context().reader.connect() as connection:
            if changed.year not in subject_years(connection, changed):
                changed = replace(changed, year=None)
    return changed.href()


def year_href(view: DistrictsView, value: str | None, options: list[dict[str, Any]] | None = None) -> str:
    """The same view in the year chosen in the period select."""
    return periods.year_href(view, value, options)


def controls(plan: Plan, view: DistrictsView, period: Period) -> html.Div:
    lang = view.lang
    goal_level = plan.levels[plan.goal_depth]
    goal_options = [{"label": t("overall", lang), "value": NONE}] + [
        {"label": f"{node.code} {title(node, lang)}", "value": node.code} for node in plan.goals()
    ]
    indicator_options = [{"label": "–", "value": NONE}] + [
        {"label": f"{item.code} {title(item, lang, 'name')}", "value": item.code}
        for item in plan.indicators.values()
        if item.level == "district"
    ]
    return html.Div(
        [
            html.Div(
                [
                    html.Label(
                        goal_level.text(lang, "name"),
                        htmlFor=ids.DISTRICTS_GOAL,
                        className="form-label small mb-0",
                    ),
                    dbc.Select(id=ids.DISTRICTS_GOAL, options=goal_options, value=view.goal or NONE, size="sm"),
                ],
                className="filter-control",
            ),
            html.Div(
                [
                    html.Label(
                        t("indicator", lang), htmlFor=ids.DISTRICTS_INDICATOR, className="form-label small mb-0"
                    ),
                    dbc.Select(
                        id=ids.DISTRICTS_INDICATOR,
                        options=indicator_options,
                        value=view.indicator or NONE,
                        size="sm",
                    ),
                ],
                className="filter-control",
            ),
            periods.period_select(ids.DISTRICTS_YEAR, period, lang),
        ],
        className="filters",
        role="group",
        **attributes(aria_label=t("map_colour_by", lang)),
    )


def render(view: DistrictsView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, indicator = view.lang, view.indicator
    with context.reader.connect() as connection:
        period = Period(tuple(subject_years(connection, view)), view.year)
    unit = unit_name(plan.indicators[indicator].unit, lang) if indicator else ""
    decimals = plan.indicators[indicator].precision if indicator else DEFAULT_VALUE_DECIMALS
    if region_views.is_region_view(view):  # province → region → district (views/regions.py)
        return region_views.render(
            view,
            period=period,
            subject=_subject(plan, view, lang),
            unit=unit,
            controls=controls(plan, view, period),
        )
    node = view.goal or (None if indicator else plan.code)
    measure = view.show
    with context.reader.connect() as connection:
        data = _data(connection, plan, view, node, period.year if period.past else None)
    values, league, spread, regions = data["values"], data["league"], data["spread"], data["regions"]
    subject = _subject(plan, view, lang)
    kind = map_kind(view.map, plan)
    # the province's value is a reference for rates and realization, not for a sum of districts
    comparable = measure == "realization" or (indicator and plan.indicators[indicator].aggregation != "sum")
    province_value = data["province_value"] if comparable else None
    link_query = periods.year_query(view)
    past_year = period.year if period.past else None
    measure_links = (
        html.Ul(
            [
                html.Li(
                    dcc.Link(
                        t("show_value", lang) if name == "value" else t("show_realization", lang),
                        href=view.href(show=None if name == "realization" else name),
                        className="nav-link" + (" active" if name == measure else ""),
                    ),
                    className="nav-item",
                )
                for name in MEASURES
            ],
            className="nav nav-pills view-switch",
        )
        if indicator
        else None
    )
    body: list[Any] = [
        breadcrumbs(
            [
                (t("overview", lang), urls.overview(plan.code, lang), title(plan, lang)),
                (t("districts", lang), None, None),
            ]
        ),
        html.H1(
            [
                t("districts", lang),
                html.Small(f" · {subject}{periods.heading_suffix(period, lang)}", className="text-muted"),
            ],
            className="h3",
        ),
        html.P(
            [
                f"{plan.province} · {t('districts_count', lang, count=len(plan.districts))}",
                " ",
                demo_badge(lang) if bool(values["is_demo"].any()) else None,
            ],
            className="plan-meta",
        ),
        controls(plan, view, period),
        periods.past_note(period, lang, view.href(year=None)),
        region_views.level_switch(plan, view, lambda **changes: view.href(**changes)),
        dbc.Row(
            [
                dbc.Col(
                    section(
                        t("map", lang),
                        html.Div(
                            [map_switch(plan, lang, kind, lambda k: view.href(map=k)), measure_links],
                            className="d-flex flex-wrap gap-3 mb-2",
                        ),
                        district_map(
                            plan,
                            values,
                            lang,
                            kind=kind,
                            measure=measure,
                            unit=unit,
                            link_query=link_query,
                            decimals=decimals,
                        ),
                        **attributes(data_section="map"),
                    ),
                    lg=6,
                ),
                dbc.Col(
                    section(
                        chart_heading(measure, lang),
                        league_download(plan, view, lang, period),
                        chart_graph(
                            league_chart(
                                in_shown_order(league, measure, direction_sign(plan, indicator)),
                                lang,
                                measure=measure,
                                unit=unit,
                                province_value=province_value,
                                past_year=past_year,
                            ),
                            lang,
                            name="league",
                            graph_id="league-chart",
                        ),
                        **attributes(data_section="league-chart"),
                    ),
                    lg=6,
                ),
            ],
            className="g-3",
        ),
    ]
    ranked: dict[str, Any] = {"year": period.year, "past": period.past, "link_query": link_query}
    if indicator and spread is not None:
        verdict = spread_verdict(spread)
        body.append(
            section(
                t("equity_for", lang, name=subject),
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                html.H3(t("spread_over_time", lang), className="h6"),
                                html.P(
                                    t(VERDICT_KEYS[verdict], lang),
                                    className="spread-verdict fw-semibold",
                                    **attributes(data_verdict=verdict),
                                ),
                            ],
                            lg=3,
                        ),
                        dbc.Col(
                            chart_graph(
                                spread_chart(spread, lang, unit=unit, year=view.year, decimals=decimals),
                                lang,
                                name="spread",
                            ),
                            lg=9,
                        ),
                    ],
                    className="g-3",
                ),
                league_table(
                    league,
                    plan.code,
                    lang,
                    unit=unit,
                    caption=table_caption(True, lang, t("league_table", lang)),
                    **ranked,
                ),
                **attributes(data_section="equity"),
            )
        )
    else:
        body.append(
            section(
                t("league_table", lang),
                league_table(
                    league, plan.code, lang, show_value=False, caption=table_caption(bool(indicator), lang), **ranked
                ),
                **attributes(data_section="equity"),
            )
        )
    if regions is not None:
        body.append(
            section(
                t("region_summary", lang),
                leagues.regions_table(regions, lang, period, decimals),
                **attributes(data_section="regions"),
            )
        )
    return html.Div(body, className="districts-page", **attributes(data_year=str(period.year or "")))


def _data(connection: Any, plan: Plan, view: DistrictsView, node: str | None, year: int | None) -> dict[str, Any]:
    """Each area's latest value with status and trend (``year`` None, the progress tables), or its
    value, realization and expected realization in ``year`` (the yearly tables)."""
    indicator = view.indicator
    subject: dict[str, Any] = {"plan": plan.code, "indicator": indicator, "node": node, "year": year}
    reader = get_context().reader
    # the map, the league and the regions' league read the same rows: one question for both levels
    levels = ("district", "region") if plan.regions else ("district",)
    results = reader.asked(connection, area_results, **subject, area_levels=levels)
    return {
        "values": values_of(results, "district"),
        "league": league_of(results, "district"),
        "spread": reader.asked(connection, equity_spread_over_time, plan=plan.code, indicator=indicator)
        if indicator
        else None,
        "province_value": region_views.shown_value(region_views.area_row(connection, plan, view, year), view),
        "regions": league_of(results, "region") if plan.regions else None,
    }


def league_download(plan: Plan, view: DistrictsView, lang: str, period: Period) -> Any:
    """The league's rows as CSV, ranked as the page ranks them (level ``league``): the indicator, the goal
    or the whole plan in every district, for the latest values or the past year shown."""
    year = period.year if period.past else None
    return league_table_download(plan, lang, indicator=view.indicator, node=view.goal, year=year)


def _subject(plan: Plan, view: DistrictsView, lang: str) -> Any:
    if view.indicator:
        item = plan.indicators[view.indicator]
        return f"{item.code} {title(item, lang, 'name')}"
    if view.goal:
        node = plan.nodes[view.goal]
        return f"{node.code} {title(node, lang)}"
    return t("overall", lang)
