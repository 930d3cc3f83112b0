"""The filter of an extract, read from query parameters and validated against the plan.

One object serves the extract builder page, the export routes and every
"download this view" link, so the same query string means the same rows
everywhere. Parameters (repeat a parameter or separate values by commas where
several values are allowed):

``plan``        plan code (default: the first plan)
``level``       ``measurements``, ``indicators``, one of the plan's level keys
                (``axes``, ``priorities``, ``goals``; ``aims``, ``goals`` …),
                ``districts`` (district scorecards), the tables of the pages
                (``yearly``: an indicator's yearly series; ``league``: areas ranked
                for an indicator or node; ``status_counts``; ``lagging``: lagging
                goals) or ``rejected``
``axis``, ``priority``, ``goal``, ``aim`` …
                one node code per plan level, named after the level
``indicator``   indicator codes (several)
``district``    district codes (several)
``region``      region codes (several)
``area``        area levels: ``province``, ``region``, ``district`` (several)
``from``, ``to`` first and last year of the measurements
``run``, ``source`` load run id and source id of rejected rows
``columns``     column keys, in the order wanted (several)
``lang``        ``tr`` (default) or ``en``

Every problem is collected; :class:`ExtractFilterError` names each bad
parameter or value with the allowed ones. This module decides which plan and
level a request is about and which parameters that level understands; the
values are validated by the pydantic model of
:mod:`warehouse.downloads.parameters`, whose errors become the problems through
the conversion shared with the plan file and ``sources.toml``
(:func:`gosterge.validation.messages`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from gosterge.plan.model import Plan
from gosterge.validation import messages
from warehouse.downloads.parameters import (
    AREA_LEVELS,
    FIRST_YEAR,
    LAST_YEAR,
    SOURCE_PATTERN,
    DownloadParameters,
    Request,
    known,
    one_value,
    split_values,
)

__all__ = [
    "AREA_LEVELS",
    "DISTRICTS",
    "FIRST_YEAR",
    "INDICATORS",
    "LAGGING",
    "LAST_YEAR",
    "LEAGUE",
    "MEASUREMENTS",
    "PAGE_LEVELS",
    "REJECTED",
    "STATUS_COUNTS",
    "YEARLY",
    "SOURCE_PATTERN",
    "ExtractFilter",
    "ExtractFilterError",
    "extract_levels",
    "level_parameters",
    "node_depth",
    "node_parameters",
    "parse_filter",
]

MEASUREMENTS = "measurements"
INDICATORS = "indicators"
DISTRICTS = "districts"
REJECTED = "rejected"
YEARLY = "yearly"
LEAGUE = "league"
STATUS_COUNTS = "status_counts"
LAGGING = "lagging"
#: levels that give one table of a page as it shows it (warehouse.downloads.page_levels)
PAGE_LEVELS = (YEARLY, LEAGUE, STATUS_COUNTS, LAGGING)

#: parameters every level understands
COMMON_PARAMETERS = ("plan", "level", "columns", "lang")
#: level → extra parameters it understands (node parameters are added per plan)
LEVEL_PARAMETERS = {
    MEASUREMENTS: ("indicator", "district", "region", "area", "from", "to"),
    INDICATORS: ("indicator", "district", "region", "area"),
    "nodes": ("district", "region", "area"),
    DISTRICTS: ("district", "region"),
    YEARLY: ("indicator", "district", "region", "area", "from", "to"),
    LEAGUE: ("indicator", "region", "area", "from", "to"),
    STATUS_COUNTS: (),
    LAGGING: (),
    REJECTED: ("run", "source"),
}
#: the area levels a level offers (default: every one)
LEVEL_AREAS = {MEASUREMENTS: ("province", "district"), LEAGUE: ("district", "region")}


class ExtractFilterError(ValueError):
    """Query parameters that do not describe an extract; ``problems`` names every one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def node_parameters(plan: Plan) -> tuple[str, ...]:
    """Node parameters of ``plan``, top level first (:attr:`gosterge.plan.model.Level.parameter`)."""
    return tuple(level.parameter for level in plan.levels)


def extract_levels(plan: Plan) -> tuple[str, ...]:
    """Every extract level of ``plan``: measurements, indicators, its own levels, districts, the pages'
    tables, rejected."""
    return (MEASUREMENTS, INDICATORS, *(level.key for level in plan.levels), DISTRICTS, *PAGE_LEVELS, REJECTED)


def node_depth(plan: Plan, level: str) -> int | None:
    """Depth of a node level (``goals`` → 2 in İzmir), None for the other levels."""
    for depth, plan_level in enumerate(plan.levels):
        if plan_level.key == level:
            return depth
    return None


def level_parameters(plan: Plan, level: str) -> tuple[str, ...]:
    """Every parameter ``level`` of ``plan`` understands."""
    depth = node_depth(plan, level)
    extra = LEVEL_PARAMETERS.get("nodes" if depth is not None else level, ())
    nodes = () if level == REJECTED else node_parameters(plan)
    if depth is not None:
        nodes = nodes[: depth + 1]  # a goal filter means nothing to an axis extract
    return (*COMMON_PARAMETERS, *nodes, *extra)


