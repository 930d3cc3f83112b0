"""The column catalogue of the extracts: which columns each level offers, in which default order,
how each is presented and the SQL expression that reads it.

Levels (see :mod:`warehouse.downloads.filter` for the parameters):

``measurements``  one row per indicator, area and period
``indicators``    indicator progress per area
``axes``, ``priorities``, ``goals``, ``aims`` … (the plan's own level keys)
                  node progress per area
``districts``     district scorecards: every district × node, with rank and the province
``rejected``      rows the loads rejected, with the reason

Columns come only from this whitelist (:func:`available_columns`); the expressions name the table
aliases that :mod:`warehouse.downloads.extracts` joins (``m``, ``p``, ``i``, ``n0`` … ``nd``, ``d``,
``r``, ``pl`` …).
"""

from __future__ import annotations

from dataclasses import dataclass

from gosterge.plan.model import Plan
from warehouse.downloads.filter import (
    DISTRICTS,
    INDICATORS,
    MEASUREMENTS,
    REJECTED,
    extract_levels,
    node_depth,
    node_parameters,
)


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


def _node_progress_columns(alias: str, *, with_score: bool) -> list[ExtractColumn]:
    """A node's realization, expected realization, status (named and as a code), score and trend and
    its coverage in percent, from the ``node_progress`` row ``alias``."""
    return [
        _column("realization_pct", "number", f"{alias}.realization_pct"),
        _column("expected_pct", "number", f"{alias}.expected_pct"),
        _column("status", "label", f"{alias}.status", "status"),
        _column("status_code", "code", f"{alias}.status"),
        *([_column("score", "number", f"{alias}.score")] if with_score else []),
        _column("trend", "label", f"{alias}.trend", "trend"),
        _column("coverage_pct", "number", f"{alias}.coverage * 100"),
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
            *area_columns(plan, "m", language),
            _column("period", "code", "m.period"),
            _column("period_type", "label", "m.period_type", "period_type"),
            _column("year", "integer", "m.year"),
            _column("period_end", "date", "m.period_end"),
            _column("value", "number", "m.value"),
            _column("baseline_year", "integer", "i.baseline_year"),
            _column("baseline_value", "number", "i.baseline_value"),
            _column(
                "year_target", "number", "coalesce(it.value, case when m.year = i.target_year then i.target_value end)"
            ),
            _column("target_year", "integer", "i.target_year"),
            _column("target_value", "number", "i.target_value"),
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
            _column("weight", "number", "i.weight"),
            *area_columns(plan, "p", language),
            _column("base_year", "integer", "p.base_year"),
            _column("base_value", "number", "p.base_value"),
            _column("latest_year", "integer", "p.latest_year"),
            _column("latest_value", "number", "p.latest_value"),
            _column("target_year", "integer", "p.target_year"),
            _column("target_value", "number", "p.target_value"),
            _column("realization_pct", "number", "p.realization_pct"),
            _column("expected_pct", "number", "p.expected_pct"),
            _column("expected_now_pct", "number", "p.expected_now_pct"),
            _column("status", "label", "p.status", "status"),
            _column("status_code", "code", "p.status"),
            _column("pace_ratio", "number", "p.pace_ratio"),
            _column("score", "number", "p.score"),
            _column("trend", "label", "p.trend", "trend"),
            _column("projected_year", "integer", "p.projected_year"),
            _column("projection", "label", "p.projection", "projection"),
            _column("method", "label", "p.method", "method"),
            _column("data_points", "integer", "p.data_points"),
            _column("actual_pace", "number", "p.actual_pace"),
            _column("required_pace", "number", "p.required_pace"),
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
            *area_columns(plan, "p", language),
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
            _column("province_realization_pct", "number", "province.realization_pct"),
            _column("gap_to_province_pct", "number", "s.realization_pct - province.realization_pct"),
            _column("goals_measured", "integer", "measured.goals_measured"),
            _column("goals", "integer", "measured.goals"),
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
