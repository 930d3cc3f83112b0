"""The district map block shared by the indicator and districts pages: the map (geographic when a
boundary file covers the plan, the tile grid otherwise or on request), its attribution, a switch
between the two, and the same districts as plain links (the keyboard path to a district)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import ids, urls
from dashboard.attributes import attributes
from dashboard.components.elements import element
from dashboard.context import get_context
from dashboard.figures.alternative import Chart, chart_graph
from dashboard.geography.boundaries import plan_boundaries, tile_labels, tile_positions
from dashboard.geography.figures import choropleth_map, tile_map
from dashboard.i18n import t
from dashboard.live import encoded
from gosterge.plan import Plan

GEOGRAPHIC = "geo"
TILES = "tiles"
MAP_KINDS = (GEOGRAPHIC, TILES)


def map_kind(requested: str | None, plan: Plan) -> str:
    """The map to draw: the requested one when possible; geographic by default when boundaries exist."""
    has_boundaries = plan_boundaries(get_context().settings.boundaries_file, plan) is not None
    if requested == TILES or not has_boundaries:
        return TILES
    return GEOGRAPHIC


def map_switch(plan: Plan, lang: str, current: str, link: Any) -> html.Ul:
    """Links to the same view with the other map (``link(kind)`` builds the URL)."""
    has_boundaries = plan_boundaries(get_context().settings.boundaries_file, plan) is not None
    kinds = MAP_KINDS if has_boundaries else (TILES,)
    names = {GEOGRAPHIC: t("map_geographic", lang), TILES: t("map_tiles", lang)}
    return html.Ul(
        [
            html.Li(
                dcc.Link(names[kind], href=link(kind), className="nav-link" + (" active" if kind == current else "")),
                className="nav-item",
                **(attributes(aria_current="true") if kind == current else {}),
            )
            for kind in kinds
        ],
        className="nav nav-pills view-switch map-switch",
    )


def map_figure(
    plan: Plan,
    frame: pd.DataFrame,
    kind: str,
    lang: str,
    *,
    measure: str,
    unit: str = "",
    members: list[str] | None = None,
    decimals: int = 2,
) -> Chart:
    """The geographic or tile map of the plan's districts (or only ``members``, the tiles moved to the
    top-left corner), coloured by ``frame``; values to ``decimals`` (the indicator's precision)."""
    codes = members or list(plan.districts)
    if kind == GEOGRAPHIC:
        boundaries = plan_boundaries(get_context().settings.boundaries_file, plan)
        assert boundaries is not None
        if members:
            boundaries = {
                "type": "FeatureCollection",
                "features": [f for f in boundaries["features"] if f["id"] in codes],
            }
        return choropleth_map(boundaries, frame, lang, measure=measure, unit=unit, decimals=decimals)
    positions = tile_positions(plan)
    if members:
        positions = {code: position for code, position in positions.items() if code in members}
        top = min((row for row, _ in positions.values()), default=0)
        left = min((column for _, column in positions.values()), default=0)
        positions = {code: (row - top, column - left) for code, (row, column) in positions.items()}
    labels = tile_labels({code: plan.districts[code].name for code in positions})
    return tile_map(positions, labels, frame, lang, measure=measure, unit=unit, decimals=decimals)


@lru_cache(maxsize=256)
def district_links(
    plan_code: str, names: tuple[tuple[str, str], ...], lang: str, link_query: tuple[tuple[str, Any], ...]
) -> Any:
    """The folded list of every district (``names``: code and name), each a link to its page with ``link_query``:
    the same on every map of a plan, so encoded once (up to 973 links, 2,000 components a render before)."""
    query = dict(link_query)
    return encoded(
        html.Details(
            [
                html.Summary(t("district_list", lang)),
                element(
                    html.Ul,
                    [
                        element(html.Li, element(dcc.Link, name, href=urls.district(plan_code, code, lang, **query)))
                        for code, name in sorted(names, key=lambda item: item[1])
                    ],
                    className="district-links",
                ),
            ]
        )
    )


def map_block(chart: Chart, kind: str, lang: str, help_text: str, links: Any) -> html.Div:
    """The map (with its text alternative) and its attribution (or the tile grid's note), a help line
    and the same areas as links."""
    note = (
        html.P(t("attribution", lang), className="map-attribution", **attributes(data_attribution="geo"))
        if kind == GEOGRAPHIC
        else html.P(t("map_tiles_help", lang), className="map-attribution")
    )
    return html.Div(
        [
            html.Div(
                chart_graph(
                    chart,
                    lang,
                    name="map",
                    graph_id=ids.DISTRICT_MAP,
                    class_name="district-map",
                    config={"scrollZoom": False},
                    lazy=False,  # its clicks are answered on the server: drawn with the page
                ),
                **attributes(data_map=kind),
            ),
            note,
            html.P(help_text, className="small text-muted mb-1"),
            links,
        ],
        className="map-block",
    )


def district_map(
    plan: Plan,
    values: pd.DataFrame,
    lang: str,
    *,
    kind: str,
    measure: str,
    unit: str = "",
    link_query: dict[str, Any] | None = None,
    decimals: int = 2,
) -> html.Div:
    """The map, its note and the district list (links to each district's page, with ``link_query``);
    values to ``decimals`` (the indicator's precision)."""
    names = tuple((code, district.name) for code, district in plan.districts.items())
    links = district_links(plan.code, names, lang, tuple(sorted((link_query or {}).items())))
    chart = map_figure(plan, values, kind, lang, measure=measure, unit=unit, decimals=decimals)
    return map_block(chart, kind, lang, t("map_click_help", lang), links)
