"""The ETL's sub-commands: plan, run, check, status, schedule, demo, reprocess, alerts. Each is a ``configure`` function
(its arguments) and a ``*_command`` function; :data:`COMMANDS` lists them, and :mod:`etl.cli` builds
the parser from that list."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.alerts import alerts_command
from etl.context import cli_context
from etl.demo_files import load_demo_data
from etl.exit_codes import EXIT_BUSY, EXIT_CONFIGURATION, EXIT_FAILED, EXIT_NOT_PUBLISHED, EXIT_OK, EXIT_WAITING
from etl.extract import ExtractError, extract
from etl.inbox import cut_short
from etl.jobs import RunReport, run_source
from etl.plan_report import summary_lines
from etl.reprocess import process_pending
from etl.run_lock import RunInProgress, run_lock
from etl.schedule import SchedulerAlreadyRunning, run_scheduler
from etl.sources import DELIMITERS, ENCODINGS, ENTRIES, FORMATS, Source
from etl.status_command import configure_status, status_command
from etl.validate import validate
from gosterge.plan import Plan, load_plans
from gosterge.settings import load_settings
from operations.database import migrate, open_database
from operations.reprocess import requests_for_runs

PROBLEMS_SHOWN = 20
VALUE_SHOWN = 80  # characters of a written value in a printed problem line


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
    return exit_code(reports)


def exit_code(reports: list[RunReport]) -> int:
    """The command's exit code: failed (1) before not published (4) before left waiting (5)."""
    if any(report.status == "failed" for report in reports):
        return EXIT_FAILED
    if any(report.ok and not report.published for report in reports):
        return EXIT_NOT_PUBLISHED
    if any(report.status == "waiting" for report in reports):
        return EXIT_WAITING
    return EXIT_OK


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
    parser.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="how long to wait for another run of the data folder (default GOSTERGE_RUN_WAIT_SECONDS)",
    )


def run_command(arguments: argparse.Namespace) -> int:
    settings, plans, sources = cli_context()
    unknown = [name for name in arguments.sources if name not in sources]
    if unknown:
        print(f"unknown source {', '.join(map(repr, unknown))}; expected one of {', '.join(sources)}", file=sys.stderr)
        return EXIT_CONFIGURATION
    selected = [sources[name] for name in arguments.sources] or list(sources.values())
    if arguments.wait is not None:
        settings = dataclasses.replace(settings, run_wait_seconds=arguments.wait)
    settings.ensure_dirs()
    reports: list[RunReport] = []
    try:
        with run_lock(settings.data_dir, settings.run_wait_seconds):  # one run per data folder, every source
            for source in selected:
                found = run_source(settings, plans, source, progress=_progress())
                if not found and (source.kind != ENTRIES or arguments.sources):  # entries: quiet unless named
                    print(f"{source.id}: nothing to load ({source.kind} {source.location})")
                reports.extend(found)
    except RunInProgress as error:
        print(str(error), file=sys.stderr)
        return EXIT_BUSY
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

    settings, plans, sources = cli_context()
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
    cut = cut_short(data, source)
    if cut is not None:
        print(f"{arguments.file.name}: {cut}: a run would leave it in the inbox until it is complete")
    print("nothing was loaded (dry run)")
    return EXIT_OK if cut is None else EXIT_WAITING


# ---------------------------------------------------------------- schedule


def schedule_command(arguments: argparse.Namespace) -> int:

    settings, plans, sources = cli_context()
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

    settings, plans, sources = cli_context()
    if arguments.plan and arguments.plan not in plans:
        print(f"unknown plan {arguments.plan!r}; expected one of {', '.join(plans)}", file=sys.stderr)
        return EXIT_CONFIGURATION
    selected = [plans[arguments.plan]] if arguments.plan else list(plans.values())
    settings.ensure_dirs()
    try:
        reports = load_demo_data(settings, plans, selected, sources, progress=_progress())
    except RunInProgress as error:
        print(str(error), file=sys.stderr)
        return EXIT_BUSY
    return _print_reports(reports, PROBLEMS_SHOWN)


def reprocess_command(arguments: argparse.Namespace) -> int:
    """Run the re-process requests the web left pending (what the scheduler does every few seconds)."""
    settings, plans, sources = cli_context()
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
    Command("status", "last run per source: rows, rejects, freshness, next run", configure_status, status_command),
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
    Command(
        "alerts",
        "record the notifications due and send the e-mails due now (etl/alerts.py)",
        _no_arguments,
        alerts_command,
    ),
)
