"""The monitoring table's Excel export: layout, numbers against the warehouse, metadata, bad requests."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest

from dashboard.downloads.monitoring_xlsx import FIRST_DATA_ROW, HEADER_ROW, monitoring_workbook
from gosterge.progress.monitoring import build_monitoring_table
from gosterge.rounding import PERCENT_DECIMALS, round_to
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse.monitoring import fetch_monitoring_table, monitoring_indicators


def download(dash_app, query):
    return dash_app.server.test_client().get(f"/monitoring.xlsx?{query}")


def workbook_of(response):
    assert response.status_code == 200, response.data
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.data))


def test_the_balikesir_table_opens_as_laid_out_with_the_warehouse_numbers(dash_app, app_context):
    response = download(dash_app, f"plan={BALIKESIR}&year=2023")
    assert response.headers["Content-Disposition"] == f'attachment; filename="izleme-{BALIKESIR}-2023.xlsx"'
    workbook = workbook_of(response)
    assert workbook.sheetnames == ["İzleme 2023", "Üst veri"]
    sheet = workbook["İzleme 2023"]
    assert sheet.freeze_panes == "C5"
    assert [cell.value for cell in sheet[HEADER_ROW]][:10] == [
        "Kod",
        "Amaç / Hedef / Performans göstergesi",
        "Birim",
        "Hedefe etkisi (%)",
        "Plan başlangıç değeri",
        "2023 hedefi",
        "Hedef türü",
        "2023 gerçekleşme",
        "Yıl içinde eklenen",
        "Gerçekleşme oranı (%)",
    ]
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A1:P1", "A2:P2"} <= merged  # to the last column, the note
    node_rows = [row for row in range(FIRST_DATA_ROW, sheet.max_row + 1) if f"B{row}:I{row}" in merged]
    assert len(node_rows) == 12 + 21  # a merged header row per aim and per goal
    assert sheet.cell(FIRST_DATA_ROW, 2).value.startswith("AMAÇ A1: Vatandaşın ihtiyaçları")
    assert "DEMO VERİSİ" in sheet["A2"].value

    with app_context.reader.connect() as connection:
        table = fetch_monitoring_table(connection, plan_code=BALIKESIR, year=2023)
        raw = monitoring_indicators(connection, plan=BALIKESIR, year=2023).set_index("indicator_code")
    by_code = {sheet.cell(row, 1).value: row for row in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    assert len(by_code) == len(table.rows) == 12 + 21 + 69  # codes of aims, goals and indicators never clash
    for expected in table.rows:
        row = by_code[expected.code]
        realization = sheet.cell(row, 10)
        # rounded as the page shows them: realizations to one decimal, values to the indicator's precision
        assert realization.value == round_to(expected.realization_pct, PERCENT_DECIMALS)
        if expected.is_indicator:
            assert sheet.cell(row, 4).value == pytest.approx(expected.weight)
            assert realization.number_format == "0.0" and sheet.cell(row, 8).number_format == "#,##0.##"
            source = raw.loc[expected.code]
            for column, name in ((5, "base_value"), (6, "year_target"), (8, "realized_value")):
                value = source[name]
                assert sheet.cell(row, column).value == (
                    None if pd.isna(value) else round_to(value, expected.precision)
                )
    pools = by_code["7.1.3"]
    assert sheet.cell(pools, 16).value == "kümülatif toplam" and sheet.cell(pools, 7).value == "Ara hedef"
    goal = by_code["7.1"]
    assert sheet.cell(goal, 10).value == round_to(table.row("7.1", "node").realization_pct, PERCENT_DECIMALS)


def test_the_metadata_sheet_says_what_the_file_is(dash_app, app_context):
    workbook = workbook_of(download(dash_app, f"plan={BALIKESIR}&year=2021&region=korfez"))
    about = dict(workbook["Üst veri"].iter_rows(min_row=2, values_only=True))
    assert about["Plan"].startswith(f"{BALIKESIR} — Balıkesir Büyükşehir Belediyesi")
    assert about["İzleme yılı"] == "2021" and about["Alan"] == "Bölge: Körfez"
    assert about["Veri sürümü"] == str(app_context.reader.data_version()[0])
    assert about["Demo verisi"].startswith("Evet")
    # written in the installation's time zone (after 21:00 UTC it is already the next day in İstanbul)
    made = datetime.now(ZoneInfo(app_context.settings.time_zone))
    assert about["Oluşturulma zamanı"].startswith(f"{made:%d.%m.%Y}")
    assert "(X − A) / (Y − A)" in about["Formül"]
    assert "Bölge: Körfez" in workbook["İzleme 2021"]["A2"].value


def test_izmir_in_english_uses_its_own_levels(dash_app):
    response = download(dash_app, f"plan={IZMIR}&year=2018&lang=en")
    assert 'filename="izleme-izmir-2014-2023-2018.xlsx"' in response.headers["Content-Disposition"]
    workbook = workbook_of(response)
    sheet = workbook["Monitoring 2018"]
    assert sheet.cell(HEADER_ROW, 2).value == "Development axis / Strategic priority / Goal / Performance indicator"
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert len([row for row in range(FIRST_DATA_ROW, sheet.max_row + 1) if f"B{row}:I{row}" in merged]) == 3 + 13 + 73
    assert sheet.cell(FIRST_DATA_ROW, 2).value.startswith("DEVELOPMENT AXIS 1: Strong Economy")
    assert "Kuzey" not in str([cell.value for row in sheet.iter_rows() for cell in row])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=2023", "unknown plan None"),
        ("plan=ankara&year=2023", "unknown plan 'ankara'"),
        (f"plan={BALIKESIR}", "unknown year ''"),
        (f"plan={BALIKESIR}&year=2019", "unknown year '2019' for plan balikesir-2020-2024; expected one of 2020, "),
        (f"plan={BALIKESIR}&year=2023&region=ege", "unknown region 'ege' for plan balikesir-2020-2024"),
        (f"plan={IZMIR}&year=2020&region=korfez", "plan izmir-2014-2023 has no regions"),
        (f"plan={IZMIR}&year=2020&district=1294", "unknown district '1294' for plan izmir-2014-2023"),
        (f"plan={BALIKESIR}&year=2023&axis=1", "unknown parameter(s): axis"),
        (f"plan={BALIKESIR}&year=2023&lang=de", "unknown lang 'de'"),
    ],
)
def test_bad_requests_name_the_problem(dash_app, query, message):
    response = download(dash_app, query)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_text_never_becomes_a_formula(balikesir_plan):
    nodes = pd.DataFrame(
        [
            {
                "node_code": "A1",
                "depth": 0,
                "level_key": "aims",
                "parent_code": None,
                "sort_key": 0,
                "title_tr": "=1+1",
                "title_en": "=1+1",
                "provenance": "official",
                "weight": 100.0,
            },
            {
                "node_code": "1.1",
                "depth": 1,
                "level_key": "goals",
                "parent_code": "A1",
                "sort_key": 1,
                "title_tr": "Hedef",
                "title_en": "Goal",
                "provenance": "working",
                "weight": 100.0,
            },
        ]
    )
    indicators = pd.DataFrame(
        [
            {
                "indicator_code": "1.1.1",
                "goal_code": "1.1",
                "sort_key": 2,
                "name_tr": '=HYPERLINK("http://x","y")',
                "name_en": "x",
                "unit": "count",
                "direction": "increase",
                "measure": "cumulative",
                "weight": 100.0,
                "responsible_unit": "@SUM(A1)",
                "provenance": "working",
                "base_value": 0.0,
                "year_target": 4.0,
                "target_kind": "interim",
                "realized_value": 3.0,
                "period_value": 1.0,
                "is_demo": False,
            }
        ]
    )
    table = build_monitoring_table(nodes, indicators, plan_code=balikesir_plan.code, year=2020)
    content = monitoring_workbook(balikesir_plan, table, {"data_version": 7}, "Balıkesir (İl geneli)", "tr")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert cells['=HYPERLINK("http://x","y")'].data_type == "s"
    assert cells["@SUM(A1)"].data_type == "s"
    assert cells["AMAÇ A1: =1+1"].data_type == "s"
    indicator_row = FIRST_DATA_ROW + 2
    assert [sheet.cell(indicator_row, column).value for column in (4, 5, 6, 8, 9, 10)] == [100, 0, 4, 3, 1, 75]
