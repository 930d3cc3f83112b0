"""The export routes over real HTTP on loopback: files parse back and match the warehouse; 400s name
the problem; hostile text is neutralised; Turkish letters survive."""

from __future__ import annotations

import io
import re
import tempfile
import time
import zipfile

import openpyxl
import pandas as pd
import pytest
import requests

from gosterge.rounding import PERCENT_DECIMALS, round_to
from tests.support.downloads import HOSTILE_TEXTS, ExportContext, text_as_written

SEPARATORS = {"excel-tr": (";", ","), "standard": (",", ".")}
CODE_COLUMNS = {
    "Plan kodu": str,
    "Eksen kodu": str,
    "Öncelik kodu": str,
    "Hedef kodu": str,
    "Gösterge kodu": str,
    "Alan kodu": str,
    "Dönem": str,
    "Kaynak": str,
}


def read_csv(content: bytes, dialect: str = "excel-tr", dtype: dict | type | None = None) -> pd.DataFrame:
    """A CSV export read back the way its dialect says (separator, decimal mark, UTF-8 with or without BOM)
    and, for Excel (Türkçe), its text cells as a spreadsheet shows them (``="1.1"`` → ``1.1``)."""
    separator, decimal = SEPARATORS[dialect]
    types = dtype if dtype is str else {**CODE_COLUMNS, **(dtype or {})}
    frame = pd.read_csv(
        io.BytesIO(content),
        sep=separator,
        decimal=decimal,
        encoding="utf-8-sig",
        dtype=types,
        keep_default_na=False,
        na_values=[""],
    )
    return text_as_written(frame) if dialect == "excel-tr" else frame


def get(http: requests.Session, server: str, path: str) -> requests.Response:
    return http.get(server + path, timeout=60)


def warehouse_values(context: ExportContext, plan_code: str) -> dict[tuple[str, str, str], float]:
    with context.reader.connect() as connection:
        found = connection.execute(
            "select indicator_code, area_code, period, value from measurements where plan_code = ?", [plan_code]
        ).fetchall()
    return {(indicator, area, period): value for indicator, area, period, value in found}


@pytest.mark.parametrize("dialect", ["excel-tr", "standard"])
def test_measurements_csv_matches_the_warehouse(
    http, export_server: str, export_context: ExportContext, dialect: str
) -> None:
    response = get(http, export_server, f"/export.csv?plan=mini&level=measurements&dialect={dialect}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf") == (dialect == "excel-tr")
    frame = read_csv(response.content, dialect)
    expected = warehouse_values(export_context, "mini")
    assert len(frame) == len(expected) == int(response.headers["X-Row-Count"])
    got = {(row["Gösterge kodu"], row["Alan kodu"], row["Dönem"]): row["Değer"] for _, row in frame.iterrows()}
    assert got == expected  # every number exactly as stored
    assert frame["Değer"].dtype == "float64" and frame["Yıl"].dtype == "int64"
    assert set(frame["Demo verisi"]) == ({"Evet"} if dialect == "excel-tr" else {True})
    assert frame["Alan adı"].isin(["İzmir", "Aliağa", "Çeşme", "Karşıyaka"]).all()


def test_filters_in_the_url(http, export_server: str) -> None:
    response = get(
        http,
        export_server,
        "/export.csv?plan=mini&level=measurements&axis=1&priority=1.2"
        "&district=1203&district=2055&from=2019&to=2020&indicator=1.2.1.2",
    )
    frame = read_csv(response.content)
    assert set(frame["Alan kodu"]) == {"1203", "2055"} and set(frame["Yıl"]) == {2019, 2020}
    assert set(frame["Gösterge kodu"]) == {"1.2.1.2"}
    name = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)
    assert re.fullmatch(
        r"gosterge_mini_measurements_axis-1_priority-1\.2_indicator-1\.2\.1\.2_2019-2020_v\d+\.csv", name
    )


def test_progress_levels_match_the_warehouse(http, export_server: str, export_context: ExportContext) -> None:
    frame = read_csv(get(http, export_server, "/export.csv?plan=mini&level=goals&dialect=excel-tr").content)
    with export_context.reader.connect() as connection:
        expected = {
            code: round_to(realization, PERCENT_DECIMALS)  # as the pages show it
            for code, realization in connection.execute(
                "select node_code, realization_pct from node_progress where plan_code = "
                "'mini' and depth = 2 and area_level = 'province'"
            ).fetchall()
        }
    assert dict(zip(frame["Hedef kodu"], frame["Gerçekleşme (%)"], strict=True)) == expected
    indicators = read_csv(
        get(http, export_server, "/export.csv?plan=mini&level=indicators&lang=en&dialect=standard").content,
        "standard",
        dtype={"Indicator code": str},
    )
    assert "Realization (%)" in indicators.columns and "Indicator name" in indicators.columns
    assert (indicators["Score"] < 0).any()  # negative numbers arrive as numbers
    assert not indicators["Score"].astype(str).str.startswith("'").any()


