"""Progress charts: an indicator against its path and target, a node's realization against expected."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.components.tables import value_decimals
from dashboard.figures.alternative import Chart, DataColumn, TextAlternative, alternative, empty_chart
from dashboard.figures.common import (
    base_layout,
    localise,
    new_figure,
    percent_template,
    percent_ticks,
    trace,
    vertical_line,
)
from dashboard.figures.plain import Figure
from dashboard.i18n import format_percent, format_value, is_missing, t
from warehouse.frames import records_of

ACTUAL = "#0072B2"
PATH = "#555555"
TARGET = "#D55E00"
PROJECTION = "#E69F00"

#: how far past the target year a projection is drawn at most
PROJECTION_HORIZON = 6


def indicator_chart(
    yearly: pd.DataFrame, progress: dict[str, Any], lang: str, *, unit: str = "", height: int = 300
) -> Chart:
    """Actual yearly values, the expected path, the baseline, the target and the projection at the
    observed pace (``progress``: a row of :func:`warehouse.queries.indicators.indicator_progress`),
    and the same in words and as a table, the values to the indicator's precision."""
    if yearly.empty or yearly["value"].isna().all():
        return empty_chart(lang, height=height)
    figure = new_figure()
    # without a numeric target (a direction only, or informational) there is no target year to mark
    no_target = is_missing(progress.get("target_value"))
    target_year = None if no_target else progress.get("target_year")
    path = yearly.dropna(subset=["path_value"])
    if not is_missing(target_year):
        path = path[path["year"] <= int(target_year)]  # the expected path stops at the target year
    if not path.empty:
        figure.add_trace(
            trace(
                "scatter",
                x=path["year"],
                y=path["path_value"],
                name=t("expected_path", lang),
                uid="path",
                mode="lines",
                line={"color": PATH, "dash": "dash", "width": 1.5},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("expected_path", lang) + "</extra>",
            )
        )
    actual = yearly.dropna(subset=["value"])
    figure.add_trace(
        trace(
            "scatter",
            x=actual["year"],
            y=actual["value"],
            name=t("actual", lang),
            uid="actual",
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
            trace(
                "scatter",
                x=list(xs),
                y=list(ys),
                name=t("projection_line", lang),
                uid="projection",
                legendrank=1001,  # the longest entry last in the legend, in a row of its own on a phone
                mode="lines",
                line={"color": PROJECTION, "dash": "dot", "width": 2},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("projection_line", lang) + "</extra>",
            )
        )
    if not is_missing(progress.get("base_value")) and not is_missing(progress.get("base_year")):
        figure.add_trace(
            trace(
                "scatter",
                x=[progress["base_year"]],
                y=[progress["base_value"]],
                name=t("baseline", lang),
                uid="baseline",
                mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": PATH},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("baseline", lang) + "</extra>",
            )
        )
    if not is_missing(progress.get("target_value")) and not is_missing(progress.get("target_year")):
        figure.add_trace(
            trace(
                "scatter",
                x=[progress["target_year"]],
                y=[progress["target_value"]],
                name=t("target", lang),
                uid="target",
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": TARGET},
                hovertemplate="%{x}: %{y:,.2f}<extra>" + t("target", lang) + "</extra>",
            )
        )
    # a smaller legend above the plot, two entries a row where one row does not hold them: a legend given
    # here takes nothing from the template, and without the orientation it stood one entry a row (four
    # or five rows on a phone, two or three now)
    legend = {"font": {"size": 11}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
    legend |= {"entrywidth": 0.5, "entrywidthmode": "fraction"}
    figure.update_layout(**base_layout(lang, height=height, hovermode="x unified", legend=legend))
    figure.update_xaxes(tickformat="d", nticks=9)
    figure.update_yaxes(title={"text": unit} if unit else None)
    mark_target_year(figure, None if is_missing(target_year) else int(target_year), lang)
    return Chart(localise(figure, lang), _indicator_alternative(actual, path, projection, progress, lang, unit))


def _indicator_alternative(
    actual: pd.DataFrame,
    path: pd.DataFrame,
    projection: list[tuple[int, float]],
    progress: dict[str, Any],
    lang: str,
    unit: str,
) -> TextAlternative:
    """The indicator chart in words (latest, baseline, target, projection) and as a table by year."""
    decimals = value_decimals(progress)

    def value(number: Any) -> str:
        return format_value(number, lang, decimals)

    def with_unit(number: Any) -> str:
        return f"{value(number)} {unit}".strip()

    years = [int(year) for year in actual["year"]]
    latest = actual.iloc[-1]
    sentences = [
        t("chart.indicator", lang, first=years[0], last=years[-1], year=years[-1], latest=with_unit(latest["value"]))
    ]
    for key, value_field, year_field in (
        ("baseline", "base_value", "base_year"),
        ("target", "target_value", "target_year"),
    ):
        if not is_missing(progress.get(value_field)) and not is_missing(progress.get(year_field)):
            number, year = progress[value_field], int(progress[year_field])
            sentences.append(t(f"chart.{key}", lang, value=with_unit(number), year=year))
    if projection:
        sentences.append(t("chart.projection", lang, year=projection[-1][0], value=with_unit(projection[-1][1])))
    series = {
        "actual": dict(zip(actual["year"].astype(int), actual["value"], strict=True)),
        "path": dict(zip(path["year"].astype(int), path["path_value"], strict=True)),
        "projection": dict(projection),
    }
    columns = [DataColumn(f"{t('actual', lang)} ({unit})" if unit else t("actual", lang), "actual")]
    if series["path"]:
        columns.append(DataColumn(t("expected_path", lang), "path"))
    if projection:
        columns.append(DataColumn(t("projection_line", lang), "projection"))
    rows = [
        (year, str(year), [value(series[column.trace or ""].get(year)) for column in columns])
        for year in sorted(set().union(*(series[column.trace or ""] for column in columns)))
    ]
    return alternative(" ".join(sentences), t("year", lang), columns, rows)


def mark_target_year(figure: Figure, target_year: int | None, lang: str) -> None:
    """A dotted vertical line at the target year, labelled: the charts run on as far as there is data."""
    if target_year is None:
        return
    vertical_line(
        figure,
        target_year,
        line={"color": TARGET, "dash": "dot", "width": 1},
        label=f"{t('target_year_mark', lang)} {target_year}",
        position="top left",
        font={"size": 10, "color": TARGET},
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


def realization_chart(yearly: pd.DataFrame, lang: str, *, height: int = 280, target_year: int | None = None) -> Chart:
    """A node's (or the plan's) weighted realization per year against the expected realization, which
    starts at 0 in the base year and stops at the target year (marked when given); in words and as a
    table by year."""
    if yearly.empty or yearly["realization_pct"].isna().all():
        return empty_chart(lang, height=height)
    figure = new_figure()
    expected = yearly.dropna(subset=["expected_pct"])
    figure.add_trace(
        trace(
            "scatter",
            x=expected["year"],
            y=expected["expected_pct"],
            name=t("expected_path", lang),
            uid="expected",
            mode="lines",
            line={"color": PATH, "dash": "dash"},
            hovertemplate="%{x}: " + percent_template(lang) + "<extra>" + t("expected", lang) + "</extra>",
        )
    )
    figure.add_trace(
        trace(
            "scatter",
            x=yearly["year"],
            y=yearly["realization_pct"],
            name=t("realization", lang),
            uid="realization",
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
    return Chart(localise(figure, lang), _realization_alternative(yearly, lang))


def _realization_alternative(yearly: pd.DataFrame, lang: str) -> TextAlternative:
    """Realization against expected: the latest year in a sentence, every year in the table."""
    measured = yearly.dropna(subset=["realization_pct"])
    latest = measured.iloc[-1]
    summary = t(
        "chart.realization",
        lang,
        first=int(yearly["year"].min()),
        last=int(yearly["year"].max()),
        year=int(latest["year"]),
        realization=format_percent(latest["realization_pct"], lang),
        expected=format_percent(latest["expected_pct"], lang),
    )
    columns = [DataColumn(t("realization", lang), "realization"), DataColumn(t("expected_path", lang), "expected")]
    rows = [
        (
            int(row["year"]),
            str(int(row["year"])),
            [format_percent(row["realization_pct"], lang), format_percent(row["expected_pct"], lang)],
        )
        for row in records_of(yearly)
    ]
    return alternative(summary, t("year", lang), columns, rows)
