"""The last-load badge over a real warehouse: the newest load that changed data, in Istanbul time and
saying so, the demo mark while any shown data is demo, and the loads since then that added nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from dashboard.i18n import format_date, show_times_in
from dashboard.shell import data_badge
from gosterge.plan import Plan
from tests.support.builders import load_rows
from tests.support.components import text_of
from warehouse import Reader, Warehouse
from warehouse.loading import finish_run, start_run
from warehouse.queries.loads import failed_since, last_load, shows_demo_data


def rows(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "plan_code": "mini",
                "indicator_code": code,
                "area_level": "province",
                "area_code": "35",
                "period": "2020",
                "value": value,
            }
            for code, value in values.items()
        ]
    )


def badge(data_dir: Path, lang: str = "tr"):
    with Reader(data_dir / "published.duckdb").connect() as connection:
        last = last_load(connection, plan="mini")
        failures = failed_since(connection, plan="mini", run_id=None if last.empty else int(last.iloc[0]["run_id"]))
        return data_badge(last, [], lang, demo=shows_demo_data(connection, plan="mini"), failures=failures), last


def finished_run(data_dir: Path, *, status: str, read: int, rejected: int) -> None:
    warehouse = Warehouse(data_dir)
    with warehouse.writing() as connection:
        run_id = start_run(connection, source_id="ofis", plan_code="mini", file_name="bad.csv", is_demo=False)
        finish_run(
            connection, run_id, status=status, rows_read=read, rows_loaded=0, rows_unchanged=0, rows_rejected=rejected
        )


def test_the_badge_tells_the_truth_about_loads(tmp_path: Path, mini_plan: Plan):
    load_rows(tmp_path, [mini_plan], rows({"1.1.1.1": 10, "1.1.1.2": 20}), source_id="demo", is_demo=True)
    load_rows(tmp_path, [mini_plan], rows({"1.1.1.1": 12}), source_id="ofis")
    shown, last = badge(tmp_path)
    assert last.iloc[0]["source_id"] == "ofis"
    assert "Demo verisi" in text_of(shown)  # 1.1.1.2 is still demo data
    assert "TSİ" in text_of(shown)
    finished_run(tmp_path, status="loaded", read=5, rejected=5)  # every row rejected: nothing changed
    finished_run(tmp_path, status="failed", read=0, rejected=0)
    shown, last = badge(tmp_path, "en")
    assert last.iloc[0]["source_id"] == "ofis"  # still the load that changed data
    props = shown.to_plotly_json()["props"]
    assert props["data-state"] == "failed" and props["data-failed"] == "2"
    assert "2 later load(s) added no data" in text_of(shown) and "Istanbul time" in text_of(shown)
    load_rows(tmp_path, [mini_plan], rows({"1.1.1.2": 21}), source_id="ofis")
    shown, _ = badge(tmp_path)
    assert "Demo verisi" not in text_of(shown) and shown.to_plotly_json()["props"]["data-state"] == "fresh"


def test_times_are_shown_in_the_chosen_zone_and_say_which():
    moment = datetime(2026, 12, 4, 22, 2).astimezone()  # an aware time: no dependence on this machine's zone
    try:
        assert format_date(moment, "tr", with_time=True).endswith("TSİ")
        assert format_date(moment.astimezone(), "tr", with_time=True).split()[1] == moment.astimezone(
            __import__("zoneinfo").ZoneInfo("Europe/Istanbul")
        ).strftime("%H:%M")
        show_times_in("Europe/Berlin")
        assert format_date(moment, "en", with_time=True).endswith("Europe/Berlin")
    finally:
        show_times_in("Europe/Istanbul")
