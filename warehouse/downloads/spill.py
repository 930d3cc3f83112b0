"""Spilling an extract to disk: the query runs once on one snapshot, its rows go to a temporary
zstd-compressed Arrow file, and the caller streams them without holding the reader's connection
(see :class:`SpilledExtract`)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.ipc

from gosterge.plan.model import Plan
from warehouse.downloads.extracts import CHUNK_ROWS, build_extract, measurement_chunks
from warehouse.downloads.filter import MEASUREMENTS, ExtractFilter

BATCH_ROWS = 10_000
SPILL_OPTIONS = pyarrow.ipc.IpcWriteOptions(compression="zstd")


class SpilledExtract:
    """An extract's rows in a temporary Arrow file, read back batch by batch.

    The file is unlinked as soon as it is written and read through the open
    handle, so nothing stays on disk after :meth:`close`, after an error, or
    even when the process is killed mid-download.
    """

    def __init__(self, path: Path, schema: pa.Schema, row_count: int):
        self.path = path
        self.schema = schema
        self.row_count = row_count
        self._source: pa.OSFile | None = pa.OSFile(str(path), "rb")
        path.unlink()

    def batches(self) -> Iterator[pa.RecordBatch]:
        """Yield the record batches in order; only one batch is in memory at a time."""
        if self._source is None:
            raise ValueError("this extract is closed")
        reader = pyarrow.ipc.open_file(self._source)
        for index in range(reader.num_record_batches):
            yield reader.get_batch(index)

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def __enter__(self) -> SpilledExtract:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def spill_extract(
    connection: duckdb.DuckDBPyConnection,
    plan: Plan,
    extract: ExtractFilter,
    *,
    folder: Path | None = None,
    batch_rows: int = BATCH_ROWS,
    chunk_rows: int = CHUNK_ROWS,
) -> SpilledExtract:
    """Run the extract once and write its rows to a temporary zstd-compressed Arrow file.

    The reader's connection is needed only while this runs (about a second per
    million rows); streaming the file to a slow client afterwards holds no
    connection and no lock, and sees one consistent snapshot. Measurements
    are read in ordered slices (:func:`measurement_chunks`) so memory stays
    bounded however many rows there are.
    """
    if extract.level == MEASUREMENTS:
        queries = [
            build_extract(plan, extract, chunk=chunk)
            for chunk in measurement_chunks(connection, plan, extract, chunk_rows=chunk_rows)
        ]
    else:
        queries = []
    if not queries:
        queries = [build_extract(plan, extract)]
    handle, name = tempfile.mkstemp(prefix="gosterge-extract-", suffix=".arrow", dir=folder)
    os.close(handle)
    path = Path(name)
    rows = 0
    try:
        schema = None
        with pa.OSFile(name, "wb") as sink:
            writer = None
            for query in queries:
                result = connection.sql(query.sql, params=list(query.parameters)).to_arrow_reader(batch_rows)
                if writer is None:
                    schema = result.schema
                    writer = pyarrow.ipc.new_file(sink, schema, options=SPILL_OPTIONS)
                for batch in result:
                    if batch.num_rows:
                        writer.write_batch(batch)
                        rows += batch.num_rows
            assert writer is not None and schema is not None
            writer.close()
        return SpilledExtract(path, schema, rows)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
