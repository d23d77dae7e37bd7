"""Exporting an inspection's case reads from the laptop as one signed, encrypted bundle.

Snapshot semantics: the bundle holds the current state of every case read of the
inspection on this device that is the laptop user's own (``settings.user_id``, set when
the inspection pack was imported): the central store accepts from a member only the
reads allocated to them. A store with no user recorded (made by hand) sends every read.
A read of a case the latest pack allocates to someone else stays on the laptop and is
left out, with one line per case in the summary (``left_out``; reallocation.py). Each read carries a revision id: the SHA-256 of its parent
revision and its content, so an unchanged read keeps its revision from one export to
the next (importing again changes nothing), and a changed read names the revision it
was changed from. The device's sequence number goes up by one per export.

The export is written atomically (temporary file, fsync, rename) inside the database
transaction that records it: a crash leaves either no file and no record, or a complete
file (and, at worst, no record). The sequence number is committed first, on its own,
so the next export after such a crash uses a higher one: its reads either repeat the
crashed bundle's revisions (unchanged) or are later revisions of the same parents,
which the central store recognises as newer from the same device.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pyrage
from sqlite_utils import Database

from ..exchange import archive, envelope
from ..exchange.formats import MAX_BUNDLE_FILE, MAX_BUNDLE_RECORDS, Manifest
from ..exchange.revisions import EVIDENCE_MEMBER, MEMBER, canonical, content_hash, revision_id  # noqa: F401 (re-exported)
from ..exchange.keys import SigningKey
from ..messages import Refusal
from . import audit, evidence, reallocation
from .db import write_transaction

class ExportError(Refusal, ValueError):
    pass


class NoCentralStore(ExportError):
    """The laptop has not imported an inspection pack: it does not know where to send."""


def check_ready(db: Database, inspection_id: str) -> None:
    """Raise what :func:`export_bundle` would refuse for before touching a key or a file:
    no central store known (:class:`NoCentralStore`), no such inspection, too many reads."""
    _central_recipients(db)
    if db.execute("SELECT 1 FROM inspections WHERE id = ?", [inspection_id]).fetchone() is None:
        raise ExportError.of("store.no_inspection", inspection=inspection_id)
    _refuse_too_many(db, inspection_id)
    _refuse_nothing_for_a_lead(db, inspection_id)


def _refuse_nothing_for_a_lead(db: Database, inspection_id: str) -> None:
    """A lead's laptop sends judgements on evidence only (leads submit no case reads, and
    the central store refuses a lead's bundle without them): with none waiting, say so
    rather than write a bundle the central store would refuse."""
    user = _setting(db, "user_id")
    role = db.execute("SELECT role FROM team_members WHERE inspection_id = ? AND id = ?", [inspection_id, user]).fetchone()
    if role is not None and role[0] == "lead" and not evidence.unsent(db, inspection_id):
        raise ExportError.of("export.lead_nothing", inspection=inspection_id)


def _central_recipients(db: Database) -> list[str]:
    raw = _setting(db, "central_recipients")
    if not raw:
        raise NoCentralStore.of("exchange.no_central_store")
    return json.loads(raw)


def _refuse_too_many(db: Database, inspection_id: str) -> None:
    count = db.execute("SELECT count(*) FROM case_reads WHERE inspection_id = ?", [inspection_id]).fetchone()[0]
    if count > MAX_BUNDLE_RECORDS:
        raise ExportError.of("export.too_many_reads", inspection=inspection_id, count=count, limit=MAX_BUNDLE_RECORDS)


def trust_central(db: Database, *, store_id: str, recipients: list[str], public_key: str) -> None:
    """Record which central store this laptop sends to (from the inspection pack or the demo)."""
    for r in recipients:
        _recipient(r)  # refuse a malformed recipient before recording anything
    with write_transaction(db):
        for key, value in (("central_store_id", store_id), ("central_recipients", json.dumps(recipients)),
                           ("central_key", public_key)):
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       [key, value])


def set_user(db: Database, member_id: str) -> None:
    """Record whose laptop this is (the team member id; pack import does this): exports
    then carry only that member's case reads."""
    with write_transaction(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('user_id', ?) ON CONFLICT (key) DO UPDATE SET"
                   " value = excluded.value", [member_id])


