"""Shared figure settings: a small template (figures are sent to the browser, keep them light),
numbers in the page's language (:func:`localise`), accessible defaults."""

from __future__ import annotations

import functools
import os
from typing import Any, TypeVar

import plotly.graph_objects as go
from dash import dcc
from plotly import basedatatypes
from plotly.basedatatypes import BasePlotlyType

from dashboard.i18n import percent_affixes, plotly_separators

#: Plotly checks every property a figure is given against its schema as the figure is built: about half the
#: cost of building one (the districts page's tile map of 973 squares: 37 → 16 ms). The tests build figures
#: checked (tests/conftest.py sets GOSTERGE_CHECK_FIGURES=1, so a misspelt property fails there), and
#: tests/dashboard/test_unchecked_figures.py renders every page type of both plans both ways and finds the
#: same body; the web builds them unchecked. Read at each call (the test switches it).
CHECKED = os.environ.get("GOSTERGE_CHECK_FIGURES") == "1"

Trace = TypeVar("Trace", bound=BasePlotlyType)


def new_figure(*args: Any, **properties: Any) -> go.Figure:
    """``go.Figure(*args, **properties)``, checked only when :data:`CHECKED`. Every figure is made here."""
    return go.Figure(*args, _validate=CHECKED, **properties)


def trace(kind: type[Trace], **properties: Any) -> Trace:
    """A trace of ``kind`` (``go.Scatter`` …) with ``properties``, checked only when :data:`CHECKED`."""
    return kind(_validate=CHECKED, **properties)


def _remember_property_paths() -> None:
    """Plotly parses the path of every property an update sets ('margin.l', 'legend.font.size') from
    scratch, defining a class on each call: about 470 parses, 24 ms, of a goal page's render at national
    scale. A parse depends on the path's text alone, so it is kept. The function is plotly's own (private,
    in plotly/basedatatypes.py): when a plotly version has none, nothing is changed."""
    parse = getattr(basedatatypes, "_str_to_dict_path_full", None)
    if parse is None or hasattr(parse, "remembered"):
        return
    remembered = functools.lru_cache(maxsize=4096)(parse)

    def parsed(path: str) -> tuple[tuple[str | int, ...], list[int]]:
        keys, positions = remembered(path)
        return keys, list(positions)  # the positions as a list of the caller's own, as plotly returns them

    parsed.remembered = remembered  # type: ignore[attr-defined]
    basedatatypes._str_to_dict_path_full = parsed  # type: ignore[attr-defined]


_remember_property_paths()

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"

TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "colorway": ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"],
        "xaxis": {"gridcolor": "#e6e6e6", "linecolor": "#999", "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": "#e6e6e6", "linecolor": "#999", "zeroline": False, "automargin": True},
        "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }
)

#: the chart toolbar keeps what users need: save as an image and reset the view. Everything else
#: goes, above all any control that could send a chart or its data off the machine (Chart Studio's
#: "edit" and "share" links), and the zoom/pan/hover modes that only confuse a reader.
MODE_BAR_REMOVED = [
    "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
    "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines",
    "zoomInGeo", "zoomOutGeo", "hoverClosestGeo", "hoverClosestPie", "toggleHover",
    "sendDataToCloud", "editInChartStudio",
]  # fmt: skip

#: the toolbar's own words in Turkish (Plotly's dictionary keys are its English texts)
TOOLBAR_TURKISH = {
    "Download plot as a png": "Grafiği PNG olarak indir",
    "Download plot as a PNG": "Grafiği PNG olarak indir",
    "Download plot": "Grafiği indir",
    "Reset axes": "Eksenleri sıfırla",
    "Reset view": "Görünümü sıfırla",
    "Reset": "Sıfırla",
    "Double-click to zoom back out": "Geri uzaklaşmak için çift tıklayın",
    "Click to enter Colorscale title": "Renk ölçeği başlığı",
}


TOOLBAR_WORDS = {"tr": TOOLBAR_TURKISH}  # English is Plotly's own


def graph_config(lang: str) -> dcc.Graph.Config:
    """The dcc.Graph config of every graph: no Plotly logo and no link that leaves the machine, the
    local topojson folder, a toolbar of image download and reset, labelled in ``lang``."""
    config: dcc.Graph.Config = {
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "topojsonURL": "/assets/topojson/",
        "modeBarButtonsToRemove": MODE_BAR_REMOVED,
        "toImageButtonOptions": {"format": "png", "scale": 2},
    }
    words = TOOLBAR_WORDS.get(lang)
    if words:
        config["locale"] = lang
        config["locales"] = {lang: {"dictionary": words, "format": {}}}
    return config


