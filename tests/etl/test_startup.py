"""When the writer starts: edited plans reach the warehouse, and each source's cadence is recorded."""

from datetime import datetime, timedelta

import pandas as pd

from etl.cron import ISTANBUL
from etl.sources import Source
from etl.startup import prepare_writer, schedule_interval
from gosterge.plan import load_plan
from gosterge.settings import load_settings
from tests.support.builders import load_rows
from warehouse import Reader
from warehouse.queries.loads import freshness

ROWS = ["plan_code", "indicator_code", "area_level", "area_code", "period", "value"]


def one_measurement_from(tmp_path, plan, source_id):
    """A warehouse holding one measurement of ``plan`` delivered by ``source_id``, and its settings."""
    data = tmp_path / "data"
    load_rows(
        data,
        [plan],
        pd.DataFrame([("mini", "1.1.1.1", "province", "35", "2018", 1.5)], columns=ROWS),
        source_id=source_id,
    )
    return data, load_settings({"GOSTERGE_DATA_DIR": str(data), "GOSTERGE_PLAN": str(plan.source_file)})


def test_an_edited_target_is_applied_and_progress_recomputed(tmp_path, mini_plan):
    data = tmp_path / "data"
    load_rows(data, [mini_plan], pd.DataFrame([("mini", "1.1.1.1", "province", "35", "2018", 1.5)], columns=ROWS))
    edited = tmp_path / "mini.toml"
    edited.write_text(
        mini_plan.source_file.read_text(encoding="utf-8").replace(
            "target = { year = 2023, value = 2.0 }", "target = { year = 2023, value = 3.0 }"
        ),
        encoding="utf-8",
    )
    settings = load_settings({"GOSTERGE_DATA_DIR": str(data), "GOSTERGE_PLAN": str(edited)})
    plans = {"mini": load_plan(edited)}
    assert prepare_writer(settings, plans, {}, grace_seconds=0) == ["mini"]
    reader = Reader(data / "published.duckdb")
    with reader.connect() as connection:
        target, realization = connection.execute(
            "select target_value, realization_pct from indicator_progress where indicator_code = '1.1.1.1'"
        ).fetchone()
    assert target == 3.0 and realization == 25.0  # (1.5 − 1) / (3 − 1)
    assert prepare_writer(settings, plans, {}, grace_seconds=0) == []  # unchanged: nothing to do


def test_schedule_interval_is_the_longest_gap():
    monday = datetime(2026, 11, 23, 6, 0, tzinfo=ISTANBUL)
    assert schedule_interval("0 6 * * *", monday) == timedelta(days=1)
    # weekdays at 07:00: Friday → Monday is the longest gap
    assert schedule_interval("0 7 * * mon-fri", monday) == timedelta(days=3)
    assert schedule_interval("0 6 1 * *", monday) == timedelta(days=31)


def test_a_feed_is_stale_when_a_scheduled_run_is_missing(tmp_path, mini_plan):
    data, settings = one_measurement_from(tmp_path, mini_plan, "feed")
    feed = Source(
        id="feed",
        plan_code="mini",
        kind="http",
        location="http://127.0.0.1/feed.csv",
        format="long_csv",
        schedule="0 6 * * *",
    )
    prepare_writer(settings, {"mini": mini_plan}, {"feed": feed}, grace_seconds=3600)
    reader = Reader(data / "published.duckdb")
    now = datetime.now()
    with reader.connect() as connection:
        soon = freshness(connection, plan="mini", as_of=now + timedelta(hours=20))
        late = freshness(connection, plan="mini", as_of=now + timedelta(hours=26))
    assert soon.iloc[0]["rule"] == "schedule" and not soon.iloc[0]["stale"]  # within a day and an hour
    assert late.iloc[0]["stale"]  # a daily run is missing: older than its schedule


def test_an_inbox_source_is_judged_by_the_data_frequency(tmp_path, mini_plan):
    data, settings = one_measurement_from(tmp_path, mini_plan, "staff-inbox")
    inbox = Source(
        id="staff-inbox", plan_code="mini", kind="inbox", location="inbox", format="long_csv", schedule="*/15 * * * *"
    )
    prepare_writer(settings, {"mini": mini_plan}, {"staff-inbox": inbox}, grace_seconds=3600)
    with Reader(data / "published.duckdb").connect() as connection:
        judged = freshness(connection, plan="mini", as_of=datetime.now() + timedelta(days=30))
    # files arrive when staff send them: a quiet inbox is not a missed run; 1.1.1.1 is yearly (400 days)
    assert judged.iloc[0]["rule"] == "frequency" and not judged.iloc[0]["stale"]
