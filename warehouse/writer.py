"""The single writer: locked, transactional, publishing a snapshot after each write.

Every writer session starts by recovering from a process that died inside one: runs it left 'running'
become 'interrupted' and temporary snapshot files (``.publish-*.duckdb``) are removed. Publishing never
raises: a snapshot that cannot be written (out of disk space) leaves the previous one in place, and
:attr:`Warehouse.publish_problem` says why; the next session publishes what was committed.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse import publication, unpublished
from warehouse.data_tokens import record_unpublished
from warehouse.loading import mark_interrupted
from warehouse.schema import apply_schema

logger = logging.getLogger(__name__)
TEMPORARY_PREFIX = publication.TEMPORARY_PREFIX
TEMPORARY_SUFFIX = publication.TEMPORARY_SUFFIX
NO_SPACE_WORDS = ("no space left on device", "disk quota exceeded", "disk is full")


class WarehouseBusy(RuntimeError):
    """Another process holds the writer lock of this data folder."""


def out_of_space(error: BaseException) -> bool:
    """True when ``error`` (or one it was raised from) says the disk is full."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(words in str(current).lower() for words in NO_SPACE_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False


def describe_failure(error: BaseException) -> str:
    """One line for an operator: out of disk space said plainly, anything else as its message."""
    if out_of_space(error):
        return f"out of disk space ({error})" if str(error) else "out of disk space"
    return str(error) or type(error).__name__


@dataclass
class Recovery:
    """What :meth:`Warehouse.recover` found and did."""

    interrupted_runs: list[int] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)
    published: bool = False
    publish_problem: str | None = None


