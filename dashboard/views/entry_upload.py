"""The XLSX template of a unit's entries: written pre-filled (indicators, districts, the open period and
what the warehouse knows), read back when uploaded, every row checked by the rules of a submission, and
submitted only when no row has a problem (one transaction: all rows or none).

Columns, in this order (headers in the page's language): indicator code, indicator name, area code,
area name, period, unit of measurement, last value, target of the year, expected by the period's end,
value, source note, deviation reason, measures. Only the last four are read besides the three keys; a
row whose four are empty is skipped. Text cells are text (never formulas).
"""

from __future__ import annotations

import base64
import binascii
import io
import zipfile
from typing import Any

import dash
from dash import html
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard.access.sessions import current_user
from dashboard.components import entry as builders
from dashboard.context import get_context
from dashboard.downloads.workbook import clean_text, save
from dashboard.i18n import t
from dashboard.views.entry import EntryView, cards, today, unit_rows
from dashboard.views.entry_data import EntryRow
from gosterge.measurement_rules import plain_number
from gosterge.plan import UNITS, Plan
from operations.entries import EDITABLE, Content, EntryError, Item, check_item, submit_all
from operations.entry_scope import entering_unit
from operations.roles import User

COLUMNS = (
    "indicator_code",
    "indicator_name",
    "area_code",
    "area_name",
    "period",
    "unit",
    "last_value",
    "target",
    "expected",
    "value",
    "source_note",
    "deviation_reason",
    "measures",
)
POSITION = {name: index for index, name in enumerate(COLUMNS)}
ENTERED = ("value", "source_note", "deviation_reason", "measures")
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
ENTERED_FILL = PatternFill("solid", fgColor="FFF4CC")
WIDTHS = {"indicator_name": 50, "area_name": 16, "source_note": 30, "deviation_reason": 40, "measures": 40}


def _text_cell(sheet: Any, row: int, column: int, value: Any) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"  # text, even when it begins with '='
    else:
        cell.value = value


def template_bytes(plan: Plan, rows: list[EntryRow], period: str, lang: str) -> bytes:
    """The template of ``rows`` (the editable ones) for ``period``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("entry.sheet_entries", lang)
    for index, name in enumerate(COLUMNS, start=1):
        _text_cell(sheet, 1, index, t(f"entry.column.{name}", lang))
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=1, column=index).fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 14)
    number = 2
    for row in rows:
        if row.entry is not None and row.entry.status not in EDITABLE:
            continue
        unit = UNITS[row.indicator.unit].text(lang, "name") if row.indicator.unit in UNITS else row.indicator.unit
        entry = row.entry
        values = {
            "indicator_code": row.indicator.code,
            "indicator_name": row.indicator.text(lang, "name"),
            "area_code": row.area.area_code,
            "area_name": row.area_name,
            "period": period,
            "unit": unit,
            "last_value": row.last_value,
            "target": row.expected.target_of_year if row.expected else None,
            "expected": round(row.expected.expected_value, 6) if row.expected else None,
            "value": (entry.value_text or "") if entry else "",
            "source_note": (entry.source_note or "") if entry else "",
            "deviation_reason": (entry.deviation_reason or "") if entry else "",
            "measures": (entry.measures or "") if entry else "",
        }
        for index, name in enumerate(COLUMNS, start=1):
            _text_cell(sheet, number, index, values[name] if values[name] != "" else None)
            if name in ENTERED:
                sheet.cell(row=number, column=index).fill = ENTERED_FILL
        number += 1
    sheet.freeze_panes = "C2"
    return save(workbook)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return plain_number(float(value))
    return str(value).strip()


def read_template(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row, cells by column name) of every row below the header with something entered."""
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    found = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        values = {name: cells[index] if index < len(cells) else None for name, index in POSITION.items()}
        if any(_cell_text(values[name]) for name in ENTERED):
            found.append((number, values))
    workbook.close()
    return found


def check_upload(
    plan: Plan, user: User, period: str, rows: list[EntryRow], uploaded: list[tuple[int, dict[str, Any]]], lang: str
) -> tuple[list[Item], list[tuple[int, str]]]:
    """The items to submit and every problem by spreadsheet row (the same rules as one row's submission)."""
    known = {(row.indicator.code, row.area.area_code): row for row in rows}
    items: list[Item] = []
    problems: list[tuple[int, str]] = []
    seen: set[tuple[str, str]] = set()
    for number, cells in uploaded:
        key = (_cell_text(cells["indicator_code"]), _cell_text(cells["area_code"]))
        row = known.get(key)
        if row is None or _cell_text(cells["period"]) != period or key in seen:
            problems.append((number, t("entry.refusal.unknown_row", lang)))
            continue
        seen.add(key)
        if row.entry is not None and row.entry.status not in EDITABLE:
            problems.append((number, t("entry.refusal.wrong_status", lang)))
            continue
        content = Content(
            _cell_text(cells["value"]),
            _cell_text(cells["source_note"]),
            _cell_text(cells["deviation_reason"]),
            _cell_text(cells["measures"]),
        )
        item = Item(row.indicator.code, row.area, period, content, row.path)
        try:
            check_item(plan, user, item, submitting=True)
        except EntryError as error:
            problems.append((number, builders.refusal_message(error, row.indicator.code, lang)))
            continue
        items.append(item)
    return items, problems


def take_upload(stored: Any, contents: Any) -> tuple[Any, Any]:
    """The upload callback's body: (the outcome, the page's cards afterwards)."""
    stored = stored if isinstance(stored, dict) else {}
    context = get_context()
    plan = context.plan(stored.get("plan"))
    user = current_user()
    period = stored.get("period")
    lang = stored.get("lang") or "tr"
    if plan is None or user is None or entering_unit(user, plan.code) is None or not isinstance(period, str):
        raise dash.exceptions.PreventUpdate
    view = EntryView(plan=plan.code, lang=lang, period=period)
    try:
        rows = unit_rows(plan, user, period, lang)
    except ValueError:
        raise dash.exceptions.PreventUpdate from None
    try:
        data = base64.b64decode(str(contents).partition(",")[2], validate=True)
        uploaded = read_template(data)
    except (binascii.Error, ValueError, KeyError, IndexError, OSError, zipfile.BadZipFile):
        return html.P(t("entry.upload_unreadable", lang), className="entry-problem"), dash.no_update
    items, problems = check_upload(plan, user, period, rows, uploaded, lang)
    if problems:
        return builders.upload_problems(problems, lang), dash.no_update
    if not items:
        return html.P(t("entry.upload_empty", lang)), dash.no_update
    assert context.database is not None
    try:
        submit_all(context.database, plan, user, items, today=today())
    except EntryError as error:
        return html.P(builders.refusal_message(error, "", lang), className="entry-problem"), dash.no_update
    done = html.P(t("entry.upload_done", lang, count=len(items)), className="entry-ok", role="status")
    return done, cards(view, plan, user, period)
