"""The columns of every extract level: a whitelist of keys, kinds and SQL expressions.

Each level's columns (:func:`available_columns`) are built from constant fragments and aliases
numbered by depth (``n0`` … ``nd`` for the hierarchy), so no user text reaches the SQL; values are
rounded here as the pages show them (:mod:`gosterge.rounding`). The queries that read them are in
:mod:`warehouse.downloads.extracts` (the data levels) and :mod:`warehouse.downloads.page_levels` (the
levels that give a page's own table: yearly series, league, status counts, lagging goals).
"""

from __future__ import annotations

from dataclasses import dataclass

from gosterge.plan.model import Plan
from gosterge.rounding import (
    COVERAGE_DECIMALS,
    PACE_DECIMALS,
    PERCENT_DECIMALS,
    RATIO_DECIMALS,
    WEIGHT_DECIMALS,
    sql_rounded,
)
from warehouse.downloads.filter import (
    DISTRICTS,
    INDICATORS,
    LAGGING,
    LEAGUE,
    MEASUREMENTS,
    REJECTED,
    STATUS_COUNTS,
    YEARLY,
    ExtractFilter,
    extract_levels,
    node_depth,
    node_parameters,
)

#: a rejected row's reason for the file writers: its code and values (gosterge.rejections) and the ETL's
#: English line, for rows stored before codes
REASON_DOCUMENT = "json_object('code', x.reason_code, 'values', x.reason_values, 'text', x.reason)::varchar"


@dataclass(frozen=True)
class ExtractColumn:
    """One whitelisted column: its key, how to present it and its SQL expression.

    ``kind`` is one of text, code, number, integer, date, datetime, boolean,
    label or reason; a label column holds a code that the writer names from
    ``vocabulary`` (status, trend, unit, area, direction, measure, method,
    projection, period_type, depth); a reason column holds a rejected row's
    reason as JSON (:data:`REASON_DOCUMENT`), which the writer words in the
    file's language.
    """

    key: str
    kind: str
    expression: str
    vocabulary: str | None = None


def _column(key: str, kind: str, expression: str, vocabulary: str | None = None) -> ExtractColumn:
    return ExtractColumn(key, kind, expression, vocabulary)


def lineage_columns(plan: Plan, down_to: int, language: str) -> list[ExtractColumn]:
    """Code and name of every node from the top level down to depth ``down_to`` (aliases n0 … nd)."""
    names = node_parameters(plan)
    columns: list[ExtractColumn] = []
    for depth in range(down_to + 1):
        columns.append(_column(f"{names[depth]}_code", "code", f"n{depth}.node_code"))
        columns.append(_column(f"{names[depth]}_name", "text", f"n{depth}.title_{language}"))
    return columns


def lineage_joins(from_depth: int, plan_column: str, node_column: str) -> str:
    """Join plan_nodes n{from_depth} (the node in ``node_column``) and then each parent up to n0."""
    joins = [
        f"join plan_nodes n{from_depth} on n{from_depth}.plan_code = {plan_column} "
        f"and n{from_depth}.node_code = {node_column}"
    ]
    for depth in range(from_depth - 1, -1, -1):
        joins.append(
            f"join plan_nodes n{depth} on n{depth}.plan_code = n{depth + 1}.plan_code "
            f"and n{depth}.node_code = n{depth + 1}.parent_code"
        )
    return "\n".join(joins)


def area_columns(plan: Plan, alias: str, language: str) -> list[ExtractColumn]:
    columns = [
        _column("area_level", "label", f"{alias}.area_level", "area"),
        _column("area_code", "code", f"{alias}.area_code"),
        _column(
            "area_name",
            "text",
            f"case {alias}.area_level when 'district' then d.name "
            f"when 'region' then r.name_{language} else pl.province end",
        ),
    ]
    if plan.regions:
        columns += [
            _column("region_code", "code", "r.region_code"),
            _column("region_name", "text", f"r.name_{language}"),
        ]
    return columns


#: an indicator's values in its own unit, rounded to its precision (the plan file's, else the unit's)
INDICATOR_DECIMALS = "coalesce(i.precision, 2)"


def rounded_percent(expression: str) -> str:
    return sql_rounded(expression, PERCENT_DECIMALS)


