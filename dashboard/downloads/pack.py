"""The meeting pack: one .xlsx for the current selection.

Sheets: summary (the plan, its top level and second level with realization
and status), goals, indicators, districts (one row per district, the selected
node and its children as columns) and metadata. :func:`pack_data` reads the
warehouse; :func:`meeting_pack` is a pure builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pyarrow as pa
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from dashboard.downloads.labels import level_label, vocabulary
from dashboard.downloads.workbook import (
    HEADER_FILL,
    HEADER_FONT,
    PERCENT_FORMAT,
    TITLE_FONT,
    _status_style,
    clean_text,
    save,
    write_metadata,
    write_table,
)
from dashboard.i18n import t
from gosterge.plan.model import Plan
from warehouse.downloads.columns import ExtractColumn, available_columns
from warehouse.downloads.extracts import build_extract, fetch_table, plan_progress
from warehouse.downloads.filter import DISTRICTS, INDICATORS, ExtractFilter, node_parameters

GOAL_COLUMNS = ("realization_pct", "expected_pct", "status", "trend", "score", "coverage_pct", "is_demo")
INDICATOR_COLUMNS = (
    "indicator_code",
    "indicator_name",
    "unit",
    "area_name",
    "weight",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "target_year",
    "target_value",
    "realization_pct",
    "expected_pct",
    "status",
    "pace_ratio",
    "trend",
    "projected_year",
    "method",
    "source_id",
    "loaded_at",
    "is_demo",
)
DISTRICT_COLUMNS = ("district_code", "district_name", "node_level", "node_code", "realization_pct", "status", "rank")


@dataclass(frozen=True)
class PackData:
    plan_rows: pa.Table
    top: pa.Table
    second: pa.Table | None
    goals: pa.Table
    indicators: pa.Table
    districts: pa.Table
    goal_filter: ExtractFilter
    indicator_filter: ExtractFilter


def _select(plan: Plan, level: str, keys: Sequence[str]) -> tuple[str, ...]:
    known = {column.key for column in available_columns(plan, level)}
    return tuple(key for key in keys if key in known)


def pack_data(connection: duckdb.DuckDBPyConnection, plan: Plan, selection: ExtractFilter) -> PackData:
    """Read everything the pack shows for ``selection`` (an indicator-level filter) in one snapshot."""
    parameters = node_parameters(plan)
    lineage = [f"{parameters[depth]}_{part}" for depth in range(plan.goal_depth + 1) for part in ("code", "name")]
    nodes_upto = {depth: tuple((d, c) for d, c in selection.nodes if d <= depth) for depth in range(len(plan.levels))}
    common = replace(selection, indicators=(), columns=())

    def level_table(depth: int, columns: Sequence[str]) -> tuple[pa.Table, ExtractFilter]:
        level = plan.levels[depth].key
        extract = replace(common, level=level, nodes=nodes_upto[depth], columns=_select(plan, level, columns))
        return fetch_table(connection, build_extract(plan, extract)), extract

    node_columns = ("area_name", "realization_pct", "expected_pct", "status", "trend", "coverage_pct")
    top, _ = level_table(0, (f"{parameters[0]}_code", f"{parameters[0]}_name", *node_columns))
    second = None
    if len(plan.levels) > 1:
        second, _ = level_table(
            1, (f"{parameters[0]}_code", f"{parameters[1]}_code", f"{parameters[1]}_name", *node_columns)
        )
    goals, goal_filter = level_table(plan.goal_depth, (*lineage, "area_name", *GOAL_COLUMNS))
    indicator_filter = replace(
        selection, level=INDICATORS, columns=_select(plan, INDICATORS, (f"{parameters[-1]}_code", *INDICATOR_COLUMNS))
    )
    indicators = fetch_table(connection, build_extract(plan, indicator_filter))
    district_filter = replace(
        selection,
        level=DISTRICTS,
        indicators=(),
        area_levels=(),
        columns=_select(plan, DISTRICTS, (*DISTRICT_COLUMNS, "region_name")),
    )
    districts = fetch_table(connection, build_extract(plan, district_filter))
    plan_rows = plan_progress(connection, plan, selection)
    return PackData(plan_rows, top, second, goals, indicators, districts, goal_filter, indicator_filter)


def _rows(table: pa.Table | None) -> list[dict[str, Any]]:
    return table.to_pylist() if table is not None else []


def _summary(sheet: Any, plan: Plan, data: PackData, selection_text: str, language: str) -> None:
    title = plan.text(language)
    organisation = plan.text(language, "organisation")
    sheet["A1"] = clean_text(title)
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = clean_text(f"{organisation} · {plan.period_start}–{plan.period_end}")
    sheet["A2"].data_type = "s"
    sheet["A3"] = clean_text(selection_text)
    sheet["A3"].data_type = "s"
    headers = [
        t("file.level", language),
        t("file.code", language),
        t("file.name", language),
        t("header.area_name", language),
        t("header.realization_pct", language),
        t("header.expected_pct", language),
        t("header.status", language),
        t("header.trend", language),
        t("header.coverage_pct", language),
    ]
    sheet.append([])
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    statuses = vocabulary(plan, "status", language)
    trends = vocabulary(plan, "trend", language)
    parameters = node_parameters(plan)

    def add(level: str, code: str, name: str, row: dict[str, Any], bold: bool) -> None:
        sheet.append(
            [
                level,
                code,
                clean_text(name or ""),
                clean_text(row.get("area_name") or ""),
                row.get("realization_pct"),
                row.get("expected_pct"),
                statuses.get(row.get("status") or "", row.get("status")),
                trends.get(row.get("trend") or ""),
                row.get("coverage_pct"),
            ]
        )
        current = sheet.max_row
        for column in (2, 3, 4):
            sheet.cell(row=current, column=column).data_type = "s"
        for column in (5, 6, 9):
            sheet.cell(row=current, column=column).number_format = PERCENT_FORMAT
        _status_style(sheet.cell(row=current, column=7), row.get("status"))
        if bold:
            for column in (1, 2, 3):
                sheet.cell(row=current, column=column).font = Font(bold=True)

    for row in _rows(data.plan_rows):
        add("Plan", plan.code, title, row, True)
    top_name = plan.levels[0].text(language, "name")
    second_rows = _rows(data.second)
    for row in _rows(data.top):
        code = row[f"{parameters[0]}_code"]
        add(top_name, code, row[f"{parameters[0]}_name"], row, True)
        if len(plan.levels) > 1:
            second_name = plan.levels[1].text(language, "name")
            for child in second_rows:
                if child[f"{parameters[0]}_code"] == code and child.get("area_name") == row.get("area_name"):
                    add(
                        second_name,
                        child[f"{parameters[1]}_code"],
                        "   " + (child[f"{parameters[1]}_name"] or ""),
                        child,
                        False,
                    )
    for letter, width in zip("ABCDEFGHI", (16, 12, 60, 18, 16, 14, 24, 22, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _districts_sheet(sheet: Any, plan: Plan, data: PackData, selection: ExtractFilter, language: str) -> None:
    """One row per district: the selected node (or the plan) and its children as columns."""
    if selection.nodes:
        anchor = selection.nodes[-1][1]
        anchor_label = f"{anchor} {plan.nodes[anchor].text(language)}"
        children = list(plan.nodes[anchor].child_codes)
    else:
        anchor, anchor_label, children = plan.code, "Plan", list(plan.root_codes)
    statuses = vocabulary(plan, "status", language)
    districts: dict[str, dict[str, Any]] = {}
    for row in _rows(data.districts):
        entry = districts.setdefault(
            row["district_code"], {"name": row["district_name"], "region": row.get("region_name")}
        )
        entry[row["node_code"]] = row
    headers = [t("header.district_code", language), t("header.district_name", language)]
    if plan.regions:
        headers.append(t("header.region_name", language))
    headers += [
        f"{anchor_label}: {t('header.realization_pct', language)}",
        f"{anchor_label}: {t('header.status', language)}",
        t("header.rank", language),
    ]
    headers += [f"{code} (%)" for code in children]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for code, entry in districts.items():
        overall = entry.get(anchor, {})
        values: list[Any] = [code, clean_text(entry["name"] or "")]
        if plan.regions:
            values.append(clean_text(entry["region"] or ""))
        values += [overall.get("realization_pct"), statuses.get(overall.get("status") or "", ""), overall.get("rank")]
        values += [entry.get(child, {}).get("realization_pct") for child in children]
        sheet.append(values)
        current = sheet.max_row
        for column in range(1, 3 + bool(plan.regions)):
            sheet.cell(row=current, column=column).data_type = "s"
        first_value = 3 + bool(plan.regions)
        sheet.cell(row=current, column=first_value).number_format = PERCENT_FORMAT
        _status_style(sheet.cell(row=current, column=first_value + 1), overall.get("status"))
        for offset in range(len(children)):
            sheet.cell(row=current, column=first_value + 3 + offset).number_format = PERCENT_FORMAT
    for index in range(1, len(headers) + 1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 28 if index == 2 else 14
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "C2"


def _columns(plan: Plan, extract: ExtractFilter) -> list[ExtractColumn]:
    by_key = {column.key: column for column in available_columns(plan, extract.level, extract.language)}
    return [by_key[key] for key in extract.columns]


def meeting_pack(
    plan: Plan,
    data: PackData,
    selection: ExtractFilter,
    metadata: Sequence[tuple[str, str]],
    selection_text: str,
    language: str,
) -> bytes:
    """The pack as .xlsx bytes."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = t("file.summary_sheet", language)
    _summary(summary, plan, data, selection_text, language)
    goals = workbook.create_sheet(level_label(plan, plan.levels[plan.goal_depth].key, language)[:31])
    write_table(goals, plan, _columns(plan, data.goal_filter), data.goals, language)
    indicators = workbook.create_sheet(t("file.indicators_sheet", language))
    write_table(indicators, plan, _columns(plan, data.indicator_filter), data.indicators, language)
    districts = workbook.create_sheet(t("file.districts_sheet", language))
    _districts_sheet(districts, plan, data, selection, language)
    about = workbook.create_sheet(t("file.metadata_sheet", language))
    write_metadata(about, metadata, language)
    return save(workbook)
