"""The warehouse: the only owner of SQL and of every ``duckdb.connect``.

One writer, many readers
------------------------
DuckDB lets one process open a file read-write, and that process locks every
other process out, readers included. So the warehouse is two files in
``GOSTERGE_DATA_DIR``:

``warehouse.duckdb``
    The writer's working database. Only the ETL opens it, inside
    :meth:`Warehouse.writing`, which first takes an exclusive ``fcntl`` lock on
    ``writer.lock`` (one writer per data folder, whichever process it is).
    A load runs in one transaction; a failed load rolls back, so the
    warehouse stays as it was.
``published.duckdb`` and ``published/``
    The read-only snapshot every dashboard process reads, published after each writer session without
    copying the warehouse (:mod:`warehouse.publication`): the writer bumps ``publication.data_version``,
    checkpoints, and writes a new catalog file beside the old one, then ``os.replace``-s it over
    ``published.duckdb`` (an atomic swap). The catalog holds the small tables whole, the progress tables
    (updated in place, partition by partition, in a copy of the previous catalog) and, for the tables that
    grow with the data (``measurements``, ``measurement_revisions``), views over immutable Parquet parts in
    ``published/``, one per plan and indicator, written again only when the data tokens naming them or their
    row count moved. Parts the new catalog no longer names are removed ten minutes later, so a reader still
    on the previous catalog reads it whole.

    Why this design: copying the 1.1 GB working file took 1.2-4.5 s at 10 M measurements and grew with the
    warehouse. DuckLake (a catalog plus Parquet, with snapshots) would fit, but its extension exists only
    for DuckDB 1.5 and this project runs DuckDB 2.0; Parquet for every table made the pages' queries 4-6×
    slower (each question opens every part), and an earlier attempt at it made one export take 488-624 MB.
    Keeping the tables pages read in DuckDB and only the growing fact tables in Parquet keeps reads as they
    were and brings a 1,000-row delivery's publication at 10 M rows to about 0.4 s (docs/architecture.md,
    "Publication without copying").

Readers (:class:`warehouse.reader.Reader`) keep one in-memory DuckDB instance per
process, the published snapshot attached to it read-only, and hand each question its
own cursor, with no lock held while it reads, so a worker's threads query side by side.
They compare ``os.stat(published).st_ino`` whenever a cursor is handed out; when the
inode changed they let the cursors still reading the old file finish, attach the new
file under a new name (about 2 ms, where a new connection took 12-14 ms: DuckDB makes
a whole instance for each) and detach the old one a few seconds later on a thread of
its own (16-45 ms that the first requests after a load no longer wait for). A cursor
in the middle of its questions keeps reading the old file whole: the unlinked inode
stays alive until it is detached. No reader ever sees a half-finished load, and none
ever fails to open the database. Before the first publication readers get an
empty in-memory database with the schema.

Faults
------
Publishing never raises. When the snapshot cannot be written (out of disk
space, a target that cannot be replaced) the old one stays in place and :attr:`Warehouse.publish_problem` says
why; what was committed stays in the working database and the next writer
session publishes it (:meth:`Warehouse.recover`, called when a run or the
scheduler starts, publishes when the published ``data_version`` is behind).
Each writer session starts by recovering from a process that died inside
one: its runs left ``running`` become ``interrupted`` (the writer lock is
held for a run's whole session, so no live process owns them) and its
temporary ``.publish-*.duckdb`` files are removed. A catalog that names parts that are gone, or names
them in another folder (the data folder moved, or put back from a backup), is published again by
:meth:`Warehouse.recover`.

The plan's tree in SQL
----------------------
:func:`warehouse.plan_sync.sync_plan` stores every node of a plan with its
ancestry, computed from the plan model: ``plan_nodes.path`` (the node codes
from the top level down to the node itself) and ``plan_nodes.root_code`` (its
top-level ancestor). A query limits itself to a node and everything below it
with ``list_contains(n.path, $scope)`` and groups by top-level node with
``root_code``; no query walks ``parent_code``.

Schema changes
--------------
``schema.sql`` is the whole schema and runs (``create … if not exists``) at
the start of every writer session, so a new table reaches an existing
warehouse file by itself. A new column also needs an ``alter table … add
column if not exists`` line for files created before it, and whoever fills
the column must fill it for old rows. For ``path`` and ``root_code`` that is
``sync_plan``: it re-syncs a plan whose stored nodes have no path, as it does
when the plan file's content hash changes. The scheduler calls it for every
plan when it starts (:func:`etl.startup.prepare_writer`), so after an upgrade
the new snapshot is published as soon as the writer is back, without waiting
for a data load.
"""

from warehouse.reader import Reader
from warehouse.writer import Recovery, Warehouse, WarehouseBusy, describe_failure, out_of_space

__all__ = ["Reader", "Recovery", "Warehouse", "WarehouseBusy", "describe_failure", "out_of_space"]
