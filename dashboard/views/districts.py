"""Districts: a map coloured by the chosen goal's or indicator's realization or value, and the
equity view (league table, gap to the best district, spread over time and its direction), for the
latest data or one year (``?year=``: see :mod:`dashboard.views.periods`)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids, urls
from dashboard.components.common import breadcrumbs, demo_badge, section
from dashboard.components.status import status_badge
from dashboard.components.tables import Column, league_table, table
from dashboard.context import get_context
from dashboard.downloads.links import node_download, view_download
from dashboard.figures.common import GRAPH_CONFIG
from dashboard.figures.equity import league_chart, spread_chart, spread_verdict
from dashboard.geography.district_map import district_map, map_kind, map_switch
from dashboard.i18n import format_number, format_percent, is_missing, t, title
from dashboard.views import periods
from dashboard.views import regions as region_views
from dashboard.views.common import known_code, read_plan
from dashboard.views.node import unit_name
from dashboard.views.periods import Period
from gosterge.plan import Plan
from warehouse.queries.districts import area_values, district_league, equity_spread_over_time, years_with_data

MEASURES = ("realization", "value")
NONE = "none"  # the select value for "no goal / no indicator chosen"
VERDICT_KEYS = {"narrowing": "narrowing", "widening": "widening", "steady": "steady", "unknown": "spread_unknown"}


def read(plan_code: str | None = None, lang: str = "tr", **query: Any) -> dict[str, Any]:
    plan = read_plan(plan_code, lang)
    indicator = urls.first(query, "indicator")
    goal = urls.first(query, "goal")
    if indicator is not None:
        known_code(plan, indicator, [code for code, item in plan.indicators.items() if item.level == "district"], lang)
    if goal is not None:
        known_code(plan, goal, plan.nodes, lang)
    show = urls.first(query, "show")
    level, region = region_views.read_geography(plan, query, lang)
    view = {
        "plan": plan.code,
        "lang": lang,
        "indicator": indicator,
        "goal": None if indicator else goal,
        "show": show if show in MEASURES and indicator else "realization",
        "map": urls.first(query, "map"),
        "level": level,
        "region": region,
        "year": None,
    }
    if urls.first(query, "year") is not None:
        with get_context().reader.connect() as connection:
            view["year"] = periods.read_year(query, subject_years(connection, view), plan, lang)
    return view


def subject_years(connection: Any, view: dict[str, Any]) -> list[int]:
    """The years with data for the view's indicator, goal or whole plan, in the areas it maps
    (regions at the region level, districts otherwise)."""
    indicator = view.get("indicator")
    return years_with_data(
        connection,
        plan=view["plan"],
        indicator=indicator,
        node=None if indicator else view.get("goal") or view["plan"],
        area_level="region" if view.get("level") == region_views.REGION_LEVEL else "district",
    )


def view_href(view: dict[str, Any], **changes: Any) -> str:
    state = {
        "indicator": view.get("indicator"),
        "goal": view.get("goal"),
        "show": view["show"] if view["show"] != "realization" else None,
        "map": view.get("map"),
        "level": view.get("level") if view.get("level") == region_views.REGION_LEVEL else None,
        "region": view.get("region"),
        "year": view.get("year"),
    }
    state.update(changes)
    return urls.districts(view["plan"], view["lang"], **state)


def subject_href(view: dict[str, Any], kind: str, value: str | None) -> str:
    """The view for another goal (kind 'goal') or indicator (kind 'indicator'); the other is cleared.
    The year is kept when the new subject has data in it. No navigation when that is already the view's."""
    value = None if value in (None, "", NONE) else value
    if view.get(kind) == value:
        raise PreventUpdate
    changes: dict[str, Any] = (
        {"indicator": value or None, "goal": None}
        if kind == "indicator"
        else {"goal": value or None, "indicator": None, "show": None}
    )
    if view.get("year") is not None:
        with get_context().reader.connect() as connection:
            if view["year"] not in subject_years(connection, {**view, **changes}):
                changes["year"] = None
    return view_href(view, **changes)


def year_href(view: dict[str, Any] | None, value: str | None, options: list[dict[str, Any]] | None = None) -> str:
    """The same view in the year chosen in the period select."""
    return periods.year_href(view, value, options, lambda year: view_href(view or {}, year=year))


def controls(plan: Plan, view: dict[str, Any], period: Period) -> html.Div:
    lang = view["lang"]
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
                        goal_level.name_en if lang == "en" else goal_level.name_tr,
                        htmlFor=ids.DISTRICTS_GOAL,
                        className="form-label small mb-0",
                    ),
                    dbc.Select(id=ids.DISTRICTS_GOAL, options=goal_options, value=view.get("goal") or NONE, size="sm"),
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
                        value=view.get("indicator") or NONE,
                        size="sm",
                    ),
                ],
                className="filter-control",
            ),
            periods.period_select(ids.DISTRICTS_YEAR, period, lang),
        ],
        className="filters",
        role="group",
        **{"aria-label": t("map_colour_by", lang)},
    )


