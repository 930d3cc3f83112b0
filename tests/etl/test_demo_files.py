"""Demo data for the first start: written to the inbox as staff would, loaded through the ETL, marked demo."""

from __future__ import annotations

import pytest

from etl.demo_files import ensure_demo_data, write_demo_file
from gosterge.plan import load_plans
from gosterge.settings import load_settings
from tests.etl.helpers import query


def test_demo_files_look_like_a_staff_export(etl_plans, tmp_path):
    path = write_demo_file(etl_plans["mini"], tmp_path, "demo.csv")
    data = path.read_bytes()
    assert data.startswith("\ufeffgösterge;ilçe;dönem;değer\n".encode())
    text = data.decode("utf-8-sig")
    assert ";Karşıyaka;" in text and ";İzmir;" in text  # district and province names, not codes


def test_an_empty_warehouse_gets_demo_data_once(etl_settings, etl_plans):
    reports = ensure_demo_data(etl_settings, etl_plans)
    assert [(report.source_id, report.status, report.rows_rejected) for report in reports] == [
        ("demo-mini", "loaded", 0),
        ("demo-twins", "loaded", 0),
    ]
    assert ensure_demo_data(etl_settings, etl_plans) == []  # data exists: nothing to do
    assert query(etl_settings, "select source_id, is_demo from load_runs order by run_id") == [
        ("demo-mini", True),
        ("demo-twins", True),
    ]
    # the files went through the inbox and are archived
    assert sorted(path.name for path in etl_settings.archive_dir.iterdir()) == ["demo-mini", "demo-twins"]
    assert not any((etl_settings.inbox_dir / "demo-mini").iterdir())


@pytest.mark.slow
def test_first_start_with_the_project_plans_and_sources(tmp_path):
    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path / "data")})
    plans = load_plans(settings.plan_files)
    reports = ensure_demo_data(settings, plans)
    assert sorted(report.source_id for report in reports) == sorted("demo-" + code.split("-")[0] for code in plans)
    assert all(report.ok and report.rows_rejected == 0 for report in reports)
    for code, plan in plans.items():
        measured = query(
            settings, "select count(distinct indicator_code) from measurements where plan_code = ? and is_demo", [code]
        )
        assert measured == [(len(plan.indicators),)]
    assert query(settings, "select count(*) from indicator_progress where is_demo is not true") == [(0,)]
