"""A time limit on reading and validating one file (``GOSTERGE_FILE_TIME_LIMIT_SECONDS``).

The readers cannot bound their own time (openpyxl, pyarrow and the csv module run to the end), so the
job runs them in a thread and stops waiting at the limit. Python cannot stop a thread: the reading goes
on in a daemon thread whose result is dropped, bounded by the size limits of the file, and ends with
the process at the latest.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


class TimeLimitExceeded(RuntimeError):
    """Reading and validating one file took longer than ``GOSTERGE_FILE_TIME_LIMIT_SECONDS``."""


def within(seconds: float, work: Callable[[], Result]) -> Result:
    """``work()``'s result (or its exception), or :class:`TimeLimitExceeded` after ``seconds``."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            outcome["error"] = error

    thread = threading.Thread(target=target, name="etl-read", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeLimitExceeded()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
