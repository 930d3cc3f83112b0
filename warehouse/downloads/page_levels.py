"""The levels that give one table of a page as the page shows it (its columns, with codes and units).

``yearly``          an indicator's yearly series in its areas (the indicator page's "Yearly values":
                    value, expected path, realization, expected), the province unless areas are asked for
``league``          areas ranked for indicators (by latest value in each one's good direction) or for the
                    deepest node chosen, else the whole plan (by realization), best first, with the rank
                    and the gap to the best, as :func:`warehouse.queries.district_league` ranks them;
                    districts unless ``area=region``; ``region`` limits the districts to a region's;
                    ``from``/``to`` name one past year (``to``, else ``from``): that year's values and
                    expected realization, without status or trend, as a past year's page shows them
``status_counts``   goals and indicators per top-level node and status (the overview's counts), every
                    status of every top-level node in scope, zeros included (the statuses that are no
                    assessment, such as not measured, only when something in scope has them)
``lagging``         goals in deterioration, limited progress, needing acceleration or past their target
                    year without reaching it (province), worst
                    first (the overview lists the first 12; the file has them all)

Each level has a FROM clause with its parameters (:func:`body`) and WHERE conditions
(:func:`conditions`); :func:`warehouse.downloads.extracts.build_extract` puts them together with the
columns of :func:`warehouse.downloads.columns.page_columns`. Values always travel as parameters.
"""

from __future__ import annotations

from gosterge.plan.model import Plan
from gosterge.progress.status import NOT_ASSESSED, STATUSES
from warehouse.downloads.columns import AREA_JOINS, AREA_ORDER, area_levels_of, district_codes, lineage_joins
from warehouse.downloads.filter import LAGGING, LEAGUE, STATUS_COUNTS, YEARLY, ExtractFilter

#: as warehouse.queries.standing.Standing.lagging_goals: falling behind, or past the target year without reaching it
LAGGING_STATUSES = ("deterioration", "limited", "acceleration_needed", "not_achieved")

#: indicator leagues: each indicator's latest value per area, in its good direction; parameters: plan,
#: indicator codes, area levels
INDICATOR_SUBJECTS = """
    select i.indicator_code as subject_code, i.name_tr as subject_name_tr, i.name_en as subject_name_en,
           i.unit, i.precision, i.sort_key
    from indicators i where i.plan_code = ? and list_contains(?::varchar[], i.indicator_code)
"""
INDICATOR_MEASURED = """
    select p.indicator_code as subject_code, p.area_level, p.area_code, p.latest_value as value, p.latest_year,
           p.realization_pct, p.expected_pct, p.status, p.trend,
           p.latest_value * case when i.direction = 'decrease' then -1 else 1 end as merit
    from indicator_progress p
    join indicators i on i.plan_code = p.plan_code and i.indicator_code = p.indicator_code
    where p.plan_code = ? and list_contains(?::varchar[], p.indicator_code) and list_contains(?::varchar[], p.area_level)
"""
#: node leagues (a node, or the plan: its code is the node code of the whole plan's rows); parameters:
#: plan, node code, plan, node code, area levels
NODE_SUBJECTS = """
    select n.node_code as subject_code, n.title_tr as subject_name_tr, n.title_en as subject_name_en,
           null::varchar as unit, null::integer as precision, n.sort_key
    from plan_nodes n where n.plan_code = ? and n.node_code = ?
    union all
    select pl.plan_code, pl.title_tr, pl.title_en, null, null, -1
    from plans pl where pl.plan_code = ? and pl.plan_code = ?
"""
NODE_MEASURED = """
    select p.node_code as subject_code, p.area_level, p.area_code, null::double as value, null::integer as latest_year,
           p.realization_pct, p.expected_pct, p.status, p.trend, p.realization_pct as merit
    from node_progress p
    where p.plan_code = ? and p.node_code = ? and list_contains(?::varchar[], p.area_level)
"""
#: a past year's league (the yearly tables: no status or trend, as the pages show a past year); parameters:
#: year, plan, indicator codes, area levels, year — or year, plan, node code, area levels, year, then for the
#: whole plan (the weighted mean of its top-level nodes, as the engine rolls the plan up) plan, node code,
#: area levels, year
INDICATOR_MEASURED_IN_YEAR = """
    select y.indicator_code as subject_code, y.area_level, y.area_code, y.value,
           case when y.value is not null then ?::integer end as latest_year, y.realization_pct, y.expected_pct,
           null::varchar as status, null::varchar as trend,
           y.value * case when i.direction = 'decrease' then -1 else 1 end as merit
    from indicator_yearly y
    join indicators i on i.plan_code = y.plan_code and i.indicator_code = y.indicator_code
    where y.plan_code = ? and list_contains(?::varchar[], y.indicator_code) and list_contains(?::varchar[], y.area_level)
      and y.year = ?
"""
NODE_MEASURED_IN_YEAR = """
    select y.node_code as subject_code, y.area_level, y.area_code, null::double as value,
           case when y.realization_pct is not null then ?::integer end as latest_year,
           y.realization_pct, y.expected_pct, null::varchar as status, null::varchar as trend,
           y.realization_pct as merit
    from node_yearly y
    where y.plan_code = ? and y.node_code = ? and list_contains(?::varchar[], y.area_level) and y.year = ?
    union all
    select y.plan_code, y.area_level, y.area_code, null, null,
           sum(n.weight * y.realization_pct) / sum(case when y.realization_pct is not null then n.weight end),
           sum(n.weight * y.expected_pct) / sum(case when y.expected_pct is not null then n.weight end),
           null, null,
           sum(n.weight * y.realization_pct) / sum(case when y.realization_pct is not null then n.weight end)
    from node_yearly y
    join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code and n.depth = 0
    where y.plan_code = ? and y.plan_code = ? and list_contains(?::varchar[], y.area_level) and y.year = ?
    group by y.plan_code, y.area_level, y.area_code
"""
#: the ranking; parameters: plan, area levels, district codes (or null), region codes (or null)
LEAGUE_BODY = """from (
    with subjects as ({subjects}),
    measured as ({measured}),
    areas as (
        select * from plan_areas
        where plan_code = ? and list_contains(?::varchar[], area_level)
          and (area_level <> 'district' or ?::varchar[] is null or list_contains(?::varchar[], area_code))
          and (area_level <> 'region' or ?::varchar[] is null or list_contains(?::varchar[], area_code))
    )
    select case when m.merit is null then null
                else rank() over (partition by s.subject_code, a.area_level order by m.merit desc nulls last) end
               as rank,
           a.area_level, a.area_code, a.name_tr, a.name_en, a.region_code, s.subject_code, s.subject_name_tr,
           s.subject_name_en, s.unit, s.precision, s.sort_key, m.value, m.latest_year, m.realization_pct,
           m.expected_pct, {status} as status, {trend} as trend, m.merit,
           abs(max(m.merit) over (partition by s.subject_code, a.area_level) - m.merit) as gap_to_best,
           count(m.merit) over (partition by s.subject_code, a.area_level) as ranked
    from subjects s
    cross join areas a
    left join measured m on m.subject_code = s.subject_code and m.area_level = a.area_level
         and m.area_code = a.area_code
) l
left join regions r on r.plan_code = ? and r.region_code = l.region_code"""
LEAGUE_ORDER = "l.sort_key, l.area_level, l.merit desc nulls last, l.name_tr collate tr"