class Warehouse:
    """The working database and its publication (see the package docstring)."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.working_file = self.data_dir / "warehouse.duckdb"
        self.published_file = self.data_dir / "published.duckdb"
        self.lock_file = self.data_dir / "writer.lock"
        self._connection: duckdb.DuckDBPyConnection | None = None
        #: why the last session's snapshot was not published (None: it was)
        self.publish_problem: str | None = None
        #: what the last session's start recovered from a process that died
        self.recovery = Recovery()
        #: what the last publication wrote (None: none yet in this object's life)
        self.last_publication: publication.Published | None = None

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

    def _open(self) -> duckdb.DuckDBPyConnection:
        """The working database, with the schema applied and what a dead process left behind recovered."""
        self.recovery = Recovery(removed_files=self._remove_temporary_snapshots())
        connection = _connect_working(self.working_file)
        try:
            apply_schema(connection)
            self.recovery.interrupted_runs = mark_interrupted(connection)
        except BaseException:
            connection.close()
            raise
        if self.recovery.interrupted_runs or self.recovery.removed_files:
            logger.warning(
                "recovered: runs %s marked interrupted, temporary snapshots removed: %s",
                self.recovery.interrupted_runs or "none",
                ", ".join(self.recovery.removed_files) or "none",
            )
        return connection

    @contextmanager
    def writing(self, wait_seconds: float = 120.0) -> Iterator[duckdb.DuckDBPyConnection]:
        """The writer's connection; on exit the snapshot is published (also after a failure).

        Each statement commits by itself unless it runs inside :meth:`transaction`; an exception rolls
        back what is uncommitted before it propagates. When the snapshot cannot be published the
        session still ends normally and :attr:`publish_problem` says why.
        """
        with self._writer_lock(wait_seconds):
            self.publish_problem = None
            connection = self._open()
            self._connection = connection
            ready = False
            try:
                try:
                    yield connection
                except BaseException:
                    try:
                        connection.execute("rollback")
                    except duckdb.Error:
                        pass
                    raise
                finally:
                    ready = self._seal(connection)
            finally:
                self._connection = None
                try:
                    if ready:
                        self._publish(connection)
                finally:
                    self._close(connection)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction on the writer's connection (inside :meth:`writing`): committed when the block
        ends, rolled back when it raises (the exception propagates).

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
            try:
                connection.execute("rollback")
            except duckdb.Error:
                pass
            raise
        connection.execute("commit")

    def recover(self, wait_seconds: float = 120.0) -> Recovery:
        """At the start of a run or of the scheduler: mark runs a dead process left 'running' as
        interrupted, remove temporary snapshots, and publish what was committed but never published
        (the published snapshot's version is behind the working database's). Publishes only when
        there is something to publish."""
        with self._writer_lock(wait_seconds):
            self.publish_problem = None
            if not self.working_file.exists():
                self.recovery = Recovery(removed_files=self._remove_temporary_snapshots())
                return self.recovery
            connection = self._open()
            ready = False
            try:
                behind = _version(connection) != self._published_version() or not publication.current(
                    connection, self.data_dir, self.published_file
                )
                if self.recovery.interrupted_runs or behind:
                    ready = self._seal(connection)
                if ready:
                    self._publish(connection)
            finally:
                self._close(connection)
            self.recovery.published = ready and self.publish_problem is None
            self.recovery.publish_problem = self.publish_problem
            return self.recovery

    def _seal(self, connection: duckdb.DuckDBPyConnection) -> bool:
        """Bump the data version and checkpoint; False (with the reason kept) when that fails. The runs the
        snapshot will hold are noted first, for the web, until it is published (:mod:`warehouse.unpublished`)."""
        unpublished.record(connection, self.data_dir)
        try:
            self._bump_version(connection)
            connection.execute("checkpoint")
            return True
        except duckdb.Error as error:
            self.publish_problem = f"the working database could not be checkpointed: {describe_failure(error)}"
            logger.error("not publishing: %s", self.publish_problem)
            unpublished.note_problem(self.data_dir, self.publish_problem)
            return False

    def _close(self, connection: duckdb.DuckDBPyConnection) -> None:
        try:
            connection.close()
        except duckdb.Error as error:  # closing checkpoints again; what is committed stays in the .wal
            logger.error("closing the working database: %s", describe_failure(error))

    def _bump_version(self, connection: duckdb.DuckDBPyConnection) -> None:
        connection.execute("begin")
        try:
            version = _version(connection) + 1
            record_unpublished(connection)  # before the publication row moves: it reads the last one
            connection.execute("delete from publication")
            connection.execute(
                "insert into publication select ?, now()::timestamp, (select max(run_id) from load_runs)",
                [version],
            )
        except BaseException:
            connection.execute("rollback")
            raise
        connection.execute("commit")

    def _published_version(self) -> int | None:
        """The data version of the published snapshot (None when there is none or it cannot be read)."""
        if not self.published_file.exists():
            return None
        try:
            connection = duckdb.connect(str(self.published_file), read_only=True)
        except duckdb.Error:
            return None
        try:
            return _version(connection)
        except duckdb.Error:
            return None
        finally:
            connection.close()

    def _publish(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Write the new snapshot beside the old one and swap it in (:mod:`warehouse.publication`: the catalog
        and the parts the session changed, no copy of the warehouse); on failure keep the old snapshot."""
        try:
            self.last_publication = publication.publish(connection, self.data_dir, self.published_file)
            unpublished.clear(self.data_dir)
        except (OSError, duckdb.Error, publication.PublicationError) as error:
            self.publish_problem = f"the snapshot could not be published: {describe_failure(error)}"
            logger.error("%s", self.publish_problem)
            unpublished.note_problem(self.data_dir, self.publish_problem)

    def _remove_temporary_snapshots(self) -> list[str]:
        """Temporary snapshots exist only while a session publishes (under the lock): any found now were
        left by a process that died."""
        removed = []
        for path in sorted(self.data_dir.glob(f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}*")):  # with its .wal
            path.unlink(missing_ok=True)
            removed.append(path.name)
        return removed

    def exists(self) -> bool:
        return self.working_file.exists()


#: rows per row group of the tables the writer appends to: a checkpoint rewrites the row groups a session
#: appended to or deleted from, and at DuckDB's default (122,880 rows) sealing a 1,000-row delivery into the
#: 10 M-row warehouse took 0.44 s (see benchmarks/etl_load.py); the row groups written before keep their size
ROW_GROUP_SIZE = publication.ROW_GROUP_SIZE


def _connect_working(path: Path) -> duckdb.DuckDBPyConnection:
    """The working database, attached with :data:`ROW_GROUP_SIZE` (an option of ``attach`` alone) and made
    the connection's default database, under its usual name (``warehouse``, the file's stem)."""
    connection = duckdb.connect()
    try:
        name = publication.quoted_identifier(path.stem)
        connection.execute(
            f"attach {publication.quoted_literal(str(path))} as {name} (row_group_size {ROW_GROUP_SIZE})"
        )
        connection.execute(f"use {name}")
    except BaseException:
        connection.close()
        raise
    return connection


def _version(connection: duckdb.DuckDBPyConnection) -> int:
    row = connection.execute("select coalesce(max(data_version), 0) from publication").fetchone()
    return int(row[0]) if row else 0
