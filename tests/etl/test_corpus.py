"""The hostile corpus (tests/fixtures/etl/make_corpus.py) through the real command line, one file per run, each
on a real DuckDB warehouse of its own: the exit code, the counts, a message naming the file, the row and the
reason, and for every file rows read = loaded + unchanged + rejected, with no row lost or silently changed."""

from __future__ import annotations

import importlib.util
import json
import shutil
from dataclasses import dataclass

import pytest

from dashboard.reasons import reason_text
from etl.cli import main
from gosterge.rejections import ReasonCode
from tests.etl.helpers import ETL_FIXTURES, query, write_sources

_spec = importlib.util.spec_from_file_location("make_corpus", ETL_FIXTURES / "make_corpus.py")
assert _spec is not None and _spec.loader is not None
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)

SOURCES = "".join(
    f"""
[[sources]]
id = "corpus-{kind}"
plan = "mini"
kind = "inbox"
location = "inbox/{kind}"
format = "{file_format}"
pattern = "*"
{columns}"""
    for kind, file_format, columns in (
        ("csv", "long_csv", ""),
        ("wide", "wide_table", '  [sources.columns]\n  indicator_code = "1.2.1.1"\n'),
        ("xlsx", "xlsx", ""),
        ("json", "json", ""),
    )
)
#: environment variables set for one file only
ENVIRONMENT = {
    "limit_file_size.csv": {"GOSTERGE_MAX_FILE_MB": "1"},
    "xlsx_long_cell.xlsx": {"GOSTERGE_MAX_CELL_CHARACTERS": "1000"},
}


@dataclass(frozen=True)
class Outcome:
    """What one file gives: the exit code, the rows, and a fragment of the output naming row and reason."""

    exit_code: int
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    fragment: str = ""


def loads(read: int, *, unchanged: int = 0) -> Outcome:
    """Every row loads (or repeats)."""
    return Outcome(0, read, read - unchanged, unchanged)


def rejects(read: int, rejected: int, fragment: str) -> Outcome:
    """``rejected`` rows rejected, the rest loaded; ``fragment`` is one printed problem line."""
    return Outcome(0, read, read - rejected, 0, rejected, fragment)


def fails(fragment: str) -> Outcome:
    """The file cannot be read: exit code 1, nothing loaded; ``fragment`` follows 'FAILED (run 1): '."""
    return Outcome(1, fragment=fragment)


