"""One run at a time per data folder, from picking a file to archiving it.

``<data dir>/run.lock`` is held (``fcntl``) for the whole of a run: listing the inbox, reading,
loading, publishing and moving the file. A second ``python -m etl run``, or the scheduler while a
command-line run holds it, waits up to ``GOSTERGE_RUN_WAIT_SECONDS`` and then gives up with
:class:`RunInProgress`, whose message names the holder. The kernel releases the lock when its process
dies, so a killed run never blocks the next one.

The lock is re-entrant within one thread (the command line holds it for every source it runs, and each
source's run takes it again); other threads and processes wait for it.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

LOCK_NAME = "run.lock"
POLL_SECONDS = 0.1


class RunInProgress(RuntimeError):
    """Another run holds this data folder's run lock."""


_held = threading.local()


@contextmanager
def run_lock(data_dir: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the data folder's run lock, waiting up to ``wait_seconds`` for another run to finish.

    Raises:
        RunInProgress: the lock is still held by another run after ``wait_seconds``.
    """
    path = Path(data_dir) / LOCK_NAME
    depths: dict[Path, int] = _held.__dict__.setdefault("depths", {})
    if depths.get(path):
        depths[path] += 1
        try:
            yield
        finally:
            depths[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        _acquire(handle, path, wait_seconds)
        depths[path] = 1
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} ({_command()}), since {datetime.now():%Y-%m-%d %H:%M:%S}")
            handle.flush()
            yield
        finally:
            depths[path] = 0
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(handle: IO[str], path: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise RunInProgress(
                    f"{path}: another run is loading this data folder ({holder}); waited {wait_seconds:g} s "
                    "(GOSTERGE_RUN_WAIT_SECONDS). Nothing was done: run again when it has finished"
                ) from None
            time.sleep(POLL_SECONDS)


def _command() -> str:
    arguments = [os.path.basename(sys.argv[0])] + sys.argv[1:3] if sys.argv and sys.argv[0] else ["python"]
    return " ".join(arguments)
