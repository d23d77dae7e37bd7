"""Every format that crosses a boundary between laptop and central store, as strict
pydantic models (``extra="forbid"``, bounded sizes). docs/bundle-format.md describes
them for third parties; keep the two in step.

Judgements cross as ``yes``/``no``/``na``; graded scales as their own option ids.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: The version of the formats here (the ``format`` field of each).
FORMAT_VERSION = 1
#: The largest integer any field takes: I-JSON integers as a signed 64-bit column holds them.
MAX_INT = 2**63 - 1

#: The caps on one bundle (docs/bundle-format.md): the central store's import refuses a
#: larger file or more case reads, so the laptop's export refuses to write one.
MAX_BUNDLE_FILE = 128 * 1024 * 1024
MAX_BUNDLE_RECORDS = 10_000

Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$")]
Stamp = Annotated[str, StringConstraints(max_length=40)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
#: Answer values: option ids, lists of option ids, numbers, ISO dates, text.
Value = (
    Annotated[str, StringConstraints(max_length=20_000)]
    | int
    | float
    | Annotated[list[Annotated[str, StringConstraints(max_length=200)]], Field(max_length=100)]
    | None
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class EnvelopeHeader(Strict):
    """The small signed header in front of every encrypted payload (bundle, receipt, pack)."""

    format: Literal[1]
    kind: Literal["bundle", "receipt", "pack", "results"]
    id: Ident
    key_id: Hex64
    created_at: Stamp
    payload_size: int = Field(ge=0, le=MAX_INT)
    payload_sha256: Hex64
    #: "age" payloads are encrypted to the central store (and escrow); "plain" are only signed.
    encryption: Literal["age", "plain"]
    #: Packs only: the signer's public key line, so a laptop that trusts its fingerprint
    #: can check the signature before decrypting anything.
    signer: Annotated[str, StringConstraints(max_length=400)] | None = None


class FileEntry(Strict):
    sha256: Hex64
    size: int = Field(ge=0, le=MAX_INT)
    count: int = Field(ge=0, le=MAX_INT)


class FrameworkRef(Strict):
    id: Ident
    version: ShortText
    sha256: Hex64


class AuditHead(Strict):
    seq: int = Field(ge=0, le=MAX_INT)
    hash: Hex64


class Manifest(Strict):
    format: Literal[1]
    bundle_id: Ident
    inspection_id: Ident
    framework: FrameworkRef
    device_id: Ident
    sequence: int = Field(ge=1, le=MAX_INT)
    sender_key_id: Hex64
    created_at: Stamp
    audit_head: AuditHead
    #: "case_reads.jsonl" always; "evidence.jsonl" exactly when the archive holds it.
    files: dict[Literal["case_reads.jsonl", "evidence.jsonl"], FileEntry]


class AnswerRecord(Strict):
    value: Value = None
    note: LongText = ""


class Interview(Strict):
    held: bool | None = None
    date: Annotated[str, StringConstraints(max_length=10)] | None = None
    note: LongText = ""


class CaseReadRecord(Strict):
    """The state of one case read at export (snapshot semantics)."""

    case_id: Ident
    reader_id: Ident
    status: Literal["not_started", "in_progress", "complete"]
    revision_id: Hex64
    parent_revision_id: Hex64 | None
    updated_at: Stamp
    profile: Annotated[dict[Ident, Value | bool], Field(max_length=100)]
    interview: Interview
    answers: Annotated[dict[Ident, AnswerRecord], Field(max_length=2000)]


class EvidenceLine(Strict):
    """One judgement on evidence made on a laptop (a line of ``evidence.jsonl``): a key
    question's team judgement (``question_id`` set, ``text`` the evidence summary) or the
    lead's band for the standard (``question_id`` null, ``text`` the rationale). Never
    edited: a later record supersedes it; ``id`` is made once where it is recorded."""

    id: Ident
    standard_id: Ident
    question_id: Ident | None
    value: Annotated[str, StringConstraints(max_length=200)]
    text: LongText
    by: Ident
    at: Stamp


class ReceiptEntry(Strict):
    case_id: Ident
    revision_id: Hex64
    #: "head": this revision is the central store's current one; "conflict": held for the
    #: lead inspector beside another; "ancestor": an older revision, kept on record.
    outcome: Literal["head", "conflict", "ancestor", "known"]


class ReceiptComment(Strict):
    """A lead inspector's comments on a read returned to its reader after QA."""

    case_id: Ident
    outcome: Literal["returned"]
    comments: LongText
    moderator: Ident
    at: Stamp


class Receipt(Strict):
    format: Literal[1]
    receipt_id: Ident
    bundle_id: Ident
    inspection_id: Ident
    device_id: Ident
    sequence: int = Field(ge=1, le=MAX_INT)
    store_id: Ident
    received_at: Stamp
    #: False when this exact bundle had been imported before (nothing changed).
    newly_imported: bool
    case_reads: Annotated[list[ReceiptEntry], Field(max_length=10_000)]
    #: Reads returned to their reader with comments (they travel back with the next receipt).
    comments: Annotated[list[ReceiptComment], Field(max_length=10_000)] = []
    #: Ids of the bundle's judgements on evidence that the central store holds. Left out
    #: of a receipt for a bundle that carried none (so older laptops read it as before).
    evidence: Annotated[list[Ident], Field(max_length=10_000)] = []


class PackInspection(Strict):
    id: Ident
    provider: ShortText
    title: ShortText
    framework_yaml: Annotated[str, StringConstraints(max_length=2_000_000)]
    framework_sha256: Hex64
    fieldwork_start: Annotated[str, StringConstraints(max_length=10)] | None = None
    fieldwork_end: Annotated[str, StringConstraints(max_length=10)] | None = None


class PackMember(Strict):
    id: Ident
    name: ShortText
    role: Literal["inspector", "local_assessor", "lead"]
    public_key: Annotated[str, StringConstraints(max_length=400)] | None = None


class PackCase(Strict):
    case_id: Ident
    profile: Annotated[dict[Ident, Value | bool], Field(max_length=100)]
    selection: Literal["sample", "reserve"]
    reserve_rank: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None
    reader_id: Ident | None = None


class PackCentral(Strict):
    store_id: Ident
    recipients: Annotated[list[Annotated[str, StringConstraints(max_length=200)]], Field(min_length=1, max_length=10)]
    signing_key: Annotated[str, StringConstraints(max_length=400)]


class Pack(Strict):
    """An inspection pack: everything a laptop needs to start fieldwork."""

    format: Literal[1]
    pack_id: Ident
    created_at: Stamp
    inspection: PackInspection
    team: Annotated[list[PackMember], Field(min_length=1, max_length=100)]
    cases: Annotated[list[PackCase], Field(max_length=20_000)]
    central: PackCentral
    #: Standards judged on evidence assigned at set-up: standard id -> member id (a team
    #: member). Left out of a pack with none (so older laptops read it as before).
    evidence_assignments: Annotated[dict[Ident, Ident], Field(max_length=200)] = {}
