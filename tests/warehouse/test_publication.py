"""Publication without copying the warehouse (warehouse/publication.py), on real DuckDB files and Parquet parts.

After random deliveries (new rows, revisions, explanations, a plan edit, a backup put back), every table
and view a reader sees equals the working database's, row by row; a delivery writes only the parts its rows
change; a reader keeps its snapshot while the next one is published; parts are removed only once retired
for long enough; a missing part makes the writer publish again; a failed swap leaves the old snapshot and
no new part behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.etl.faults import immutable
from tests.progress.test_incremental import Deliveries
from tests.support.deliveries import back_up, deliver, restore
from warehouse import Reader, Warehouse, WarehouseBusy, publication
from warehouse.entry_loading import EXPLANATION_COLUMNS
from warehouse.queries import standing


def relations(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables and views of the database ``connection`` opened (not the catalog's own bookkeeping)."""
    rows = connection.execute(
        """
        select table_name from duckdb_tables() where database_name = current_database()
        union
        select view_name from duckdb_views() where database_name = current_database() and not internal
        order by 1
        """
    ).fetchall()
    return [str(name) for (name,) in rows if name not in publication.CATALOG_ONLY]


def assert_published_equals_working(data_dir: Path, step: str) -> None:
    """Every table and view a reader of the published snapshot sees holds exactly the working database's rows."""
    working = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    reader = Reader(data_dir / "published.duckdb")
    try:
        with reader.connect() as published:
            assert relations(published) == relations(working), step
            for name in relations(working):
                query = f'select * from "{name}" order by all'  # noqa: S608 - names read from the catalog
                mine, theirs = published.execute(query).fetchall(), working.execute(query).fetchall()
                assert len(mine) == len(theirs), f"{step}: {name} has {len(mine)} rows published, {len(theirs)} written"
                assert mine == theirs, f"{step}: {name} differs"
            # each plan's province standing, stored by the writer, is what the five questions give now
            for (plan,) in published.execute("select plan_code from plans").fetchall():
                stored = standing._stored(published, plan)
                assert stored is not None, f"{step}: no stored standing of {plan}"
                for name, (sql, parameters) in standing._questions(plan, "province", None).items():
                    pd.testing.assert_frame_equal(stored[name], published.execute(sql, parameters).df(), obj=step)
    finally:
        reader.close()
        working.close()


def explanation(plan, rows: pd.DataFrame) -> pd.DataFrame:
    row = rows.iloc[0]
    frame = pd.DataFrame(
        [
            {
                "plan_code": plan.code,
                "indicator_code": row.indicator_code,
                "area_level": row.area_level,
                "area_code": row.area_code,
                "year": int(str(row.period)[:4]),
                "period": str(row.period)[:4],
                "reason": "Yağış az, O'Neil'in ölçümü",
                "measures": '=HYPERLINK("x")',
                "source_note": None,
                "unit": "Strateji",
                "entered_by": "birim",
                "approved_by": "onay",
                "approved_at": pd.Timestamp("2024-05-01 10:00"),
            }
        ]
    )
    return frame.loc[:, [column for column in EXPLANATION_COLUMNS if column != "run_id"]]


@pytest.mark.slow
def test_every_published_table_equals_the_working_one_after_random_deliveries(tmp_path, balikesir_plan, monkeypatch):
    monkeypatch.setattr(publication, "WHOLE_TABLE_SHARE", 1.01)  # changed partitions replaced in place, always
    plan = balikesir_plan
    deliveries = Deliveries(plan, 11)
    deliver(tmp_path, plan, deliveries.first())
    assert_published_equals_working(tmp_path, "first load")
    backup = tmp_path / "backup.duckdb"
    for step in range(1, 9):
        rows = deliveries.next()
        explanations = explanation(plan, rows) if step % 3 == 0 else None
        deliver(tmp_path, plan, rows, explanations=explanations)
        assert_published_equals_working(tmp_path, f"delivery {step}")
        if step == 4:
            back_up(tmp_path, backup)
    edited = replace(plan, title_tr=plan.title_tr + " (düzeltilmiş)", content_hash=plan.content_hash + "-edited")
    deliver(tmp_path, edited, deliveries.next())  # a plan edit: every part of the plan is written again
    assert_published_equals_working(tmp_path, "plan edit")
    restore(tmp_path, backup)  # an older state: parts are chosen by what the tokens name, not by versions
    assert_published_equals_working(tmp_path, "backup put back")
    deliver(tmp_path, plan, deliveries.next())
    assert_published_equals_working(tmp_path, "delivery after the backup")