#: goals and indicators per top-level node and status (province); parameters in the order of the ?s
STATUS_COUNTS_BODY = """from (
    with scope_path as (select path from plan_nodes where plan_code = ? and node_code = ?::varchar),
    roots as (
        select n.node_code, n.title_tr, n.title_en, n.sort_key from plan_nodes n
        where n.plan_code = ? and n.depth = 0
          and (?::varchar is null or list_contains((select path from scope_path), n.node_code))
    ),
    statuses as (select unnest(?::varchar[]) as status, generate_subscripts(?::varchar[], 1) as position),
    goals as (
        select n.root_code, coalesce(p.status, 'not_available') as status, count(*) as count
        from plan_nodes n
        left join node_progress p on p.plan_code = n.plan_code and p.node_code = n.node_code
             and p.area_level = 'province'
        where n.plan_code = ? and n.depth = ? and (?::varchar is null or list_contains(n.path, ?::varchar))
        group by all
    ),
    measured as (
        select g.root_code, coalesce(p.status, 'not_available') as status, count(*) as count
        from indicators i
        join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
        left join indicator_progress p on p.plan_code = i.plan_code and p.indicator_code = i.indicator_code
             and p.area_level = 'province'
        where i.plan_code = ? and (?::varchar is null or list_contains(g.path, ?::varchar))
        group by all
    )
    select ? as plan_code, r.node_code as root_code, r.title_tr as root_title_tr, r.title_en as root_title_en,
           r.sort_key, s.status, s.position, coalesce(g.count, 0) as goals, coalesce(m.count, 0) as indicators
    from roots r
    cross join statuses s
    left join goals g on g.root_code = r.node_code and g.status = s.status
    left join measured m on m.root_code = r.node_code and m.status = s.status
    -- as the page: the statuses that are no assessment only when something in scope has them
    where not list_contains(?::varchar[], s.status)
       or s.status in (select status from goals union select status from measured)
) c"""


