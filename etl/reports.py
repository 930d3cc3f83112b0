"""What one run did with one file (:class:`RunReport`), and its one-line summary.

Loading and publishing are reported separately: a file whose rows were committed is ``loaded`` even
when the snapshot could not be published, and then its summary says "loaded, not published" with the
reason (the next run, or the scheduler's start, publishes it).

=============  ===========================================================================================
status         meaning
=============  ===========================================================================================
``loaded``     its rows are in the warehouse; the file went to the archive
``failed``     nothing of it is in the warehouse; the file went to failed/ with a report, or stayed where
               it was when the fault was not the file's (out of disk space, the warehouse busy)
``waiting``    incomplete or still being written: left in the inbox, read again at the next run
``vanished``   it disappeared from the inbox before it was read; nothing was loaded from it
=============  ===========================================================================================
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from etl.validate import Validation

logger = logging.getLogger("etl.jobs")  # the runs' lines keep the jobs' logger name


@dataclass
class RunReport:
    """What one run did with one file."""

    source_id: str
    plan_code: str
    file_name: str
    status: str  # loaded | failed | waiting | vanished
    run_id: int | None = None
    rows_read: int = 0
    rows_inserted: int = 0
    rows_revised: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    message: str = ""
    seconds: float = 0.0
    kept_at: Path | None = None
    details: list[str] = field(default_factory=list)
    problems: pd.DataFrame | None = None
    #: why the snapshot holding this run could not be published (None: published, or nothing to publish)
    publish_problem: str | None = None
    #: what happened to the file when that is not what its status implies (left in the inbox, …)
    file_note: str = ""

    @classmethod
    def validated(
        cls,
        source_id: str,
        plan_code: str,
        file_name: str,
        validation: Validation,
        details: list[str],
        rows_skipped: int = 0,
    ) -> RunReport:
        """The report of a file whose rows were read and validated, before they are written (status loaded
        until the write says otherwise): its counts, details and problems."""
        return cls(
            source_id=source_id,
            plan_code=plan_code,
            file_name=file_name,
            status="loaded",
            rows_read=validation.rows_read,
            rows_rejected=validation.rows_rejected,
            rows_skipped=rows_skipped,
            details=details,
            problems=validation.problems,
        )

    @classmethod
    def waiting(cls, source_id: str, plan_code: str, file_name: str, reason: str) -> RunReport:
        """A file left in the inbox (incomplete, still being written), and why."""
        report = cls(source_id=source_id, plan_code=plan_code, file_name=file_name, status="waiting", message=reason)
        logger.warning("%s", report.summary())
        return report

    @classmethod
    def vanished(cls, source_id: str, plan_code: str, file_name: str) -> RunReport:
        """A file that disappeared from the inbox before it was read."""
        message = "vanished from the inbox before it was read (moved or deleted by someone else)"
        report = cls(source_id=source_id, plan_code=plan_code, file_name=file_name, status="vanished", message=message)
        logger.warning("%s", report.summary())
        return report

    @property
    def rows_loaded(self) -> int:
        return self.rows_inserted + self.rows_revised

    @property
    def ok(self) -> bool:
        return self.status == "loaded"

    @property
    def published(self) -> bool:
        return self.ok and self.publish_problem is None

    def summary(self) -> str:
        """One line: the source, the file and what happened to its rows, then to the snapshot and the file."""
        head = f"{self.source_id}: {self.file_name}: "
        if self.status == "waiting":
            return head + f"left in the inbox, {self.message}; it is read again at the next run"
        if self.status == "vanished":
            return head + f"{self.message}; nothing was loaded from it"
        if not self.ok:
            run = f" (run {self.run_id})" if self.run_id is not None else ""  # none: nothing could be recorded
            return head + f"FAILED{run}: {self.message}" + _note(self.file_note)
        text = (
            f"loaded {self.rows_loaded} (new {self.rows_inserted}, revised {self.rows_revised}), "
            f"unchanged {self.rows_unchanged}, rejected {self.rows_rejected} of {self.rows_read} rows read"
        )
        if self.problems is not None and len(self.problems) > self.rows_rejected:
            text += f" ({len(self.problems)} problems)"
        if self.rows_skipped:
            text += f"; {self.rows_skipped} rows of other provinces skipped"
        text += f" (run {self.run_id}, {self.seconds:.1f} s)"
        if self.publish_problem is not None:
            text += (
                f"; loaded, NOT PUBLISHED: {self.publish_problem}; the dashboard shows it once the next run "
                "or the scheduler's start publishes it"
            )
        return head + text + _note(self.file_note)


def _note(note: str) -> str:
    return f"; {note}" if note else ""
