"""Notifications, the e-mail outbox and each user's e-mail preference (docs/operations.md, "Notifications and e-mail").

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.user_id", ondelete="cascade"), primary_key=True),
        sa.Column("email", sa.String(320)),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "notifications",
        sa.Column("notification_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.user_id", ondelete="cascade"), nullable=False),
        sa.Column("event_key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("plan_code", sa.String(80), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("read_at", sa.DateTime),
        sa.Column("mail_state", sa.String(20), nullable=False),
        sa.Column("outbox_id", sa.Integer),
        sa.UniqueConstraint("user_id", "event_key", name="one_notification_per_event"),
    )
    op.create_index("notifications_unread", "notifications", ["user_id", "read_at"])
    op.create_index("notifications_to_mail", "notifications", ["mail_state", "user_id"])
    op.create_table(
        "outbox",
        sa.Column("outbox_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_key", sa.String(200), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.user_id", ondelete="cascade"), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False),
        sa.Column("last_attempt_at", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("sent_at", sa.DateTime),
    )
    op.create_index("outbox_due", "outbox", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("outbox_due", "outbox")
    op.drop_table("outbox")
    op.drop_index("notifications_to_mail", "notifications")
    op.drop_index("notifications_unread", "notifications")
    op.drop_table("notifications")
    op.drop_table("notification_preferences")
