"""Real TÜİK figures from ../shared/data/stats, through the ETL into the İzmir plan.

The province totals are the official ADNKS figures for İzmir (TÜİK); the SES
scores are checked against the file itself.
"""

from __future__ import annotations

import csv

import pytest

from etl.jobs import run_source
from etl.sources import load_sources
from etl.turkish import ascii_fold
from gosterge.settings import PROJECT_ROOT, load_settings
from tests.etl.helpers import query

OFFICIAL_IZMIR_POPULATION = {2019: 4_367_251, 2020: 4_394_694, 2021: 4_425_789, 2023: 4_479_525}


@pytest.fixture
def izmir(tmp_path, shared_dir):
    """Settings with the İzmir plan only, and its TÜİK sources declared in a sources.toml."""
    plan_file = PROJECT_ROOT / "indicators.toml"
    if not plan_file.exists():
        pytest.skip("indicators.toml (the İzmir plan) is not there yet")
    stats = shared_dir / "data" / "stats"
    sources = tmp_path / "sources.toml"
    settings = load_settings(
        {"GOSTERGE_DATA_DIR": str(tmp_path / "data"), "GOSTERGE_PLAN": str(plan_file), "GOSTERGE_SOURCES": str(sources)}
    )
    from gosterge.plan import load_plans

    plans = load_plans(settings.plan_files)
    [plan] = plans.values()
    ses = [
        indicator.code
        for indicator in plan.indicators.values()
        if "sosyoekonomik" in ascii_fold(indicator.name_tr) and indicator.level == "district"
    ]
    sources.write_text(
        f"""
[[sources]]
id = "tuik-population"
plan = "{plan.code}"
kind = "file"
location = "{stats / "district_population.csv"}"
format = "long_csv"
schedule = "0 6 1 * *"
  [sources.columns]
  province = "province"
  district = "district_code"
  period = "year"
  value = "population"
  indicator_code = "@population"

[[sources]]
id = "tuik-ses"
plan = "{plan.code}"
kind = "file"
location = "{stats / "district_ses_2023.csv"}"
format = "long_csv"
  [sources.columns]
  province = "province"
  district = "district"
  period = "year"
  value_columns = {{ ses_score_avg = "{ses[0] if ses else plan.population_indicator}" }}
""",
        encoding="utf-8",
    )
    return settings, plans, load_sources(settings, plans), plan, (ses[0] if ses else None), stats


def test_district_population_adds_up_to_the_official_province_totals(izmir):
    settings, plans, sources, plan, _, _ = izmir
    [report] = run_source(settings, plans, sources["tuik-population"])
    assert report.ok, report.message
    # 30 districts × 4 years of İzmir; the other 943 districts' rows are skipped, not rejected
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (120, 120, 0)
    assert report.rows_skipped == 3892 - 120
    population = plan.population_indicator
    totals = dict(
        query(
            settings,
            "select year, sum(value) from measurements where indicator_code = ? "
            "and area_level = 'district' group by year",
            [population],
        )
    )
    assert totals == {year: float(total) for year, total in OFFICIAL_IZMIR_POPULATION.items()}
    # the progress published with the load rolls the districts up to the same province totals
    rolled = dict(
        query(
            settings,
            "select year, value from indicator_yearly where indicator_code = ? "
            "and area_level = 'province' and value is not null",
            [population],
        )
    )
    assert {year: rolled[year] for year in OFFICIAL_IZMIR_POPULATION} == {
        year: pytest.approx(total) for year, total in OFFICIAL_IZMIR_POPULATION.items()
    }


def test_socioeconomic_status_2023_by_district_name(izmir):
    settings, plans, sources, plan, ses, stats = izmir
    if ses is None:
        pytest.skip("the İzmir plan has no district-level socioeconomic status indicator")
    [report] = run_source(settings, plans, sources["tuik-ses"])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (30, 30, 0), report.problems
    with open(stats / "district_ses_2023.csv", encoding="utf-8") as handle:
        expected = {
            row["district_code"]: float(row["ses_score_avg"])
            for row in csv.DictReader(handle)
            if row["province"] == "İzmir"
        }
    loaded = dict(
        query(settings, "select area_code, value from measurements where indicator_code = ? and period = '2023'", [ses])
    )
    assert loaded == expected
    assert set(loaded) == set(plan.districts)
