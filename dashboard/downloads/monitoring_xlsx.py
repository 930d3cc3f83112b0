"""The yearly monitoring table as an Excel workbook, laid out like the strategic plan monitoring tables.

Sheet 1 ("İzleme 2023" / "Monitoring 2023"): a title block, one header row
(frozen with the code and title columns), then per aim (axis, priority …) a
merged header row with its weighted realization, per goal a merged header row
with the goal's weighted realization and responsible units, and under it one
row per indicator: hedefe etkisi, plan start value, the year's target and its
kind, the value realized, what the year added (cumulative indicators), the
realization rate, the responsible unit, the unit's reasons for the deviation and
measures to be taken with who entered and approved them (its approved entry of
the year, docs/entries.md), official or working content, and a note.
Numbers are numbers (with number formats; Excel shows them with the reader's
own separators), empty when there is no value.

Sheet 2 ("Üst veri" / "Metadata"): what the file is: plan, area, year, when it
was generated, the data version and last load, the demo flag, the formulas and
settings, written with the exports' own helpers
(:mod:`dashboard.downloads.workbook`, :mod:`dashboard.downloads.metadata`), like
the meeting pack. Text goes in as text cells, never as a formula, whatever it
begins with.

:func:`register_routes` serves ``GET /monitoring.xlsx?plan=…&year=…``
(``&region=…`` or ``&district=…``, ``&lang=en``); an unknown plan, year or
area gives a 400 that names it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from flask import Flask, Response, request
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard import urls
from dashboard.context import AppContext
from dashboard.downloads.metadata import field
from dashboard.downloads.monitoring_request import BadRequest, area_label, read_request
from dashboard.downloads.workbook import HEADER_FILL, PERCENT_FORMAT, TITLE_FONT, clean_text, save, write_metadata
from dashboard.explanation_texts import provenance_text
from dashboard.i18n import format_date, format_percent, label, t, title, upper_case
from gosterge.plan import UNITS, Plan
from gosterge.progress.monitoring import MonitoringRow, MonitoringTable
from gosterge.rounding import PERCENT_DECIMALS, round_to
from warehouse.monitoring import fetch_monitoring_table, monitoring_explanations, monitoring_metadata

log = logging.getLogger(__name__)

ROUTE = "/monitoring.xlsx"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VALUE_FORMAT = "#,##0.##"
HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1

#: (key, width); headers come from dashboard.i18n
COLUMNS: tuple[tuple[str, float], ...] = (
    ("code", 9),
    ("title", 58),
    ("unit", 9),
    ("weight", 11),
    ("base", 14),
    ("target", 14),
    ("target_kind", 14),
    ("realized", 14),
    ("added", 12),
    ("realization", 13),
    ("responsible", 36),
    ("reason", 40),
    ("measures", 40),
    ("entry", 30),
    ("content", 10),
    ("note", 24),
)
COLUMN = {key: index + 1 for index, (key, _) in enumerate(COLUMNS)}
NODE_FILLS = ("1F3B57", "DCE6F0", "EEF3F8")  # the top level, levels between, the goals
THIN = Side(style="thin", color="B7C3D0")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """One cell: text as a text cell (never a formula), numbers with ``number_format``."""
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    return cell


def _headers(plan: Plan, year: int, lang: str) -> dict[str, str]:
    levels = " / ".join(level.text(lang, "name") for level in plan.levels)
    return {
        "code": t("monitoring_code", lang),
        "title": f"{levels} / {t('monitoring_indicator', lang)}",
        "unit": t("unit", lang),
        "weight": t("monitoring_weight", lang),
        "base": t("monitoring_base", lang),
        "target": t("monitoring_target", lang, year=year),
        "target_kind": t("monitoring_target_kind", lang),
        "realized": t("monitoring_realized", lang, year=year),
        "added": t("monitoring_added", lang),
        "realization": t("monitoring_realization", lang),
        "responsible": t("responsible_unit", lang),
        "reason": t("explanation.column_reason", lang),
        "measures": t("explanation.column_measures", lang),
        "entry": t("explanation.column_entry", lang),
        "content": t("monitoring_content", lang),
        "note": t("monitoring_note", lang),
    }


def row_note(row: MonitoringRow, lang: str) -> str | None:
    """Coverage of a node with missing data; how a cumulative or per-period indicator is compared."""
    if not row.is_indicator:
        share = format_percent((row.coverage or 0.0) * 100, lang, 0)
        if row.withheld:
            return t("monitoring_withheld", lang, share=share)
        return t("monitoring_coverage", lang, share=share) if (row.coverage or 0.0) < 1 - 1e-9 else None
    if row.measure == "cumulative":
        return t("monitoring_cumulative", lang)
    if row.measure == "per_period":
        return t("monitoring_per_period", lang)
    return None


def unit_label(unit: str | None, lang: str) -> str | None:
    known = UNITS.get(unit or "")
    return known.text(lang, "name") if known else unit


def _node_row(sheet: Worksheet, number: int, plan: Plan, row: MonitoringRow, lang: str) -> None:
    """A merged header row for an aim, axis, priority or goal, with its weighted realization."""
    level = next(level for level in plan.levels if level.key == row.level_key)
    name = level.text(lang, "name")
    goal_depth = len(plan.levels) - 1
    dark = row.depth == 0 and goal_depth > 0
    colour = NODE_FILLS[0] if dark else NODE_FILLS[2] if row.depth == goal_depth else NODE_FILLS[1]
    _put(sheet, number, COLUMN["code"], row.code)
    _put(sheet, number, COLUMN["title"], f"{upper_case(name, lang) if dark else name} {row.code}: {title(row, lang)}")
    sheet.merge_cells(start_row=number, start_column=COLUMN["title"], end_row=number, end_column=COLUMN["added"])
    _put(sheet, number, COLUMN["realization"], round_to(row.realization_pct, PERCENT_DECIMALS), PERCENT_FORMAT)
    _put(sheet, number, COLUMN["responsible"], row.responsible_unit)
    _put(sheet, number, COLUMN["content"], t(f"monitoring_{row.provenance}", lang))
    _put(sheet, number, COLUMN["note"], row_note(row, lang))
    fill, font = PatternFill("solid", fgColor=colour), Font(bold=True, color="FFFFFF" if dark else "1F2937")
    for column in range(1, len(COLUMNS) + 1):
        cell = sheet.cell(number, column)
        cell.fill, cell.font, cell.border = fill, font, BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=column in (COLUMN["title"], COLUMN["responsible"]))


VALUE_KEYS = ("base", "target", "realized", "added")
WRAPPED = ("title", "responsible", "reason", "measures", "entry", "note")


def _written(text: Any) -> str | None:
    """A text a unit wrote (None when it wrote nothing); written as a text cell by :func:`_put`."""
    return text if isinstance(text, str) and text.strip() else None


def _rounded(value: float | None, row: MonitoringRow) -> float | None:
    """An indicator's value to its precision, as the page shows it."""
    return round_to(value, row.precision if row.precision is not None else 2)


