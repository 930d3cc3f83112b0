"""Extract queries: one per level, with a column whitelist, read in batches.

Levels (see :mod:`warehouse.downloads.filter` for the parameters):

``measurements``  one row per indicator, area and period
``indicators``    indicator progress per area
``axes``, ``priorities``, ``goals``, ``aims`` … (the plan's own level keys)
                  node progress per area
``districts``     district scorecards: every district × node, with rank and the province
``rejected``      rows the loads rejected, with the reason

Columns come only from the whitelist built here (:func:`available_columns`);
the SQL is assembled from constant fragments and aliases numbered by depth,
and every value travels as a parameter. Rows come back as Arrow record
batches; :func:`spill_extract` runs the query once on one snapshot, writes
the batches to a temporary file and lets the caller stream them without
holding the reader's connection (see :class:`SpilledExtract`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.ipc

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
    MEASUREMENTS,
    REJECTED,
    ExtractFilter,
    extract_levels,
    node_depth,
    node_parameters,
)

BATCH_ROWS = 10_000
CHUNK_ROWS = 50_000
SPILL_OPTIONS = pyarrow.ipc.IpcWriteOptions(compression="zstd")


@dataclass(frozen=True)
class ExtractColumn:
    """One whitelisted column: its key, how to present it and its SQL expression.

    ``kind`` is one of text, code, number, integer, date, datetime, boolean or
    label; a label column holds a code that the writer names from
    ``vocabulary`` (status, trend, unit, area, direction, measure, method,
    projection, period_type, depth).
    """

    key: str
    kind: str
    expression: str
    vocabulary: str | None = None


@dataclass(frozen=True)
class ExtractQuery:
    """The SQL, its parameters and the columns it returns, in order."""

    sql: str
    parameters: tuple[object, ...]
    columns: tuple[ExtractColumn, ...]


def _column(key: str, kind: str, expression: str, vocabulary: str | None = None) -> ExtractColumn:
    return ExtractColumn(key, kind, expression, vocabulary)


def _lineage_columns(plan: Plan, down_to: int, language: str) -> list[ExtractColumn]:
    """Code and name of every node from the top level down to depth ``down_to`` (aliases n0 … nd)."""
    names = node_parameters(plan)
    columns: list[ExtractColumn] = []
    for depth in range(down_to + 1):
        columns.append(_column(f"{names[depth]}_code", "code", f"n{depth}.node_code"))
        columns.append(_column(f"{names[depth]}_name", "text", f"n{depth}.title_{language}"))
    return columns


def _lineage_joins(from_depth: int, plan_column: str, node_column: str) -> str:
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


def _area_columns(plan: Plan, alias: str, language: str) -> list[ExtractColumn]:
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


def _percent(expression: str) -> str:
    return sql_rounded(expression, PERCENT_DECIMALS)


def _node_progress_columns(alias: str, *, with_score: bool) -> list[ExtractColumn]:
    """A node's realization, expected realization, status (named and as a code), score and trend and
    its coverage in percent, from the ``node_progress`` row ``alias``, rounded as the pages show them."""
    return [
        _column("realization_pct", "number", _percent(f"{alias}.realization_pct")),
        _column("expected_pct", "number", _percent(f"{alias}.expected_pct")),
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


def _measurement_target_columns() -> list[ExtractColumn]:
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
            *_lineage_columns(plan, goal_depth, language),
            _column("indicator_code", "code", "m.indicator_code"),
            _column("indicator_name", "text", f"i.name_{language}"),
            _column("unit", "label", "i.unit", "unit"),
            *_area_columns(plan, "m", language),
            _column("period", "code", "m.period"),
            _column("period_type", "label", "m.period_type", "period_type"),
            _column("year", "integer", "m.year"),
            _column("period_end", "date", "m.period_end"),
            _column("value", "number", "m.value"),
            *_measurement_target_columns(),
            _column("source_id", "code", "m.source_id"),
            _column("run_id", "integer", "m.run_id"),
            _column("loaded_at", "datetime", "m.loaded_at"),
            _column("is_demo", "boolean", "m.is_demo"),
        ]
    if level == INDICATORS:
        return [
            _column("plan_code", "code", "p.plan_code"),
            *_lineage_columns(plan, goal_depth, language),
            _column("indicator_code", "code", "p.indicator_code"),
            _column("indicator_name", "text", f"i.name_{language}"),
            _column("unit", "label", "i.unit", "unit"),
            _column("direction", "label", "p.direction", "direction"),
            _column("measure", "label", "p.measure", "measure"),
            _column("weight", "number", sql_rounded("i.weight", WEIGHT_DECIMALS)),
            *_area_columns(plan, "p", language),
            _column("base_year", "integer", "p.base_year"),
            _column("base_value", "number", sql_rounded("p.base_value", INDICATOR_DECIMALS)),
            _column("latest_year", "integer", "p.latest_year"),
            _column("latest_value", "number", sql_rounded("p.latest_value", INDICATOR_DECIMALS)),
            _column("target_year", "integer", "p.target_year"),
            _column("target_value", "number", sql_rounded("p.target_value", INDICATOR_DECIMALS)),
            _column("realization_pct", "number", _percent("p.realization_pct")),
            _column("expected_pct", "number", _percent("p.expected_pct")),
            _column("expected_now_pct", "number", _percent("p.expected_now_pct")),
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
            *_lineage_columns(plan, depth, language),
            *_area_columns(plan, "p", language),
            *_node_progress_columns("p", with_score=True),
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
            *_node_progress_columns("s", with_score=False),
            _column("rank", "integer", "s.district_rank"),
            _column("ranked_districts", "integer", "s.ranked_districts"),
            _column("province_realization_pct", "number", _percent("province.realization_pct")),
            _column(
                "gap_to_province_pct",
                "number",
                _percent(f"{_percent('s.realization_pct')} - {_percent('province.realization_pct')}"),
            ),
        ]
    if level == REJECTED:
        return [
            _column("run_id", "integer", "x.run_id"),
            _column("source_id", "code", "x.source_id"),
            _column("file_name", "text", "x.file_name"),
            _column("row_number", "integer", "x.row_number"),
            _column("column_name", "text", "x.column_name"),
            _column("value", "text", "x.value"),
            _column("reason", "text", "x.reason"),
            _column("raw_row", "text", "x.raw_row"),
            _column("run_started_at", "datetime", "lr.started_at"),
            _column("run_status", "code", "lr.status"),
        ]
    raise ValueError(f"unknown level {level!r} (known: {', '.join(extract_levels(plan))})")


def column_keys(plan: Plan) -> dict[str, list[str]]:
    """Column keys of every level of ``plan`` (for :func:`warehouse.downloads.filter.parse_filter`)."""
    return {level: [column.key for column in available_columns(plan, level)] for level in extract_levels(plan)}


def build_extract(plan: Plan, extract: ExtractFilter, *, chunk: Chunk | None = None) -> ExtractQuery:
    """The query answering ``extract`` (already validated against ``plan``).

    ``chunk`` limits a measurements extract to one slice of its order (see
    :func:`measurement_chunks`).
    """
    whitelist = available_columns(plan, extract.level, extract.language)
    by_key = {column.key: column for column in whitelist}
    columns = tuple(by_key[key] for key in extract.columns) if extract.columns else tuple(whitelist)
    select = ",\n       ".join(f"{column.expression} as {column.key}" for column in columns)
    conditions, parameters = _conditions(plan, extract)
    if chunk is not None:
        conditions += [
            "list_contains(?::varchar[], m.indicator_code)",
            f"(i.sort_key > ? or (i.sort_key = ? and {MEASUREMENT_AREA_RANK} >= ?))",
            f"(i.sort_key < ? or (i.sort_key = ? and {MEASUREMENT_AREA_RANK} <= ?))",
        ]
        parameters += [
            list(chunk.indicator_codes),
            chunk.first[0],
            chunk.first[0],
            chunk.first[1],
            chunk.last[0],
            chunk.last[0],
            chunk.last[1],
        ]
    body, order, body_parameters = _body(plan, extract)
    where = " and ".join(conditions)
    sql = f"select {select}\n{body}\nwhere {where}\norder by {order}"  # noqa: S608 - whitelisted fragments only
    return ExtractQuery(sql, (*body_parameters, *parameters), columns)


@dataclass(frozen=True)
class Chunk:
    """A slice of a measurements extract: (indicator sort key, area rank) from ``first`` to ``last``."""

    indicator_codes: tuple[str, ...]
    first: tuple[int, int]
    last: tuple[int, int]
    rows: int


def measurement_chunks(
    connection: duckdb.DuckDBPyConnection, plan: Plan, extract: ExtractFilter, *, chunk_rows: int = CHUNK_ROWS
) -> list[Chunk]:
    """Cut a measurements extract into slices of about ``chunk_rows`` rows, in the extract's order.

    Sorting a million wide rows at once costs DuckDB hundreds of megabytes;
    sorting slices of whole (indicator, area) series keeps memory bounded by
    the slice (one series is never cut) and the output order is the same.
    """
    conditions, parameters = _conditions(plan, extract)
    body, _, body_parameters = _body(plan, extract)
    series = connection.execute(
        f"""
        select m.indicator_code, i.sort_key, {MEASUREMENT_AREA_RANK} as area_rank, count(*) as row_count
        {body}
        where {" and ".join(conditions)}
        group by all
        order by i.sort_key, area_rank
        """,  # noqa: S608 - whitelisted fragments only
        [*body_parameters, *parameters],
    ).fetchall()
    chunks: list[Chunk] = []
    codes: list[str] = []
    first: tuple[int, int] | None = None
    last: tuple[int, int] = (0, 0)
    rows = 0
    for indicator_code, sort_key, area_rank, row_count in series:
        if first is not None and rows + row_count > chunk_rows:
            chunks.append(Chunk(tuple(codes), first, last, rows))
            codes, first, rows = [], None, 0
        if first is None:
            first = (int(sort_key), int(area_rank))
        if not codes or codes[-1] != indicator_code:
            codes.append(indicator_code)
        last = (int(sort_key), int(area_rank))
        rows += int(row_count)
    if first is not None:
        chunks.append(Chunk(tuple(codes), first, last, rows))
    return chunks


def _body(plan: Plan, extract: ExtractFilter) -> tuple[str, str, tuple[object, ...]]:
    """FROM … JOIN clauses, ORDER BY and the parameters the joins need."""
    level = extract.level
    goal_depth = plan.goal_depth
    if level == MEASUREMENTS:
        body = (
            "from measurements m\n"
            "join indicators i on i.plan_code = m.plan_code and i.indicator_code = m.indicator_code\n"
            + _lineage_joins(goal_depth, "i.plan_code", "i.goal_code")
            + AREA_JOINS.format(alias="m")
            + "left join interim_targets it on it.plan_code = m.plan_code "
            "and it.indicator_code = m.indicator_code and it.year = m.year\n"
            "left join indicator_progress area on area.plan_code = m.plan_code "
            "and area.indicator_code = m.indicator_code and area.area_level = m.area_level "
            "and area.area_code = m.area_code"
        )
        return body, f"i.sort_key, {MEASUREMENT_AREA_RANK}, m.period_end, m.period", ()
    if level == INDICATORS:
        body = (
            "from indicator_progress p\n"
            "join indicators i on i.plan_code = p.plan_code and i.indicator_code = p.indicator_code\n"
            + _lineage_joins(goal_depth, "i.plan_code", "i.goal_code")
            + AREA_JOINS.format(alias="p")
        )
        return body, "i.sort_key, " + AREA_ORDER.format(alias="p"), ()
    depth = node_depth(plan, level)
    if depth is not None:
        body = (
            "from node_progress p\n"
            + _lineage_joins(depth, "p.plan_code", "p.node_code")
            + AREA_JOINS.format(alias="p")
            + "left join ("
            + DEMO_BY_NODE
            + ") demo on demo.node_code = p.node_code "
            "and demo.area_level = p.area_level and demo.area_code = p.area_code"
        )
        return body, f"n{depth}.sort_key, " + AREA_ORDER.format(alias="p"), (depth + 1, extract.plan_code)
    if level == DISTRICTS:
        body = """from (
    select *,
           case when realization_pct is null then null
                else rank() over (partition by node_code order by realization_pct desc nulls last) end
               as district_rank,
           count(realization_pct) over (partition by node_code) as ranked_districts
    from node_progress where plan_code = ? and area_level = 'district'
) s
join plans pl on pl.plan_code = s.plan_code
join districts d on d.plan_code = s.plan_code and d.district_code = s.area_code
left join regions r on r.plan_code = s.plan_code and r.region_code = d.region_code
left join plan_nodes n on n.plan_code = s.plan_code and n.node_code = s.node_code
left join node_progress province on province.plan_code = s.plan_code and province.node_code = s.node_code
     and province.area_level = 'province'"""
        return body, "d.position, coalesce(n.sort_key, -1)", (extract.plan_code,)
    body = "from rejected_rows x\nleft join load_runs lr on lr.run_id = x.run_id"
    return body, "x.run_id desc, x.row_number, x.column_name", ()


def _conditions(plan: Plan, extract: ExtractFilter) -> tuple[list[str], list[object]]:
    """WHERE conditions (constant texts) and their parameters."""
    level = extract.level
    if level == REJECTED:
        conditions = ["(x.plan_code = ? or x.plan_code is null)"]
        parameters: list[object] = [extract.plan_code]
        if extract.run_id is not None:
            conditions.append("x.run_id = ?")
            parameters.append(extract.run_id)
        if extract.source_id is not None:
            conditions.append("x.source_id = ?")
            parameters.append(extract.source_id)
        return conditions, parameters
    if level == DISTRICTS:
        conditions, parameters = ["true"], []
        if extract.nodes:
            conditions.append("list_contains(n.path, ?)")
            parameters.append(extract.nodes[-1][1])
        districts = _district_codes(plan, extract)
        if districts is not None:
            conditions.append("list_contains(?::varchar[], s.area_code)")
            parameters.append(districts)
        return conditions, parameters
    alias = "m" if level == MEASUREMENTS else "p"
    conditions = [f"{alias}.plan_code = ?"]
    parameters = [extract.plan_code]
    depth = node_depth(plan, level)
    if depth is not None:
        conditions.append("p.depth = ?")
        parameters.append(depth)
    for depth, code in extract.nodes:
        conditions.append(f"n{depth}.node_code = ?")
        parameters.append(code)
    if extract.indicators:
        conditions.append(f"list_contains(?::varchar[], {alias}.indicator_code)")
        parameters.append(list(extract.indicators))
    areas = area_levels_of(extract)
    conditions.append(f"list_contains(?::varchar[], {alias}.area_level)")
    parameters.append(list(areas))
    if extract.regions and not extract.districts:
        conditions.append(f"({alias}.area_level <> 'region' or list_contains(?::varchar[], {alias}.area_code))")
        parameters.append(list(extract.regions))
    districts = _district_codes(plan, extract)
    if districts is not None:
        conditions.append(f"({alias}.area_level <> 'district' or list_contains(?::varchar[], {alias}.area_code))")
        parameters.append(districts)
    if extract.period_from is not None:
        conditions.append("m.year >= ?")
        parameters.append(extract.period_from)
    if extract.period_to is not None:
        conditions.append("m.year <= ?")
        parameters.append(extract.period_to)
    return conditions, parameters


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


def _district_codes(plan: Plan, extract: ExtractFilter) -> list[str] | None:
    if extract.districts:
        return list(extract.districts)
    if extract.regions:
        return [district.code for district in plan.districts.values() if district.region in extract.regions]
    return None


def plan_progress(connection: duckdb.DuckDBPyConnection, plan: Plan, extract: ExtractFilter) -> pa.Table:
    """The whole plan's roll-up in the extract's areas: area, realization, expected, status, trend, coverage."""
    areas_only = replace(extract, level=INDICATORS, nodes=(), indicators=(), period_from=None, period_to=None)
    conditions, parameters = _conditions(plan, areas_only)
    area_name = _area_columns(plan, "p", extract.language)[2].expression
    sql = f"""
        select p.area_level, p.area_code, {area_name} as area_name,
               {_percent("p.realization_pct")} as realization_pct, {_percent("p.expected_pct")} as expected_pct,
               p.status, {sql_rounded("p.score", RATIO_DECIMALS)} as score, p.trend,
               {sql_rounded("p.coverage * 100", COVERAGE_DECIMALS)} as coverage_pct
        from node_progress p
        {AREA_JOINS.format(alias="p")}
        where p.depth = -1 and {" and ".join(conditions)}
        order by {AREA_ORDER.format(alias="p")}
        """  # noqa: S608 - whitelisted fragments only
    return connection.sql(sql, params=parameters).to_arrow_table()


# ---------------------------------------------------------------- reading


def fetch_table(connection: duckdb.DuckDBPyConnection, query: ExtractQuery) -> pa.Table:
    """The whole extract as one Arrow table (for small levels: the meeting pack, previews)."""
    return connection.sql(query.sql, params=list(query.parameters)).to_arrow_table()


def _one(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[object]) -> tuple | None:
    """The single row of ``sql`` (fetched to the end: DuckDB 2.0 refuses the next relation query while
    a result is unfinished, and fetchone() leaves it so)."""
    found = connection.execute(sql, parameters).fetchall()
    return found[0] if found else None


def count_rows(connection: duckdb.DuckDBPyConnection, query: ExtractQuery) -> int:
    row = _one(
        connection,
        f"select count(*) from ({query.sql})",  # noqa: S608 - built by build_extract
        list(query.parameters),
    )
    return int(row[0]) if row else 0


def preview(
    connection: duckdb.DuckDBPyConnection, query: ExtractQuery, *, limit: int, offset: int = 0
) -> tuple[pa.Table, int]:
    """One page of the extract (``limit`` rows from ``offset``) and the total row count."""
    page = connection.sql(
        f"select * from ({query.sql}) limit ? offset ?",  # noqa: S608 - built by build_extract
        params=[*query.parameters, int(limit), int(offset)],
    ).to_arrow_table()
    return page, count_rows(connection, query)


class SpilledExtract:
    """An extract's rows in a temporary Arrow file, read back batch by batch.

    The file is unlinked as soon as it is written and read through the open
    handle, so nothing stays on disk after :meth:`close`, after an error, or
    even when the process is killed mid-download.
    """

    def __init__(self, path: Path, schema: pa.Schema, row_count: int):
        self.path = path
        self.schema = schema
        self.row_count = row_count
        self._source: pa.OSFile | None = pa.OSFile(str(path), "rb")
        path.unlink()

    def batches(self) -> Iterator[pa.RecordBatch]:
        """Yield the record batches in order; only one batch is in memory at a time."""
        if self._source is None:
            raise ValueError("this extract is closed")
        reader = pyarrow.ipc.open_file(self._source)
        for index in range(reader.num_record_batches):
            yield reader.get_batch(index)

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def __enter__(self) -> SpilledExtract:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def spill_extract(
    connection: duckdb.DuckDBPyConnection,
    plan: Plan,
    extract: ExtractFilter,
    *,
    folder: Path | None = None,
    batch_rows: int = BATCH_ROWS,
    chunk_rows: int = CHUNK_ROWS,
) -> SpilledExtract:
    """Run the extract once and write its rows to a temporary zstd-compressed Arrow file.

    The reader's connection is needed only while this runs (about a second per
    million rows); streaming the file to a slow client afterwards holds no
    connection and no lock, and sees one consistent snapshot. Measurements
    are read in ordered slices (:func:`measurement_chunks`) so memory stays
    bounded however many rows there are.
    """
    if extract.level == MEASUREMENTS:
        queries = [
            build_extract(plan, extract, chunk=chunk)
            for chunk in measurement_chunks(connection, plan, extract, chunk_rows=chunk_rows)
        ]
    else:
        queries = []
    if not queries:
        queries = [build_extract(plan, extract)]
    handle, name = tempfile.mkstemp(prefix="gosterge-extract-", suffix=".arrow", dir=folder)
    os.close(handle)
    path = Path(name)
    rows = 0
    try:
        schema = None
        with pa.OSFile(name, "wb") as sink:
            writer = None
            for query in queries:
                result = connection.sql(query.sql, params=list(query.parameters)).to_arrow_reader(batch_rows)
                if writer is None:
                    schema = result.schema
                    writer = pyarrow.ipc.new_file(sink, schema, options=SPILL_OPTIONS)
                for batch in result:
                    if batch.num_rows:
                        writer.write_batch(batch)
                        rows += batch.num_rows
            assert writer is not None and schema is not None
            writer.close()
        return SpilledExtract(path, schema, rows)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- provenance


@dataclass(frozen=True)
class Provenance:
    """What an export says about the data it came from."""

    data_version: int
    published_at: str | None
    last_loaded_at: str | None
    last_source_id: str | None
    last_run_id: int | None
    has_demo: bool
    methods: tuple[str, ...]


def provenance(connection: duckdb.DuckDBPyConnection, plan_code: str) -> Provenance:
    """Data version, newest load of the plan's measurements, demo flag and status methods in use."""
    publication = _one(
        connection, "select data_version, strftime(published_at, '%Y-%m-%dT%H:%M:%S') from publication", []
    )
    load = _one(
        connection,
        """
        select strftime(max(loaded_at), '%Y-%m-%dT%H:%M:%S'), arg_max(source_id, loaded_at),
               arg_max(run_id, loaded_at), coalesce(bool_or(is_demo), false)
        from measurements where plan_code = ?
        """,
        [plan_code],
    )
    methods = connection.execute(
        "select distinct method from indicator_progress where plan_code = ? order by method", [plan_code]
    ).fetchall()
    version, published_at = (int(publication[0]), publication[1]) if publication else (0, None)
    loaded_at, source_id, run_id, has_demo = load if load else (None, None, None, False)
    return Provenance(
        version,
        published_at,
        loaded_at,
        source_id,
        None if run_id is None else int(run_id),
        bool(has_demo),
        tuple(row[0] for row in methods),
    )
