"""``python -m operations``: the operational database from the command line.

    python -m operations migrate                         apply every migration not yet applied
    python -m operations users add NAME [--name "…"]     add an account (password asked, or --password-stdin)
    python -m operations users set-role NAME ROLE --plan PLAN [--unit U] [--districts A,B]
                                                         ROLE: viewer, unit_staff, reviewer, admin, none
    python -m operations users disable NAME | enable NAME
    python -m operations users password NAME             set a new password
    python -m operations users list
    python -m operations users mail NAME [--email A] [--language tr|en] [--delivery off|immediate|digest]
                                                         show or change the e-mail preference of notifications
    python -m operations users first-admin               create 'admin' when no account exists, print its password

It is a package of its own (not an ``etl`` command) because accounts are no part of loading data and
``etl`` must not be needed to run a web server; both sit above it in the layers. Exit codes: 0 done,
1 refused (a bad name, role or password: one line on stderr), 2 a bad setting.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import Engine

from gosterge.settings import SettingsError, load_settings
from operations.accounts import (
    AccountError,
    add_user,
    find_user,
    list_users,
    normal_username,
    set_active,
    set_password,
    set_role,
)
from operations.database import migrate, open_database
from operations.first_admin import ensure_first_admin
from operations.preferences import (
    DELIVERIES,
    DIGEST,
    LANGUAGES,
    OFF,
    MailPreference,
    PreferenceError,
    get_preference,
    set_preference,
)
from operations.roles import EVERY_PLAN, ROLES, RoleError

EXIT_OK, EXIT_REFUSED, EXIT_CONFIGURATION = 0, 1, 2
ACTOR = "command-line"


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m operations", description="The operational database.")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply every migration not yet applied")
    users = commands.add_parser("users", help="accounts and roles").add_subparsers(dest="action", required=True)
    add = users.add_parser("add", help="add an account")
    add.add_argument("username")
    add.add_argument("--name", default="", help="the name shown (default: the user name)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    role = users.add_parser("set-role", help="give a role in a plan (none removes it)")
    role.add_argument("username")
    role.add_argument("role", choices=[*ROLES, "none"])
    role.add_argument("--plan", default=EVERY_PLAN, help="plan code (default '*': every plan)")
    role.add_argument("--unit", help="unit staff: the responsible unit")
    role.add_argument("--districts", default="", help="unit staff: district codes, separated by commas")
    for name in ("disable", "enable"):
        users.add_parser(name, help=f"{name} an account").add_argument("username")
    password = users.add_parser("password", help="set a new password")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    users.add_parser("list", help="every account with its roles")
    mail = users.add_parser("mail", help="show or change the e-mail preference of a user's notifications")
    mail.add_argument("username")
    mail.add_argument("--email", help="the address ('' removes it, and e-mails stop)")
    mail.add_argument("--language", choices=LANGUAGES, help="the language of the e-mails")
    mail.add_argument("--delivery", choices=DELIVERIES, help="off, immediate (within a minute) or digest (daily)")
    users.add_parser("first-admin", help="create 'admin' when no account exists and print its password")
    return main


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def run_users(engine: Engine, arguments: argparse.Namespace) -> int:
    action = arguments.action
    if action == "add":
        user = add_user(engine, arguments.username, _password(arguments.password_stdin), display_name=arguments.name)
        print(f"added {user.username} (no role yet: python -m operations users set-role {user.username} ROLE)")
    elif action == "set-role":
        role = None if arguments.role == "none" else arguments.role
        districts = arguments.districts.split(",") if arguments.districts else []
        set_role(
            engine, arguments.username, arguments.plan, role, unit=arguments.unit, districts=districts, actor=ACTOR
        )
        print(f"{arguments.username}: {arguments.role} in {arguments.plan}")
    elif action in ("disable", "enable"):
        set_active(engine, arguments.username, action == "enable", actor=ACTOR)
        print(f"{arguments.username}: {action}d")
    elif action == "password":
        set_password(engine, arguments.username, _password(arguments.password_stdin), actor=ACTOR)
        print(f"{arguments.username}: password set")
    elif action == "mail":
        run_mail(engine, arguments)
    elif action == "list":
        for user in list_users(engine):
            roles = "; ".join(item.describe() for item in user.roles) or "no role"
            print(f"{user.username}\t{'active' if user.is_active else 'disabled'}\t{user.display_name}\t{roles}")
    else:
        password = ensure_first_admin(engine)
        if password is None:
            print("accounts exist already: nothing created", file=sys.stderr)
            return EXIT_REFUSED
        print(
            f"first admin: user 'admin', password {password!r} (change it: python -m operations users password admin)"
        )
    return EXIT_OK


def run_mail(engine: Engine, arguments: argparse.Namespace) -> None:
    """Print the user's e-mail preference, changed first by the options given."""
    user = find_user(engine, username=normal_username(arguments.username))
    if user is None:
        raise AccountError(f"no user {arguments.username.strip().lower()!r}")
    current = get_preference(engine, user.user_id)
    if arguments.email is not None or arguments.language is not None or arguments.delivery is not None:
        email = current.email if arguments.email is None else arguments.email
        delivery = arguments.delivery or (current.delivery if email else OFF)
        if arguments.delivery is None and email and current.delivery == OFF:
            delivery = DIGEST  # an address given without a choice: the daily digest
        wanted = MailPreference(email or None, arguments.language or current.language, delivery)
        current = set_preference(engine, user.user_id, wanted, actor=ACTOR)
    print(f"{user.username}: e-mail {current.email or '-'}, language {current.language}, delivery {current.delivery}")


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(str(error), file=sys.stderr)
        return EXIT_CONFIGURATION
    engine = open_database(settings)
    try:
        revision = migrate(engine)
        if arguments.command == "migrate":
            print(f"operational database at revision {revision}")
            return EXIT_OK
        return run_users(engine, arguments)
    except (AccountError, RoleError, PreferenceError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        engine.dispose()