NOT_A_NUMBER_SPACE = "not a number: a space inside a number is read only as a thousands separator"
FINER = "finer than the indicator's"
EXPECTED: dict[str, Outcome] = {
    # encodings
    "enc_utf8_bom.csv": loads(1),
    "enc_cp1254.csv": loads(1),
    "enc_iso_8859_9.csv": loads(1),
    "enc_utf16_tabs.txt": loads(1),
    "enc_mixed_utf8_cp1254.csv": fails(
        "enc_mixed_utf8_cp1254.csv: line 4: byte 0xfe is not UTF-8 ('1.2.1.1,Karşıyaka,2019,330' read as "
        "Windows-1254), while line 2 is UTF-8: the file mixes encodings"
    ),
    "enc_mojibake.csv": fails("enc_mojibake.csv: line 2: 'KarÅŸÄ±yaka' holds 'ÅŸ', the mark of Turkish text"),
    "enc_western_european.csv": fails("enc_western_european.csv: cannot tell the encoding"),
    "enc_binary.csv": fails("enc_binary.csv: not a text file"),
    # line ends, quotes, fields
    "lines_cr_only.csv": loads(3),
    "lines_crlf.csv": loads(2),
    "lines_blank_and_empty_rows.csv": loads(2),
    "quote_unclosed.csv": rejects(
        20, 1, 'line 4: a quote opens at character 9 ("Bornova,2014,5) and is never closed on this line'
    ),
    "quote_unclosed_last_line.csv": rejects(3, 1, 'line 4: a quote opens at character 24 ("330) and is never closed'),
    "quote_line_break_in_value.csv": rejects(
        3, 1, "line 4, column 'value', value '1\\n0': not a number: the value holds a line break"
    ),
    "quote_decimal_comma.csv": loads(3),
    "quote_in_unquoted_field.csv": rejects(
        3, 1, "line 4, column 'district', value 'Karşıyaka 12\"': unknown district 'Karşıyaka 12\"'"
    ),
    "ragged_extra_field.csv": rejects(3, 1, "line 4: row has 5 fields; the header has 4"),
    "ragged_short_row.csv": rejects(3, 1, "line 4, column 'value', value '': value is missing"),
    "trailing_delimiters.csv": loads(2),
    "title_above_header.csv": loads(2),
    "field_over_131072.csv": rejects(
        3, 1, "the cell holds 200,000 characters, more than the limit of 32,767 (GOSTERGE_MAX_CELL_CHARACTERS)"
    ),
    "header_only.csv": fails("header_only.csv: no data rows"),
    "empty.csv": fails("empty.csv: the file is empty"),
    "only_spaces.csv": fails("only_spaces.csv: the file is empty"),
    "wrong_columns.csv": fails("wrong_columns.csv: wrong columns: missing period"),
    "repeated_value_column.csv": fails(
        "repeated_value_column.csv: line 1: repeated columns: 'value' and 'value' (columns 4 and 5)"
    ),
    "two_value_columns.csv": fails(
        "two_value_columns.csv: line 1: repeated columns: 'değer' and 'value' (columns 4 and 5)"
    ),
    "pdf_named_csv.csv": fails("pdf_named_csv.csv: this is a PDF document, not the long_csv the source expects"),
    "workbook_named_csv.csv": fails("workbook_named_csv.csv: this is an Excel workbook or zip archive"),
    "delimiter_pipe.csv": loads(1),
    "delimiter_tab.tsv": loads(1),
    # numbers
    "num_inner_space.csv": rejects(3, 1, f"line 4, column 'value', value '12 5': {NOT_A_NUMBER_SPACE}"),
    "num_thousands_spaces.csv": loads(3),
    "num_thousands_bad_group.csv": rejects(3, 1, f"line 4, column 'value', value '1 23': {NOT_A_NUMBER_SPACE}"),
    "num_percent_for_count.csv": rejects(
        3,
        1,
        "line 4, column 'value', value '50%': written as a percentage, but indicator 1.2.1.3 is measured in 'count'",
    ),
    "num_percent_for_rate.csv": loads(2),
    "num_percent_inside.csv": rejects(3, 1, "line 4, column 'value', value '8%2': not a number"),
    "num_ambiguous.csv": rejects(1, 1, "line 2, column 'value', value '1.234': ambiguous number"),
    "num_turkish_style.csv": loads(3),
    "num_unicode_minus.csv": rejects(
        3, 1, "line 4, column 'value', value '−5': implausible value -5: below the minimum 0 for unit 'persons'"
    ),
    "num_just_above_bound.csv": rejects(
        3, 1, "line 4, column 'value', value '100.0001': implausible value 100.0001: above the maximum 100 for unit '%'"
    ),
    "num_words.csv": rejects(4, 2, "line 5, column 'value', value 'inf': not a number"),
    "num_exponent_overflow.csv": rejects(
        3, 1, "line 4, column 'value', value '1e999': not a number: too large to store"
    ),
    "num_missing_markers.csv": rejects(4, 2, "line 5, column 'value', value '-': not a number"),
    # TÜİK tables and labels
    "tuik_wide_footnotes.csv": loads(6),
    "tuik_wide_repeated_period.csv": Outcome(
        0,
        4,
        1,
        1,
        2,
        "line 2, column '2019', value '660': same indicator, area and period as another cell of this line",
    ),
    "tuik_wide_unclosed_quote.csv": rejects(5, 1, 'line 3: a quote opens at character 1 ("Çeşme;420;430) and is never'),
    "tuik_medas_labels.csv": loads(2),
    "tuik_medas_contradiction.csv": rejects(
        3, 1, "district 'İstanbul(Kadıköy)-1128': the code 1128 is Aliağa in İzmir, but the label names the province"
    ),
    "tuik_medas_wrong_district.csv": rejects(
        3, 1, "district 'İzmir(Çeşme)-1128': the code 1128 is Aliağa, but the label names 'Çeşme'"
    ),
    # periods
    "period_month_for_yearly.csv": rejects(
        3, 1, f"line 4, column 'period', value '2023-06': period 2023-06 is a month, {FINER} yearly periods"
    ),
    "period_quarter_for_yearly.csv": rejects(
        3, 1, f"line 4, column 'period', value '2023-Q2': period 2023-Q2 is a quarter, {FINER} yearly periods"
    ),
    "period_named_month_for_yearly.csv": rejects(
        3, 1, f"line 4, column 'period', value '2023 Haziran': period 2023-06 is a month, {FINER} yearly periods"
    ),
    "period_year_end_date.csv": loads(3),
    "period_month_end_for_monthly.csv": loads(3),
    "period_mid_month_for_monthly.csv": loads(3),  # a date that ends no month: a point observation, kept
    "period_outside_plan.csv": rejects(3, 1, "line 4, column 'period', value '2027': period 2027 is outside the plan"),
    "period_month_13.csv": rejects(3, 1, "line 4, column 'period', value '2023-13': month 13 does not exist"),
    "period_february_30.csv": rejects(3, 1, "line 4, column 'period', value '30.02.2020': date does not exist"),
    # districts
    "district_unknown_code.csv": rejects(3, 1, "line 4, column 'district', value '9999': unknown district code '9999'"),
    "district_loose_spellings.csv": loads(3),
    "district_for_province_indicator.csv": rejects(
        3, 1, "line 4, column 'district', value 'Aliağa': district value for province-level indicator '1.1.1.1'"
    ),
    # workbooks
    "xlsx_percent_format.xlsx": rejects(
        2,
        1,
        "line 3, column 'Değer', value '50%': written as a percentage, but indicator 1.2.1.3 is measured in 'count'",
    ),
    "xlsx_year_format.xlsx": loads(1),
    "xlsx_month_format.xlsx": loads(1),
    "xlsx_formula_without_result.xlsx": rejects(
        2, 1, "line 3, column 'Değer', value '=D2*2': not a number: a formula without a stored result"
    ),
    "xlsx_cover_sheet.xlsx": loads(1),
    "xlsx_no_data_sheet.xlsx": fails(
        "xlsx_no_data_sheet.xlsx: wrong columns: missing period"
    ),  # … "no sheet has them (sheets 'Kapak', 'Notlar')"
    "xlsx_truncated.xlsx": fails("xlsx_truncated.xlsx: cannot open the workbook (File is not a zip file)"),
    "xlsx_text_file.xlsx": fails("xlsx_text_file.xlsx: not an Excel .xlsx file"),
    "xlsx_broken_sheet_xml.xlsx": fails("xlsx_broken_sheet_xml.xlsx: sheet 'Veri' cannot be read (ParseError: "),
    "xlsx_huge_uncompressed.xlsx": fails(
        "xlsx_huge_uncompressed.xlsx: the workbook holds 65.0 MiB once uncompressed, more than the limit of 64.0 MiB"
    ),
    "xlsx_long_cell.xlsx": rejects(
        2,
        1,
        f"line 3, column 'Değer', value '{'9' * 80}'…: the cell holds 5,000 characters, more than the limit of "
        "1,000 (GOSTERGE_MAX_CELL_CHARACTERS)",
    ),
    "xlsx_numbers_as_text.xlsx": loads(2),
    # JSON
    "json_records.json": loads(2),
    "json_huge_integer.json": rejects(
        1, 1, f"line 1, column 'value', value '{'1' + '0' * 79}'…: not a number: too large to store (beyond ±1.8e308)"
    ),
    "json_float_overflow.json": rejects(1, 1, "line 1, column 'value', value 'inf': not a number: too large to store"),
    "json_deep_nesting.json": fails("json_deep_nesting.json: the JSON document is nested deeper than 32 levels"),
    "json_not_objects.json": fails("json_not_objects.json: the records are not all objects"),
    "json_object_as_value.json": rejects(1, 1, "line 1, column 'value', value \"{'deger': 650}\": not a number"),
    "json_truncated.json": fails("json_truncated.json: not valid JSON (line 1: "),
    # limits
    "limit_file_size.csv": fails(
        "limit_file_size.csv: the file is 1.2 MiB, more than the limit of 1.0 MiB (GOSTERGE_MAX_FILE_MB)"
    ),
}
#: what the loaded rows hold, where a reader could silently change a value: (indicator, area, period, value)
VALUES = {
    "lines_cr_only.csv": {
        ("1.2.1.1", "1128", "2019", 650.0),
        ("1.2.1.1", "1203", "2019", 420.0),
        ("1.2.1.1", "2055", "2019", 330.0),
    },
    "num_thousands_spaces.csv": {  # no-break, plain and narrow no-break spaces between groups of three
        ("1.2.1.1", "1128", "2019", 1234.0),
        ("1.2.1.1", "1203", "2019", 4367251.0),
        ("1.2.1.1", "2055", "2019", 1234.0),
    },
    "num_percent_for_rate.csv": {("1.2.1.2", "1128", "2019", 82.5), ("1.2.1.2", "1203", "2019", 79.25)},
    "num_turkish_style.csv": {
        ("1.2.1.1", "1128", "2019", 1234.0),
        ("1.2.1.1", "1203", "2019", 4367251.0),
        ("1.1.1.1", "35", "2019", 1.45),
    },
    "quote_decimal_comma.csv": {
        ("1.2.1.1", "1128", "2019", 650.0),
        ("1.2.1.1", "1203", "2019", 420.0),
        ("1.2.1.2", "1128", "2019", 82.5),
    },
    "xlsx_percent_format.xlsx": {("1.2.1.2", "1128", "2019", 45.0)},  # 0.45 formatted 0%: 45, as Excel shows it
    "xlsx_year_format.xlsx": {("1.2.1.1", "1128", "2019", 650.0)},  # a date formatted yyyy: the year
    "xlsx_month_format.xlsx": {("1.1.1.2", "35", "2019-06", 9.5)},  # formatted mm.yyyy: the month
    "xlsx_numbers_as_text.xlsx": {("1.2.1.1", "1128", "2019", 1234.5), ("1.1.1.1", "35", "2019", 1.234)},
    "period_year_end_date.csv": {
        ("1.2.1.1", "1128", "2019", 650.0),
        ("1.2.1.1", "1203", "2019", 420.0),
        ("1.1.1.1", "35", "2020", 1.5),
    },
    "period_month_end_for_monthly.csv": {
        ("1.2.1.1", "1128", "2019", 650.0),
        ("1.2.1.1", "1203", "2019", 420.0),
        ("1.1.1.2", "35", "2020-06", 9.5),
    },
    "period_mid_month_for_monthly.csv": {
        ("1.2.1.1", "1128", "2019", 650.0),
        ("1.2.1.1", "1203", "2019", 420.0),
        ("1.1.1.2", "35", "2020-06-15", 9.5),
    },
    "tuik_medas_labels.csv": {("1.2.1.1", "1128", "2019", 650.0), ("1.2.1.1", "1203", "2019", 420.0)},
    "tuik_wide_footnotes.csv": {
        ("1.2.1.1", "1128", "2019", 101543.0),
        ("1.2.1.1", "1128", "2020", 102210.0),
        ("1.2.1.1", "1128", "2021", 103311.0),
        ("1.2.1.1", "2055", "2019", 346500.0),
        ("1.2.1.1", "35", "2019", 4367251.0),
        ("1.2.1.1", "35", "2020", 4394694.0),
    },
    "district_loose_spellings.csv": {
        ("1.2.1.1", "2055", "2019", 330.0),
        ("1.2.1.1", "1203", "2020", 421.0),
        ("1.2.1.1", "1128", "2020", 651.0),
    },
    "enc_cp1254.csv": {("1.2.1.1", "2055", "2019", 330.0)},
    "enc_utf16_tabs.txt": {("1.2.1.1", "1203", "2019", 420.0)},
    "json_records.json": {("1.2.1.1", "1128", "2019", 650.0), ("1.1.1.1", "35", "2019", 1.45)},
}
STORED_AT_MOST = 1_000 + len("… [cut short: 200,000 characters in all]")


