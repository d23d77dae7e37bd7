"""The field store's schema, as named migrations (sqlite-utils ``Migrations``).

Rules: never edit or reorder a migration that has shipped; add a new one. Each runs
in its own transaction. ``SCHEMA_VERSION`` is the number of migrations this version
knows and is written to ``PRAGMA user_version`` so older versions can refuse the file.
"""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("hmip_field")


_INITIAL = [
    """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
    """,
    """
CREATE TABLE inspections (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    title TEXT NOT NULL,
    framework_id TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    framework_sha256 TEXT NOT NULL,
    framework_yaml TEXT NOT NULL,
    fieldwork_start TEXT,
    fieldwork_end TEXT,
    created_at TEXT NOT NULL
)
    """,
    """
CREATE TABLE team_members (
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('inspector', 'local_assessor', 'lead')),
    PRIMARY KEY (inspection_id, id)
)
    """,
    """
CREATE TABLE cases (
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    case_id TEXT NOT NULL,
    profile TEXT NOT NULL DEFAULT '{}',
    selection TEXT NOT NULL CHECK (selection IN ('sample', 'reserve', 'caseload')),
    reserve_rank INTEGER,
    PRIMARY KEY (inspection_id, case_id)
)
    """,
    """
CREATE TABLE case_reads (
    id INTEGER PRIMARY KEY,
    inspection_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    reader_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'complete')),
    interview_held INTEGER CHECK (interview_held IN (0, 1)),
    interview_date TEXT,
    interview_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    UNIQUE (inspection_id, case_id),
    FOREIGN KEY (inspection_id, case_id) REFERENCES cases(inspection_id, case_id),
    FOREIGN KEY (inspection_id, reader_id) REFERENCES team_members(inspection_id, id)
)
    """,
    """
CREATE INDEX case_reads_reader ON case_reads(inspection_id, reader_id)
    """,
    """
CREATE TABLE answers (
    case_read_id INTEGER NOT NULL REFERENCES case_reads(id),
    question_id TEXT NOT NULL,
    value TEXT,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (case_read_id, question_id)
)
    """,
    """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    inspection_id TEXT,
    case_read_id INTEGER,
    target TEXT,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
)
    """,
    """
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
    """
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
]


@MIGRATIONS(name="0001_initial")
def _initial(db: Database) -> None:
    # One statement at a time: executescript() would COMMIT the migration's transaction.
    for statement in _INITIAL:
        db.execute(statement)
    db["settings"].insert({"key": "device_id", "value": uuid.uuid4().hex})


