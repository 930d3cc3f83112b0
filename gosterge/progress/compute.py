"""A plan's progress: every indicator in every area, and every roll-up; or, given a
:class:`~gosterge.progress.scope.Scope`, only the part of it a load can change (see
:mod:`gosterge.progress.scope`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from gosterge.plan.model import Indicator, Plan
from gosterge.progress import areas, rollup
from gosterge.progress import status as formulas
from gosterge.progress.direction import evaluate_without_target
from gosterge.progress.indicator import evaluate
from gosterge.progress.results import IndicatorResult, NodeResult, YearPoint
from gosterge.progress.scope import Area, Scope, StoredProgress

PROVINCE = "province"
REGION = "region"
DISTRICT = "district"

#: (indicator code, area level, area code) → {year: value}
MeasuredSeries = dict[tuple[str, str, str], dict[int, float]]


@dataclass
class PlanProgress:
    indicators: list[IndicatorResult] = field(default_factory=list)
    nodes: list[NodeResult] = field(default_factory=list)
    indicator_years: list[YearPoint] = field(default_factory=list)
    node_years: list[YearPoint] = field(default_factory=list)


def compute_plan(
    plan: Plan,
    measured: MeasuredSeries,
    *,
    evaluation_year: int,
    coverage_floor: float = 0.5,
    cap_realization: bool = True,
    scope: Scope | None = None,
    stored: StoredProgress | None = None,
) -> PlanProgress:
    """Evaluate every indicator of ``plan`` in every area, then roll up every node.

    With a ``scope``, only its indicator results and roll-ups are computed (``measured`` needs the series
    of its indicators, and the population series); the roll-ups read the other results they combine from
    ``stored``. The results are the same as those of the whole plan's computation for those keys.
    """
    progress = PlanProgress()
    populations = _district_series(plan, measured, plan.population_indicator)
    district_codes = list(plan.districts)
    scoped = None if scope is None else scope.indicator_codes
    for indicator in plan.indicators.values():
        if scoped is not None and indicator.code not in scoped:
            continue
        wanted = None if scope is None else scope.areas_of(indicator.code)
        for area_level, area_code, series, share in _areas_of(
            plan, indicator, measured, populations, district_codes, wanted
        ):
            if indicator.assessment != "target":
                result, points = evaluate_without_target(
                    indicator,
                    series,
                    area_level,
                    area_code,
                    base_year=indicator.baseline.year,
                    base_value=indicator.baseline.value if area_level == PROVINCE else None,
                    end_year=plan.period_end,
                )
            else:
                target = (
                    areas.province_target(indicator)
                    if share is None
                    else areas.sub_area_target(indicator, series, share)
                )
                result, points = evaluate(indicator, series, area_level, area_code, target, evaluation_year)
            progress.indicators.append(result)
            progress.indicator_years.extend(points)
    _roll_up_plan(
        plan,
        progress,
        scope,
        stored or StoredProgress(),
        evaluation_year=evaluation_year,
        coverage_floor=coverage_floor,
        cap_realization=cap_realization,
    )
    return progress


def _district_series(plan: Plan, measured: MeasuredSeries, indicator_code: str | None) -> dict[str, dict[int, float]]:
    if indicator_code is None:
        return {}
    return {code: measured.get((indicator_code, DISTRICT, code), {}) for code in plan.districts}


def _areas_of(
    plan: Plan,
    indicator: Indicator,
    measured: MeasuredSeries,
    populations: dict[str, dict[int, float]],
    district_codes: list[str],
    wanted: set[Area] | None = None,
):  # type: ignore[no-untyped-def]
    """Yield (area level, area code, series, share of the districts) for every area the indicator covers
    (among ``wanted``, when given); the share is None for the province (whose target is the plan's own)."""
    province_measured = measured.get((indicator.code, PROVINCE, plan.province_code), {})
    if indicator.level == PROVINCE:
        if wanted is None or (PROVINCE, plan.province_code) in wanted:
            yield PROVINCE, plan.province_code, province_measured, None
        return
    district_series = _district_series(plan, measured, indicator.code)
    count = max(1, len(district_codes))
    measured_in = set(indicator.districts or district_codes)
    for code in (code for code in district_codes if code in measured_in):
        if wanted is None or (DISTRICT, code) in wanted:
            yield DISTRICT, code, district_series[code], 1.0 / count
    for region in plan.regions.values():
        if wanted is not None and (REGION, region.code) not in wanted:
            continue
        members = [district.code for district in plan.districts_in(region.code) if district.code in measured_in]
        if not members:
            continue
        series, _ = areas.roll_up(indicator, district_series, members, populations)
        yield REGION, region.code, series, len(members) / count
    if wanted is not None and (PROVINCE, plan.province_code) not in wanted:
        return
    rolled, _ = areas.roll_up(indicator, district_series, [c for c in district_codes if c in measured_in], populations)
    yield PROVINCE, plan.province_code, {**rolled, **province_measured}, None


def _roll_up_plan(
    plan: Plan,
    progress: PlanProgress,
    scope: Scope | None,
    stored: StoredProgress,
    *,
    evaluation_year: int,
    coverage_floor: float,
    cap_realization: bool,
) -> None:
    """Roll up every node in every area with results (or the scope's nodes, in their areas)."""
    by_area: dict[Area, dict[str, IndicatorResult]] = defaultdict(dict)
    for result in progress.indicators:
        by_area[(result.area_level, result.area_code)][result.indicator_code] = result
    years_by_area: dict[Area, dict[str, dict[int, YearPoint]]] = defaultdict(lambda: defaultdict(dict))
    for point in progress.indicator_years:
        years_by_area[(point.area_level, point.area_code)][point.code][point.year] = point
    wanted_by_area: dict[Area, set[str] | None] = (
        dict.fromkeys(by_area) if scope is None else dict(scope.nodes_by_area())
    )
    for area, wanted in wanted_by_area.items():
        results = {**stored.indicators.get(area, {}), **by_area.get(area, {})}
        points = {**stored.indicator_years.get(area, {}), **years_by_area.get(area, {})}
        node_results = _roll_up_area(
            plan,
            area,
            results,
            wanted,
            stored.nodes.get(area, {}),
            evaluation_year=evaluation_year,
            coverage_floor=coverage_floor,
            cap_realization=cap_realization,
        )
        progress.nodes.extend(node_results.values())
        progress.node_years.extend(
            _node_years(plan, area, points, cap_realization, wanted, stored.node_years.get(area, {}))
        )


def _roll_up_area(
    plan: Plan,
    area: Area,
    results: dict[str, IndicatorResult],
    wanted: set[str] | None,
    stored: dict[str, NodeResult],
    *,
    evaluation_year: int,
    coverage_floor: float,
    cap_realization: bool,
) -> dict[str, NodeResult]:
    """The roll-ups of one area, goals first: every node, or the ``wanted`` ones (reading the others from
    ``stored``). A node without children in the province has no result."""
    area_level, area_code = area
    node_results: dict[str, NodeResult] = {}

    def child_result(code: str) -> NodeResult | None:
        return node_results.get(code) or stored.get(code)

    nodes = plan.nodes.values() if wanted is None else [plan.nodes[code] for code in wanted if code in plan.nodes]
    for node in sorted(nodes, key=lambda node: -node.depth):  # goals first; stable: plan order within a depth
        if node.depth == plan.goal_depth:
            # indicators without a result here are measured by province only: not measured here
            children = [
                _indicator_child(i.weight, r, evaluation_year)
                for i in plan.indicators_of(node.code)
                if (r := results.get(i.code))
            ]
        else:
            children = [
                _child(plan.nodes[code].weight, result) for code in node.child_codes if (result := child_result(code))
            ]
        if not children and area_level == PROVINCE:
            continue
        node_results[node.code] = rollup.roll_up(
            plan.code,
            node.code,
            node.depth,
            area_level,
            area_code,
            children,
            coverage_floor=coverage_floor,
            cap_realization=cap_realization,
        )
    if wanted is not None and plan.code not in wanted:
        return node_results
    roots = [_child(plan.nodes[code].weight, result) for code in plan.root_codes if (result := child_result(code))]
    if roots:
        node_results[plan.code] = rollup.roll_up(
            plan.code,
            plan.code,
            -1,
            area_level,
            area_code,
            roots,
            coverage_floor=coverage_floor,
            cap_realization=cap_realization,
        )
    return node_results


def _indicator_child(weight: float, result: IndicatorResult, evaluation_year: int) -> rollup.Child:
    return rollup.Child(
        result.indicator_code,
        weight,
        result.realization_pct,
        result.expected_pct,
        result.score,
        result.status,
        result.trend,
        ended=formulas.is_ended(result.target_year, evaluation_year, result.latest_year),
    )


def _child(weight: float, result: NodeResult) -> rollup.Child:
    return rollup.Child(
        result.node_code,
        weight,
        result.realization_pct,
        result.expected_pct,
        result.score,
        result.status,
        result.trend,
        ended=result.ended,
    )


def _node_years(
    plan: Plan,
    area: Area,
    points: dict[str, dict[int, YearPoint]],
    cap_realization: bool,
    wanted: set[str] | None = None,
    stored: dict[str, dict[int, tuple[float | None, float | None]]] | None = None,
) -> list[YearPoint]:
    """Each node's weighted realization and expected realization per year (for path charts): every
    node's, or the ``wanted`` ones' (reading the other nodes' years from ``stored``)."""
    area_level, area_code = area
    yearly: list[YearPoint] = []
    cache: dict[str, dict[int, tuple[float | None, float | None]]] = {}

    def node_series(code: str) -> dict[int, tuple[float | None, float | None]]:
        if code in cache:
            return cache[code]
        if wanted is not None and code not in wanted:
            return (stored or {}).get(code, {})
        node = plan.nodes[code]
        if node.depth == plan.goal_depth:
            parts = [(i.weight, points[i.code]) for i in plan.indicators_of(code) if i.code in points]
            children = [
                (weight, {year: (p.realization_pct, p.expected_pct) for year, p in years.items()})
                for weight, years in parts
            ]
        else:
            children = [(plan.nodes[child].weight, node_series(child)) for child in node.child_codes]
        sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        for weight, series in children:  # Σ w·r, Σ w (with r), Σ w·e, Σ w (with e) per year
            for year, (realization, expected) in series.items():
                totals = sums[year]
                if realization is None:
                    continue  # the expected realization is built over the same children as the realization
                if cap_realization:  # rollup.cap, inlined: this loop runs for every year of every child
                    realization = 100.0 if realization > 100.0 else 0.0 if realization < 0.0 else realization
                totals[0] += weight * realization
                totals[1] += weight
                if expected is not None:
                    totals[2] += weight * expected
                    totals[3] += weight
        combined: dict[int, tuple[float | None, float | None]] = {
            year: (totals[0] / totals[1] if totals[1] > 0 else None, totals[2] / totals[3] if totals[3] > 0 else None)
            for year, totals in sorted(sums.items())
        }
        cache[code] = combined
        return combined

    for code in plan.nodes if wanted is None else (code for code in plan.nodes if code in wanted):
        for year, (realization, expected) in node_series(code).items():
            if realization is None and expected is None:
                continue
            yearly.append(YearPoint(plan.code, code, area_level, area_code, year, None, None, realization, expected))
    return yearly
