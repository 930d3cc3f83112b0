"""Accounts, roles per plan, sign-in failures, the audit log and re-process requests.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("user_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("is_active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime),
    )
    op.create_table(
        "role_assignments",
        sa.Column("assignment_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.user_id", ondelete="cascade"), nullable=False),
        sa.Column("plan_code", sa.String(80), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("unit", sa.String(200)),
        sa.Column("districts", sa.Text),
        sa.UniqueConstraint("user_id", "plan_code", name="one_role_per_plan"),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("failure_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("failed_at", sa.DateTime, nullable=False),
    )
    op.create_index("sign_in_failures_by_username", "sign_in_failures", ["username", "failed_at"])
    op.create_index("sign_in_failures_by_address", "sign_in_failures", ["address", "failed_at"])
    op.create_table(
        "audit_log",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("occurred_at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(80)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(200)),
        sa.Column("address", sa.String(64)),
        sa.Column("details", sa.Text),
    )
    op.create_table(
        "reprocess_requests",
        sa.Column("request_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_code", sa.String(80), nullable=False),
        sa.Column("source_id", sa.String(80), nullable=False),
        sa.Column("run_id", sa.BigInteger, nullable=False),
        sa.Column("file_path", sa.String(1000), nullable=False),
        sa.Column("requested_by", sa.String(80), nullable=False),
        sa.Column("requested_at", sa.DateTime, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome_run_id", sa.BigInteger),
        sa.Column("outcome_status", sa.String(20)),
        sa.Column("message", sa.Text),
        sa.Column("handled_at", sa.DateTime),
    )
    op.create_index("reprocess_requests_by_status", "reprocess_requests", ["status", "requested_at"])


def downgrade() -> None:
    for table in ("reprocess_requests", "audit_log", "sign_in_failures", "role_assignments", "users"):
        op.drop_table(table)
