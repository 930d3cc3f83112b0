"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder, one database per
test, stopped at the end of the session.

Debian's ``postgresql`` package puts its programs in ``/usr/lib/postgresql/<version>/bin`` (``./dev test``
and ``.ci/run`` install it). PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` user the package creates (``runuser``). The server listens on a Unix socket in its own
folder only: two sessions, or two checkouts, never share a server, and no port is taken.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_USER = "postgres"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (newest Debian version first), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _as_server_user(arguments: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return arguments
    return ["runuser", "-u", SERVER_USER, "--", *arguments]


class PostgresServer:
    """A running server; :meth:`new_database` gives each test its own database."""

    def __init__(self, folder: Path, binaries: Path):
        self.folder = folder
        self.binaries = binaries
        self.data = folder / "data"
        self.socket_dir = folder / "socket"

    @property
    def user(self) -> str:
        return SERVER_USER if os.geteuid() == 0 else os.environ.get("USER", "postgres")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}"

    def start(self) -> None:
        self.socket_dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, SERVER_USER)
            shutil.chown(self.socket_dir, SERVER_USER)
        run = _as_server_user
        subprocess.run(
            run([str(self.binaries / "initdb"), "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8"]),
            check=True,
            capture_output=True,
        )
        options = f"-c listen_addresses='' -k {self.socket_dir} -c fsync=off -c full_page_writes=off"
        subprocess.run(
            run(
                [
                    str(self.binaries / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-w",
                    "-l",
                    str(self.folder / "log"),
                ]
                + ["start"]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )

    def new_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"dbname=postgres user={self.user} host={self.socket_dir}", autocommit=True) as connection:
            connection.execute(f'create database "{name}"')
        return self.url(name)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a server in a temporary folder (readable by the server's user), stop and remove it after."""
    binaries = find_binaries()
    if binaries is None:
        raise FileNotFoundError("initdb not found (install Debian's postgresql package)")
    folder = Path(tempfile.mkdtemp(prefix="gosterge-postgres-"))
    os.chmod(folder, 0o755)
    server = PostgresServer(folder, binaries)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
