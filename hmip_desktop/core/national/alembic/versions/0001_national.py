"""The national store's first schema: trust, imports, inspections, standards, key
questions, pseudonymised cases and judgements, moderations, the reconviction follow-up.

Revision ID: 0001_national
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_national"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(128)
STAMP = sa.String(40)
HASH = sa.String(64)


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "trusted_keys",
        sa.Column("key_id", HASH, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("trusted_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file_sha256", HASH, nullable=False, unique=True),
        sa.Column("envelope_id", ID, nullable=False),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("source", ID, nullable=False),
        sa.Column("signer_key_id", HASH, sa.ForeignKey("trusted_keys.key_id"), nullable=False),
        sa.Column("signed_off_at", STAMP, nullable=False),
        sa.Column("exported_at", STAMP, nullable=False),
        sa.Column("imported_at", STAMP, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("superseded_by", sa.Integer),
    )
    op.create_index("ix_imports_inspection_id", "imports", ["inspection_id"])
    op.create_table(
        "inspections",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), primary_key=True),
        sa.Column("inspection_id", ID, nullable=False),
        sa.Column("provider", sa.String(200)),
        sa.Column("provider_type", sa.String(100)),
        sa.Column("region", sa.String(200)),
        sa.Column("family", sa.String(200)),
        sa.Column("caseload_size", sa.Integer),
        sa.Column("framework_id", ID, nullable=False),
        sa.Column("framework_version", sa.String(200), nullable=False),
        sa.Column("framework_sha256", HASH, nullable=False),
        sa.Column("fieldwork_start", sa.String(10)),
        sa.Column("fieldwork_end", sa.String(10)),
        sa.Column("overall_score", sa.Integer),
        sa.Column("overall_rating", ID),
        sa.Column("overall_percent", sa.Float),
    )
    op.create_table(
        "standards",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("standard_id", ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("number", sa.String(20)),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("score", sa.Integer),
        sa.Column("rating", ID),
        sa.Column("percent", sa.Float),
        sa.PrimaryKeyConstraint("import_id", "standard_id"),
    )
    op.create_table(
        "key_questions",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("standard_id", ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text_en", sa.Text, nullable=False),
        sa.Column("text_cy", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("import_id", "question_id"),
    )
    op.create_table(
        "cases",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("pseudonym", HASH, nullable=False),
        *(sa.Column(name, ID) for name in ("age_band", "gender", "ethnicity", "disability", "disposal_type",
                                           "risk_level", "reoffending_likelihood")),
        sa.Column("reader", HASH, nullable=False),
        sa.Column("reader_role", sa.String(20)),
        sa.PrimaryKeyConstraint("import_id", "pseudonym"),
    )
    op.create_index("ix_cases_pseudonym", "cases", ["pseudonym"])
    op.create_table(
        "judgements",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("pseudonym", HASH, nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("value", ID),
        sa.Column("applicable", sa.SmallInteger, nullable=False),
        sa.Column("sufficient", sa.SmallInteger, nullable=False),
        sa.PrimaryKeyConstraint("import_id", "question_id", "pseudonym"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "moderations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("pseudonym", HASH, nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("reader", HASH, nullable=False),
        sa.Column("reader_role", sa.String(20)),
        sa.Column("original_value", sa.Text),
        sa.Column("moderated_value", sa.Text),
        sa.Column("outcome", sa.String(10), nullable=False),
    )
    op.create_index("ix_moderations_import_id", "moderations", ["import_id"])
    op.create_table(
        "followup",
        sa.Column("pseudonym", HASH, primary_key=True),
        sa.Column("reconvicted", sa.Boolean, nullable=False),
        sa.Column("followup_date", sa.String(10), nullable=False),
        sa.Column("imported_at", STAMP, nullable=False),
    )
