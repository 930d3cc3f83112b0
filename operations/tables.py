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
    DateTime,
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


def utc_now() -> datetime:
    """Now in UTC, naive (how every time is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)
