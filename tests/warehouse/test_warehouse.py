"""The warehouse on real DuckDB files: revisions, plan isolation, publication, rollback, the writer lock."""

import threading

import pandas as pd
import pytest

from etl.demo import demo_measurements
from tests.support.builders import load_rows, measurement_frame
from warehouse import Reader, Warehouse, WarehouseBusy
from warehouse.loading import start_run, upsert_measurements


def rows(plan_code, indicator, area_level, area_code, values):
    return pd.DataFrame(
        [(plan_code, indicator, area_level, area_code, period, value) for period, value in values.items()],
        columns=["plan_code", "indicator_code", "area_level", "area_code", "period", "value"],
    )


def query(reader, sql, parameters=()):
    with reader.connect() as connection:
        return connection.execute(sql, list(parameters)).fetchall()


def test_a_changed_value_keeps_its_earlier_revision(tmp_path, mini_plan):
    data = tmp_path / "data"
    first = rows("mini", "1.1.1.1", "province", "35", {"2013": 1.0, "2018": 1.5})
    load_rows(data, [mini_plan], first)
    load_rows(data, [mini_plan], first)  # the same delivery again changes nothing
    reader = Reader(data / "published.duckdb")
    assert query(reader, "select count(*) from measurement_revisions") == [(0,)]
    load_rows(data, [mini_plan], rows("mini", "1.1.1.1", "province", "35", {"2018": 1.6}))
    assert query(reader, "select value, revision from measurements where period = '2018'") == [(1.6, 2)]
    assert query(reader, "select value, revision, superseded_by_run from measurement_revisions") == [(1.5, 1, 3)]
    # progress was recomputed from the new value: (1.6 − 1) / (2 − 1) = 60 %
    realization = query(reader, "select realization_pct from indicator_progress where indicator_code = '1.1.1.1'")
    assert realization[0][0] == pytest.approx(60.0)


def test_upsert_counts_new_revised_and_unchanged(tmp_path, mini_plan):
    warehouse = Warehouse(tmp_path)
    frame = measurement_frame(rows("mini", "1.1.1.1", "province", "35", {"2013": 1.0, "2014": 1.1}))
    with warehouse.writing() as connection:
        run = start_run(connection, source_id="t", plan_code="mini", file_name=None)
        first = upsert_measurements(connection, run, frame)
        assert (first.inserted, first.revised, first.unchanged) == (2, 0, 0)
        frame.loc[1, "value"] = 1.2
        counts = upsert_measurements(connection, run, frame)
        assert (counts.inserted, counts.revised, counts.unchanged, counts.loaded) == (0, 1, 1, 1)


def test_reloading_one_plan_leaves_the_other_plans_results_alone(tmp_path, mini_plan, balikesir_plan):
    data = tmp_path / "data"
    load_rows(
        data, [mini_plan, balikesir_plan], pd.concat([demo_measurements(balikesir_plan), demo_measurements(mini_plan)])
    )
    reader = Reader(data / "published.duckdb")
    snapshot = "select * from node_progress where plan_code = ? order by all"
    before = query(reader, snapshot, ["balikesir-2020-2024"])
    assert len(before) > 20
    load_rows(data, [mini_plan], rows("mini", "1.1.1.1", "province", "35", {"2019": 1.9}))
    assert query(reader, snapshot, ["balikesir-2020-2024"]) == before
    assert query(reader, "select count(*) from plans") == [(2,)]


def test_a_failed_write_rolls_back_and_readers_see_the_previous_data(tmp_path, mini_plan):
    data = tmp_path / "data"
    load_rows(data, [mini_plan], rows("mini", "1.1.1.1", "province", "35", {"2013": 1.0, "2018": 1.5}))
    reader = Reader(data / "published.duckdb")
    before = query(reader, "select * from measurements order by all")
    version_before, _ = reader.data_version()
    warehouse = Warehouse(data)
    with pytest.raises(RuntimeError, match="boom"):
        with warehouse.writing() as connection, warehouse.transaction():
            connection.execute("delete from measurements")
            raise RuntimeError("boom")
    assert query(reader, "select * from measurements order by all") == before
    # the session still published (a failed run's record must reach the readers)
    assert reader.data_version()[0] == version_before + 1


def test_a_transaction_commits_its_block_or_rolls_it_back(tmp_path, mini_plan):
    data = tmp_path / "data"
    load_rows(data, [mini_plan], rows("mini", "1.1.1.1", "province", "35", {"2013": 1.0, "2018": 1.5}))
    reader = Reader(data / "published.duckdb")
    warehouse = Warehouse(data)
    with warehouse.writing() as connection:
        with pytest.raises(ValueError, match="half-way"):
            with warehouse.transaction():
                connection.execute("delete from measurements where period = '2013'")
                raise ValueError("half-way")
        assert connection.execute("select count(*) from measurements").fetchone() == (2,)  # rolled back
        with warehouse.transaction():
            connection.execute("delete from measurements where period = '2013'")
    assert query(reader, "select period from measurements") == [("2018",)]  # committed and published
    with pytest.raises(RuntimeError, match=r"warehouse\.duckdb: a transaction needs the writer's session"):
        with warehouse.transaction():
            pass


def test_readers_follow_each_publication(tmp_path, mini_plan):
    data = tmp_path / "data"
    reader = Reader(data / "published.duckdb")
    assert reader.data_version() == (0, None)  # nothing published yet: an empty schema, no error
    load_rows(data, [mini_plan], rows("mini", "1.1.1.1", "province", "35", {"2013": 1.0}))
    first, _ = reader.data_version()
    load_rows(data, [mini_plan], rows("mini", "1.1.1.1", "province", "35", {"2014": 1.1}))
    second, published_at = reader.data_version()
    assert second > first and published_at is not None
    assert query(reader, "select count(*) from measurements") == [(2,)]


def test_one_writer_at_a_time(tmp_path):
    warehouse = Warehouse(tmp_path)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with warehouse.writing():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(WarehouseBusy, match="another process is writing"):
            with Warehouse(tmp_path).writing(wait_seconds=0.3):
                pass
    finally:
        release.set()
        thread.join()
