"""The files benchmarks/etl_load.py loads: the 1 M-row first delivery of the İzmir plan, and the 1,000-row
deliveries into the national warehouse."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from gosterge.plan import UNITS, load_plan

PLAN_FILE = Path(__file__).resolve().parent.parent / "indicators.toml"
DELIVERY_ROWS = 1_000


def write_csv(path: Path, rows: int) -> None:
    """``rows`` distinct measurements of the İzmir plan, weekly from 2013."""
    plan = load_plan(PLAN_FILE)
    pairs: list[tuple[str, str, float, float]] = []
    for indicator in plan.indicators.values():
        unit = UNITS[indicator.unit]
        low = unit.minimum if unit.minimum is not None else -50.0
        high = unit.maximum if unit.maximum is not None else 10_000.0
        areas = [plan.province] + (
            [district.name for district in plan.districts.values()] if indicator.level == "district" else []
        )
        pairs.extend((indicator.code, area, low, high) for area in areas)
    weeks = -(-rows // len(pairs))
    dates = np.datetime64("2013-01-01") + np.arange(weeks) * 7
    generator = np.random.default_rng(2024)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("indicator,district,period,value\n")
        written = 0
        for code, area, low, high in pairs:
            count = min(weeks, rows - written)
            if count <= 0:
                break
            values = np.round(generator.uniform(low, high, count), 2)
            prefix = f"{code},{area},"
            handle.write(
                "".join(
                    f"{prefix}{day},{value}\n"
                    for day, value in zip(dates[:count].astype(str), values.tolist(), strict=True)
                )
            )
            written += count


def least_advanced(data_dir: Path, plan_code: str, indicator_codes: list[str]) -> tuple[str, int]:
    """Of ``indicator_codes``, the one whose newest month in the warehouse is the oldest, and that month (as
    year × 12 + month − 1). Each delivery moves its indicator on by a month or two, and a month that has not
    begun is rejected (its rows would be future values): a warehouse kept between runs gives each run the
    indicator with the most months left before today."""
    import duckdb

    connection = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        rows = connection.execute(
            "select indicator_code, max(year(period_end) * 12 + month(period_end) - 1) as newest from measurements"
            " where plan_code = ? and list_contains(?, indicator_code) group by 1 order by 2, 1 limit 1",
            [plan_code, indicator_codes],
        ).fetchall()
    finally:
        connection.close()
    if not rows:
        raise SystemExit(f"{data_dir}: none of the indicators has data: build the warehouse again")
    indicator, newest = str(rows[0][0]), int(rows[0][1])
    today = date.today()
    if newest + 2 > today.year * 12 + today.month - 1:
        raise SystemExit(
            f"{data_dir}: every indicator's next two months have not begun (newest: {newest // 12}-"
            f"{newest % 12 + 1:02d}): build the warehouse again"
        )
    return indicator, newest


def write_delivery(path: Path, plan: Any, indicator_code: str, after: int) -> None:
    """1,000 new rows of ``indicator_code`` (district code, month, value): the month after ``after`` (year × 12
    + month − 1) in every district, then the month after that in as many districts as the rows still need."""
    districts = list(plan.districts)
    months = [after + 1 + index // len(districts) for index in range(DELIVERY_ROWS)]
    values = np.round(np.random.default_rng(after).uniform(90.0, 160.0, DELIVERY_ROWS), 3).tolist()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("indicator,district,period,value\n")
        handle.writelines(
            f"{indicator_code},{districts[index % len(districts)]},{month // 12}-{month % 12 + 1:02d},{value}\n"
            for index, (month, value) in enumerate(zip(months, values, strict=True))
        )
