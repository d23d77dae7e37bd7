"""Verifying and importing bundles into the central store.

Order of checks (nothing is decrypted or parsed before the signature holds):
envelope and signature against enrolled keys → payload hash → bundle id (idempotence)
→ decrypt → archive allow-list and caps → manifest (strict JSON) → authorisation of the
signer (authorise.py) → records, streamed: strict JSON, model, revision id, the read's
authorisation, every value against the pinned framework (validate.py) → apply. The
import is one database transaction: all of it or none.

Streaming, in two passes over the decrypted member (docs/decisions.md): the first
checks every record and keeps only its small facts (line, case, revision, parent), so
that every read is authorised and valid before anything is written; the second parses
the member again and writes in batches with executemany. No pass holds all records.

How a revision is applied to its case read (never a silent overwrite):
known already → nothing; no current revision → it becomes current; its parent is the
current one, or the current one is among its ancestors, or it comes later from the
same device → it becomes current (fast-forward); it is an ancestor of the current one,
or earlier from the same device → kept on record only (an older bundle never rolls
anything back); otherwise two devices changed the read from the same base → a
conflict: both kept, the current one stays, the lead inspector resolves it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import weakref
from json.encoder import encode_basestring_ascii as _encode_string
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import orjson
import pyrage
from pydantic import ValidationError
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..exchange import archive, envelope
from ..exchange.envelope import Rejected
from ..exchange.formats import (MAX_BUNDLE_FILE, MAX_BUNDLE_RECORDS, AnswerRecord, CaseReadRecord, Interview,
                                Manifest)
from ..exchange.revisions import BOOKKEEPING, EVIDENCE_MEMBER, MEMBER, content_hash, revision_id
from ..messages import Msg
from . import schema
from .answers import framework_for
from .authorise import Authority, Refused, authorise
from .receipt import receipt_for
from .gcpause import collector_paused
from .store import CentralError, CentralStore, utc_now
from .validate import Checker

#: The caps the exchange layer states (export refuses, before writing, what import would refuse).
MAX_FILE = MAX_BUNDLE_FILE
MAX_RECORDS = MAX_BUNDLE_RECORDS
ALLOWED = {"manifest.json", MEMBER, EVIDENCE_MEMBER}
#: Required members: evidence.jsonl is optional (bundles without judgements on evidence are as before).
REQUIRED = {"manifest.json", MEMBER}
#: Rows written per executemany: reads (revisions) and answers.
BATCH_READS = 500
BATCH_ANSWERS = 5000
#: Records the first pass keeps as parsed for the second (a bounded few MB at most).
HELD_READS = BATCH_READS


#: What happened to a case read of an imported bundle (``ImportResult.outcomes`` keys), in
#: the words of the sentence ``describe`` makes (the central window has the same, translated).
OUTCOME_WORDS = {"head": "now current", "conflict": "in conflict with another version",
                 "ancestor": "older than the version held", "known": "already held"}


def describe_outcomes(outcomes: dict[str, int]) -> str:
    """``{"head": 48}`` as "48 case reads now current" (outcomes joined by commas)."""
    parts = [f"{n} case read{'' if n == 1 else 's'} {OUTCOME_WORDS.get(k, k)}" for k, n in sorted(outcomes.items())]
    return ", ".join(parts) or "no case reads"


@dataclass
class ImportResult:
    bundle_id: str
    inspection_id: str
    newly_imported: bool
    outcomes: dict[str, int] = field(default_factory=dict)
    receipt: bytes = b""
    #: judgements on evidence newly stored
    evidence: int = 0

    def describe(self) -> str:
        if not self.newly_imported:
            return f"bundle {self.bundle_id} was already imported: nothing changed"
        judged = f", {self.evidence} judgement{'' if self.evidence == 1 else 's'} on evidence" if self.evidence else ""
        return (f"bundle {self.bundle_id} imported into inspection {self.inspection_id}: "
                f"{describe_outcomes(self.outcomes)}{judged}")


@dataclass(frozen=True, slots=True)
class Fact:
    """What the first pass keeps of one record (never its content)."""

    line: int
    case_id: str
    revision_id: str
    parent_revision_id: str | None


@dataclass(frozen=True)
class Opened:
    """A bundle that has passed every check, ready to apply: the facts of its records
    and the member itself, parsed again record by record when applied."""

    sha256: str
    key_id: str
    manifest: Manifest
    records: list[Fact]
    body: bytes
    #: None for a bundle imported before (nothing of it is applied again)
    authority: Authority | None
    #: (line, EvidenceLine) of its judgements on evidence (few: held whole), and the
    #: framework they were checked against (None for a bundle imported before)
    evidence: tuple = ()
    framework: object = None
    #: The first records as the first pass parsed them (at most HELD_READS, so a small
    #: bundle is parsed once; the rest are parsed again when applied).
    held: tuple[dict, ...] = ()


def _strict(model, data, where: str | Msg):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Rejected.of("import.invalid", where=where, field=".".join(map(str, first["loc"])),
                          detail=first["msg"]) from None


def _record(raw, number: int) -> CaseReadRecord:
    """The read on line ``number``; a refusal names its case too when its id is well formed."""
    try:
        return CaseReadRecord.model_validate(raw)
    except ValidationError:
        case = raw.get("case_id") if type(raw) is dict else None
        ok = type(case) is str and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}", case)  # formats.Ident
        return _strict(CaseReadRecord, raw, Msg.of("auth.where", member=MEMBER, line=number, case=case) if ok
                       else f"{MEMBER}:{number}")  # raises again, naming the place


def record_content_hash(raw: dict, record: CaseReadRecord) -> str:
    """``content_hash(record.model_dump())`` without the dump when ``raw``, the parsed
    line ``record`` was validated from, already carries every field: the models are
    strict (nothing coerced: the same str, int, float, bool, None and lists), so the
    canonical JSON of the two is byte for byte the same (tests/core/exchange/test_content_hash.py)."""
    answers = raw["answers"].values()
    if len(raw) == _RECORD_FIELDS and len(raw["interview"]) == _INTERVIEW_FIELDS \
            and all(map(_ANSWER_FIELDS.__eq__, map(len, answers))):
        # (every answer has both its fields: "value" is there to be read)
        if float in map(type, raw["profile"].values()) or float in map(type, map(_VALUE, answers)):
            return content_hash(raw)
        # No float (the models allow one only as a profile or answer value): orjson then
        # writes the canonical JSON byte for byte as revisions.canonical does (strings,
        # integers within 63 bits, booleans, null, ASCII keys sorted); floats it writes
        # otherwise (1e16 for 1e+16), so those go the canonical way above.
        return hashlib.sha256(orjson.dumps({k: v for k, v in raw.items() if k not in BOOKKEEPING},
                                           option=orjson.OPT_SORT_KEYS)).hexdigest()
    return content_hash(record.model_dump())


_RECORD_FIELDS, _INTERVIEW_FIELDS, _ANSWER_FIELDS = (
    len(m.model_fields) for m in (CaseReadRecord, Interview, AnswerRecord))
_VALUE = itemgetter("value")


def open_bundle(store: CentralStore, conn, data: bytes) -> tuple[Opened, bool]:
    """Check a bundle fully. Returns (Opened, already imported). Raises Rejected with
    the reason, also for a bundle id already imported with other content."""
    env = envelope.open_envelope(data, lambda header: store.find_key(conn, header.key_id), max_payload=MAX_FILE,
                                 expect_kind="bundle")
    sha = hashlib.sha256(data).hexdigest()
    seen = conn.execute(select(schema.bundles.c.sha256).where(schema.bundles.c.bundle_id == env.header.id)).scalar()
    if seen is not None and seen != sha:
        raise Rejected.of("import.other_content", bundle=env.header.id)
    if env.header.encryption != "age":
        raise Rejected.of("import.not_encrypted")
    identity = store.identity()  # a missing or foreign keys folder is the store's fault: CentralError, not Rejected
    try:
        payload = pyrage.decrypt(env.payload, [identity])
    except Exception:  # noqa: BLE001 - pyrage.DecryptError and friends
        raise Rejected.of("import.not_for_us") from None
    members = archive.read(payload, ALLOWED, REQUIRED)
    archive.check_depth(members["manifest.json"], "manifest.json")
    try:
        manifest = _strict(Manifest, archive.strict_loads(members["manifest.json"], "manifest.json"), "manifest.json")
    except Rejected as exc:
        raise Rejected.like(exc) from None
    if manifest.bundle_id != env.header.id or manifest.sender_key_id != env.header.key_id:
        raise Rejected.of("import.manifest_header")
    if MEMBER not in manifest.files:
        raise Rejected.of("import.manifest_member", member=MEMBER)
    entry = manifest.files[MEMBER]
    body = members.pop(MEMBER)
    judged, evidence_body = [], members.pop(EVIDENCE_MEMBER, None)
    if evidence_body is not None or EVIDENCE_MEMBER in manifest.files:
        from . import evidence_import  # only for bundles that carry some (it loads the event log's modules)

        judged = evidence_import.read(evidence_body, manifest.files.get(EVIDENCE_MEMBER))
    if hashlib.sha256(body).hexdigest() != entry.sha256 or len(body) != entry.size:
        raise Rejected.of("import.member_hash", member=MEMBER)
    # A bundle imported before (the very same file) was authorised and checked then:
    # resending it changes nothing and answers with its receipt, whatever changed since.
    authority = checker = None
    if seen is None:
        authority = authorise(conn, manifest, env.header.key_id)
        try:
            checker = Checker(framework_for(store, manifest.inspection_id))
        except CentralError as exc:
            raise Rejected.like(exc) from None
    facts, seen_cases, held = [], set(), []
    for number, raw in archive.json_lines(body, MEMBER, MAX_RECORDS):
        where = f"{MEMBER}:{number}"
        record = _record(raw, number)
        if record.case_id in seen_cases:
            raise Rejected.of("import.case_twice", where=where, case=record.case_id)
        seen_cases.add(record.case_id)
        content = record_content_hash(raw, record)
        if revision_id(record.parent_revision_id, content) != record.revision_id:
            raise Rejected.of("import.revision_id", where=where, case=record.case_id)
        if authority is not None:
            authority.check_read(number, record)
            checker.check(record, Msg.of("auth.where", member=MEMBER, line=number, case=record.case_id))
        facts.append(Fact(number, record.case_id, record.revision_id, record.parent_revision_id))
        if len(held) < HELD_READS:
            held.append(raw)
    if len(facts) != entry.count:
        raise Rejected.of("import.count", member=MEMBER, count=len(facts), expected=entry.count)
    if judged and checker is not None:
        evidence_import.check(conn, checker.fw, authority, judged)
    return (Opened(sha, env.header.key_id, manifest, facts, body, authority, tuple(judged),
                   checker.fw if checker else None, tuple(held)), seen is not None)


def verify_bundle(store: CentralStore, data: bytes) -> str:
    """Check everything without importing; return a one-line description."""
    with store.engine.connect() as conn:
        opened, already = open_bundle(store, conn, data)
    m = opened.manifest
    note = " (already imported)" if already else ""
    judged = f", {len(opened.evidence)} judgements on evidence" if opened.evidence else ""
    return (f"bundle {m.bundle_id} is valid{note}: inspection {m.inspection_id}, {len(opened.records)} case reads{judged}, "
            f"device sequence {m.sequence}")


class _Lineage:
    """The inspection's revisions of the cases in a bundle, loaded in one query, with the
    revisions of this bundle added as they are applied."""

    def __init__(self, conn, inspection_id: str, case_ids: list[str]):
        t = schema.revisions
        self.parent: dict[tuple[str, str], str | None] = {}
        self.origin: dict[tuple[str, str], tuple[str, int]] = {}
        for r in conn.execute(select(t.c.case_id, t.c.revision_id, t.c.parent_revision_id, t.c.device_id, t.c.sequence)
                              .where(t.c.inspection_id == inspection_id, t.c.case_id.in_(case_ids))):
            self.add(r.case_id, r.revision_id, r.parent_revision_id, r.device_id, r.sequence)

    def add(self, case_id: str, rev: str, parent: str | None, device: str, sequence: int) -> None:
        self.parent[(case_id, rev)] = parent
        self.origin[(case_id, rev)] = (device, sequence)

    def known(self, case_id: str, rev: str) -> bool:
        return (case_id, rev) in self.parent

    def ancestors(self, case_id: str, start: str | None) -> set[str]:
        """Revision ids reachable from ``start`` through parent links (including parents
        that were named but never received)."""
        out: set[str] = set()
        current = start
        while current and current not in out:
            out.add(current)
            current = self.parent.get((case_id, current))
        return out


#: The columns of the rows written, in the order the tuples carry them.
REVISION_COLUMNS = ("inspection_id", "case_id", "revision_id", "parent_revision_id", "bundle_id", "device_id", "sequence",
                    "reader_id", "status", "updated_at", "profile", "interview", "received_at")
ANSWER_COLUMNS = ("inspection_id", "case_id", "revision_id", "question_id", "value", "note")
READ_COLUMNS = ("inspection_id", "case_id", "head_revision_id", "needs_rereview", "updated_at")
CONFLICT_COLUMNS = ("inspection_id", "case_id", "revision_id", "against_revision_id", "detected_at")


def _json_value(value: object) -> str | None:
    """``json.dumps(value)`` (None stays NULL); a string, the usual value, straight through
    the C encoder json.dumps itself uses for it."""
    if value is None:
        return None
    return _encode_string(value) if type(value) is str else json.dumps(value)


def _rows(opened: Opened, now: str):
    """The second pass: (revision row, its answer rows) of each record: the records the
    first pass held, then the others parsed again from the member one line at a time
    (already checked: defaults filled in here)."""
    m = opened.manifest
    rest = archive.json_lines(opened.body, MEMBER, MAX_RECORDS, checked=True, skip=len(opened.held))
    for r in itertools.chain(opened.held, map(itemgetter(1), rest)):
        interview = r["interview"]
        case_id, rev = r["case_id"], r["revision_id"]
        yield (m.inspection_id, case_id, rev, r["parent_revision_id"], m.bundle_id, m.device_id, m.sequence,
               r["reader_id"], r["status"], r["updated_at"], json.dumps(r["profile"], sort_keys=True),
               json.dumps({"held": interview.get("held"), "date": interview.get("date"),
                           "note": interview.get("note", "")}, sort_keys=True), now), [
            (m.inspection_id, case_id, rev, qid, value, a.get("note", ""))
            for (qid, a), value in zip(r["answers"].items(), _json_values(r["answers"].values()))]


def _json_values(answers) -> list[str | None]:
    """:func:`_json_value` of each answer's value (a missing one is None): when every
    value is a string, the usual case, encoded in one pass by the C encoder."""
    values = [a.get("value") for a in answers]
    try:
        return list(map(_encode_string, values))
    except TypeError:  # a list, a number or None among them
        return list(map(_json_value, values))


#: dialect → (table, columns) → what _Writer._statement compiled for it.
_STATEMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Writer:
    """Rows (tuples in the order of their table's COLUMNS) inserted in batches, so that no
    more than a batch is held, with the DBAPI's own executemany: the INSERT is compiled
    once per table for the connection's dialect (its paramstyle: qmark for sqlite3, named
    for psycopg), and each column's bind processor, if it has one, applied as SQLAlchemy would."""

    def __init__(self, conn):
        self.conn = conn
        self.pending: dict[object, list[tuple]] = {}
        # compiled once per dialect (every SQLite store of a process shares one: store._SQLite)
        self.statements: dict[object, tuple] = _STATEMENTS.setdefault(conn.dialect, {})

    def add(self, table, columns: tuple[str, ...], rows: list[tuple], limit: int) -> None:
        held = self.pending.setdefault((table, columns), [])
        held.extend(rows)
        if len(held) >= limit:
            self.flush((table, columns))

    def _statement(self, table, columns: tuple[str, ...]):
        compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=list(columns))
        if compiled.escaped_bind_names or set(compiled.binds) != set(columns):
            raise CentralError.of("import.insert", table=table.name)  # never with this schema
        processors = compiled._bind_processors
        procs = [processors.get(c) for c in columns]
        order = [columns.index(name) for name in compiled.positiontup] if compiled.positional else None
        return str(compiled), order, procs if any(procs) else None

    def flush(self, key=None) -> None:
        for table, columns in [key] if key is not None else list(self.pending):
            rows = self.pending.get((table, columns))
            if not rows:
                continue
            if (table, columns) not in self.statements:
                self.statements[(table, columns)] = self._statement(table, columns)
            sql, order, procs = self.statements[(table, columns)]
            if procs is not None:
                rows = [tuple(v if p is None else p(v) for p, v in zip(procs, row)) for row in rows]
            if order is None:
                params = [dict(zip(columns, row)) for row in rows]
            elif order != list(range(len(columns))):
                params = [tuple(row[i] for i in order) for row in rows]
            else:
                params = rows
            self.conn.exec_driver_sql(sql, params)
            self.pending[(table, columns)] = []


