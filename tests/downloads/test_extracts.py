"""Extract queries on a real warehouse: the rows and numbers of every level, filters, order, chunking."""

from __future__ import annotations

import pyarrow as pa
import pytest

from gosterge.plan import Plan
from gosterge.rounding import PERCENT_DECIMALS, round_to
from tests.support.downloads import HOSTILE_TEXTS, ExportContext
from warehouse.downloads.columns import available_columns, column_keys
from warehouse.downloads.extracts import (
    build_extract,
    count_rows,
    fetch_table,
    measurement_chunks,
    plan_progress,
    preview,
)
from warehouse.downloads.filter import parse_filter
from warehouse.downloads.spill import spill_extract


def extract_of(plan: Plan, **parameters: str | list[str]):
    values = {name.rstrip("_"): value if isinstance(value, list) else [value] for name, value in parameters.items()}
    values["plan"] = [plan.code]
    return parse_filter({plan.code: plan}, values, available_columns=column_keys(plan))


def table(context: ExportContext, plan: Plan, **parameters: str | list[str]) -> pa.Table:
    with context.reader.connect() as connection:
        return fetch_table(connection, build_extract(plan, extract_of(plan, **parameters)))


def rows(context: ExportContext, sql: str, parameters: list[object]) -> list[tuple]:
    with context.reader.connect() as connection:
        return connection.execute(sql, parameters).fetchall()


