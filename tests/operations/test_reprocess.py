"""Re-process requests (the web's side and the writer's answer) and finding a failed run's file."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from etl.files import REPORT_SUFFIX as ETL_REPORT_SUFFIX
from operations.audit import recent_events
from operations.failed_files import REPORT_SUFFIX, failed_file, resolve
from operations.reprocess import DONE, PENDING, complete_request, pending_requests, request_reprocess, requests_for_runs


def test_a_request_waits_for_the_writer_and_carries_its_outcome(engine: sa.Engine):
    first = request_reprocess(
        engine, plan_code="izmir", source_id="inbox-a", run_id=7, file_path="inbox-a/x.csv", requested_by="ayse"
    )
    again = request_reprocess(
        engine, plan_code="izmir", source_id="inbox-a", run_id=7, file_path="inbox-a/x.csv", requested_by="ali"
    )
    assert again.request_id == first.request_id and first.status == PENDING
    assert [request.run_id for request in pending_requests(engine)] == [7]
    complete_request(engine, first.request_id, outcome_run_id=9, outcome_status="loaded", message="12 rows loaded")
    assert pending_requests(engine) == []
    answered = requests_for_runs(engine, [7, 8])
    assert list(answered) == [7]
    assert (answered[7].status, answered[7].outcome_run_id, answered[7].outcome_status) == (DONE, 9, "loaded")
    assert recent_events(engine, action="reprocess_requested")[0].actor == "ayse"


def test_a_failed_runs_file_is_found_by_its_report(tmp_path: Path):
    assert REPORT_SUFFIX == ETL_REPORT_SUFFIX
    folder = tmp_path / "failed" / "inbox-a"
    folder.mkdir(parents=True)
    (folder / "20261121-143000-values.csv").write_text("x")
    (folder / "20261121-143000-values.csv.report.txt").write_text("source: inbox-a\nrun:     12\n")
    (folder / "20261121-150000-other.csv").write_text("y")
    (folder / "20261121-150000-other.csv.report.txt").write_text("run:     not recorded\n")
    found = failed_file(tmp_path / "failed", "inbox-a", 12)
    assert found is not None and found.original_name == "values.csv"
    assert found.relative_path == "inbox-a/20261121-143000-values.csv"
    assert failed_file(tmp_path / "failed", "inbox-a", 13) is None
    assert failed_file(tmp_path / "failed", "../etc", 12) is None
    assert resolve(tmp_path / "failed", found.relative_path) == found.path.resolve()
    assert resolve(tmp_path / "failed", "../../etc/passwd") is None
