"""The brief's figures, each checked against the warehouse's own rows: the comparison with the previous
load (or year), the goals' status counts, the lagging goals and the newest reason for each of their
indicators."""

from __future__ import annotations

import duckdb
import pandas as pd

from tests.brief.conftest import TwoLoads
from tests.support.builders import load_rows
from tests.support.view_questions import lagging_goals
from warehouse.queries.brief import BY_LOAD, BY_YEAR, LAGGING_STATUSES, executive_brief
from warehouse.queries.status_changes import status_changes


def test_changes_are_those_of_the_newest_load_against_the_one_before(two_loads: TwoLoads, two_loads_connection):
    brief = executive_brief(two_loads_connection, plan=two_loads.plan.code)
    comparison = brief.comparison
    assert comparison.basis == BY_LOAD
    runs = two_loads_connection.execute("select run_id, finished_at from load_runs order by run_id").df()
    finished = dict(zip(runs["run_id"], runs["finished_at"], strict=True))
    assert comparison.loaded_at == finished[two_loads.second_run]
    assert comparison.previous_loaded_at == finished[two_loads.first_run]
    recorded = status_changes(two_loads_connection, plan=two_loads.plan.code, run_id=two_loads.second_run)
    moved = recorded[recorded["direction"].isin(["up", "down"])]
    assert sorted(comparison.changes["node_code"]) == sorted(moved["node_code"])
    assert len(comparison.changes) == 19  # 19 goals reached their target with 2024 and 2025 (demo data)
    sort_keys = [two_loads.plan.goals().index(two_loads.plan.nodes[code]) for code in comparison.changes["node_code"]]
    assert sort_keys == sorted(sort_keys)  # in plan order


def test_counts_and_lagging_goals_are_the_warehouses(two_loads: TwoLoads, two_loads_connection):
    plan = two_loads.plan
    brief = executive_brief(two_loads_connection, plan=plan.code)
    stored = two_loads_connection.execute(
        """
        select p.status, count(*) as goals from node_progress p join plan_nodes n using (plan_code, node_code)
        where p.plan_code = ? and p.area_level = 'province' and n.depth = 2 group by p.status
        """,
        [plan.code],
    ).df()
    assert brief.goal_counts == dict(zip(stored["status"], stored["goals"].astype(int), strict=True))
    assert brief.goals == len(plan.goals()) == 73
    assert brief.lagging_total == int(stored[stored["status"].isin(LAGGING_STATUSES)]["goals"].sum())
    pd.testing.assert_frame_equal(brief.lagging, lagging_goals(two_loads_connection, plan=plan.code, limit=6))
    assert brief.is_demo and brief.last_load is not None and brief.last_load["source_id"] == "second"
    assert brief.latest_year == 2025


def test_each_lagging_goal_shows_the_newest_reason_of_its_indicators(two_loads: TwoLoads, two_loads_connection):
    brief = executive_brief(two_loads_connection, plan=two_loads.plan.code)
    assert {"1.3.2", "1.5.1", "1.1.6"} <= set(brief.lagging["node_code"])
    (women,) = brief.reasons_of("1.3.2")
    assert (women["indicator_code"], women["year"], women["period"]) == ("1.3.2.1", 2025, "2025")
    assert women["reason"].startswith("Kadın girişimcilere kredi desteği geç başladı")  # not 2024's
    assert women["measures"] == "Yeni hibe çağrısı açıldı"
    (tourism,) = brief.reasons_of("1.5.1")
    assert tourism["reason"] == "Deprem sonrası rezervasyonlar düştü <b>&</b> =1+1" and tourism["measures"] is None
    (logistics,) = brief.reasons_of("1.1.6")
    assert (logistics["period"], logistics["reason"]) == ("2025-Q4", None)
    assert brief.reasons_of("3.4.1") == []  # no reason given: the goal's numbers only


