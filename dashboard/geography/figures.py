"""District maps: a geographic choropleth (offline) and the tile grid; both answer the same clicks.

Every district is drawn: those without a value in light grey (a separate trace,
so a missing value never drops a district from the map). Each point's
``customdata[0]`` is the district code, which the click callbacks read.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from plotly.colors import get_colorscale

from dashboard.components.status import STATUS_ICONS
from dashboard.figures.alternative import Chart, DataColumn, TextAlternative, alternative
from dashboard.figures.common import base_layout, localise, new_figure, percent_ticks, trace
from dashboard.i18n import column_in_language, format_number, format_percent, format_value, is_missing, status_label, t
from warehouse.frames import records_of

#: Cividis, perceptually uniform and readable with colour-vision deficiencies, as Plotly spells it out when it checks
#: a figure (its name alone would reach the browser as the name, where Plotly sends the steps)
COLOUR_SCALE = get_colorscale("Cividis")
MISSING = "#dddddd"


def _shown(row: dict[str, Any], lang: str, measure: str, unit: str, decimals: int) -> str:
    """The area's realization, or its value to the indicator's precision with the unit."""
    if measure == "realization":
        return format_percent(row["realization_pct"], lang)
    return f"{format_value(row['value'], lang, decimals)} {unit}".strip()


def _number(value: Any, lang: str, measure: str, decimals: int) -> str:
    """A shown number: a realization in percent, or a value to the indicator's precision (no unit)."""
    return format_percent(value, lang) if measure == "realization" else format_value(value, lang, decimals)


def _hover(row: dict[str, Any], lang: str, measure: str, unit: str) -> str:
    value = row["shown_text"] if measure == "realization" else f"{row['shown_text']} {unit}".strip()
    status = row.get("status")
    if is_missing(status):  # a past period: no status assessed
        year = row.get("latest_year")
        return f"<b>{row['name']}</b><br>{value}" + ("" if is_missing(year) else f" ({int(year)})")
    return f"<b>{row['name']}</b><br>{value}<br>{STATUS_ICONS.get(status, '?')} {status_label(status, lang)}"


def _prepared(values: pd.DataFrame, measure: str, lang: str, unit: str, decimals: int) -> pd.DataFrame:
    frame = values.copy()
    frame["name"] = column_in_language(frame, "name", lang)
    column = "realization_pct" if measure == "realization" else "value"
    frame["shown"] = pd.to_numeric(frame[column], errors="coerce")
    # each number written once, for the hover and the table alike
    frame["shown_text"] = [_number(value, lang, measure, decimals) for value in frame[column].tolist()]
    frame["hover"] = [_hover(row, lang, measure, unit) for row in records_of(_only(frame, HOVER_COLUMNS))]
    return frame


#: what a hover text and a row of the map's table read (the rows hold a dozen more columns)
HOVER_COLUMNS = ("name", "shown_text", "status", "latest_year")
TABLE_COLUMNS = ("area_code", "name", "shown_text", "status")


