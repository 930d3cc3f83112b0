"""A ZIP written while it is sent: each chunk leaves as soon as zipfile has produced it.

zipfile writes to an unseekable stream by putting each entry's sizes in a
data descriptor after its data, so nothing needs to be held back.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime


class _Outbox(io.RawIOBase):
    """An unseekable, write-only stream that keeps what was written until it is taken."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(entries: Iterable[tuple[str, Iterable[bytes]]], *, when: datetime | None = None) -> Iterator[bytes]:
    """Yield a ZIP of ``entries`` (name, chunks of content) piece by piece, deflated, ZIP64-ready.

    The content of an entry is consumed lazily, so a later entry (the
    metadata) can report what an earlier one (the table) counted.
    """
    moment = (when or datetime.now()).timetuple()[:6]
    outbox = _Outbox()
    with zipfile.ZipFile(outbox, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, chunks in entries:
            info = zipfile.ZipInfo(name, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with archive.open(info, "w", force_zip64=True) as entry:
                for chunk in chunks:
                    entry.write(chunk)
                    data = outbox.take()
                    if data:
                        yield data
            data = outbox.take()
            if data:
                yield data
    data = outbox.take()
    if data:
        yield data
