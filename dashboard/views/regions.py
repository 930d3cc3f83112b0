"""The region step of the geography, for plans with regions (Balıkesir): province → region → district.

On the districts page (/<plan>/districts):

- ``?level=region``: the map coloured by region (each district takes its
  region's rolled-up value; a click opens the region), the league of regions,
  and the equity view across regions (gap to the best region, spread over time);
- ``?region=<code>``: one region: its value against the province, a map of its
  districts only (a click opens the district page), the league of its
  districts with the gap to the region's best and the spread across them.

The goal/indicator, value/realization and period (``?year=``) choices of the
page apply unchanged. Region values are the precomputed ``area_level = 'region'``
results, rolled up from the districts by each indicator's aggregation rule; a
past year reads the same rows of the yearly tables (no status: see
:mod:`dashboard.views.periods`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.common import breadcrumbs, demo_badge, section
from dashboard.components.regions import region_headline
from dashboard.components.tables import DEFAULT_VALUE_DECIMALS, league_table
from dashboard.context import get_context
from dashboard.downloads.links import league_table_download
from dashboard.figures.alternative import chart_graph
from dashboard.figures.equity import VERDICT_KEYS, league_chart, spread_chart, spread_verdict
from dashboard.geography.district_map import map_block, map_figure, map_kind, map_switch
from dashboard.geography.regions import clicks_open_regions, region_colouring, within_region
from dashboard.i18n import t, title
from dashboard.state import NotFound, Query, known_code
from dashboard.views import leagues, periods
from dashboard.views.leagues import chart_heading, direction_sign, in_shown_order, table_caption
from dashboard.views.periods import Period
from gosterge.plan import Plan
from warehouse.queries.districts import area_results, equity_spread_over_time, league_of, values_of
from warehouse.queries.regions import region_spread_over_time
from warehouse.queries.standing import standing_of

if TYPE_CHECKING:
    from dashboard.views.districts import DistrictsView

DISTRICT_LEVEL = "district"
REGION_LEVEL = "region"


def read_geography(plan: Plan, query: Query, lang: str) -> tuple[str, str | None]:
    """(map level, region) from ``?level=region`` or ``?region=<code>`` (districts of the province otherwise)."""
    region = query.text("region")
    level = query.text("level")
    if region is not None:
        return DISTRICT_LEVEL, known_code(plan, region, plan.regions, lang)
    if level == REGION_LEVEL:
        if not plan.regions:
            raise NotFound(t("unknown_code", lang, code=level), plan.code)
        return REGION_LEVEL, None
    return DISTRICT_LEVEL, None


def is_region_view(view: DistrictsView) -> bool:
    return view.level == REGION_LEVEL or bool(view.region)


def level_switch(plan: Plan, view: DistrictsView, link: Any) -> html.Ul | None:
    """Districts | Regions (| the chosen region): ``link(**changes)`` builds the URL of each."""
    if not plan.regions:
        return None
    lang = view.lang
    current = "one" if view.region else view.level or DISTRICT_LEVEL
    items = [
        (DISTRICT_LEVEL, t("districts", lang), link(level=None, region=None)),
        (REGION_LEVEL, t("regions", lang), link(level=REGION_LEVEL, region=None)),
    ]
    if view.region:
        items.append(("one", title(plan.regions[view.region], lang, "name"), link(level=None, region=view.region)))
    return html.Ul(
        [
            html.Li(
                dcc.Link(text, href=href, className="nav-link" + (" active" if key == current else "")),
                className="nav-item",
                **(attributes(aria_current="true") if key == current else {}),
            )
            for key, text, href in items
        ],
        className="nav nav-pills view-switch level-switch",
        **attributes(aria_label=t("area", lang)),
    )


# ---------------------------------------------------------------- the page body


def render(view: DistrictsView, *, period: Period, subject: str, unit: str, controls: Any) -> html.Div:
    """The districts page at the region level or for one region (see the module docstring)."""
    context = get_context()
    plan = context.plans[view.plan]
    lang, indicator, measure = view.lang, view.indicator, view.show
    node = view.goal or (None if indicator else plan.code)
    region = view.region
    with context.reader.connect() as connection:
        data = _data(connection, plan, view, node, period.year if period.past else None)
        spread = None
        if indicator:
            spread = (
                region_spread_over_time(connection, plan=plan.code, indicator=indicator, region=region)
                if region
                else equity_spread_over_time(connection, plan=plan.code, indicator=indicator, area_level="region")
            )
    region_values, league, province_value = data["region_values"], data["league"], data["province_value"]
    decimals = plan.indicators[indicator].precision if indicator else DEFAULT_VALUE_DECIMALS
    chart_line = province_value
    if measure == "value" and indicator and plan.indicators[indicator].aggregation == "sum":
        chart_line = None  # the province's total is no yardstick for one region's or district's share
    kind = map_kind(view.map, plan)
    crumbs = [
        (t("overview", lang), urls.overview(plan.code, lang), title(plan, lang)),
        (t("districts", lang), view.href(level=None, region=None), None),
        (t("regions", lang), view.href(level=REGION_LEVEL, region=None) if region else None, None),
    ]
    if region:
        crumbs.append((title(plan.regions[region], lang, "name"), None, None))
    sign = direction_sign(plan, indicator)
    if region:
        members = [district.code for district in plan.districts_in(region)]
        league = within_region(league, members, sign, "value" if indicator else "realization")
        values = data["values"]
        figure = map_figure(
            plan,
            values[values["area_code"].isin(members)],
            kind,
            lang,
            measure=measure,
            unit=unit,
            members=members,
            decimals=decimals,
        )
        links = [
            html.Li(
                dcc.Link(
                    plan.districts[code].name, href=urls.district(plan.code, code, lang, **periods.year_query(view))
                )
            )
            for code in sorted(members, key=lambda code: plan.districts[code].name)
        ]
        map_help = t("map_click_help", lang)
        heading = f"{t('region', lang)}: {title(plan.regions[region], lang, 'name')}"
        summary: Any = region_headline(
            data["region_row"], province_value, measure, unit, lang, len(members), decimals=decimals, past=period.past
        )
    else:
        figure = clicks_open_regions(
            map_figure(
                plan,
                region_colouring(plan, region_values, lang),
                kind,
                lang,
                measure=measure,
                unit=unit,
                decimals=decimals,
            ),
            plan,
            region_values,
            lang,
            measure=measure,
            unit=unit,
            decimals=decimals,
        )
        links = [
            html.Li(dcc.Link(title(item, lang, "name"), href=view.href(level=None, region=code)))
            for code, item in plan.regions.items()
        ]
        map_help = t("region_click_help", lang)
        heading = t("regions", lang)
        summary = None
    demo = bool(region_values["is_demo"].any())
    body: list[Any] = [
        breadcrumbs(crumbs),
        html.H1(
            [heading, html.Small(f" · {subject}{periods.heading_suffix(period, lang)}", className="text-muted")],
            className="h3",
        ),
        html.P(
            [
                f"{plan.province} · "
                f"{t('region_districts_count', lang, regions=len(plan.regions), districts=len(plan.districts))}",
                " ",
                demo_badge(lang) if demo else None,
            ],
            className="plan-meta",
        ),
        controls,
        periods.past_note(period, lang, view.href(year=None)),
        level_switch(plan, view, lambda **changes: view.href(**changes)),
        summary,
        dbc.Row(
            [
                dbc.Col(
                    section(
                        t("map", lang),
                        html.Div(
                            map_switch(plan, lang, kind, lambda k: view.href(map=k)),
                            className="d-flex flex-wrap gap-3 mb-2",
                        ),
                        map_block(
                            figure, kind, lang, map_help, html.Ul(links, className="district-links region-links")
                        ),
                        **attributes(data_section="map"),
                    ),
                    lg=6,
                ),
                dbc.Col(
                    section(
                        chart_heading(measure, lang, regions=not region),
                        league_table_download(
                            plan,
                            lang,
                            indicator=indicator,
                            node=view.goal,
                            region=region,
                            regions=not region,
                            year=period.year if period.past else None,
                        ),
                        chart_graph(
                            league_chart(
                                in_shown_order(league, measure, sign),
                                lang,
                                measure=measure,
                                unit=unit,
                                province_value=chart_line,
                                past_year=period.year if period.past else None,
                                area_label=t("district" if region else "region", lang),
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
        _equity(plan, view, period, league, spread, subject, unit, lang),
    ]
    return html.Div(
        body,
        className="districts-page regions-page",
        **attributes(
            data_level="region" if not region else "district",
            data_region=region or "",
            data_year=str(period.year or ""),
        ),
    )


def _data(connection: Any, plan: Plan, view: DistrictsView, node: str | None, year: int | None) -> dict[str, Any]:
    """The regions (or one region's districts): the latest data with status and trend (``year`` None),
    or that year's values, realization and expected realization."""
    indicator, region = view.indicator, view.region
    subject: dict[str, Any] = {"plan": plan.code, "indicator": indicator, "node": node, "year": year}
    # the regions' map, and their league or a region's districts: one question for both levels
    results = area_results(connection, **subject, area_levels=("region", "district") if region else ("region",))
    data: dict[str, Any] = {"region_values": values_of(results, "region")}
    if region:
        data["values"] = values_of(results, "district")
        data["league"] = league_of(results, "district")
    else:
        data["league"] = league_of(results, "region")
    data["province_value"] = shown_value(area_row(connection, plan, view, year), view)
    if region:
        data["region_row"] = area_row(connection, plan, view, year, area_level="region", area_code=region)
    return data


def area_row(
    connection: Any,
    plan: Plan,
    view: DistrictsView,
    year: int | None,
    *,
    area_level: str = "province",
    area_code: str | None = None,
) -> dict[str, Any]:
    """The view's indicator, goal or whole plan in the province (or one region): its latest progress
    (``year`` None) or its row of that year; empty when it has none."""
    indicator = view.indicator
    area: dict[str, Any] = {"area_level": area_level, "area_code": area_code}
    standing = standing_of(get_context().reader, connection, plan=plan.code, **area)
    if year is not None:
        frame = standing.indicator_yearly(indicator) if indicator else standing.node_years(view.goal or plan.code)
        return periods.row_in_year(frame, year)
    if not indicator:
        return standing.summary(view.goal)
    found = standing.indicator_rows(indicator)
    return found.iloc[0].to_dict() if not found.empty else {}


def shown_value(row: dict[str, Any], view: DistrictsView) -> Any:
    """The value or the realization of an :func:`area_row`, as the view shows it."""
    if view.show == "value":
        return row.get("latest_value", row.get("value"))
    return row.get("realization_pct")


def _equity(
    plan: Plan,
    view: DistrictsView,
    period: Period,
    league: pd.DataFrame,
    spread: pd.DataFrame | None,
    subject: str,
    unit: str,
    lang: str,
) -> html.Section:
    if view.region:
        ranked = league_table(
            league,
            plan.code,
            lang,
            unit=unit,
            show_value=bool(view.indicator),
            caption=table_caption(bool(view.indicator), lang, t("league_table", lang) if spread is not None else None),
            year=period.year,
            past=period.past,
            link_query=periods.year_query(view),
        )
    else:
        ranked = leagues.region_league_table(league, view, unit, lang, period, named=spread is not None)
    if spread is None:
        heading = t("league_table" if view.region else "region_league", lang)  # a region's districts, or the regions
        return section(heading, ranked, **attributes(data_section="equity"))
    verdict = spread_verdict(spread)
    across_regions = not view.region
    heading = t("region_spread_over_time" if across_regions else "spread_over_time", lang)
    verdict_key = f"region_{verdict}" if across_regions and verdict != "unknown" else VERDICT_KEYS[verdict]
    return section(
        t("equity_for", lang, name=subject),
        dbc.Row(
            [
                dbc.Col(ranked, lg=7),
                dbc.Col(
                    [
                        html.H3(heading, className="h6"),
                        html.P(t(verdict_key, lang), className="spread-verdict", **attributes(data_verdict=verdict)),
                        chart_graph(
                            spread_chart(
                                spread,
                                lang,
                                unit=unit,
                                year=view.year,
                                decimals=plan.indicators[view.indicator].precision
                                if view.indicator
                                else DEFAULT_VALUE_DECIMALS,
                            ),
                            lang,
                            name="spread",
                        ),
                    ],
                    lg=5,
                ),
            ]
        ),
        **attributes(data_section="equity"),
    )
