"""The command line: python -m etl run | check | status | demo, with their exit codes."""

from __future__ import annotations

import pytest

from etl.cli import main
from tests.etl.helpers import ETL_FIXTURES, drop_in_mini_inbox, mini_inbox_declaration, query, write_sources

SOURCES = (
    mini_inbox_declaration()
    + """
[[sources]]
id = "mini-file"
plan = "mini"
kind = "file"
location = "{path}"
format = "long_csv"
"""
)


@pytest.fixture
def environment(etl_settings, monkeypatch):
    """The process environment of a CLI call: this test's data folder, plans and sources."""
    write_sources(etl_settings, SOURCES.format(path=ETL_FIXTURES / "long_clean.csv"))
    monkeypatch.setenv("GOSTERGE_DATA_DIR", str(etl_settings.data_dir))
    monkeypatch.setenv("GOSTERGE_PLAN", ",".join(str(path) for path in etl_settings.plan_files))
    monkeypatch.setenv("GOSTERGE_SOURCES", str(etl_settings.sources_file))
    return etl_settings


def test_run_loads_and_reports_rejected_rows_with_exit_code_0(environment, capsys):
    drop_in_mini_inbox(environment, "malformed_rows.csv")
    assert main(["run", "mini-inbox"]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0].startswith(
        "mini-inbox: malformed_rows.csv: loaded 3 (new 3, revised 0), unchanged 1, "
        "rejected 14 of 18 rows read (17 problems)"
    )
    assert output[1] == (
        "  line 3, column 'indicator', value '9.9.9': unknown indicator '9.9.9' (expected an "
        "indicator code of plan mini)"
    )
    assert len(output) == 1 + 17


def test_run_of_every_source(environment, capsys):
    assert main(["run"]) == 0
    output = capsys.readouterr().out
    assert "mini-inbox: nothing to load (inbox inbox/mini)" in output
    assert "mini-file: long_clean.csv: loaded 6" in output


def test_a_failed_run_exits_with_1(environment, capsys):
    drop_in_mini_inbox(environment, "binary.csv")
    assert main(["run", "mini-inbox"]) == 1
    assert "mini-inbox: binary.csv: FAILED (run 1): binary.csv: not a text file" in capsys.readouterr().out


def test_an_unknown_source_is_a_usage_error(environment, capsys):
    assert main(["run", "nope"]) == 2
    assert capsys.readouterr().err.strip() == (
        "unknown source 'nope'; expected one of mini-inbox, mini-file, entries-mini, entries-twins"
    )


def test_a_bad_sources_file_exits_with_2_and_one_line_per_problem(environment, capsys):
    write_sources(environment, '[[sources]]\nid = "x"\nplan = "mini"\nkind = "ftp"\n')
    assert main(["status"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "sources.toml: sources[0].kind: unknown kind (got 'ftp'; expected one of inbox, file, http)",
        "sources.toml: sources[0].format: missing (expected one of long_csv, wide_table, xlsx, json)",
        "sources.toml: sources[0].location: missing (expected a text)",
    ]


def test_check_is_a_dry_run_with_the_full_report(environment, capsys):
    assert main(["check", str(ETL_FIXTURES / "malformed_rows.csv"), "--plan", "mini"]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0] == "malformed_rows.csv: plan mini; UTF-8, delimiter ',', header on line 1"
    assert output[1] == (
        "rows read 18: valid 3 (loaded when new or changed), repeated 1 (unchanged), rejected 14 (17 problems)"
    )
    assert output[2] == "problems:"
    assert len(output) == 3 + 17 + 1 and output[-1] == "nothing was loaded (dry run)"
    assert not environment.published_file.exists() and not environment.warehouse_file.exists()


def test_check_reads_the_file_the_way_a_source_declares(environment, capsys):
    path = ETL_FIXTURES / "wide_population.csv"
    assert main(["check", str(path), "--plan", "mini", "--format", "wide_table", "--indicator", "1.2.1.1"]) == 0
    assert "rows read 11: valid 11" in capsys.readouterr().out


def test_check_of_an_unreadable_file_exits_with_1(environment, capsys):
    assert main(["check", str(ETL_FIXTURES / "wrong_columns.csv"), "--plan", "mini"]) == 1
    assert capsys.readouterr().out.startswith("unreadable: wrong_columns.csv: wrong columns: missing period")


def test_check_needs_a_plan_when_several_are_configured(environment, capsys):
    assert main(["check", str(ETL_FIXTURES / "long_clean.csv")]) == 2
    assert "several plans are configured; choose one with --plan (mini, twins)" in capsys.readouterr().err


def test_status_lists_last_runs_and_next_runs(environment, capsys):
    drop_in_mini_inbox(environment, "malformed_rows.csv")
    main(["run"])
    capsys.readouterr()
    assert main(["status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "source",
        "plan",
        "kind",
        "last",
        "run",
        "status",
        "read",
        "loaded",
        "unchanged",
        "rejected",
        "last",
        "success",
        "next",
        "run",
    ]
    inbox = lines[1].split()
    assert inbox[:3] == ["mini-inbox", "mini", "inbox"] and inbox[5:10] == ["loaded", "18", "3", "1", "14"]
    assert "just now" in lines[1]
    assert lines[2].split()[:3] == ["mini-file", "mini", "file"] and lines[2].endswith("on demand")


def test_demo_writes_files_into_the_inbox_and_loads_them_as_demo(environment, capsys):
    assert main(["demo", "--plan", "mini"]) == 0
    assert capsys.readouterr().out.startswith("demo-mini: demo-mini.csv: loaded ")
    assert query(environment, "select distinct source_id, is_demo, status from load_runs") == [
        ("demo-mini", True, "loaded")
    ]
    assert query(environment, "select bool_and(is_demo), count(*) > 100 from measurements") == [(True, True)]


@pytest.mark.parametrize(
    "name, data, code, line",
    [
        (
            "huge.json",
            b'[{"indicator": "1.2.1.1", "district": "1128", "period": 2019, "value": 1' + b"0" * 400 + b"}]",
            0,
            "rows read 1: valid 0 (loaded when new or changed), repeated 0 (unchanged), rejected 1 (1 problems)",
        ),
        (
            "deep.json",
            b"[" * 100_000 + b"]" * 100_000,
            1,
            "unreadable: deep.json: the JSON document is nested deeper than 32 levels (GOSTERGE_MAX_JSON_DEPTH); "
            "expected a list of records",
        ),
        (
            "long_field.csv",
            "indicator,district,period,value\n1.2.1.1,Aliağa,2019,650\n1.2.1.1,Çeşme,2019,".encode()
            + b"7" * 140_000
            + b"\n",
            0,
            "rows read 2: valid 1 (loaded when new or changed), repeated 0 (unchanged), rejected 1 (2 problems)",
        ),
    ],
)
def test_check_never_ends_in_a_traceback(environment, tmp_path, capsys, name, data, code, line):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["check", str(path), "--plan", "mini"]) == code
    output = capsys.readouterr()
    assert line in output.out.splitlines(), output.out
    assert "Traceback" not in output.out + output.err
