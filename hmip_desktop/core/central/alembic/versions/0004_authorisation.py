"""Authorisation at import: each device belongs to the key that first used it, and
sequence numbers are 64-bit (a PostgreSQL int4 overflowed at 2**31).

Revision ID: 0004_authorisation
Revises: 0003_moderation
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_authorisation"
down_revision = "0003_moderation"
branch_labels = None
depends_on = None

WIDENED = (("bundles", "sequence"), ("bundles", "audit_seq"), ("devices", "max_sequence"), ("revisions", "sequence"))


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("key_id", sa.String(64)))
        batch.create_foreign_key("fk_devices_key_id", "keys", ["key_id"], ["key_id"])
    for table, column in WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=sa.Integer, type_=sa.BigInteger, existing_nullable=False)
    # A device already seen belongs to the key of its earliest imported bundle.
    op.execute(
        "UPDATE devices SET key_id = (SELECT b.key_id FROM bundles b WHERE b.device_id = devices.device_id"
        " ORDER BY b.imported_at, b.bundle_id LIMIT 1)")


def downgrade() -> None:
    for table, column in WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=sa.BigInteger, type_=sa.Integer, existing_nullable=False)
    with op.batch_alter_table("devices") as batch:
        batch.drop_constraint("fk_devices_key_id", type_="foreignkey")
        batch.drop_column("key_id")
