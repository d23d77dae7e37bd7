"""Evidence standards assigned to team members at set-up (issue 14: "recorded offline on
a laptop by the member the set-up assigns"): one row per (inspection, standard).

Revision ID: 0008_assignments
Revises: 0007_sync
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_assignments"
down_revision = "0007_sync"
branch_labels = None
depends_on = None

ID = sa.String(128)
STAMP = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "evidence_assignments",
        sa.Column("inspection_id", ID, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("standard_id", ID, nullable=False),
        sa.Column("member_id", ID, nullable=False),
        sa.Column("assigned_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "standard_id"),
    )


def downgrade() -> None:
    op.drop_table("evidence_assignments")
