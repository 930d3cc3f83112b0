"""The summary of one region: its realization headline against the province (a pure builder)."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.attributes import attributes
from dashboard.components.common import headline
from dashboard.i18n import format_percent, format_value, is_missing, t


def region_headline(
    row: dict[str, Any],
    province_value: Any,
    measure: str,
    unit: str,
    lang: str,
    members: int,
    *,
    decimals: int,
    past: bool = False,
) -> html.Div:
    """The region's realization (status and trend for the latest data), its value, the province's
    figure beside it and the number of its districts; values at the indicator's precision
    (``decimals``), percentages as every page writes them."""
    shown = (
        format_percent(province_value, lang)
        if measure == "realization"
        else f"{format_value(province_value, lang, decimals)} {unit}".strip()
    )
    latest = row.get("latest_value", row.get("value"))
    value = (
        ""
        if measure == "realization" or is_missing(latest)
        else f"{t('latest_value', lang)}: {format_value(latest, lang, decimals)} {unit}".strip()
    )
    return html.Div(
        [
            headline(
                row.get("realization_pct"),
                row.get("expected_pct"),
                None if past else row.get("status", "not_available"),
                None if past else row.get("trend", "none"),
                lang,
                caption=t("realization", lang),
            ),
            html.P(
                [
                    value,
                    html.Br() if value else None,
                    f"{t('province', lang)}: {shown}",
                    html.Br(),
                    t("region_members_count", lang, count=members),
                ],
                className="small text-muted region-facts",
            ),
        ],
        className="region-summary",
        **attributes(data_section="region-summary"),
    )