def _only(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``frame``'s ``columns`` that it has: records of a dozen columns read them all, a value at a time."""
    return frame[[column for column in columns if column in frame.columns]]


def _caption(measure: str, lang: str, unit: str) -> str:
    return t("realization", lang) if measure == "realization" else (unit or t("value", lang))


def map_alternative(
    values: pd.DataFrame,
    lang: str,
    *,
    measure: str,
    unit: str = "",
    decimals: int = 2,
    axis: str = "z",
    regions: bool = False,
    prepared: pd.DataFrame | None = None,
) -> TextAlternative:
    """A map in words (how many areas, how many with data, the highest and the lowest) and as a table
    of every area (``values``: rows with area_code, name_tr/name_en, value, realization_pct, status),
    whose shown column holds the coloured trace's ``axis`` ('z' of a choropleth, 'marker.color' of tiles).
    ``regions``: the rows are regions (a map coloured by region). ``prepared``: those rows with their
    names and hover texts, as the map's figure already prepared them (not written twice)."""
    frame = prepared if prepared is not None else _prepared(values, measure, lang, unit, decimals)
    present = frame.dropna(subset=["shown"]).sort_values("shown", ascending=False)
    areas = t("chart.regions_count" if regions else "districts_count", lang, count=format_number(len(frame), lang, 0))
    if present.empty:
        summary = t("chart.map_empty", lang, areas=areas)
    else:
        high, low = present.iloc[0].to_dict(), present.iloc[-1].to_dict()
        summary = t(
            "chart.map",
            lang,
            areas=areas,
            with_data=format_number(len(present), lang, 0),
            high_name=high["name"],
            high=_shown(high, lang, measure, unit, decimals),
            low_name=low["name"],
            low=_shown(low, lang, measure, unit, decimals),
        )
    shown = DataColumn(_caption(measure, lang, unit), "map", axis)
    columns = [shown, DataColumn(t("status", lang))]
    rows = [
        (
            row["area_code"],
            row["name"],
            [
                row["shown_text"],
                status_label(row["status"], lang) if not is_missing(row.get("status")) else "–",
            ],
        )
        for row in records_of(_only(frame, TABLE_COLUMNS).sort_values("name"))
    ]
    return alternative(summary, t("region" if regions else "district", lang), columns, rows)


def _colorbar(measure: str, lang: str, unit: str) -> dict[str, Any]:
    caption = _caption(measure, lang, unit)
    bar: dict[str, Any] = {"title": {"text": caption, "side": "right"}, "thickness": 12, "len": 0.8}
    if measure == "realization":
        bar.update(percent_ticks(lang))
    return bar


def choropleth_map(
    boundaries: dict[str, Any],
    values: pd.DataFrame,
    lang: str,
    *,
    measure: str = "realization",
    unit: str = "",
    height: int = 460,
    decimals: int = 2,
) -> Chart:
    """``values``: rows of :func:`warehouse.queries.districts.area_values` (area_code, names, value,
    realization, status); values to ``decimals`` (the indicator's precision) in hover and table."""
    frame = _prepared(values, measure, lang, unit, decimals)
    present = frame.dropna(subset=["shown"])
    missing = frame[frame["shown"].isna()]
    figure = new_figure()
    if not missing.empty:
        figure.add_trace(
            trace(
                "choropleth",
                geojson=boundaries,
                locations=missing["area_code"],
                z=[0] * len(missing),
                colorscale=[[0, MISSING], [1, MISSING]],
                showscale=False,
                customdata=missing[["area_code"]],
                hovertext=missing["hover"],
                hoverinfo="text",
                marker={"line": {"color": "#ffffff", "width": 0.8}},
                name=t("no_data", lang),
                uid="missing",
            )
        )
    if not present.empty:
        figure.add_trace(
            trace(
                "choropleth",
                geojson=boundaries,
                locations=present["area_code"],
                z=present["shown"],
                colorscale=COLOUR_SCALE,
                customdata=present[["area_code"]],
                hovertext=present["hover"],
                hoverinfo="text",
                marker={"line": {"color": "#ffffff", "width": 0.8}},
                colorbar=_colorbar(measure, lang, unit),
                name=_caption(measure, lang, unit),
                uid="map",
            )
        )
    figure.update_geos(fitbounds="locations", visible=False, projection={"type": "mercator"})
    figure.update_layout(**base_layout(lang, height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, dragmode=False))
    text = map_alternative(values, lang, measure=measure, unit=unit, decimals=decimals, prepared=frame)
    return Chart(localise(figure, lang), text)


def tile_map(
    positions: dict[str, tuple[int, int]],
    labels: dict[str, str],
    values: pd.DataFrame,
    lang: str,
    *,
    measure: str = "realization",
    unit: str = "",
    tile_size: int = 44,
    decimals: int = 2,
) -> Chart:
    """Equal squares at ``positions`` ((row, column) per district code) with ``labels`` inside; values
    to ``decimals`` (the indicator's precision) in hover and table."""
    frame = _prepared(values, measure, lang, unit, decimals)
    # membership and look-ups on the codes as Python strings: isin and iteration over pandas' Arrow strings
    # cost 3 ms and 1 ms a pass at 973 districts
    frame = frame.loc[[code in positions for code in frame["area_code"].tolist()]].copy()
    codes = frame["area_code"].tolist()
    frame["row"] = [positions[code][0] for code in codes]
    frame["column"] = [positions[code][1] for code in codes]
    frame["label"] = [labels.get(code, code) for code in codes]
    rows = max((row for row, _ in positions.values()), default=0) + 1
    columns = max((column for _, column in positions.values()), default=0) + 1
    figure = new_figure()
    for part, coloured in ((frame[frame["shown"].isna()], False), (frame.dropna(subset=["shown"]), True)):
        if part.empty:
            continue
        marker: dict[str, Any] = {"symbol": "square", "size": tile_size, "line": {"color": "#ffffff", "width": 1}}
        if coloured:
            marker.update(
                {
                    "color": part["shown"],
                    "colorscale": COLOUR_SCALE,
                    "showscale": True,
                    "colorbar": _colorbar(measure, lang, unit),
                }
            )
        else:
            marker["color"] = MISSING
        figure.add_trace(
            trace(
                "scatter",
                x=part["column"],
                y=part["row"],
                mode="markers+text",
                text=part["label"],
                textfont={"size": 10, "color": _text_colours(part["shown"]) if coloured else "#333"},
                customdata=part[["area_code"]],
                hovertext=part["hover"],
                hoverinfo="text",
                marker=marker,
                showlegend=False,
                name=_caption(measure, lang, unit) if coloured else t("no_data", lang),
                uid="map" if coloured else "missing",
            )
        )
    height = max(260, rows * (tile_size + 8) + 40)
    figure.update_layout(
        **base_layout(lang, height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, dragmode=False)
    )
    figure.update_xaxes(visible=False, range=[-0.7, columns - 0.3], fixedrange=True)
    figure.update_yaxes(visible=False, range=[rows - 0.3, -0.7], fixedrange=True, scaleanchor="x")
    drawn = values.loc[[code in positions for code in values["area_code"].tolist()]]
    text = map_alternative(
        drawn, lang, measure=measure, unit=unit, decimals=decimals, axis="marker.color", prepared=frame
    )
    return Chart(localise(figure, lang), text)


def _text_colours(shown: pd.Series) -> list[str]:
    """Dark text on the light (high) end of Cividis, light text on the dark end."""
    low, high = shown.min(), shown.max()
    span = (high - low) or 1.0
    return ["#000000" if not is_missing(value) and (value - low) / span > 0.55 else "#ffffff" for value in shown]
