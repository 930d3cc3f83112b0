"""Read-only access to the published snapshot (see the package docstring).

Readers in parallel
-------------------
Each request reads through its own cursor of the process's one DuckDB instance, and no lock is held
while it reads: the threads of a web worker run their queries side by side. A lock guards only the
moment a cursor is handed out. The instance is an in-memory database made once; each published snapshot
is *attached* to it read-only under a name of its own, and a cursor starts in the current one (``use``).
When a new snapshot has been published, it is attached once the cursors still reading the old snapshot are
closed, and the old one is detached a few seconds later on a thread of its own (:meth:`Reader._detach_later`).
The instance lives as long as the process: its cache of Parquet footers is DuckDB's object cache, which
DuckDB bounds by memory, least recently used first out (duckdb/duckdb#20157, merged before the 2.0 we pin), so
the footers of parts retired long ago do not pile up. Requests arriving meanwhile wait for the switch (they must not start
on the old snapshot, or the switch could wait for ever); a reader's questions are short, so the wait is
too. Attaching a snapshot takes about 2 ms; a new connection took 12-14 ms (DuckDB makes a whole instance
for it, whatever the file) and closing the old one 4-14 ms more, all on the first request after a load,
with the worker's other requests waiting for it (issue 15: a worker's first request after a load, 41 ms
of which 38 were the reopen).

Facts of a snapshot that many views ask alike (a plan's newest year with data, its overall district league)
are kept by the reader for the snapshot they were read from (:meth:`Reader.fact`), and dropped when it opens
the next one. The answers to the pages' most recent questions are kept the same way (:meth:`Reader.asked`,
the :data:`ANSWERS` most recently asked): a question asked again in the same snapshot (the page in the
other language, another view of the same subject) is answered from memory.

Each question runs on one DuckDB thread (``threads = 1``): a web worker's parallelism is its requests, and
a page's questions are small, so a second thread per question only added its scheduling (a page's
questions took 7-10 % less CPU on one thread at national scale, issue 16).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from warehouse.schema import apply_schema

T = TypeVar("T")
_UNKNOWN = object()
#: answers to questions kept per snapshot (:meth:`Reader.asked`), the most recently asked
ANSWERS = 128
#: seconds a replaced snapshot stays attached, unread, before it is detached (:meth:`Reader._detach_later`)
DETACH_AFTER = 5.0


class Reader:
    """One DuckDB instance per process, each published snapshot attached to it in turn, a cursor per
    question."""

    def __init__(self, published_file: Path):
        self.path = Path(published_file)
        self._changes = threading.Condition()
        #: the in-memory instance the snapshots are attached to (made at the first question)
        self._instance: duckdb.DuckDBPyConnection | None = None
        #: the name the current snapshot is attached under, and the inode of its file (None: no file yet)
        self._attached: str | None = None
        self._inode: int | None = None
        #: instances made (one at a time: :meth:`close` closes it) and snapshots attached, to name them
        self._instances = 0
        self._attachments = 0
        #: threads detaching snapshots no cursor reads any more (:meth:`_detach_later`)
        self._detaching: list[threading.Thread] = []
        self._closing = threading.Event()
        #: cursors handed out on the current snapshot and not closed yet
        self._reading = 0
        #: facts of the snapshot the connection reads (:meth:`fact`), and a lock for each being read
        self._facts: dict[Hashable, Any] = {}
        self._reading_facts: dict[Hashable, threading.Lock] = {}
        self._facts_lock = threading.Lock()
        #: answers to the most recent questions of that snapshot (:meth:`asked`), oldest first
        self._answers: OrderedDict[str, Any] = OrderedDict()

    def _current_inode(self) -> int | None:
        try:
            return os.stat(self.path).st_ino
        except FileNotFoundError:
            return None

    def _database(self) -> duckdb.DuckDBPyConnection:
        if self._instance is None:
            instance = duckdb.connect(":memory:")
            # measurements are views over Parquet parts (warehouse.publication): keep their footers in memory
            instance.execute("set parquet_metadata_cache = true")
            instance.execute("set threads = 1")  # see the module's docstring
            self._instance = instance
            self._instances += 1
        return self._instance

    def _reopen(self, inode: int | None) -> None:
        """The snapshot of ``inode`` (None: no published file, an empty database of the schema) attached in
        place of the current one (called with the condition's lock held and no cursor reading)."""
        instance = self._database()
        if self._attached is not None:
            self._detach_later(self._attached)
            self._attached = None
        self._attachments += 1
        name = f"snapshot_{self._attachments}"
        if inode is None:
            instance.execute(f"attach ':memory:' as {name}")
            cursor = instance.cursor()
            try:
                cursor.execute(f"use {name}")
                apply_schema(cursor)
            finally:
                cursor.close()
        else:
            instance.execute(f"attach ? as {name} (read_only)", [str(self.path)])
        self._attached = name
        self._inode = inode
        self._facts = {}
        self._reading_facts = {}
        self._answers = OrderedDict()

    def _detach_later(self, name: str) -> None:
        """Detach the snapshot ``name`` (no cursor reads it) on a thread of its own, :data:`DETACH_AFTER`
        seconds later (at once when the reader closes): detaching one that pages have read takes 16-45 ms
        (its buffers and Parquet footers are freed), which the first requests after a load, all arriving at
        once as open pages poll, would otherwise wait for (called with the condition's lock held)."""
        owner, closing, instance = weakref.ref(self), self._closing, self._instances

        def detach() -> None:
            # waits holding neither the reader nor DuckDB's objects: a process ending meanwhile frees them
            closing.wait(DETACH_AFTER)
            reader = owner()
            if reader is None:
                return
            with reader._changes:
                if reader._instance is None or reader._instances != instance:  # closed: the snapshot went too
                    return
                cursor = reader._instance.cursor()
            try:
                cursor.execute(f"detach database if exists {name}")  # a name of ours (snapshot_N), not a value
            finally:
                cursor.close()

        worker = threading.Thread(target=detach, name=f"detach {name}", daemon=True)
        self._detaching = [thread for thread in self._detaching if thread.is_alive()] + [worker]
        worker.start()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the newest snapshot (called with the condition's lock held)."""
        inode = self._current_inode()
        while self._attached is None or inode != self._inode:
            if self._reading == 0:
                self._reopen(inode)
                break
            self._changes.wait()  # the cursors on the old snapshot finish their questions first
            inode = self._current_inode()
        assert self._instance is not None and self._attached is not None
        cursor = self._instance.cursor()
        try:
            cursor.execute(f"use {self._attached}")
        except BaseException:
            cursor.close()
            raise
        self._reading += 1
        return cursor

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the newest published snapshot, for this thread alone; hold it only for one
        answer (every question of one answer on it, so they agree)."""
        with self._changes:
            cursor = self._cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._changes:
                self._reading -= 1
                if self._reading == 0:
                    self._changes.notify_all()

    def fact(self, key: Hashable, read: Callable[[], T]) -> T:
        """``read()``, once per snapshot and process: a fact many views ask alike, under ``key`` (the question
        and its arguments). Call it inside :meth:`connect`, with ``read`` asking on that cursor: no other
        snapshot is opened while a cursor is, so the fact kept is the snapshot's the cursor reads. The value
        is shared by every request: give back only what nobody changes (a number, a tuple) or a copy.
        Requests asking at once for a fact not read yet wait for the first to read it (the first requests
        after a load would each read the plan's standing, 50 ms of CPU apiece, where one is enough)."""
        found = self._facts.get(key, _UNKNOWN)
        if found is not _UNKNOWN:
            return found  # type: ignore[no-any-return]
        with self._facts_lock:
            lock = self._reading_facts.setdefault(key, threading.Lock())
        with lock:
            found = self._facts.get(key, _UNKNOWN)
            if found is _UNKNOWN:
                found = read()
                self._facts[key] = found
        return found  # type: ignore[return-value]

    def asked(self, connection: duckdb.DuckDBPyConnection, question: Callable[..., T], **arguments: Any) -> T:
        """``question(connection, **arguments)`` (a query of :mod:`warehouse.queries`), answered from memory
        when it was asked in this snapshot among the last :data:`ANSWERS` questions; a copy each time of what
        can be copied (a frame, a list), so a caller may change what it is given; an answer without ``copy`` (a
        district's standing) is shared, and nobody changes it. Call it inside :meth:`connect`, on that cursor
        (see :meth:`fact`)."""
        key = f"{question.__module__}.{question.__qualname__}{sorted(arguments.items())!r}"
        with self._facts_lock:
            found = self._answers.get(key, _UNKNOWN)
            if found is not _UNKNOWN:
                self._answers.move_to_end(key)
        if found is _UNKNOWN:
            found = question(connection, **arguments)
            with self._facts_lock:
                self._answers[key] = found
                while len(self._answers) > ANSWERS:
                    self._answers.popitem(last=False)
        return found.copy() if hasattr(found, "copy") else found  # type: ignore[no-any-return]

    def data_version(self) -> tuple[int, str | None]:
        """(data version, published-at ISO text); (0, None) before the first publication."""
        with self.connect() as connection:
            return publication(connection)

    def close(self) -> None:
        """Close the instance, once no cursor reads and the snapshots waiting to be detached are (at once)."""
        with self._changes:
            while self._reading:
                self._changes.wait()
            instance, self._instance = self._instance, None
            detaching, self._detaching = self._detaching, []
            self._attached = None
            self._inode = None
            self._closing.set()
        for thread in detaching:  # each finds the instance closing and leaves it be, or finishes its detach
            thread.join()
        self._closing.clear()
        if instance is not None:
            instance.close()


def publication(connection: duckdb.DuckDBPyConnection) -> tuple[int, str | None]:
    """(data version, published-at ISO text) of the snapshot ``connection`` reads; (0, None) before the first
    publication. Ask it on the same cursor as the other questions of one answer, so they agree."""
    row = connection.execute(
        "select data_version, strftime(published_at, '%Y-%m-%dT%H:%M:%S') from publication"
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, None)