#: d3 format of the numbers on value axes and colour bars: thousands grouped (3.500 in Turkish, 3,500
#: in English; Plotly groups only from five digits by itself), trailing zeros trimmed (0,5 not 0,500000)
NUMBER_TICKS = ",~r"


def localise(figure: go.Figure, lang: str) -> go.Figure:
    """Numbers of ``figure`` the way ``lang`` writes them: the locale's decimal and thousands marks
    (``layout.separators``), and grouped thousands on every axis and colour bar that has no format of
    its own (a year axis keeps its 'd'). Every figure builder returns its figure through this."""
    figure.update_layout(separators=plotly_separators(lang))
    if any("xaxis" in trace for trace in figure.data):  # axes only where there is a cartesian plot
        for axis in (*figure.select_xaxes(), *figure.select_yaxes()):
            if axis.tickformat is None and axis.type != "category":
                axis.tickformat = NUMBER_TICKS
    for trace in figure.data:
        for bar in _colour_bars(trace):
            if bar.tickformat is None:
                bar.tickformat = NUMBER_TICKS
    return figure


def _colour_bars(trace: Any) -> list[Any]:
    """The colour bars a trace draws (its own, as a choropleth's, or its markers', as a scatter's)."""
    bars = []
    if "colorbar" in trace and (trace.showscale is not False) and trace.colorbar.to_plotly_json():
        bars.append(trace.colorbar)
    marker = trace.marker if "marker" in trace else None
    if marker is not None and "colorbar" in marker and marker.colorbar.to_plotly_json():
        bars.append(marker.colorbar)
    return bars


def percent_ticks(lang: str) -> dict[str, str]:
    """Axis or colour-bar ticks with the percent sign where the language writes it (%50 in Turkish, 50% in English)."""
    prefix, suffix = percent_affixes(lang)
    return {name: affix for name, affix in (("tickprefix", prefix), ("ticksuffix", suffix)) if affix}


def percent_template(lang: str, value: str = "%{y:.1f}") -> str:
    """A hover template's percentage: %%{y:.1f} in Turkish (a literal '%' before the value), %{y:.1f}% in English."""
    prefix, suffix = percent_affixes(lang)
    return f"{prefix}{value}{suffix}"


def base_layout(lang: str, *, height: int = 320, title: str | None = None, **extra: Any) -> dict[str, Any]:
    """The layout every figure starts from (its numbers are set by :func:`localise`)."""
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40 if title else 30, "b": 10},
    }
    if title:
        layout["title"] = {"text": title, "x": 0, "font": {"size": 14}}
    layout.update(extra)
    return layout


def empty_figure(message: str, lang: str, *, height: int = 200) -> go.Figure:
    """A figure that says there is nothing to draw (instead of empty axes)."""
    figure = new_figure(layout=base_layout(lang, height=height))
    figure.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 14, "color": "#555"}
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return localise(figure, lang)


#: where Plotly's ``add_vline`` puts a line's label: (y in the plot's height, xanchor, yanchor) by position
LINE_LABELS: dict[str, tuple[int, str, str]] = {
    "top": (1, "center", "bottom"),
    "top left": (1, "right", "top"),
    "top right": (1, "left", "top"),
    "bottom right": (0, "left", "bottom"),
}


def vertical_line(
    figure: go.Figure,
    x: Any,
    *,
    line: dict[str, Any],
    label: str | None = None,
    position: str = "top",
    font: dict[str, Any] | None = None,
) -> None:
    """A line across the plot's height at ``x`` with ``label`` at ``position`` (a key of :data:`LINE_LABELS`):
    the shape and annotation ``figure.add_vline`` makes, without its search of the axes every shape spans,
    which cost 7 ms a line where the rest of a chart costs 2 (issue 16; a goal page draws one per indicator)."""
    figure.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=line)
    if label is None:
        return
    y, xanchor, yanchor = LINE_LABELS[position]
    annotation: dict[str, Any] = {"text": label, "showarrow": False, "x": x, "xref": "x", "y": y, "yref": "y domain"}
    figure.add_annotation(**annotation, xanchor=xanchor, yanchor=yanchor, **({"font": font} if font else {}))
