"""The plan model: plain, immutable objects built by :mod:`gosterge.plan.loader`.

A plan is a tree of nodes (İzmir: axis → priority → goal; Balıkesir:
aim → goal) whose last level holds indicators. Level names come from the plan
file; nothing here names a level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gosterge.language import Bilingual

DIRECTIONS = ("increase", "decrease", "maintain")
ASSESSMENTS = ("target", "direction", "informational")
FREQUENCIES = ("yearly", "quarterly", "monthly")
INDICATOR_LEVELS = ("province", "district")
AGGREGATIONS = ("sum", "mean", "population_weighted_mean")
MEASURES = ("level", "cumulative", "per_period")
PROVENANCES = ("official", "working")


#: the most decimals an indicator's values may be shown with (the plan file's ``precision``)
MAX_PRECISION = 6


@dataclass(frozen=True)
class Unit(Bilingual):
    """A unit of measurement, the bounds a value in it must respect and the decimals its values are
    shown with unless an indicator says otherwise (``precision``)."""

    code: str
    name_tr: str
    name_en: str
    minimum: float | None = None
    maximum: float | None = None
    precision: int = 2


UNITS: dict[str, Unit] = {
    unit.code: unit
    for unit in (
        Unit("%", "%", "%", 0.0, 100.0, precision=1),
        Unit("% change", "% değişim", "% change", precision=1),  # a rate of change: may be negative or above 100
        Unit("ratio", "oran", "rate", 0.0, precision=2),
        Unit("persons", "kişi", "persons", 0.0, precision=0),
        Unit("count", "adet", "count", 0.0, precision=0),
        Unit("TRY", "TL", "TRY", precision=0),
        Unit("USD", "ABD doları", "USD", precision=0),
        Unit("EUR", "avro", "EUR", precision=0),
        Unit("years", "yıl", "years", 0.0, precision=1),
        Unit("days", "gün", "days", 0.0, precision=0),
        Unit("km", "km", "km", 0.0, precision=1),
        Unit("m2", "m²", "m²", 0.0, precision=0),
        Unit("tonnes", "ton", "tonnes", 0.0, precision=0),
        Unit("MWh", "MWh", "MWh", 0.0, precision=0),
        Unit("index", "endeks", "index", precision=2),
    )
}


#: plural level keys whose singular is not the key without its plural ending
IRREGULAR_SINGULARS = {"axes": "axis"}


@dataclass(frozen=True)
class Level(Bilingual):
    """One level of a plan's hierarchy, named by the plan file."""

    key: str
    name_tr: str
    name_en: str
    plural_tr: str
    plural_en: str

    @property
    def parameter(self) -> str:
        """The URL and query parameter naming a node of this level, the key in the singular:
        ``axes`` → ``axis``, ``priorities`` → ``priority``, ``aims`` → ``aim``."""
        key = self.key.lower()
        if key in IRREGULAR_SINGULARS:
            return IRREGULAR_SINGULARS[key]
        if key.endswith("ies"):
            return key[:-3] + "y"
        return key[:-1] if key.endswith("s") else key


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float


@dataclass(frozen=True)
class Indicator(Bilingual):
    """An indicator measuring a goal (a node of the last level)."""

    plan_code: str
    code: str
    goal_code: str
    position: int
    name_tr: str
    name_en: str
    unit: str
    direction: str
    baseline: YearValue
    target: YearValue | None  # None: a direction only ("artırılacak"), or an informational indicator
    interim_targets: dict[int, float]
    weight: float
    weight_declared: bool
    frequency: str
    level: str
    aggregation: str | None
    measure: str
    natural_limit: float | None
    data_source: str
    responsible_unit: str
    definition_tr: str
    definition_en: str
    provenance: str
    location: str
    districts: tuple[str, ...] = ()
    #: decimals of the indicator's values on pages and in files: the plan file's ``precision``,
    #: else its unit's (see :data:`UNITS`)
    precision: int = 2
    informational: bool = False  # "bilgi amaçlı": values and trend only, never a status or a roll-up

    @property
    def assessment(self) -> str:
        """How the indicator is assessed: ``"target"`` (a numeric target), ``"direction"`` (a direction
        and no target: Open SDG's direction-only method) or ``"informational"`` (never)."""
        if self.informational:
            return "informational"
        return "target" if self.target is not None else "direction"

    def target_for(self, year: int) -> float | None:
        """The target for ``year``: an interim target, the final target, or None."""
        if self.target is not None and year == self.target.year:
            return self.target.value
        return self.interim_targets.get(year)


