"""The central store's tables (SQLAlchemy Core): the same code runs on SQLite and
PostgreSQL. The schema itself is created and changed only by the Alembic migrations
in ``alembic/versions``; a test checks that they produce exactly these tables."""

from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, ForeignKey, Integer, LargeBinary, MetaData, PrimaryKeyConstraint, String,
                        Table, Text)

metadata = MetaData()

ID = String(128)
STAMP = String(40)
HASH = String(64)

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

keys = Table(
    "keys", metadata,
    Column("key_id", HASH, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("public_key", Text, nullable=False),
    Column("enrolled_at", STAMP, nullable=False),
    Column("revoked_at", STAMP),
)

inspections = Table(
    "inspections", metadata,
    Column("id", ID, primary_key=True),
    Column("framework_id", ID, nullable=False),
    Column("framework_version", String(200), nullable=False),
    Column("framework_sha256", HASH, nullable=False),
    Column("created_at", STAMP, nullable=False),
    # Set-up details (0002): empty for an inspection first met through a bundle.
    Column("provider", String(200)),
    Column("title", String(200)),
    Column("framework_yaml", Text),
    Column("fieldwork_start", String(10)),
    Column("fieldwork_end", String(10)),
    # The provider's attributes (0006), for the national collation: its type (e.g. "pdu",
    # "yot"), region, family (the group of like providers tables are printed by) and the
    # size of the caseload the sample was drawn from. Empty where not recorded.
    Column("provider_type", String(100)),
    Column("region", String(200)),
    Column("family", String(200)),
    Column("caseload_size", Integer),
)

bundles = Table(
    "bundles", metadata,
    Column("bundle_id", ID, primary_key=True),
    Column("sha256", HASH, nullable=False),
    Column("key_id", HASH, ForeignKey("keys.key_id"), nullable=False),
    Column("inspection_id", ID, ForeignKey("inspections.id"), nullable=False),
    Column("device_id", ID, nullable=False),
    # 64-bit (0004): a sequence is any integer up to 2**63 - 1, as the formats allow.
    Column("sequence", BigInteger, nullable=False),
    Column("audit_seq", BigInteger, nullable=False),
    Column("audit_hash", HASH, nullable=False),
    Column("imported_at", STAMP, nullable=False),
)

devices = Table(
    "devices", metadata,
    Column("device_id", ID, primary_key=True),
    Column("max_sequence", BigInteger, nullable=False),
    #: The key that first sent bundles from this device (0004): only it may send more.
    Column("key_id", HASH, ForeignKey("keys.key_id")),
)

revisions = Table(
    "revisions", metadata,
    Column("inspection_id", ID, ForeignKey("inspections.id"), nullable=False),
    Column("case_id", ID, nullable=False),
    Column("revision_id", HASH, nullable=False),
    Column("parent_revision_id", HASH),
    Column("bundle_id", ID, ForeignKey("bundles.bundle_id"), nullable=False),
    Column("device_id", ID, nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("reader_id", ID, nullable=False),
    Column("status", String(20), nullable=False),
    Column("updated_at", STAMP, nullable=False),
    Column("profile", Text, nullable=False),
    Column("interview", Text, nullable=False),
    Column("received_at", STAMP, nullable=False),
    PrimaryKeyConstraint("inspection_id", "case_id", "revision_id"),
)

revision_answers = Table(
    "revision_answers", metadata,
    Column("inspection_id", ID, nullable=False),
    Column("case_id", ID, nullable=False),
    Column("revision_id", HASH, nullable=False),
    Column("question_id", ID, nullable=False),
    Column("value", Text),
    Column("note", Text, nullable=False),
    PrimaryKeyConstraint("inspection_id", "case_id", "revision_id", "question_id"),
)

case_reads = Table(
    "case_reads", metadata,
    Column("inspection_id", ID, ForeignKey("inspections.id"), nullable=False),
    Column("case_id", ID, nullable=False),
    Column("head_revision_id", HASH, nullable=False),
    Column("moderated_revision_id", HASH),
    Column("needs_rereview", Boolean, nullable=False, default=False),
    Column("updated_at", STAMP, nullable=False),
    PrimaryKeyConstraint("inspection_id", "case_id"),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inspection_id", ID, nullable=False),
    Column("case_id", ID, nullable=False),
    Column("revision_id", HASH, nullable=False),
    Column("against_revision_id", HASH, nullable=False),
    Column("detected_at", STAMP, nullable=False),
    Column("resolved_at", STAMP),
)

team_members = Table(
    "team_members", metadata,
    Column("inspection_id", ID, ForeignKey("inspections.id"), nullable=False),
    Column("member_id", ID, nullable=False),
    Column("key_id", HASH, ForeignKey("keys.key_id")),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    PrimaryKeyConstraint("inspection_id", "member_id"),
)

setup_cases = Table(
    "setup_cases", metadata,
    Column("inspection_id", ID, ForeignKey("inspections.id"), nullable=False),
    Column("case_id", ID, nullable=False),
    Column("profile", Text, nullable=False),
    #: "sample", "reserve" or "caseload" (not drawn)
    Column("selection", String(10), nullable=False),
    Column("reserve_rank", Integer),
    Column("stratum", String(400), nullable=False),
    Column("reader_id", ID),
    Column("replaced_by", ID),
    Column("replacement_reason", Text),
    PrimaryKeyConstraint("inspection_id", "case_id"),
)

# -- quality assurance (0003) ------------------------------------------------------------

moderations = Table(
    "moderations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inspection_id", ID, nullable=False),
    Column("case_id", ID, nullable=False),
    Column("revision_id", HASH, nullable=False),
    Column("question_id", ID, nullable=False),
    #: JSON texts: what the reader recorded, and the moderator's judgement.
    Column("original_value", Text),
    Column("moderated_value", Text),
    #: "agreed" or "changed" (a change needs a rationale)
    Column("outcome", String(10), nullable=False),
    Column("rationale", Text, nullable=False),
    Column("moderator", ID, nullable=False),
    Column("created_at", STAMP, nullable=False),
)

read_outcomes = Table(
    "read_outcomes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inspection_id", ID, nullable=False),
    Column("case_id", ID, nullable=False),
    Column("revision_id", HASH, nullable=False),
    #: "agreed", "changed" or "returned" (to the reader, with comments)
    Column("outcome", String(10), nullable=False),
    Column("comments", Text, nullable=False),
    Column("moderator", ID, nullable=False),
    Column("created_at", STAMP, nullable=False),
)

