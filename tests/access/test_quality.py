"""The data-quality page for a reviewer, over HTTP: history, a run's rejected rows and download, a failed
file's report, and a re-process request that the writer runs after the file was fixed."""

from __future__ import annotations

import csv
import io
import json
import shutil
from typing import Any

from operations.failed_files import failed_file
from operations.reprocess import DONE, requests_for_runs
from tests.access.test_http import page_callback, reprocess_callback
from tests.support.accounts import FIXED, IZMIR, STAFF_SOURCE, WITH_REJECTED_ROW, sign_in


def test_a_reviewer_sees_the_history_and_a_runs_rejected_rows(
    live_server: str, staff_accounts: dict[str, str], staff_loads: dict[str, Any]
):
    reviewer = sign_in(live_server, "denetci")
    run = staff_loads["loaded_run"]
    page = json.dumps(page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}").json(), ensure_ascii=False)
    assert "quality-history" in page and "quality-rejected" in page and STAFF_SOURCE in page
    assert "9.9.9.9" in page and "Reddedilen satırlar" in page
    # the reason in the page's language, from its stored code and values; the ETL's English line is not shown
    assert f"Bilinmeyen gösterge “9.9.9.9”: {IZMIR} planının bir gösterge kodu bekleniyordu." in page
    assert "unknown indicator" not in page
    english = json.dumps(
        page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}&lang=en").json(), ensure_ascii=False
    )
    assert "Rejected rows" in english and "Reason" in english
    assert f"Unknown indicator “9.9.9.9”: expected an indicator code of plan {IZMIR}." in english
    download = reviewer.get(f"{live_server}/export.csv?plan={IZMIR}&level=rejected&run={run}", timeout=60)
    assert download.status_code == 200 and "9.9.9.9" in download.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert [(row["Ret nedeni"], row["Ret nedeninin kodu"]) for row in rows] == [
        (f"Bilinmeyen gösterge “9.9.9.9”: {IZMIR} planının bir gösterge kodu bekleniyordu.", "unknown_indicator")
    ]
    english_download = reviewer.get(
        f"{live_server}/export.csv?plan={IZMIR}&level=rejected&run={run}&lang=en&dialect=standard", timeout=60
    )
    [row] = list(csv.DictReader(io.StringIO(english_download.content.decode("utf-8-sig"))))
    assert row["Reason"] == f"Unknown indicator “9.9.9.9”: expected an indicator code of plan {IZMIR}."
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


def test_a_load_not_published_shows_as_such_until_it_is(
    live_server: str, staff_accounts: dict[str, str], restored_warehouse: Any, app_context: Any
):
    from etl.jobs import run_source
    from tests.etl.faults import immutable
    from tests.etl.helpers import inbox_source
    from warehouse import Warehouse

    settings = app_context.settings
    source = inbox_source(settings, STAFF_SOURCE, plan_code=IZMIR, is_demo=True)
    assert source.path is not None
    source.path.mkdir(parents=True, exist_ok=True)
    (source.path / "with-rejected.csv").write_text(WITH_REJECTED_ROW, encoding="utf-8")
    reviewer = sign_in(live_server, "denetci")
    try:
        with immutable(settings.published_file):  # the snapshot's target cannot be replaced: publishing fails
            (report,) = run_source(settings, app_context.plans, source)
            assert report.ok and not report.published
            run = report.run_id
            page = json.dumps(page_callback(reviewer, live_server, f"/{IZMIR}/quality").json(), ensure_ascii=False)
            assert f'"{run}"' in page and '"data-status": "loaded_not_published"' in page  # its history row
            details = json.dumps(
                page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}&lang=en").json(), ensure_ascii=False
            )
            assert "loaded, not published" in details and "quality-not-published" in details
            assert "the snapshot could not be published" in details and "Operation not permitted" in details
            filtered = json.dumps(
                page_callback(reviewer, live_server, f"/{IZMIR}/quality?status=loaded_not_published").json(),
                ensure_ascii=False,
            )
            assert f'"{run}"' in filtered
        assert Warehouse(settings.data_dir).recover().published  # the next writer session publishes it
        after = json.dumps(
            page_callback(reviewer, live_server, f"/{IZMIR}/quality?run={run}").json(), ensure_ascii=False
        )
        assert "quality-not-published" not in after and "quality-rejected" in after and "9.9.9.9" in after
        history = json.dumps(page_callback(reviewer, live_server, f"/{IZMIR}/quality").json(), ensure_ascii=False)
        assert '"data-status": "loaded_not_published"' not in history
    finally:
        shutil.rmtree(settings.archive_dir / STAFF_SOURCE, ignore_errors=True)
