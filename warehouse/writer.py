"""The single writer: locked, transactional, publishing a snapshot after each write."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.schema import apply_schema


class WarehouseBusy(RuntimeError):
    """Another process holds the writer lock of this data folder."""


class Warehouse:
    """The working database and its publication (see the package docstring)."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.working_file = self.data_dir / "warehouse.duckdb"
        self.published_file = self.data_dir / "published.duckdb"
        self.lock_file = self.data_dir / "writer.lock"
        self._connection: duckdb.DuckDBPyConnection | None = None

    @contextmanager
    def _writer_lock(self, wait_seconds: float) -> Iterator[None]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lock_file, "a+") as handle:
            deadline = time.monotonic() + wait_seconds
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WarehouseBusy(f"{self.lock_file}: another process is writing to this warehouse") from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def writing(self, wait_seconds: float = 120.0) -> Iterator[duckdb.DuckDBPyConnection]:
        """The writer's connection; on exit the snapshot is published (also after a failure).

        Each statement commits by itself unless it runs inside :meth:`transaction`;
        an exception rolls back what is uncommitted before it propagates.
        """
        with self._writer_lock(wait_seconds):
            connection = duckdb.connect(str(self.working_file))
            self._connection = connection
            try:
                apply_schema(connection)
                try:
                    yield connection
                except BaseException:
                    try:
                        connection.execute("rollback")
                    except duckdb.Error:
                        pass
                    raise
                finally:
                    self._bump_version(connection)
                    connection.execute("checkpoint")
            finally:
                self._connection = None
                connection.close()
                self._publish()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction on the writer's connection (inside :meth:`writing`): committed when the
        block ends, rolled back when it raises (the exception propagates).

        Raises:
            RuntimeError: outside :meth:`writing`, where there is no connection to write on.
        """
        if self._connection is None:
            raise RuntimeError(f"{self.working_file}: a transaction needs the writer's session (Warehouse.writing)")
        connection = self._connection
        connection.execute("begin")
        try:
            yield
        except BaseException:
            connection.execute("rollback")
            raise
        connection.execute("commit")

    def _bump_version(self, connection: duckdb.DuckDBPyConnection) -> None:
        with self.transaction():
            row = connection.execute("select max(data_version) from publication").fetchone()
            version = (row[0] or 0) + 1 if row else 1
            connection.execute("delete from publication")
            connection.execute(
                "insert into publication select ?, now()::timestamp, (select max(run_id) from load_runs)",
                [version],
            )

    def _publish(self) -> None:
        handle, temporary = tempfile.mkstemp(prefix=".publish-", suffix=".duckdb", dir=self.data_dir)
        os.close(handle)
        try:
            shutil.copyfile(self.working_file, temporary)
            os.replace(temporary, self.published_file)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def exists(self) -> bool:
        return self.working_file.exists()
