"""Each district's (and region's) rank among the areas of its level, kept with its latest results.

A district's page shows where it stands among the districts for every indicator and node of the plan,
and a league lists them in order. Counted on each render, a rank read every district's rows of the plan
(82,000 at national scale): 15-25 ms of a district page's 65 (issue 16). The writer keeps it instead, in
``indicator_progress`` and ``node_progress`` (``area_rank``, ``areas_ranked``), for the rows a refresh
recomputed: all the areas of every indicator and node it touched, since one district's new value moves
the others' ranks.

The rank is the one the pages have always shown: 1 + the areas of the level with a better result (ties
share a rank, ``rank()``), by value in the indicator's good direction (its ``direction`` in the plan) or by
a node's realization; none for an area without a result. ``areas_ranked`` is how many areas have one. A
past year's ranks are counted by the queries from the yearly tables (warehouse/queries/scorecard.py).
"""

from __future__ import annotations

import duckdb

#: (table, code column, merit): what each table's areas are ranked by
RANKED = (
    (
        "indicator_progress",
        "indicator_code",
        "p.latest_value * case when (select direction from indicators i where i.plan_code = p.plan_code"
        " and i.indicator_code = p.indicator_code) = 'decrease' then -1 else 1 end",
    ),
    ("node_progress", "node_code", "p.realization_pct"),
)


def set_ranks(
    connection: duckdb.DuckDBPyConnection,
    plan_code: str | None,
    *,
    indicator_codes: list[str] | None = None,
    node_codes: list[str] | None = None,
) -> None:
    """The ranks of ``plan_code``'s district and region rows (every plan's when None) of ``indicator_codes``
    and ``node_codes`` (all when None), written into their rows."""
    for (table, code, merit), codes in zip(RANKED, (indicator_codes, node_codes), strict=True):
        if codes is not None and not codes:
            continue
        connection.execute(
            f"""
            update {table} as t
            set area_rank = r.area_rank, areas_ranked = r.areas_ranked
            from (
                select plan_code, {code}, area_level, area_code,
                       case when merit is not null
                            then rank() over (partition by plan_code, {code}, area_level order by merit desc nulls last)
                       end as area_rank,
                       count(merit) over (partition by plan_code, {code}, area_level) as areas_ranked
                from (
                    select p.plan_code, p.{code}, p.area_level, p.area_code, {merit} as merit
                    from {table} p
                    where ($plan::varchar is null or p.plan_code = $plan::varchar)
                      and p.area_level in ('district', 'region')
                      and ($all or list_contains($codes::varchar[], p.{code}))
                )
            ) r
            where t.plan_code = r.plan_code and t.{code} = r.{code} and t.area_level = r.area_level
              and t.area_code = r.area_code
            """,  # noqa: S608 - constant names; values as parameters
            {"plan": plan_code, "all": codes is None, "codes": codes or []},
        )