@dataclass(frozen=True)
class Node(Bilingual):
    """A node of the hierarchy (an axis, a priority, a goal, an aim …)."""

    plan_code: str
    code: str
    depth: int
    level_key: str
    parent_code: str | None
    position: int
    title_tr: str
    title_en: str
    provenance: str
    weight: float
    weight_declared: bool
    child_codes: tuple[str, ...]
    indicator_codes: tuple[str, ...]
    location: str


@dataclass(frozen=True)
class Region(Bilingual):
    code: str
    name_tr: str
    name_en: str
    provenance: str


@dataclass(frozen=True)
class District:
    code: str
    name: str
    region: str | None
    position: int


@dataclass(frozen=True)
class DataSource(Bilingual):
    id: str
    name_tr: str
    name_en: str
    url: str


@dataclass(frozen=True)
class Monitoring:
    """How often the responsible units enter their values (``half_year`` or ``year``) and how many days
    after a period's end its entry closes (unless a reviewer reopens it)."""

    frequency: str = "year"
    closing_after_days: int = 45


@dataclass
class Plan(Bilingual):
    """A validated plan. Build with :func:`gosterge.plan.loader.load_plan`."""

    code: str
    title_tr: str
    title_en: str
    organisation_tr: str
    organisation_en: str
    province: str
    province_code: str
    period_start: int
    period_end: int
    baseline_year: int
    vision_tr: str
    vision_en: str
    provenance: str
    population_indicator: str | None
    levels: tuple[Level, ...]
    nodes: dict[str, Node]
    indicators: dict[str, Indicator]
    regions: dict[str, Region]
    districts: dict[str, District]
    data_sources: dict[str, DataSource]
    source_file: Path
    content_hash: str = ""
    root_codes: tuple[str, ...] = field(default_factory=tuple)
    monitoring: Monitoring = field(default_factory=Monitoring)

    @property
    def goal_depth(self) -> int:
        """Depth of the last level (the one holding indicators)."""
        return len(self.levels) - 1

    def level_of(self, node: Node) -> Level:
        return self.levels[node.depth]

    def roots(self) -> list[Node]:
        return [self.nodes[code] for code in self.root_codes]

    def children(self, code: str) -> list[Node]:
        return [self.nodes[child] for child in self.nodes[code].child_codes]

    def nodes_at(self, depth: int) -> list[Node]:
        return [node for node in self.nodes.values() if node.depth == depth]

    def goals(self) -> list[Node]:
        return self.nodes_at(self.goal_depth)

    def indicators_of(self, goal_code: str) -> list[Indicator]:
        return [self.indicators[code] for code in self.nodes[goal_code].indicator_codes]

    def indicators_under(self, node_code: str) -> list[Indicator]:
        """Every indicator below ``node_code``, in plan order."""
        node = self.nodes[node_code]
        if node.depth == self.goal_depth:
            return self.indicators_of(node_code)
        found: list[Indicator] = []
        for child in node.child_codes:
            found.extend(self.indicators_under(child))
        return found

    def ancestors(self, code: str) -> list[Node]:
        """The chain of nodes from the root down to the node (or indicator) ``code``."""
        if code in self.indicators:
            current: str | None = self.indicators[code].goal_code
        else:
            current = code
        chain: list[Node] = []
        while current is not None:
            node = self.nodes[current]
            chain.append(node)
            current = node.parent_code
        return list(reversed(chain))

    def districts_in(self, region_code: str) -> list[District]:
        return [d for d in self.districts.values() if d.region == region_code]