def _recipient(text: str):
    try:
        if text.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(text)
        return pyrage.ssh.Recipient.from_str(text)
    except Exception:  # noqa: BLE001 - pyrage raises its own error types
        raise ExportError.of("export.recipient", recipient=text[:24]) from None


def _setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def read_records(db: Database, inspection_id: str, only: list[int] | None = None) -> list[tuple[int, dict, tuple]]:
    """(case read id, record without revision, stored bookkeeping) for each read (or the
    reads in ``only``). SQLite assembles each read's answers as one JSON object
    (json_group_object), so Python parses one text per read instead of one per answer."""
    out = []
    ids_filter = "" if only is None else " AND r.id IN (SELECT value FROM json_each(?))"
    params = [inspection_id] if only is None else [inspection_id, json.dumps(only)]
    for row in db.execute(
        "SELECT r.id, r.case_id, r.reader_id, r.status, r.updated_at, c.profile, r.interview_held, r.interview_date,"
        " r.interview_note, r.exported_revision, r.exported_parent, r.exported_content,"
        " (SELECT json_group_object(a.question_id, json_object('value', json(a.value), 'note', a.note))"
        "  FROM answers a WHERE a.case_read_id = r.id AND (a.value IS NOT NULL OR a.note != ''))"
        " FROM case_reads r JOIN cases c USING (inspection_id, case_id) WHERE r.inspection_id = ?"
        + ids_filter + " ORDER BY r.case_id",
        params,
    ):
        record = {
            "case_id": row[1], "reader_id": row[2], "status": row[3], "updated_at": row[4],
            "profile": json.loads(row[5]),
            "interview": {"held": None if row[6] is None else bool(row[6]), "date": row[7], "note": row[8] or ""},
            "answers": json.loads(row[12]) if row[12] else {},
        }
        out.append((row[0], record, (row[9], row[10], row[11])))
    return out


def _line(record: dict, content_json: bytes, rev: str, parent: str | None) -> bytes:
    """The JSON line for a record: its revision fields, then its content, encoded once."""
    head = canonical({"parent_revision_id": parent, "revision_id": rev, "updated_at": record["updated_at"]})
    return head[:-1] + b"," + content_json[1:]


def _fresh_lines(db: Database, inspection_id: str, stale: list[int]) -> tuple[dict[int, bytes], int]:
    """Encode the reads that changed since their last export; record their new revisions.
    Returns the lines by read id and how many got a new revision."""
    lines, changed = {}, 0
    for read_id, record, (old_rev, old_parent, old_content) in read_records(db, inspection_id, stale):
        body = {k: v for k, v in record.items() if k != "updated_at"}
        content_json = canonical(body)
        content = hashlib.sha256(content_json).hexdigest()
        if content == old_content and old_rev:
            rev, parent = old_rev, old_parent
        else:
            parent, rev = old_rev, revision_id(old_rev, content)
            changed += 1
        line = _line(record, content_json, rev, parent)
        db.execute("UPDATE case_reads SET exported_revision = ?, exported_parent = ?, exported_content = ?,"
                   " exported_line = ?, exported_edit_count = edit_count WHERE id = ?",
                   [rev, parent, content, line.decode(), read_id])
        lines[read_id] = line
    return lines, changed


def _refuse_what_import_would(inspection_id: str, body: bytes, payload: bytes, size: int, evidence_body: bytes) -> None:
    """ExportError (before anything is recorded or written) if the central store's import
    would refuse this bundle for its size: the same caps, from core/exchange."""
    try:
        archive.check_lines(body, MEMBER, MAX_BUNDLE_RECORDS)
        if evidence_body:
            archive.check_lines(evidence_body, EVIDENCE_MEMBER, MAX_BUNDLE_RECORDS)
        archive.check(payload, {"manifest.json", MEMBER, EVIDENCE_MEMBER})
        if size > MAX_BUNDLE_FILE:
            raise envelope.Rejected.of("export.file_size", size=size, limit=MAX_BUNDLE_FILE)
    except envelope.Rejected as exc:
        raise ExportError.of("export.would_be_refused", inspection=inspection_id, reason=exc) from None


