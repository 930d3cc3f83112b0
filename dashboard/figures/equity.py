"""Equity: how districts compare on one indicator, and whether the gap between them narrows."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.components.status import STATUS_ICONS, status_colour
from dashboard.figures.common import base_layout, empty_figure, localise, percent_ticks
from dashboard.i18n import column_in_language, format_number, format_percent, is_missing, status_label, t

#: relative change of the coefficient of variation (first to last year) that counts as a change
SPREAD_TOLERANCE = 0.05


#: a league with more districts than this draws its best and worst halves of it
LEAGUE_BARS = 40


#: the bars of a past year's league and the mark at its expected realization: Okabe-Ito colours that
#: are not status colours (a past year has no status)
PAST_COLOUR = "#56B4E9"
EXPECTED_COLOUR = "#CC79A7"


def league_chart(
    league: pd.DataFrame,
    lang: str,
    *,
    measure: str = "value",
    unit: str = "",
    province_value: float | None = None,
    height_per_row: int = 18,
    max_bars: int = LEAGUE_BARS,
    past_year: int | None = None,
) -> go.Figure:
    """Horizontal bars, best district on top, coloured by status (the status is in the hover text too).
    Past ``max_bars`` districts only the best and the worst halves are drawn. For a ``past_year``
    (no status) the bars have one colour, the hover gives that year's expected realization, and
    realization bars carry a mark at it."""
    column = "realization_pct" if measure == "realization" else "value"
    frame = league.dropna(subset=[column])
    if len(frame) > max_bars:
        frame = pd.concat([frame.head(max_bars // 2), frame.tail(max_bars // 2)])
    if frame.empty:
        return empty_figure(t("no_data", lang), lang)
    names = column_in_language(frame, "name", lang)
    records = frame.to_dict("records")
    if past_year is None:
        hover = [
            f"<b>{name}</b><br>{format_percent(row['realization_pct'], lang)} · "
            f"{format_number(row['value'], lang, 2)} {unit}<br>{STATUS_ICONS.get(row['status'], '?')} "
            f"{status_label(row['status'], lang)}"
            for name, row in zip(names, records, strict=True)
        ]
        colours = [status_colour(status) for status in frame["status"]]
    else:
        hover = [
            f"<b>{name}</b> ({past_year})<br>{format_percent(row['realization_pct'], lang)} · "
            f"{format_number(row['value'], lang, 2)} {unit}<br>"
            f"{t('expected', lang)}: {format_percent(row.get('expected_pct'), lang)}"
            for name, row in zip(names, records, strict=True)
        ]
        colours = [PAST_COLOUR] * len(frame)
    figure = go.Figure(
        go.Bar(
            x=frame[column],
            y=names,
            orientation="h",
            customdata=frame[["area_code"]],
            marker={"color": colours, "line": {"color": "#333", "width": 0.5}},
            hovertext=hover,
            hoverinfo="text",
            name=t("district", lang),
            showlegend=False,
        )
    )
    if past_year is not None and measure == "realization" and "expected_pct" in frame:
        figure.add_trace(
            go.Scatter(
                x=frame["expected_pct"],
                y=names,
                mode="markers",
                name=t("expected", lang),
                hoverinfo="skip",
                marker={"symbol": "line-ns-open", "size": 14, "color": EXPECTED_COLOUR, "line": {"width": 3}},
            )
        )
    if province_value is not None and not is_missing(province_value):
        figure.add_vline(
            x=province_value,
            line={"color": "#000", "dash": "dash", "width": 1.5},
            annotation_text=t("province", lang),
            annotation_position="top",
        )
    height = max(240, 60 + height_per_row * len(frame))
    figure.update_layout(**base_layout(lang, height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, bargap=0.15))
    if len(figure.data) > 1:  # the expected mark's legend below the axis, clear of the province's label
        figure.update_layout(
            height=height + 30,
            margin={"b": 45},
            legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        )
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    if measure == "realization":
        figure.update_xaxes(**percent_ticks(lang))
    return localise(figure, lang)


def spread_chart(
    spread: pd.DataFrame, lang: str, *, unit: str = "", height: int = 280, year: int | None = None
) -> go.Figure:
    """Lowest–highest band and mean across districts per year, with the coefficient of variation
    on a second axis (scale-free, so growth alone does not look like a widening gap); a line marks
    ``year``, the year the rest of the view shows."""
    if spread.empty:
        return empty_figure(t("spread_unknown", lang), lang, height=height)
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=spread["year"], y=spread["maximum"], mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip"
        )
    )
    figure.add_trace(
        go.Scatter(
            x=spread["year"],
            y=spread["minimum"],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(86,180,233,0.35)",
            name=t("spread_range", lang),
            hovertemplate="%{x}: %{y:,.2f}<extra>min</extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=spread["year"],
            y=spread["mean"],
            mode="lines+markers",
            name="Ø",
            line={"color": "#0072B2"},
            hovertemplate="%{x}: %{y:,.2f}<extra>Ø</extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=spread["year"],
            y=spread["variation"],
            mode="lines+markers",
            yaxis="y2",
            name=t("variation", lang),
            line={"color": "#D55E00", "dash": "dot"},
            hovertemplate="%{x}: %{y:.3f}<extra>CV</extra>",
        )
    )
    figure.update_layout(
        **base_layout(
            lang,
            height=height,
            yaxis2={
                "overlaying": "y",
                "side": "right",
                "showgrid": False,
                "rangemode": "tozero",
                "title": {"text": "CV"},
            },
        )
    )
    figure.update_yaxes(title={"text": unit} if unit else None, selector={"side": None})
    figure.update_xaxes(tickformat="d")
    if year is not None and year in set(spread["year"]):
        figure.add_vline(
            x=year,
            line={"color": "#555", "dash": "dot", "width": 1.5},
            annotation_text=str(year),
            annotation_position="bottom right",
        )
    return localise(figure, lang)


#: the message catalogue's key for each verdict of :func:`spread_verdict`
VERDICT_KEYS = {"narrowing": "narrowing", "widening": "widening", "steady": "steady", "unknown": "spread_unknown"}


def spread_verdict(spread: pd.DataFrame) -> str:
    """'narrowing', 'widening', 'steady' or 'unknown', from the coefficient of variation of the
    first and last years with one (fewer than two such years: 'unknown')."""
    usable = spread.dropna(subset=["variation"]) if not spread.empty else spread
    if usable is None or len(usable) < 2:
        return "unknown"
    first, last = float(usable["variation"].iloc[0]), float(usable["variation"].iloc[-1])
    if first == 0:
        return "widening" if last > 0 else "steady"
    change = (last - first) / first
    if change < -SPREAD_TOLERANCE:
        return "narrowing"
    if change > SPREAD_TOLERANCE:
        return "widening"
    return "steady"
