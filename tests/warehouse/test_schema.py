"""Schema changes reach files made by earlier versions: the progress tables lose the primary keys they were
created with (schema.sql, "Progress tables without keys"), rows, columns and other constraints kept."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.schema import KEYLESS_TABLES, apply_schema

OLD_INDICATOR_YEARLY = """
create table indicator_yearly (
    plan_code varchar not null,
    indicator_code varchar not null,
    area_level varchar not null,
    area_code varchar not null,
    year integer not null,
    value double,
    path_value double,
    realization_pct double,
    expected_pct double,
    primary key (plan_code, indicator_code, area_level, area_code, year)
)
"""


def constraints(connection: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = connection.execute(
        "select constraint_type from duckdb_constraints() where table_name = ? order by all", [table]
    ).fetchall()
    return [str(kind) for (kind,) in rows]


def test_a_file_made_with_keyed_progress_tables_loses_the_keys_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute(OLD_INDICATOR_YEARLY)
    old.execute(
        "insert into indicator_yearly values ('p', 'i1', 'province', '35', 2020, 1.5, 1.0, 10.0, 12.5), "
        "('p', 'i1', 'district', '35-1', 2021, null, null, null, 20.0)"
    )
    assert "PRIMARY KEY" in constraints(old, "indicator_yearly")
    old.close()

    connection = duckdb.connect(str(path))
    apply_schema(connection)
    assert "PRIMARY KEY" not in constraints(connection, "indicator_yearly")
    assert constraints(connection, "indicator_yearly").count("NOT NULL") == 5
    assert connection.execute("select * from indicator_yearly order by all").fetchall() == [
        ("p", "i1", "district", "35-1", 2021, None, None, None, 20.0),
        ("p", "i1", "province", "35", 2020, 1.5, 1.0, 10.0, 12.5),
    ]
    with pytest.raises(duckdb.ConstraintException):  # the columns' own constraints stay
        connection.execute("insert into indicator_yearly values (null, 'i', 'province', '35', 2020, 1, 1, 1, 1)")
    apply_schema(connection)  # again: nothing left to do
    assert connection.execute("select count(*) from indicator_yearly").fetchone() == (2,)
    for table in KEYLESS_TABLES:
        assert "PRIMARY KEY" not in constraints(connection, table)
    connection.close()


def test_a_file_made_before_ranks_were_kept_gets_its_districts_ranked(tmp_path):
    """node_progress of an earlier version (no rank columns): apply_schema adds them and ranks its rows once."""
    path = tmp_path / "old.duckdb"
    new = duckdb.connect(str(path))
    apply_schema(new)
    new.execute("alter table node_progress drop column area_rank")
    new.execute("alter table node_progress drop column areas_ranked")
    row = "('p', 'g1', 2, ?, ?, ?, null, null, 'on_track', 'none', 1.0, 1, 1, false, null, null, null, null)"
    for area_level, area_code, realization in [
        ("district", "d1", 40.0),
        ("district", "d2", 90.0),
        ("district", "d3", None),
        ("district", "d4", 90.0),
        ("province", "35", 70.0),
    ]:
        new.execute(f"insert into node_progress values {row}", [area_level, area_code, realization])  # noqa: S608
    new.close()
    old = duckdb.connect(str(path))
    apply_schema(old)
    ranks = old.execute("select area_code, area_rank, areas_ranked from node_progress order by area_code").fetchall()
    assert ranks == [("35", None, None), ("d1", 3, 3), ("d2", 1, 3), ("d3", None, 3), ("d4", 1, 3)]
    apply_schema(old)  # once only: a file that has the columns is left as it is
    assert old.execute("select count(*) from node_progress where area_rank is not null").fetchone() == (3,)
    old.close()


def test_ranking_an_old_file_is_all_or_nothing(tmp_path, monkeypatch):
    """A failure while the ranks are given leaves the file without the columns, so the next opening ranks it."""
    path = tmp_path / "old.duckdb"
    new = duckdb.connect(str(path))
    apply_schema(new)
    new.execute("alter table node_progress drop column area_rank")
    new.execute("alter table node_progress drop column areas_ranked")
    new.close()

    def fail(*_arguments: object, **_keywords: object) -> None:
        raise RuntimeError("stopped half-way")

    monkeypatch.setattr("warehouse.ranks.set_ranks", fail)
    old = duckdb.connect(str(path))
    with pytest.raises(RuntimeError):
        apply_schema(old)
    columns = {
        name
        for (name,) in old.execute(
            "select column_name from duckdb_columns() where table_name = 'node_progress'"
        ).fetchall()
    }
    assert "area_rank" not in columns and "areas_ranked" not in columns
    old.close()
