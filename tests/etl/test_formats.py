"""Wide statistics tables, Excel workbooks and JSON records, through the whole ETL."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook

from etl.jobs import run_source
from tests.etl.helpers import ETL_FIXTURES, file_source, query


def test_a_wide_table_with_title_and_footnotes(etl_settings, etl_plans):
    source = file_source(
        ETL_FIXTURES / "wide_population.csv", format="wide_table", layout="wide", columns={"indicator_code": "1.2.1.1"}
    )
    [report] = run_source(etl_settings, etl_plans, source)
    # 4 data rows × 3 years, less Karşıyaka's missing 2021 ("-"); title, blank and footnote rows are not data
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (11, 11, 0), report.problems
    assert "header on line 3" in report.details
    rows = query(etl_settings, "select area_code, period, value from measurements order by area_code, period")
    assert rows == [
        ("1128", "2019", 101543.0),
        ("1128", "2020", 102210.0),
        ("1128", "2021", 103311.0),
        ("1203", "2019", 46000.0),
        ("1203", "2020", 47200.0),
        ("1203", "2021", 48100.0),
        ("2055", "2019", 346500.0),
        ("2055", "2020", 347100.0),
        ("35", "2019", 4367251.0),
        ("35", "2020", 4394694.0),
        ("35", "2021", 4425789.0),  # "Toplam"
    ]


def test_a_file_without_a_period_header_is_not_a_wide_table(etl_settings, etl_plans):
    source = file_source(
        ETL_FIXTURES / "not_a_wide_table.csv", format="wide_table", layout="wide", columns={"indicator_code": "1.2.1.1"}
    )
    [report] = run_source(etl_settings, etl_plans, source)
    assert not report.ok
    assert report.message.startswith("not_a_wide_table.csv: wrong columns: no header row with periods")


def _long_workbook(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Veri"
    sheet.append(["İlçe göstergeleri 2022"])
    sheet.append([])
    sheet.append(["Gösterge", "İlçe", "Dönem", "Değer"])
    sheet.append(["1.2.1.1", "Aliağa", 2022, 655])
    sheet.append(["1.1.1.1", "İzmir", 2022, 1.234])  # a number cell: never a thousands dot
    sheet.append(["1.1.1.2", None, datetime(2022, 3, 31), "10,2"])  # a date cell for a monthly indicator
    sheet.append(["1.2.1.1", "Bornova", 2022, 700])
    sheet.append(["1.2.1.1", 2055, 2022.0, 320])  # a district code typed as a number
    workbook.save(path)


def test_an_excel_workbook_long(etl_settings, etl_plans, tmp_path):
    path = tmp_path / "staff.xlsx"
    _long_workbook(path)
    [report] = run_source(etl_settings, etl_plans, file_source(path, format="xlsx"))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (5, 4, 1)
    assert query(etl_settings, "select row_number, column_name, value, reason from rejected_rows") == [
        (7, "İlçe", "Bornova", "unknown district 'Bornova' (expected a district of İzmir or its code)")
    ]
    assert query(etl_settings, "select indicator_code, area_code, period, value from measurements order by all") == [
        ("1.1.1.1", "35", "2022", 1.234),
        ("1.1.1.2", "35", "2022-03", 10.2),
        ("1.2.1.1", "1128", "2022", 655.0),
        ("1.2.1.1", "2055", "2022", 320.0),
    ]


def test_an_excel_workbook_wide_on_a_named_sheet(etl_settings, etl_plans, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Notlar"
    sheet = workbook.create_sheet("Nüfus")
    sheet.append(["İlçelere göre nüfus"])
    sheet.append(["İlçe", 2019, 2020])
    sheet.append(["Aliağa", 101543, 102210])
    sheet.append(["Karşıyaka", 346500, None])
    sheet.append(["Kaynak: TÜİK"])
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    source = file_source(path, format="xlsx", layout="wide", sheet="Nüfus", columns={"indicator_code": "1.2.1.1"})
    [report] = run_source(etl_settings, etl_plans, source)
    assert (report.rows_read, report.rows_loaded) == (3, 3)
    assert query(etl_settings, "select area_code, period, value from measurements order by all") == [
        ("1128", "2019", 101543.0),
        ("1128", "2020", 102210.0),
        ("2055", "2019", 346500.0),
    ]


def test_a_csv_file_declared_as_a_workbook_fails(etl_settings, etl_plans):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "long_clean.csv", format="xlsx"))
    assert report.message.startswith("long_clean.csv: not an Excel .xlsx file")


def test_json_records_from_an_open_data_portal(etl_settings, etl_plans):
    source = file_source(
        ETL_FIXTURES / "records.json",
        format="json",
        records="result.records",
        columns={"indicator": "gosterge_kodu", "district": "ilce", "period": "yil", "value": "deger"},
    )
    [report] = run_source(etl_settings, etl_plans, source)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 3, 1)
    assert query(etl_settings, "select row_number, column_name, value from rejected_rows") == [
        (4, "ilce", "Bornova")
    ]  # the 4th record
    assert query(etl_settings, "select indicator_code, area_code, period, value from measurements order by all") == [
        ("1.1.1.1", "35", "2022", 1.234),
        ("1.1.1.2", "35", "2022-03", 10.2),
        ("1.2.1.1", "1128", "2022", 655.0),
    ]


def test_json_records_are_found_without_a_path(etl_settings, etl_plans):
    source = file_source(
        ETL_FIXTURES / "records.json",
        format="json",
        columns={"indicator": "gosterge_kodu", "district": "ilce", "period": "yil", "value": "deger"},
    )
    [report] = run_source(etl_settings, etl_plans, source)
    assert report.rows_read == 4


@pytest.mark.parametrize(
    "name, message",
    [
        ("broken.json", "broken.json: not valid JSON (line 2"),
        ("long_clean.csv", "long_clean.csv: not valid JSON (line 1"),
    ],
)
def test_unreadable_json_fails(etl_settings, etl_plans, name, message):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / name, format="json"))
    assert report.message.startswith(message), report.message
