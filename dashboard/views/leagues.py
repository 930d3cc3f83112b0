"""The leagues of the districts pages: the order of a league (districts or regions), the words that
name it, and the regions' tables.

The league chart's bars are in the order of what they show (realization, or the value in the
indicator's good direction), and its heading says which; the league table keeps the warehouse's
ranking (the value for an indicator, the realization for a goal or the plan: the ranking of its
download) and its caption says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from dash import dcc

from dashboard.components.markup import Markup
from dashboard.components.status import status_badge
from dashboard.components.tables import Column, table, value_decimals
from dashboard.i18n import format_percent, format_value, is_missing, t, title
from dashboard.views.periods import Period
from gosterge.plan import Plan
from gosterge.rounding import PERCENT_DECIMALS
from warehouse.frames import records_of

if TYPE_CHECKING:
    from dashboard.views.districts import DistrictsView


def in_shown_order(league: pd.DataFrame, measure: str, sign: int = 1) -> pd.DataFrame:
    """``league`` best first by ``measure`` ("realization" or "value", times ``sign``: -1 for an
    indicator whose values should fall); areas without it last, ties in the league's order."""
    column = "realization_pct" if measure == "realization" else "value"
    merit = pd.to_numeric(league[column], errors="coerce") * (sign if measure == "value" else 1)
    order = merit.reset_index(drop=True).sort_values(ascending=False, na_position="last", kind="stable").index
    return league.reset_index(drop=True).loc[order].reset_index(drop=True)


def direction_sign(plan: Plan, indicator: str | None) -> int:
    """-1 for an indicator whose values should fall, else 1."""
    return -1 if indicator and plan.indicators[indicator].direction == "decrease" else 1


def chart_heading(measure: str, lang: str, *, regions: bool = False) -> str:
    """ "Districts ranked by realization" (or by value; regions)."""
    return t(f"{'region' if regions else 'league'}_chart_{measure}", lang)


def table_caption(by_value: bool, lang: str, name: str | None = None) -> str:
    """What the league table's rank follows, the value (an indicator) or the realization, after the
    table's ``name`` (when its section has another heading): "İlçe sıralaması, değere göre (iyi yönde)",
    "Sıra gerçekleşmeye göre"."""
    order = t("league_order_value" if by_value else "league_order_realization", lang)
    if name is None:
        return t("league_order_caption", lang, order=order)
    return t("league_caption", lang, name=name, order=order)


def region_league_table(
    league: pd.DataFrame,
    view: DistrictsView,
    unit: str,
    lang: str,
    period: Period | None = None,
    *,
    named: bool = False,
) -> Markup:
    """Regions ranked best first; each name opens the region (its districts). A past year has
    that year's expected realization instead of the status (assessed for the latest data only)."""
    past = period is not None and period.past
    columns: list[Column] = [
        (t("rank", lang), lambda r: "–" if is_missing(r["rank"]) else int(r["rank"]), "num"),
        (
            t("region", lang),
            lambda r: dcc.Link(title(r, lang, "name"), href=view.href(level=None, region=r["area_code"])),
            "",
        ),
    ]
    if view.indicator:
        header = t("value_in_year", lang, year=period.year) if past and period else t("latest_value", lang)
        columns.append(
            (
                f"{header}{f' ({unit})' if unit else ''}",
                lambda r: format_value(r["value"], lang, value_decimals(r)),
                "num",
            )
        )
    columns += [
        (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("expected", lang), lambda r: format_percent(r["expected_pct"], lang), "num")
        if past
        else (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
        (
            t("gap_to_best", lang),
            lambda r: format_value(r["gap_to_best"], lang, value_decimals(r, PERCENT_DECIMALS)),
            "num",
        ),
    ]
    return table(
        columns,
        records_of(league),
        # named when the section has another heading (the equity view), else the order only
        caption=table_caption(bool(view.indicator), lang, t("region_league", lang) if named else None),
        row_key="area_code",
        class_name="league-table region-league",
    )


def regions_table(regions: Any, lang: str, period: Period, decimals: int) -> Any:
    columns: list[Column] = [
        (t("rank", lang), lambda r: "–" if is_missing(r["rank"]) else int(r["rank"]), "num"),
        (t("region", lang), lambda r: title(r, lang, "name"), ""),
        (
            t("value_in_year", lang, year=period.year) if period.past else t("latest_value", lang),
            lambda r: format_value(r["value"], lang, decimals),  # to the indicator's precision
            "num",
        ),
        (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("expected", lang), lambda r: format_percent(r["expected_pct"], lang), "num")
        if period.past
        else (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
    ]
    return table(columns, records_of(regions), row_key="area_code", class_name="region-table")
