"""Every test file in tests/fixtures/etl gets its exact expected outcome, through the whole ETL."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from etl.jobs import run_source
from gosterge.plan import load_plans
from tests.etl.helpers import ETL_FIXTURES, accounting_holds, file_source, make_settings, query, snapshot

# file → (rows read, loaded, unchanged, rejected, problems)
READABLE = {
    "long_clean.csv": (6, 6, 0, 0, 0),
    "turkish_excel.csv": (7, 7, 0, 0, 0),
    "windows_1254.csv": (3, 3, 0, 0, 0),
    "iso_8859_9.csv": (3, 3, 0, 0, 0),
    "periods.tsv": (13, 9, 0, 4, 4),  # the four quarters of a yearly indicator: rejected
    "district_spellings.csv": (14, 14, 0, 0, 0),
    "malformed_rows.csv": (18, 3, 1, 14, 17),
    "ambiguous_number.csv": (2, 1, 0, 1, 1),
}


@pytest.mark.parametrize("name", READABLE)
def test_each_readable_file_loads_what_it_should(etl_settings, etl_plans, name):
    read, loaded, unchanged, rejected, problems = READABLE[name]
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / name))
    assert report.ok, report.message
    assert (report.rows_read, report.rows_loaded, report.rows_unchanged, report.rows_rejected) == (
        read,
        loaded,
        unchanged,
        rejected,
    )
    assert len(report.problems) == problems
    assert query(
        etl_settings, "select rows_read, rows_loaded, rows_unchanged, rows_rejected, status from load_runs"
    ) == [(read, loaded, unchanged, rejected, "loaded")]
    assert query(etl_settings, "select count(*) from rejected_rows") == [(problems,)]
    assert query(etl_settings, "select count(*) from measurements") == [(loaded,)]
    assert accounting_holds(etl_settings)


def values(settings, indicator=None):
    sql = "select indicator_code, area_level, area_code, period, period_type, value from measurements"
    if indicator:
        return query(settings, sql + " where indicator_code = ? order by all", [indicator])
    return query(settings, sql + " order by all")


def test_turkish_excel_numbers(etl_settings, etl_plans):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "turkish_excel.csv"))
    assert "UTF-8 with BOM" in report.details and "delimiter ';'" in report.details
    assert {(row[2], row[3], row[5]) for row in values(etl_settings)} == {
        ("1128", "2020", 1234.0),  # "1.234": the file shows decimal commas, so the dot groups thousands
        ("1203", "2020", 12345.0),  # "12.345"
        ("2055", "2020", 4367251.0),  # "4.367.251"
        ("1128", "2020", 82.5),  # "%82,5"
        ("1203", "2020", 79.25),  # "79,25 %"
        ("35", "2020", 1.45),  # "1,45"
        ("35", "2020-07", 10.9),  # "10,9"
    }


def test_windows_1254_letters_are_read_right(etl_settings, etl_plans):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "windows_1254.csv"))
    assert report.details[0] == "Windows-1254 (Turkish)"
    assert values(etl_settings) == [
        ("1.1.1.1", "province", "35", "2021", "year", 1.5),
        ("1.2.1.1", "district", "1203", "2021", "year", 430.0),
        ("1.2.1.1", "district", "2055", "2021", "year", 330.0),
    ]


def test_iso_8859_9_letters_are_read_right(etl_settings, etl_plans):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "iso_8859_9.csv"))
    assert report.details[0].startswith("Turkish single-byte")
    assert values(etl_settings, "1.2.1.3") == [
        ("1.2.1.3", "district", "1128", "2021", "year", 2.0),
        ("1.2.1.3", "district", "2055", "2021", "year", 4.0),
    ]


def test_period_spellings_become_canonical_periods(etl_settings, etl_plans):
    run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "periods.tsv"))
    periods = query(
        etl_settings,
        "select indicator_code, period, period_type, strftime(period_end, '%Y-%m-%d') "
        "from measurements order by indicator_code, period",
    )
    assert periods == [
        ("1.1.1.1", "2015", "year", "2015-12-31"),
        ("1.1.1.1", "2016", "year", "2016-12-31"),  # 31.12.2016 for a yearly indicator
        ("1.1.1.1", "2017", "year", "2017-12-31"),  # "2017 yılı"
        ("1.1.1.2", "2019-01", "month", "2019-01-31"),
        ("1.1.1.2", "2019-02", "month", "2019-02-28"),  # "Şubat 2019"
        ("1.1.1.2", "2019-03", "month", "2019-03-31"),  # 31.03.2019 for a monthly indicator
        ("1.1.1.2", "2019-04", "month", "2019-04-30"),  # 2019-04-30
        ("1.1.1.2", "2019-05", "month", "2019-05-31"),  # 05.2019
        ("1.1.2.1", "2020-05-15", "date", "2020-05-15"),  # a date that ends no period stays a date
    ]
    # 1.1.2.1 is yearly: a quarter, however it is spelled, is finer than its periods
    finer = "finer than the indicator's yearly periods (expected e.g. {})"
    assert query(etl_settings, "select row_number, value, reason from rejected_rows order by row_number") == [
        (10, "2019-Q2", "period 2019-Q2 is a quarter, " + finer.format(2019)),
        (11, "2019 3. Çeyrek", "period 2019-Q3 is a quarter, " + finer.format(2019)),
        (12, "Q4 2019", "period 2019-Q4 is a quarter, " + finer.format(2019)),
        (13, "2020-Ç1", "period 2020-Q1 is a quarter, " + finer.format(2020)),
    ]


def test_district_spellings_resolve_to_official_codes(etl_settings, etl_plans):
    run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "district_spellings.csv"))
    rows = query(etl_settings, "select area_code, period, value from measurements order by value")
    assert rows == [
        ("35", "2014", 1.05),
        ("35", "2015", 1.1),
        ("35", "2016", 1.12),  # IZMIR, empty, "İl Geneli"
        ("2055", "2014", 301.0),
        ("2055", "2015", 302.0),
        ("2055", "2016", 303.0),
        ("2055", "2017", 304.0),
        ("1203", "2014", 401.0),
        ("1203", "2015", 402.0),
        ("1203", "2016", 403.0),
        ("1128", "2014", 601.0),
        ("1128", "2015", 602.0),
        ("1128", "2016", 603.0),
        ("35", "2014", 1302.0),  # "Toplam": the province
    ]


# one_problem/FILE → (rows read, loaded, unchanged, rejected), [(line, column, value, reason starts with)]
ONE_PROBLEM = {
    "unknown_indicator.csv": ((2, 1, 0, 1), [(3, "indicator", "9.9.9", "unknown indicator '9.9.9'")]),
    "unknown_district.csv": ((2, 1, 0, 1), [(3, "district", "Bornova", "unknown district 'Bornova'")]),
    "not_a_number.csv": ((2, 1, 0, 1), [(3, "value", "çok", "not a number")]),
    "unparseable_period.csv": ((2, 1, 0, 1), [(3, "period", "geçen yıl", "not a period (expected e.g. 2023, ")]),
    "period_outside_plan.csv": (
        (2, 1, 0, 1),
        [(3, "period", "2012", "period 2012 is outside the plan's years 2013-2026")],
    ),
    "conflicting_duplicate.csv": (
        (2, 0, 0, 2),
        [
            (2, "value", "400", "same indicator, area and period as line 3 with a different value (both rejected)"),
            (3, "value", "410", "same indicator, area and period as line 2 with a different value (both rejected)"),
        ],
    ),
    "repeated_duplicate.csv": ((2, 1, 1, 0), []),
    "district_for_province_indicator.csv": (
        (2, 1, 0, 1),
        [
            (
                3,
                "district",
                "Karşıyaka",
                "district value for province-level indicator '1.1.1.1': expected the "
                "province (İzmir) or an empty district",
            )
        ],
    ),
    "negative_count.csv": (
        (2, 1, 0, 1),
        [(3, "value", "-1", "implausible value -1: below the minimum 0 for unit 'count' (indicator 1.2.1.3)")],
    ),
    "percent_over_100.csv": (
        (2, 1, 0, 1),
        [(3, "value", "101.5", "implausible value 101.5: above the maximum 100 for unit '%' (indicator 1.2.1.2)")],
    ),
    "ragged_row.csv": ((2, 1, 0, 1), [(3, None, None, "row has 5 fields; the header has 4")]),
}


@pytest.fixture(scope="module")
def shared_warehouse(tmp_path_factory):
    """One warehouse for the one-problem files (their keys differ, so their outcomes do not depend on order)."""
    settings = make_settings(tmp_path_factory.mktemp("one-problem"))
    return settings, load_plans(settings.plan_files)


@pytest.mark.parametrize("name", ONE_PROBLEM)
def test_each_kind_of_problem_in_a_file_of_its_own(shared_warehouse, name):
    settings, plans = shared_warehouse
    counts, problems = ONE_PROBLEM[name]
    [report] = run_source(settings, plans, file_source(ETL_FIXTURES / "one_problem" / name, source_id="one"))
    assert (report.rows_read, report.rows_loaded, report.rows_unchanged, report.rows_rejected) == counts
    stored = query(
        settings,
        "select row_number, column_name, value, reason from rejected_rows where run_id = ? order by row_number",
        [report.run_id],
    )
    assert len(stored) == len(problems)
    for row, (line, column, value, reason) in zip(stored, problems, strict=True):
        assert row[:3] == (line, column, value) and row[3].startswith(reason), row
    assert query(
        settings,
        "select rows_read, rows_loaded, rows_unchanged, rows_rejected from load_runs where run_id = ?",
        [report.run_id],
    ) == [counts]


MALFORMED_PROBLEMS = [
    (3, "indicator", "9.9.9", "unknown indicator '9.9.9'"),
    (4, "district", "Bornova", "unknown district 'Bornova'"),
    (5, "value", "abc", "not a number"),
    (6, "period", "geçen yıl", "not a period"),
    (7, "period", "2010", "period 2010 is outside the plan's years 2013-2026"),
    (8, "period", "2031", "period 2031 is outside the plan's years 2013-2026"),
    (9, "value", "420", "same indicator, area and period as line 10 with a different value"),
    (10, "value", "425", "same indicator, area and period as line 9 with a different value"),
    (13, "district", "Aliağa", "district value for province-level indicator '1.1.1.1'"),
    (14, "value", "-3", "implausible value -3: below the minimum 0 for unit 'count'"),
    (15, "value", "120", "implausible value 120: above the maximum 100 for unit '%'"),
    (16, "value", "", "value is missing"),
    (17, "district", "Narnia", "unknown district 'Narnia'"),
    (17, "indicator", "7.7.7", "unknown indicator '7.7.7'"),
    (17, "period", "someday", "not a period"),
    (17, "value", "x", "not a number"),
    (18, None, None, "row has 5 fields; the header has 4"),
]


def test_malformed_rows_each_rejected_with_line_column_value_and_reason(etl_settings, etl_plans):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "malformed_rows.csv"))
    stored = query(
        etl_settings,
        "select row_number, column_name, value, reason, raw_row from rejected_rows order by row_number, column_name",
    )
    assert len(stored) == len(MALFORMED_PROBLEMS)
    for (line, column, value, reason, raw_row), expected in zip(stored, MALFORMED_PROBLEMS, strict=True):
        assert (line, column, value) == expected[:3]
        assert reason.startswith(expected[3]), (line, reason)
        assert raw_row  # the whole line, for review
    assert stored[0][4] == "9.9.9,İzmir,2019,1.0"
    # the good rows and the first of two identical rows load; the identical repeat counts as unchanged
    assert values(etl_settings) == [
        ("1.1.1.1", "province", "35", "2019", "year", 1.4),
        ("1.2.1.1", "district", "1128", "2019", "year", 650.0),
        ("1.2.1.1", "district", "2055", "2019", "year", 310.0),
    ]


def test_an_ambiguous_number_is_rejected_unless_the_source_declares_the_decimal(etl_settings, etl_plans):
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "ambiguous_number.csv"))
    assert report.problems["reason"].iloc[0].startswith("ambiguous number")
    [report] = run_source(etl_settings, etl_plans, file_source(ETL_FIXTURES / "ambiguous_number.csv", decimal=","))
    assert report.rows_loaded == 1 and report.rows_unchanged == 1
    assert query(etl_settings, "select value from measurements where area_code = '1128'") == [(1234.0,)]


def test_an_ambiguous_district_name_is_rejected_naming_the_candidates(etl_settings, etl_plans):
    [report] = run_source(
        etl_settings, etl_plans, file_source(ETL_FIXTURES / "ambiguous_district.csv", plan_code="twins")
    )
    assert (report.rows_loaded, report.rows_rejected) == (3, 1)
    [(line, reason)] = query(etl_settings, "select row_number, reason from rejected_rows")
    assert line == 4
    assert reason == (
        "ambiguous district 'KIRİK': matches Kirik (9002), Kırık (9001); write it with Turkish letters or as a code"
    )


# file → the start of the failure message (after the file name)
UNREADABLE = {
    "empty.csv": "the file is empty",
    "only_blank_lines.csv": "the file is empty",
    "binary.csv": "not a text file",
    "workbook_named_csv.csv": "this is an Excel workbook or zip archive, not the long_csv the source expects",
    "wrong_columns.csv": "wrong columns: missing period",
    "header_only.csv": "no data rows",
    "mojibake.csv": "line 2: 'Ýzmir' holds 'Ý'",
    "western_european.csv": "cannot tell the encoding",
}


@pytest.fixture(scope="module")
def loaded_once(tmp_path_factory):
    """A warehouse with one file loaded, made once; each test works on a copy of its data folder."""
    settings = make_settings(tmp_path_factory.mktemp("loaded-once"))
    run_source(
        settings, load_plans(settings.plan_files), file_source(ETL_FIXTURES / "long_clean.csv", source_id="earlier")
    )
    return settings, snapshot(settings)


@pytest.mark.parametrize("name", UNREADABLE)
def test_each_unreadable_file_fails_its_run_and_changes_nothing(loaded_once, etl_plans, tmp_path, name):
    seeded, before = loaded_once
    settings = dataclasses.replace(seeded, data_dir=tmp_path / "data")
    shutil.copytree(seeded.data_dir, settings.data_dir)
    [report] = run_source(settings, etl_plans, file_source(ETL_FIXTURES / name))
    assert not report.ok
    assert report.message.startswith(f"{name}: {UNREADABLE[name]}"), report.message
    assert snapshot(settings) == before
    assert query(settings, "select status, message from load_runs where source_id = 'test-file'") == [
        ("failed", report.message)
    ]
    # a fixed file is copied aside (never moved or deleted), with a report naming the file and the problem
    report_file = report.kept_at
    assert report_file is not None and report_file.parent == settings.failed_dir / "test-file"
    assert name in report_file.name and report.message in report_file.read_text(encoding="utf-8")
    assert (ETL_FIXTURES / name).exists()
