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
    # without a numeric target (a direction only, or informational) there is no target year to mark
    no_target = is_missing(progress.get("target_value"))
    target_year = None if no_target else progress.get("target_year")
    path = yearly.dropna(subset=["path_value"])
    if not is_missing(target_year):
        path = path[path["year"] <= int(target_year)]  # the expected path stops at the target year
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
    projection = [] if no_target else projection_points(progress)
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
    mark_target_year(figure, None if is_missing(target_year) else int(target_year), lang)
    return localise(figure, lang)


def mark_target_year(figure: go.Figure, target_year: int | None, lang: str) -> None:
    """A dotted vertical line at the target year, labelled: the charts run on as far as there is data."""
    if target_year is None:
        return
    figure.add_vline(
        x=target_year,
        line={"color": TARGET, "dash": "dot", "width": 1},
        annotation={"text": f"{t('target_year_mark', lang)} {target_year}", "font": {"size": 10, "color": TARGET}},
        annotation_position="top left",
    )


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


def realization_chart(
    yearly: pd.DataFrame, lang: str, *, height: int = 280, target_year: int | None = None
) -> go.Figure:
    """A node's (or the plan's) weighted realization per year against the expected realization, which
    starts at 0 in the base year and stops at the target year (marked when given)."""
    if yearly.empty or yearly["realization_pct"].isna().all():
        return empty_figure(t("no_data", lang), lang, height=height)
    figure = go.Figure()
    expected = yearly.dropna(subset=["expected_pct"])
    figure.add_trace(
        go.Scatter(
            x=expected["year"],
            y=expected["expected_pct"],
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
    # a little room before the base year, so its label does not run into the y axis' 0
    years = (int(yearly["year"].min()) - 0.4, int(yearly["year"].max()) + 0.4)
    figure.update_xaxes(tickformat="d", dtick=1 if yearly["year"].nunique() <= 10 else 2, range=years)
    figure.update_yaxes(rangemode="tozero", **percent_ticks(lang))
    mark_target_year(figure, target_year, lang)
    return localise(figure, lang)