def body(plan: Plan, extract: ExtractFilter) -> tuple[str, str, tuple[object, ...]]:
    """FROM … JOIN clauses, ORDER BY and the parameters of the joins, for a page level."""
    level, code = extract.level, extract.plan_code
    if level == YEARLY:
        sql = (
            "from indicator_yearly y\n"
            "join indicators i on i.plan_code = y.plan_code and i.indicator_code = y.indicator_code\n"
            + lineage_joins(plan.goal_depth, "i.plan_code", "i.goal_code")
            + AREA_JOINS.format(alias="y")
        )
        return sql, "i.sort_key, " + AREA_ORDER.format(alias="y") + ", y.year", ()
    if level == LEAGUE:
        return _league(plan, extract)
    if level == STATUS_COUNTS:
        scope = extract.deepest_node()
        statuses = list(STATUSES)
        goals: tuple[object, ...] = (code, scope, code, scope, statuses, statuses, code, plan.goal_depth, scope, scope)
        return STATUS_COUNTS_BODY, "c.sort_key, c.position", (*goals, code, scope, scope, code, list(NOT_ASSESSED))
    if level == LAGGING:
        sql = "from node_progress p\n" + lineage_joins(plan.goal_depth, "p.plan_code", "p.node_code")
        order = (
            "case p.status when 'deterioration' then 0 when 'limited' then 1 "
            "when 'acceleration_needed' then 2 else 3 end, p.score, "
            f"n{plan.goal_depth}.sort_key"
        )
        return sql, order, ()
    raise ValueError(f"not a page level: {level!r}")


def _league(plan: Plan, extract: ExtractFilter) -> tuple[str, str, tuple[object, ...]]:
    """The league's FROM clause: the latest values, or one past year's (``to``, else ``from``)."""
    code = extract.plan_code
    areas = list(extract.area_levels or ("district",))
    year = extract.period_to if extract.period_to is not None else extract.period_from
    parameters: list[object]
    if extract.indicators:
        indicators = list(extract.indicators)
        subjects = INDICATOR_SUBJECTS
        parameters = [code, indicators]
        if year is None:
            measured = INDICATOR_MEASURED
            parameters += [code, indicators, areas]
        else:
            measured = INDICATOR_MEASURED_IN_YEAR
            parameters += [year, code, indicators, areas, year]
    else:
        node = extract.deepest_node() or code
        subjects = NODE_SUBJECTS
        parameters = [code, node, code, node]
        if year is None:
            measured = NODE_MEASURED
            parameters += [code, node, areas]
        else:
            measured = NODE_MEASURED_IN_YEAR
            parameters += [year, code, node, areas, year, code, node, areas, year]
    districts = district_codes(plan, extract)
    regions = list(extract.regions) or None
    parameters += [code, areas, districts, districts, regions, regions, code]
    latest = year is None
    sql = LEAGUE_BODY.format(
        subjects=subjects,
        measured=measured,
        status="coalesce(m.status, 'not_available')" if latest else "null::varchar",
        trend="coalesce(m.trend, 'none')" if latest else "null::varchar",
    )
    return sql, LEAGUE_ORDER, tuple(parameters)


def conditions(plan: Plan, extract: ExtractFilter) -> tuple[list[str], list[object]]:
    """WHERE conditions (constant texts) and their parameters, for a page level."""
    level = extract.level
    if level in (LEAGUE, STATUS_COUNTS):
        return ["true"], []
    if level == LAGGING:
        found: list[str] = [
            "p.plan_code = ?",
            "p.area_level = 'province'",
            "p.depth = ?",
            "list_contains(?::varchar[], p.status)",
        ]
        values: list[object] = [extract.plan_code, plan.goal_depth, list(LAGGING_STATUSES)]
        for depth, code in extract.nodes:
            found.append(f"n{depth}.node_code = ?")
            values.append(code)
        return found, values
    found = ["y.plan_code = ?"]
    values = [extract.plan_code]
    for depth, code in extract.nodes:
        found.append(f"n{depth}.node_code = ?")
        values.append(code)
    if extract.indicators:
        found.append("list_contains(?::varchar[], y.indicator_code)")
        values.append(list(extract.indicators))
    found.append("list_contains(?::varchar[], y.area_level)")
    values.append(list(area_levels_of(extract)))
    if extract.regions and not extract.districts:
        found.append("(y.area_level <> 'region' or list_contains(?::varchar[], y.area_code))")
        values.append(list(extract.regions))
    districts = district_codes(plan, extract)
    if districts is not None:
        found.append("(y.area_level <> 'district' or list_contains(?::varchar[], y.area_code))")
        values.append(districts)
    if extract.period_from is not None:
        found.append("y.year >= ?")
        values.append(extract.period_from)
    if extract.period_to is not None:
        found.append("y.year <= ?")
        values.append(extract.period_to)
    return found, values