def _indicator_row(
    sheet: Worksheet, number: int, row: MonitoringRow, lang: str, explanation: dict[str, Any] | None = None
) -> None:
    explained = explanation or {}
    values: dict[str, Any] = {
        "code": row.code,
        "title": title(row, lang),
        "unit": unit_label(row.unit, lang),
        "weight": row.weight,
        "base": _rounded(row.base_value, row),
        "target": _rounded(row.year_target, row),
        "target_kind": t(f"monitoring_target_{row.target_kind}", lang) if row.target_kind else None,
        "realized": _rounded(row.realized_value, row),
        "added": _rounded(row.period_value, row) if row.measure == "cumulative" else None,
        "realization": round_to(row.realization_pct, PERCENT_DECIMALS),
        "responsible": row.responsible_unit,
        "reason": _written(explained.get("reason")),
        "measures": _written(explained.get("measures")),
        "entry": provenance_text(explanation, lang) if explanation else None,
        "content": t(f"monitoring_{row.provenance}", lang),
        "note": row_note(row, lang),
    }
    for key, value in values.items():
        number_format = (
            VALUE_FORMAT
            if key in VALUE_KEYS
            else PERCENT_FORMAT
            if key == "realization"
            else ("0.##" if key == "weight" else None)
        )
        cell = _put(sheet, number, COLUMN[key], value, number_format)
        cell.border = BORDER
        cell.alignment = Alignment(vertical="top", wrap_text=key in WRAPPED)


def monitoring_sheet_name(year: int, lang: str) -> str:
    return t("file.monitoring_sheet", lang, year=year)


