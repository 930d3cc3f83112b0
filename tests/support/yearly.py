"""The past-year tests' shared pieces: the subject they look at, a reader of the shared warehouse
of both plans' demo data, and the warehouse's own rows of one year to compare with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.support.dashboard_app import IZMIR
from warehouse import Reader

INDICATOR = "1.1.2.2"  # İzmir, measured in every district, higher is better
PAST = 2019
DISTRICT = "1128"  # Aliağa


@pytest.fixture(scope="module")
def yearly_connection(data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A reader of the shared warehouse of its own (the app's reader holds a lock while a cursor is open)."""
    reader = Reader(data_dir / "published.duckdb")
    with reader.connect() as cursor:
        yield cursor
    reader.close()


def yearly_values(
    connection: duckdb.DuckDBPyConnection, indicator: str, year: int, area_level: str = "district", plan: str = IZMIR
) -> pd.DataFrame:
    """The warehouse's own rows of one year, read straight from indicator_yearly."""
    return (
        connection.execute(
            "select area_code, value, realization_pct, expected_pct from indicator_yearly "
            "where plan_code = ? and indicator_code = ? and area_level = ? and year = ?",
            [plan, indicator, area_level, year],
        )
        .df()
        .set_index("area_code")
    )
