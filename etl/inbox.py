"""Complete files only: which inbox files are ready, reading one whole, and telling a file cut short.

The protocol for staff and scripts (docs/etl.md): write the file under a temporary name (``NAME.part``,
or a dot-file, or into another folder of the same disk) and rename it into the inbox when it is
complete; those names are never picked up. For those who just copy, three guards:

1. **settled**: a file is read only once its size, modification time and change time have stayed the
   same for ``GOSTERGE_SETTLE_SECONDS`` (the change time moves on every write, even when a copy keeps
   the original modification time, as Windows Explorer does). A file that changed meanwhile is left for
   the next run;
2. **read whole**: the file must be as large after reading as the bytes read, and unchanged;
3. **ends as a file ends**: delimited text whose last line has no line end, or that ends inside a quoted
   field continued from an earlier line, is cut short (a copy in progress or broken off).

A file that fails a guard stays in the inbox, is reported, and is tried again at the next run: it is
never loaded in part.
"""

from __future__ import annotations

import fnmatch
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.extract.delimited import sniff_delimiter
from etl.extract.errors import mebibytes
from etl.extract.records import ends_in_continued_quote
from etl.sources import Source

#: names that are being written and never picked up, besides dot-files and Office's ``~$`` lock files
TEMPORARY_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download")
REPORT_SUFFIX = ".report.txt"
BINARY_STARTS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff")
TAIL_BYTES = 1 << 16


class FileChanged(RuntimeError):
    """The file changed while it was being read, or since it settled: it is still being written."""


class FileTooLarge(RuntimeError):
    """The file is larger than ``GOSTERGE_MAX_FILE_MB``; it was not read."""


@dataclass(frozen=True)
class FileState:
    """What tells whether a file is still being written: size, modification and change time."""

    size: int
    modified_ns: int
    changed_ns: int

    @classmethod
    def of(cls, path: Path) -> FileState:
        """The state of ``path`` (raises FileNotFoundError when it is gone)."""
        status = os.stat(path)
        return cls(status.st_size, status.st_mtime_ns, status.st_ctime_ns)

    @property
    def last_change(self) -> float:
        return max(self.modified_ns, self.changed_ns) / 1e9


@dataclass(frozen=True)
class Unsettled:
    """A file left in the inbox for the next run, and why."""

    path: Path
    reason: str


def is_candidate(path: Path, source: Source) -> bool:
    """A file of the inbox that matches the source's patterns and is not a temporary or hidden name."""
    name = path.name.lower()
    return (
        not name.startswith((".", "~$"))
        and not name.endswith(TEMPORARY_SUFFIXES)
        and not name.endswith(REPORT_SUFFIX)
        and any(fnmatch.fnmatch(name, pattern.lower()) for pattern in source.patterns)
    )


def settled_files(
    source: Source,
    settle_seconds: float,
    *,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[list[Path], list[Unsettled], list[Path]]:
    """The inbox files ready to be read (oldest first), the ones still changing, and the ones that vanished
    while they were looked at.

    A file unchanged for ``settle_seconds`` already is ready at once; for the others the call waits until
    each has had that long (at most ``settle_seconds``) and looks again.
    """
    assert source.path is not None
    if not source.path.is_dir():
        return [], [], []
    states: dict[Path, FileState] = {}
    vanished: list[Path] = []
    for path in source.path.iterdir():
        if not is_candidate(path, source):
            continue
        try:
            if path.is_file():
                states[path] = FileState.of(path)
        except FileNotFoundError:
            vanished.append(path)
    now = clock()
    young = {path: state for path, state in states.items() if now - state.last_change < settle_seconds}
    unsettled: list[Unsettled] = []
    if young:
        latest = max(state.last_change for state in young.values()) + settle_seconds
        sleep(max(0.0, min(settle_seconds, latest - clock())))
        for path, before in young.items():
            try:
                after = FileState.of(path)
            except FileNotFoundError:
                vanished.append(path)
                del states[path]
                continue
            if after != before:
                unsettled.append(Unsettled(path, _still_written(before, after, settle_seconds)))
                del states[path]
    ready = sorted(states, key=lambda path: (states[path].modified_ns, path.name))
    return ready, unsettled, vanished


def _still_written(before: FileState, after: FileState, settle_seconds: float) -> str:
    if after.size != before.size:
        change = f"grew from {before.size:,} to {after.size:,} bytes"
    else:
        change = "was written to"
    return f"still being written: it {change} in the last {settle_seconds:g} s"


def read_whole(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, read only when it is no larger than ``max_bytes`` and unchanged while read.

    Raises:
        FileNotFoundError: the file is gone.
        FileTooLarge: it is larger than ``max_bytes`` (nothing was read).
        FileChanged: it changed while it was read (still being written).
    """
    before = FileState.of(path)
    if before.size > max_bytes:
        raise FileTooLarge(
            f"{path.name}: the file is {mebibytes(before.size)}, more than the limit of {mebibytes(max_bytes)} "
            "(GOSTERGE_MAX_FILE_MB); split it or raise the limit"
        )
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    after = FileState.of(path)
    if after != before or len(data) != after.size:
        raise FileChanged(
            f"still being written: it changed while it was read ({before.size:,} bytes before, "
            f"{len(data):,} read, {after.size:,} after)"
        )
    return data


def cut_short(data: bytes, source: Source) -> str | None:
    """Why delimited text looks cut short (a copy in progress or broken off), or None when it ends as a file
    ends. Workbooks and JSON are checked by their readers (a zip without its directory, JSON that stops)."""
    if source.format not in ("long_csv", "wide_table") or not data or data.isspace():
        return None
    if data.startswith(BINARY_STARTS):
        return None  # not text: the reader says what it is
    encoding, line_ends = _encoding_of(data)
    if encoding is None:
        return None
    if not data.endswith(line_ends):
        return "cut short: its last line has no line end (a copy still in progress, or broken off)"
    tail = data[-TAIL_BYTES:]
    if encoding.startswith("utf-16") and len(tail) % 2:
        tail = tail[1:]
    text = tail.decode(encoding, errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")[1:-1] if len(data) > TAIL_BYTES else text.split("\n")[:-1]
    head = data[:TAIL_BYTES].decode(encoding, errors="replace").splitlines()[:60]
    delimiter = source.delimiter or sniff_delimiter(head)
    opened = ends_in_continued_quote(lines, delimiter)
    if opened is not None:
        return (
            f"cut short: it ends inside a quoted field opened {len(lines) - opened - 1} lines before its end "
            "(a copy still in progress, or broken off)"
        )
    return None


def _encoding_of(data: bytes) -> tuple[str | None, tuple[bytes, ...]]:
    """The encoding to find line ends and quotes in (any ASCII-compatible one reads them alike), and the
    byte sequences a last line end can be; None for binary data."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", (b"\n\x00", b"\r\x00")
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", (b"\x00\n", b"\x00\r")
    if b"\x00" in data[:8192]:
        return None, ()
    return "utf-8", (b"\n", b"\r")
