"""The initial central store.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(128)
STAMP = sa.String(40)
HASH = sa.String(64)


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "keys",
        sa.Column("key_id", HASH, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("enrolled_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP),
    )
    op.create_table(
        "inspections",
        sa.Column("id", ID, primary_key=True),
        sa.Column("framework_id", ID, nullable=False),
        sa.Column("framework_version", sa.String(200), nullable=False),
        sa.Column("framework_sha256", HASH, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "bundles",
        sa.Column("bundle_id", ID, primary_key=True),
        sa.Column("sha256", HASH, nullable=False),
        sa.Column("key_id", HASH, sa.ForeignKey("keys.key_id"), nullable=False),
        sa.Column("inspection_id", ID, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("audit_seq", sa.Integer, nullable=False),
        sa.Column("audit_hash", HASH, nullable=False),
        sa.Column("imported_at", STAMP, nullable=False),
    )
    op.create_table("devices", sa.Column("device_id", ID, primary_key=True), sa.Column("max_sequence", sa.Integer, nullable=False))
    op.create_table(
        "revisions",
        sa.Column("inspection_id", ID, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("revision_id", HASH, nullable=False),
        sa.Column("parent_revision_id", HASH),
        sa.Column("bundle_id", ID, sa.ForeignKey("bundles.bundle_id"), nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("reader_id", ID, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
        sa.Column("interview", sa.Text, nullable=False),
        sa.Column("received_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "case_id", "revision_id"),
    )
    op.create_table(
        "revision_answers",
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("revision_id", HASH, nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "case_id", "revision_id", "question_id"),
    )
    op.create_table(
        "case_reads",
        sa.Column("inspection_id", ID, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("head_revision_id", HASH, nullable=False),
        sa.Column("moderated_revision_id", HASH),
        sa.Column("needs_rereview", sa.Boolean, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "case_id"),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("revision_id", HASH, nullable=False),
        sa.Column("against_revision_id", HASH, nullable=False),
        sa.Column("detected_at", STAMP, nullable=False),
        sa.Column("resolved_at", STAMP),
    )
