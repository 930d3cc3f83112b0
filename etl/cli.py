"""The ETL command line: ``python -m etl COMMAND``.

Commands
--------
``plan [--plan CODE] [--no-tree]``
    each plan's hierarchy summary and tree.
``run [SOURCE …]``
    load now: every declared source, or the ones named (one line per file, then
    its problems).
``check FILE [--source ID | --plan CODE] [--format F] [--encoding E] [--delimiter D] [--decimal C]``
    dry run: read and validate FILE, print the full validation report, load nothing.
``status [--demo]``
    the last run per source: rows read, loaded, unchanged, rejected; time since
    the last successful run; the next scheduled run ("overdue" when one was missed).
``schedule``
    the scheduler in the foreground (production: the only writer, beside the
    web workers). Ctrl-C or SIGTERM stops it after the run in progress.
``demo [--plan CODE]``
    write the demo files into the demo inboxes and load them (marked as demo).

Exit codes
----------
0
    success: loaded (a load may have rejected rows: they are reported and kept
    in ``rejected_rows``); ``check``: the file is readable (problems or not).
1
    a run failed (a file could not be read or loaded, a URL could not be
    fetched); ``check``: the file is unreadable.
2
    bad usage or configuration: an invalid plan file, sources.toml or setting,
    an unknown source or plan, or a scheduler already running for the data folder.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from etl.sources import SourcesError
from gosterge.plan import PlanError, load_plans
from gosterge.settings import SettingsError, load_settings

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIGURATION = 2

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Command]] = {}


def command(name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None]):  # type: ignore[no-untyped-def]
    """Register a sub-command (used by the modules imported below)."""

    def register(function: Command) -> Command:
        COMMANDS[name] = (help_text, configure, function)
        return function

    return register


def _configure_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", help="plan code (default: every configured plan)")
    parser.add_argument("--no-tree", action="store_true", help="counts only")


@command("plan", "print each plan's hierarchy summary and tree", _configure_plan)
def plan_command(arguments: argparse.Namespace) -> int:
    from etl.plan_report import summary_lines

    plans = load_plans(load_settings().plan_files)
    if arguments.plan and arguments.plan not in plans:
        print(f"unknown plan {arguments.plan!r}; expected one of {', '.join(plans)}", file=sys.stderr)
        return EXIT_CONFIGURATION
    selected = [plans[arguments.plan]] if arguments.plan else list(plans.values())
    for plan in selected:
        print("\n".join(summary_lines(plan, tree=not arguments.no_tree)))
        print()
    return EXIT_OK


def _import_commands() -> None:
    """Modules that register further commands with :func:`command`."""
    import importlib

    for module in ("etl.commands",):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise


def build_parser() -> argparse.ArgumentParser:
    _import_commands()
    parser = argparse.ArgumentParser(prog="python -m etl", description="Gösterge ETL")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, configure, _) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[arguments.command][2](arguments)
    except (PlanError, SettingsError, SourcesError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_CONFIGURATION
