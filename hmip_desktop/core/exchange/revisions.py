"""Canonical JSON and revision ids, shared by the laptop's export and the central
store's import (pure: no database, so importing bundles never loads the field store).

``revision_id = sha256(parent + ":" + content_hash)`` where the content hash is the
SHA-256 of the record's canonical JSON without its revision bookkeeping.
"""

from __future__ import annotations

import hashlib
import json

#: The bundle member holding the case reads, one JSON object per line.
MEMBER = "case_reads.jsonl"
#: The optional bundle member holding judgements on evidence, one JSON object per line.
EVIDENCE_MEMBER = "evidence.jsonl"
BOOKKEEPING = ("revision_id", "parent_revision_id", "updated_at")


def canonical(obj: object) -> bytes:
    """JSON with sorted keys, no spaces, UTF-8 (not ASCII-escaped)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(record: dict) -> str:
    """The hash of a case read's content (everything but its revision bookkeeping)."""
    return hashlib.sha256(canonical({k: v for k, v in record.items() if k not in BOOKKEEPING})).hexdigest()


def revision_id(parent: str | None, content: str) -> str:
    return hashlib.sha256(f"{parent or ''}:{content}".encode()).hexdigest()
