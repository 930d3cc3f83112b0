"""The schema file, applied to a connection."""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_FILE = Path(__file__).with_name("schema.sql")


def apply_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
