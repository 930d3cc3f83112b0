"""The Word reports and the monitoring table's Excel file carry the units' explanations and the
monitoring table's figures: real HTTP on loopback, files read back with python-docx and openpyxl."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator

import docx
import openpyxl
import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from dashboard.context import AppContext
from dashboard.downloads import monitoring_xlsx
from dashboard.downloads.monitoring_xlsx import COLUMN, FIRST_DATA_ROW
from dashboard.i18n import format_percent
from dashboard.reports import routes as report_routes
from tests.intake.conftest import FIRST_HALF_REASON, MEASURES, REASON, SOURCE_NOTE, LoadedEntries
from tests.intake.helpers import APPROVED_BY, ENTERED_BY
from warehouse import Reader
from warehouse.monitoring import fetch_monitoring_table

SHOWN_REASON = REASON.replace("\x07", "")  # the one character a document cannot hold is dropped


@pytest.fixture(scope="module")
def server(loaded_entries: LoadedEntries) -> Iterator[tuple[str, AppContext]]:
    reader = Reader(loaded_entries.settings.published_file)
    context = AppContext(loaded_entries.settings, loaded_entries.plans, reader)
    app = Flask("gosterge-intake-reports-test")
    monitoring_xlsx.register_routes(app, context)
    report_routes.register_routes(app, context)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", context
    http.shutdown()
    thread.join(timeout=5)
    reader.close()


def get(server: tuple[str, AppContext], path: str) -> requests.Response:
    return requests.get(server[0] + path, timeout=60)


def document_of(response: requests.Response) -> docx.document.Document:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    return docx.Document(io.BytesIO(response.content))


def full_text(document: docx.document.Document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def indicator_rows(document: docx.document.Document) -> dict[str, list[str]]:
    """Code → the cells of its row, from every indicator table (8 columns)."""
    return {
        row.cells[0].text: [cell.text for cell in row.cells]
        for table in document.tables
        if len(table.columns) == 8
        for row in table.rows[1:]
    }


def test_the_evaluation_report_has_the_monitoring_figures_and_the_explanation(server) -> None:
    response = get(server, "/report.docx?plan=mini&year=2020&kind=evaluation")
    assert response.headers["Content-Disposition"] == 'attachment; filename="degerlendirme-raporu-mini-2020.docx"'
    document = document_of(response)
    text = full_text(document)
    assert "2020 Yılı Değerlendirme Raporu" in text and "Deneme Planı" in text and "Planın tamamı" in text
    assert SHOWN_REASON in text and MEASURES in text  # as text: the formula and the markup as written
    assert f"Kaynak notu: {SOURCE_NOTE}" in text  # the unit's note on the value's source
    assert FIRST_HALF_REASON not in text  # the year-end entry's explanation is the year's
    assert f"{ENTERED_BY} (Strateji Geliştirme Dairesi) girdi; {APPROVED_BY} 20.07.2026 tarihinde onayladı" in text
    assert "Verinin durumu" in text and "Veri sürümü" in text

    rows = indicator_rows(document)
    # 1.1.1.1: A = 1 (baseline), Y_2020 = 1.2 + (2.0 − 1.2) × 2/5 = 1.52 on the path from the 2018 interim
    # target, X = 1.25 (the year-end entry): (1.25 − 1) ÷ (1.52 − 1) × 100 = 48.08 %; values are shown to the
    # indicator's precision (one decimal for %), as on the page
    assert rows["1.1.1.1"][2:7] == ["60", "1", "1,5", "1,3", "%48,1"]
    with server[1].reader.connect() as connection:
        table = fetch_monitoring_table(connection, plan_code="mini", year=2020)
    for row in table.indicators():
        if row.realization_pct is not None:
            assert rows[row.code][6] == format_percent(row.realization_pct, "tr")
    goals = {
        row.cells[0].text: row.cells[2].text
        for table_ in document.tables
        if len(table_.columns) == 4
        for row in table_.rows[1:]
    }
    assert goals["1.1.1"] == format_percent(table.row("1.1.1", "node").realization_pct, "tr")


def test_the_first_half_monitoring_report_prints_the_first_half_explanation(server) -> None:
    response = get(server, "/report.docx?plan=mini&year=2020&kind=monitoring&half=1&lang=en")
    assert response.headers["Content-Disposition"] == 'attachment; filename="izleme-raporu-mini-2020-H1.docx"'
    text = full_text(document_of(response))
    assert "2020, first six months Monitoring Report" in text
    assert FIRST_HALF_REASON in text and SHOWN_REASON not in text
    assert "provisional: the year-end value revises it" in text


def test_a_report_for_an_aim_and_for_a_unit(server) -> None:
    priority = full_text(document_of(get(server, "/report.docx?plan=mini&year=2020&kind=evaluation&node=1.2")))
    assert "Öncelik 1.2: Nüfus ve hizmetler" in priority and "1.2.1.1" in priority and "1.1.1.1" not in priority
    unit = "Fen İşleri Dairesi Başkanlığı"
    response = get(server, f"/report.docx?plan=mini&year=2020&kind=evaluation&unit={requests.utils.quote(unit)}")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="degerlendirme-raporu-mini-2020-fen-isleri-dairesi-baskanligi.docx"'
    )
    of_unit = document_of(response)
    assert f"Sorumlu birim: {unit}" in full_text(of_unit)
    assert set(indicator_rows(of_unit)) == {"1.2.1.1"}  # its indicators only, under their aims and goals
    refused = get(server, f"/report.docx?plan=mini&year=2020&kind=evaluation&unit={unit}x")
    assert refused.status_code == 400 and "unknown responsible unit" in refused.text


@pytest.mark.parametrize(
    "query, problem",
    [
        ("plan=mini&year=2020&kind=weekly", "unknown kind 'weekly'"),
        ("plan=mini&year=2020&kind=monitoring", "unknown half None"),
        ("plan=mini&year=2020&kind=evaluation&half=1", "half is for monitoring reports"),
        ("plan=mini&year=2020&node=9.9", "unknown node '9.9'"),
        ("plan=mini&year=1990", "unknown year '1990'"),
        ("plan=mini&year=2020&colour=red", "unknown parameter(s): colour"),
    ],
)
def test_bad_report_parameters_are_named(server, query: str, problem: str) -> None:
    response = get(server, f"/report.docx?{query}")
    assert response.status_code == 400 and problem in response.text


def test_the_monitoring_workbook_carries_the_explanation_as_text(server) -> None:
    response = get(server, "/monitoring.xlsx?plan=mini&year=2020")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    by_code = {sheet.cell(row, 1).value: row for row in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    row = by_code["1.1.1.1"]
    reason = sheet.cell(row, COLUMN["reason"])
    assert reason.value == SHOWN_REASON and reason.data_type == "s"  # text, never a formula
    assert sheet.cell(row, COLUMN["measures"]).value == MEASURES
    assert APPROVED_BY in sheet.cell(row, COLUMN["entry"]).value
    assert sheet.cell(by_code["1.1.1.2"], COLUMN["reason"]).value is None
    assert sheet.cell(row, COLUMN["realized"]).value == 1.3  # 1.25 to the indicator's one decimal, as on the page
