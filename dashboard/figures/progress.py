"""Progress charts: an indicator against its path and target, a node's realization against expected."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import base_layout, empty_figure, localise, percent_template, percent_ticks
from dashboard.i18n import is_missing, t

ACTUAL = "#0072B2"
PATH = "#555555"
TARGET = "#D55E00"
PROJECTION = "#E69F00"

#: how far past the target year a projection is drawn at most
PROJECTION_HORIZON = 6


def indicator_chart(
    yearly: pd.DataFrame, progress: dict[str, Any], lang: str, *, unit: str = "", height: int = 300
) -> go.Figure:
    """Actual yearly values, the expected path, the baseline, the target and the projection at the
    observed pace (``progress``: a row of :func:`warehouse.queries.indicators.indicator_progress`)."""
    if yearly.empty or yearly["value"].isna().all():
        return empty_figure(t("no_data", lang), lang, height=height)
    figure = go.Figure()
    path = yearly.dropna(subset=["path_value"])
    if not path.empty:
        figure.add_trace(
            go.Scatter(
                x=path["year"],
                y=path["path_value"],
                name=t("expected_path", lang),
                mode="lines",
                line={"color": PATH, "dash": "dash", "width": 1.5},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("expected_path", lang) + "</extra>",
            )
        )
    actual = yearly.dropna(subset=["value"])
    figure.add_trace(
        go.Scatter(
            x=actual["year"],
            y=actual["value"],
            name=t("actual", lang),
            mode="lines+markers",
            line={"color": ACTUAL, "width": 2.5},
            marker={"size": 6},
            hovertemplate="%{x}: %{y:,.2f}<extra>" + t("actual", lang) + "</extra>",
        )
    )
    projection = projection_points(progress)
    if projection:
        xs, ys = zip(*projection, strict=True)
        figure.add_trace(
            go.Scatter(
                x=list(xs),
                y=list(ys),
                name=t("projection_line", lang),
                mode="lines",
                line={"color": PROJECTION, "dash": "dot", "width": 2},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("projection_line", lang) + "</extra>",
            )
        )
    if not is_missing(progress.get("base_value")) and not is_missing(progress.get("base_year")):
        figure.add_trace(
            go.Scatter(
                x=[progress["base_year"]],
                y=[progress["base_value"]],
                name=t("baseline", lang),
                mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": PATH},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("baseline", lang) + "</extra>",
            )
        )
    if not is_missing(progress.get("target_value")) and not is_missing(progress.get("target_year")):
        figure.add_trace(
            go.Scatter(
                x=[progress["target_year"]],
                y=[progress["target_value"]],
                name=t("target", lang),
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": TARGET},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("target", lang) + "</extra>",
            )
        )
    figure.update_layout(**base_layout(lang, height=height, hovermode="x unified"))
    figure.update_xaxes(tickformat="d", nticks=9)
    figure.update_yaxes(title={"text": unit} if unit else None)
    return localise(figure, lang)


def projection_points(progress: dict[str, Any]) -> list[tuple[int, float]]:
    """From the latest value at the observed linear pace to the projected year (or the horizon)."""
    latest_year, latest, pace = progress.get("latest_year"), progress.get("latest_value"), progress.get("actual_pace")
    target_year = progress.get("target_year")
    if is_missing(latest_year) or is_missing(latest) or is_missing(pace) or is_missing(target_year):
        return []
    if progress.get("projection") in ("reached", "held", "insufficient_data") or progress.get("status") == "achieved":
        return []
    end = progress.get("projected_year")
    end_year = int(end) if not is_missing(end) else int(target_year)
    end_year = min(max(end_year, int(target_year)), int(target_year) + PROJECTION_HORIZON)
    if end_year <= int(latest_year):
        return []
    return [(int(latest_year), float(latest)), (end_year, float(latest) + float(pace) * (end_year - int(latest_year)))]


def realization_chart(yearly: pd.DataFrame, lang: str, *, height: int = 280) -> go.Figure:
    """A node's (or the plan's) weighted realization per year against the expected realization."""
    if yearly.empty or yearly["realization_pct"].isna().all():
        return empty_figure(t("no_data", lang), lang, height=height)
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=yearly["year"],
            y=yearly["expected_pct"],
            name=t("expected_path", lang),
            mode="lines",
            line={"color": PATH, "dash": "dash"},
            hovertemplate="%{x}: " + percent_template(lang) + "<extra>" + t("expected", lang) + "</extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=yearly["year"],
            y=yearly["realization_pct"],
            name=t("realization", lang),
            mode="lines+markers",
            line={"color": ACTUAL, "width": 2.5},
            fill="tozeroy",
            fillcolor="rgba(0,114,178,0.08)",
            hovertemplate="%{x}: " + percent_template(lang) + "<extra>" + t("realization", lang) + "</extra>",
        )
    )
    figure.update_layout(**base_layout(lang, height=height, hovermode="x unified"))
    figure.update_xaxes(tickformat="d", dtick=1 if yearly["year"].nunique() <= 10 else 2)
    figure.update_yaxes(rangemode="tozero", **percent_ticks(lang))
    return localise(figure, lang)