def render(view: dict[str, Any]) -> html.Div:
    context = get_context()
    plan = context.plans[view["plan"]]
    lang, indicator = view["lang"], view.get("indicator")
    with context.reader.connect() as connection:
        period = Period(tuple(subject_years(connection, view)), view.get("year"))
    unit = unit_name(plan.indicators[indicator].unit, lang) if indicator else ""
    if region_views.is_region_view(view):  # province → region → district (views/regions.py)
        return region_views.render(
            view,
            period=period,
            subject=_subject(plan, view, lang),
            unit=unit,
            controls=controls(plan, view, period),
            view_href=view_href,
        )
    node = view.get("goal") or (None if indicator else plan.code)
    measure = view["show"]
    with context.reader.connect() as connection:
        data = _data(connection, plan, view, node, period.year if period.past else None)
    values, league, spread, regions = data["values"], data["league"], data["spread"], data["regions"]
    subject = _subject(plan, view, lang)
    kind = map_kind(view.get("map"), plan)
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
                        href=view_href(view, show=None if name == "realization" else name),
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
                f"{plan.province} · {len(plan.districts)} {t('districts', lang).lower()}",
                " ",
                demo_badge(lang) if bool(values["is_demo"].any()) else None,
            ],
            className="plan-meta",
        ),
        controls(plan, view, period),
        periods.past_note(period, lang, view_href(view, year=None)),
        region_views.level_switch(plan, view, lambda **changes: view_href(view, **changes)),
        dbc.Row(
            [
                dbc.Col(
                    section(
                        t("map", lang),
                        html.Div(
                            [map_switch(plan, lang, kind, lambda k: view_href(view, map=k)), measure_links],
                            className="d-flex flex-wrap gap-3 mb-2",
                        ),
                        district_map(plan, values, lang, kind=kind, measure=measure, unit=unit, link_query=link_query),
                        **{"data-section": "map"},
                    ),
                    lg=6,
                ),
                dbc.Col(
                    section(
                        t("league_table", lang),
                        league_download(plan, view, lang, period),
                        dcc.Graph(
                            figure=league_chart(
                                league,
                                lang,
                                measure=measure,
                                unit=unit,
                                province_value=province_value,
                                past_year=past_year,
                            ),
                            config=GRAPH_CONFIG,
                            id="league-chart",
                        ),
                        **{"data-section": "league-chart"},
                    ),
                    lg=6,
                ),
            ],
            className="g-3",
        ),
    ]
    ranked = {"year": period.year, "past": period.past, "link_query": link_query}
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
                                    **{"data-verdict": verdict},
                                ),
                            ],
                            lg=3,
                        ),
                        dbc.Col(
                            dcc.Graph(
                                figure=spread_chart(spread, lang, unit=unit, year=view.get("year")), config=GRAPH_CONFIG
                            ),
                            lg=9,
                        ),
                    ],
                    className="g-3",
                ),
                league_table(league, plan.code, lang, unit=unit, caption=t("league_table", lang), **ranked),
                **{"data-section": "equity"},
            )
        )
    else:
        body.append(
            section(
                t("league_table", lang),
                league_table(league, plan.code, lang, show_value=False, **ranked),
                **{"data-section": "equity"},
            )
        )
    if regions is not None:
        body.append(
            section(t("region_summary", lang), _regions_table(regions, lang, period), **{"data-section": "regions"})
        )
    return html.Div(body, className="districts-page", **{"data-year": str(period.year or "")})


def _data(connection: Any, plan: Plan, view: dict[str, Any], node: str | None, year: int | None) -> dict[str, Any]:
    """Each area's latest value with status and trend (``year`` None, the progress tables), or its
    value, realization and expected realization in ``year`` (the yearly tables)."""
    indicator = view.get("indicator")
    subject = {"plan": plan.code, "indicator": indicator, "node": node, "year": year}
    return {
        "values": area_values(connection, **subject),
        "league": district_league(connection, **subject),
        "spread": equity_spread_over_time(connection, plan=plan.code, indicator=indicator) if indicator else None,
        "province_value": region_views.shown_value(region_views.area_row(connection, plan, view, year), view),
        "regions": district_league(connection, **subject, area_level="region") if plan.regions else None,
    }


def league_download(plan: Plan, view: dict[str, Any], lang: str, period: Period) -> Any:
    """The league's rows as CSV: the indicator or node in every district (every scorecard for the plan).
    A past year of an indicator: that year's measurements in the districts (the export's from/to);
    the progress levels have no year filter, so beside a past view they say they hold the latest values."""
    if view.get("indicator") and period.past and period.year:
        return periods.measurements_download(plan, lang, period.year, indicator=view["indicator"], area="district")
    if view.get("indicator"):
        download = view_download(plan, "indicators", lang, indicator=view["indicator"], area="district")
    elif view.get("goal"):
        download = node_download(plan, view["goal"], lang, area="district")
    else:
        download = view_download(plan, "districts", lang)
    return periods.latest_only(download, period, lang)


def _subject(plan: Plan, view: dict[str, Any], lang: str) -> Any:
    if view.get("indicator"):
        item = plan.indicators[view["indicator"]]
        return f"{item.code} {title(item, lang, 'name')}"
    if view.get("goal"):
        node = plan.nodes[view["goal"]]
        return f"{node.code} {title(node, lang)}"
    return t("overall", lang)


def _regions_table(regions: Any, lang: str, period: Period) -> Any:
    columns: list[Column] = [
        (t("rank", lang), lambda r: "–" if is_missing(r["rank"]) else int(r["rank"]), "num"),
        (t("region", lang), lambda r: title(r, lang, "name"), ""),
        (
            t("value_in_year", lang, year=period.year) if period.past else t("latest_value", lang),
            lambda r: format_number(r["value"], lang, 2),
            "num",
        ),
        (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("expected", lang), lambda r: format_percent(r["expected_pct"], lang), "num")
        if period.past
        else (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
    ]
    return table(columns, regions.to_dict("records"), row_key="area_code", class_name="region-table")
