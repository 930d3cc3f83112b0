"""Runs committed to the working database that the published snapshot does not hold yet.

The web reads only ``published.duckdb``, so a run whose rows were committed but whose snapshot could
not be published (out of disk space, a target that cannot be replaced) or is still being copied is
not in what it reads. The writer says so in a small file beside the snapshot,
``unpublished-runs.json``: at the end of every writer session, before sealing the snapshot, it writes
there the runs newer than the last sealed snapshot's, together with those it noted before and could not
publish (and, once known, why publishing failed), and removes the file once a snapshot is published. The web
(:func:`read_unpublished`) shows those of its runs that its snapshot does not hold as loaded, not
published. Writing it never raises (it is a note beside the publication, not part of it); a run killed
between its commit and the note is in neither, until the next session publishes it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

logger = logging.getLogger(__name__)
FILE_NAME = "unpublished-runs.json"
TEMPORARY_PREFIX = ".unpublished-"
RUN_COLUMNS = (
    "run_id",
    "plan_code",
    "source_id",
    "file_name",
    "started_at",
    "finished_at",
    "status",
    "rows_read",
    "rows_loaded",
    "rows_unchanged",
    "rows_rejected",
    "message",
    "is_demo",
)


def journal_file(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def record(connection: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Before a session's snapshot is sealed: note the runs it is about to publish, with those still noted
    from sessions whose publication failed (none: the note is removed)."""
    try:
        for left in Path(data_dir).glob(f"{TEMPORARY_PREFIX}*.json"):  # only ever under the writer lock: a
            left.unlink(missing_ok=True)  # temporary note found now is a dead process's
        row = connection.execute("select coalesce(max(last_run_id), 0) from publication").fetchone()
        since = int(row[0]) if row else 0  # the newest run the last sealed snapshot holds
        noted, _ = read_unpublished(data_dir)
        if len(noted):
            since = min(since, int(noted["run_id"].min()) - 1)
        cursor = connection.execute(
            """
            select run_id, plan_code, source_id, file_name, started_at, finished_at, status, rows_read,
                   rows_loaded, rows_unchanged, rows_rejected, message, is_demo
            from load_runs
            where run_id > ?
            order by run_id
            """,
            [since],
        )
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if rows:
            _write(data_dir, {"problem": None, "runs": rows})
        else:
            clear(data_dir)
    except (OSError, duckdb.Error) as error:
        logger.error("the note of unpublished runs could not be written: %s", error)


def note_problem(data_dir: Path, problem: str) -> None:
    """After a publication failed: say why in the note (when there is one)."""
    try:
        document = json.loads(journal_file(data_dir).read_text(encoding="utf-8"))
        document["problem"] = problem
        _write(data_dir, document)
    except (OSError, ValueError) as error:
        logger.error("the note of unpublished runs could not say why: %s", error)


def clear(data_dir: Path) -> None:
    """After the snapshot was published: nothing is unpublished."""
    try:
        journal_file(data_dir).unlink(missing_ok=True)
    except OSError as error:
        logger.error("the note of unpublished runs could not be removed: %s", error)


def _write(data_dir: Path, document: dict[str, Any]) -> None:
    """Whole or not at all: a temporary file, then os.replace."""
    text = json.dumps(document, ensure_ascii=False, default=_plain)
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=".json", dir=data_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, journal_file(data_dir))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def read_unpublished(data_dir: Path) -> tuple[pd.DataFrame, str | None]:
    """(the noted runs, as load_runs rows; why their snapshot was not published, if known). An empty frame
    when nothing is noted or the note cannot be read."""
    try:
        document = json.loads(journal_file(data_dir).read_text(encoding="utf-8"))
        runs = pd.DataFrame(document["runs"], columns=list(RUN_COLUMNS))
        problem = document.get("problem")
    except (OSError, ValueError, KeyError, TypeError):
        return pd.DataFrame(columns=list(RUN_COLUMNS)), None
    for column in ("started_at", "finished_at"):
        runs[column] = pd.to_datetime(runs[column])
    return runs, problem if isinstance(problem, str) else None
