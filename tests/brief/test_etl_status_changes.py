"""Through the real ETL job: a delivery that moves a goal's status leaves a status change carrying that
load's run id, which the brief and alerts read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.jobs import run_source
from gosterge.plan import load_plans
from tests.etl.helpers import file_source, make_settings, query
from warehouse import Reader
from warehouse.queries.status_changes import status_changes


@pytest.fixture(autouse=True)
def files_settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOSTERGE_SETTLE_SECONDS", "0")


def test_a_revised_value_that_undoes_a_target_is_a_change_down_of_that_load(tmp_path: Path):
    settings = make_settings(tmp_path)
    plans = load_plans(settings.plan_files)
    first = tmp_path / "first.csv"
    first.write_text(
        "indicator,district,period,value\n1.1.1.1,İzmir,2018,1.5\n1.1.1.1,İzmir,2019,2.0\n1.1.1.2,İzmir,2019-12,8.0\n"
    )  # both indicators of goal 1.1.1 at their target
    [loaded] = run_source(settings, plans, file_source(first))
    assert query(settings, "select count(*) from status_changes") == [(0,)]  # nothing to change from
    second = tmp_path / "second.csv"
    second.write_text("indicator,district,period,value\n1.1.1.1,İzmir,2019,1.0\n")  # revised: back to the base
    [revised] = run_source(settings, plans, file_source(second))
    assert revised.run_id is not None and revised.run_id != loaded.run_id
    reader = Reader(settings.published_file)
    with reader.connect() as cursor:
        changes = status_changes(cursor, plan="mini", run_id=revised.run_id)
    reader.close()
    goal = changes[changes["node_code"] == "1.1.1"].iloc[0]
    assert (goal["old_status"], goal["new_status"], goal["direction"]) == ("achieved", "not_achieved", "down")
    assert query(settings, "select distinct run_id from status_changes") == [(revised.run_id,)]
