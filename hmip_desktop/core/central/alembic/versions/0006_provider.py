"""The provider's attributes recorded at set-up, for the national collation: type,
region, family and caseload size.

Revision ID: 0006_provider
Revises: 0005_evidence
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_provider"
down_revision = "0005_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.add_column(sa.Column("provider_type", sa.String(100)))
        batch.add_column(sa.Column("region", sa.String(200)))
        batch.add_column(sa.Column("family", sa.String(200)))
        batch.add_column(sa.Column("caseload_size", sa.Integer))
