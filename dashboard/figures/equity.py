"""Equity: how districts compare on one indicator, and whether the gap between them narrows."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.components.status import STATUS_ICONS, status_colour
from dashboard.components.tables import value_decimals
from dashboard.figures.alternative import Chart, DataColumn, TextAlternative, alternative, empty_chart
from dashboard.figures.common import base_layout, localise, new_figure, percent_ticks, trace, vertical_line
from dashboard.i18n import (
    column_in_language,
    format_number,
    format_percent,
    format_value,
    is_missing,
    status_label,
    t,
)
from gosterge.rounding import RATIO_DECIMALS
from warehouse.frames import records_of

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
    area_label: str | None = None,
) -> Chart:
    """Horizontal bars, best district on top, coloured by status (the status is in the hover text too).
    Past ``max_bars`` districts only the best and the worst halves are drawn. For a ``past_year``
    (no status) the bars have one colour, the hover gives that year's expected realization, and
    realization bars carry a mark at it. The table of its text alternative heads the areas with
    ``area_label`` (default: district)."""
    column = "realization_pct" if measure == "realization" else "value"
    ranked = league.dropna(subset=[column])
    frame = ranked
    if len(frame) > max_bars:
        frame = pd.concat([frame.head(max_bars // 2), frame.tail(max_bars // 2)])
    if frame.empty:
        return empty_chart(lang, height=240)
    names = column_in_language(frame, "name", lang)
    records = records_of(frame)
    decimals = value_decimals(records[0])
    if past_year is None:
        hover = [
            f"<b>{name}</b><br>{format_percent(row['realization_pct'], lang)} · "
            f"{format_value(row['value'], lang, decimals)} {unit}<br>{STATUS_ICONS.get(row['status'], '?')} "
            f"{status_label(row['status'], lang)}"
            for name, row in zip(names, records, strict=True)
        ]
        colours = [status_colour(status) for status in frame["status"]]
    else:
        hover = [
            f"<b>{name}</b> ({past_year})<br>{format_percent(row['realization_pct'], lang)} · "
            f"{format_value(row['value'], lang, decimals)} {unit}<br>"
            f"{t('expected', lang)}: {format_percent(row.get('expected_pct'), lang)}"
            for name, row in zip(names, records, strict=True)
        ]
        colours = [PAST_COLOUR] * len(frame)
    figure = new_figure(
        trace(
            "bar",
            x=frame[column],
            y=names,
            orientation="h",
            customdata=frame[["area_code"]],
            marker={"color": colours, "line": {"color": "#333", "width": 0.5}},
            hovertext=hover,
            hoverinfo="text",
            name=t("district", lang),
            uid="league",
            showlegend=False,
        )
    )
    if past_year is not None and measure == "realization" and "expected_pct" in frame:
        figure.add_trace(
            trace(
                "scatter",
                x=frame["expected_pct"],
                y=names,
                mode="markers",
                name=t("expected", lang),
                uid="expected",
                customdata=frame[["area_code"]],
                hoverinfo="skip",
                marker={"symbol": "line-ns-open", "size": 14, "color": EXPECTED_COLOUR, "line": {"width": 3}},
            )
        )
    if province_value is not None and not is_missing(province_value):
        vertical_line(
            figure,
            province_value,
            line={"color": "#000", "dash": "dash", "width": 1.5},
            label=t("province", lang),
            position="top",
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
    text = _league_alternative(
        frame, names, lang, measure=measure, unit=unit, total=len(ranked), past_year=past_year, area_label=area_label
    )
    if province_value is not None and not is_missing(province_value):
        shown = _league_value(province_value, measure, value_decimals(frame.iloc[0].to_dict()), unit, lang)
        text = TextAlternative(
            f"{text.summary} {t('chart.province_line', lang, value=shown)}", text.key_header, text.columns, text.rows
        )
    return Chart(localise(figure, lang), text)


def _league_value(value: Any, measure: str, decimals: int, unit: str, lang: str) -> str:
    if measure == "realization":
        return format_percent(value, lang)
    return f"{format_value(value, lang, decimals)} {unit}".strip()


def _league_alternative(
    frame: pd.DataFrame,
    names: list[str],
    lang: str,
    *,
    measure: str,
    unit: str,
    total: int,
    past_year: int | None,
    area_label: str | None,
) -> TextAlternative:
    """The league in words (first and last, how many) and as a table: value, realization and the
    status (the expected realization in a past year) of every area drawn."""
    records = records_of(frame)
    decimals = value_decimals(records[0])
    value_header = f"{t('value', lang)} ({unit})" if unit else t("value", lang)
    by_realization = measure == "realization"
    columns = [
        DataColumn(t("realization", lang), "league" if by_realization else None, "x"),
        DataColumn(value_header, None if by_realization else "league", "x"),
    ]
    if by_realization:
        columns.reverse()
    if past_year is None:
        columns.append(DataColumn(t("status", lang)))
    else:
        columns.append(DataColumn(t("expected", lang), "expected" if by_realization else None, "x"))
    rows = []
    for name, row in zip(names, records, strict=True):
        cells = [format_percent(row["realization_pct"], lang), format_value(row["value"], lang, decimals)]
        if by_realization:
            cells.reverse()
        cells.append(
            status_label(row["status"], lang) if past_year is None else format_percent(row.get("expected_pct"), lang)
        )
        rows.append((row["area_code"], name, cells))
    column = "realization_pct" if by_realization else "value"
    summary = t(
        "chart.league",
        lang,
        count=format_number(total, lang, 0),
        first_name=names[0],
        first=_league_value(records[0][column], measure, decimals, unit, lang),
        last_name=names[-1],
        last=_league_value(records[-1][column], measure, decimals, unit, lang),
    )
    if total > len(records):
        summary += " " + t("chart.league_cut", lang, total=format_number(total, lang, 0), half=len(records) // 2)
    return alternative(summary, area_label or t("district", lang), columns, rows)


def spread_chart(
    spread: pd.DataFrame,
    lang: str,
    *,
    unit: str = "",
    height: int = 280,
    year: int | None = None,
    decimals: int = 2,
) -> Chart:
    """Lowest–highest band and mean across districts per year, with the coefficient of variation
    on a second axis (scale-free, so growth alone does not look like a widening gap); a line marks
    ``year``, the year the rest of the view shows. Its table gives the values to ``decimals`` (the
    indicator's precision)."""
    if spread.empty:
        return empty_chart(lang, message=t("spread_unknown", lang), height=height)
    figure = new_figure()
    figure.add_trace(
        trace(
            "scatter",
            x=spread["year"],
            y=spread["maximum"],
            mode="lines",
            line={"width": 0},
            showlegend=False,
            hoverinfo="skip",
            name=t("chart.highest", lang),
            uid="maximum",
        )
    )
    figure.add_trace(
        trace(
            "scatter",
            x=spread["year"],
            y=spread["minimum"],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(86,180,233,0.35)",
            name=t("spread_range", lang),
            uid="minimum",
            hovertemplate="%{x}: %{y:,.2f}<extra>" + t("chart.lowest", lang) + "</extra>",
        )
    )
    figure.add_trace(
        trace(
            "scatter",
            x=spread["year"],
            y=spread["mean"],
            mode="lines+markers",
            name=t("chart.mean", lang),
            uid="mean",
            line={"color": "#0072B2"},
            hovertemplate="%{x}: %{y:,.2f}<extra>" + t("chart.mean", lang) + "</extra>",
        )
    )
    figure.add_trace(
        trace(
            "scatter",
            x=spread["year"],
            y=spread["variation"],
            mode="lines+markers",
            yaxis="y2",
            name=t("variation", lang),
            uid="variation",
            line={"color": "#D55E00", "dash": "dot"},
            hovertemplate="%{x}: %{y:.2f}<extra>" + t("variation", lang) + "</extra>",
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
                "title": {"text": t("variation", lang)},
                # its own round ticks (an overlaying axis follows the left one's grid by default: 0,120212),
                # to the ratios' two decimals
                "tickmode": "auto",
                "tickformat": f".{RATIO_DECIMALS}~f",
            },
        )
    )
    figure.update_yaxes(title={"text": unit} if unit else None, selector={"side": None})
    figure.update_xaxes(tickformat="d")
    if year is not None and year in set(spread["year"]):
        vertical_line(
            figure,
            year,
            line={"color": "#555", "dash": "dot", "width": 1.5},
            label=str(year),
            position="bottom right",
        )
    return Chart(localise(figure, lang), _spread_alternative(spread, lang, unit, decimals))


