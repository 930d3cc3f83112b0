"""The ETL command line: ``python -m etl COMMAND``.

Commands
--------
``plan [--plan CODE] [--no-tree]``
    each plan's hierarchy summary and tree.
``run [SOURCE …] [--wait SECONDS]``
    load now: every declared source, or the ones named (one line per file, then
    its problems). One run per data folder: another one holding it is waited
    for up to ``--wait`` (default ``GOSTERGE_RUN_WAIT_SECONDS``).
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
3
    ``run``, ``demo``: another run holds the data folder (waited
    ``GOSTERGE_RUN_WAIT_SECONDS``); nothing was done.
4
    ``run``: loaded, but the snapshot could not be published (out of disk
    space); the next run or the scheduler's start publishes it.
5
    ``run``: a file was left in the inbox, incomplete or still being written;
    it is read again at the next run. ``check``: the file is cut short (a run
    would leave it in the inbox).

When several apply, 1 comes before 4 and 4 before 5.
"""

from __future__ import annotations

import argparse
import logging
import sys

from etl.commands import COMMANDS
from etl.exit_codes import (  # noqa: F401 - the documented codes
    EXIT_BUSY,
    EXIT_CONFIGURATION,
    EXIT_FAILED,
    EXIT_NOT_PUBLISHED,
    EXIT_OK,
    EXIT_WAITING,
)
from etl.sources import SourcesError
from gosterge.plan import PlanError
from gosterge.settings import SettingsError


def build_parser() -> argparse.ArgumentParser:
    """The parser with one sub-command per entry of :data:`etl.commands.COMMANDS`."""
    parser = argparse.ArgumentParser(prog="python -m etl", description="Gösterge ETL")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.configure(sub.add_parser(command.name, help=command.help, description=command.help))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return next(command for command in COMMANDS if command.name == arguments.command).run(arguments)
    except (PlanError, SettingsError, SourcesError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_CONFIGURATION
