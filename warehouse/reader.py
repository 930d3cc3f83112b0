"""Read-only access to the published snapshot (see the package docstring).

Readers in parallel
-------------------
Each request reads through its own cursor of the process's one read-only connection, and no lock is
held while it reads: the threads of a web worker run their queries side by side. A lock guards only
the moment a cursor is handed out. When a new snapshot has been published, the connection is reopened
on it, but only once the cursors still reading the old snapshot are closed: DuckDB keeps one instance
per path in a process, so a connection opened while the old instance is alive would be the old
snapshot again. Requests arriving meanwhile wait for the reopen (they must not start on the old
snapshot, or the reopen could wait for ever); a reader's questions are short, so the wait is too.

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


class Reader:
    """One read-only connection per process, a cursor per question, reopened when a new snapshot is
    published."""

    def __init__(self, published_file: Path):
        self.path = Path(published_file)
        self._changes = threading.Condition()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._inode: int | None = None
        #: cursors handed out on the current connection and not closed yet
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

    def _reopen(self, inode: int | None) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if inode is None:
            connection = duckdb.connect(":memory:")
            apply_schema(connection)
        else:
            connection = duckdb.connect(str(self.path), read_only=True)
            # measurements are views over Parquet parts (warehouse.publication): keep their footers in memory
            connection.execute("set parquet_metadata_cache = true")
            connection.execute("set threads = 1")  # see the module's docstring
        self._connection = connection
        self._inode = inode
        self._facts = {}
        self._reading_facts = {}
        self._answers = OrderedDict()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of the connection to the newest snapshot (called with the condition's lock held)."""
        inode = self._current_inode()
        while self._connection is None or inode != self._inode:
            if self._reading == 0:
                self._reopen(inode)
                break
            self._changes.wait()  # the cursors on the old snapshot finish their questions first
            inode = self._current_inode()
        assert self._connection is not None
        cursor = self._connection.cursor()
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
        with self._changes:
            while self._reading:
                self._changes.wait()
            if self._connection is not None:
                self._connection.close()
                self._connection = None
                self._inode = None


def publication(connection: duckdb.DuckDBPyConnection) -> tuple[int, str | None]:
    """(data version, published-at ISO text) of the snapshot ``connection`` reads; (0, None) before the first
    publication. Ask it on the same cursor as the other questions of one answer, so they agree."""
    row = connection.execute(
        "select data_version, strftime(published_at, '%Y-%m-%dT%H:%M:%S') from publication"
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, None)
