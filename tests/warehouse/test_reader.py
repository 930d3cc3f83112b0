"""The reader in one process with many threads, on real DuckDB files swapped in as the writer swaps
them: questions run side by side, and a new snapshot is read as soon as the old one's readers are done."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb

from warehouse.reader import Reader
from warehouse.schema import apply_schema

WAIT = 10.0


def publish(folder: Path, version: int, *, without: tuple[str, ...] = ()) -> None:
    """A snapshot of ``version`` swapped in over ``published.duckdb`` (a new file, as the writer does);
    ``without``: tables it lacks (a snapshot written before they were added)."""
    temporary = folder / f".publish-{version}.duckdb"
    connection = duckdb.connect(str(temporary))
    apply_schema(connection)
    for table in without:
        connection.execute(f"drop table {table}")  # noqa: S608 - the test's own constant names
    connection.execute("insert into publication values (?, now()::timestamp, null)", [version])
    connection.close()
    os.replace(temporary, folder / "published.duckdb")


def test_threads_read_side_by_side(tmp_path):
    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with reader.connect() as cursor:
            cursor.execute("select 1").fetchall()
            holding.set()
            release.wait(WAIT)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(WAIT)
    answered: list[int] = []
    other = threading.Thread(target=lambda: answered.append(reader.data_version()[0]))
    other.start()
    other.join(WAIT)
    answered_while_held = list(answered)  # with a lock around every question it waits for the holder
    release.set()
    holder.join(WAIT)
    other.join(WAIT)
    assert answered_while_held == [1]
    reader.close()


def test_a_new_snapshot_is_read_once_the_old_ones_readers_are_done(tmp_path):
    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    assert reader.data_version()[0] == 1
    holding, release = threading.Event(), threading.Event()
    seen_by_holder: list[int] = []

    def hold() -> None:
        with reader.connect() as cursor:
            holding.set()
            release.wait(WAIT)
            # the snapshot a cursor started on stays whole while it is held
            seen_by_holder.append(cursor.execute("select data_version from publication").fetchone()[0])

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(WAIT)
    publish(tmp_path, 2)
    seen_after: list[int] = []
    later = threading.Thread(target=lambda: seen_after.append(reader.data_version()[0]))
    later.start()
    later.join(0.5)
    assert later.is_alive(), "a question after the swap must not start on the old snapshot"
    release.set()
    holder.join(WAIT)
    later.join(WAIT)
    assert seen_by_holder == [1] and seen_after == [2]
    assert reader.data_version()[0] == 2
    reader.close()


def test_before_the_first_publication_the_schema_is_empty(tmp_path):
    reader = Reader(tmp_path / "published.duckdb")
    assert reader.data_version() == (0, None)
    publish(tmp_path, 3)
    assert reader.data_version()[0] == 3
    reader.close()


def test_each_question_runs_on_one_duckdb_thread(tmp_path):
    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    with reader.connect() as cursor:
        assert cursor.execute("select current_setting('threads')").fetchone() == (1,)
    reader.close()


def test_a_fact_is_read_once_per_snapshot_and_again_from_the_next(tmp_path):
    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    asked: list[int] = []

    def version(cursor: duckdb.DuckDBPyConnection) -> int:
        asked.append(1)
        return int(cursor.execute("select data_version from publication").fetchone()[0])

    for _ in range(3):
        with reader.connect() as cursor:
            assert reader.fact("version", lambda cursor=cursor: version(cursor)) == 1
    assert len(asked) == 1
    publish(tmp_path, 2)
    with reader.connect() as cursor:
        assert reader.fact("version", lambda: version(cursor)) == 2  # the new snapshot's, read from it
    assert len(asked) == 2
    reader.close()


def test_threads_asking_for_a_fact_at_once_read_it_once(tmp_path):
    """Eight requests asking at once for a fact not read yet: one reads it, the others wait and share it."""
    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    asked: list[int] = []
    started = threading.Barrier(8)
    answers: list[int] = []

    def slow(cursor: duckdb.DuckDBPyConnection) -> int:
        asked.append(1)
        threading.Event().wait(0.2)  # long enough for every other thread to ask meanwhile
        return int(cursor.execute("select data_version from publication").fetchone()[0])

    def request() -> None:
        with reader.connect() as cursor:
            started.wait(WAIT)
            answers.append(reader.fact("slow", lambda: slow(cursor)))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert answers == [1] * 8 and len(asked) == 1
    reader.close()


def test_a_question_asked_again_in_a_snapshot_is_answered_from_memory(tmp_path, monkeypatch):
    """The same question with the same arguments: asked of DuckDB once per snapshot, a copy each time; other
    arguments are another question; the oldest answers go past ANSWERS; the next snapshot asks again."""
    from warehouse import reader as reader_module

    monkeypatch.setattr(reader_module, "ANSWERS", 2)
    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    asked: list[int] = []

    def question(cursor: duckdb.DuckDBPyConnection, *, plus: int) -> list[int]:
        asked.append(plus)
        return [int(cursor.execute("select data_version from publication").fetchone()[0]) + plus]

    with reader.connect() as cursor:
        first = reader.asked(cursor, question, plus=0)
        first.append(99)  # a caller's change stays its own
        assert reader.asked(cursor, question, plus=0) == [1] and asked == [0]
        assert reader.asked(cursor, question, plus=10) == [11] and asked == [0, 10]
        reader.asked(cursor, question, plus=0)  # asked again: now the most recent
        reader.asked(cursor, question, plus=20)  # a third answer: the least recently asked one (10) goes
        assert reader.asked(cursor, question, plus=0) == [1] and asked == [0, 10, 20]
        reader.asked(cursor, question, plus=10)
        assert asked == [0, 10, 20, 10]
    publish(tmp_path, 2)
    with reader.connect() as cursor:
        assert reader.asked(cursor, question, plus=0) == [2]  # the new snapshot's answer
    assert asked == [0, 10, 20, 10, 0]
    reader.close()


def test_replaced_snapshots_are_detached_and_their_files_let_go(tmp_path, monkeypatch):
    """Each snapshot is attached to the reader's one instance; a replaced one is detached (later, on a thread
    of its own), so a long-running worker holds the current file alone, not every file it ever read."""
    import warehouse.reader

    monkeypatch.setattr(warehouse.reader, "DETACH_AFTER", 0.0)
    reader = Reader(tmp_path / "published.duckdb")
    for version in range(1, 5):
        publish(tmp_path, version)
        assert reader.data_version()[0] == version
    deadline = time.monotonic() + WAIT
    while len(attached := snapshots_attached(reader)) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)  # the replaced ones are detached on threads of their own
    assert len(attached) == 1 and Path(attached[0][1]) == tmp_path / "published.duckdb"
    held = [os.readlink(link) for link in Path("/proc/self/fd").iterdir() if _is_link(link)]
    assert sum("(deleted)" in target and "published" in target for target in held) == 0
    reader.close()


def snapshots_attached(reader: Reader) -> list[tuple[str, str]]:
    """(name, path) of each snapshot attached to the reader's instance."""
    with reader.connect() as cursor:
        return cursor.execute(
            "select database_name, path from duckdb_databases() where not internal and database_name <> 'memory'"
        ).fetchall()


def test_a_table_the_new_snapshot_lacks_is_not_found_in_the_old_one_still_attached(tmp_path):
    """A snapshot published before a table was added (or without it) says so, even while the one it replaced,
    which has the table, is still attached to the reader's instance: the checks look in the current one."""
    from warehouse.alerts import has_status_changes
    from warehouse.queries.brief import has_table

    publish(tmp_path, 1)
    reader = Reader(tmp_path / "published.duckdb")
    with reader.connect() as cursor:
        assert has_status_changes(cursor) and has_table(cursor, "explanations")
    publish(tmp_path, 2, without=("status_changes", "explanations"))
    with reader.connect() as cursor:
        assert reader.data_version()[0] == 2
        assert len(snapshots_attached(reader)) == 2  # the first is detached only later
        assert not has_status_changes(cursor) and not has_table(cursor, "explanations")
    reader.close()


def _is_link(path: Path) -> bool:
    try:
        os.readlink(path)
    except OSError:
        return False
    return True
