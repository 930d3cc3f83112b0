"""Shared figure settings: a small template (figures are sent to the browser, keep them light),
numbers in the page's language (:func:`localise`), accessible defaults."""

from __future__ import annotations

import os
from typing import Any

from dash import dcc

from dashboard.figures.plain import CARTESIAN, OWN_COLOUR_BAR, Figure, Props
from dashboard.figures.plain import trace as plain_trace
from dashboard.i18n import percent_affixes, plotly_separators

#: Figures are checked against Plotly's schema when this is on: every figure turned into JSON is also built as a
#: checked Plotly figure, which must give the same JSON (:func:`dashboard.figures.plain.checked`). The web does
#: not check (Plotly's checks and copies were most of the cost of a chart); the tests do (tests/conftest.py
#: sets GOSTERGE_CHECK_FIGURES=1), so a misspelt property fails there. Read at each call (a test switches it).
CHECKED = os.environ.get("GOSTERGE_CHECK_FIGURES") == "1"


def new_figure(data: Props | list[Props] | None = None, *, layout: dict[str, Any] | None = None) -> Figure:
    """A figure (:class:`dashboard.figures.plain.Figure`): every figure is made here."""
    return Figure(data, layout)


def trace(kind: str, **properties: Any) -> Props:
    """A trace of type ``kind`` ('scatter', 'bar', 'sunburst', 'choropleth') with ``properties``."""
    return plain_trace(kind, properties)


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"

#: the template of every figure (as Plotly writes a template: its layout part)
TEMPLATE: dict[str, Any] = {
    "layout": {
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "colorway": ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"],
        "xaxis": {"gridcolor": "#e6e6e6", "linecolor": "#999", "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": "#e6e6e6", "linecolor": "#999", "zeroline": False, "automargin": True},
        "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }
}

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


def localise(figure: Figure, lang: str) -> Figure:
    """Numbers of ``figure`` the way ``lang`` writes them: the locale's decimal and thousands marks
    (``layout.separators``), and grouped thousands on every axis and colour bar that has no format of
    its own (a year axis keeps its 'd'). Every figure builder returns its figure through this."""
    figure.update_layout(separators=plotly_separators(lang))
    if any(trace.type in CARTESIAN for trace in figure.data):  # axes only where there is a cartesian plot
        for axis in (*figure.select_xaxes(), *figure.select_yaxes()):
            if axis.tickformat is None and axis.type != "category":
                axis.tickformat = NUMBER_TICKS
    for trace in figure.data:
        for bar in _colour_bars(trace):
            if bar.tickformat is None:
                bar.tickformat = NUMBER_TICKS
    return figure


def _colour_bars(trace: Props) -> list[Props]:
    """The colour bars a trace draws (its own, as a choropleth's, or its markers', as a scatter's)."""
    bars = []
    if trace.type in OWN_COLOUR_BAR and trace.showscale is not False and trace.colorbar:
        bars.append(trace.colorbar)
    if trace.marker and trace.marker.colorbar:
        bars.append(trace.marker.colorbar)
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


def empty_figure(message: str, lang: str, *, height: int = 200) -> Figure:
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
    figure: Figure,
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
