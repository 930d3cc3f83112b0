"""Extract queries: one per level, with a column whitelist, read in batches.

Levels (see :mod:`warehouse.downloads.filter` for the parameters):

``measurements``  one row per indicator, area and period
``indicators``    indicator progress per area
``axes``, ``priorities``, ``goals``, ``aims`` … (the plan's own level keys)
                  node progress per area
``districts``     district scorecards: every district × node, with rank and the province
``yearly``, ``league``, ``status_counts``, ``lagging``
                  a page's own table (:mod:`warehouse.downloads.page_levels`)
``rejected``      rows the loads rejected, with the reason

Columns come only from the whitelist of :mod:`warehouse.downloads.columns`
(:func:`available_columns`); the SQL is assembled from constant fragments and
aliases numbered by depth, and every value travels as a parameter. Rows come back as Arrow record
batches; :func:`spill_extract` runs the query once on one snapshot, writes
the batches to a temporary file and lets the caller stream them without
holding the reader's connection (see :mod:`warehouse.downloads.spill`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pyarrow as pa

from gosterge.plan.model import Plan
from gosterge.rounding import COVERAGE_DECIMALS, RATIO_DECIMALS, sql_rounded
from warehouse.downloads import page_levels
from warehouse.downloads.columns import (
    AREA_JOINS,
    AREA_ORDER,
    DEMO_BY_NODE,
    MEASUREMENT_AREA_RANK,
    ExtractColumn,
    area_columns,
    area_levels_of,
    available_columns,
    column_keys,
    district_codes,
    lineage_joins,
    rounded_percent,
)
from warehouse.downloads.filter import (
    DISTRICTS,
    INDICATORS,
    MEASUREMENTS,
    PAGE_LEVELS,
    REJECTED,
    ExtractFilter,
    node_depth,
)

__all__ = [
    "ExtractColumn",
    "ExtractQuery",
    "area_levels_of",
    "available_columns",
    "build_extract",
    "column_keys",
    "count_rows",
    "fetch_table",
    "measurement_chunks",
    "plan_progress",
    "preview",
]

CHUNK_ROWS = 50_000


@dataclass(frozen=True)
class ExtractQuery:
    """The SQL, its parameters and the columns it returns, in order."""

    sql: str
    parameters: tuple[object, ...]
    columns: tuple[ExtractColumn, ...]


def build_extract(plan: Plan, extract: ExtractFilter, *, chunk: Chunk | None = None) -> ExtractQuery:
    """The query answering ``extract`` (already validated against ``plan``).

    ``chunk`` limits a measurements extract to one slice of its order (see
    :func:`measurement_chunks`).
    """
    whitelist = available_columns(plan, extract.level, extract.language)
    by_key = {column.key: column for column in whitelist}
    columns = tuple(by_key[key] for key in extract.columns) if extract.columns else tuple(whitelist)
    select = ",\n       ".join(f"{column.expression} as {column.key}" for column in columns)
    page_level = extract.level in PAGE_LEVELS
    conditions, parameters = (page_levels.conditions if page_level else _conditions)(plan, extract)
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
    body, order, body_parameters = (page_levels.body if page_level else _body)(plan, extract)
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
            + lineage_joins(goal_depth, "i.plan_code", "i.goal_code")
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
            + lineage_joins(goal_depth, "i.plan_code", "i.goal_code")
            + AREA_JOINS.format(alias="p")
        )
        return body, "i.sort_key, " + AREA_ORDER.format(alias="p"), ()
    depth = node_depth(plan, level)
    if depth is not None:
        body = (
            "from node_progress p\n"
            + lineage_joins(depth, "p.plan_code", "p.node_code")
            + AREA_JOINS.format(alias="p")
            + "left join ("
            + DEMO_BY_NODE
            + ") demo on demo.node_code = p.node_code "
            "and demo.area_level = p.area_level and demo.area_code = p.area_code"
        )
        return body, f"n{depth}.sort_key, " + AREA_ORDER.format(alias="p"), (depth + 1, extract.plan_code)
    if level == DISTRICTS:
        # every district × every node and the whole plan, as a district's scorecard shows them (a node
        # without district data is there, not available)
        body = """from (
    select g.plan_code, g.node_code, g.depth, g.area_code, p.realization_pct, p.expected_pct,
           coalesce(p.status, 'not_available') as status, coalesce(p.trend, 'none') as trend, p.coverage,
           case when p.realization_pct is null then null
                else rank() over (partition by g.node_code order by p.realization_pct desc nulls last) end
               as district_rank,
           count(p.realization_pct) over (partition by g.node_code) as ranked_districts
    from (
        select d.plan_code, d.district_code as area_code, n.node_code, n.depth
        from districts d
        join (select plan_code, node_code, depth from plan_nodes
              union all select plan_code, plan_code, -1 from plans) n on n.plan_code = d.plan_code
        where d.plan_code = ?
    ) g
    left join node_progress p on p.plan_code = g.plan_code and p.node_code = g.node_code
         and p.area_level = 'district' and p.area_code = g.area_code
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
        districts = district_codes(plan, extract)
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
    districts = district_codes(plan, extract)
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


def plan_progress(connection: duckdb.DuckDBPyConnection, plan: Plan, extract: ExtractFilter) -> pa.Table:
    """The whole plan's roll-up in the extract's areas: area, realization, expected, status, trend, coverage."""
    areas_only = replace(extract, level=INDICATORS, nodes=(), indicators=(), period_from=None, period_to=None)
    conditions, parameters = _conditions(plan, areas_only)
    area_name = area_columns(plan, "p", extract.language)[2].expression
    sql = f"""
        select p.area_level, p.area_code, {area_name} as area_name,
               {rounded_percent("p.realization_pct")} as realization_pct, {rounded_percent("p.expected_pct")} as expected_pct,
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


def one_row(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[object]) -> tuple | None:
    """The single row of ``sql`` (fetched to the end: DuckDB 2.0 refuses the next relation query while
    a result is unfinished, and fetchone() leaves it so)."""
    found = connection.execute(sql, parameters).fetchall()
    return found[0] if found else None


def count_rows(connection: duckdb.DuckDBPyConnection, query: ExtractQuery) -> int:
    row = one_row(
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