def test_a_delivery_writes_only_the_parts_its_rows_change(tmp_path, balikesir_plan):
    plan = balikesir_plan
    deliveries = Deliveries(plan, 5)
    deliver(tmp_path, plan, deliveries.first())
    before = {(part.table, part.key): part for part in publication.read_manifest(tmp_path / "published.duckdb")}
    assert {part.table for part in before.values()} >= {"measurements", "indicator_progress", "node_yearly"}
    indicator = next(item for item in plan.indicators.values() if item.level == "district")
    district = next(iter(plan.districts))
    rows = deliveries.universe[
        (deliveries.universe.indicator_code == indicator.code) & (deliveries.universe.area_code == district)
    ].head(1)
    deliver(tmp_path, plan, rows.assign(value=rows.value + 3.0))
    after = {(part.table, part.key): part for part in publication.read_manifest(tmp_path / "published.duckdb")}
    changed = {key for key, part in after.items() if before.get(key) != part}
    chain = {node.code for node in plan.ancestors(indicator.code)} | {plan.code}
    assert changed, "the delivery changed nothing that was published"
    for table, key in changed:
        values = publication.Part(table, key, "", "", 0).values()
        if table in ("measurements", "measurement_revisions", "indicator_progress", "indicator_yearly"):
            assert values == [plan.code, indicator.code], (table, values)
        elif table in ("node_progress", "node_yearly"):
            assert values[1] in chain, (table, values)
        else:  # partitions of the delivery's own run
            assert table in ("rejected_rows", "status_changes"), table
    assert ("measurements", f'["{plan.code}","{indicator.code}"]') in changed
    unchanged_files = [part.file for key, part in after.items() if part.file and key not in changed]
    assert unchanged_files and all((tmp_path / name).exists() for name in unchanged_files)
    assert len(changed) < len(after) / 5
    assert_published_equals_working(tmp_path, "one value revised")


def test_a_reader_keeps_its_snapshot_while_the_next_is_published(tmp_path, balikesir_plan, monkeypatch):
    plan = balikesir_plan
    deliveries = Deliveries(plan, 6)
    deliver(tmp_path, plan, deliveries.first())
    reader = Reader(tmp_path / "published.duckdb")
    try:
        with reader.connect() as old:
            everything = "select * from measurements order by all"
            rows = old.execute(everything).fetchall()
            deliver(tmp_path, plan, deliveries.next())
            deliver(tmp_path, plan, deliveries.next())
            # the parts this snapshot names were retired, not removed: it still reads them whole
            assert old.execute(everything).fetchall() == rows
        with reader.connect() as new:
            assert new.execute("select max(data_version) from publication").fetchone()[0] == 3
    finally:
        reader.close()
    retired = publication._read_retired(tmp_path)
    assert retired, "replaced parts are noted as retired"
    current = {part.file for part in publication.read_manifest(tmp_path / "published.duckdb") if part.file}
    assert not current & set(retired)
    monkeypatch.setattr(publication, "RETIREMENT_SECONDS", 0.0)
    deliver(tmp_path, plan, deliveries.next())
    on_disk = {path.relative_to(tmp_path).as_posix() for path in (tmp_path / "published").rglob("*.parquet")}
    current = {part.file for part in publication.read_manifest(tmp_path / "published.duckdb") if part.file}
    assert on_disk == current, "retired parts past their time are removed"
    assert_published_equals_working(tmp_path, "after the removal")


