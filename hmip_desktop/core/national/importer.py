"""Importing signed results bundles into the national store.

For each file, in this order: read it (bounded); skip it if these exact bytes were
imported before (idempotent); check the envelope's signer against the store's trusted
keys and verify the signature; decrypt with the store's identity; read the one member;
validate it (``results_model``: a format-3 bundle carries pseudonyms, made at the
central store under this store's key, whose id it names and which must be this store's;
a format-2 bundle's case references and reader key ids are pseudonymised here, alike);
then, in one transaction, write the import, the inspection, its standards and key
questions, the cases and judgements (streamed in batches through the DBAPI's
executemany) and the moderations. The newest sign-off of an inspection is
``current``; an older one stays on record with ``superseded_by`` set.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyrage
from pydantic import ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from ..central.importer import _Writer as Writer  # the DBAPI executemany writer, one for both stores
from ..central.results import MAX_RESULTS, MEMBER
from ..central.store import utc_now
from ..exchange import archive, envelope
from ..exchange.envelope import Rejected
from ..exchange.keys import fingerprint, parse_public
from ..messages import Msg
from . import schema
from .results_model import PROFILE, Results, parse
from .store import NationalError, NationalStore

BATCH = 20_000


@dataclass(frozen=True)
class Imported:
    file: str
    inspection: str
    #: "imported", "already imported", "imported (superseded by a newer sign-off)"
    outcome: str
    cases: int
    judgements: int


def _acted(exc: Rejected) -> Rejected:
    """A refusal whose reason already says what to do."""
    exc.says_what_to_do = True
    return exc


def _open(store: NationalStore, data: bytes) -> tuple[dict, str, str]:
    """(results, signer key id, envelope id), or Rejected."""
    t = schema.trusted_keys
    with store.engine.connect() as conn:
        trusted = {r.key_id: r for r in conn.execute(select(t))}

    def find_key(header):
        row = trusted.get(header.key_id)
        if row is None:
            raise _acted(Rejected.of("national.untrusted", key=header.key_id[:16]))
        if row.revoked_at is not None:
            raise _acted(Rejected.of("national.revoked", key=header.key_id[:16], name=row.name,
                                     since=row.revoked_at[:10]))
        public, _ = parse_public(row.public_key)
        if header.signer:  # a header naming its signer must name this key
            named, _ = parse_public(header.signer, "results signer")
            if fingerprint(named) != header.key_id:
                raise Rejected.of("results.signer_mismatch")
        return public

    env = envelope.open_envelope(data, find_key, max_payload=MAX_RESULTS, expect_kind="results")
    try:
        plain = pyrage.decrypt(env.payload, [store.identity()])
    except NationalError:
        raise
    except Exception:  # noqa: BLE001
        raise _acted(Rejected.of("national.not_encrypted")) from None
    members = archive.read(plain, {MEMBER}, {MEMBER})
    try:
        return json.loads(members[MEMBER]), env.header.key_id, env.header.id
    except ValueError as exc:
        raise Rejected.of("json.invalid", where=MEMBER, detail=exc) from None


CASE_COLUMNS = ("import_id", "pseudonym", *PROFILE, "reader", "reader_role")
JUDGEMENT_COLUMNS = ("import_id", "pseudonym", "question_id", "value", "applicable", "sufficient")
MOD_COLUMNS = ("import_id", "pseudonym", "question_id", "reader", "reader_role", "original_value",
               "moderated_value", "outcome", "revision", "latest")


def _moderation_rows(results: Results, import_id: int, pseudonym) -> list[tuple]:
    """The moderation rows of an import, in the central store's order, each with its
    revision's pseudonym and whether it is the latest moderation of its judgement (case,
    revision, question): the central store counts only that one (``latest_moderations``).
    The reader is the moderated revision's where the bundle names it (format 3), else the
    case read's (format 2 and older format-3 bundles: the best there is)."""
    readers = {c.pseudonym: (c.reader, c.reader_role) for c in results.cases}
    kept = [(m.id if m.id is not None else n, n, m) for n, m in enumerate(results.moderations)
            if m.pseudonym in readers]
    kept.sort(key=lambda x: (x[0], x[1]))
    revisions: dict[str, str] = {}
    last: dict[tuple[str, str, str], int] = {}
    for i, (_, _, m) in enumerate(kept):
        last[(m.pseudonym, m.revision_id, m.question_id)] = i
    rows = []
    for i, (_, _, m) in enumerate(kept):
        rev = revisions.get(m.revision_id) or revisions.setdefault(m.revision_id, pseudonym(f"revision:{m.revision_id}"))
        reader = (m.reader, m.reader_role) if getattr(m, "reader", None) else readers[m.pseudonym]
        rows.append((import_id, m.pseudonym, m.question_id, *reader, m.original_value,
                     m.moderated_value, m.outcome, rev, last[(m.pseudonym, m.revision_id, m.question_id)] == i))
    return rows


def _write_cases(writer: Writer, results: Results, import_id: int) -> None:
    """Cases and judgements as tuples, streamed to the writer in batches."""
    # per key question: value -> the row's tail (question, value, applicable, sufficient);
    # any other value (not applicable, unanswered) counts in neither
    kinds = {kq.id: {v: (kq.id, v, int(v in kq.applicable), int(v in kq.sufficient))
                     for v in {*kq.applicable, *kq.sufficient}} for kq in results.key_questions}
    for case in results.cases:
        p, reader = case.pseudonym, case.reader
        profile = case.profile
        writer.add(schema.cases, CASE_COLUMNS, [(import_id, p, *(getattr(profile, f) for f in PROFILE), reader,
                                                 case.reader_role)], BATCH)
        judged = case.judgements  # every key known: import_file checked them first
        head = (import_id, p)
        writer.add(schema.judgements, JUDGEMENT_COLUMNS, [
            head + (kinds[q].get(v) or (q, v if v.__class__ is str else None, 0, 0)) for q, v in judged.items()], BATCH)


