"""Shared figure settings: a small template (figures are sent to the browser, keep them light),
Turkish or English number separators, accessible defaults."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from dashboard.i18n import plotly_separators

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

#: dcc.Graph config shared by every graph: no plotly logo, the local topojson folder
GRAPH_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "topojsonURL": "/assets/topojson/",
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def base_layout(lang: str, *, height: int = 320, title: str | None = None, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "separators": plotly_separators(lang),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40 if title else 30, "b": 10},
    }
    if title:
        layout["title"] = {"text": title, "x": 0, "font": {"size": 14}}
    layout.update(extra)
    return layout


def empty_figure(message: str, lang: str, *, height: int = 200) -> go.Figure:
    """A figure that says there is nothing to draw (instead of empty axes)."""
    figure = go.Figure(layout=base_layout(lang, height=height))
    figure.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 14, "color": "#555"}
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure
