"""Cell formatting: numbers, dates, labels and formula neutralisation in both dialects (pure)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.downloads.cells import (
    CsvTable,
    encode_rows,
    format_numbers,
    neutralise,
    neutralise_text,
    protect,
    protect_text,
)
from dashboard.downloads.dialects import EXCEL_TR, STANDARD
from gosterge.plan import Plan
from warehouse.downloads.columns import ExtractColumn


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-cmd", "'-cmd"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Çeşme", "Çeşme"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(value: str, expected: str) -> None:
    assert neutralise_text(value) == expected
    assert neutralise(pa.array([value])).to_pylist() == [expected]


def test_numbers_in_both_dialects() -> None:
    values = pa.array([1234.5, -0.25, 1e-07, 1e16, 100.0, None, float("nan"), float("inf"), 0.1 + 0.2])
    assert format_numbers(values, EXCEL_TR).to_pylist() == [
        "1234,5",
        "-0,25",
        "0,0000001",
        "10000000000000000",
        "100",
        "",
        "",
        "",
        "0,30000000000000004",
    ]
    assert format_numbers(values, STANDARD).to_pylist()[:3] == ["1234.5", "-0.25", "0.0000001"]


def columns() -> list[ExtractColumn]:
    return [
        ExtractColumn("indicator_name", "text", ""),
        ExtractColumn("value", "number", ""),
        ExtractColumn("year", "integer", ""),
        ExtractColumn("period_end", "date", ""),
        ExtractColumn("loaded_at", "datetime", ""),
        ExtractColumn("is_demo", "boolean", ""),
        ExtractColumn("status", "label", "", "status"),
        ExtractColumn("unit", "label", "", "unit"),
    ]


def batch() -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {
            "indicator_name": ["-cmd", 'Oran; "tırnak"\nsatır', "İĞÜŞÖÇ ığüşöç", None],
            "value": [-12.5, 1234567.25, None, 0.0],
            "year": [2019, 2020, None, 2023],
            "period_end": [date(2019, 12, 31), date(2020, 1, 31), None, date(2023, 6, 30)],
            "loaded_at": [datetime(2026, 11, 21, 14, 5, 9, 123456)] * 4,
            "is_demo": [True, False, None, True],
            "status": ["on_track", "limited", None, "unheard_of"],
            "unit": ["%", "persons", "count", "TRY"],
        }
    )


@pytest.mark.parametrize("dialect", [EXCEL_TR, STANDARD])
def test_a_table_parses_back(mini_plan: Plan, dialect) -> None:
    table = CsvTable(mini_plan, columns(), dialect, "tr")
    content = b"".join(table.stream([batch()]))
    assert content.startswith(b"\xef\xbb\xbf") == dialect.byte_order_mark
    frame = pd.read_csv(
        io.BytesIO(content),
        sep=dialect.delimiter,
        decimal=dialect.decimal,
        encoding=dialect.encoding,
        keep_default_na=False,
        na_values=[""],
    )
    assert list(frame.columns) == [
        "Gösterge adı",
        "Değer",
        "Yıl",
        "Dönem sonu",
        "Yükleme zamanı",
        "Demo verisi",
        "Durum",
        "Birim",
    ]
    assert frame["Gösterge adı"].tolist()[:3] == ["'-cmd", 'Oran; "tırnak"\nsatır', "İĞÜŞÖÇ ığüşöç"]
    assert frame["Değer"].tolist()[:2] == [-12.5, 1234567.25]  # a negative number stays a number
    assert frame["Değer"].dtype == "float64"
    assert frame["Yıl"].tolist()[0] == 2019
    date_format = "%d.%m.%Y" if dialect is EXCEL_TR else "%Y-%m-%d"
    assert pd.to_datetime(frame["Dönem sonu"], format=date_format).iloc[0] == pd.Timestamp(2019, 12, 31)
    time_format = "%d.%m.%Y %H:%M:%S" if dialect is EXCEL_TR else "%Y-%m-%dT%H:%M:%S"
    assert pd.to_datetime(frame["Yükleme zamanı"], format=time_format).iloc[0] == pd.Timestamp(2026, 11, 21, 14, 5, 9)
    yes, no = ("Evet", "Hayır") if dialect is EXCEL_TR else (True, False)
    assert frame["Demo verisi"].tolist()[:2] == [yes, no]
    assert frame["Durum"].tolist()[:2] == ["Yolunda", "Sınırlı ilerleme"]
    assert frame["Durum"].tolist()[3] == "unheard_of"  # an unknown code is kept, not lost
    assert frame["Birim"].tolist()[1] == "kişi"


def test_english_headers_and_labels(mini_plan: Plan) -> None:
    content = b"".join(CsvTable(mini_plan, columns(), STANDARD, "en").stream([batch()]))
    frame = pd.read_csv(io.BytesIO(content))
    assert list(frame.columns)[:2] == ["Indicator name", "Value"]
    assert frame["Status"].iloc[0] == "On track"


def test_hierarchy_headers_use_the_plan_levels(mini_plan: Plan, balikesir_plan: Plan) -> None:
    level_columns = [ExtractColumn("axis_code", "code", ""), ExtractColumn("goal_name", "text", "")]
    assert CsvTable(mini_plan, level_columns, EXCEL_TR, "tr").headers() == ["Eksen kodu", "Hedef adı"]
    assert CsvTable(balikesir_plan, [ExtractColumn("aim_code", "code", "")], EXCEL_TR, "en").headers() == ["Aim code"]


def test_small_tables_are_neutralised_and_quoted() -> None:
    content = encode_rows([["Alan", "Değer"], ["=1+1", "a;b"]], EXCEL_TR).decode("utf-8")
    assert content == 'Alan;Değer\r\n\'=1+1;"a;b"\r\n'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.1", '="1.1"'),  # Turkish Excel: 1 January
        ("1.1.2", '="1.1.2"'),  # 1 January 2002
        ("1.2.1.1", '="1.2.1.1"'),
        ("0123", '="0123"'),  # a leading zero
        ("2019", '="2019"'),  # a period code, not a number
        ("12:30", '="12:30"'),
        ("1/2", '="1/2"'),
        ("%12,5", '="%12,5"'),
        ("1E5", '="1E5"'),
        ("2026-12-04T14:13:09", '="2026-12-04T14:13:09"'),
        ("Mart 2020", '="Mart 2020"'),  # Calc: 1 March 2020
        ("1 Oca", '="1 Oca"'),
        ("DOĞRU", '="DOĞRU"'),  # a truth value in Turkish Excel
        ("false", '="false"'),
        ("Çeşme", "Çeşme"),
        ("on_track", "on_track"),
        ("Nüfus (kişi)", "Nüfus (kişi)"),
        ("'=1+1", "'=1+1"),  # already neutralised: never wrapped
        ("1" * 256, "1" * 256),  # longer than an Excel string literal
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_reinterpret_is_a_text_formula(value: str, expected: str) -> None:
    assert protect(pa.array([value]), EXCEL_TR).to_pylist() == [expected]
    assert protect(pa.array([value]), STANDARD).to_pylist() == [value]  # programs get the text itself


def test_a_wrapped_cell_cannot_become_a_live_formula(mini_plan: Plan) -> None:
    code = [ExtractColumn("goal_code", "code", ""), ExtractColumn("goal_name", "text", "")]
    batch = pa.RecordBatch.from_pydict(
        {"goal_code": ["1.1", '=HYPERLINK("http://evil.example";"1.1")'], "goal_name": ["-1.5", "1.1"]}
    )
    content = CsvTable(mini_plan, code, EXCEL_TR, "tr").batch_bytes(batch).decode("utf-8")
    # the formula's string literal in a quoted CSV field; hostile text keeps its apostrophe and is not wrapped
    assert content == '"=""1.1""";\'-1.5\r\n"\'=HYPERLINK(""http://evil.example"";""1.1"")";"=""1.1"""\r\n'
    assert protect_text("1.1", EXCEL_TR) == '="1.1"' and protect_text("=1+1", EXCEL_TR) == "'=1+1"
    assert encode_rows([["1.1", "=1+1"]], EXCEL_TR).decode("utf-8") == '"=""1.1""";\'=1+1\r\n'