def node_progress_columns(alias: str, *, with_score: bool) -> list[ExtractColumn]:
    """A node's realization, expected realization, status (named and as a code), score and trend and
    its coverage in percent, from the ``node_progress`` row ``alias``, rounded as the pages show them."""
    return [
        _column("realization_pct", "number", rounded_percent(f"{alias}.realization_pct")),
        _column("expected_pct", "number", rounded_percent(f"{alias}.expected_pct")),
        _column("status", "label", f"{alias}.status", "status"),
        _column("status_code", "code", f"{alias}.status"),
        *([_column("score", "number", sql_rounded(f"{alias}.score", RATIO_DECIMALS))] if with_score else []),
        _column("trend", "label", f"{alias}.trend", "trend"),
        _column("coverage_pct", "number", sql_rounded(f"{alias}.coverage * 100", COVERAGE_DECIMALS)),
    ]


AREA_JOINS = """
join plans pl on pl.plan_code = {alias}.plan_code
left join districts d on d.plan_code = {alias}.plan_code and {alias}.area_level = 'district'
     and d.district_code = {alias}.area_code
left join regions r on r.plan_code = {alias}.plan_code
     and r.region_code = case {alias}.area_level when 'region' then {alias}.area_code else d.region_code end
"""
#: measurements: the province first, then the districts in plan order (the chunking key, with i.sort_key)
MEASUREMENT_AREA_RANK = "case m.area_level when 'district' then d.position else -1 end"
AREA_ORDER = "case {alias}.area_level when 'province' then 0 when 'region' then 1 else 2 end, r.region_code, d.position"
#: per node of one depth and area, whether any indicator under the node carries demo data; parameters:
#: the depth's place in a goal's path (1 for the top level) and the plan code
DEMO_BY_NODE = """
select qg.path[?] as node_code, q.area_level, q.area_code, bool_or(coalesce(q.is_demo, false)) as is_demo
from indicator_progress q
join indicators qi on qi.plan_code = q.plan_code and qi.indicator_code = q.indicator_code
join plan_nodes qg on qg.plan_code = qi.plan_code and qg.node_code = qi.goal_code
where q.plan_code = ?
group by all
"""


#: whether a measurement row is the province's (whose base and targets are the plan file's)
PROVINCE_ROW = "m.area_level = 'province'"


def measurement_target_columns() -> list[ExtractColumn]:
    """Base and targets of a measurement row's own area: the plan file's for the province; for a district
    or region, the ones the status engine assesses that area against (``area``: its indicator_progress
    row; its own base-year value, and for sums the province's relative change applied to it), rounded
    to the indicator's precision, or nothing when it has none. The plan's interim targets are the
    province's: a district or region row has a year target only in the target year."""

    def own(province: str, area: str, *, rounded: bool = True) -> str:
        value = sql_rounded(area, INDICATOR_DECIMALS) if rounded else area
        return f"case when {PROVINCE_ROW} then {province} else {value} end"

    year_target = (
        f"case when {PROVINCE_ROW} then coalesce(it.value, case when m.year = i.target_year then i.target_value end) "
        f"when m.year = area.target_year then {sql_rounded('area.target_value', INDICATOR_DECIMALS)} end"
    )
    return [
        _column("baseline_year", "integer", own("i.baseline_year", "area.base_year", rounded=False)),
        _column("baseline_value", "number", own("i.baseline_value", "area.base_value")),
        _column("year_target", "number", year_target),
        _column("target_year", "integer", own("i.target_year", "area.target_year", rounded=False)),
        _column("target_value", "number", own("i.target_value", "area.target_value")),
    ]