def test_a_part_no_catalog_names_is_removed_only_once_old(tmp_path, balikesir_plan):
    plan = balikesir_plan
    deliveries = Deliveries(plan, 7)
    deliver(tmp_path, plan, deliveries.first())
    folder = tmp_path / "published" / "measurements"
    old, young = folder / "left-by-a-dead-publication.parquet", folder / "being-written.parquet"
    old.write_bytes(b"PAR1")
    young.write_bytes(b"PAR1")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    deliver(tmp_path, plan, deliveries.next())
    assert not old.exists()
    assert young.exists()


def test_a_missing_part_makes_the_writer_publish_again(tmp_path, balikesir_plan):
    plan = balikesir_plan
    deliver(tmp_path, plan, Deliveries(plan, 8).first())
    published = tmp_path / "published.duckdb"
    assert publication.intact(tmp_path, published)
    lost = next(part for part in publication.read_manifest(published) if part.table == "measurements")
    (tmp_path / lost.file).unlink()
    assert not publication.intact(tmp_path, published)
    recovery = Warehouse(tmp_path).recover()
    assert recovery.published and recovery.publish_problem is None
    assert publication.intact(tmp_path, published)
    assert_published_equals_working(tmp_path, "after the lost part was written again")


def test_a_failed_swap_leaves_the_old_snapshot_and_no_new_part(tmp_path, balikesir_plan):
    plan = balikesir_plan
    deliveries = Deliveries(plan, 9)
    deliver(tmp_path, plan, deliveries.first())
    published = tmp_path / "published.duckdb"
    before = publication.read_manifest(published)
    files_before = sorted(path.name for path in (tmp_path / "published").rglob("*.parquet"))
    with immutable(published):
        warehouse = Warehouse(tmp_path)
        with warehouse.writing() as connection:
            connection.execute("update plans set title_tr = title_tr || ' *'")
        assert warehouse.publish_problem is not None
        assert "could not be published" in warehouse.publish_problem
    assert publication.read_manifest(published) == before
    assert sorted(path.name for path in (tmp_path / "published").rglob("*.parquet")) == files_before
    assert not list(tmp_path.glob(".publish-*"))
    recovery = Warehouse(tmp_path).recover()  # the next session publishes what was committed
    assert recovery.published
    assert_published_equals_working(tmp_path, "published at last")


def test_a_catalog_grown_past_its_limit_is_written_afresh(tmp_path, balikesir_plan, monkeypatch):
    plan = balikesir_plan
    deliveries = Deliveries(plan, 10)
    deliver(tmp_path, plan, deliveries.first())
    warehouse = Warehouse(tmp_path)
    with warehouse.writing():
        pass
    assert warehouse.last_publication is not None and not warehouse.last_publication.catalog_afresh
    monkeypatch.setattr(publication, "REBUILD_GROWTH", 0.5)
    with warehouse.writing():
        pass
    assert warehouse.last_publication is not None and warehouse.last_publication.catalog_afresh
    assert_published_equals_working(tmp_path, "catalog written afresh")


def test_a_moved_data_folder_is_published_again_where_it_now_is(tmp_path, balikesir_plan):
    plan = balikesir_plan
    first, moved = tmp_path / "first", tmp_path / "moved"
    deliver(first, plan, Deliveries(plan, 12).first())
    parts = publication.read_manifest(first / "published.duckdb")
    first.rename(moved)
    assert not publication.intact(moved, moved / "published.duckdb")
    recovery = Warehouse(moved).recover()
    assert recovery.published and recovery.publish_problem is None
    assert publication.intact(moved, moved / "published.duckdb")
    assert publication.read_manifest(moved / "published.duckdb") == parts  # no part written again
    assert_published_equals_working(moved, "moved")


