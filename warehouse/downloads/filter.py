"""The filter of an extract, read from query parameters and validated against the plan.

One object serves the extract builder page, the export routes and every
"download this view" link, so the same query string means the same rows
everywhere. Parameters (repeat a parameter or separate values by commas where
several values are allowed):

``plan``        plan code (default: the first plan)
``level``       ``measurements``, ``indicators``, one of the plan's level keys
                (``axes``, ``priorities``, ``goals``; ``aims``, ``goals`` …),
                ``districts`` (district scorecards) or ``rejected``
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
parameter or value with the allowed ones.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from gosterge.language import LANGUAGES
from gosterge.plan.model import Plan

MEASUREMENTS = "measurements"
INDICATORS = "indicators"
DISTRICTS = "districts"
REJECTED = "rejected"
AREA_LEVELS = ("province", "region", "district")
FIRST_YEAR, LAST_YEAR = 1900, 2100
SOURCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

#: parameters every level understands
COMMON_PARAMETERS = ("plan", "level", "columns", "lang")
#: level → extra parameters it understands (node parameters are added per plan)
LEVEL_PARAMETERS = {
    MEASUREMENTS: ("indicator", "district", "region", "area", "from", "to"),
    INDICATORS: ("indicator", "district", "region", "area"),
    "nodes": ("district", "region", "area"),
    DISTRICTS: ("district", "region"),
    REJECTED: ("run", "source"),
}
MULTIPLE_VALUES = ("indicator", "district", "region", "area", "columns")
LISTED_VALUES = 12


class ExtractFilterError(ValueError):
    """Query parameters that do not describe an extract; ``problems`` names every one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def node_parameters(plan: Plan) -> tuple[str, ...]:
    """Node parameters of ``plan``, top level first (:attr:`gosterge.plan.model.Level.parameter`)."""
    return tuple(level.parameter for level in plan.levels)


def extract_levels(plan: Plan) -> tuple[str, ...]:
    """Every extract level of ``plan``: measurements, indicators, its own levels, districts, rejected."""
    return (MEASUREMENTS, INDICATORS, *(level.key for level in plan.levels), DISTRICTS, REJECTED)


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


def _known(values: Iterable[str]) -> str:
    values = list(values)
    shown = ", ".join(values[:LISTED_VALUES])
    return shown + (f", … ({len(values)} in all)" if len(values) > LISTED_VALUES else "")


def _values(parameters: Mapping[str, list[str]], name: str) -> list[str]:
    """Every value of ``name``: repeated parameters and comma-separated lists, blanks dropped."""
    found: list[str] = []
    for raw in parameters.get(name, []):
        parts = raw.split(",") if name in MULTIPLE_VALUES else [raw]
        found.extend(part.strip() for part in parts if part.strip())
    return found


def _single(parameters: Mapping[str, list[str]], name: str, problems: list[str]) -> str | None:
    values = _values(parameters, name)
    if len(values) > 1:
        problems.append(f"parameter {name!r} given {len(values)} times (expected one value)")
    return values[0] if values else None


