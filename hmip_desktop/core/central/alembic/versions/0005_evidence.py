"""Judgements on evidence: the team's judgement of each key question of a standard
judged on evidence (with the evidence summary) and the lead's band (with the rationale).

Revision ID: 0005_evidence
Revises: 0004_authorisation
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_evidence"
down_revision = "0004_authorisation"
branch_labels = None
depends_on = None

ID = sa.String(128)
STAMP = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "evidence_judgements",
        sa.Column("id", ID, primary_key=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("standard_id", ID, nullable=False),
        sa.Column("question_id", ID),
        sa.Column("value", ID, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("by", ID, nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("origin", ID, nullable=False),
    )
    op.create_index("ix_evidence_judgements_inspection_id", "evidence_judgements", ["inspection_id"])
