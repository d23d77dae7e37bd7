"""The sync service's state, kept in the central database so that any number of
stateless workers (or hosts) share it: nonces seen (replay), request counts per key and
minute (rate limits), the receipt of each bundle uploaded (a repeat gets the same one),
and the inspection packs published for the team's laptops to fetch.

Revision ID: 0007_sync
Revises: 0006_provider
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_sync"
down_revision = "0006_provider"
branch_labels = None
depends_on = None

ID = sa.String(128)
STAMP = sa.String(40)
HASH = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "sync_nonces",
        sa.Column("key_id", HASH, nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("created", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("key_id", "nonce"),
    )
    op.create_index("ix_sync_nonces_created", "sync_nonces", ["created"])
    op.create_table(
        "sync_rate",
        sa.Column("key_id", HASH, nullable=False),
        sa.Column("minute", sa.BigInteger, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("key_id", "minute"),
    )
    op.create_table(
        "sync_receipts",
        sa.Column("bundle_id", ID, primary_key=True),
        sa.Column("receipt_id", ID, nullable=False),
        sa.Column("key_id", HASH, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_index("ix_sync_receipts_key_id", "sync_receipts", ["key_id"])
    op.create_table(
        "sync_packs",
        sa.Column("pack_id", ID, primary_key=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_index("ix_sync_packs_inspection_id", "sync_packs", ["inspection_id"])
