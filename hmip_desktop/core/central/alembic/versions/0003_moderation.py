"""Quality assurance: moderation records, read outcomes, QA selection, professional
judgement overrides, sign-off, and the central store's own hash-chained event log.

Revision ID: 0003_moderation
Revises: 0002_setup
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_moderation"
down_revision = "0002_setup"
branch_labels = None
depends_on = None

ID = sa.String(128)
STAMP = sa.String(40)
HASH = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "moderations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("revision_id", HASH, nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("original_value", sa.Text),
        sa.Column("moderated_value", sa.Text),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("moderator", ID, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "read_outcomes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("revision_id", HASH, nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("comments", sa.Text, nullable=False),
        sa.Column("moderator", ID, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "qa_selection",
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "case_id"),
    )
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("standard_id", ID, nullable=False),
        sa.Column("band_id", ID),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by", ID, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "signoffs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("key_id", HASH, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("ratings_sha256", HASH, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("actor", ID, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("inspection_id", ID),
        sa.Column("case_read_id", sa.Integer),
        sa.Column("target", sa.String(300)),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("prev_hash", HASH, nullable=False),
        sa.Column("hash", HASH, nullable=False, unique=True),
    )
