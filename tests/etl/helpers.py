"""Helpers for the ETL tests: sources built in code, questions to the published snapshot."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from etl.sources import DEFAULT_PATTERNS, Columns, Source
from gosterge.settings import PROJECT_ROOT, Settings, load_settings
from warehouse import Reader

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
ETL_FIXTURES = FIXTURES / "etl"
PLAN_FILES = (FIXTURES / "plans" / "mini.toml", ETL_FIXTURES / "plans" / "twins.toml")
SNAPSHOT_TABLES = (
    "measurements",
    "measurement_revisions",
    "indicator_progress",
    "node_progress",
    "indicator_yearly",
    "rejected_rows",
)


def mini_inbox_declaration(schedule: str = "0 6 * * 1-5") -> str:
    """The ``[[sources]]`` table of the mini plan's inbox (``inbox/mini``), as a sources.toml declares it."""
    return f"""
[[sources]]
id = "mini-inbox"
plan = "mini"
kind = "inbox"
location = "inbox/mini"
format = "long_csv"
schedule = "{schedule}"
"""


def write_sources(settings: Settings, text: str) -> Settings:
    """Write ``text`` as the sources.toml of ``settings``; returns the settings."""
    settings.sources_file.write_text(text, encoding="utf-8")
    return settings


def mini_inbox(settings: Settings) -> Path:
    """The folder of the mini plan's inbox source (:func:`mini_inbox_declaration`)."""
    return settings.data_dir / "inbox" / "mini"


def drop_in_mini_inbox(settings: Settings, fixture: str, name: str | None = None) -> Path:
    """Copy the ETL fixture file ``fixture`` into the mini inbox (as ``name``); returns the copy."""
    inbox = mini_inbox(settings)
    inbox.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(ETL_FIXTURES / fixture, inbox / (name or fixture)))


def file_source(path: Path, plan_code: str = "mini", source_id: str = "test-file", **options: Any) -> Source:
    """A fixed-file source reading ``path``; ``options`` set further Source fields (columns as a dict)."""
    columns = options.pop("columns", {})
    source = Source(
        id=source_id,
        plan_code=plan_code,
        kind="file",
        location=str(path),
        format="long_csv",
        path=path,
        columns=Columns(**columns),
    )
    return dataclasses.replace(source, **options)


def inbox_source(settings: Settings, source_id: str = "test-inbox", plan_code: str = "mini", **options: Any) -> Source:
    columns = options.pop("columns", {})
    file_format = options.pop("format", "long_csv")
    location = f"inbox/{source_id}"
    source = Source(
        id=source_id,
        plan_code=plan_code,
        kind="inbox",
        location=location,
        format=file_format,
        path=settings.data_dir / location,
        patterns=tuple(DEFAULT_PATTERNS[file_format].split()),
        columns=Columns(**columns),
    )
    return dataclasses.replace(source, **options)


def make_settings(folder: Path) -> Settings:
    """The mini and twins plans, an empty sources.toml and a data folder, all in ``folder``."""
    sources = folder / "sources.toml"
    sources.write_text("", encoding="utf-8")
    return load_settings(
        {
            "GOSTERGE_DATA_DIR": str(folder / "data"),
            "GOSTERGE_PLAN": ",".join(str(path) for path in PLAN_FILES),
            "GOSTERGE_SOURCES": str(sources),
            "GOSTERGE_SETTLE_SECONDS": "0",  # files dropped by a test are complete
        }
    )


def query(settings: Settings, sql: str, parameters: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` on the published snapshot (what the dashboard reads)."""
    reader = Reader(settings.published_file)
    try:
        with reader.connect() as connection:
            return connection.execute(sql, list(parameters)).fetchall()
    finally:
        reader.close()


def snapshot(settings: Settings) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the data tables, in a stable order, to compare before and after a run."""
    reader = Reader(settings.published_file)
    try:
        with reader.connect() as connection:
            return {
                table: connection.execute(f"select * from {table} order by all").fetchall() for table in SNAPSHOT_TABLES
            }
    finally:
        reader.close()


def accounting_holds(settings: Settings) -> bool:
    """rows read = loaded + unchanged + rejected for every run that loaded."""
    runs = query(
        settings, "select rows_read, rows_loaded, rows_unchanged, rows_rejected from load_runs where status = 'loaded'"
    )
    return bool(runs) and all(read == loaded + unchanged + rejected for read, loaded, unchanged, rejected in runs)
