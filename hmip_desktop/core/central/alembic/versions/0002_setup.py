"""Inspection set-up: inspection details, the team, and the caseload with its sample.

Revision ID: 0002_setup
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_setup"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.add_column(sa.Column("provider", sa.String(200)))
        batch.add_column(sa.Column("title", sa.String(200)))
        batch.add_column(sa.Column("framework_yaml", sa.Text))
        batch.add_column(sa.Column("fieldwork_start", sa.String(10)))
        batch.add_column(sa.Column("fieldwork_end", sa.String(10)))
    op.create_table(
        "team_members",
        sa.Column("inspection_id", ID, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("member_id", ID, nullable=False),
        sa.Column("key_id", sa.String(64), sa.ForeignKey("keys.key_id")),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "member_id"),
    )
    op.create_table(
        "setup_cases",
        sa.Column("inspection_id", ID, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
        sa.Column("selection", sa.String(10), nullable=False),
        sa.Column("reserve_rank", sa.Integer),
        sa.Column("stratum", sa.String(400), nullable=False),
        sa.Column("reader_id", ID),
        sa.Column("replaced_by", ID),
        sa.Column("replacement_reason", sa.Text),
        sa.PrimaryKeyConstraint("inspection_id", "case_id"),
    )
