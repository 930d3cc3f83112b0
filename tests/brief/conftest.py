"""A warehouse that has seen two loads of İzmir's demo data (the years up to 2023, then every year up to
2025), so that the second load moves statuses; with the statuses the first load left, and explanations
staff gave for lagging goals' indicators, as the writer stores approved entries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.demo import demo_measurements
from gosterge.plan import Plan
from tests.support.builders import load_rows
from warehouse import Reader, Warehouse

#: (indicator, year, period, reason, measures): two years for one indicator (the newest must win), one
#: with a hostile text, one with measures only
EXPLANATIONS = [
    ("1.3.2.1", 2024, "2024", "Eski gerekçe: kredi faizleri", "Eski önlem", "2024-03-01"),
    (
        "1.3.2.1",
        2025,
        "2025",
        "Kadın girişimcilere kredi desteği geç başladı; İşkur kursları ertelendi",
        "Yeni hibe çağrısı açıldı",
        "2026-02-01",
    ),
    ("1.5.1.1", 2025, "2025", "Deprem sonrası rezervasyonlar düştü <b>&</b> =1+1", None, "2026-02-02"),
    ("1.1.6.1", 2025, "2025-Q4", None, "Lojistik merkezi ihalesi yenilendi", "2026-02-03"),
]


@dataclass(frozen=True)
class TwoLoads:
    folder: Path
    plan: Plan
    first_run: int
    second_run: int
    before: pd.DataFrame  # node_progress statuses after the first load
    after: pd.DataFrame  # … and after the second

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.folder / "published.duckdb"), read_only=True)


def _statuses(folder: Path) -> pd.DataFrame:
    with duckdb.connect(str(folder / "published.duckdb"), read_only=True) as connection:
        return connection.execute("select plan_code, node_code, area_level, area_code, status from node_progress").df()


def _last_run(folder: Path) -> int:
    with duckdb.connect(str(folder / "published.duckdb"), read_only=True) as connection:
        row = connection.execute("select max(run_id) from load_runs").fetchone()
    assert row is not None
    return int(row[0])


def store_explanations(folder: Path, plan: Plan, rows: list[tuple]) -> None:
    """Explanations as the writer stores approved entries (province, run of the last load)."""
    warehouse = Warehouse(folder)
    with warehouse.writing() as connection, warehouse.transaction():
        for indicator, year, period, reason, measures, approved in rows:
            connection.execute(
                """
                insert into explanations (plan_code, indicator_code, area_level, area_code, year, period, reason,
                    measures, unit, entered_by, approved_by, approved_at, run_id)
                values (?, ?, 'province', ?, ?, ?, ?, ?, 'Planlama birimi', 'ayse', 'mehmet', ?,
                        (select max(run_id) from load_runs))
                """,
                [
                    plan.code,
                    indicator,
                    plan.province_code,
                    year,
                    period,
                    reason,
                    measures,
                    datetime.fromisoformat(approved),
                ],
            )


@pytest.fixture(scope="package")
def two_loads(tmp_path_factory: pytest.TempPathFactory, izmir_plan: Plan) -> TwoLoads:
    folder = tmp_path_factory.mktemp("brief") / "data"
    rows = demo_measurements(izmir_plan)
    load_rows(folder, [izmir_plan], rows[rows["period"].str[:4] < "2024"], source_id="first", is_demo=True)
    first, before = _last_run(folder), _statuses(folder)
    load_rows(folder, [izmir_plan], rows, source_id="second", is_demo=True)
    second, after = _last_run(folder), _statuses(folder)
    store_explanations(folder, izmir_plan, EXPLANATIONS)
    return TwoLoads(folder, izmir_plan, first, second, before, after)


@pytest.fixture
def two_loads_connection(two_loads: TwoLoads) -> Iterator[duckdb.DuckDBPyConnection]:
    reader = Reader(two_loads.folder / "published.duckdb")
    with reader.connect() as cursor:
        yield cursor
    reader.close()
