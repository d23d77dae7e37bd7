"""Moderations: the moderated revision (a keyed pseudonym of its id) and whether the
record is the latest moderation of its judgement (case, revision, question) in its
import, so that the national store counts each moderated judgement once, as the
central store does (docs/decisions.md, "National consistency: the latest moderation
of each judgement, each role in its inspection").

Rows imported before this migration carry no revision: the latest of each (import,
case, question) is marked, the best that can be decided without the revision.

Revision ID: 0002_latest_moderation
Revises: 0001_national
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_latest_moderation"
down_revision = "0001_national"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("moderations") as batch:
        batch.add_column(sa.Column("revision", sa.String(64)))
        batch.add_column(sa.Column("latest", sa.Boolean, nullable=False, server_default=sa.true()))
    op.execute(
        "UPDATE moderations SET latest = false WHERE EXISTS (SELECT 1 FROM moderations later "
        "WHERE later.import_id = moderations.import_id AND later.pseudonym = moderations.pseudonym "
        "AND later.question_id = moderations.question_id AND later.id > moderations.id)")


def downgrade() -> None:
    with op.batch_alter_table("moderations") as batch:
        batch.drop_column("latest")
        batch.drop_column("revision")