def test_turkish_letters_and_hostile_names(http, export_server: str, hostile_plan) -> None:
    frame = read_csv(
        get(http, export_server, "/export.csv?plan=hostile&level=indicators&area=province,district").content
    )
    names = set(frame["Gösterge adı"])
    assert '\'=HYPERLINK("http://evil.example";"tıkla")' in names
    assert {"'+1 işsizlik oranı", "'@SUM(1+1) ilçe nüfusu"} <= names
    assert 'Okullaşma; "oranı", yeni\nsatır' in names  # quoted: the separator, quotes and line break survive
    assert "'=Karşıyaka" in set(frame["Alan adı"])
    assert "ğüşıöçİĞÜŞÖÇ hizmetleri yaymak" in set(frame["Hedef adı"])
    assert not any(
        str(name).startswith(("=", "+", "-", "@"))
        for column in frame.select_dtypes(["str", "object"])
        for name in frame[column].dropna()
    )


def test_rejected_rows_with_tabs_and_carriage_returns(http, export_server: str) -> None:
    frame = read_csv(get(http, export_server, "/export.csv?plan=hostile&level=rejected").content, dtype={"Değer": str})
    assert frame["Değer"].tolist() == ["'" + text for text in HOSTILE_TEXTS]
    assert frame["Dosya"].iloc[0] == "kötü dosya.csv"


def test_an_empty_extract_is_a_header(http, export_server: str) -> None:
    response = get(http, export_server, "/export.csv?plan=mini&level=rejected")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("Yükleme no;Kaynak;Dosya")
    assert read_csv(response.content).empty


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("plan=mini&bogus=1", "'bogus'"),
        ("plan=nowhere", "'nowhere'"),
        ("plan=mini&axis=7", "axis '7'"),
        ("plan=mini&from=20l9", "'20l9'"),
        ("plan=mini&from=2023&to=2019", "from=2023 is after to=2019"),
        ("plan=mini&dialect=excel-de", "'excel-de'"),
        ("plan=mini&columns=value,password", "'password'"),
        ("plan=mini&level=goals&indicator=1.1.1.1", "'indicator' does not apply"),
        ("plan=mini&district=1203&region=kuzey", "district '1203' is not in region"),
    ],
)
@pytest.mark.parametrize("path", ["/export.csv", "/export.zip", "/export.xlsx"])
def test_every_bad_request_is_a_400_that_names_it(http, export_server: str, path: str, query: str, named: str) -> None:
    if path == "/export.xlsx" and "level" not in query:
        query += "&level=measurements"
    response = get(http, export_server, f"{path}?{query}")
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/plain")
    assert named in response.text
    assert "Content-Disposition" not in response.headers


def test_the_pack_refuses_columns(http, export_server: str) -> None:
    response = get(http, export_server, "/export.xlsx?plan=mini&columns=value")
    assert response.status_code == 400 and "'columns'" in response.text


def test_zip_has_the_table_metadata_and_readme(http, export_server: str, export_context: ExportContext) -> None:
    response = get(http, export_server, "/export.zip?plan=hostile&level=measurements&region=kuzey&dialect=excel-tr")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data_name, metadata_name, readme_name = archive.namelist()
    assert (metadata_name, readme_name) == ("metadata.csv", "README.txt")
    assert re.fullmatch(r"[A-Za-z0-9._-]+\.csv", data_name)
    table = read_csv(archive.read(data_name))
    assert set(table["Alan kodu"]) == {"1128", "2055"}
    metadata = read_csv(archive.read(metadata_name), dtype=str)
    assert list(metadata.columns) == ["Alan", "Değer"]
    facts = dict(zip(metadata["Alan"].str.strip(), metadata["Değer"], strict=True))
    assert facts["Plan"] == "hostile — Güvenlik deneme planı ğüşıöçİĞÜŞÖÇ"
    assert facts["Bölge"] == "kuzey — Kuzey"
    assert int(facts["Satır sayısı"]) == len(table)
    version, _ = export_context.reader.data_version()
    assert int(facts["Veri sürümü"]) == version
    assert facts["Demo verisi"].startswith("Evet")
    assert "Open SDG" in facts["Durum yöntemi"] and "0,95" in facts["Durum yöntemi"]
    assert facts["Son yükleme"].startswith("20") and "demo" in facts["Son yükleme"]
    # absolute: the link reproduces the file from anywhere (it was relative)
    assert facts["Bağlantı"].startswith(f"{export_server}/export.zip?plan=hostile&level=measurements&region=kuzey")
    readme = archive.read(readme_name).decode("utf-8")
    assert data_name in readme and "Oluşturulma zamanı" in readme


def test_english_zip(http, export_server: str) -> None:
    response = get(http, export_server, "/export.zip?plan=mini&level=goals&lang=en&dialect=standard")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    metadata = read_csv(archive.read("metadata.csv"), "standard", dtype=str)
    facts = dict(zip(metadata["Field"].str.strip(), metadata["Value"], strict=True))
    assert facts["Content"] == "Goals" and facts["Format"] == "CSV — Standard CSV"
    assert "on track" in facts["Status method"]