def test_the_corpus_is_large_and_every_file_has_its_outcome():
    assert len(make_corpus.CORPUS) >= 60
    assert set(EXPECTED) == set(make_corpus.CORPUS)
    assert set(VALUES) <= set(EXPECTED)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus.build(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("name", EXPECTED)
def test_each_hostile_file_through_the_command_line(corpus, etl_settings, monkeypatch, capsys, name):
    kind, _ = make_corpus.CORPUS[name]
    expected = EXPECTED[name]
    write_sources(etl_settings, SOURCES)
    monkeypatch.setenv("GOSTERGE_DATA_DIR", str(etl_settings.data_dir))
    monkeypatch.setenv("GOSTERGE_PLAN", ",".join(str(path) for path in etl_settings.plan_files))
    monkeypatch.setenv("GOSTERGE_SOURCES", str(etl_settings.sources_file))
    for variable, value in ENVIRONMENT.get(name, {}).items():
        monkeypatch.setenv(variable, value)
    inbox = etl_settings.data_dir / "inbox" / kind
    inbox.mkdir(parents=True)
    shutil.copyfile(corpus[name], inbox / name)

    assert main(["run", f"corpus-{kind}", "--problems", "100"]) == expected.exit_code
    output = capsys.readouterr().out
    first = output.splitlines()[0]
    if expected.exit_code:
        assert first.startswith(f"corpus-{kind}: {name}: FAILED (run 1): {expected.fragment}"), first
        assert query(etl_settings, "select status, rows_read from load_runs") == [("failed", 0)]
        assert query(etl_settings, "select count(*) from measurements") == [(0,)]
        assert [path.name for path in (etl_settings.failed_dir / f"corpus-{kind}").iterdir() if path.suffix != ".txt"]
        assert not any(inbox.iterdir())  # set aside with its report, never left to fail again
        return
    assert first.startswith(
        f"corpus-{kind}: {name}: loaded {expected.loaded} (new {expected.loaded}, revised 0), "
        f"unchanged {expected.unchanged}, rejected {expected.rejected} of {expected.read} rows read"
    ), first
    assert expected.fragment in output, output
    runs = query(etl_settings, "select status, rows_read, rows_loaded, rows_unchanged, rows_rejected from load_runs")
    assert runs == [("loaded", expected.read, expected.loaded, expected.unchanged, expected.rejected)]
    assert expected.read == expected.loaded + expected.unchanged + expected.rejected
    row = "(row_number, value)" if kind == "wide" else "row_number"  # a wide table's row is a cell of a line
    rejected = query(
        etl_settings,
        f"select count(distinct {row}), count(*) filter (where reason is null or reason = ''), "
        "max(length(value)), max(length(raw_row)), max(length(reason)) from rejected_rows",
    )[0]
    assert rejected[:2] == (expected.rejected, 0)  # every rejected row has its reason
    assert all(length is None or length <= STORED_AT_MOST for length in rejected[2:])  # never a huge value whole
    for code, values in query(etl_settings, "select reason_code, reason_values::varchar from rejected_rows"):
        assert set(json.loads(values)) == set(ReasonCode(code).parameters)  # every problem has its code and values
        assert reason_text(code, values, None, "tr") and reason_text(code, values, None, "en")  # worded by both
    stored = set(query(etl_settings, "select indicator_code, area_code, period, value from measurements"))
    assert len(stored) == expected.loaded
    if name in VALUES:
        assert stored == VALUES[name]
