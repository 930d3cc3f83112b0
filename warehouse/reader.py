"""Read-only access to the published snapshot (see the package docstring)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.schema import apply_schema


class Reader:
    """One read-only connection per process, reopened when a new snapshot is published."""

    def __init__(self, published_file: Path):
        self.path = Path(published_file)
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._inode: int | None = None

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
        self._connection = connection
        self._inode = inode

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the newest published snapshot; hold it only for one question."""
        with self._lock:
            inode = self._current_inode()
            if self._connection is None or inode != self._inode:
                self._reopen(inode)
            assert self._connection is not None
            cursor = self._connection.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    def data_version(self) -> tuple[int, str | None]:
        """(data version, published-at ISO text); (0, None) before the first publication."""
        with self.connect() as connection:
            return publication(connection)

    def close(self) -> None:
        with self._lock:
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
