"""The parsers on their own: Turkish folding, encodings, delimiters, numbers, periods, districts."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from etl.extract.decoding import decode
from etl.extract.delimited import sniff_delimiter
from etl.extract.errors import ExtractError
from etl.parsing.areas import Area, AreaResolver
from etl.parsing.periods import Period, canonical, parse_period
from etl.turkish import ascii_fold, turkish_lower
from etl.validate import plan_years, validate
from gosterge.measurement_rules.numbers import parse_numbers
from gosterge.rejections import Rejection


def test_turkish_case_folding():
    assert turkish_lower("İZMİR") == "izmir" and turkish_lower("ISPARTA") == "ısparta"
    assert ascii_fold("KARŞIYAKA") == ascii_fold("Karsiyaka") == ascii_fold("karşıyaka") == "karsiyaka"
    assert ascii_fold("IZMIR") == ascii_fold("İzmir") == "izmir"


@pytest.mark.parametrize(
    "data, declared, text, encoding",
    [
        ("İzmir".encode(), "auto", "İzmir", "utf-8"),
        ("\ufeffİzmir".encode(), "auto", "İzmir", "utf-8-sig"),
        ("İzmir’de".encode("cp1254"), "auto", "İzmir’de", "cp1254"),
        ("Karşıyaka".encode("iso-8859-9"), "auto", "Karşıyaka", "turkish"),
        ("Karşıyaka".encode("iso-8859-9"), "iso-8859-9", "Karşıyaka", "iso-8859-9"),
        ("İzmir".encode("utf-16"), "auto", "İzmir", "utf-16"),
    ],
)
def test_encodings_are_detected_or_declared(data, declared, text, encoding):
    decoded = decode(data, declared, "f.csv")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(
    "data, declared, message",
    [
        ("İzmir".encode("cp1254"), "utf-8", "f.csv: line 1: byte 0xdd is not valid UTF-8"),
        ("Ýzmir".encode(), "auto", "f.csv: line 1: 'Ýzmir' holds 'Ý'"),  # cp1254 read as Latin-1
        ("KarÅŸÄ±yaka".encode(), "auto", "f.csv: line 1: 'KarÅŸÄ±yaka' holds 'ÅŸ'"),  # UTF-8 read as Latin-1
        ("café".encode("cp1252"), "auto", "f.csv: cannot tell the encoding"),
    ],
)
def test_wrong_letters_are_never_loaded(data, declared, message):
    with pytest.raises(ExtractError) as caught:
        decode(data, declared, "f.csv")
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    "lines, delimiter",
    [
        (["a,b,c", "1,2,3"], ","),
        (["a;b;c", "1;2,5;3", "4;5,5;6"], ";"),
        (["a\tb", "1\t2"], "\t"),
        (["Title, 2019", "", "a;b;c", "1;2;3", "4;5;6", "Source: x"], ";"),
        (['"a,b";c', '"1,5";2'], ";"),
    ],
)
def test_delimiter_sniffing(lines, delimiter):
    assert sniff_delimiter(lines) == delimiter


def numbers(*texts, decimal=None):
    parsed = parse_numbers(pa.array(texts), None, decimal)
    return [None if bad else value for value, bad in zip(parsed.values.tolist(), parsed.bad.tolist(), strict=True)]


def test_numbers_turkish_and_plain():
    assert numbers("1234.5", "1.234,5", "1,234.5", "%12,5", "12,5 %", "4.367.251", "4 367 251", "−5", "1e3") == [
        1234.5,
        1234.5,
        1234.5,
        12.5,
        12.5,
        4367251,
        4367251,
        -5,
        1000,
    ]
    assert numbers("1.234", "12,5") == [1234, 12.5]  # the file writes decimal commas
    assert numbers("1.234", "12.75") == [1.234, 12.75]  # the file writes decimal points
    assert numbers("1.234", "12") == [None, 12]  # no telling: rejected
    assert numbers("1.234", decimal=",") == [1234]
    assert numbers("0,957", "12,5") == [0.957, 12.5]  # a leading zero never groups thousands
    assert numbers("abc", "", "inf", "1,2,3") == [None, None, None, None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023", Period("year", 2023)),
        ("2023 yılı", Period("year", 2023)),
        ("2023.0", Period("year", 2023)),
        ("2023-06", Period("month", 2023, 6)),
        ("06.2023", Period("month", 2023, 6)),
        ("Haziran 2023", Period("month", 2023, 6)),
        ("ARALIK 2023", Period("month", 2023, 12)),
        ("2023-Q2", Period("quarter", 2023, 2)),
        ("2023 2. Çeyrek", Period("quarter", 2023, 2)),
        ("2. çeyrek 2023", Period("quarter", 2023, 2)),
        ("2023-Ç2", Period("quarter", 2023, 2)),
        ("2023-06-30", Period("date", 2023, 6, 30)),
        ("30.06.2023", Period("date", 2023, 6, 30)),
        ("2023-06-30T00:00:00", Period("date", 2023, 6, 30)),
        ("2023-13", "month 13 does not exist"),
        ("2023-Q5", "quarter 5 does not exist"),
        ("31.02.2023", "date does not exist"),
        ("son yıl", "not a period"),
        ("", "period is missing"),
    ],
)
def test_periods(text, expected):
    found = parse_period(text)
    if isinstance(expected, str):
        assert isinstance(found, Rejection) and found.text.startswith(expected)
    else:
        assert found == expected


def test_dates_become_the_period_they_end():
    june_end = Period("date", 2023, 6, 30)
    assert canonical(june_end, "monthly").text == "2023-06"
    assert canonical(june_end, "quarterly").text == "2023-Q2"
    assert canonical(june_end, "yearly").text == "2023-06-30"
    assert canonical(Period("date", 2023, 12, 31), "yearly").text == "2023"
    quarter = canonical(Period("quarter", 2023, 2), "yearly")
    assert (quarter.text, quarter.period_type, quarter.start, quarter.end) == (
        "2023-Q2",
        "quarter",
        date(2023, 4, 1),
        date(2023, 6, 30),
    )


@pytest.mark.parametrize(
    "written, expected",
    [
        ("", Area("province", "35")),
        ("İzmir", Area("province", "35")),
        ("IZMIR", Area("province", "35")),
        ("İl geneli", Area("province", "35")),
        ("TOPLAM", Area("province", "35")),
        ("35", Area("province", "35")),
        ("Karşıyaka", Area("district", "2055")),
        ("KARSIYAKA", Area("district", "2055")),
        ("karşıyaka ilçesi", Area("district", "2055")),
        ("Çeşme (İzmir)", Area("district", "1203")),
        ("İzmir - Çeşme", Area("district", "1203")),
        ("1128", Area("district", "1128")),
        ("1128.0", Area("district", "1128")),
        ("İzmir(Aliağa)-1128", Area("district", "1128")),
        ("Bornova", "unknown district 'Bornova'"),
        ("9999", "unknown district code '9999'"),
    ],
)
def test_district_resolution(mini_plan, written, expected):
    found = AreaResolver(mini_plan).resolve(written)
    if isinstance(expected, str):
        assert isinstance(found, Rejection) and found.text.startswith(expected)
    else:
        assert found == expected


def test_the_plan_years_run_from_the_baseline_to_three_years_past_the_end(mini_plan):
    assert plan_years(mini_plan) == (2013, 2026)


def test_a_period_that_has_not_begun_is_rejected(mini_plan):
    from etl.extract import extract
    from tests.etl.helpers import file_source

    data = b"indicator,district,period,value\n1.1.1.2,,2024-06,10\n1.1.1.2,,2024-07,10\n"
    extracted = extract(data, file_source(None), mini_plan, "f.csv")
    validation = validate(extracted, mini_plan, source_id="t", today=date(2024, 6, 15))
    assert validation.rows_valid == 1
    assert validation.problems["reason"].tolist() == ["period 2024-07 has not begun yet"]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("4 367 251", 4367251),  # plain spaces between groups of three: a thousands separator
        ("1\u00a0234", 1234),  # no-break space (Excel with Turkish settings)
        ("1\u202f234,5", 1234.5),  # narrow no-break space (CLDR's French, some TÜİK tables)
        ("1\u2009234", 1234),  # thin space
        ("1'234", 1234),
        ("12 5", None),  # not a group of three: never squeezed into 125
        ("1 23", None),
        ("1 234 56", None),
        ("1 234\u00a0567", None),  # two different separators
        ("1 e3", None),  # spaces are removed only between digit groups
        ("1\n0", None),  # a quoted line break: never 10
        ("1\t0", None),
    ],
)
def test_a_space_inside_a_number_only_separates_thousands(written, expected):
    assert numbers(written, "12,5") == [expected, 12.5]


def test_number_problems_say_why():
    parsed = parse_numbers(pa.array(["12 5", "1\n0", "1e999", "=SUM(B2:B4)", "50%", "% 12,5", "8%2"]), None, None)
    assert [reason and reason.text.removeprefix("not a number: ") for reason in parsed.problems] == [
        "a space inside a number is read only as a thousands separator before groups of three digits (4 367 251)",
        "the value holds a line break or a tab",
        "too large to store (beyond ±1.8e308)",
        "a formula without a stored result; open the workbook in Excel and save it, so that it stores the results",
        None,
        None,
        "not a number",
    ]
    assert parsed.percent.tolist() == [False, False, False, False, True, True, True]


def test_numbers_are_shown_exactly():
    from gosterge.measurement_rules.shown import plain_number, shown

    assert [plain_number(value) for value in (100.0001, 100.0, -3.0, 4367251.0, 1e20, float("inf"))] == [
        "100.0001",
        "100",
        "-3",
        "4367251",
        "1e+20",
        "inf",
    ]
    assert shown("x" * 100) == repr("x" * 60) + "… (100 characters)"


def test_a_quote_left_open_costs_its_line_only():
    from etl.extract.records import split_records

    text = 'a,b\n1,"x\n2,y\n3,"multi\nline"\n4,z\n5,"never closed\n'
    starts, records, broken = split_records(text, ",")
    assert list(zip(starts, records, strict=True)) == [
        (1, ["a", "b"]),
        (3, ["2", "y"]),
        (4, ["3", "multi\nline"]),
        (6, ["4", "z"]),
    ]
    assert [(row.row_number, row.reason.text[:33]) for row in broken] == [
        (2, 'a quote opens at character 3 ("x)'),
        (7, 'a quote opens at character 3 ("ne'),
    ]
    # a quote inside an unquoted field is a character, as in the csv module
    assert split_records('1,Karşıyaka 12",3\n', ",") == ([1], [["1", 'Karşıyaka 12"', "3"]], [])


def test_line_ends_of_every_kind():
    from etl.extract.decoding import line_feeds

    assert line_feeds(b"a\rb\r") == b"a\nb\n"  # Excel's "CSV (Macintosh)"
    assert line_feeds(b"a\r\nb\r\n") == b"a\r\nb\r\n"
    assert decode("a\rİzmir\r".encode("utf-16"), "auto", "f.csv").text == "a\nİzmir\n"


def test_a_file_mixing_encodings_names_its_first_line_that_is_not_utf8():
    data = "a\nKarşıyaka\nb\n".encode() + "Çeşme\n".encode("cp1254")
    with pytest.raises(ExtractError) as caught:
        decode(data, "auto", "f.csv")
    assert str(caught.value).startswith(
        "f.csv: line 4: byte 0xc7 is not UTF-8 ('Çeşme' read as Windows-1254), while line 2 is UTF-8: "
        "the file mixes encodings"
    )


@pytest.mark.parametrize(
    "written, reason",
    [
        ("İstanbul(Kadıköy)-1128", "the code 1128 is Aliağa in İzmir, but the label names the province 'İstanbul'"),
        ("İzmir(Çeşme)-1128", "the code 1128 is Aliağa, but the label names 'Çeşme'"),
    ],
)
def test_a_label_whose_names_contradict_its_code_is_rejected(mini_plan, written, reason):
    found = AreaResolver(mini_plan).resolve(written)
    assert isinstance(found, Rejection)
    assert found.text == f"district {written!r}: {reason}; write the code or the name alone"


def test_the_reading_limits_are_settings():
    from gosterge.settings import Limits, SettingsError, load_limits

    assert load_limits({}) == Limits()
    assert load_limits({"GOSTERGE_MAX_FILE_MB": "2", "GOSTERGE_MAX_JSON_DEPTH": "8"}) == Limits(
        max_file_bytes=2 << 20, max_json_depth=8
    )
    for bad in ("0", "-1", "1.5", "²", "many"):
        with pytest.raises(SettingsError) as caught:
            load_limits({"GOSTERGE_MAX_CELL_CHARACTERS": bad})
        assert str(caught.value) == f"GOSTERGE_MAX_CELL_CHARACTERS: got {bad!r}; expected a whole number ≥ 1"


@pytest.mark.parametrize(
    "text, depth",
    [
        (b"5", 0),
        (b"[]", 1),
        (b'[{"a": [1, {"b": 2}]}]', 4),
        (b'["[[[[", "{{"]', 1),  # brackets inside strings do not count
        (b'["a\\"[[", 1]', 1),  # nor after an escaped quote
        (b'["a\\\\", [[1]]]', 3),  # an escaped backslash ends the string
        (b"[" * 100_000 + b"]" * 100_000, 100_000),
    ],
)
def test_the_nesting_of_a_json_text_is_read_from_its_brackets(text, depth):
    from etl.extract.json_records import nesting_depth

    assert nesting_depth(text) == depth
