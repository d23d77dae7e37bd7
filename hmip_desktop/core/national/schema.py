"""The national store's tables (SQLAlchemy Core, the same code on SQLite and PostgreSQL).
Created and changed only by the Alembic migrations in ``alembic/versions``; a test
checks that they produce exactly these tables.

Every row of an imported results bundle hangs off its ``imports`` row. Nothing is
overwritten: a newer sign-off of an inspection is a new import, and ``current`` marks
the one the figures use (the latest sign-off; the older stays, ``superseded_by`` set).
Cases are keyed by ``pseudonym``: HMAC-SHA256 of the case reference under the store's
secret key; readers by ``reader``: the same of their key id. No reference, name or note.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint, SmallInteger, String, Table, Text

metadata = MetaData()

ID = String(128)
STAMP = String(40)
HASH = String(64)

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

trusted_keys = Table(
    "trusted_keys", metadata,
    Column("key_id", HASH, primary_key=True),
    Column("name", String(200), nullable=False),
    #: "lead" or "central" (who the owner says the key belongs to)
    Column("role", String(20), nullable=False),
    Column("public_key", Text, nullable=False),
    Column("trusted_at", STAMP, nullable=False),
    Column("revoked_at", STAMP),
)

imports = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_sha256", HASH, nullable=False, unique=True),
    Column("envelope_id", ID, nullable=False),
    Column("inspection_id", ID, nullable=False, index=True),
    #: The central store the inspection belongs to (two central stores may use one id).
    Column("source", ID, nullable=False),
    Column("signer_key_id", HASH, ForeignKey("trusted_keys.key_id"), nullable=False),
    Column("signed_off_at", STAMP, nullable=False),
    Column("exported_at", STAMP, nullable=False),
    Column("imported_at", STAMP, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("superseded_by", Integer),
)

inspections = Table(
    "inspections", metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), primary_key=True),
    Column("inspection_id", ID, nullable=False),
    Column("provider", String(200)),
    Column("provider_type", String(100)),
    Column("region", String(200)),
    Column("family", String(200)),
    Column("caseload_size", Integer),
    Column("framework_id", ID, nullable=False),
    Column("framework_version", String(200), nullable=False),
    Column("framework_sha256", HASH, nullable=False),
    Column("fieldwork_start", String(10)),
    Column("fieldwork_end", String(10)),
    Column("overall_score", Integer),
    Column("overall_rating", ID),
    Column("overall_percent", Float),
)

standards = Table(
    "standards", metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("standard_id", ID, nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(20)),
    Column("title", String(400), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("score", Integer),
    Column("rating", ID),
    Column("percent", Float),
    PrimaryKeyConstraint("import_id", "standard_id"),
)

key_questions = Table(
    "key_questions", metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("question_id", ID, nullable=False),
    Column("standard_id", ID, nullable=False),
    Column("position", Integer, nullable=False),
    Column("text_en", Text, nullable=False),
    Column("text_cy", Text, nullable=False),
    PrimaryKeyConstraint("import_id", "question_id"),
)

cases = Table(
    "cases", metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("pseudonym", HASH, nullable=False),
    Column("age_band", ID),
    Column("gender", ID),
    Column("ethnicity", ID),
    Column("disability", ID),
    Column("disposal_type", ID),
    Column("risk_level", ID),
    Column("reoffending_likelihood", ID),
    Column("reader", HASH, nullable=False),
    Column("reader_role", String(20)),
    PrimaryKeyConstraint("import_id", "pseudonym"),
)

#: One effective judgement of a case-based key question. ``applicable`` and
#: ``sufficient`` (0/1) are decided on import from the options the bundle names, so
#: that every figure is a plain SUM.
judgements = Table(
    "judgements", metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("pseudonym", HASH, nullable=False),
    Column("question_id", ID, nullable=False),
    Column("value", ID),
    Column("applicable", SmallInteger, nullable=False),
    Column("sufficient", SmallInteger, nullable=False),
    PrimaryKeyConstraint("import_id", "question_id", "pseudonym"),
    # On SQLite the rows live in their primary key's order: the per-(import, question)
    # sums read them in one pass, without a lookup per row.
    sqlite_with_rowid=False,
)

moderations = Table(
    "moderations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False, index=True),
    Column("pseudonym", HASH, nullable=False),
    Column("question_id", ID, nullable=False),
    Column("reader", HASH, nullable=False),
    Column("reader_role", String(20)),
    Column("original_value", Text),
    Column("moderated_value", Text),
    Column("outcome", String(10), nullable=False),
    #: The moderated revision: HMAC-SHA256 of "revision:" + its id under the store's key
    #: (None for rows imported before migration 0002).
    Column("revision", HASH),
    #: Whether this is the latest moderation of its judgement (case, revision, question)
    #: in its import: only these count, as at the central store.
    Column("latest", Boolean, nullable=False),
)

followup = Table(
    "followup", metadata,
    Column("pseudonym", HASH, primary_key=True),
    Column("reconvicted", Boolean, nullable=False),
    Column("followup_date", String(10), nullable=False),
    Column("imported_at", STAMP, nullable=False),
)

Index("ix_cases_pseudonym", cases.c.pseudonym)
