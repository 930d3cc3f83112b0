"""The SQL of an extract: one query per level, assembled from constant fragments and the column
whitelist (:mod:`warehouse.downloads.columns`), with aliases numbered by depth; every value
travels as a parameter. Measurements are cut into ordered slices (:func:`measurement_chunks`) so
that sorting stays within bounded memory; small levels are read whole (:func:`fetch_table`) or a
page at a time (:func:`preview`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pyarrow as pa

from gosterge.plan.model import Plan
from warehouse.downloads.columns import ExtractColumn, area_columns, available_columns
from warehouse.downloads.filter import (
    DISTRICTS,
    INDICATORS,
    MEASUREMENTS,
    REJECTED,
    ExtractFilter,
    node_depth,
)

CHUNK_ROWS = 50_000


@dataclass(frozen=True)
class ExtractQuery:
    """The SQL, its parameters and the columns it returns, in order."""

    sql: str
    parameters: tuple[object, ...]
    columns: tuple[ExtractColumn, ...]


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
            "and it.indicator_code = m.indicator_code and it.year = m.year"
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
     and province.area_level = 'province'
left join (
    -- "N of M goals measured per district": a goal measured by province only is not measured there
    select g.area_code, count(*) filter (where g.status <> 'not_measured') as goals_measured, count(*) as goals
    from node_progress g
    where g.plan_code = ? and g.area_level = 'district'
      and g.depth = (select max(depth) from plan_nodes where plan_code = g.plan_code)
    group by g.area_code
) measured on measured.area_code = s.area_code"""
        return body, "d.position, coalesce(n.sort_key, -1)", (extract.plan_code, extract.plan_code)
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
    area_name = area_columns(plan, "p", extract.language)[2].expression
    sql = f"""
        select p.area_level, p.area_code, {area_name} as area_name, p.realization_pct, p.expected_pct,
               p.status, p.score, p.trend, p.coverage * 100 as coverage_pct
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


def count_rows(connection: duckdb.DuckDBPyConnection, query: ExtractQuery) -> int:
    """The number of rows of the extract (fetched to the end: DuckDB 2.0 refuses the next relation
    query while a result is unfinished)."""
    ((count,),) = connection.execute(
        f"select count(*) from ({query.sql})",  # noqa: S608 - built by build_extract
        list(query.parameters),
    ).fetchall()
    return int(count)


def preview(
    connection: duckdb.DuckDBPyConnection, query: ExtractQuery, *, limit: int, offset: int = 0
) -> tuple[pa.Table, int]:
    """One page of the extract (``limit`` rows from ``offset``) and the total row count."""
    page = connection.sql(
        f"select * from ({query.sql}) limit ? offset ?",  # noqa: S608 - built by build_extract
        params=[*query.parameters, int(limit), int(offset)],
    ).to_arrow_table()
    return page, count_rows(connection, query)
