"""Excel (Türkçe) CSVs opened in a real spreadsheet application keep every cell as written.

Each file is downloaded twice over loopback, in the ``excel-tr`` and the ``standard`` dialect; the
first is opened in LibreOffice Calc set to Turkish (tests/support/spreadsheet.py) and every cell is
compared with the second, read as plain text: codes and other text exactly as written, numbers as
numbers, years as whole numbers, dates and times as dates, yes/no in words. A control file shows
that this Calc does turn a bare ``1.1`` into a date, so the test sees the problem it guards against.
A ZIP's metadata.csv (text only) must show its own cells as written.
"""

from __future__ import annotations

import csv
import io
import math
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import requests

from dashboard.downloads.labels import header
from gosterge.plan import Plan
from tests.support.downloads import ExportContext, as_written
from tests.support.spreadsheet import SKIP_REASON, SOFFICE, convert_in_calc
from warehouse.downloads.columns import ExtractColumn, available_columns

pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason=SKIP_REASON)]

#: (file stem, plan, level, further parameters): every level, both plans' codes, hostile names and values
DOWNLOADS = (
    ("measurements", "mini", "measurements", "lang=tr"),
    ("measurements_hostile", "hostile", "measurements", "region=kuzey"),
    ("indicators", "mini", "indicators", "area=province&area=district"),
    ("goals", "hostile", "goals", "area=province&area=region&area=district"),
    ("priorities_en", "mini", "priorities", "lang=en"),
    ("districts", "hostile", "districts", ""),
    ("yearly", "hostile", "yearly", "area=province&area=region&area=district"),
    ("league", "hostile", "league", "indicator=1.2.1.1&indicator=1.2.1.2"),
    ("status_counts", "mini", "status_counts", ""),
    ("lagging", "hostile", "lagging", ""),
    ("rejected", "hostile", "rejected", ""),
)


def download(http: requests.Session, server: str, plan: str, level: str, extra: str, dialect: str) -> bytes:
    query = f"plan={plan}&level={level}&dialect={dialect}" + (f"&{extra}" if extra else "")
    response = http.get(f"{server}/export.csv?{query}", timeout=60)
    assert response.status_code == 200, response.text
    return response.content


def standard_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def columns_by_header(plan: Plan, level: str, language: str) -> dict[str, ExtractColumn]:
    return {header(plan, column.key, language): column for column in available_columns(plan, level, language)}


def same_text(written: str, shown: Any) -> bool:
    """Calc keeps a line break inside a cell as a line feed."""
    return isinstance(shown, str) and shown == written.replace("\r\n", "\n").replace("\r", "\n")


def check_cell(column: ExtractColumn | None, written: str, shown: Any, language: str) -> str | None:
    """Why ``shown`` (Calc's cell) is not the cell the standard file holds as ``written``; None when it is."""
    if written == "":
        return None if shown in (None, "") else "an empty cell filled"
    kind = column.kind if column is not None else "text"
    if kind == "number":
        ok = isinstance(shown, (int, float)) and math.isclose(shown, float(written), rel_tol=1e-12, abs_tol=1e-12)
    elif kind == "integer":
        ok = isinstance(shown, (int, float)) and shown == int(written)
    elif kind == "date":
        ok = isinstance(shown, datetime) and shown.date().isoformat() == written
    elif kind == "datetime":
        ok = isinstance(shown, datetime) and shown.isoformat(timespec="seconds") == written
    elif kind == "boolean":
        ok = shown == {"true": {"tr": "Evet", "en": "Yes"}, "false": {"tr": "Hayır", "en": "No"}}[written][language]
    else:
        ok = same_text(written, shown)
    return None if ok else f"{kind} {written!r} shown as {shown!r}"


def test_excel_tr_csvs_keep_every_cell_in_calc(
    http: requests.Session, export_server: str, export_context: ExportContext, tmp_path: Path
) -> None:
    files, references = [], []
    for stem, plan, level, extra in DOWNLOADS:
        path = tmp_path / f"{stem}.csv"
        path.write_bytes(download(http, export_server, plan, level, extra, "excel-tr"))
        files.append(path)
        references.append(standard_rows(download(http, export_server, plan, level, extra, "standard")))
    archive = http.get(f"{export_server}/export.zip?plan=hostile&level=goals", timeout=60).content
    metadata = tmp_path / "metadata.csv"
    metadata.write_bytes(zipfile.ZipFile(io.BytesIO(archive)).read("metadata.csv"))
    control = tmp_path / "control.csv"
    control.write_bytes('\ufeffKod;Değer;Tarih\r\n1.1;1234,5;21.11.2026\r\n="1.1";-0,25;\r\n'.encode())

    started = time.perf_counter()
    converted = convert_in_calc([*files, metadata, control], tmp_path)
    seconds = time.perf_counter() - started

    problems, checked, codes = [], 0, 0
    for (stem, plan_code, level, extra), path, reference in zip(DOWNLOADS, converted, references, strict=False):
        language = "en" if "lang=en" in extra else "tr"
        by_header = columns_by_header(export_context.plans[plan_code], level, language)
        sheet = openpyxl.load_workbook(path, data_only=True).active
        assert sheet is not None
        shown_rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert len(shown_rows) == len(reference) > 1, stem
        headers = reference[0]
        assert [str(value) for value in shown_rows[0]] == headers, stem
        for row_number, (written_row, shown_row) in enumerate(zip(reference[1:], shown_rows[1:], strict=True), 2):
            for name, written, shown in zip(headers, written_row, shown_row, strict=False):
                column = by_header.get(name)
                problem = check_cell(column, written, shown, language)
                checked += 1
                codes += column is not None and column.kind == "code" and written != ""
                if problem:
                    problems.append(f"{stem}.csv row {row_number}, {name}: {problem}")
    metadata_text = metadata.read_bytes().decode("utf-8-sig")
    metadata_rows = [
        [str(as_written(cell)) for cell in row] for row in csv.reader(io.StringIO(metadata_text), delimiter=";")
    ]
    shown_metadata = list(openpyxl.load_workbook(converted[-2], data_only=True).active.iter_rows(values_only=True))
    for written_row, shown_row in zip(metadata_rows, shown_metadata, strict=True):
        for written, shown in zip(written_row, shown_row, strict=False):
            checked += 1
            if written and not same_text(written, shown):
                problems.append(f"metadata.csv: {written!r} shown as {shown!r}")
    print(
        f"\nCalc: {checked} cells of {len(converted) - 1} Excel (Türkçe) files checked, {codes} of them codes; "
        f"converting {len(converted)} files took {seconds:.1f} s"
    )
    assert not problems, "\n".join(problems[:30])

    control_rows = list(openpyxl.load_workbook(converted[-1], data_only=True).active.iter_rows(values_only=True))
    assert isinstance(control_rows[1][0], datetime)  # a bare 1.1 becomes 1 January: the problem is real here
    assert control_rows[2][0] == "1.1"
    assert control_rows[1][1] == 1234.5 and isinstance(control_rows[1][2], datetime)