def _apply(conn, opened: Opened, now: str) -> dict[str, str]:
    m = opened.manifest
    cr = schema.case_reads
    case_ids = [r.case_id for r in opened.records]
    lineage = _Lineage(conn, m.inspection_id, case_ids)
    # Locked (PostgreSQL; on SQLite this transaction already holds the write lock): a lead
    # moderating one of these reads meanwhile either finishes first, and its moderated
    # revision is seen here (flagged for re-review), or waits and sees the new head.
    current = {row.case_id: row for row in conn.execute(
        select(cr).where(cr.c.inspection_id == m.inspection_id, cr.c.case_id.in_(case_ids))
        .order_by(cr.c.case_id).with_for_update())}
    outcomes: dict[str, str] = {}
    writer = _Writer(conn)
    moved = []
    for r, (revision, answers) in zip(opened.records, _rows(opened, now)):
        if lineage.known(r.case_id, r.revision_id):
            outcomes[r.case_id] = "known"
            continue
        writer.add(schema.revisions, REVISION_COLUMNS, [revision], BATCH_READS)
        writer.add(schema.revision_answers, ANSWER_COLUMNS, answers, BATCH_ANSWERS)
        lineage.add(r.case_id, r.revision_id, r.parent_revision_id, m.device_id, m.sequence)
        row = current.get(r.case_id)
        if row is None:
            writer.add(cr, READ_COLUMNS, [(m.inspection_id, r.case_id, r.revision_id, False, now)], BATCH_READS)
            outcomes[r.case_id] = "head"
            continue
        head = row.head_revision_id
        head_device, head_sequence = lineage.origin.get((r.case_id, head), (None, -1))
        same_device = head_device == m.device_id
        if r.parent_revision_id == head or head in lineage.ancestors(r.case_id, r.parent_revision_id) \
                or (same_device and m.sequence > head_sequence):
            rereview = row.moderated_revision_id is not None and row.moderated_revision_id != r.revision_id
            moved.append({"i": m.inspection_id, "c": r.case_id, "head": r.revision_id, "now": now,
                          "rereview": bool(row.needs_rereview or rereview)})
            outcomes[r.case_id] = "head"
        elif r.revision_id in lineage.ancestors(r.case_id, head) or (same_device and m.sequence < head_sequence):
            # an equal sequence is neither earlier nor later: a crashed export's bundle and
            # one that reused its number (edits in between) → a conflict, not dropped
            outcomes[r.case_id] = "ancestor"
        else:
            writer.add(schema.conflicts, CONFLICT_COLUMNS, [(m.inspection_id, r.case_id, r.revision_id, head, now)],
                       BATCH_READS)
            outcomes[r.case_id] = "conflict"
    writer.flush()
    if moved:
        conn.execute(
            update(cr).where(cr.c.inspection_id == bindparam("i"), cr.c.case_id == bindparam("c"))
            .values(head_revision_id=bindparam("head"), updated_at=bindparam("now"), needs_rereview=bindparam("rereview")),
            moved)
    return outcomes


