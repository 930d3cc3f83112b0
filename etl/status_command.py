"""`python -m etl status`: what every source loaded last, when, and whether it is stale (times in
Europe/Istanbul), and the runs that failed or were interrupted."""

from __future__ import annotations

import argparse
from datetime import datetime

import pandas as pd

from etl.context import cli_context
from etl.cron import ISTANBUL, cron_trigger
from etl.exit_codes import EXIT_OK
from etl.schedule import needs_catch_up
from etl.sources import ENTRIES
from warehouse import Reader
from warehouse.runs import latest_runs


def configure_status(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="also list the demo sources")


def _local(moment: object) -> datetime | None:
    if moment is None or pd.isna(moment):
        return None
    value = pd.Timestamp(moment).to_pydatetime()
    return value.astimezone(ISTANBUL)


def _age(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds / size:.0f} {unit} ago"
    return "just now"


def status_command(arguments: argparse.Namespace) -> int:

    settings, _, sources = cli_context()
    reader = Reader(settings.published_file)
    try:
        with reader.connect() as connection:
            runs = latest_runs(connection)
    finally:
        reader.close()
    now = datetime.now(ISTANBUL)
    by_source = {row["source_id"]: row for row in runs.to_dict("records")}
    names = [name for name, source in sources.items() if arguments.demo or not source.is_demo or name in by_source]
    names += [name for name in by_source if name not in sources]
    header = (
        "source",
        "plan",
        "kind",
        "last run",
        "status",
        "read",
        "loaded",
        "unchanged",
        "rejected",
        "last success",
        "next run",
    )
    table: list[tuple[str, ...]] = [header]
    for name in names:
        source, run = sources.get(name), by_source.get(name)
        success = _local(run["last_success_at"]) if run else None
        if source is not None and source.schedule:
            trigger = cron_trigger(source.schedule)
            upcoming = trigger.get_next_fire_time(None, now)
            next_run = f"{upcoming:%Y-%m-%d %H:%M}" if upcoming else "-"
            if source.kind != "inbox" and needs_catch_up(trigger, success, now):
                next_run += " (overdue)"
        elif source is not None and source.kind == ENTRIES:  # polled by the scheduler (etl/entries.py)
            next_run = f"every {settings.entries_poll_seconds:g} s"
        else:
            next_run = "on demand" if source is not None else "(not declared)"
        started = _local(run["started_at"]) if run else None
        table.append(
            (
                name,
                source.plan_code if source else str(run["plan_code"] if run else ""),
                source.kind if source else "-",
                f"{started:%Y-%m-%d %H:%M}" if started else "never",
                str(run["status"]) if run else "-",
                *(
                    str(int(run[key])) if run else "-"
                    for key in ("rows_read", "rows_loaded", "rows_unchanged", "rows_rejected")
                ),
                _age(success, now),
                next_run,
            )
        )
    widths = [max(len(row[index]) for row in table) for index in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for row in by_source.values():
        if row["status"] in ("failed", "interrupted"):
            print(f"{row['source_id']}: last run {row['status']} (run {row['run_id']}): {row['message']}")
    return EXIT_OK