def test_measurements_are_the_warehouse_rows(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = table(export_context, mini_plan, level="measurements")
    expected = rows(
        export_context, "select indicator_code, area_code, period, value from measurements where plan_code = 'mini'", []
    )
    got = set(
        zip(
            *(extract.column(name).to_pylist() for name in ("indicator_code", "area_code", "period", "value")),
            strict=True,
        )
    )
    assert got == set(expected)
    assert len(extract) == len(expected)
    assert set(extract.column("plan_code").to_pylist()) == {"mini"}  # never the other plan's rows


def test_measurement_rows_carry_every_level(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = table(
        export_context, mini_plan, level="measurements", indicator="1.2.1.2", district="1203", from_="2019", to="2019"
    ).to_pylist()
    assert len(extract) == 1
    row = extract[0]
    assert (row["axis_code"], row["priority_code"], row["goal_code"]) == ("1", "1.2", "1.2.1")
    assert row["goal_name"] == "Hizmetleri yaymak" and row["area_name"] == "Çeşme"
    assert (row["region_code"], row["region_name"]) == ("guney", "Güney")
    # Çeşme's own base (62.4195 %, to the indicator's one decimal) and the rate's shared target; the
    # province's baseline of 80 was written here before
    assert (row["baseline_year"], row["baseline_value"], row["target_value"]) == (2013, 62.4, 90.0)
    assert row["unit"] == "%" and row["is_demo"] is True and row["source_id"] == "demo"
    assert row["loaded_at"] is not None and row["run_id"] >= 1


def test_measurement_rows_carry_their_own_areas_base_and_target(export_context: ExportContext, mini_plan: Plan) -> None:
    """A district's row has the base and target it is assessed against (its own base-year value; for a
    sum, the province's relative change applied to it), never the province's; the province row has the
    plan file's, with its interim targets."""
    columns = "area_code,year,value,baseline_year,baseline_value,year_target,target_year,target_value"
    rows = table(export_context, mini_plan, level="measurements", indicator="1.2.1.1", columns=columns).to_pylist()
    by_area_year = {(row["area_code"], row["year"]): row for row in rows}
    with export_context.reader.connect() as connection:
        assessed = {
            area: (base_year, base, target_year, target)
            for area, base_year, base, target_year, target in connection.execute(
                "select area_code, base_year, base_value, target_year, target_value from indicator_progress "
                "where plan_code = 'mini' and indicator_code = '1.2.1.1' and area_level = 'district'"
            ).fetchall()
        }
    for area, (base_year, base, target_year, target) in assessed.items():
        for (code, year), row in by_area_year.items():
            if code != area:
                continue
            assert (row["baseline_year"], row["target_year"]) == (base_year, target_year)
            assert row["baseline_value"] == round_to(base, 0) and row["target_value"] == round_to(target, 0)  # persons
            assert row["year_target"] == (row["target_value"] if year == target_year else None)
    province = mini_plan.indicators["1.2.1.1"]
    for (code, year), row in by_area_year.items():
        if code == mini_plan.province_code:
            assert (row["baseline_value"], row["target_value"]) == (province.baseline.value, province.target.value)
            assert row["year_target"] == province.target_for(year)
    aliaga = by_area_year[("1128", 2013)]
    assert (aliaga["baseline_value"], aliaga["target_value"]) == (311.0, 363.0)  # not the province's 600 and 700


def test_measurement_filters(export_context: ExportContext, mini_plan: Plan) -> None:
    by_axis = table(export_context, mini_plan, level="measurements", priority="1.1")
    assert set(by_axis.column("indicator_code").to_pylist()) == {"1.1.1.1", "1.1.1.2", "1.1.2.1"}
    districts = table(export_context, mini_plan, level="measurements", district=["1203", "2055"])
    assert set(districts.column("area_code").to_pylist()) == {"1203", "2055"}
    region = table(export_context, mini_plan, level="measurements", region="kuzey")
    assert set(region.column("area_code").to_pylist()) == {"1128", "2055"}
    province = table(export_context, mini_plan, level="measurements", area="province")
    assert set(province.column("area_level").to_pylist()) == {"province"}
    years = table(export_context, mini_plan, level="measurements", from_="2019", to="2020")
    assert set(years.column("year").to_pylist()) == {2019, 2020}


def test_measurements_come_in_plan_order(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = table(export_context, mini_plan, level="measurements", columns="indicator_code,area_code,period_end")
    order = list(mini_plan.indicators)
    districts = list(mini_plan.districts)
    keys = [
        (order.index(i), -1 if a == "35" else districts.index(a), p)
        for i, a, p in zip(
            *(extract.column(n).to_pylist() for n in ("indicator_code", "area_code", "period_end")), strict=True
        )
    ]
    assert keys == sorted(keys)


def test_chunked_spill_equals_the_whole_query(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = extract_of(mini_plan, level="measurements")
    with export_context.reader.connect() as connection:
        whole = fetch_table(connection, build_extract(mini_plan, extract))
        chunks = measurement_chunks(connection, mini_plan, extract, chunk_rows=50)
        with spill_extract(connection, mini_plan, extract, chunk_rows=50, batch_rows=37) as spilled:
            streamed = pa.Table.from_batches(list(spilled.batches()))
            path = spilled.path
    assert len(chunks) >= 5 and sum(chunk.rows for chunk in chunks) == len(whole)
    assert spilled.row_count == len(whole)
    assert streamed.equals(whole)
    assert not path.exists()


def test_indicator_progress_matches(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = table(export_context, mini_plan, level="indicators")
    assert set(extract.column("area_level").to_pylist()) == {"province"}
    expected = dict(
        ((code, area), (round_to(realization, PERCENT_DECIMALS), status))  # as the pages show it
        for code, area, realization, status in rows(
            export_context,
            "select indicator_code, area_code, realization_pct, status from indicator_progress "
            "where plan_code = 'mini' and area_level = 'province'",
            [],
        )
    )
    got = {
        (row["indicator_code"], row["area_code"]): (row["realization_pct"], row["status"])
        for row in extract.to_pylist()
    }
    assert got == expected
    district = table(export_context, mini_plan, level="indicators", district="1203")
    assert set(district.column("area_code").to_pylist()) == {"1203"}
    regions = table(export_context, mini_plan, level="indicators", region="kuzey")
    assert set(regions.column("area_level").to_pylist()) == {"region", "district"}


@pytest.mark.parametrize(("level", "depth"), [("axes", 0), ("priorities", 1), ("goals", 2)])
def test_node_progress_matches(export_context: ExportContext, mini_plan: Plan, level: str, depth: int) -> None:
    extract = table(export_context, mini_plan, level=level)
    name = ("axis", "priority", "goal")[depth]
    expected = {
        code: round_to(realization, PERCENT_DECIMALS)  # as the pages show it
        for code, realization in rows(
            export_context,
            "select node_code, realization_pct from node_progress where plan_code = "
            "'mini' and depth = ? and area_level = 'province'",
            [depth],
        )
    }
    assert (
        dict(
            zip(extract.column(f"{name}_code").to_pylist(), extract.column("realization_pct").to_pylist(), strict=True)
        )
        == expected
    )
    assert all(extract.column("is_demo").to_pylist())


def test_district_scorecards_rank_districts(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = table(export_context, mini_plan, level="districts", goal="1.2.1").to_pylist()
    assert {row["district_code"] for row in extract} == set(mini_plan.districts)
    ranked = sorted(extract, key=lambda row: row["rank"])
    assert [row["rank"] for row in ranked] == [1, 2, 3]
    assert ranked[0]["realization_pct"] >= ranked[1]["realization_pct"] >= ranked[2]["realization_pct"]
    province = round_to(
        rows(
            export_context,
            "select realization_pct from node_progress where plan_code = 'mini' and "
            "node_code = '1.2.1' and area_level = 'province'",
            [],
        )[0][0],
        PERCENT_DECIMALS,
    )
    for row in extract:
        assert row["province_realization_pct"] == province
        assert row["gap_to_province_pct"] == round_to(row["realization_pct"] - province, PERCENT_DECIMALS)
    whole = table(export_context, mini_plan, level="districts", district="1203").to_pylist()
    assert [row["node_code"] for row in whole][0] == "mini"  # the whole plan first
    expected = rows(
        export_context,
        "select count(*) from node_progress where plan_code = 'mini' and "
        "area_level = 'district' and area_code = '1203'",
        [],
    )[0][0]
    # the plan, the axis, priority 1.2 and goal 1.2.1 have district data; goals 1.1.1 and 1.1.2 and priority
    # 1.1 are measured by province only: listed as not measured per district (they were left out)
    assert len(whole) == expected == 7
    statuses = {row["node_code"]: row["status_code"] for row in whole}
    assert {code for code, status in statuses.items() if status == "not_measured"} == {"1.1", "1.1.1", "1.1.2"}
    assert {(row["goals_measured"], row["goals"]) for row in whole} == {(1, 3)}  # "1 of 3 goals measured"


def test_rejected_rows(export_context: ExportContext, hostile_plan: Plan, mini_plan: Plan) -> None:
    extract = table(export_context, hostile_plan, level="rejected").to_pylist()
    assert [row["value"] for row in extract] == list(HOSTILE_TEXTS)
    assert table(export_context, mini_plan, level="rejected").num_rows == 0
    run = extract[0]["run_id"]
    assert table(export_context, hostile_plan, level="rejected", run=str(run)).num_rows == len(HOSTILE_TEXTS)
    assert table(export_context, hostile_plan, level="rejected", run=str(run + 100)).num_rows == 0


def test_columns_are_chosen_in_order(export_context: ExportContext, mini_plan: Plan) -> None:
    extract = table(export_context, mini_plan, level="indicators", columns="status,indicator_code")
    assert extract.column_names == ["status", "indicator_code"]


def test_values_never_enter_the_sql(mini_plan: Plan) -> None:
    extract = extract_of(
        mini_plan, level="measurements", goal="1.2.1", district="2055", indicator="1.2.1.3", from_="2017"
    )
    query = build_extract(mini_plan, extract)
    for value in ("1.2.1", "2055", "1.2.1.3", "2017", "mini"):
        assert value not in query.sql
    assert "1.2.1" in query.parameters and ["2055"] in query.parameters
    assert {column.key for column in available_columns(mini_plan, "measurements")} >= {"value", "loaded_at"}


def test_balikesir_levels(export_context: ExportContext, balikesir_plan: Plan) -> None:
    columns = [column.key for column in available_columns(balikesir_plan, "measurements")]
    assert columns[1:5] == ["aim_code", "aim_name", "goal_code", "goal_name"]
    query = build_extract(balikesir_plan, extract_of(balikesir_plan, level="aims"))
    with export_context.reader.connect() as connection:
        assert count_rows(connection, query) == 0  # not loaded in this warehouse: empty, not an error


def test_preview_pages(export_context: ExportContext, mini_plan: Plan) -> None:
    query = build_extract(mini_plan, extract_of(mini_plan, level="measurements"))
    with export_context.reader.connect() as connection:
        whole = fetch_table(connection, query)
        first, total = preview(connection, query, limit=10)
        third, _ = preview(connection, query, limit=10, offset=20)
        overall = plan_progress(connection, mini_plan, extract_of(mini_plan, level="indicators", district="1203"))
    assert total == len(whole)
    assert first.equals(whole.slice(0, 10)) and third.equals(whole.slice(20, 10))
    assert overall.column("area_code").to_pylist() == ["1203"]