def write_table_sheet(
    sheet: Worksheet,
    plan: Plan,
    table: MonitoringTable,
    area_label: str,
    lang: str,
    explanations: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Title block, frozen header row, then the aim/goal header rows and indicator rows (with the units'
    ``explanations``: indicator code → explanation of the year)."""
    width = len(COLUMNS)
    sheet.title = monitoring_sheet_name(table.year, lang)
    _put(sheet, 1, 1, f"{title(plan, lang)} — {t('monitoring_title', lang)} — {table.year}").font = TITLE_FONT
    overall = format_percent(table.overall_realization_pct, lang)
    subtitle = f"{area_label} · {t('monitoring_overall', lang, year=table.year)}: {overall}"
    if table.is_demo:
        subtitle += f" · {upper_case(t('demo_data', lang), lang)}: {t('demo_data_help', lang)}"
    _put(sheet, 2, 1, subtitle).font = Font(italic=True, color="B91C1C" if table.is_demo else "374151")
    for number in (1, 2):
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
    headers = _headers(plan, table.year, lang)
    for key, column in COLUMN.items():
        cell = _put(sheet, HEADER_ROW, column, headers[key])
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.row_dimensions[HEADER_ROW].height = 45
    for number, row in enumerate(table.rows, start=FIRST_DATA_ROW):
        if row.is_indicator:
            _indicator_row(sheet, number, row, lang, (explanations or {}).get(row.code))
        else:
            _node_row(sheet, number, plan, row, lang)
    for key, column_width in COLUMNS:
        sheet.column_dimensions[get_column_letter(COLUMN[key])].width = column_width
    sheet.freeze_panes = f"{get_column_letter(COLUMN['unit'])}{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def metadata_rows(
    plan: Plan, table: MonitoringTable, metadata: dict[str, Any], area_label: str, lang: str, generated_at: datetime
) -> list[tuple[str, str]]:
    """(field, value) rows of the metadata sheet, with the exports' field names."""

    def when(value: Any) -> str:
        return format_date(value, lang, with_time=True) if value else "–"

    return [
        (field("title", lang), f"Gösterge — {t('monitoring_title', lang)}"),
        (field("plan", lang), f"{plan.code} — {title(plan, lang)}"),
        (t("metadata.organisation", lang), plan.text(lang, "organisation")),
        (t("metadata.plan_period", lang), f"{plan.period_start}-{plan.period_end}"),
        (t("monitoring_year", lang), str(table.year)),
        (t("area", lang), area_label),
        (field("generated_at", lang), when(generated_at)),
        (field("data_version", lang), str(metadata.get("data_version") or 0)),
        (field("published_at", lang), when(metadata.get("published_at"))),
        (field("last_load", lang), when(metadata.get("last_loaded_at"))),
        (field("demo", lang), field("demo_yes", lang) if table.is_demo else label("boolean", "no", lang)),
        (t("metadata.formula", lang), t("monitoring_formula", lang)),
        (
            t("metadata.capping", lang),
            t("monitoring_capped" if table.cap_realization else "monitoring_uncapped", lang),
        ),
        (t("metadata.coverage_floor", lang), format_percent(table.coverage_floor * 100, lang, 0)),
        (
            t("monitoring_content", lang),
            t("metadata.content_kinds", lang),
        ),
    ]


def monitoring_workbook(
    plan: Plan,
    table: MonitoringTable,
    metadata: dict[str, Any],
    area_label: str,
    lang: str,
    generated_at: datetime | None = None,
    explanations: dict[str, dict[str, Any]] | None = None,
) -> bytes:
    """The workbook as bytes (pure: everything it shows is passed in)."""
    workbook = Workbook()
    write_table_sheet(workbook.active, plan, table, area_label, lang, explanations)
    rows = metadata_rows(plan, table, metadata, area_label, lang, generated_at or datetime.now())
    write_metadata(workbook.create_sheet(t("file.metadata_sheet", lang)), rows, lang)
    return save(workbook)


def file_name(plan: Plan, year: int, area_level: str, area_code: str | None) -> str:
    """Built from codes the request was checked against, never from raw input."""
    area = "" if area_code is None else f"-{area_level}-{area_code}"
    return f"izleme-{plan.code}-{year}{area}.xlsx"


def export_response(context: AppContext, query: Any) -> Response:
    try:
        plan, year, area_level, area_code, lang = read_request(context, query)
    except BadRequest as error:
        return Response(f"{error}\n", status=400, mimetype="text/plain")
    settings = context.settings
    with context.reader.connect() as connection:
        table = fetch_monitoring_table(
            connection,
            plan_code=plan.code,
            year=year,
            area_level=area_level,
            area_code=area_code,
            cap_realization=settings.cap_realization,
            coverage_floor=settings.coverage_floor,
        )
        metadata = monitoring_metadata(connection, plan=plan.code)
        explanations = monitoring_explanations(
            connection, plan_code=plan.code, year=year, area_level=area_level, area_code=area_code
        )
    label_of_area = area_label(plan, area_level, area_code, lang)
    content = monitoring_workbook(plan, table, metadata, label_of_area, lang, explanations=explanations)
    name = file_name(plan, year, area_level, area_code)
    return Response(
        content,
        mimetype=MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def monitoring_xlsx_href(
    plan_code: str, year: int, lang: str, area_level: str = "province", area_code: str | None = None
) -> str:
    params: dict[str, Any] = {"plan": plan_code, "year": year}
    if area_code is not None and area_level in ("region", "district"):
        params[area_level] = area_code
    return urls.href(ROUTE, lang, **params)


def register_routes(server: Flask, context: AppContext) -> None:
    """/monitoring.xlsx (registered by dashboard.app.ROUTES)."""

    @server.get(ROUTE)
    def monitoring_xlsx():  # type: ignore[no-untyped-def]
        return export_response(context, request.args.to_dict())
