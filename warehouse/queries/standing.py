"""A plan's standing in one area: every node's and indicator's latest progress and their years, read
for the whole plan in five questions, and what the pages show of it (the overview's summary, tiles,
counts and lagging goals, a node's rows and years, a goal's indicators) derived from it in memory.

Why one read for the whole plan: DuckDB answers each question in 5-15 ms however small its answer, and
the overview asked six narrow ones, a node's page five (issue 16). A plan's standing in an area is the
same for every overview, node and brief of that area in one snapshot, so :func:`standing_of` keeps the
province's (the pages' default) and the regions' with the reader's other facts of the snapshot, and a
district's among the reader's most recent answers; a view's own part is a take of a few hundred rows.

The derivations are the questions they replace, with the same rows, columns and order:
``tests/warehouse/test_standing.py`` compares each with those questions asked of the warehouse.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from warehouse.frames import records_of
from warehouse.queries.indicators import indicator_progress_question, indicators_yearly_question
from warehouse.reader import Reader

#: goal statuses the overview lists as lagging, in the order they are listed (then by score)
LAGGING_ORDER = ("deterioration", "limited", "acceleration_needed", "not_achieved")

#: the columns of a node row (and their order), as the pages read them
NODE_COLUMNS = [
    "node_code", "depth", "level_key", "parent_code", "root_code", "sort_key", "position",
    "title_tr", "title_en", "provenance", "weight",
    "realization_pct", "expected_pct", "score", "status", "trend", "coverage", "children",
    "children_with_data", "worst_children", "alarm_score", "withheld", "note",
]  # fmt: skip

#: a node's progress columns in the summary (their order as the overview's question gave them)
SUMMARY_COLUMNS = [
    "realization_pct", "expected_pct", "score", "status", "trend", "coverage", "children",
    "children_with_data", "withheld", "worst_children", "alarm_score", "note",
]  # fmt: skip

_NODES = """
    with nodes as (
        select node_code, depth, level_key, parent_code, root_code, sort_key, position,
               title_tr, title_en, provenance, weight, path
        from plan_nodes where plan_code = $plan
        union all by name
        -- the plan itself (its roll-up of the top level), first; whole numbers kept whole
        select $plan as node_code, -1 as depth, -1 as sort_key, -1 as position
    )
    select n.*,
           p.realization_pct, p.expected_pct, p.score,
           coalesce(p.status, 'not_available') as status, coalesce(p.trend, 'none') as trend,
           coalesce(p.coverage, 0.0) as coverage, p.children, p.children_with_data,
           p.worst_children, p.alarm_score, coalesce(p.withheld, true) as withheld, p.note
    from nodes n
    join plans pl on pl.plan_code = $plan
    left join node_progress p
      on p.plan_code = $plan and p.node_code = n.node_code
     and p.area_level = $area_level and p.area_code = coalesce($area_code::varchar, pl.province_code)
    order by n.depth = -1 desc, n.sort_key
"""

_LOADS = """
    -- every area's results: whether an indicator's data is demo data anywhere, and its newest load
    select indicator_code, bool_or(is_demo) as is_demo, max(last_loaded_at) as last_loaded_at
    from indicator_progress where plan_code = $plan
    group by indicator_code
    order by indicator_code
"""

_YEARS = """
    select y.node_code, y.year, y.realization_pct, y.expected_pct
    from node_yearly y
    join plans pl on pl.plan_code = y.plan_code
    where y.plan_code = $plan and y.area_level = $area_level
      and y.area_code = coalesce($area_code::varchar, pl.province_code)
    union all
    -- the plan's own years: the weighted mean of its top-level nodes, as the engine rolls the plan up
    select $plan as node_code, y.year,
           sum(n.weight * y.realization_pct) / sum(case when y.realization_pct is not null then n.weight end),
           sum(n.weight * y.expected_pct) / sum(case when y.expected_pct is not null then n.weight end)
    from node_yearly y
    join plans pl on pl.plan_code = y.plan_code
    join plan_nodes n on n.plan_code = y.plan_code and n.node_code = y.node_code and n.depth = 0
    where y.plan_code = $plan and y.area_level = $area_level
      and y.area_code = coalesce($area_code::varchar, pl.province_code)
    group by y.year
    order by node_code, year
