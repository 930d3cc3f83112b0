"""Helpers of the fault tests: the command line in real processes, a small disk, the state a run leaves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

from gosterge.settings import PROJECT_ROOT, Settings
from tests.etl.helpers import mini_inbox, mini_inbox_declaration, write_sources

DISTRICTS = ("1128", "1203", "2055")
YEARS = range(2013, 2026)


def population_rows(seed: int, years: range = YEARS) -> list[str]:
    """Lines of a long CSV for indicator 1.2.1.1: every district and year, values that differ per seed."""
    return [
        f"1.2.1.1,{district},{year},{1000 * seed + index * 10 + offset}"
        for offset, district in enumerate(DISTRICTS)
        for index, year in enumerate(years)
    ]


def population_file(seed: int) -> bytes:
    return ("indicator,district,period,value\n" + "\n".join(population_rows(seed)) + "\n").encode()


def command_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of ``python -m etl`` on ``settings``'s data folder, with the mini plan's inbox."""
    write_sources(settings, mini_inbox_declaration())
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(PROJECT_ROOT),
        "GOSTERGE_DATA_DIR": str(settings.data_dir),
        "GOSTERGE_PLAN": ",".join(str(path) for path in settings.plan_files),
        "GOSTERGE_SOURCES": str(settings.sources_file),
        "GOSTERGE_SETTLE_SECONDS": "0",
        **extra,
    }


def start_command(environment: dict[str, str], *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_command(environment: dict[str, str], *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def drop(settings: Settings, name: str, data: bytes) -> Path:
    inbox = mini_inbox(settings)
    inbox.mkdir(parents=True, exist_ok=True)
    path = inbox / name
    path.write_bytes(data)
    return path


def working_rows(settings: Settings, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` on the writer's working database (no writer may run meanwhile)."""
    connection = duckdb.connect(str(settings.warehouse_file), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def temporary_snapshots(settings: Settings) -> list[str]:
    return sorted(path.name for path in settings.data_dir.glob(".publish-*"))


@contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """A tmpfs of ``megabytes`` mounted on ``folder`` (skips the test when it cannot be mounted)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", f"gosterge-{uuid.uuid4().hex[:8]}", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a small tmpfs cannot be mounted here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_bytes: int) -> Path:
    """A file taking all free space of ``folder``'s disk but ``leave_bytes``."""
    status = os.statvfs(folder)
    free = status.f_bavail * status.f_frsize
    filler = folder / "filler.bin"
    with open(filler, "wb") as stream:
        stream.write(b"\0" * max(0, free - leave_bytes))
    return filler


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """``path`` cannot be replaced, renamed or written while the block runs, not even by root (skips the
    test where chattr is missing or the file system refuses it)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is refused here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
