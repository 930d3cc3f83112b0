"""The region step on a map (plans with regions, e.g. Balıkesir): districts coloured by their region,
clicks that open the region, a region's tiles, and the league of one region's districts. Pure
builders: data in, frames or figures out (the page is :mod:`dashboard.views.regions`)."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.alternative import Chart
from dashboard.geography.figures import map_alternative
from dashboard.i18n import title
from gosterge.plan import Plan
from warehouse.frames import records_of


def region_colouring(plan: Plan, region_values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per district carrying its region's values (for a map drawn with district shapes)."""
    by_region = {row["area_code"]: row for row in records_of(region_values)}
    rows = []
    for code, district in plan.districts.items():
        region = by_region.get(district.region or "", {})
        name = title(plan.regions[district.region], lang, "name") if district.region in plan.regions else "–"
        rows.append(
            {
                "area_code": code,
                "name_tr": f"{name} ({district.name})",
                "name_en": f"{name} ({district.name})",
                "region_code": district.region,
                "value": region.get("value"),
                "latest_year": region.get("latest_year"),
                "realization_pct": region.get("realization_pct"),
                "status": region.get("status", "not_available"),
                "trend": region.get("trend", "none"),
                "is_demo": bool(region.get("is_demo", False)),
            }
        )
    return pd.DataFrame(rows)


def clicks_open_regions(
    chart: Chart, plan: Plan, region_values: pd.DataFrame, lang: str, *, measure: str, unit: str, decimals: int
) -> Chart:
    """Point every shape's click data at its region rather than its district; the map's text
    alternative then speaks of the regions (``region_values``), one row per region."""
    figure = chart.figure
    for trace in figure.data:
        if trace.customdata is None:
            continue
        trace.customdata = [[plan.districts[str(row[0])].region or str(row[0])] for row in trace.customdata]
    axis = "z" if any(trace.type == "choropleth" for trace in figure.data) else "marker.color"
    text = map_alternative(region_values, lang, measure=measure, unit=unit, decimals=decimals, axis=axis, regions=True)
    return Chart(figure, text)


def within_region(
    league: pd.DataFrame, members: list[str], sign: int = 1, measure: str = "realization"
) -> pd.DataFrame:
    """The district league of one region: ranks and the gap to the best among its districts only."""
    frame = league[league["area_code"].isin(members)].copy()
    merit = pd.to_numeric(frame["value"] if measure == "value" else frame["realization_pct"], errors="coerce") * sign
    frame["merit"] = merit
    frame = frame.sort_values("merit", ascending=False, na_position="last")
    frame["rank"] = frame["merit"].rank(ascending=False, method="min")
    frame["gap_to_best"] = (frame["merit"].max() - frame["merit"]).abs()
    return frame.drop(columns=["merit"]).reset_index(drop=True)