def test_the_meeting_pack(http, export_server: str, export_context: ExportContext) -> None:
    response = get(http, export_server, "/export.xlsx?plan=hostile&priority=1.2")
    assert response.status_code == 200
    assert re.search(
        r'filename="gosterge_hostile_pack_priority-1\.2_v\d+\.xlsx"', response.headers["Content-Disposition"]
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Özet", "Hedefler", "Göstergeler", "İlçeler", "Üst veri"]
    summary = workbook["Özet"]
    assert summary["A1"].value == "Güvenlik deneme planı ğüşıöçİĞÜŞÖÇ"
    assert summary.freeze_panes == "A6"
    levels = [row[0] for row in summary.iter_rows(min_row=6, values_only=True)]
    assert levels == ["Plan", "Eksen", "Öncelik"]
    assert summary["E6"].number_format == "0.0"
    goals = workbook["Hedefler"]
    assert goals.freeze_panes == "A2" and goals.auto_filter.ref.startswith("A1:")
    indicators = workbook["Göstergeler"]
    headers = [cell.value for cell in indicators[1]]
    names = {row[headers.index("Gösterge adı")] for row in indicators.iter_rows(min_row=2, values_only=True)}
    assert "@SUM(1+1) ilçe nüfusu" in names  # the text itself, stored as text
    for row in indicators.iter_rows(min_row=2):
        cell = row[headers.index("Gösterge adı")]
        assert cell.data_type == "s"
    realization = indicators.cell(row=2, column=headers.index("Gerçekleşme (%)") + 1)
    assert realization.number_format == "0.0" and isinstance(realization.value, float)
    with export_context.reader.connect() as connection:
        expected = connection.execute(
            "select realization_pct from indicator_progress where plan_code = 'hostile' "
            "and indicator_code = '1.2.1.1' and area_level = 'province'"
        ).fetchall()[0][0]
    row = next(r for r in indicators.iter_rows(min_row=2, values_only=True) if r[1] == "1.2.1.1")
    assert row[headers.index("Gerçekleşme (%)")] == round_to(expected, PERCENT_DECIMALS)
    districts = workbook["İlçeler"]
    assert districts.freeze_panes == "C2" and districts.max_row == 4
    about = workbook["Üst veri"]
    facts = {row[0].strip(): row[1] for row in about.iter_rows(min_row=2, values_only=True)}
    assert facts["İçerik"] == "Toplantı dosyası" and facts["Öncelik"].startswith("1.2 — ")


def test_a_level_as_excel(http, export_server: str, export_context: ExportContext) -> None:
    response = get(http, export_server, "/export.xlsx?plan=mini&level=measurements&district=1203&lang=en")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Measurements", "Metadata"]
    sheet = workbook["Measurements"]
    assert sheet.freeze_panes == "A2"
    headers = [cell.value for cell in sheet[1]]
    value_cell = sheet.cell(row=2, column=headers.index("Value") + 1)
    assert isinstance(value_cell.value, (int, float)) and value_cell.number_format == "#,##0.###"
    date_cell = sheet.cell(row=2, column=headers.index("Period end") + 1)
    assert date_cell.is_date and date_cell.number_format == "dd.mm.yyyy"
    with export_context.reader.connect() as connection:
        count = connection.execute(
            "select count(*) from measurements where plan_code = 'mini' and area_code = '1203'"
        ).fetchall()[0][0]
    assert sheet.max_row == count + 1


def test_hostile_text_in_an_excel_level(http, export_server: str) -> None:
    response = get(http, export_server, "/export.xlsx?plan=hostile&level=rejected")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Değer") + 1
    cells = [sheet.cell(row=row, column=column) for row in range(2, 2 + len(HOSTILE_TEXTS))]
    # a carriage return comes back as a line feed (openpyxl's own XML writer) or as written (with lxml, which
    # python-docx brings, openpyxl writes it as &#13;); either way the cell is text, never a formula
    assert [cell.value.replace("\r", "\n") for cell in cells] == [text.replace("\r", "\n") for text in HOSTILE_TEXTS]
    assert all(cell.data_type == "s" for cell in cells)


def test_temporary_files_are_removed(http, export_server: str, monkeypatch, tmp_path) -> None:
    """The spilled extract goes when the download ends, when the client leaves early, and after a HEAD."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert get(http, export_server, "/export.csv?plan=mini&level=measurements").status_code == 200
    assert http.head(f"{export_server}/export.zip?plan=mini&level=measurements", timeout=60).status_code == 200
    with http.get(f"{export_server}/export.csv?plan=mini&level=measurements", stream=True, timeout=60) as response:
        next(response.iter_content(chunk_size=100))
    for _ in range(50):
        if not list(tmp_path.glob("gosterge-extract-*")):
            break
        time.sleep(0.1)
    assert not list(tmp_path.glob("gosterge-extract-*"))
