"""Where files go: the inbox is read, processed files are archived, unreadable ones set aside.

``archive/<source>/<timestamp>-<name>``
    every file loaded (moved from an inbox; copied for fixed files and
    downloads, unless the newest archived copy of that name is identical).
``failed/<source>/<timestamp>-<name>`` and ``…-<name>.report.txt``
    a file whose run failed, with a report saying why. Nothing is ever deleted.

Timestamps are Europe/Istanbul wall-clock time (``20261121-143000``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from etl.cron import ISTANBUL
from etl.inbox import REPORT_SUFFIX, is_candidate
from etl.sources import Source
from gosterge.settings import Settings


def inbox_files(source: Source) -> list[Path]:
    """Files waiting in an inbox source's folder, oldest first, without waiting for them to settle
    (:func:`etl.inbox.settled_files` does). Hidden, temporary (``*.part`` …) and report files are left alone."""
    assert source.path is not None
    if not source.path.is_dir():
        return []
    found = [path for path in source.path.iterdir() if is_candidate(path, source) and path.is_file()]
    return sorted(found, key=lambda path: (path.stat().st_mtime, path.name))


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(ISTANBUL)).astimezone(ISTANBUL).strftime("%Y%m%d-%H%M%S")


def _free_path(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    candidate = folder / name
    counter = 2
    while candidate.exists() or Path(str(candidate) + REPORT_SUFFIX).exists():
        stem, dot, suffix = name.partition(".")
        candidate = folder / f"{stem}-{counter}{dot}{suffix}"
        counter += 1
    return candidate


def archive_file(
    settings: Settings, source: Source, file_name: str, data: bytes, origin: Path | None, *, move: bool
) -> Path:
    """Keep a processed file under ``archive/<source>/``; an inbox file is moved there."""
    folder = settings.archive_dir / source.id
    if not move:
        identical = _newest_copy(folder, file_name)
        if identical is not None and _digest(identical.read_bytes()) == _digest(data):
            return identical
    target = _free_path(folder, f"{stamp()}-{file_name}")
    if move and origin is not None:
        try:
            shutil.move(origin, target)
            return target
        except FileNotFoundError:  # removed from the inbox meanwhile: keep the bytes that were loaded
            pass
    write_atomically(target, data)
    return target


def set_aside(
    settings: Settings,
    source: Source,
    file_name: str,
    data: bytes | None,
    origin: Path | None,
    report: str,
    *,
    move: bool,
) -> Path:
    """Put a file whose run failed under ``failed/<source>/`` with a report beside it; returns the report.

    The report is written first (whole or not at all), then the file is moved: when the report cannot be
    written (out of disk space) the file stays where it was and the OSError propagates.
    """
    folder = settings.failed_dir / source.id
    target = _free_path(folder, f"{stamp()}-{file_name}")
    report_path = Path(str(target) + REPORT_SUFFIX)
    write_atomically(report_path, report.encode("utf-8"))
    try:
        if move and origin is not None:
            try:
                shutil.move(origin, target)
            except FileNotFoundError:
                if data is not None:
                    write_atomically(target, data)
        elif data is not None:
            write_atomically(target, data)
    except OSError:
        report_path.unlink(missing_ok=True)
        raise
    return report_path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, then ``os.replace``."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def failure_report(source: Source, file_name: str, message: str, run_id: int | None) -> str:
    lines = [
        "Gösterge ETL: the file could not be loaded",
        f"time:    {datetime.now(ISTANBUL):%Y-%m-%d %H:%M:%S} (Europe/Istanbul)",
        f"source:  {source.id} (plan {source.plan_code}, {source.kind} {source.location}, format {source.format})",
        f"file:    {file_name}",
        f"run:     {run_id if run_id is not None else 'not recorded'}",
        "",
        "problem:",
        f"  {message}",
        "",
        "Nothing was loaded from this file. Fix it and put it back into the inbox (or",
        "check it first with: python -m etl check FILE --source " + source.id + ").",
    ]
    return "\n".join(lines) + "\n"


def _newest_copy(folder: Path, file_name: str) -> Path | None:
    if not folder.is_dir():
        return None
    copies = sorted(
        path
        for path in folder.iterdir()
        if fnmatch.fnmatch(path.name, f"*-{file_name}") and not path.name.endswith(REPORT_SUFFIX)
    )
    return copies[-1] if copies else None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