def _spread_alternative(spread: pd.DataFrame, lang: str, unit: str, decimals: int) -> TextAlternative:
    """The spread in words (the last year's lowest, highest and mean, how the variation moved) and by year."""

    def value(number: Any) -> str:
        return format_value(number, lang, decimals)

    def ratio(number: Any) -> str:
        return format_value(number, lang, RATIO_DECIMALS)

    last = spread.iloc[-1]
    variation = spread["variation"].dropna()
    summary = t(
        "chart.spread",
        lang,
        first=int(spread["year"].min()),
        last=int(spread["year"].max()),
        year=int(last["year"]),
        lowest=f"{value(last['minimum'])} {unit}".strip(),
        highest=f"{value(last['maximum'])} {unit}".strip(),
        mean=f"{value(last['mean'])} {unit}".strip(),
        first_variation=ratio(variation.iloc[0] if len(variation) else None),
        last_variation=ratio(variation.iloc[-1] if len(variation) else None),
    )
    columns = [
        DataColumn(t("chart.lowest", lang), "minimum"),
        DataColumn(t("chart.highest", lang), "maximum"),
        DataColumn(t("chart.mean", lang), "mean"),
        DataColumn(t("variation", lang), "variation"),
    ]
    rows = [
        (
            int(row["year"]),
            str(int(row["year"])),
            [value(row["minimum"]), value(row["maximum"]), value(row["mean"]), ratio(row["variation"])],
        )
        for row in records_of(spread)
    ]
    return alternative(summary, t("year", lang), columns, rows)


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
