"""Entries of the responsible units, every version of each, and reopened monitoring periods (docs/entries.md).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_code", sa.String(80), nullable=False),
        sa.Column("indicator_code", sa.String(80), nullable=False),
        sa.Column("area_level", sa.String(20), nullable=False),
        sa.Column("area_code", sa.String(80), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("unit", sa.String(200), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("value_text", sa.String(100)),
        sa.Column("source_note", sa.Text),
        sa.Column("deviation_reason", sa.Text),
        sa.Column("measures", sa.Text),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("approved_by", sa.String(80)),
        sa.Column("approved_at", sa.DateTime),
        sa.Column("loaded_version", sa.Integer),
        sa.Column("loaded_run_id", sa.BigInteger),
        sa.UniqueConstraint("plan_code", "indicator_code", "area_code", "period", name="one_entry_per_period"),
    )
    op.create_index("entries_by_plan_status", "entries", ["plan_code", "status"])
    op.create_table(
        "entry_versions",
        sa.Column("version_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.entry_id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("value_text", sa.String(100)),
        sa.Column("source_note", sa.Text),
        sa.Column("deviation_reason", sa.Text),
        sa.Column("measures", sa.Text),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("acted_at", sa.DateTime, nullable=False),
        sa.Column("comment", sa.Text),
        sa.UniqueConstraint("entry_id", "version", name="one_row_per_version"),
    )
    op.create_table(
        "period_reopenings",
        sa.Column("reopening_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_code", sa.String(80), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("reopened_until", sa.Date, nullable=False),
        sa.Column("reopened_by", sa.String(80), nullable=False),
        sa.Column("reopened_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("period_reopenings")
    op.drop_table("entry_versions")
    op.drop_index("entries_by_plan_status", "entries")
    op.drop_table("entries")