def available_columns(plan: Plan, level: str, language: str = "tr") -> list[ExtractColumn]:
    """The whitelist of ``level``'s columns for ``plan``, in their default order."""
    goal_depth = plan.goal_depth
    if level == MEASUREMENTS:
        return [
            _column("plan_code", "code", "m.plan_code"),
            *lineage_columns(plan, goal_depth, language),
            _column("indicator_code", "code", "m.indicator_code"),
            _column("indicator_name", "text", f"i.name_{language}"),
            _column("unit", "label", "i.unit", "unit"),
            *area_columns(plan, "m", language),
            _column("period", "code", "m.period"),
            _column("period_type", "label", "m.period_type", "period_type"),
            _column("year", "integer", "m.year"),
            _column("period_end", "date", "m.period_end"),
            _column("value", "number", "m.value"),
            *measurement_target_columns(),
            _column("source_id", "code", "m.source_id"),
            _column("run_id", "integer", "m.run_id"),
            _column("loaded_at", "datetime", "m.loaded_at"),
            _column("is_demo", "boolean", "m.is_demo"),
        ]
    if level == INDICATORS:
        return [
            _column("plan_code", "code", "p.plan_code"),
            *lineage_columns(plan, goal_depth, language),
            _column("indicator_code", "code", "p.indicator_code"),
            _column("indicator_name", "text", f"i.name_{language}"),
            _column("unit", "label", "i.unit", "unit"),
            _column("direction", "label", "p.direction", "direction"),
            _column("measure", "label", "p.measure", "measure"),
            _column("weight", "number", sql_rounded("i.weight", WEIGHT_DECIMALS)),
            *area_columns(plan, "p", language),
            _column("base_year", "integer", "p.base_year"),
            _column("base_value", "number", sql_rounded("p.base_value", INDICATOR_DECIMALS)),
            _column("latest_year", "integer", "p.latest_year"),
            _column("latest_value", "number", sql_rounded("p.latest_value", INDICATOR_DECIMALS)),
            _column("target_year", "integer", "p.target_year"),
            _column("target_value", "number", sql_rounded("p.target_value", INDICATOR_DECIMALS)),
            _column("realization_pct", "number", rounded_percent("p.realization_pct")),
            _column("expected_pct", "number", rounded_percent("p.expected_pct")),
            _column("expected_now_pct", "number", rounded_percent("p.expected_now_pct")),
            _column("status", "label", "p.status", "status"),
            _column("status_code", "code", "p.status"),
            _column("pace_ratio", "number", sql_rounded("p.pace_ratio", RATIO_DECIMALS)),
            _column("score", "number", sql_rounded("p.score", RATIO_DECIMALS)),
            _column("trend", "label", "p.trend", "trend"),
            _column("projected_year", "integer", "p.projected_year"),
            _column("projection", "label", "p.projection", "projection"),
            _column("method", "label", "p.method", "method"),
            _column("data_points", "integer", "p.data_points"),
            _column("actual_pace", "number", sql_rounded("p.actual_pace", PACE_DECIMALS)),
            _column("required_pace", "number", sql_rounded("p.required_pace", PACE_DECIMALS)),
            _column("flags", "code", "p.flags"),
            _column("source_id", "code", "p.last_source_id"),
            _column("run_id", "integer", "p.last_run_id"),
            _column("loaded_at", "datetime", "p.last_loaded_at"),
            _column("is_demo", "boolean", "coalesce(p.is_demo, false)"),
        ]
    depth = node_depth(plan, level)
    if depth is not None:
        return [
            _column("plan_code", "code", "p.plan_code"),
            *lineage_columns(plan, depth, language),
            *area_columns(plan, "p", language),
            *node_progress_columns("p", with_score=True),
            _column("children", "integer", "p.children"),
            _column("children_with_data", "integer", "p.children_with_data"),
            _column("withheld", "boolean", "p.withheld"),
            _column("note", "text", "p.note"),
            _column("is_demo", "boolean", "coalesce(demo.is_demo, false)"),
        ]
    if level == DISTRICTS:
        return [
            _column("plan_code", "code", "s.plan_code"),
            _column("district_code", "code", "s.area_code"),
            _column("district_name", "text", "d.name"),
            *(
                [_column("region_code", "code", "d.region_code"), _column("region_name", "text", f"r.name_{language}")]
                if plan.regions
                else []
            ),
            _column("node_level", "label", "s.depth", "depth"),
            _column("node_code", "code", "s.node_code"),
            _column("node_name", "text", f"coalesce(n.title_{language}, pl.title_{language})"),
            *node_progress_columns("s", with_score=False),
            _column("rank", "integer", "s.district_rank"),
            _column("ranked_districts", "integer", "s.ranked_districts"),
            _column("province_realization_pct", "number", rounded_percent("province.realization_pct")),
            _column(
                "gap_to_province_pct",
                "number",
                rounded_percent(
                    f"{rounded_percent('s.realization_pct')} - {rounded_percent('province.realization_pct')}"
                ),
            ),
            _column("goals_measured", "integer", "measured.goals_measured"),
            _column("goals", "integer", "measured.goals"),
        ]
    if level in (YEARLY, LEAGUE, STATUS_COUNTS, LAGGING):
        return page_columns(plan, level, language)
    if level == REJECTED:
        return [
            _column("run_id", "integer", "x.run_id"),
            _column("source_id", "code", "x.source_id"),
            _column("file_name", "text", "x.file_name"),
            _column("row_number", "integer", "x.row_number"),
            _column("column_name", "text", "x.column_name"),
            _column("value", "text", "x.value"),
            _column("reason", "reason", REASON_DOCUMENT),
            _column("reason_code", "code", "x.reason_code"),
            _column("raw_row", "text", "x.raw_row"),
            _column("run_started_at", "datetime", "lr.started_at"),
            _column("run_status", "code", "lr.status"),
        ]
    raise ValueError(f"unknown level {level!r} (known: {', '.join(extract_levels(plan))})")