def export_bundle(
    db: Database, inspection_id: str, key: SigningKey, out: Path,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Write the bundle for ``inspection_id`` to ``out``; return a summary dict."""
    recipients = [_recipient(r) for r in _central_recipients(db)]
    _refuse_too_many(db, inspection_id)
    _refuse_nothing_for_a_lead(db, inspection_id)
    # The sequence number is taken, and made durable, before anything else: a crash
    # after the bundle file is in place but before its record commits must never lead
    # the next export to reuse the number (the central store orders a device's bundles
    # by it). A crash earlier only leaves a gap in the numbers, which is harmless.
    with write_transaction(db):
        sequence = int(_setting(db, "sequence") or 0) + 1
        db.execute("UPDATE settings SET value = ? WHERE key = 'sequence'", [str(sequence)])
    with write_transaction(db):
        insp = db.execute("SELECT framework_id, framework_version, framework_sha256 FROM inspections WHERE id = ?",
                          [inspection_id]).fetchone()
        if insp is None:
            raise ExportError.of("store.no_inspection", inspection=inspection_id)
        user = _setting(db, "user_id")
        # Reads of cases the latest pack gives to someone else stay here, left out (reallocation.py).
        reads = db.execute("SELECT r.id, r.edit_count, r.exported_edit_count, r.exported_line FROM case_reads r"
                           " JOIN cases c ON c.inspection_id = r.inspection_id AND c.case_id = r.case_id"
                           " JOIN inspections i ON i.id = r.inspection_id WHERE r.inspection_id = ?"
                           f" AND NOT {reallocation.REALLOCATED}" + (" AND r.reader_id = ?" if user else "")
                           + " ORDER BY r.case_id", [inspection_id, user] if user else [inspection_id]).fetchall()
        left_out = [reallocation.notice(row) for row in reallocation.left_out(db, inspection_id, user)]
        stale = [r[0] for r in reads if r[2] != r[1] or r[3] is None]
        fresh, changed = _fresh_lines(db, inspection_id, stale)
        lines = [fresh[r[0]] if r[0] in fresh else r[3].encode() for r in reads]
        if progress:
            progress(len(reads), len(reads) + 1)
        body = b"\n".join(lines) + (b"\n" if lines else b"")
        # Judgements on evidence not yet confirmed travel beside the reads (in their own
        # member, present only when there are some, so such a bundle is as before).
        judged = evidence.unsent(db, inspection_id)
        evidence_body = b"".join(canonical(j) + b"\n" for j in judged)
        files = {MEMBER: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body), "count": len(lines)}}
        members = {MEMBER: body}
        if judged:
            files[EVIDENCE_MEMBER] = {"sha256": hashlib.sha256(evidence_body).hexdigest(), "size": len(evidence_body),
                                      "count": len(judged)}
            members[EVIDENCE_MEMBER] = evidence_body
        seq, head = audit.head(db)
        bundle_id = uuid.uuid4().hex
        now = audit.utc_now()
        manifest = Manifest(
            format=1, bundle_id=bundle_id, inspection_id=inspection_id,
            framework={"id": insp[0], "version": insp[1], "sha256": insp[2]},
            device_id=_setting(db, "device_id"), sequence=sequence, sender_key_id=key.key_id, created_at=now,
            audit_head={"seq": seq, "hash": head},
            files=files,
        )
        payload = archive.build({"manifest.json": canonical(manifest.model_dump()), **members})
        sealed = envelope.seal("bundle", bundle_id, now, pyrage.encrypt(payload, recipients), key, "age")
        _refuse_what_import_would(inspection_id, body, payload, len(sealed), evidence_body)
        evidence.mark_exported(db, [j["id"] for j in judged], bundle_id)
        db.execute("INSERT INTO exports (bundle_id, inspection_id, sequence, created_at, audit_seq, audit_hash)"
                   " VALUES (?, ?, ?, ?, ?, ?)", [bundle_id, inspection_id, sequence, now, seq, head])
        audit.append(db, actor=f"key:{key.key_id[:16]}", action="export", inspection_id=inspection_id,
                     target="bundle", after={"bundle_id": bundle_id, "sequence": sequence, "reads": len(lines),
                                             **({"evidence": len(judged)} if judged else {}),
                                             **({"left_out": len(left_out)} if left_out else {})})
        envelope.write_atomically(Path(out), sealed)
        if progress:
            progress(len(reads) + 1, len(reads) + 1)
    return {"bundle_id": bundle_id, "sequence": sequence, "reads": len(lines), "changed": changed, "bytes": len(sealed),
            "evidence": len(judged), "left_out": left_out}