_EXCHANGE = [
    # What this device last sent of each case read, and what the central store holds.
    "ALTER TABLE case_reads ADD COLUMN exported_revision TEXT",
    "ALTER TABLE case_reads ADD COLUMN exported_parent TEXT",
    "ALTER TABLE case_reads ADD COLUMN exported_content TEXT",
    "ALTER TABLE case_reads ADD COLUMN central_revision TEXT",
    """
CREATE TABLE exports (
    bundle_id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    sequence INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    audit_hash TEXT NOT NULL
)
    """,
    """
CREATE TABLE receipts (
    receipt_id TEXT PRIMARY KEY,
    bundle_id TEXT NOT NULL,
    inspection_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    imported_at TEXT NOT NULL
)
    """,
    # Purging an inspection may remove its audit events, and only then: the purge
    # writes a grant, deletes, and records the removed events' hashes in the chain.
    """
CREATE TABLE purge_grants (
    inspection_id TEXT PRIMARY KEY,
    receipt_id TEXT NOT NULL
)
    """,
    "DROP TRIGGER audit_log_no_delete",
    """
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM purge_grants g WHERE g.inspection_id = OLD.inspection_id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
]


@MIGRATIONS(name="0002_exchange")
def _exchange(db: Database) -> None:
    for statement in _EXCHANGE:
        db.execute(statement)
    db["settings"].insert({"key": "sequence", "value": "0"})


@MIGRATIONS(name="0003_export_cache")
def _export_cache(db: Database) -> None:
    # Every change to a case read bumps edit_count; an export keeps the line it wrote
    # and the count it saw, so an unchanged read is re-sent without re-encoding it.
    for statement in (
        "ALTER TABLE case_reads ADD COLUMN edit_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE case_reads ADD COLUMN exported_edit_count INTEGER",
        "ALTER TABLE case_reads ADD COLUMN exported_line TEXT",
    ):
        db.execute(statement)


@MIGRATIONS(name="0004_returned_comments")
def _returned_comments(db: Database) -> None:
    # A lead inspector's comments on reads returned after QA, from receipts.
    db.execute(
        """
CREATE TABLE read_comments (
    inspection_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    comments TEXT NOT NULL,
    moderator TEXT NOT NULL,
    at TEXT NOT NULL,
    receipt_id TEXT NOT NULL,
    PRIMARY KEY (inspection_id, case_id, at)
)
        """
    )


_EVIDENCE = [
    # Judgements on evidence recorded on this laptop: the same columns as the central
    # store's table (id made here, random hex; origin this device), plus what this device
    # did with each: the last bundle that carried it, the receipt that confirmed it.
    """
CREATE TABLE evidence_judgements (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    standard_id TEXT NOT NULL,
    question_id TEXT,
    value TEXT NOT NULL,
    text TEXT NOT NULL,
    "by" TEXT NOT NULL,
    at TEXT NOT NULL,
    origin TEXT NOT NULL,
    exported_bundle TEXT,
    confirmed_receipt TEXT
)
    """,
    "CREATE INDEX evidence_judgements_inspection ON evidence_judgements(inspection_id, standard_id, at)",
    # Append-only: a record is never changed (a later one supersedes it); only the
    # bookkeeping columns move, and rows go only with a purge (as the audit log).
    """
CREATE TRIGGER evidence_judgements_no_update
BEFORE UPDATE OF id, inspection_id, standard_id, question_id, value, text, "by", at, origin ON evidence_judgements
BEGIN SELECT RAISE(ABORT, 'judgements on evidence are append-only'); END
    """,
    """
CREATE TRIGGER evidence_judgements_no_delete BEFORE DELETE ON evidence_judgements
WHEN NOT EXISTS (SELECT 1 FROM purge_grants g WHERE g.inspection_id = OLD.inspection_id)
BEGIN SELECT RAISE(ABORT, 'judgements on evidence are append-only'); END
    """,
]


@MIGRATIONS(name="0005_evidence_judgements")
def _evidence_judgements(db: Database) -> None:
    for statement in _EVIDENCE:
        db.execute(statement)


@MIGRATIONS(name="0006_outbox")
def _outbox(db: Database) -> None:
    # Network sync (docs/sync.md): the bundles exported for sending, each with its state,
    # and the items fetched from the server's inbox (receipts, packs), so none is fetched twice.
    db.execute(
        """
CREATE TABLE outbox (
    bundle_id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'receipt_received', 'refused')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    receipt_id TEXT
)
        """
    )
    db.execute(
        """
CREATE TABLE inbox_seen (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
)
        """
    )


@MIGRATIONS(name="0007_evidence_assignments")
def _evidence_assignments(db: Database) -> None:
    # The standards judged on evidence that the pack assigns to team members (issue 14):
    # the laptop records the team's judgements of a standard only for its assignee.
    db.execute(
        """
CREATE TABLE evidence_assignments (
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    standard_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    PRIMARY KEY (inspection_id, standard_id)
)
        """
    )


@MIGRATIONS(name="0008_pack_issue")
def _pack_issue(db: Database) -> None:
    # Which inspection pack an inspection on this laptop comes from (docs/decisions.md,
    # "Re-issued inspection packs"): a newer pack of the same inspection signed by the same
    # lead key updates it; an older one, or one signed by another key, is refused. NULL for
    # inspections made before (by a pack or the demo): the first re-issue is then checked
    # against the lead key trusted at the first import (settings.pack_trust).
    for column in ("pack_id", "pack_created_at", "pack_key_id"):
        db.execute(f"ALTER TABLE inspections ADD COLUMN {column} TEXT")


@MIGRATIONS(name="0009_allocation")
def _allocation(db: Database) -> None:
    # Whom the latest pack allocates each case to (core/field/reallocation.py): a read kept
    # by a re-issued pack for a case now allocated to another member is left out of exports.
    # Until the next pack, the reads on the laptop are the allocation known.
    db.execute("ALTER TABLE cases ADD COLUMN allocated_to TEXT")
    db.execute("UPDATE cases SET allocated_to = (SELECT r.reader_id FROM case_reads r"
               " WHERE r.inspection_id = cases.inspection_id AND r.case_id = cases.case_id)")


SCHEMA_VERSION = len(MIGRATIONS._migrations)