"""


class _Rows:
    """A frame whose rows a view takes by position, typed as a question asking for them alone would type them:
    DuckDB gives a text column without a value as objects (None), where the whole plan's has Arrow strings.
    Which text rows hold a value is worked out once, so a take checks an array, not each column again."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame.reset_index(drop=True)
        self._texts: dict[str, Any] | None = None  # worked out at the first take: many frames are never taken

    def take(self, positions: list[int]) -> pd.DataFrame:
        if self._texts is None:
            self._texts = {
                name: column.notna().to_numpy()
                for name, column in self.frame.items()
                if isinstance(column.dtype, pd.StringDtype)
            }
        rows = self.frame.take(positions).reset_index(drop=True)
        empty = [name for name, has_value in self._texts.items() if not has_value[positions].any()]
        if empty:
            rows[empty] = pd.DataFrame(dict.fromkeys(empty, None), index=rows.index, dtype=object)
        return rows


def _positions(values: list[Any]) -> dict[Any, list[int]]:
    """Each value's row positions, in order."""
    found: dict[Any, list[int]] = defaultdict(list)
    for position, value in enumerate(values):
        found[value].append(position)
    return dict(found)


class Standing:
    """The plan ``plan`` in one area as the writer left it, with where each node's and indicator's rows are
    (worked out once, when read: a view's part is then a ``take`` of known rows, not a filter of every row).
    Kept and shared by every request of a snapshot: the methods give new frames; nothing changes these."""

    def __init__(
        self,
        plan: str,
        nodes: pd.DataFrame,
        root: dict[str, Any],
        indicators: pd.DataFrame,
        loads: pd.DataFrame,
        years: pd.DataFrame,
        indicator_years: pd.DataFrame,
    ) -> None:
        self.plan = plan
        self.nodes = nodes  # every node in plan order (NODE_COLUMNS and path), progress in the area
        self.root = root  # the plan's own row, as a node's
        self.indicators = indicators  # indicator_progress of every indicator in the area, plan order
        self.years = years  # node_code, year, realization_pct, expected_pct of every node and the plan
        self.indicator_years = indicator_years  # indicators_yearly of every indicator in the area
        self._node_rows = _Rows(nodes[NODE_COLUMNS])
        self._year_rows = _Rows(years[["year", "realization_pct", "expected_pct"]])
        self._indicator_rows = _Rows(indicators)
        self._indicator_year_rows = _Rows(indicator_years)
        self._one_indicator_year_rows = _Rows(indicator_years.drop(columns="indicator_code"))
        codes = nodes["node_code"].tolist()
        depths = [int(depth) for depth in nodes["depth"].tolist()]
        self.goal_depth = max(depths, default=0)
        self._records = dict(zip(codes, records_of(nodes[SUMMARY_COLUMNS]), strict=True))
        # each node's position, and the positions of the nodes under it (itself included), in plan order
        self._under: dict[str | None, list[int]] = {None: list(range(len(codes)))}
        for position, path in enumerate(nodes["path"]):
            for ancestor in path:
                self._under.setdefault(str(ancestor), []).append(position)
        self._depths = depths
        self._codes = codes
        self._roots = nodes["root_code"].tolist()
        self._statuses = nodes["status"].tolist()
        goals = [code for code, depth in zip(codes, depths, strict=True) if depth == self.goal_depth]
        self._tile_of = {code: position for position, code in enumerate(goals)}
        self._tiles = _Rows(self._all_tiles(goals))
        lagging = self._all_lagging()
        self._lagging_codes = lagging["node_code"].tolist()
        self._lagging = _Rows(lagging)
        goal_codes = indicators["goal_code"].tolist()
        self._indicators_of = _positions(goal_codes)
        self._indicator_codes = indicators["indicator_code"].tolist()
        self._position_of_indicator = _positions(self._indicator_codes)
        self._indicator_statuses = indicators["status"].tolist()
        root_of = dict(zip(codes, self._roots, strict=True))
        self._indicator_roots = [root_of[goal] for goal in goal_codes]  # an indicator's goal is always a node
        self._loads = {
            str(code): (bool(demo) if demo is not None and not pd.isna(demo) else False, loaded)
            for code, demo, loaded in zip(
                loads["indicator_code"], loads["is_demo"], loads["last_loaded_at"], strict=True
            )
        }
        self._years_of = _positions(years["node_code"].tolist())
        self._indicator_years_of = _positions(indicator_years["indicator_code"].tolist())

    def _all_tiles(self, goals: list[str]) -> pd.DataFrame:
        goal_rows = self.nodes[self.nodes["depth"] == self.goal_depth]
        parents = self.nodes.set_index("node_code")
        counts = self.indicators["goal_code"].value_counts()
        tiles = pd.DataFrame(
            {
                "node_code": goal_rows["node_code"],
                "title_tr": goal_rows["title_tr"],
                "title_en": goal_rows["title_en"],
                "provenance": goal_rows["provenance"],
                "sort_key": goal_rows["sort_key"],
                "group_code": goal_rows["parent_code"],
                "group_title_tr": goal_rows["parent_code"].map(parents["title_tr"]),
                "group_title_en": goal_rows["parent_code"].map(parents["title_en"]),
                "group_provenance": goal_rows["parent_code"].map(parents["provenance"]),
                "group_sort_key": goal_rows["parent_code"].map(parents["sort_key"]),
                **{key: goal_rows[key] for key in ("realization_pct", "expected_pct", "score", "status", "trend")},
                "coverage": goal_rows["coverage"],
                "indicators": goal_rows["node_code"].map(counts).fillna(0).astype("int64"),
            }
        ).reset_index(drop=True)
        assert list(tiles["node_code"]) == goals
        return tiles

    def _all_lagging(self) -> pd.DataFrame:
        goals = self.nodes[(self.nodes["depth"] == self.goal_depth) & self.nodes["status"].isin(LAGGING_ORDER)]
        ranked = goals.assign(_rank=goals["status"].map(LAGGING_ORDER.index))
        ranked = ranked.sort_values(["_rank", "score", "sort_key"], kind="stable", na_position="last")
        columns = ["node_code", "title_tr", "title_en", "provenance", "realization_pct", "expected_pct"]
        return ranked[[*columns, "score", "status", "trend", "worst_children"]].reset_index(drop=True)

    def _goals_under(self, scope: str | None) -> list[int]:
        return [position for position in self._under.get(scope, []) if self._depths[position] == self.goal_depth]

    def _indicators_under(self, scope: str | None) -> list[int]:
        if scope is None:
            return list(range(len(self._indicator_codes)))
        found: list[int] = []
        for position in self._goals_under(scope):
            found += self._indicators_of.get(self._codes[position], [])
        return sorted(found)

    def node_rows(self, scope: str | None = None, depth: int | None = None) -> pd.DataFrame:
        """Every node (under ``scope``, itself included; of ``depth``) in plan order, with its progress."""
        positions = self._under.get(scope, [])
        if depth is not None:
            positions = [position for position in positions if self._depths[position] == depth]
        return self._node_rows.take(positions)

    def summary(self, scope: str | None = None) -> dict[str, Any]:
        """The plan's (or ``scope``'s) realization, expected, status and trend in the area, with the number
        of its indicators, whether any of their data is demo data and their newest load (any area)."""
        if scope is None:
            row = self.root
        else:
            row = self._records.get(scope) or {"status": "not_available", "trend": "none"}
        codes = [self._indicator_codes[position] for position in self._indicators_under(scope)]
        loads = [self._loads[code] for code in codes if code in self._loads]
        loaded = [when for _, when in loads if when is not None and not pd.isna(when)]
        return {
            "node_code": scope or self.plan,
            **{key: row.get(key) for key in SUMMARY_COLUMNS},
            "indicators": len(codes),
            "is_demo": any(demo for demo, _ in loads),
            "last_loaded_at": max(loaded) if loaded else None,
        }

    def goal_tiles(self, scope: str | None = None) -> pd.DataFrame:
        """Every goal under ``scope`` with its parent group, progress and number of indicators."""
        return self._tiles.take([self._tile_of[self._codes[position]] for position in self._goals_under(scope)])

    def status_counts(self, scope: str | None = None) -> pd.DataFrame:
        """Goals and indicators per top-level node and status: root_code, kind, status, count."""
        counted = Counter(
            (self._roots[position], "goal", self._statuses[position]) for position in self._goals_under(scope)
        )
        counted.update(
            (self._indicator_roots[position], "indicator", self._indicator_statuses[position])
            for position in self._indicators_under(scope)
        )
        keys = sorted(counted)
        return pd.DataFrame(
            {
                "root_code": [key[0] for key in keys],
                "kind": [key[1] for key in keys],
                "status": [key[2] for key in keys],
                "count": pd.array([counted[key] for key in keys], dtype="int64"),
            }
        )

    def lagging_goals(self, scope: str | None = None, limit: int = 12) -> pd.DataFrame:
        """Goals falling behind or past their target year without reaching it, worst status first, then
        worst score, then plan order."""
        under = {self._codes[position] for position in self._goals_under(scope)}
        positions = [position for position, code in enumerate(self._lagging_codes) if code in under]
        return self._lagging.take(positions[:limit])

    def node_years(self, node: str) -> pd.DataFrame:
        """A node's (or, under the plan's code, the plan's) realization and expected realization by year."""
        return self._year_rows.take(self._years_of.get(node, []))

    def goal_indicators(self, goal: str) -> pd.DataFrame:
        """:func:`~warehouse.queries.indicators.indicator_progress` of ``goal``'s indicators."""
        return self._indicator_rows.take(self._indicators_of.get(goal, []))

    def indicator_rows(self, code: str) -> pd.DataFrame:
        """:func:`~warehouse.queries.indicators.indicator_progress` of the indicator ``code``."""
        return self._indicator_rows.take(self._position_of_indicator.get(code, []))

    def indicator_yearly(self, code: str) -> pd.DataFrame:
        """:func:`~warehouse.queries.indicators.indicator_yearly` of the indicator ``code``."""
        return self._one_indicator_year_rows.take(self._indicator_years_of.get(code, []))

    def years_of(self, indicators: list[str]) -> pd.DataFrame:
        """:func:`~warehouse.queries.indicators.indicators_yearly` of ``indicators``."""
        positions = sorted(position for code in set(indicators) for position in self._indicator_years_of.get(code, []))
        return self._indicator_year_rows.take(positions)


