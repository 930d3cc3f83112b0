"""The data-quality page for a reviewer, over HTTP: history, a run's rejected rows and download, a failed
file's report, and a re-process request that the writer runs after the file was fixed."""

from __future__ import annotations

import json
from typing import Any

from operations.failed_files import failed_file
from operations.reprocess import DONE, requests_for_runs
from tests.access.test_http import page_callback, reprocess_callback
from tests.support.accounts import FIXED, IZMIR, STAFF_SOURCE, sign_in


def test_a_reviewer_sees_the_history_and_a_runs_rejected_rows(
    live_server: str, staff_accounts: dict[str, str], staff_loads: dict[str, Any]
):
    reviewer = sign_in(live_server, "denetci")
    run = staff_loads["loaded_run"]
    page = json.dumps(page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}").json(), ensure_ascii=False)
    assert "quality-history" in page and "quality-rejected" in page and STAFF_SOURCE in page
    assert "9.9.9.9" in page and "Reddedilen satırlar" in page
    english = json.dumps(
        page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}&lang=en").json(), ensure_ascii=False
    )
    assert "Rejected rows" in english and "Reason" in english
    download = reviewer.get(f"{live_server}/export.csv?plan={IZMIR}&level=rejected&run={run}", timeout=60)
    assert download.status_code == 200 and "9.9.9.9" in download.content.decode("utf-8-sig")
    failed = json.dumps(
        page_callback(reviewer, live_server, f"/{IZMIR}/quality?status=failed").json(), ensure_ascii=False
    )
    assert f'"{staff_loads["failed_run"]}"' in failed and f'"{run}"' not in failed


def test_a_reviewer_reruns_a_fixed_failed_file(
    live_server: str, staff_accounts: dict[str, str], staff_loads: dict[str, Any], app_context: Any
):
    from etl.reprocess import process_pending

    run = staff_loads["failed_run"]
    reviewer = sign_in(live_server, "denetci")
    page = json.dumps(page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}").json(), ensure_ascii=False)
    assert "quality-report" in page and "the file could not be loaded" in page and "quality-reprocess" in page
    found = failed_file(app_context.settings.failed_dir, STAFF_SOURCE, run)
    assert found is not None
    found.path.write_text(FIXED, encoding="utf-8")  # the reviewer fixes the file in failed/
    answer = reprocess_callback(reviewer, live_server, run)
    assert answer.status_code == 200 and "denetci" in answer.text
    handled = process_pending(
        app_context.settings, app_context.plans, {STAFF_SOURCE: staff_loads["source"]}, app_context.database
    )
    assert [request.run_id for request in handled] == [run]
    outcome = requests_for_runs(app_context.database, [run])[run]
    assert (outcome.status, outcome.outcome_status) == (DONE, "loaded")
    assert failed_file(app_context.settings.failed_dir, STAFF_SOURCE, run) is None  # moved to reprocessed/
    after = json.dumps(page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}").json(), ensure_ascii=False)
    assert f"Yeniden yükleme sonucu: yüklendi (çalıştırma {outcome.outcome_run_id})" in after
