"""The ETL's sub-commands: plan, run, check, status, schedule, demo, reprocess. Each is a ``configure`` function
(its arguments) and a ``*_command`` function; :data:`COMMANDS` lists them, and :mod:`etl.cli` builds
the parser from that list."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd

from etl.cron import ISTANBUL, cron_trigger
from etl.demo_files import load_demo_data
from etl.exit_codes import EXIT_CONFIGURATION, EXIT_FAILED, EXIT_OK
from etl.extract import ExtractError, extract
from etl.jobs import RunReport, run_source
from etl.plan_report import summary_lines
from etl.reprocess import process_pending
from etl.schedule import SchedulerAlreadyRunning, needs_catch_up, run_scheduler
from etl.sources import DELIMITERS, ENCODINGS, FORMATS, Source, load_sources
from etl.validate import validate
from gosterge.plan import Plan, load_plans
from gosterge.settings import Settings, load_settings
from operations.database import migrate, open_database
from operations.reprocess import requests_for_runs
from warehouse import Reader
from warehouse.runs import latest_runs

PROBLEMS_SHOWN = 20
VALUE_SHOWN = 80  # characters of a written value in a printed problem line


def _context() -> tuple[Settings, dict[str, Plan], dict[str, Source]]:
    settings = load_settings()
    plans = load_plans(settings.plan_files)
    return settings, plans, load_sources(settings, plans)


def _progress() -> bool:
    return sys.stderr.isatty()


def _short(value: str) -> str:
    """A written value as a problem line shows it: quoted, at most :data:`VALUE_SHOWN` characters."""
    return repr(value) if len(value) <= VALUE_SHOWN else repr(value[:VALUE_SHOWN]) + "…"


def problem_lines(problems: pd.DataFrame | None, limit: int) -> list[str]:
    """``line 12, column 'ilçe', value 'Foo': unknown district …`` for the first ``limit`` problems."""
    if problems is None or problems.empty:
        return []
    lines = []
    for row in problems.head(limit).itertuples(index=False):
        column = f", column {row.column_name!r}" if isinstance(row.column_name, str) else ""
        value = f", value {_short(row.value)}" if isinstance(row.value, str) else ""
        lines.append(f"  line {row.row_number}{column}{value}: {row.reason}")
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more (all are kept in rejected_rows)")
    return lines


def _print_reports(reports: list[RunReport], limit: int) -> int:
    for report in reports:
        print(report.summary())
        for line in problem_lines(report.problems, limit):
            print(line)
    return EXIT_FAILED if any(not report.ok for report in reports) else EXIT_OK


# ---------------------------------------------------------------- run


def _configure_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", help="plan code (default: every configured plan)")
    parser.add_argument("--no-tree", action="store_true", help="counts only")


def plan_command(arguments: argparse.Namespace) -> int:

    plans = load_plans(load_settings().plan_files)
    if arguments.plan and arguments.plan not in plans:
        print(f"unknown plan {arguments.plan!r}; expected one of {', '.join(plans)}", file=sys.stderr)
        return EXIT_CONFIGURATION
    selected = [plans[arguments.plan]] if arguments.plan else list(plans.values())
    for plan in selected:
        print("\n".join(summary_lines(plan, tree=not arguments.no_tree)))
        print()
    return EXIT_OK


def _configure_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="source ids (default: every source)")
    parser.add_argument(
        "--problems",
        type=int,
        default=PROBLEMS_SHOWN,
        metavar="N",
        help=f"problems to print per file (default {PROBLEMS_SHOWN})",
    )


def run_command(arguments: argparse.Namespace) -> int:
    settings, plans, sources = _context()
    unknown = [name for name in arguments.sources if name not in sources]
    if unknown:
        print(f"unknown source {', '.join(map(repr, unknown))}; expected one of {', '.join(sources)}", file=sys.stderr)
        return EXIT_CONFIGURATION
    selected = [sources[name] for name in arguments.sources] or list(sources.values())
    reports: list[RunReport] = []
    for source in selected:
        found = run_source(settings, plans, source, progress=_progress())
        if not found:
            print(f"{source.id}: nothing to load ({source.kind} {source.location})")
        reports.extend(found)
    return _print_reports(reports, arguments.problems)


# ---------------------------------------------------------------- check


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--source", help="read the file the way this source declares")
    parser.add_argument("--plan", help="plan code (needed when several plans are configured)")
    parser.add_argument("--format", choices=FORMATS, help="default: from the file name (.xlsx, .json, else long_csv)")
    parser.add_argument("--encoding", choices=ENCODINGS)
    parser.add_argument("--delimiter", choices=[key for key in DELIMITERS if key != "\t"])
    parser.add_argument("--decimal", choices=(",", "."))
    parser.add_argument("--indicator", dest="indicator_code", help="the indicator of a wide table")
    parser.add_argument("--sheet", help="the sheet of a workbook")
    parser.add_argument("--problems", type=int, default=200, metavar="N", help="problems to print (default 200)")


def _check_source(arguments: argparse.Namespace, plans: dict[str, Plan], sources: dict[str, Source]) -> Source | str:
    if arguments.source:
        if arguments.source not in sources:
            return f"unknown source {arguments.source!r}; expected one of {', '.join(sources)}"
        source = sources[arguments.source]
    else:
        plan_code = arguments.plan or (next(iter(plans)) if len(plans) == 1 else None)
        if plan_code is None:
            return f"several plans are configured; choose one with --plan ({', '.join(plans)})"
        suffix = arguments.file.suffix.lower()
        file_format = {".xlsx": "xlsx", ".json": "json"}.get(suffix, "long_csv")
        source = Source(
            id="check",
            plan_code=plan_code,
            kind="file",
            location=str(arguments.file),
            format=file_format,
            path=arguments.file,
        )
    if arguments.plan and arguments.plan != source.plan_code:
        source = dataclasses.replace(source, plan_code=arguments.plan)
    if source.plan_code not in plans:
        return f"unknown plan {source.plan_code!r}; expected one of {', '.join(plans)}"
    changes: dict[str, object] = {
        key: getattr(arguments, key) for key in ("format", "encoding", "decimal", "sheet") if getattr(arguments, key)
    }
    if arguments.delimiter:
        changes["delimiter"] = DELIMITERS[arguments.delimiter]
    if arguments.indicator_code:
        changes["columns"] = dataclasses.replace(source.columns, indicator_code=arguments.indicator_code)
    if changes.get("format") == "wide_table":
        changes["layout"] = "wide"
    source = dataclasses.replace(source, **changes)  # type: ignore[arg-type]
    if source.is_wide and source.columns.indicator_code is None:
        return "a wide table holds one indicator: name it with --indicator CODE"
    return source


def check_command(arguments: argparse.Namespace) -> int:

    settings, plans, sources = _context()
    source = _check_source(arguments, plans, sources)
    if isinstance(source, str):
        print(source, file=sys.stderr)
        return EXIT_CONFIGURATION
    source = dataclasses.replace(source, limits=settings.limits)
    plan = plans[source.plan_code]
    try:
        data = arguments.file.read_bytes()
        extracted = extract(data, source, plan, arguments.file.name)
        validation = validate(extracted, plan, source_id=source.id, decimal=source.decimal, is_demo=source.is_demo)
    except OSError as error:
        print(f"{arguments.file}: cannot read the file ({error.strerror})", file=sys.stderr)
        return EXIT_FAILED
    except ExtractError as error:
        print(f"unreadable: {error}")
        return EXIT_FAILED
    except Exception as error:  # noqa: BLE001 - as a run does: one line, never a traceback
        print(f"unreadable: {arguments.file.name}: could not be read ({type(error).__name__}: {error})")
        return EXIT_FAILED
    print(f"{arguments.file.name}: plan {plan.code}; {', '.join(extracted.details)}")
    print(
        f"rows read {validation.rows_read}: valid {validation.rows_valid} (loaded when new or changed), "
        f"repeated {validation.rows_repeated} (unchanged), rejected {validation.rows_rejected} "
        f"({len(validation.problems)} problems)"
        + (f"; {extracted.rows_skipped} rows of other provinces skipped" if extracted.rows_skipped else "")
    )
    lines = problem_lines(validation.problems, arguments.problems)
    if lines:
        print("problems:")
        print("\n".join(lines))
    print("nothing was loaded (dry run)")
    return EXIT_OK


# ---------------------------------------------------------------- status


def _configure_status(parser: argparse.ArgumentParser) -> None:
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

    settings, _, sources = _context()
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
    failed = [row for row in by_source.values() if row["status"] == "failed"]
    for row in failed:
        print(f"{row['source_id']}: last run failed: {row['message']}")
    return EXIT_OK


# ---------------------------------------------------------------- schedule


def schedule_command(arguments: argparse.Namespace) -> int:

    settings, plans, sources = _context()
    try:
        run_scheduler(settings, plans, sources)
    except SchedulerAlreadyRunning as error:
        print(str(error), file=sys.stderr)
        return EXIT_CONFIGURATION
    return EXIT_OK


# ---------------------------------------------------------------- demo


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", help="plan code (default: every configured plan)")


def demo_command(arguments: argparse.Namespace) -> int:

    settings, plans, sources = _context()
    if arguments.plan and arguments.plan not in plans:
        print(f"unknown plan {arguments.plan!r}; expected one of {', '.join(plans)}", file=sys.stderr)
        return EXIT_CONFIGURATION
    selected = [plans[arguments.plan]] if arguments.plan else list(plans.values())
    settings.ensure_dirs()
    reports = load_demo_data(settings, plans, selected, sources, progress=_progress())
    return _print_reports(reports, PROBLEMS_SHOWN)


def reprocess_command(arguments: argparse.Namespace) -> int:
    """Run the re-process requests the web left pending (what the scheduler does every few seconds)."""
    settings, plans, sources = _context()
    engine = open_database(settings)
    try:
        migrate(engine)
        handled = process_pending(settings, plans, sources, engine)
        answered = requests_for_runs(engine, [request.run_id for request in handled])
    finally:
        engine.dispose()
    for request in handled:
        done = answered.get(request.run_id)
        print(f"request {request.request_id} (run {request.run_id}): {done.message if done else 'not handled'}")
    if not handled:
        print("no re-process request pending")
    failed = any(done.outcome_status != "loaded" for done in answered.values())
    return EXIT_FAILED if failed else EXIT_OK


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command without arguments of its own."""


@dataclasses.dataclass(frozen=True)
class Command:
    """One sub-command: its name, its help line, the arguments it adds and the function it runs."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


#: every sub-command, in the order ``--help`` lists them
COMMANDS: tuple[Command, ...] = (
    Command("plan", "print each plan's hierarchy summary and tree", _configure_plan, plan_command),
    Command("run", "load sources now (every source, or the ones named)", _configure_run, run_command),
    Command(
        "check", "dry run: read and validate FILE, print every problem, load nothing", _configure_check, check_command
    ),
    Command("status", "last run per source: rows, rejects, freshness, next run", _configure_status, status_command),
    Command(
        "schedule",
        "run the scheduler in the foreground (the only writer; Ctrl-C stops)",
        _no_arguments,
        schedule_command,
    ),
    Command("demo", "write demo files into the inbox and load them (marked as demo)", _configure_demo, demo_command),
    Command(
        "reprocess",
        "run the failed files reviewers asked to run again (data-quality page)",
        _no_arguments,
        reprocess_command,
    ),
)
