"""Copy a validated plan into the plan tables (replacing that plan's rows only)."""

from __future__ import annotations

import json
from dataclasses import asdict

import duckdb
import pandas as pd

from gosterge.plan.model import Plan

PLAN_TABLES = ("plan_nodes", "indicators", "interim_targets", "regions", "districts", "data_sources")


def stored_plan_hash(connection: duckdb.DuckDBPyConnection, plan_code: str) -> str | None:
    """The content hash of the stored copy of the plan; None when it is not stored or not stored in full
    (nodes without a path: rows written before plan_nodes had ``path`` and ``root_code``; indicators
    without a precision: rows written before indicators had ``precision``)."""
    sql = """
        select content_hash
        from plans
        where plan_code = $plan
          and not exists (select 1 from plan_nodes
                          where plan_code = $plan and (path is null or root_code is null))
          and not exists (select 1 from indicators where plan_code = $plan and precision is null)
    """
    row = connection.execute(sql, {"plan": plan_code}).fetchone()
    return row[0] if row else None


def sync_plan(connection: duckdb.DuckDBPyConnection, plan: Plan) -> bool:
    """Store ``plan`` unless the stored copy is complete and has the same content hash. Returns True
    when written.

    Every node is stored with its ancestry (``path``: the codes from the top level down to the node,
    ``root_code``: its top-level ancestor), so queries select a subtree with
    ``list_contains(path, code)`` instead of walking ``parent_code``. Runs inside the caller's
    transaction.
    """
    if stored_plan_hash(connection, plan.code) == plan.content_hash:
        return False
    for table in (*PLAN_TABLES, "plans"):
        connection.execute(f"delete from {table} where plan_code = ?", [plan.code])  # noqa: S608 - table names are constants
    connection.execute(
        """
        insert into plans values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()::timestamp)
        """,
        [
            plan.code,
            plan.title_tr,
            plan.title_en,
            plan.organisation_tr,
            plan.organisation_en,
            plan.province,
            plan.province_code,
            plan.period_start,
            plan.period_end,
            plan.baseline_year,
            plan.vision_tr,
            plan.vision_en,
            plan.provenance,
            plan.population_indicator,
            json.dumps([asdict(level) for level in plan.levels], ensure_ascii=False),
            str(plan.source_file.name),
            plan.content_hash,
        ],
    )
    sort_keys = _sort_keys(plan)
    paths = {code: [ancestor.code for ancestor in plan.ancestors(code)] for code in plan.nodes}
    nodes = pd.DataFrame(
        [
            {
                "plan_code": plan.code,
                "node_code": node.code,
                "depth": node.depth,
                "level_key": node.level_key,
                "parent_code": node.parent_code,
                "path": paths[node.code],
                "root_code": paths[node.code][0],
                "position": node.position,
                "sort_key": sort_keys[node.code],
                "title_tr": node.title_tr,
                "title_en": node.title_en,
                "provenance": node.provenance,
                "weight": node.weight,
            }
            for node in plan.nodes.values()
        ]
    )
    connection.register("nodes_frame", nodes)
    connection.execute("insert into plan_nodes by name select * from nodes_frame")
    connection.unregister("nodes_frame")
    indicators = pd.DataFrame(
        [
            {
                "plan_code": plan.code,
                "indicator_code": i.code,
                "goal_code": i.goal_code,
                "position": i.position,
                "sort_key": sort_keys[i.code],
                "name_tr": i.name_tr,
                "name_en": i.name_en,
                "unit": i.unit,
                "direction": i.direction,
                "baseline_year": i.baseline.year,
                "baseline_value": i.baseline.value,
                # no numeric target (a direction only, or informational): the plan's end, no value
                "target_year": i.target.year if i.target is not None else plan.period_end,
                "target_value": i.target.value if i.target is not None else None,
                "weight": i.weight,
                "frequency": i.frequency,
                "level": i.level,
                "aggregation": i.aggregation,
                "measure": i.measure,
                "natural_limit": i.natural_limit,
                "data_source": i.data_source,
                "responsible_unit": i.responsible_unit,
                "definition_tr": i.definition_tr,
                "definition_en": i.definition_en,
                "provenance": i.provenance,
                "precision": i.precision,
                "informational": i.informational,
            }
            for i in plan.indicators.values()
        ]
    )
    connection.register("indicators_frame", indicators)
    connection.execute("insert into indicators by name select * from indicators_frame")
    connection.unregister("indicators_frame")
    interim = [
        (plan.code, i.code, year, value) for i in plan.indicators.values() for year, value in i.interim_targets.items()
    ]
    if interim:
        connection.executemany("insert into interim_targets values (?, ?, ?, ?)", interim)
    if plan.regions:
        connection.executemany(
            "insert into regions values (?, ?, ?, ?, ?)",
            [(plan.code, r.code, r.name_tr, r.name_en, r.provenance) for r in plan.regions.values()],
        )
    connection.executemany(
        "insert into districts values (?, ?, ?, ?, ?)",
        [(plan.code, d.code, d.name, d.region, d.position) for d in plan.districts.values()],
    )
    if plan.data_sources:
        connection.executemany(
            "insert into data_sources values (?, ?, ?, ?, ?)",
            [(plan.code, s.id, s.name_tr, s.name_en, s.url) for s in plan.data_sources.values()],
        )
    return True


def _sort_keys(plan: Plan) -> dict[str, int]:
    """Depth-first plan order for every node and indicator code."""
    keys: dict[str, int] = {}

    def visit(code: str) -> None:
        keys[code] = len(keys)
        node = plan.nodes[code]
        for indicator_code in node.indicator_codes:
            keys[indicator_code] = len(keys)
        for child in node.child_codes:
            visit(child)

    for root in plan.root_codes:
        visit(root)
    return keys