def page_columns(plan: Plan, level: str, language: str) -> list[ExtractColumn]:
    """The columns of the levels that give a page's table (warehouse.downloads.page_levels): the page's
    columns, with codes and units added, rounded as the page shows them."""
    if level == YEARLY:  # the indicator page's yearly table, alias y (indicator_yearly)
        return [
            _column("plan_code", "code", "y.plan_code"),
            *lineage_columns(plan, plan.goal_depth, language),
            _column("indicator_code", "code", "y.indicator_code"),
            _column("indicator_name", "text", f"i.name_{language}"),
            _column("unit", "label", "i.unit", "unit"),
            *area_columns(plan, "y", language),
            _column("year", "integer", "y.year"),
            _column("value", "number", sql_rounded("y.value", INDICATOR_DECIMALS)),
            _column("path_value", "number", sql_rounded("y.path_value", INDICATOR_DECIMALS)),
            _column("realization_pct", "number", rounded_percent("y.realization_pct")),
            _column("expected_pct", "number", rounded_percent("y.expected_pct")),
        ]
    if level == LEAGUE:  # a league table, alias l (warehouse.downloads.page_levels.LEAGUE_BODY)
        return [
            _column("league_rank", "integer", "l.rank"),
            _column("area_level", "label", "l.area_level", "area"),
            _column("area_code", "code", "l.area_code"),
            _column("area_name", "text", f"l.name_{language}"),
            *(
                [_column("region_code", "code", "r.region_code"), _column("region_name", "text", f"r.name_{language}")]
                if plan.regions
                else []
            ),
            _column("subject_code", "code", "l.subject_code"),
            _column("subject_name", "text", f"l.subject_name_{language}"),
            _column("unit", "label", "l.unit", "unit"),
            _column("value", "number", sql_rounded("l.value", "coalesce(l.precision, 2)")),
            _column("latest_year", "integer", "l.latest_year"),
            _column("realization_pct", "number", rounded_percent("l.realization_pct")),
            _column("expected_pct", "number", rounded_percent("l.expected_pct")),
            _column("status", "label", "l.status", "status"),
            _column("status_code", "code", "l.status"),
            _column("trend", "label", "l.trend", "trend"),
            _column(
                "gap_to_best", "number", sql_rounded("l.gap_to_best", f"coalesce(l.precision, {PERCENT_DECIMALS})")
            ),
            _column("ranked_areas", "integer", "l.ranked"),
        ]
    if level == STATUS_COUNTS:  # the overview's status counts, alias c
        return [
            _column("plan_code", "code", "c.plan_code"),
            _column(f"{node_parameters(plan)[0]}_code", "code", "c.root_code"),
            _column(f"{node_parameters(plan)[0]}_name", "text", f"c.root_title_{language}"),
            _column("status", "label", "c.status", "status"),
            _column("status_code", "code", "c.status"),
            _column("goal_count", "integer", "c.goals"),
            _column("indicator_count", "integer", "c.indicators"),
        ]
    # LAGGING: the overview's lagging goals, alias p (node_progress of the goals)
    return [
        _column("plan_code", "code", "p.plan_code"),
        *lineage_columns(plan, plan.goal_depth, language),
        _column("status", "label", "p.status", "status"),
        _column("status_code", "code", "p.status"),
        _column("realization_pct", "number", rounded_percent("p.realization_pct")),
        _column("expected_pct", "number", rounded_percent("p.expected_pct")),
        _column("score", "number", sql_rounded("p.score", RATIO_DECIMALS)),
        _column("trend", "label", "p.trend", "trend"),
    ]


def column_keys(plan: Plan) -> dict[str, list[str]]:
    """Column keys of every level of ``plan`` (for :func:`warehouse.downloads.filter.parse_filter`)."""
    return {level: [column.key for column in available_columns(plan, level)] for level in extract_levels(plan)}


def area_levels_of(extract: ExtractFilter) -> tuple[str, ...]:
    """The area levels an extract covers: the ones asked for, or the level's default.

    Measurements: every area. Progress: the districts asked for, else the
    regions asked for and their districts, else the province.
    """
    if extract.area_levels:
        return extract.area_levels
    if extract.districts:
        return ("district",)
    if extract.regions:
        return ("region", "district") if extract.level != MEASUREMENTS else ("district",)
    if extract.level == MEASUREMENTS:
        return ("province", "district")
    return ("province",)


def district_codes(plan: Plan, extract: ExtractFilter) -> list[str] | None:
    if extract.districts:
        return list(extract.districts)
    if extract.regions:
        return [district.code for district in plan.districts.values() if district.region in extract.regions]
    return None