def test_a_top_level_node_has_its_own_brief(two_loads: TwoLoads, two_loads_connection):
    plan = two_loads.plan
    brief = executive_brief(two_loads_connection, plan=plan.code, scope="2")
    under = {node.code for node in plan.goals() if plan.ancestors(node.code)[0].code == "2"}
    assert brief.goals == len(under)
    assert set(brief.lagging["node_code"]) <= under
    assert set(brief.comparison.changes["node_code"]) <= under and len(brief.comparison.changes) > 0
    assert brief.summary["node_code"] == "2"


def test_before_a_second_load_the_changes_compare_the_last_two_years(tmp_path, mini_plan):
    """One load of made-up values: goal 1.1.1 on track in 2019 (R&D 1.4 % where the path expects 1.36)
    and limited in 2020 (1.1 % against 1.52); goal 1.2.1 limited in 2019 (population and schooling a
    tenth of the way, 60 % expected) and on track in 2020 (past their expected 70 %)."""
    districts = list(mini_plan.districts)
    rows = [
        ("1.1.1.1", "province", "35", year, value)
        for year, value in ((2013, 1.0), (2018, 1.2), (2019, 1.4), (2020, 1.1))
    ]
    for year, population, schooling in ((2013, 200, 80.0), (2019, 205, 80.5), (2020, 240, 89.0)):
        for district in districts:
            rows += [
                ("1.2.1.1", "district", district, year, population),
                ("1.2.1.2", "district", district, year, schooling),
            ]
    frame = pd.DataFrame(
        [(mini_plan.code, code, level, area, str(year), value) for code, level, area, year, value in rows],
        columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"],
    )
    load_rows(tmp_path / "data", [mini_plan], frame)
    with duckdb.connect(str(tmp_path / "data" / "published.duckdb"), read_only=True) as connection:
        brief = executive_brief(connection, plan=mini_plan.code)
    comparison = brief.comparison
    assert (comparison.basis, comparison.year) == (BY_YEAR, 2020)
    moves = {row["node_code"]: (row["old_status"], row["new_status"]) for row in comparison.changes.to_dict("records")}
    assert moves == {"1.1.1": ("on_track", "limited"), "1.2.1": ("limited", "on_track")}
    assert [row["node_code"] for row in comparison.moved("up")] == ["1.2.1"]
    assert [row["node_code"] for row in comparison.moved("down")] == ["1.1.1"]


def test_a_plan_without_data_has_a_brief_that_says_so(tmp_path, mini_plan):
    from dashboard.components import brief_text as text
    from dashboard.downloads.brief_pdf import brief_pdf

    empty = pd.DataFrame(columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"])
    load_rows(tmp_path / "data", [mini_plan], empty)
    with duckdb.connect(str(tmp_path / "data" / "published.duckdb"), read_only=True) as connection:
        brief = executive_brief(connection, plan=mini_plan.code)
    assert brief.goal_counts == {"not_available": 3}
    assert (brief.comparison.basis, brief.last_load, brief.latest_year, brief.lagging_total) == ("none", None, None, 0)
    assert text.headline(brief, "en") == "There is not enough data to assess progress yet."
    assert text.freshness(brief, "tr") == ["Henüz veri yüklenmedi."]
    assert text.goals_sentence(brief, "en") == "Of 3 goals, 0 are achieved or on track and 0 are lagging."
    assert brief_pdf(mini_plan, brief, "tr").startswith(b"%PDF")


def test_a_snapshot_published_before_these_tables_still_has_a_brief(two_loads: TwoLoads, tmp_path):
    """Until the writer runs again after an upgrade, the published snapshot lacks status_changes and
    explanations: the brief does without them (changes by year, no reasons) instead of failing."""
    import shutil

    old = tmp_path / "old.duckdb"
    shutil.copyfile(two_loads.folder / "published.duckdb", old)
    with duckdb.connect(str(old)) as connection:
        connection.execute("drop table status_changes")
        connection.execute("drop table explanations")
    with duckdb.connect(str(old), read_only=True) as connection:
        brief = executive_brief(connection, plan=two_loads.plan.code)
    assert brief.comparison.basis == BY_YEAR and brief.reasons.empty and brief.goals == 73
