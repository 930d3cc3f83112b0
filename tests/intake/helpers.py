"""Approved entries made the way the entry and review pages leave them: rows in ``entries`` and
``entry_versions`` of a real operational database (saved and submitted by the unit, approved by a reviewer)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select, update

from operations.tables import entries, entry_versions

ENTERED_BY = "birim.uzmani"
APPROVED_BY = "strateji.sorumlusu"
UNIT = "Strateji Geliştirme Dairesi"
APPROVED_AT = datetime(2026, 7, 20, 9, 30)


def approve_entry(
    engine: Engine,
    *,
    indicator: str,
    period: str,
    value: float | None,
    plan: str = "mini",
    area_level: str = "province",
    area_code: str = "35",
    value_text: str | None = None,
    reason: str | None = None,
    measures: str | None = None,
    unit: str = UNIT,
    source_note: str | None = None,
) -> int:
    """A new entry saved, submitted and approved (version 3); returns its id."""
    content = {**_content(value, value_text, reason, measures), "source_note": source_note}
    with engine.begin() as connection:
        entry_id = connection.execute(
            insert(entries)
            .values(
                plan_code=plan,
                indicator_code=indicator,
                area_level=area_level,
                area_code=area_code,
                period=period,
                unit=unit,
                status="approved",
                version=3,
                updated_by=APPROVED_BY,
                updated_at=APPROVED_AT,
                approved_by=APPROVED_BY,
                approved_at=APPROVED_AT,
                **content,
            )
            .returning(entries.c.entry_id)
        ).scalar_one()
        for version, action, status, actor in (
            (1, "saved", "draft", ENTERED_BY),
            (2, "submitted", "submitted", ENTERED_BY),
            (3, "approved", "approved", APPROVED_BY),
        ):
            _version(connection, entry_id, version, action, status, actor, content)
    return int(entry_id)


def approve_again(engine: Engine, entry_id: int, *, value: float | None, reason: str | None = None) -> int:
    """The entry returned, corrected by the unit and approved again; returns its new version."""
    with engine.begin() as connection:
        version = connection.execute(select(entries.c.version).where(entries.c.entry_id == entry_id)).scalar_one()
        content = _content(value, None, reason, None)
        for step, (action, status, actor) in enumerate(
            (
                ("returned", "returned", APPROVED_BY),
                ("submitted", "submitted", ENTERED_BY),
                ("approved", "approved", APPROVED_BY),
            ),
            start=1,
        ):
            _version(connection, entry_id, version + step, action, status, actor, content)
        version += 3
        connection.execute(
            update(entries)
            .where(entries.c.entry_id == entry_id)
            .values(status="approved", version=version, approved_at=APPROVED_AT + timedelta(days=1), **content)
        )
    return version


def entry_state(engine: Engine, entry_id: int) -> tuple[Any, ...]:
    """(version, loaded_version, loaded_run_id) of an entry."""
    with engine.connect() as connection:
        row = connection.execute(
            select(entries.c.version, entries.c.loaded_version, entries.c.loaded_run_id).where(
                entries.c.entry_id == entry_id
            )
        ).one()
    return tuple(row)


def _content(value: float | None, value_text: str | None, reason: str | None, measures: str | None) -> dict[str, Any]:
    text = value_text if value_text is not None else (None if value is None else str(value))
    return {"value": value, "value_text": text, "deviation_reason": reason, "measures": measures}


def _version(
    connection: Any, entry_id: int, version: int, action: str, status: str, actor: str, content: dict[str, Any]
) -> None:
    connection.execute(
        insert(entry_versions).values(
            entry_id=entry_id,
            version=version,
            action=action,
            status=status,
            actor=actor,
            acted_at=APPROVED_AT - timedelta(hours=10 - version),
            **content,
        )
    )