#: the five questions of a standing, by the name of its frame
FRAMES = ("nodes", "indicators", "loads", "years", "indicator_years")
#: each plan's province standing as the writer stores it in every catalog it publishes
#: (:func:`store_standings`), a table per frame: the plan's code, the row's place, then the frame's columns
STORED = {frame: f"standing_{frame}" for frame in FRAMES}
#: the digest of the questions whose answers those tables hold: a reader of other code (an upgrade) asks again
DIGEST_TABLE = "standing_questions"
#: the tables only a published catalog holds for the standings
CATALOG_TABLES = (DIGEST_TABLE, *STORED.values())


def _questions(plan: str, area_level: str, area_code: str | None) -> dict[str, tuple[str, dict[str, object]]]:
    parameters: dict[str, object] = {"plan": plan, "area_level": area_level, "area_code": area_code}
    return {
        "nodes": (_NODES, parameters),
        "indicators": indicator_progress_question(plan=plan, area_level=area_level, area_code=area_code),
        "loads": (_LOADS, {"plan": plan}),
        "years": (_YEARS, parameters),
        "indicator_years": indicators_yearly_question(
            plan=plan, indicators=None, area_level=area_level, area_code=area_code
        ),
    }


def read_standing(
    connection: duckdb.DuckDBPyConnection, *, plan: str, area_level: str = "province", area_code: str | None = None
) -> Standing:
    """The standing of ``plan`` in one area (the province when ``area_code`` is None): the province's as the
    writer stored it in the catalog (:func:`store_standings`), else read in five questions."""
    frames = _stored(connection, plan) if area_level == "province" and area_code is None else None
    if frames is None:
        frames = {
            name: connection.execute(sql, parameters).df()
            for name, (sql, parameters) in _questions(plan, area_level, area_code).items()
        }
    nodes = frames["nodes"]
    is_root = nodes["depth"] == -1
    root = records_of(nodes.loc[is_root, SUMMARY_COLUMNS])
    return Standing(
        plan=plan,
        nodes=nodes[~is_root].reset_index(drop=True),
        root=root[0] if root else {"status": "not_available", "trend": "none"},
        indicators=frames["indicators"],
        loads=frames["loads"],
        years=frames["years"],
        indicator_years=frames["indicator_years"],
    )