def import_bundle(store: CentralStore, data: bytes) -> ImportResult:
    """Import one bundle (bytes) in one transaction; Rejected leaves the store unchanged.
    A connection to the database lost on the way (PostgreSQL) raises CentralError: the
    transaction did not commit, so the import can simply be run again. Two imports of
    one bundle at once: the one that commits second hits the unique bundle id, and is
    run again, finding the bundle already imported (or refusing other content)."""
    try:
        with collector_paused():
            return _import_bundle(store, data)
    except Refused as exc:
        _record_refusal(store, exc)
        raise
    except IntegrityError:
        try:
            return _import_bundle(store, data)
        except Refused as exc:
            _record_refusal(store, exc)
            raise
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
        raise CentralError.of("import.connection_lost",
                              reason=str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__) from exc


def _record_refusal(store: CentralStore, refused: Refused) -> None:
    """The event log keeps every authorisation refusal: in its own transaction, after
    the import's rollback, with ids only (never a value, note or reason text)."""
    from . import events  # only here: it loads the field store's audit module (sqlite-utils, pandas)

    facts = refused.facts
    with store.engine.begin() as conn:
        events.append(conn, actor=f"key:{facts['key_id']}", action="bundle_refused",
                      inspection_id=facts["inspection_id"], target=f"bundle:{facts['bundle_id']}", after=facts)