@dataclass(frozen=True)
class ExtractFilter:
    """A validated extract request. Build with :func:`parse_filter`."""

    plan_code: str
    level: str
    nodes: tuple[tuple[int, str], ...] = ()  # (depth, node code), top first
    indicators: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    area_levels: tuple[str, ...] = ()  # empty: the level's default
    period_from: int | None = None
    period_to: int | None = None
    run_id: int | None = None
    source_id: str | None = None
    columns: tuple[str, ...] = ()  # empty: every column
    language: str = "tr"
    explicit: tuple[str, ...] = field(default=(), compare=False)  # parameters given by the caller

    def node_code(self, depth: int) -> str | None:
        return dict(self.nodes).get(depth)

    def deepest_node(self) -> str | None:
        return self.nodes[-1][1] if self.nodes else None

    def query_items(self, plan: Plan) -> list[tuple[str, str]]:
        """The filter as query parameters (the inverse of :func:`parse_filter`), in a stable order."""
        parameters = node_parameters(plan)
        items: list[tuple[str, str]] = [("plan", self.plan_code), ("level", self.level)]
        items += [(parameters[depth], code) for depth, code in self.nodes]
        items += [("indicator", code) for code in self.indicators]
        items += [("region", code) for code in self.regions]
        items += [("district", code) for code in self.districts]
        if "area" in self.explicit:
            items += [("area", area) for area in self.area_levels]
        if self.period_from is not None:
            items.append(("from", str(self.period_from)))
        if self.period_to is not None:
            items.append(("to", str(self.period_to)))
        if self.run_id is not None:
            items.append(("run", str(self.run_id)))
        if self.source_id is not None:
            items.append(("source", self.source_id))
        if self.columns:
            items.append(("columns", ",".join(self.columns)))
        items.append(("lang", self.language))
        return items


def parse_filter(
    plans: Mapping[str, Plan],
    parameters: Mapping[str, list[str]],
    *,
    available_columns: Mapping[str, Collection[str]] | None = None,
    other_parameters: Collection[str] = (),
    default_level: str = MEASUREMENTS,
) -> ExtractFilter:
    """Validate query ``parameters`` (name → values) against ``plans``.

    ``available_columns`` maps each level to its column keys (from
    :func:`warehouse.downloads.columns.column_keys`); ``other_parameters`` are names the
    caller reads itself (``dialect``, ``page`` …). Raises
    :class:`ExtractFilterError` naming every problem.
    """
    problems: list[str] = []
    plan_code = _first(parameters, "plan", problems) or next(iter(plans), "")
    if plan_code not in plans:
        raise ExtractFilterError([f"unknown plan {plan_code!r} (known: {known(plans)})"] + problems)
    plan = plans[plan_code]
    level = _first(parameters, "level", problems) or default_level
    everywhere = {name for level_name in extract_levels(plan) for name in level_parameters(plan, level_name)}
    if level not in extract_levels(plan):
        problems.append(f"unknown level {level!r} for plan {plan_code!r} (known: {known(extract_levels(plan))})")
        problems += [
            f"unknown parameter {name!r}"
            for name in parameters
            if name not in everywhere and name not in other_parameters
        ]
        raise ExtractFilterError(problems)
    problems += _not_understood(plan, level, parameters, everywhere, other_parameters)
    offered = available_columns.get(level) if available_columns is not None else None
    request = Request(
        plan=plan,
        level=level,
        node_parameters=node_parameters(plan),
        areas=LEVEL_AREAS.get(level, AREA_LEVELS),
        columns=list(offered) if offered is not None else None,
    )
    values = _values(parameters, request, problems)
    if problems or values is None:
        raise ExtractFilterError(problems)
    return ExtractFilter(
        plan_code=plan_code,
        level=level,
        nodes=values.nodes,
        indicators=values.indicator,
        districts=values.district,
        regions=values.region,
        area_levels=values.area,
        period_from=values.period_from,
        period_to=values.period_to,
        run_id=values.run,
        source_id=values.source,
        columns=values.columns,
        language=values.lang,
        explicit=tuple(parameters),
    )


def _first(parameters: Mapping[str, list[str]], name: str, problems: list[str]) -> str | None:
    """The value of ``plan`` or ``level``; given twice, the first one (the repeat recorded in ``problems``)."""
    raw = parameters.get(name, [])
    try:
        return one_value(name, raw)
    except PydanticCustomError as error:
        problems.append(error.message())
        return split_values(raw, several=False)[0]


def _not_understood(
    plan: Plan,
    level: str,
    parameters: Mapping[str, list[str]],
    everywhere: set[str],
    other_parameters: Collection[str],
) -> list[str]:
    """A problem for each parameter ``level`` does not understand (and the caller does not read itself)."""
    understood = level_parameters(plan, level)
    problems: list[str] = []
    for name in parameters:
        if name in understood or name in other_parameters:
            continue
        if name in everywhere:
            problems.append(
                f"parameter {name!r} does not apply to level {level!r} (it understands: {', '.join(understood)})"
            )
        else:
            problems.append(
                f"unknown parameter {name!r} (known: {', '.join(sorted(everywhere | set(other_parameters)))})"
            )
    return problems


def _values(parameters: Mapping[str, list[str]], request: Request, problems: list[str]) -> DownloadParameters | None:
    """The parameters' values validated by :class:`DownloadParameters`; None after recording their problems."""
    data: dict[str, object] = dict(parameters)
    data["nodes"] = {name: parameters[name] for name in request.node_parameters if name in parameters}
    try:
        return DownloadParameters.model_validate(data, context=request)
    except ValidationError as error:
        problems.extend(message for _, message in messages(error))
        return None
