"""Serve the Gösterge dashboard.

    python app.py [--host HOST] [--port PORT] [--debug]      (default 127.0.0.1:8050, debug off)
    gunicorn -w 3 app:server                                 (the WSGI object; web workers only)

``python app.py`` first loads the plans (a bad plan file or setting: one line
per problem on stderr, exit 2), migrates the operational database, creates the
first admin when there is no account yet (its password printed once), fills an
empty warehouse with demo data, and starts the in-process scheduler unless
GOSTERGE_SCHEDULER=0. Under gunicorn
none of that happens: ``app:server`` builds the app on first access (PEP 562
module ``__getattr__``), so importing this module stays cheap and queries
nothing, and web workers never start a scheduler.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from gosterge.plan import PlanError, load_plans
from gosterge.settings import Settings, SettingsError, load_settings

log = logging.getLogger("gosterge.app")

EXIT_CONFIGURATION = 2

_server: Any = None


def __getattr__(name: str) -> Any:
    """``app.server``: the Flask app, built once on first access (what gunicorn's ``app:server`` reads)."""
    global _server
    if name != "server":
        raise AttributeError(name)
    if _server is None:
        from dashboard.app import create_app

        _server = create_app(load_settings()).server
    return _server


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python app.py", description="Serve the Gösterge dashboard.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (never in production)")
    return parser.parse_args(argv)


def prepare_data(settings: Settings, plans: dict[str, Any]) -> None:
    """Fill an empty warehouse with demo data through the ETL (it does nothing when data exists)."""
    from etl.demo_files import ensure_demo_data

    ensure_demo_data(settings, plans)


def start_scheduler(settings: Settings, plans: dict[str, Any]) -> Any:
    """The ETL's in-process scheduler (only in ``python app.py``, never in web workers)."""
    if not settings.run_scheduler:
        log.info("scheduler off (GOSTERGE_SCHEDULER=0)")
        return None
    from etl.schedule import start_background_scheduler

    return start_background_scheduler(settings, plans)


def prepare_accounts(settings: Settings) -> None:
    """Migrate the operational database; a new installation gets its first admin, printed once."""
    from operations.database import migrate, open_database
    from operations.first_admin import FIRST_ADMIN, ensure_first_admin

    engine = open_database(settings)
    try:
        migrate(engine)
        password = ensure_first_admin(engine)
    finally:
        engine.dispose()
    if password is not None:
        print(
            f"first admin created: user {FIRST_ADMIN!r}, password {password!r} (shown once; change it with "
            f"'python -m operations users password {FIRST_ADMIN}')",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
        plans = load_plans(settings.plan_files)
    except PlanError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_CONFIGURATION
    except SettingsError as error:
        print(str(error), file=sys.stderr)
        return EXIT_CONFIGURATION
    from etl.sources import SourcesError

    settings.ensure_dirs()
    prepare_accounts(settings)
    try:
        prepare_data(settings, plans)
        start_scheduler(settings, plans)
    except SourcesError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_CONFIGURATION

    from dashboard.access.guard import QuietRequestHandler
    from dashboard.app import create_app

    app = create_app(settings, plans=plans)
    log.info("serving on http://%s:%d", arguments.host, arguments.port)
    app.run(
        host=arguments.host,
        port=arguments.port,
        debug=arguments.debug,
        use_reloader=False,
        request_handler=QuietRequestHandler,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
