"""Loaded, not published: a real publication failure (the snapshot's target made immutable with chattr, so
os.replace onto it fails) leaves a run whose rows are committed but not in what the web reads; the writer
notes it, the load history shows it as loaded, not published, and once the next session publishes it the
note is gone and the run is loaded."""

from __future__ import annotations

import json

from etl.jobs import run_source
from tests.etl.faults import immutable, population_file
from tests.etl.helpers import inbox_source
from warehouse import Reader, Warehouse
from warehouse.quality import NOT_PUBLISHED, load_history
from warehouse.unpublished import journal_file, read_unpublished


def history(settings, unpublished=True):
    reader = Reader(settings.published_file)
    try:
        noted, problem = read_unpublished(settings.data_dir)
        with reader.connect() as connection:
            frame = load_history(connection, plan="mini", unpublished=noted if unpublished else None)
        return [(int(row.run_id), row.status, int(row.rows_loaded)) for row in frame.itertuples()], problem
    finally:
        reader.close()


def test_a_load_whose_snapshot_cannot_be_published_is_loaded_not_published(etl_settings, etl_plans):
    source = inbox_source(etl_settings)
    source.path.mkdir(parents=True)
    (source.path / "first.csv").write_bytes(population_file(1))
    [first] = run_source(etl_settings, etl_plans, source)
    assert first.published and not journal_file(etl_settings.data_dir).exists()
    (source.path / "second.csv").write_bytes(population_file(2))
    with immutable(etl_settings.published_file):
        [second] = run_source(etl_settings, etl_plans, source)
        assert second.ok and not second.published
        assert (
            "could not be published" in second.publish_problem and "Operation not permitted" in second.publish_problem
        )
        # the web's snapshot is the old one; the note tells the page what it does not hold
        assert history(etl_settings, unpublished=False)[0] == [(first.run_id, "loaded", 39)]
        runs, problem = history(etl_settings)
        assert runs == [(second.run_id, NOT_PUBLISHED, 39), (first.run_id, "loaded", 39)]
        assert problem == second.publish_problem
        # a failed run meanwhile is not published either: it shows as failed, the loaded one still as not published
        (source.path / "third.csv").write_text("indicator,district\n1.2.1.1,1128\n", encoding="utf-8")
        [third] = run_source(etl_settings, etl_plans, source)
        assert third.status == "failed"
        assert [status for _, status, _ in history(etl_settings)[0]] == ["failed", NOT_PUBLISHED, "loaded"]
        # the status filter finds it
        reader = Reader(etl_settings.published_file)
        with reader.connect() as connection:
            only = load_history(
                connection, plan="mini", status=NOT_PUBLISHED, unpublished=read_unpublished(etl_settings.data_dir)[0]
            )
        reader.close()
        assert only["run_id"].tolist() == [second.run_id]
    recovery = Warehouse(etl_settings.data_dir).recover()  # what the next run or the scheduler's start does
    assert recovery.published
    assert not journal_file(etl_settings.data_dir).exists()
    assert history(etl_settings) == (
        [(third.run_id, "failed", 0), (second.run_id, "loaded", 39), (first.run_id, "loaded", 39)],
        None,
    )


def test_a_note_left_behind_never_hides_or_doubles_a_published_run(etl_settings, etl_plans):
    source = inbox_source(etl_settings)
    source.path.mkdir(parents=True)
    (source.path / "first.csv").write_bytes(population_file(1))
    [first] = run_source(etl_settings, etl_plans, source)
    # a note as a writer killed between its publication and the note's removal would leave it
    run = {
        "run_id": first.run_id,
        "plan_code": "mini",
        "source_id": "mini-inbox",
        "file_name": "first.csv",
        "started_at": "2026-12-04T10:00:00",
        "finished_at": "2026-12-04T10:00:01",
        "status": "loaded",
        "rows_read": 39,
        "rows_loaded": 39,
        "rows_unchanged": 0,
        "rows_rejected": 0,
        "message": "",
        "is_demo": False,
    }
    journal_file(etl_settings.data_dir).write_text(json.dumps({"problem": None, "runs": [run]}), encoding="utf-8")
    assert history(etl_settings)[0] == [(first.run_id, "loaded", 39)]
    journal_file(etl_settings.data_dir).write_text("{not json", encoding="utf-8")  # unreadable: ignored
    assert history(etl_settings)[0] == [(first.run_id, "loaded", 39)]