def import_file(store: NationalStore, path: Path) -> Imported:
    """Import one results file; NationalError (one line naming the file) if refused."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_RESULTS + 8192)
    except OSError as exc:
        raise NationalError.of("national.unreadable", file=name, reason=exc.strerror or exc) from None
    digest = hashlib.sha256(data).hexdigest()
    im = schema.imports
    with store.engine.connect() as conn:
        seen = conn.execute(select(im.c.inspection_id).where(im.c.file_sha256 == digest)).scalar()
    if seen is not None:
        return Imported(name, seen, "already imported", 0, 0)
    try:
        raw, signer, envelope_id = _open(store, data)
        results = parse(raw, store.pseudonymiser)
    except Rejected as exc:
        acted = getattr(exc, "says_what_to_do", False)
        raise NationalError.of("national.rejected", file=name,
                               reason=exc if acted else Msg.of("national.ask_again", reason=exc)) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise NationalError.of("national.bad_results", file=name, reason=f"{where}: {first['msg']}") from None
    if results.pseudonym_key is not None and results.pseudonym_key.id != store.pseudonym_key_id():
        raise NationalError.of("national.other_pseudonym_key", file=name, key=results.pseudonym_key.id[:16],
                               own=store.pseudonym_key_id()[:16])
    known = {kq.id for kq in results.key_questions}
    seen: set[str] = set()
    for n, case in enumerate(results.cases, 1):  # checked before anything is written
        if case.pseudonym in seen:
            raise NationalError.of("national.rejected", file=name, reason=Msg.of(
                "national.ask_again", reason=Msg.of("national.case_twice", n=n)))
        seen.add(case.pseudonym)
        unknown = case.judgements.keys() - known
        if unknown:
            raise NationalError.of("national.rejected", file=name, reason=Msg.of("national.ask_again", reason=Msg.of(
                "national.unknown_question", n=n, question=min(unknown))))
    try:
        import_id, newest = _record(store, results, digest, envelope_id, signer)
    except IntegrityError:  # the same file imported by another process at the same moment
        return Imported(name, results.inspection, "already imported", 0, 0)
    cases = len(results.cases)
    judged = sum(len(c.judgements) for c in results.cases)
    return Imported(name, results.inspection, "imported" if newest else "imported (superseded by a newer sign-off)",
                    cases, judged)


def _record(store: NationalStore, results: Results, digest: str, envelope_id: str, signer: str) -> tuple[int, bool]:
    """Write one import in one transaction; (its id, whether it is now current)."""
    im = schema.imports
    order = (results.signed_off_at, results.exported_at)
    with store.engine.begin() as conn:
        # the current import of the same inspection (of the same central store), locked on
        # PostgreSQL so that two imports of one inspection at once decide one after the other
        rows = conn.execute(select(im.c.id, im.c.signed_off_at, im.c.exported_at).where(
            im.c.inspection_id == results.inspection, im.c.source == results.store_id, im.c.current.is_(True))
            .with_for_update()).all()
        newest = not rows or order > (rows[0].signed_off_at, rows[0].exported_at)
        import_id = conn.execute(insert(im).values(
            file_sha256=digest, envelope_id=envelope_id, inspection_id=results.inspection, source=results.store_id,
            signer_key_id=signer,
            signed_off_at=results.signed_off_at, exported_at=results.exported_at, imported_at=utc_now(),
            current=newest, superseded_by=None if newest else rows[0].id).returning(im.c.id)).scalar_one()
        if newest and rows:
            conn.execute(update(im).where(im.c.id == rows[0].id).values(current=False, superseded_by=import_id))
        _write(conn, results, import_id, store.pseudonymiser())
    return import_id, newest


def _write(conn, results: Results, import_id: int, pseudonym) -> None:
    r, p = results.ratings, results.provider
    conn.execute(insert(schema.inspections).values(
        import_id=import_id, inspection_id=results.inspection, provider=p.name, provider_type=p.type,
        region=p.region, family=p.family, caseload_size=p.caseload_size, framework_id=results.framework.id,
        framework_version=results.framework.version, framework_sha256=results.framework.sha256,
        fieldwork_start=results.fieldwork.start, fieldwork_end=results.fieldwork.end,
        overall_score=r.overall.score, overall_rating=r.overall.rating, overall_percent=r.overall.percent))
    conn.execute(insert(schema.standards), [
        {"import_id": import_id, "standard_id": s.id, "position": i, "number": s.number, "title": s.title,
         "kind": s.kind, "score": s.score, "rating": s.rating, "percent": s.percent}
        for i, s in enumerate(r.standards)])
    if results.key_questions:
        conn.execute(insert(schema.key_questions), [
            {"import_id": import_id, "question_id": kq.id, "standard_id": kq.standard, "position": i,
             "text_en": kq.text.en, "text_cy": kq.text.cy} for i, kq in enumerate(results.key_questions)])
    # Tuples straight to the DBAPI's executemany, the INSERT compiled once per table (the
    # central importer's writer): a batch at a time, not a statement or a dict per row.
    writer = Writer(conn)
    _write_cases(writer, results, import_id)
    writer.add(schema.moderations, MOD_COLUMNS, _moderation_rows(results, import_id, pseudonym), BATCH)
    writer.flush()