def _year(text: str | None, name: str, problems: list[str]) -> int | None:
    if text is None:
        return None
    if not re.fullmatch(r"[0-9]{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        problems.append(f"{name}={text!r} is not a year (expected four digits, {FIRST_YEAR}-{LAST_YEAR})")
        return None
    return int(text)


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
    :func:`warehouse.downloads.tables.column_keys`); ``other_parameters`` are names the
    caller reads itself (``dialect``, ``page`` …). Raises
    :class:`ExtractFilterError` naming every problem.
    """
    problems: list[str] = []
    plan_code = _single(parameters, "plan", problems) or next(iter(plans), "")
    if plan_code not in plans:
        raise ExtractFilterError([f"unknown plan {plan_code!r} (known: {_known(plans)})"] + problems)
    plan = plans[plan_code]
    level = _single(parameters, "level", problems) or default_level
    everywhere = {name for known in extract_levels(plan) for name in level_parameters(plan, known)}
    if level not in extract_levels(plan):
        problems.append(f"unknown level {level!r} for plan {plan_code!r} (known: {_known(extract_levels(plan))})")
        problems += [
            f"unknown parameter {name!r}"
            for name in parameters
            if name not in everywhere and name not in other_parameters
        ]
        raise ExtractFilterError(problems)
    understood = level_parameters(plan, level)
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
    nodes = _nodes(plan, parameters, problems)
    indicators = _codes(parameters, "indicator", plan.indicators, "indicator", plan, problems)
    if nodes and indicators:
        deepest = nodes[-1][1]
        under = {indicator.code for indicator in plan.indicators_under(deepest)}
        for code in indicators:
            if code not in under:
                problems.append(f"indicator {code!r} is not under {_node_name(plan, deepest)} {deepest!r}")
    regions = _codes(parameters, "region", plan.regions, "region", plan, problems)
    districts = _codes(parameters, "district", plan.districts, "district", plan, problems)
    for code in districts:
        region = plan.districts[code].region
        if regions and region not in regions:
            problems.append(f"district {code!r} is not in region {', '.join(regions)}")
    areas = tuple(dict.fromkeys(_values(parameters, "area")))
    for area in areas:
        if area not in AREA_LEVELS or (level == MEASUREMENTS and area == "region"):
            allowed = ("province", "district") if level == MEASUREMENTS else AREA_LEVELS
            problems.append(f"unknown area {area!r} (known: {', '.join(allowed)})")
    if districts and ("province" in areas or "region" in areas):
        problems.append("area=province or area=region cannot be combined with district (district rows only)")
    if regions and "province" in areas:
        problems.append("area=province cannot be combined with region")
    period_from = _year(_single(parameters, "from", problems), "from", problems)
    period_to = _year(_single(parameters, "to", problems), "to", problems)
    if period_from is not None and period_to is not None and period_from > period_to:
        problems.append(f"from={period_from} is after to={period_to}")
    run_text = _single(parameters, "run", problems)
    run_id = None
    if run_text is not None:
        if re.fullmatch(r"[0-9]{1,18}", run_text) and 0 < int(run_text) < 2**62:
            run_id = int(run_text)
        else:
            problems.append(f"run={run_text!r} is not a load run id (expected a positive whole number)")
    source_id = _single(parameters, "source", problems)
    if source_id is not None and not SOURCE_PATTERN.fullmatch(source_id):
        problems.append(f"source={source_id!r} is not a source id (letters, digits, '.', '_', '-')")
    columns = tuple(_values(parameters, "columns"))
    if available_columns is not None and level in available_columns:
        known = list(available_columns[level])
        for column in columns:
            if column not in known:
                problems.append(f"unknown column {column!r} for level {level!r} (known: {', '.join(known)})")
        if len(set(columns)) != len(columns):
            problems.append("a column is listed twice in 'columns'")
    language = _single(parameters, "lang", problems) or "tr"
    if language not in LANGUAGES:
        problems.append(f"unknown lang {language!r} (known: {', '.join(LANGUAGES)})")
    if problems:
        raise ExtractFilterError(problems)
    return ExtractFilter(
        plan_code=plan_code,
        level=level,
        nodes=nodes,
        indicators=tuple(indicators),
        districts=tuple(districts),
        regions=tuple(regions),
        area_levels=areas,
        period_from=period_from,
        period_to=period_to,
        run_id=run_id,
        source_id=source_id,
        columns=columns,
        language=language,
        explicit=tuple(parameters),
    )


def _node_name(plan: Plan, code: str) -> str:
    return plan.levels[plan.nodes[code].depth].name_en.lower()


def _nodes(plan: Plan, parameters: Mapping[str, list[str]], problems: list[str]) -> tuple[tuple[int, str], ...]:
    """Node codes by depth; each must sit at its level and below the node chosen above it."""
    chosen: list[tuple[int, str]] = []
    for depth, name in enumerate(node_parameters(plan)):
        code = _single(parameters, name, problems)
        if code is None:
            continue
        node = plan.nodes.get(code)
        if node is None or node.depth != depth:
            known = [n.code for n in plan.nodes_at(depth)]
            problems.append(f"unknown {name} {code!r} in plan {plan.code!r} (known: {_known(known)})")
            continue
        if chosen:
            parent_depth, parent_code = chosen[-1]
            lineage = {ancestor.code for ancestor in plan.ancestors(code)}
            if parent_code not in lineage:
                problems.append(f"{name} {code!r} is not under {node_parameters(plan)[parent_depth]} {parent_code!r}")
                continue
        chosen.append((depth, code))
    return tuple(chosen)


def _codes(
    parameters: Mapping[str, list[str]],
    name: str,
    known: Mapping[str, object],
    what: str,
    plan: Plan,
    problems: list[str],
) -> list[str]:
    codes = list(dict.fromkeys(_values(parameters, name)))
    for code in codes:
        if code not in known:
            problems.append(f"unknown {what} {code!r} in plan {plan.code!r} (known: {_known(known)})")
    return [code for code in codes if code in known]
