"""Recovery at start: runs a killed process left 'running' become 'interrupted', temporary snapshots are
removed, and a load committed but never published is published."""

from __future__ import annotations

import duckdb

from warehouse import Reader, Warehouse
from warehouse.loading import INTERRUPTED_MESSAGE, start_run


def published(data_dir, sql):
    reader = Reader(data_dir / "published.duckdb")
    try:
        with reader.connect() as connection:
            return connection.execute(sql).fetchall()
    finally:
        reader.close()


def test_a_start_recovers_what_a_killed_writer_left(tmp_path):
    warehouse = Warehouse(tmp_path)
    with warehouse.writing() as connection:
        start_run(connection, source_id="earlier", plan_code="mini", file_name="a.csv")
    assert warehouse.recovery.interrupted_runs == []
    # as a process killed inside its session leaves it: a run started, a temporary snapshot, nothing published
    connection = duckdb.connect(str(warehouse.working_file))
    start_run(connection, source_id="killed", plan_code="mini", file_name="b.csv")
    connection.execute("update publication set data_version = data_version + 1")
    connection.close()
    (tmp_path / ".publish-abc123.duckdb").write_bytes(b"half a copy")

    recovery = warehouse.recover()
    assert (recovery.interrupted_runs, recovery.removed_files) == ([1, 2], [".publish-abc123.duckdb"])
    assert recovery.published and recovery.publish_problem is None
    assert published(tmp_path, "select run_id, status, message from load_runs order by run_id") == [
        (1, "interrupted", INTERRUPTED_MESSAGE),
        (2, "interrupted", INTERRUPTED_MESSAGE),
    ]
    assert list(tmp_path.glob(".publish-*")) == []
    again = warehouse.recover()  # nothing left to do: nothing published again
    assert (again.interrupted_runs, again.removed_files, again.published) == ([], [], False)


def test_a_transaction_needs_the_writer_session(tmp_path):
    warehouse = Warehouse(tmp_path)
    try:
        with warehouse.transaction():
            pass
    except RuntimeError as error:
        assert "a transaction needs the writer's session (Warehouse.writing)" in str(error)
    else:
        raise AssertionError("a transaction outside the session must fail")