@functools.cache
def questions_digest() -> str:
    """A digest of the five questions' SQL: the stored answers are this code's only when their digest is."""
    texts = [sql for sql, _ in _questions("plan", "province", None).values()]
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]


def _stored(connection: duckdb.DuckDBPyConnection, plan: str) -> dict[str, pd.DataFrame] | None:
    """The plan's province standing as stored in the catalog ``connection`` reads; None when it holds none (a
    working database, a catalog written by other code, a plan the writer did not know)."""
    try:
        digest = connection.execute(f"select digest from {DIGEST_TABLE}").fetchall()  # noqa: S608 - a constant
    except duckdb.CatalogException:
        return None
    if digest != [(questions_digest(),)]:
        return None
    frames = {
        name: connection.execute(
            f"select * exclude (plan_code, row_place) from {table} where plan_code = ? order by row_place",  # noqa: S608 - a name of STORED
            [plan],
        ).df()
        for name, table in STORED.items()
    }
    return frames if len(frames["nodes"]) else None


def store_standings(connection: duckdb.DuckDBPyConnection, target: str) -> None:
    """Every plan's province standing, read in the connection's current database (the writer's working one),
    written into the tables :data:`STORED` of the attached database ``target`` (the catalog being published,
    a quoted name), replacing what they held: the questions every reader's first request after a load would
    ask (50-120 ms of a worker's CPU at 3 M measurements, in every worker of every server) are asked once, by
    the writer. The digest is written last, and only with every table: without it readers ask themselves."""
    plans = [str(code) for (code,) in connection.execute("select plan_code from plans order by 1").fetchall()]
    answers: dict[str, list[pa.Table]] = {name: [] for name in FRAMES}
    for plan in plans:
        for name, (sql, parameters) in _questions(plan, "province", None).items():
            table = connection.sql(sql, params=parameters).to_arrow_table()
            table = table.add_column(0, "row_place", pa.array(range(table.num_rows), pa.int64()))
            answers[name].append(table.add_column(0, "plan_code", pa.array([plan] * table.num_rows, pa.string())))
    for table_name in CATALOG_TABLES:
        connection.execute(f"drop table if exists {target}.{table_name}")
    if not plans:
        return
    for name, tables in answers.items():
        connection.register("standing_frame", pa.concat_tables(tables))
        try:
            connection.execute(f"create table {target}.{STORED[name]} as select * from standing_frame")  # noqa: S608
        finally:
            connection.unregister("standing_frame")
    connection.execute(f"create table {target}.{DIGEST_TABLE} as select ? as digest", [questions_digest()])  # noqa: S608


def standing_of(
    reader: Reader,
    connection: duckdb.DuckDBPyConnection,
    *,
    plan: str,
    area_level: str = "province",
    area_code: str | None = None,
) -> Standing:
    """:func:`read_standing` on ``connection`` (a cursor of ``reader``), kept for the snapshot: the province's
    and every region's as facts (every overview, node page and brief of the province reads the first; a plan
    has a few regions), a district's among the reader's most recent answers (:meth:`Reader.asked`: a person
    exploring a district opens its node and indicator pages one after another; a plan has up to 973)."""
    if area_level == "district":
        return reader.asked(connection, read_standing, plan=plan, area_level=area_level, area_code=area_code)
    return reader.fact(
        ("standing", plan, area_level, area_code),
        lambda: read_standing(connection, plan=plan, area_level=area_level, area_code=area_code),
    )
