"""Publishing a snapshot without copying the warehouse: a catalog file, updated by partition, over
immutable Parquet parts.

The web reads ``published.duckdb``, swapped atomically (``os.replace``) by each publication, as before
(:mod:`warehouse.reader` reopens it when its inode changes). It is a *catalog*: the tables pages read are
DuckDB tables in it, and the tables that grow with every delivery are views over Parquet files in
``published/``. Each partitioned table is written by partition, and a partition only when what names its
data moved:

=========================  ============  ======================  =============================================
table                      held as       partition               written again when
=========================  ============  ======================  =============================================
``measurements``,          Parquet       plan × indicator        the indicator's token or the plan's data
``measurement_revisions``  parts                                 token moved, or its row count changed
``indicator_progress``,    catalog rows  plan × indicator        the same
``indicator_yearly``
``node_progress``,         catalog rows  plan × node             the token of an indicator under the node or
``node_yearly``                                                  the plan's data token moved, or its row count
``rejected_rows``,         catalog rows  run                     its row count changed (a run writes them
``status_changes``                                               once)
every other table, views   catalog rows  none                    every publication (they are small)
``standing_*``             catalog rows  none                    every publication: each plan's province
                                                                 standing, asked of the working database
=========================  ============  ======================  =============================================

A publication starts from a copy of the previous catalog and replaces, in place, the rows of the catalog
partitions that changed (a table most of whose rows changed is copied whole); a changed Parquet partition
gets a new file. So a load that touched one indicator writes that indicator's partitions and those of the
nodes above it: its cost follows the delivery, not the warehouse. The data tokens are the writer's record
of what changed (:mod:`warehouse.data_tokens`), kept for the page cache by every write; a plan's
``data_token`` moves when its data changed as a whole (a plan-wide recompute, a sync), not when only a
plan-wide fact that pages show moved. The row count per partition is a second check, one grouped count
over each table (about 70 ms at 10 M measurements). Rows deleted in place leave space the catalog reuses
only in part: once it is :data:`REBUILD_GROWTH` times the size it had when last written afresh, the next
publication writes it afresh.

Parts are never changed in place: a new part has a new file name, and the catalog names the files of its
snapshot (table ``snapshot_parts``, read back by the next publication to know which parts it may keep). A
reader holding the previous catalog keeps reading the previous files: a part the new catalog no longer
names is *retired* and deleted only :data:`RETIREMENT_SECONDS` later (``published/retired.json``), by the
publication that finds it old enough; a file in ``published/`` that no catalog names and that is older
than that (left by a publication that died before its swap) goes the same way. Nothing here blocks a
reader. A catalog naming a part that is gone (a data folder put back from a backup, files removed by
hand), or naming them in another folder (the data folder moved), is not intact (:func:`intact`): the
writer then publishes again (:meth:`Warehouse.recover`) and writes every part whose file is missing.

Measured on the national-scale benchmark warehouse (10 M measurements, 150 indicators, 973 districts):
see docs/architecture.md, "Publication without copying".
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import duckdb

from warehouse.queries.standing import CATALOG_TABLES, store_standings

logger = logging.getLogger(__name__)

PARTS_FOLDER = "published"
RETIRED_FILE = "retired.json"
#: seconds a part stays on disk after the catalog that named it was replaced (readers move on at their next
#: question; none asks one for this long)
RETIREMENT_SECONDS = 600.0
TEMPORARY_PREFIX = ".publish-"
TEMPORARY_SUFFIX = ".duckdb"
MANIFEST = "snapshot_parts"
INFO = "snapshot_info"
#: tables of a catalog that the working database does not have: its bookkeeping, and each plan's province
#: standing as the writer read it (:func:`warehouse.queries.standing.store_standings`)
CATALOG_ONLY = (MANIFEST, INFO, *CATALOG_TABLES)
#: a catalog updated in place is written afresh once it is this many times the size it had when last written
#: afresh (the space of deleted rows is reused, not returned)
REBUILD_GROWTH = 1.5
#: a table whose changed partitions hold more than this share of its rows is copied whole
WHOLE_TABLE_SHARE = 0.25
#: changed partitions of a Parquet table written in one pass over it from this many on (each alone below)
BATCH_FROM = 8
#: rows of one partitioned write at most (its memory grows with them: 1 M rows, about 0.3 GiB)
BATCH_ROWS = 1_000_000
#: rows per row group of the catalog: a checkpoint rewrites (vacuums) the row groups a publication deleted
#: from or appended to, and at DuckDB's default (122,880) that took 0.5 s and doubled the file at 10 M
#: measurements, against 23 ms and no growth at 16,384 (measured in one catalog of 63 MB)
ROW_GROUP_SIZE = 16_384


class PublicationError(RuntimeError):
    """A snapshot that cannot be written as asked (the old one stays in place)."""


@dataclass(frozen=True)
class Partitioning:
    """How a table is published: by partition (``columns``), with which tokens naming its data (``tokens``:
    an indicator's, a node's and the indicators' under it, or none for a table whose partitions never change
    once written), as Parquet parts or as rows of the catalog."""

    columns: tuple[str, ...]
    tokens: str | None
    parquet: bool


PARTITIONED: dict[str, Partitioning] = {
    "measurements": Partitioning(("plan_code", "indicator_code"), "indicator", parquet=True),
    "measurement_revisions": Partitioning(("plan_code", "indicator_code"), "indicator", parquet=True),
    "indicator_progress": Partitioning(("plan_code", "indicator_code"), "indicator", parquet=False),
    "indicator_yearly": Partitioning(("plan_code", "indicator_code"), "indicator", parquet=False),
    "node_progress": Partitioning(("plan_code", "node_code"), "node", parquet=False),
    "node_yearly": Partitioning(("plan_code", "node_code"), "node", parquet=False),
    # a run's rejected rows and status changes stay as written (a recompute outside a load: run_id null)
    "rejected_rows": Partitioning(("run_id",), None, parquet=False),
    "status_changes": Partitioning(("run_id",), None, parquet=False),
}


@dataclass(frozen=True)
class Part:
    """One partition of a snapshot: the rows of one table for one key, in a Parquet file (``file``, relative
    to the data folder) or in the catalog (``file`` empty)."""

    table: str
    key: str  # the JSON list of the partition's values
    file: str
    digest: str
    rows: int

    def values(self) -> list[object]:
        return list(json.loads(self.key))


@dataclass
class Published:
    """What one publication wrote (for the benchmark and the log)."""

    parts_written: int = 0
    parts_kept: int = 0
    rows_written: int = 0
    files_removed: int = 0
    catalog_afresh: bool = False
    seconds: float = 0.0


def publish(connection: duckdb.DuckDBPyConnection, data_dir: Path, published_file: Path) -> Published:
    """Write the snapshot of what ``connection`` (the writer's, everything committed) holds and swap it in.

    Raises what writing it raises (``OSError``, ``duckdb.Error``, :class:`PublicationError`); the old snapshot then stays in place, and
    the parts written for the new one are removed later as files no catalog names."""
    started = time.perf_counter()
    data_dir, published_file = Path(data_dir).resolve(), Path(published_file)  # the views name parts by full path
    (data_dir / PARTS_FOLDER).mkdir(parents=True, exist_ok=True)
    published = read_bookkeeping(published_file)
    previous = {(part.table, part.key): part for part in published.parts}
    outcome = Published()
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=data_dir)
    os.close(handle)
    written: list[Path] = []
    try:
        afresh = _start_catalog(published_file, temporary, published)
        outcome.catalog_afresh = afresh
        parts = _write_snapshot(connection, data_dir, temporary, previous, afresh, written, outcome)
        os.replace(temporary, published_file)
    except BaseException:
        for path in written:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        for leftover in (temporary, temporary + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    current = {part.file for part in parts if part.file}
    retire(data_dir, {part.file for part in previous.values() if part.file} - current)
    outcome.files_removed = remove_retired(data_dir, current)
    outcome.seconds = time.perf_counter() - started
    logger.info(
        "published: %d parts written (%d rows), %d kept, catalog %s, %d old files removed, in %.2f s",
        outcome.parts_written,
        outcome.rows_written,
        outcome.parts_kept,
        "written afresh" if afresh else "updated",
        outcome.files_removed,
        outcome.seconds,
    )
    return outcome


def _start_catalog(published_file: Path, temporary: str, published: Bookkeeping) -> bool:
    """Start the new catalog from a copy of the published one (True: from an empty file instead, when there
    is none to start from, or it grew past :data:`REBUILD_GROWTH` times its size when written afresh)."""
    size = published.fresh_size if published.parts else None
    if size is None or published_file.stat().st_size > REBUILD_GROWTH * size:
        os.unlink(temporary)  # DuckDB creates the file itself
        return True
    shutil.copyfile(published_file, temporary)
    return False


def _write_snapshot(
    connection: duckdb.DuckDBPyConnection,
    data_dir: Path,
    temporary: str,
    previous: dict[tuple[str, str], Part],
    afresh: bool,
    written: list[Path],
    outcome: Published,
) -> list[Part]:
    source = quoted_identifier(str(connection.execute("select current_database()").fetchall()[0][0]))
    tables = [
        str(name)
        for (name,) in connection.execute(
            "select table_name from duckdb_tables() where database_name = current_database() order by 1"
        ).fetchall()
    ]
    views = connection.execute(
        "select view_name, sql from duckdb_views() where database_name = current_database() and not internal"
    ).fetchall()
    parts: list[Part] = []
    connection.execute(f"attach {quoted_literal(temporary)} as snapshot (row_group_size {ROW_GROUP_SIZE})")
    try:
        for table in tables:
            name = quoted_identifier(table)
            partitioning = PARTITIONED.get(table)
            if partitioning is None:
                _drop(connection, table)
                connection.execute(f"create table snapshot.{name} as select * from {source}.{name}")  # noqa: S608
                continue
            mine = {key: part for (table_name, key), part in previous.items() if table_name == table}
            current = _partitions(connection, source, table, partitioning)
            if partitioning.parquet:
                parts += _parquet_parts(
                    connection, source, data_dir, table, partitioning, current, mine, written, outcome
                )
            else:
                parts += _catalog_parts(connection, source, table, partitioning, current, mine, afresh, outcome)
        store_standings(connection, "snapshot")
        for view_name, _ in views:
            _drop(connection, str(view_name))
        connection.execute("use snapshot")  # the views' own SQL names their tables unqualified
        try:
            for _, sql in views:
                connection.execute(str(sql))
            _write_manifest(connection, parts, temporary, afresh, data_dir)
        finally:
            connection.execute(f"use {source}")
    finally:
        connection.execute("detach snapshot")
    return parts


def _parquet_parts(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    data_dir: Path,
    table: str,
    partitioning: Partitioning,
    current: list[tuple[str, str, int]],
    previous: dict[str, Part],
    written: list[Path],
    outcome: Published,
) -> list[Part]:
    """The table's Parquet parts, writing those whose data changed, and its view over them."""
    parts: list[Part] = []
    changed: list[tuple[str, str, int]] = []
    for key, digest, rows in current:
        kept = previous.get(key)
        if kept and kept.file and kept.digest == digest and kept.rows == rows and (data_dir / kept.file).exists():
            parts.append(kept)
            outcome.parts_kept += 1
        else:
            changed.append((key, digest, rows))
    if len(changed) >= BATCH_FROM:
        for group in _batches(changed):
            parts += _write_batch(connection, source, data_dir, table, partitioning, group, written)
    else:
        parts += [_write_part(connection, source, data_dir, table, partitioning, item, written) for item in changed]
    outcome.parts_written += len(changed)
    outcome.rows_written += sum(rows for _, _, rows in changed)
    name = quoted_identifier(table)
    _drop(connection, table)
    files = [str(data_dir / part.file) for part in sorted(parts, key=lambda part: part.key)]
    if files:
        listed = ", ".join(quoted_literal(path) for path in files)
        connection.execute(f"create view snapshot.{name} as select * from read_parquet([{listed}])")  # noqa: S608
    else:  # no rows: a table of the same columns
        connection.execute(f"create table snapshot.{name} as select * from {source}.{name} limit 0")  # noqa: S608
    return parts


def _batches(changed: list[tuple[str, str, int]]) -> list[list[tuple[str, str, int]]]:
    """``changed`` in groups of at most :data:`BATCH_ROWS` rows (a partition larger than that alone): a
    partitioned write holds every partition it writes in memory (10 M rows at once took 2.1 GiB)."""
    groups: list[list[tuple[str, str, int]]] = [[]]
    total = 0
    for item in changed:
        if groups[-1] and total + item[2] > BATCH_ROWS:
            groups.append([])
            total = 0
        groups[-1].append(item)
        total += item[2]
    return groups


def _write_part(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    data_dir: Path,
    table: str,
    partitioning: Partitioning,
    item: tuple[str, str, int],
    written: list[Path],
) -> Part:
    """One partition written to a file of its own (a scan of the table for it)."""
    key, digest, rows = item
    relative = _part_name(table, json.loads(key))
    target = data_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    written.append(target)
    condition, parameters = _key_condition(partitioning, json.loads(key))
    connection.execute(
        f"copy (select * from {source}.{quoted_identifier(table)} where {condition}) "  # noqa: S608 - constant names
        f"to {quoted_literal(str(target))} (format parquet, compression snappy)",
        parameters,
    )
    return Part(table, key, relative, digest, rows)


def _write_batch(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    data_dir: Path,
    table: str,
    partitioning: Partitioning,
    changed: list[tuple[str, str, int]],
    written: list[Path],
) -> list[Part]:
    """Many partitions written in one pass over the table (DuckDB's partitioned ``copy``: one file per
    partition, in folders named by the partition's values, percent-encoded), where writing each on its own
    would scan the table once per partition: a first publication of 1 M rows in 100 indicators."""
    batch = f"{PARTS_FOLDER}/{table}/batch-{uuid.uuid4().hex[:12]}"
    folder = data_dir / batch
    folder.parent.mkdir(parents=True, exist_ok=True)
    written.append(folder)
    wanted: dict[tuple[object, ...], tuple[str, str, int]] = {
        tuple(json.loads(key)): (key, digest, rows) for key, digest, rows in changed
    }
    first, second = partitioning.columns
    connection.execute(
        "create or replace temp table publication_keys as "
        "select unnest($first::varchar[]) as first, unnest($second::varchar[]) as second",
        {"first": [str(values[0]) for values in wanted], "second": [str(values[1]) for values in wanted]},
    )
    try:
        connection.execute(
            f"""
            copy (
                select t.* from {source}.{quoted_identifier(table)} t
                semi join publication_keys k on t.{quoted_identifier(first)} = k.first
                                            and t.{quoted_identifier(second)} = k.second
            ) to {quoted_literal(str(folder))} (
                format parquet, compression snappy, partition_by ({quoted_identifier(first)}, {quoted_identifier(second)}),
                write_partition_columns true, filename_pattern 'part-{{uuid}}'
            )
            """  # noqa: S608 - constant names and the publication's own folder
        )
    finally:
        connection.execute("drop table if exists publication_keys")
    found: dict[tuple[object, ...], list[Path]] = {}
    for path in sorted(folder.rglob("*.parquet")):
        values = tuple(unquote(part.partition("=")[2]) for part in path.relative_to(folder).parts[:-1])
        if values not in wanted:
            raise PublicationError(f"{path}: a partitioned write named a partition that was not asked for")
        found.setdefault(values, []).append(path)
    if set(found) != set(wanted):
        raise PublicationError(f"{folder}: the partitioned write left out {sorted(set(wanted) - set(found))[:3]}")
    parts = []
    for found_values, paths in found.items():
        key, digest, rows = wanted[found_values]
        if len(paths) > 1:  # DuckDB writes one file per partition unless told to split them
            raise PublicationError(f"{folder}: the partitioned write split {found_values} over {len(paths)} files")
        parts.append(Part(table, key, paths[0].relative_to(data_dir).as_posix(), digest, rows))
    return parts


def _catalog_parts(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    table: str,
    partitioning: Partitioning,
    current: list[tuple[str, str, int]],
    previous: dict[str, Part],
    afresh: bool,
    outcome: Published,
) -> list[Part]:
    """The table's partitions as rows of the catalog: the changed ones replaced in the copy of the old
    catalog, or the whole table copied (a catalog written afresh, new columns, or most of it changed)."""
    name = quoted_identifier(table)
    parts = [Part(table, key, "", digest, rows) for key, digest, rows in current]
    changed = [
        part
        for part in parts
        if (kept := previous.get(part.key)) is None or (kept.digest, kept.rows) != (part.digest, part.rows)
    ]
    gone = [previous[key] for key in previous.keys() - {part.key for part in parts}]
    total = sum(part.rows for part in parts)
    whole = (
        afresh
        or not _same_columns(connection, source, table)
        or sum(part.rows for part in changed) + sum(part.rows for part in gone) > WHOLE_TABLE_SHARE * max(total, 1)
    )
    if whole:
        _drop(connection, table)
        connection.execute(f"create table snapshot.{name} as select * from {source}.{name}")  # noqa: S608
        outcome.parts_written += len(parts)
        outcome.rows_written += total
        return parts
    for part in changed + gone:
        condition, parameters = _key_condition(partitioning, part.values())
        connection.execute(f"delete from snapshot.{name} where {condition}", parameters)  # noqa: S608
    for part in changed:
        condition, parameters = _key_condition(partitioning, part.values())
        connection.execute(
            f"insert into snapshot.{name} select * from {source}.{name} where {condition}",  # noqa: S608
            parameters,
        )
        outcome.rows_written += part.rows
    outcome.parts_written += len(changed)
    outcome.parts_kept += len(parts) - len(changed)
    return parts


def _drop(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop the catalog's table or view ``name``, whichever it is (a copied catalog holds one of them)."""
    kinds = connection.execute(
        """
        select 'view' from duckdb_views() where database_name = 'snapshot' and view_name = $name
        union all
        select 'table' from duckdb_tables() where database_name = 'snapshot' and table_name = $name
        """,
        {"name": name},
    ).fetchall()
    for (kind,) in kinds:
        connection.execute(f"drop {kind} snapshot.{quoted_identifier(name)}")


def _same_columns(connection: duckdb.DuckDBPyConnection, source: str, table: str) -> bool:
    """Whether the catalog's copy of ``table`` has the working table's columns (a schema change: not)."""
    sql = """
        select database_name, list(column_name || ' ' || data_type order by column_index)
        from duckdb_columns()
        where table_name = $table and database_name in ($source, 'snapshot')
        group by database_name
    """
    found = dict(connection.execute(sql, {"table": table, "source": source.strip('"')}).fetchall())
    return len(found) == 2 and found[source.strip('"')] == found["snapshot"]


def _key_condition(partitioning: Partitioning, values: list[object]) -> tuple[str, dict[str, object]]:
    """The SQL condition that selects one partition, and its parameters (``=`` lets DuckDB skip row groups)."""
    conditions, parameters = [], {}
    for index, (column, value) in enumerate(zip(partitioning.columns, values, strict=True)):
        if value is None:
            conditions.append(f"{quoted_identifier(column)} is null")
        else:
            conditions.append(f"{quoted_identifier(column)} = $k{index}")
            parameters[f"k{index}"] = value
    return " and ".join(conditions), parameters


def _write_manifest(
    connection: duckdb.DuckDBPyConnection, parts: list[Part], temporary: str, afresh: bool, data_dir: Path
) -> None:
    """The parts of the snapshot; the folder its views name them in; and the catalog's size when last written
    afresh (run with ``use snapshot``)."""
    connection.execute(f"drop table if exists {MANIFEST}")
    connection.execute(
        f"create table {MANIFEST} (table_name varchar, part_key varchar, file varchar, digest varchar, "
        "row_count bigint)"
    )
    connection.execute(
        f"""
        insert into {MANIFEST}
        select unnest($tables::varchar[]), unnest($keys::varchar[]), unnest($files::varchar[]),
               unnest($digests::varchar[]), unnest($rows::bigint[])
        """,  # noqa: S608 - a constant name
        {
            "tables": [part.table for part in parts],
            "keys": [part.key for part in parts],
            "files": [part.file for part in parts],
            "digests": [part.digest for part in parts],
            "rows": [part.rows for part in parts],
        },
    )
    size = None
    if afresh:
        connection.execute("checkpoint snapshot")
        size = os.path.getsize(temporary)
    else:
        row = connection.execute(f"select max(fresh_size) from {INFO}").fetchone()  # noqa: S608 - a constant name
        size = row[0] if row else None
    connection.execute(f"drop table if exists {INFO}")
    connection.execute(
        f"create table {INFO} as select $size::bigint as fresh_size, $folder::varchar as folder",
        {"size": size, "folder": str(data_dir)},
    )


def _partitions(
    connection: duckdb.DuckDBPyConnection, source: str, table: str, partitioning: Partitioning
) -> list[tuple[str, str, int]]:
    """(key as JSON, digest of the tokens that name its data, rows) of every partition of ``table``."""
    columns = ", ".join(quoted_identifier(column) for column in partitioning.columns)
    key = "to_json([" + ", ".join(f"c.{quoted_identifier(column)}" for column in partitioning.columns) + "])::varchar"
    if partitioning.tokens == "indicator":
        digest = """
            coalesce((select coalesce(p.data_token, p.token) from plan_tokens p where p.plan_code = c.plan_code), '')
            || '|' || coalesce((select t.token from indicator_tokens t
                                where t.plan_code = c.plan_code and t.indicator_code = c.indicator_code), '')
        """
    elif partitioning.tokens == "node":  # the tokens of every indicator under it (the plan's: all of them)
        digest = """
            coalesce((select coalesce(p.data_token, p.token) from plan_tokens p where p.plan_code = c.plan_code), '')
            || '|' || coalesce((
                select string_agg(i.indicator_code || '=' || t.token, ',' order by i.indicator_code)
                from indicators i
                join plan_nodes g on g.plan_code = i.plan_code and g.node_code = i.goal_code
                join indicator_tokens t on t.plan_code = i.plan_code and t.indicator_code = i.indicator_code
                where i.plan_code = c.plan_code and (c.node_code = c.plan_code or list_contains(g.path, c.node_code))
            ), '')
        """
    else:
        digest = "''"
    rows = connection.execute(
        f"""
        select {key} as key, {digest} as digest, c.row_count
        from (select {columns}, count(*) as row_count from {source}.{quoted_identifier(table)} group by all) c
        order by key
        """  # noqa: S608 - constant names
    ).fetchall()
    return [(str(part_key), _digest(str(text)), int(count)) for part_key, text, count in rows]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _part_name(table: str, values: list[object]) -> str:
    """A new file name for one part (relative to the data folder): readable, and never used before."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", "__".join(str(value) for value in values))[:80]
    return f"{PARTS_FOLDER}/{table}/{readable}-{uuid.uuid4().hex[:12]}.parquet"


@dataclass(frozen=True)
class Bookkeeping:
    """What the published catalog records of itself: its parts, its size when last written afresh and the
    folder its views name the parts in (empty before the first publication, or for a snapshot written
    before :mod:`warehouse.publication`)."""

    parts: list[Part]
    fresh_size: int | None = None
    folder: str | None = None
    #: its tables (not views), with their columns and types in order
    tables: dict[str, list[str]] = field(default_factory=dict)


def read_bookkeeping(published_file: Path) -> Bookkeeping:
    """The published catalog's :class:`Bookkeeping`, read in one opening of the file."""
    if not Path(published_file).exists():
        return Bookkeeping([])
    try:
        catalog = duckdb.connect(str(published_file), read_only=True)
    except duckdb.Error:
        return Bookkeeping([])
    try:
        tables = _table_columns(catalog)
    except duckdb.Error:
        catalog.close()
        return Bookkeeping([])
    try:
        rows = catalog.execute(
            f"select table_name, part_key, file, digest, row_count from {MANIFEST}"  # noqa: S608
        ).fetchall()
        info = catalog.execute(f"select max(fresh_size), max(folder) from {INFO}").fetchone()  # noqa: S608
    except duckdb.Error:
        return Bookkeeping([], tables=tables)
    finally:
        catalog.close()
    parts = [Part(str(t), str(k), str(f or ""), str(d), int(r)) for t, k, f, d, r in rows]
    fresh_size, folder = info if info else (None, None)
    return Bookkeeping(parts, int(fresh_size) if fresh_size else None, str(folder) if folder else None, tables)


def read_manifest(published_file: Path) -> list[Part]:
    """The parts the published catalog names."""
    return read_bookkeeping(published_file).parts


def current(connection: duckdb.DuckDBPyConnection, data_dir: Path, published_file: Path) -> bool:
    """Whether the published catalog can be read as it is (False: publish again), from one opening of it:
    :func:`intact` and :func:`schema_current` together. ``connection``: the working database."""
    found = read_bookkeeping(published_file)
    return _intact(Path(data_dir), found) and _schema_current(connection, found)


def intact(data_dir: Path, published_file: Path) -> bool:
    """Whether the published catalog names its parts in this folder and every one is on disk (False: publish
    again; a data folder moved or put back from a backup)."""
    return _intact(Path(data_dir), read_bookkeeping(published_file))


def schema_current(connection: duckdb.DuckDBPyConnection, published_file: Path) -> bool:
    """Whether each table of the published catalog has the columns of the working database's table of that name
    (False after an upgrade changed the schema, as when the districts' ranks were added: publish again, or the new
    code's readers would ask the old snapshot for columns it lacks). ``connection``: the working database."""
    return _schema_current(connection, read_bookkeeping(published_file))


def _intact(data_dir: Path, found: Bookkeeping) -> bool:
    if not found.parts:
        return True  # nothing published yet, or a snapshot that is a whole copy of the warehouse
    folder = data_dir.resolve()
    if found.folder != str(folder):
        return False
    return all((folder / part.file).exists() for part in found.parts if part.file)


def _schema_current(connection: duckdb.DuckDBPyConnection, found: Bookkeeping) -> bool:
    working = _table_columns(connection)
    return all(
        working.get(table, columns) == columns for table, columns in found.tables.items() if table not in CATALOG_ONLY
    )


def _table_columns(connection: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Each base table of the database ``connection`` opened, with its columns and their types in order."""
    rows = connection.execute(
        """
        select c.table_name, list(c.column_name || ' ' || c.data_type order by c.column_index)
        from duckdb_columns() c
        join duckdb_tables() t
          on t.database_name = c.database_name and t.schema_name = c.schema_name and t.table_name = c.table_name
        where c.database_name = current_database()
        group by c.table_name
        """
    ).fetchall()
    return {str(table): list(columns) for table, columns in rows}


def _retired_path(data_dir: Path) -> Path:
    return Path(data_dir) / PARTS_FOLDER / RETIRED_FILE


def _read_retired(data_dir: Path) -> dict[str, float]:
    try:
        loaded = json.loads(_retired_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(name): float(when) for name, when in loaded.items()} if isinstance(loaded, dict) else {}


def _write_retired(data_dir: Path, retired: dict[str, float]) -> None:
    path = _retired_path(data_dir)
    handle, temporary = tempfile.mkstemp(prefix=".retired-", suffix=".json", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(retired, stream, indent=0, sort_keys=True)
    os.replace(temporary, path)


def retire(data_dir: Path, files: Iterable[str]) -> None:
    """Note ``files`` (relative to the data folder) as named by no catalog from now on."""
    files = list(files)
    if not files:
        return
    retired = _read_retired(data_dir)
    now = time.time()
    for name in files:
        retired.setdefault(name, now)
    _write_retired(data_dir, retired)


def remove_retired(data_dir: Path, current: set[str], older_than: float | None = None) -> int:
    """Delete the parts retired over ``older_than`` seconds ago, and the files of ``published/`` that no
    catalog names (``current``: the new catalog's) and that are that old; the number of files removed.
    Never raises: what cannot be removed now is removed by a later publication."""
    data_dir = Path(data_dir)
    folder = data_dir / PARTS_FOLDER
    cutoff = time.time() - (RETIREMENT_SECONDS if older_than is None else older_than)
    retired = _read_retired(data_dir)
    removed = 0
    try:
        for path in folder.rglob("*.parquet"):
            name = path.relative_to(data_dir).as_posix()
            if name in current:
                continue
            since = retired.get(name)
            try:
                if since is None:
                    since = path.stat().st_mtime
                if since <= cutoff:
                    path.unlink()
                    retired.pop(name, None)
                    removed += 1
            except FileNotFoundError:
                retired.pop(name, None)
        retired = {name: when for name, when in retired.items() if (data_dir / name).exists()}
        _write_retired(data_dir, retired)
        for empty in sorted((path for path in folder.rglob("*") if path.is_dir()), reverse=True):
            if not any(empty.iterdir()):
                empty.rmdir()  # a batch's folders, once their parts are gone
    except OSError as error:
        logger.warning("old snapshot parts not removed: %s", error)
    return removed


def quoted_literal(text: str) -> str:
    """A SQL string literal: DDL takes no parameters, and these are the publication's own file names."""
    return "'" + text.replace("'", "''") + "'"


def quoted_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
