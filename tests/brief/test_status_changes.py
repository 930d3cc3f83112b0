"""The writer remembers statuses: every node whose status a load moved is in status_changes, with the run
that moved it, in the load's own transaction (a failed load leaves none); the query tells up from down."""

from __future__ import annotations

import pandas as pd
import pytest

from gosterge.progress.status import STATUSES
from tests.brief.conftest import TwoLoads
from warehouse import Warehouse
from warehouse.loading import start_run
from warehouse.progress_store import refresh_progress
from warehouse.queries.status_changes import DOWN, OTHER, UP, change_direction, status_changes

KEY = ["plan_code", "node_code", "area_level", "area_code"]


def test_every_status_the_second_load_moved_is_recorded_with_its_run(two_loads: TwoLoads):
    moved = two_loads.before.merge(two_loads.after, on=KEY, suffixes=("_old", "_new"))
    moved = moved[moved["status_old"] != moved["status_new"]]
    assert len(moved) > 100  # two new years move many nodes in many areas
    with two_loads.connect() as connection:
        recorded = connection.execute("select * from status_changes").df()
    assert set(recorded["run_id"]) == {two_loads.second_run}  # the first load had no status to change from
    assert recorded["changed_at"].notna().all()
    expected = moved.rename(columns={"status_old": "old_status", "status_new": "new_status"})
    columns = [*KEY, "old_status", "new_status"]
    assert_same_rows(recorded[columns], expected[columns])


def test_the_query_reads_a_runs_goal_changes_with_their_direction(two_loads: TwoLoads, two_loads_connection):
    goals = status_changes(two_loads_connection, plan=two_loads.plan.code, run_id=two_loads.second_run)
    goal_codes = {node.code for node in two_loads.plan.goals()}
    assert len(goals) > 0 and set(goals["node_code"]) <= goal_codes
    assert set(goals["area_level"]) == {"province"}
    for row in goals.to_dict("records"):
        assert row["direction"] == change_direction(row["old_status"], row["new_status"])
        assert row["title_tr"] == two_loads.plan.nodes[row["node_code"]].title_tr
    # every level: a district where a priority moved (rows read straight from the table to compare)
    priority_moved = two_loads_connection.execute(
        "select any_value(area_code) from status_changes where node_code = '3.2' and area_level = 'district'"
    ).fetchone()[0]
    everything = status_changes(
        two_loads_connection,
        plan=two_loads.plan.code,
        goals_only=False,
        area_level="district",
        area_code=priority_moved,
    )
    stored = two_loads_connection.execute(
        "select count(*) from status_changes where area_level = 'district' and area_code = ?", [priority_moved]
    ).fetchone()[0]
    assert len(everything) == stored and "3.2" in set(everything["node_code"])
    axis = status_changes(two_loads_connection, plan=two_loads.plan.code, scope="2")
    assert set(axis["node_code"]) == {code for code in goals["node_code"] if code.startswith("2.")}
    district = status_changes(two_loads_connection, plan=two_loads.plan.code, area_level="district", area_code="1128")
    assert set(district["area_code"]) == {"1128"}
    assert status_changes(two_loads_connection, plan=two_loads.plan.code, run_id=two_loads.first_run).empty


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("limited", "on_track", UP),
        ("on_track", "achieved", UP),
        ("acceleration_needed", "deterioration", DOWN),
        ("deterioration", "not_achieved", DOWN),
        ("not_achieved", "achieved", UP),
        ("not_available", "on_track", OTHER),  # newly assessed: neither up nor down
        ("on_track", "not_measured", OTHER),
        ("limited", "limited", OTHER),
    ],
)
def test_direction_follows_the_engines_order(old, new, direction):
    assert change_direction(old, new) == direction
    assert old in STATUSES and new in STATUSES


def test_a_failed_load_records_no_change(tmp_path, izmir_plan):
    """Statuses move with the progress tables or not at all: the recompute's transaction rolls back whole."""
    from etl.demo import demo_measurements
    from tests.support.builders import load_rows, measurement_frame
    from warehouse.loading import upsert_measurements

    folder = tmp_path / "data"
    rows = demo_measurements(izmir_plan)
    load_rows(folder, [izmir_plan], rows[rows["period"].str[:4] < "2024"])
    warehouse = Warehouse(folder)
    with pytest.raises(RuntimeError, match="disk gone"), warehouse.writing() as connection:
        run_id = start_run(connection, source_id="test", plan_code=izmir_plan.code, file_name="late.csv")
        with warehouse.transaction():
            upsert_measurements(connection, run_id, measurement_frame(rows[rows["period"].str[:4] >= "2024"]))
            refresh_progress(connection, izmir_plan, evaluation_year=2026, coverage_floor=0.5, cap_realization=True)
            assert connection.execute("select count(*) from status_changes").fetchone()[0] > 0
            raise RuntimeError("disk gone")
    with Warehouse(folder).writing() as connection:
        assert connection.execute("select count(*) from status_changes").fetchone() == (0,)


def assert_same_rows(left: pd.DataFrame, right: pd.DataFrame) -> None:
    columns = list(left.columns)
    ordered = [frame.sort_values(columns).reset_index(drop=True).astype(str) for frame in (left, right)]
    pd.testing.assert_frame_equal(ordered[0], ordered[1])
