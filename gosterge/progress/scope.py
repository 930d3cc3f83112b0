"""Incremental progress: what a set of changed measurement series can change, and the stored results
the recomputation of that part reads instead of recomputing them.

A measured series is (indicator, area level, area code): the rows of one indicator in one district, or
in the province. Changing it can change (:func:`scope_of`):

- the indicator in that district, in the district's region and in the province (region and province
  values are rolled up from the districts; a province value measured as such wins over the roll-up,
  and the province is re-evaluated either way);
- when the indicator is the plan's population indicator, every population-weighted indicator in the
  district's region and in the province (their weights);
- the roll-ups above each of those indicator results: its goal and the goal's ancestors up to the whole
  plan, in the same area.

Nothing else reads those series, so everything else stays as stored. The recomputation reads the
stored results it needs beside the recomputed ones (:class:`StoredProgress`): the other indicators of
a recomputed goal, the other children of a recomputed node, in the same area, with their yearly rows.
Everything here is pure: the warehouse reads and writes (``warehouse/progress_store.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from gosterge.plan.model import Plan
from gosterge.progress.results import IndicatorResult, NodeResult, YearPoint

PROVINCE = "province"
REGION = "region"
DISTRICT = "district"
POPULATION_WEIGHTED = "population_weighted_mean"

#: (indicator or node code, area level, area code)
Key = tuple[str, str, str]
#: (area level, area code)
Area = tuple[str, str]


@dataclass(frozen=True)
class Scope:
    """The indicator results and roll-ups to recompute."""

    indicators: frozenset[Key]
    nodes: frozenset[Key]

    @property
    def indicator_codes(self) -> set[str]:
        return {code for code, _, _ in self.indicators}

    def areas_of(self, indicator_code: str) -> set[Area]:
        """The areas in which ``indicator_code`` is recomputed."""
        return {(level, area) for code, level, area in self.indicators if code == indicator_code}

    def nodes_by_area(self) -> dict[Area, set[str]]:
        """The node codes (and the plan's own code) to roll up, by area."""
        by_area: dict[Area, set[str]] = defaultdict(set)
        for code, level, area in self.nodes:
            by_area[(level, area)].add(code)
        return dict(by_area)

    def stored_indicators_needed(self, plan: Plan) -> set[Key]:
        """The indicator results a recomputed goal reads without recomputing them: its other indicators,
        in the same area."""
        needed = {
            (indicator.code, level, area)
            for code, level, area in self.nodes
            if code in plan.nodes and plan.nodes[code].depth == plan.goal_depth
            for indicator in plan.indicators_of(code)
        }
        return needed - self.indicators

    def stored_nodes_needed(self, plan: Plan) -> set[Key]:
        """The roll-ups a recomputed node (or the whole plan) reads without recomputing them: its other
        children, in the same area."""
        needed: set[Key] = set()
        for code, level, area in self.nodes:
            children = plan.root_codes if code == plan.code else plan.nodes[code].child_codes
            needed.update((child, level, area) for child in children)
        return needed - self.nodes


def scope_of(plan: Plan, changed: Iterable[Key]) -> Scope:
    """What changing the measured series ``changed`` can change (see the module docstring)."""
    indicators: set[Key] = set()
    weighted = [
        indicator
        for indicator in plan.indicators.values()
        if indicator.level == DISTRICT and indicator.aggregation == POPULATION_WEIGHTED
    ]
    for code, level, area in changed:
        indicator = plan.indicators.get(code)
        if level == PROVINCE:
            if indicator is not None:
                indicators.add((code, PROVINCE, plan.province_code))
            continue
        district = plan.districts.get(area)
        if level != DISTRICT or district is None:
            continue
        region = district.region if district.region in plan.regions else None
        if (
            indicator is not None
            and indicator.level == DISTRICT
            and (not indicator.districts or area in indicator.districts)
        ):
            indicators.add((code, DISTRICT, area))
            indicators.add((code, PROVINCE, plan.province_code))
            if region is not None:
                indicators.add((code, REGION, region))
        if code == plan.population_indicator:
            for other in weighted:
                if other.districts and area not in other.districts:
                    continue
                indicators.add((other.code, PROVINCE, plan.province_code))
                if region is not None:
                    indicators.add((other.code, REGION, region))
    nodes = {(node.code, level, area) for code, level, area in indicators for node in plan.ancestors(code)}
    nodes.update((plan.code, level, area) for _, level, area in indicators)
    return Scope(frozenset(indicators), frozenset(nodes))


@dataclass
class StoredProgress:
    """Stored results read beside a recomputation, by area: indicator results and their yearly points,
    roll-ups and their yearly (realization, expected realization)."""

    indicators: dict[Area, dict[str, IndicatorResult]] = field(default_factory=dict)
    indicator_years: dict[Area, dict[str, dict[int, YearPoint]]] = field(default_factory=dict)
    nodes: dict[Area, dict[str, NodeResult]] = field(default_factory=dict)
    node_years: dict[Area, dict[str, dict[int, tuple[float | None, float | None]]]] = field(default_factory=dict)