def _import_bundle(store: CentralStore, data: bytes) -> ImportResult:
    now = utc_now()
    with store.engine.begin() as conn:
        opened, already = open_bundle(store, conn, data)
        m = opened.manifest
        bundle_id = m.bundle_id
        if already:
            return ImportResult(bundle_id, m.inspection_id, False, {}, receipt_for(store, conn, opened, False, now))
        conn.execute(insert(schema.bundles).values(
            bundle_id=bundle_id, sha256=opened.sha256, key_id=opened.key_id, inspection_id=m.inspection_id,
            device_id=m.device_id, sequence=m.sequence, audit_seq=m.audit_head.seq, audit_hash=m.audit_head.hash,
            imported_at=now))
        device = conn.execute(select(schema.devices).where(schema.devices.c.device_id == m.device_id)).first()
        if device is None:
            conn.execute(insert(schema.devices).values(device_id=m.device_id, max_sequence=m.sequence,
                                                       key_id=opened.key_id))
        elif m.sequence > device.max_sequence or device.key_id is None:
            conn.execute(update(schema.devices).where(schema.devices.c.device_id == m.device_id).values(
                max_sequence=max(m.sequence, device.max_sequence), key_id=opened.key_id))
        outcomes = _apply(conn, opened, now)
        judged = 0
        if opened.evidence:
            from . import evidence_import

            judged = evidence_import.apply(conn, opened.framework, m.inspection_id, m.device_id, list(opened.evidence))
        receipt = receipt_for(store, conn, opened, True, now)
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    return ImportResult(bundle_id, m.inspection_id, True, counts, receipt, judged)


def import_file(store: CentralStore, path: Path) -> ImportResult:
    return import_bundle(store, envelope.read_bounded(Path(path), MAX_FILE))
