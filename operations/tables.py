"""The operational database's tables, as SQLAlchemy Core objects for the queries.

The schema itself is made by the migrations in :mod:`operations.migrations` (a test checks that the
migrated database has these tables and columns). Times are naive UTC (``utc_now``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(80), nullable=False, unique=True),  # lower case
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_sign_in_at", DateTime),
)

role_assignments = Table(
    "role_assignments",
    metadata,
    Column("assignment_id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.user_id", ondelete="cascade"), nullable=False),
    Column("plan_code", String(80), nullable=False),  # "*": every plan
    Column("role", String(20), nullable=False),  # viewer | unit_staff | reviewer | admin
    Column("unit", String(200)),  # unit staff: the responsible unit
    Column("districts", Text),  # unit staff: district codes separated by commas; null = every district
    UniqueConstraint("user_id", "plan_code", name="one_role_per_plan"),
)

sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("failure_id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(80), nullable=False),
    Column("address", String(64), nullable=False),
    Column("failed_at", DateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("occurred_at", DateTime, nullable=False),
    Column("actor", String(80)),  # the user who acted (None: the command line or nobody signed in)
    Column("action", String(40), nullable=False),
    Column("subject", String(200)),
    Column("address", String(64)),
    Column("details", Text),
)

reprocess_requests = Table(
    "reprocess_requests",
    metadata,
    Column("request_id", Integer, primary_key=True, autoincrement=True),
    Column("plan_code", String(80), nullable=False),
    Column("source_id", String(80), nullable=False),
    Column("run_id", BigInteger, nullable=False),  # the failed run
    Column("file_path", String(1000), nullable=False),  # relative to the data folder's failed/
    Column("requested_by", String(80), nullable=False),
    Column("requested_at", DateTime, nullable=False),
    Column("status", String(20), nullable=False),  # pending | done
    Column("outcome_run_id", BigInteger),
    Column("outcome_status", String(20)),  # loaded | failed
    Column("message", Text),
    Column("handled_at", DateTime),
)

entries = Table(
    "entries",
    metadata,
    Column("entry_id", Integer, primary_key=True, autoincrement=True),
    Column("plan_code", String(80), nullable=False),
    Column("indicator_code", String(80), nullable=False),
    Column("area_level", String(20), nullable=False),  # province | district
    Column("area_code", String(80), nullable=False),
    Column("period", String(10), nullable=False),  # 2024-H1 | 2024-H2 | 2024
    Column("unit", String(200), nullable=False),  # the indicator's responsible unit when entered
    Column("value", Float),
    Column("value_text", String(100)),  # as typed
    Column("source_note", Text),
    Column("deviation_reason", Text),
    Column("measures", Text),
    Column("status", String(20), nullable=False),  # draft | submitted | returned | approved
    Column("version", Integer, nullable=False),
    Column("updated_by", String(80), nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("approved_by", String(80)),
    Column("approved_at", DateTime),
    Column("loaded_version", Integer),  # the approved version the warehouse holds (null: none yet)
    Column("loaded_run_id", BigInteger),
    UniqueConstraint("plan_code", "indicator_code", "area_code", "period", name="one_entry_per_period"),
)

entry_versions = Table(
    "entry_versions",
    metadata,
    Column("version_id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", Integer, ForeignKey("entries.entry_id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("action", String(20), nullable=False),  # saved | submitted | returned | approved | reopened
    Column("status", String(20), nullable=False),  # the entry's status after the action
    Column("value", Float),
    Column("value_text", String(100)),
    Column("source_note", Text),
    Column("deviation_reason", Text),
    Column("measures", Text),
    Column("actor", String(80), nullable=False),
    Column("acted_at", DateTime, nullable=False),
    Column("comment", Text),  # the reviewer's comment on a return or an approval
    UniqueConstraint("entry_id", "version", name="one_row_per_version"),
)

period_reopenings = Table(
    "period_reopenings",
    metadata,
    Column("reopening_id", Integer, primary_key=True, autoincrement=True),
    Column("plan_code", String(80), nullable=False),
    Column("period", String(10), nullable=False),
    Column("reopened_until", Date, nullable=False),
    Column("reopened_by", String(80), nullable=False),
    Column("reopened_at", DateTime, nullable=False),
)

# ---------------------------------------------------------------- alerts (migration 0003, docs/operations.md)

notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("user_id", Integer, ForeignKey("users.user_id", ondelete="cascade"), primary_key=True),
    Column("email", String(320)),  # null: no e-mail
    Column("language", String(2), nullable=False),  # tr | en
    Column("delivery", String(20), nullable=False),  # off | immediate | digest
    Column("updated_at", DateTime, nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    Column("notification_id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.user_id", ondelete="cascade"), nullable=False),
    Column("event_key", String(200), nullable=False),  # the event, the same for every user it concerns
    Column("kind", String(40), nullable=False),  # operations.notices.KINDS
    Column("plan_code", String(80), nullable=False),
    Column("details", Text, nullable=False),  # JSON: codes, numbers and ISO dates, never text in a language
    Column("created_at", DateTime, nullable=False),
    Column("read_at", DateTime),
    Column("mail_state", String(20), nullable=False),  # none | waiting | queued
    Column("outbox_id", Integer),  # the e-mail that carried it
    UniqueConstraint("user_id", "event_key", name="one_notification_per_event"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("outbox_id", Integer, primary_key=True, autoincrement=True),
    Column("message_key", String(200), nullable=False, unique=True),  # digest:USER:DAY | immediate:USER:FIRST
    Column("user_id", Integer, ForeignKey("users.user_id", ondelete="cascade"), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("subject", String(500), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending | sending | sent | failed
    Column("attempts", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("last_attempt_at", DateTime),
    Column("last_error", Text),
    Column("sent_at", DateTime),
)


def utc_now() -> datetime:
    """Now in UTC, naive (how every time is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)
