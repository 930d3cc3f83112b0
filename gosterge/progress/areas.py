"""Areas: district values rolled up to regions and the province, and district targets.

Roll-up of district values (per year, by the indicator's ``aggregation``):

- ``sum``: only years in which every district of the group has a value (a
  partial sum would look like a fall); for ``cumulative`` indicators (yearly
  deliveries) the deliveries reported that year, so that the area's running
  total is the sum of its districts' running totals;
- ``mean``: the plain mean of the districts with a value, when at least half
  of them have one;
- ``population_weighted_mean``: as ``mean``, weighted by each district's
  population that year (or its nearest earlier year); falls back to the plain
  mean, flagged, when populations are missing.

A measured province value always wins over the roll-up for that year.

District targets: plan targets are set for the province. For ``sum``
indicators a district keeps the province's relative change
(target_d = base_d × Y / A); for rates (``mean``, ``population_weighted_mean``)
every district shares the province's target value, its interim targets keep
the province's share of the way, and a district already at or past the target
in its base year has to hold its level (it is judged like a maintain-type
indicator, on the side its direction asks for).
"""

from __future__ import annotations

from gosterge.plan.model import Indicator, YearValue
from gosterge.progress.indicator import AreaTarget
from gosterge.progress.status import target_met

Series = dict[int, float]


def population_at(population: Series | None, year: int) -> float | None:
    """The population of ``year``, or of the nearest earlier (else later) year."""
    if not population:
        return None
    earlier = [y for y in population if y <= year]
    chosen = max(earlier) if earlier else min(population)
    return population[chosen]


def roll_up(
    indicator: Indicator,
    district_series: dict[str, Series],
    district_codes: list[str],
    populations: dict[str, Series] | None = None,
) -> tuple[Series, bool]:
    """Combine the series of ``district_codes``; returns (series, population_fallback_used)."""
    years = sorted({year for code in district_codes for year in district_series.get(code, {})})
    combined: Series = {}
    fallback = False
    for year in years:
        present = {
            code: district_series[code][year] for code in district_codes if year in district_series.get(code, {})
        }
        if indicator.aggregation == "sum":
            # deliveries add up whatever is reported: the area's running total stays the sum of
            # its districts' running totals (a district's unreported year adds nothing to either)
            if len(present) == len(district_codes) or (indicator.measure == "cumulative" and present):
                combined[year] = sum(present.values())
            continue
        if len(present) * 2 < len(district_codes) or not present:
            continue
        if indicator.aggregation == "population_weighted_mean":
            weights = {code: population_at((populations or {}).get(code), year) for code in present}
            if all(weight for weight in weights.values()):
                total = sum(weights[code] or 0.0 for code in present)
                combined[year] = sum(present[code] * (weights[code] or 0.0) for code in present) / total
                continue
            fallback = True
        combined[year] = sum(present.values()) / len(present)
    return combined, fallback


def _target(indicator: Indicator) -> YearValue:
    """The numeric target (only indicators assessed against a target reach this module's targets)."""
    assert indicator.target is not None, f"{indicator.code} has no numeric target"
    return indicator.target


def province_target(indicator: Indicator) -> AreaTarget:
    return AreaTarget(
        indicator.baseline.year,
        indicator.baseline.value,
        _target(indicator).year,
        _target(indicator).value,
        dict(indicator.interim_targets),
    )


def sub_area_target(indicator: Indicator, series: Series, share_of_districts: float) -> AreaTarget:
    """Base and target for a district or region, from its own base value.

    ``share_of_districts`` (the area's share of the plan's districts) splits a
    ``sum`` target when the area has no base value to scale it by (cumulative
    deliveries start from zero).
    """
    base_year = indicator.baseline.year
    base_value = series.get(base_year)
    if indicator.measure == "cumulative":
        base_value = 0.0
    elif base_value is None:
        later = [year for year in series if year > base_year]
        base_value = series[min(later)] if later else None
    if indicator.aggregation != "sum":
        return _shared_target(indicator, base_year, base_value)
    province_base = indicator.baseline.value
    if base_value is None or base_value == 0 or province_base == 0:
        factor = share_of_districts
    else:
        factor = base_value / province_base
    return AreaTarget(
        base_year,
        base_value,
        _target(indicator).year,
        _target(indicator).value * factor,
        {year: value * factor for year, value in indicator.interim_targets.items()},
    )


def _shared_target(indicator: Indicator, base_year: int, base_value: float | None) -> AreaTarget:
    """Rates share the province's target value. The interim targets keep the province's share of the
    way (an area starting elsewhere is expected as far along its own way, not at the province's interim
    values); an area already at or past the target in its base year has to hold its level."""
    target = _target(indicator).value
    if base_value is None or indicator.direction == "maintain":
        return AreaTarget(base_year, base_value, _target(indicator).year, target, dict(indicator.interim_targets))
    if target_met(base_value, target, indicator.direction):
        return AreaTarget(base_year, base_value, _target(indicator).year, base_value, {})
    province_way = target - indicator.baseline.value
    interim = (
        {
            year: base_value + (value - indicator.baseline.value) / province_way * (target - base_value)
            for year, value in indicator.interim_targets.items()
        }
        if province_way
        else {}
    )
    return AreaTarget(base_year, base_value, _target(indicator).year, target, interim)