def test_the_backup_in_the_docs_holds_the_writer_off_while_it_copies(tmp_path, balikesir_plan):
    """docs/operations.md backs the warehouse up with ``flock data/writer.lock cp …``: the writer's lock."""
    if shutil.which("flock") is None:
        pytest.skip("flock(1) is not installed")
    plan = balikesir_plan
    deliver(tmp_path, plan, Deliveries(plan, 13).first())
    copying = subprocess.Popen(["flock", str(tmp_path / "writer.lock"), "sleep", "3"])
    try:
        time.sleep(0.5)
        with pytest.raises(WarehouseBusy), Warehouse(tmp_path).writing(wait_seconds=0.5):
            pass
    finally:
        copying.wait(timeout=10)
    with Warehouse(tmp_path).writing(wait_seconds=5):
        pass


@pytest.mark.parametrize("batch_rows", [publication.BATCH_ROWS, 3])
def test_codes_any_text_may_hold_survive_a_batch_of_parts(tmp_path, monkeypatch, batch_rows):
    """Many changed partitions go out in partitioned writes, in folders named by percent-encoded codes:
    codes with spaces, slashes, '=', '%' and Turkish letters come back as they were, each in its own part
    (in one write, or in several when a write may hold only a few rows)."""
    from warehouse.schema import apply_schema

    monkeypatch.setattr(publication, "BATCH_ROWS", batch_rows)
    codes = [f"Gösterge {number}/İ=ş%{number}" for number in range(publication.BATCH_FROM + 2)]
    working = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    apply_schema(working)
    working.execute(
        """
        insert into measurements
        select 'plan 1/ğ', code, 'province', '35', '2024', 'year', 2024, date '2024-12-31', value, 'src', 1,
               timestamp '2024-01-01', false, 1
        from (select unnest($codes::varchar[]) as code, unnest($values::double[]) as value)
        """,
        {"codes": codes, "values": [float(number) for number in range(len(codes))]},
    )
    written = publication.publish(working, tmp_path, tmp_path / "published.duckdb")
    working.close()
    assert written.parts_written == len(codes)
    parts = [part for part in publication.read_manifest(tmp_path / "published.duckdb") if part.table == "measurements"]
    assert sorted(part.values()[1] for part in parts) == sorted(codes)
    assert len({part.file for part in parts}) == len(codes)
    batches = {part.file.split("/")[2] for part in parts}
    assert all(batch.startswith("batch-") for batch in batches)
    assert len(batches) == -(-len(codes) // batch_rows)  # one row a code: ceil(codes / rows of a write)
    assert_published_equals_working(tmp_path, "a batch of awkward codes")


def test_a_snapshot_published_before_a_schema_change_is_published_again(tmp_path, balikesir_plan):
    """The catalog of an earlier version (here: without the districts' ranks, warehouse/ranks.py) is published
    again when the writer starts, so that the new code's readers find the columns they ask for."""
    plan = balikesir_plan
    deliver(tmp_path, plan, Deliveries(plan, 14).first())
    published = tmp_path / "published.duckdb"
    old = duckdb.connect(str(published))
    for table in ("indicator_progress", "node_progress"):
        old.execute(f"alter table {table} drop column area_rank")  # noqa: S608 - constant names
        old.execute(f"alter table {table} drop column areas_ranked")  # noqa: S608
    old.close()
    working = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    assert not publication.schema_current(working, published)
    working.close()
    recovery = Warehouse(tmp_path).recover()
    assert recovery.published and recovery.publish_problem is None
    assert_published_equals_working(tmp_path, "published again with the ranks")
    reader = Reader(published)
    with reader.connect() as cursor:
        assert cursor.execute("select count(area_rank) from node_progress").fetchone()[0] > 0
    reader.close()
    assert not Warehouse(tmp_path).recover().published  # once: the schema is current now
