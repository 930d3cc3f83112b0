"""The files of failed runs as the ETL set them aside: ``failed/<source>/<stamp>-<name>`` and its report.

Read-only: the web shows a failed run's report and names its file; only the ETL's writer moves files.
The layout is the ETL's (``etl/files.py``; a test checks the two agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPORT_SUFFIX = ".report.txt"
RUN_LINE = re.compile(r"^run:\s+(\d+)\s*$", re.MULTILINE)
STAMP = re.compile(r"^\d{8}-\d{6}-")


@dataclass(frozen=True)
class FailedFile:
    """A failed run's file under failed/ and its report."""

    path: Path
    report: Path
    relative_path: str  # from the failed/ folder, as a re-process request names it

    @property
    def original_name(self) -> str:
        """The file's name without the time stamp the ETL put in front."""
        return STAMP.sub("", self.path.name, count=1)

    def report_text(self) -> str:
        return self.report.read_text(encoding="utf-8", errors="replace")


def failed_file(failed_dir: Path, source_id: str, run_id: int) -> FailedFile | None:
    """The file set aside by run ``run_id`` of ``source_id`` (None when none is there: gone, or re-run)."""
    folder = failed_dir / source_id
    if not folder.is_dir() or "/" in source_id or source_id.startswith("."):
        return None
    for report in sorted(folder.glob(f"*{REPORT_SUFFIX}")):
        try:
            text = report.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = RUN_LINE.search(text)
        if match and int(match.group(1)) == run_id:
            path = Path(str(report).removesuffix(REPORT_SUFFIX))
            if path.is_file():
                return FailedFile(path, report, f"{source_id}/{path.name}")
    return None


def resolve(failed_dir: Path, relative_path: str) -> Path | None:
    """``relative_path`` inside ``failed_dir`` (None when it leads outside or names nothing)."""
    root = failed_dir.resolve()
    path = (root / relative_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path
