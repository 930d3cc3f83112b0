"""sources.toml: read, checked at start-up with one line per problem."""

from __future__ import annotations

import dataclasses
import re

import pytest

from etl.sources import SourcesError, demo_source, load_sources
from gosterge.settings import PROJECT_ROOT, load_settings
from tests.etl.helpers import mini_inbox_declaration, write_sources

GOOD = (
    mini_inbox_declaration()
    + """
[[sources]]
id = "mini-population"
plan = "mini"
kind = "file"
location = "tests/fixtures/etl/long_clean.csv"
format = "long_csv"
delimiter = "tab"
decimal = ","
  [sources.columns]
  district = "district_code"
  period = "year"
  value = "population"
  province = "province"
  indicator_code = "@population"

[[sources]]
id = "portal"
plan = "mini"
kind = "http"
location = "https://example.org/data.json"
format = "json"
records = "result.records"
timeout_seconds = 5
retries = 1
  [sources.columns]
  value_columns = { rate = "1.1.1.1", unemployment = "1.1.1.2" }

[[sources]]
id = "elsewhere"
plan = "some-other-plan"
kind = "inbox"
location = "inbox/other"
format = "long_csv"
"""
)


def test_a_good_sources_file(etl_settings, etl_plans):
    sources = load_sources(write_sources(etl_settings, GOOD), etl_plans)
    assert list(sources) == ["mini-inbox", "mini-population", "portal"]  # "elsewhere": plan not configured
    inbox, population, portal = sources.values()
    assert inbox.path == etl_settings.data_dir / "inbox" / "mini" and inbox.schedule == "0 6 * * 1-5"
    assert population.path == PROJECT_ROOT / "tests/fixtures/etl/long_clean.csv"
    assert (population.delimiter, population.decimal) == ("\t", ",")
    assert population.columns.indicator_code == "1.2.1.1"  # the plan's population_indicator
    assert population.columns.province == "province"
    assert portal.url == "https://example.org/data.json" and portal.http.retries == 1
    assert portal.columns.value_columns == {"rate": "1.1.1.1", "unemployment": "1.1.1.2"}


BAD = """
[[sources]]
id = "Bad Id"
plan = "mini"
kind = "ftp"
location = "inbox/x"
format = "csv"
shedule = "daily"

[[sources]]
id = "second"
plan = "mini"
kind = "http"
location = "example.org/data.csv"
format = "wide_table"
schedule = "0 25 * * *"
retries = -1
  [sources.columns]
  indicator_code = "9.9"

[[sources]]
id = "second"
plan = "mini"
kind = "inbox"
location = "inbox/y"
format = "long_csv"
"""


def test_every_problem_is_one_line_naming_the_location(etl_settings, etl_plans):
    with pytest.raises(SourcesError) as caught:
        load_sources(write_sources(etl_settings, BAD), etl_plans)
    lines = str(caught.value).splitlines()
    assert lines == [
        "sources.toml: sources[0].shedule: unknown key (expected one of backoff_seconds, columns, decimal, delimiter, "
        "demo, description, encoding, format, id, kind, layout, location, pattern, plan, records, retries, "
        "schedule, sheet, timeout_seconds)",
        "sources.toml: sources[0].id: bad source id (got 'Bad Id'; expected lower-case letters, digits, '-' and '_')",
        "sources.toml: sources[0].kind: unknown kind (got 'ftp'; expected one of inbox, file, http)",
        "sources.toml: sources[0].format: unknown format (got 'csv'; expected one of long_csv, wide_table, xlsx, json)",
        "sources.toml: sources[1].location: not an http(s) URL (got 'example.org/data.csv'; expected https://…)",
        "sources.toml: sources[1].schedule: bad cron expression (got '0 25 * * *'; "
        "Error validating expression '25': the last value (25) is higher than the maximum value (23))",
        "sources.toml: sources[1].columns.indicator_code: unknown indicator of plan 'mini' (got '9.9'; "
        "expected an indicator code or '@population')",
        "sources.toml: sources[1].columns.indicator_code: missing (a wide table holds one indicator: expected "
        'indicator_code = "…")',
        "sources.toml: sources[1].retries: not a whole number ≥ 0 (got -1)",
        "sources.toml: sources[2].id: duplicate source id (got 'second'; expected each id once)",
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[sources]\n", "sources.toml: -: not valid TOML"),
        ("[other]\n", "sources.toml: other: unknown top-level key (expected only [[sources]])"),
    ],
)
def test_a_broken_file_is_one_clear_line(etl_settings, etl_plans, text, message):
    with pytest.raises(SourcesError, match="^" + re.escape(message)):
        load_sources(write_sources(etl_settings, text), etl_plans)


def test_a_missing_sources_file(etl_settings, etl_plans, tmp_path):
    settings = dataclasses.replace(etl_settings, sources_file=tmp_path / "absent.toml")
    with pytest.raises(SourcesError, match=r"^absent.toml: -: file does not exist"):
        load_sources(settings, etl_plans)


def test_the_project_sources_file_is_valid_for_the_default_plans(tmp_path):
    from gosterge.plan import load_plans

    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path)})
    sources = load_sources(settings, load_plans(settings.plan_files))
    assert {"demo-izmir", "demo-balikesir", "izmir-inbox", "balikesir-inbox"} <= set(sources)
    assert sources["demo-izmir"].is_demo and sources["demo-izmir"].decimal == ","


def test_a_plan_without_a_declared_demo_source_gets_the_built_in_one(etl_settings, etl_plans):
    source = demo_source(etl_settings, etl_plans["mini"], {})
    assert (source.id, source.kind, source.is_demo) == ("demo-mini", "inbox", True)
    assert source.path == etl_settings.data_dir / "inbox" / "demo-mini"


def test_a_source_of_a_plan_not_configured_is_skipped_but_still_checked(etl_settings, etl_plans, caplog):
    elsewhere = '[[sources]]\nid = "elsewhere"\nplan = "some-other-plan"\nkind = "inbox"\nlocation = "inbox/o"\nformat = "long_csv"\n'
    assert load_sources(write_sources(etl_settings, elsewhere), etl_plans) == {}
    assert "source 'elsewhere' skipped: plan 'some-other-plan' is not configured" in caplog.text
    with pytest.raises(SourcesError) as caught:
        load_sources(write_sources(etl_settings, elsewhere.replace('"inbox"', '"ftp"', 1)), etl_plans)
    assert str(caught.value) == (
        "sources.toml: sources[0].kind: unknown kind (got 'ftp'; expected one of inbox, file, http)"
    )