qa_selection = Table(
    "qa_selection", metadata,
    Column("inspection_id", ID, nullable=False),
    Column("case_id", ID, nullable=False),
    #: "sampled" (by the QA rates) or "added" (by the lead)
    Column("reason", String(20), nullable=False),
    Column("created_at", STAMP, nullable=False),
    PrimaryKeyConstraint("inspection_id", "case_id"),
)

overrides = Table(
    "overrides", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inspection_id", ID, nullable=False),
    Column("standard_id", ID, nullable=False),
    #: None withdraws an earlier override
    Column("band_id", ID),
    Column("reason", Text, nullable=False),
    Column("by", ID, nullable=False),
    Column("created_at", STAMP, nullable=False),
)

signoffs = Table(
    "signoffs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inspection_id", ID, nullable=False),
    #: "sign_off" locks the inspection; "reopen" unlocks it
    Column("action", String(10), nullable=False),
    Column("key_id", HASH, nullable=False),
    Column("reason", Text, nullable=False),
    Column("ratings_sha256", HASH, nullable=False),
    Column("signature", Text, nullable=False),
    Column("created_at", STAMP, nullable=False),
)

events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", STAMP, nullable=False),
    Column("actor", ID, nullable=False),
    Column("action", String(40), nullable=False),
    Column("inspection_id", ID),
    Column("case_read_id", Integer),
    Column("target", String(300)),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", HASH, nullable=False),
    Column("hash", HASH, nullable=False, unique=True),
)

#: Judgements on evidence (0004), for the standards judged once per inspection (domain
#: one, out-of-court and resettlement policy and provision, the ESI's section A). One
#: row per record, never changed: a key question's team judgement (``question_id`` set;
#: ``text`` the evidence summary) or the standard's band decided by the lead
#: (``question_id`` NULL; ``text`` the rationale). The latest (``at``, then ``id``) wins.
#: ``id`` is made where the record is made, so a record carried in a bundle is imported
#: once however often it arrives; ``origin`` says where it was made ("central" or a device).
evidence_judgements = Table(
    "evidence_judgements", metadata,
    Column("id", ID, primary_key=True),
    Column("inspection_id", ID, nullable=False, index=True),
    Column("standard_id", ID, nullable=False),
    Column("question_id", ID),
    Column("value", ID, nullable=False),
    Column("text", Text, nullable=False),
    Column("by", ID, nullable=False),
    Column("at", STAMP, nullable=False),
    Column("origin", ID, nullable=False),
)

#: Evidence standards assigned to team members at set-up (0008): only the assigned member
#: sends the team's judgements of that standard's key questions (docs/decisions.md).
evidence_assignments = Table(
    "evidence_assignments", metadata,
    Column("inspection_id", ID, ForeignKey("inspections.id"), nullable=False),
    Column("standard_id", ID, nullable=False),
    Column("member_id", ID, nullable=False),
    Column("assigned_at", STAMP, nullable=False),
    PrimaryKeyConstraint("inspection_id", "standard_id"),
)

# -- the sync service's shared state (0007; core/central/sync_state.py) ------------------

#: (key, nonce) pairs of signed requests seen within the replay window.
sync_nonces = Table(
    "sync_nonces", metadata,
    Column("key_id", HASH, nullable=False),
    Column("nonce", String(64), nullable=False),
    Column("created", BigInteger, nullable=False, index=True),
    PrimaryKeyConstraint("key_id", "nonce"),
)

#: Requests per key and minute (Unix seconds // 60), for the per-key rate limit.
sync_rate = Table(
    "sync_rate", metadata,
    Column("key_id", HASH, nullable=False),
    Column("minute", BigInteger, nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("key_id", "minute"),
)

#: The receipt file answered for each bundle uploaded: a repeat gets these same bytes.
sync_receipts = Table(
    "sync_receipts", metadata,
    Column("bundle_id", ID, primary_key=True),
    Column("receipt_id", ID, nullable=False),
    Column("key_id", HASH, nullable=False, index=True),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", STAMP, nullable=False),
)

#: Inspection packs as written by ``hmip pack create``, for team members to fetch.
sync_packs = Table(
    "sync_packs", metadata,
    Column("pack_id", ID, primary_key=True),
    Column("inspection_id", ID, nullable=False, index=True),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", STAMP, nullable=False),
)
