"""The entries workflow: draft → submitted → approved, or returned with the reviewer's comment.

Every action is one transaction that changes the entry's current row (``entries``), adds the version it
made (``entry_versions``: the content as it then was, the action, who and when, the comment) and records
an audit event; nothing is ever deleted. The rules, checked here on the server whatever the page did:

- a unit user saves and submits only the (indicator, area) pairs of their unit and districts
  (:mod:`operations.entry_scope`), only for a period open today (:mod:`operations.periods`), and only
  while the entry is a draft or returned (a submitted entry waits for the reviewer; an approved one is
  final unless a reviewer returns it);
- the value is read and checked by the ETL's rules (:func:`gosterge.measurement_rules.check_value`):
  a draft may leave it empty, a submission may not; a submission whose value is below the realization
  expected by the period's end needs the deviation's reason and the measures (the caller passes the
  indicator's path in the area, :class:`gosterge.measurement_rules.AreaPath`, which it reads from the
  warehouse: this package does not read the warehouse);
- reviewers (and admins) of the plan return a submitted or approved entry with a comment, approve a
  submitted one, and reopen a closed period until a date.

A refused action raises :class:`EntryError` with a ``code`` (a page says it in the reader's language)
and an English message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from gosterge.measurement_rules import AreaPath, CheckedValue, check_value, expectation, is_below_path
from gosterge.plan import Plan
from operations import audit
from operations.entry_scope import EntryArea, may_enter
from operations.periods import PeriodError, is_open, period_of
from operations.roles import REVIEWER, User
from operations.tables import entries, entry_versions, period_reopenings, utc_now

DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
STATUSES = (DRAFT, SUBMITTED, RETURNED, APPROVED)
EDITABLE = (DRAFT, RETURNED)
TEXT_LIMIT = 4_000  # characters of a source note, reason, measures or comment
VALUE_LIMIT = 100  # characters of a value as typed (entries.value_text)


class EntryError(ValueError):
    """A refused action: ``code`` names the rule (not_allowed, closed, invalid_value, explanation_required,
    wrong_status, conflict, unknown_entry, unknown_period, comment_required, too_long)."""

    def __init__(self, code: str, message: str, checked: CheckedValue | None = None):
        super().__init__(message)
        self.code = code
        self.checked = checked


@dataclass(frozen=True)
class Content:
    """What a unit enters: the value as typed, the source note, and the explanation of a deviation."""

    value_text: str = ""
    source_note: str = ""
    deviation_reason: str = ""
    measures: str = ""


@dataclass(frozen=True)
class Entry:
    entry_id: int
    plan_code: str
    indicator_code: str
    area_level: str
    area_code: str
    period: str
    unit: str
    value: float | None
    value_text: str | None
    source_note: str | None
    deviation_reason: str | None
    measures: str | None
    status: str
    version: int
    updated_by: str
    updated_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    loaded_version: int | None
    loaded_run_id: int | None


@dataclass(frozen=True)
class EntryVersion:
    version_id: int
    entry_id: int
    version: int
    action: str
    status: str
    value: float | None
    value_text: str | None
    source_note: str | None
    deviation_reason: str | None
    measures: str | None
    actor: str
    acted_at: datetime
    comment: str | None


def _clean(content: Content) -> Content:
    """The content with its outer spaces trimmed (the value is otherwise kept as typed: the rules read it)."""
    cleaned = Content(
        content.value_text.strip(),
        content.source_note.strip(),
        content.deviation_reason.strip(),
        content.measures.strip(),
    )
    if len(cleaned.value_text) > VALUE_LIMIT:
        raise EntryError("too_long", f"the value is longer than {VALUE_LIMIT} characters")
    if any(len(text) > TEXT_LIMIT for text in (cleaned.source_note, cleaned.deviation_reason, cleaned.measures)):
        raise EntryError("too_long", f"a text is longer than {TEXT_LIMIT:,} characters")
    return cleaned


def check_content(
    plan: Plan, indicator_code: str, period_code: str, content: Content, path: AreaPath | None, *, submitting: bool
) -> float | None:
    """The value of ``content`` when it passes the rules of a save (``submitting`` False) or a submission;
    else :class:`EntryError`. The pages call this as values are typed; the workflow calls it again."""
    indicator = plan.indicators[indicator_code]
    if not content.value_text and not submitting:
        return None
    checked = check_value(content.value_text, indicator)
    if not checked.ok:
        raise EntryError("invalid_value", checked.reason or "", checked)
    assert checked.value is not None
    if submitting and explanation_required(plan, indicator_code, period_code, checked.value, path):
        if not content.deviation_reason or not content.measures:
            raise EntryError(
                "explanation_required",
                "the value is below the realization expected by the period's end: the deviation's reason and the "
                "measures to be taken are required",
            )
    return checked.value


def explanation_required(
    plan: Plan, indicator_code: str, period_code: str, value: float, path: AreaPath | None
) -> bool:
    indicator = plan.indicators[indicator_code]
    period = period_of(plan, period_code)
    expected = expectation(indicator, path, period.year, period.year_fraction)
    return is_below_path(indicator, path, value, expected)


def _row(connection: Connection, plan_code: str, indicator_code: str, area: EntryArea, period: str) -> Any:
    query = select(entries).where(
        entries.c.plan_code == plan_code,
        entries.c.indicator_code == indicator_code,
        entries.c.area_code == area.area_code,
        entries.c.period == period,
    )
    return connection.execute(query).first()


def _add_version(connection: Connection, entry_id: int, action: str, actor: str, comment: str | None = None) -> None:
    current = connection.execute(select(entries).where(entries.c.entry_id == entry_id)).one()
    connection.execute(
        entry_versions.insert().values(
            entry_id=entry_id,
            version=current.version,
            action=action,
            status=current.status,
            value=current.value,
            value_text=current.value_text,
            source_note=current.source_note,
            deviation_reason=current.deviation_reason,
            measures=current.measures,
            actor=actor,
            acted_at=current.updated_at,
            comment=comment,
        )
    )


@dataclass(frozen=True)
class Item:
    """One unit entry to save or submit: what, where, when, with what content (and the area's path)."""

    indicator_code: str
    area: EntryArea
    period: str
    content: Content
    path: AreaPath | None = None
    expected_version: int | None = None


def check_item(plan: Plan, user: User, item: Item, *, submitting: bool) -> dict[str, Any]:
    """The entry fields of ``item`` when the user may enter it and it passes the rules; else EntryError."""
    if not may_enter(user, plan, item.indicator_code, item.area):
        raise EntryError(
            "not_allowed", f"{user.username} may not enter {item.indicator_code} for {item.area.area_code}"
        )
    try:
        period_of(plan, item.period)
    except PeriodError as error:
        raise EntryError("unknown_period", str(error)) from error
    content = _clean(item.content)
    value = check_content(plan, item.indicator_code, item.period, content, item.path, submitting=submitting)
    return {
        "value": value,
        "value_text": content.value_text or None,
        "source_note": content.source_note or None,
        "deviation_reason": content.deviation_reason or None,
        "measures": content.measures or None,
        "status": SUBMITTED if submitting else DRAFT,
        "updated_by": user.username,
        "updated_at": utc_now(),
    }


def _write(connection: Connection, plan: Plan, item: Item, fields: dict[str, Any], today: date) -> int:
    """Write one checked item in the caller's transaction; returns the entry's id."""
    if not is_open(connection, plan, item.period, today):
        raise EntryError("closed", f"period {item.period} of {plan.code} is not open for entries")
    existing = _row(connection, plan.code, item.indicator_code, item.area, item.period)
    if existing is None:
        result = connection.execute(
            entries.insert().values(
                plan_code=plan.code,
                indicator_code=item.indicator_code,
                area_level=item.area.area_level,
                area_code=item.area.area_code,
                period=item.period,
                unit=plan.indicators[item.indicator_code].responsible_unit,
                version=1,
                **fields,
            )
        )
        inserted = result.inserted_primary_key
        assert inserted is not None
        entry_id = int(inserted[0])
    else:
        entry_id = existing.entry_id
        if existing.status not in EDITABLE:
            raise EntryError("wrong_status", f"entry {entry_id} is {existing.status}: it cannot be changed now")
        if item.expected_version is not None and existing.version != item.expected_version:
            raise EntryError("conflict", f"entry {entry_id} changed meanwhile (version {existing.version})")
        connection.execute(
            entries.update().where(entries.c.entry_id == entry_id).values(version=existing.version + 1, **fields)
        )
    action = "submitted" if fields["status"] == SUBMITTED else "saved"
    _add_version(connection, entry_id, action, fields["updated_by"])
    audit.record(connection, f"entry_{action}", actor=fields["updated_by"], subject=f"entry {entry_id}")
    return entry_id


def save_draft(engine: Engine, plan: Plan, user: User, item: Item, *, today: date) -> Entry:
    """Save the unit's entry ``item`` as a draft (see the module)."""
    return submit_all(engine, plan, user, [item], today=today, submitting=False)[0]


def submit(engine: Engine, plan: Plan, user: User, item: Item, *, today: date) -> Entry:
    """Submit the unit's entry ``item`` for review (see the module)."""
    return submit_all(engine, plan, user, [item], today=today)[0]


def submit_all(
    engine: Engine, plan: Plan, user: User, items: list[Item], *, today: date, submitting: bool = True
) -> list[Entry]:
    """Submit (or save) every item in one transaction: all of them, or none when any is refused
    (the first refusal is raised; :func:`check_item` finds every row's problem beforehand)."""
    checked = [check_item(plan, user, item, submitting=submitting) for item in items]
    with engine.begin() as connection:
        ids = [_write(connection, plan, item, fields, today) for item, fields in zip(items, checked, strict=True)]
        return [_entry(connection, entry_id) for entry_id in ids]


def _review(engine: Engine, plan: Plan, user: User, entry_id: int, action: str, comment: str | None) -> Entry:
    if not user.may(REVIEWER, plan.code):
        raise EntryError("not_allowed", f"{user.username} is not a reviewer of {plan.code}")
    comment = (comment or "").strip() or None
    if comment is not None and len(comment) > TEXT_LIMIT:
        raise EntryError("too_long", f"the comment is longer than {TEXT_LIMIT:,} characters")
    if action == "returned" and comment is None:
        raise EntryError("comment_required", "a returned entry needs the reviewer's comment")
    allowed = (SUBMITTED, APPROVED) if action == "returned" else (SUBMITTED,)
    with engine.begin() as connection:
        current = connection.execute(
            select(entries).where(entries.c.entry_id == entry_id, entries.c.plan_code == plan.code)
        ).first()
        if current is None:
            raise EntryError("unknown_entry", f"no entry {entry_id} in {plan.code}")
        if current.status not in allowed:
            raise EntryError("wrong_status", f"entry {entry_id} is {current.status}: it cannot be {action}")
        now = utc_now()
        values: dict[str, Any] = {"version": current.version + 1, "updated_by": user.username, "updated_at": now}
        if action == "approved":
            values |= {"status": APPROVED, "approved_by": user.username, "approved_at": now}
        else:
            values |= {"status": RETURNED, "approved_by": None, "approved_at": None}
        connection.execute(entries.update().where(entries.c.entry_id == entry_id).values(**values))
        _add_version(connection, entry_id, action, user.username, comment)
        audit.record(connection, f"entry_{action}", actor=user.username, subject=f"entry {entry_id}", details=comment)
        return _entry(connection, entry_id)


def approve(engine: Engine, plan: Plan, user: User, entry_id: int, comment: str | None = None) -> Entry:
    """Approve a submitted entry (reviewers and admins of the plan)."""
    return _review(engine, plan, user, entry_id, "approved", comment)


def return_entry(engine: Engine, plan: Plan, user: User, entry_id: int, comment: str) -> Entry:
    """Return a submitted (or approved) entry to its unit with a comment (reviewers and admins)."""
    return _review(engine, plan, user, entry_id, "returned", comment)


def reopen_period(engine: Engine, plan: Plan, user: User, period: str, until: date, today: date) -> None:
    """Let ``period`` take entries again until ``until`` (reviewers and admins of the plan)."""
    if not user.may(REVIEWER, plan.code):
        raise EntryError("not_allowed", f"{user.username} is not a reviewer of {plan.code}")
    try:
        found = period_of(plan, period)
    except PeriodError as error:
        raise EntryError("unknown_period", str(error)) from error
    if found.end >= today or until < today:
        raise EntryError("unknown_period", f"period {period} has not ended, or {until} is already past")
    with engine.begin() as connection:
        connection.execute(
            period_reopenings.insert().values(
                plan_code=plan.code,
                period=period,
                reopened_until=until,
                reopened_by=user.username,
                reopened_at=utc_now(),
            )
        )
        audit.record(
            connection, "period_reopened", actor=user.username, subject=f"{plan.code} {period}", details=str(until)
        )


def _entry(connection: Connection, entry_id: int) -> Entry:
    return Entry(**connection.execute(select(entries).where(entries.c.entry_id == entry_id)).one()._mapping)


def find_entry(engine: Engine, entry_id: int) -> Entry | None:
    with engine.connect() as connection:
        row = connection.execute(select(entries).where(entries.c.entry_id == entry_id)).first()
    return Entry(**row._mapping) if row is not None else None


def list_entries(
    engine: Engine,
    *,
    plan_code: str,
    period: str | None = None,
    unit: str | None = None,
    status: str | None = None,
) -> list[Entry]:
    """The plan's entries (of a period, a unit, a status), by indicator, area and period."""
    query = select(entries).where(entries.c.plan_code == plan_code)
    for column, wanted in ((entries.c.period, period), (entries.c.unit, unit), (entries.c.status, status)):
        if wanted is not None:
            query = query.where(column == wanted)
    query = query.order_by(entries.c.indicator_code, entries.c.area_code, entries.c.period)
    with engine.connect() as connection:
        return [Entry(**row._mapping) for row in connection.execute(query)]


def history(engine: Engine, entry_id: int) -> list[EntryVersion]:
    """Every version of the entry, oldest first."""
    query = select(entry_versions).where(entry_versions.c.entry_id == entry_id).order_by(entry_versions.c.version)
    with engine.connect() as connection:
        return [EntryVersion(**row._mapping) for row in connection.execute(query)]
