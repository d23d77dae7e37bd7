"""The signed envelope around every file that travels (bundle, receipt, pack).

Layout (all of it one file)::

    MAGIC (8 bytes "HMIPENV1")
    header length (4 bytes, big-endian, at most MAX_HEADER)
    header (UTF-8 JSON: EnvelopeHeader)
    signature (64 bytes, Ed25519 over MAGIC + length + header)
    payload (header.payload_size bytes; its SHA-256 is header.payload_sha256)

The header names the signing key and the payload's hash, so checking the signature
and the hash proves the whole file before anything in the payload is decrypted or
parsed. ``open_envelope`` reads only the small, bounded header before that check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from ..files import write_atomically  # noqa: F401 (re-exported: callers write envelopes with it)
from ..messages import Refusal
from .formats import EnvelopeHeader
from .keys import SigningKey, verify

MAGIC = b"HMIPENV1"
MAX_HEADER = 4096
SIG_LEN = 64


class Rejected(Refusal, ValueError):
    """A file was refused; ``reason`` says exactly why (shown to users, logged)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Envelope:
    header: EnvelopeHeader
    payload: bytes


def seal(kind: str, envelope_id: str, created_at: str, payload: bytes, key: SigningKey, encryption: str,
         signer: str | None = None) -> bytes:
    header = EnvelopeHeader(
        format=1, kind=kind, id=envelope_id, key_id=key.key_id, created_at=created_at,
        payload_size=len(payload), payload_sha256=hashlib.sha256(payload).hexdigest(), encryption=encryption,
        signer=signer,
    )
    header_bytes = json.dumps(header.model_dump(exclude_none=True), sort_keys=True, separators=(",", ":")).encode()
    signed = MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes
    return signed + key.sign(signed) + payload


def open_envelope(
    data: bytes,
    find_key: Callable[[EnvelopeHeader], Ed25519PublicKey],
    *,
    max_payload: int,
    expect_kind: str | None = None,
) -> Envelope:
    """Check the envelope of ``data``; return it only if the signature and hash hold.

    ``find_key(header)`` returns the public key that must have signed it (looked up by
    ``header.key_id``) or raises Rejected (unknown, revoked, untrusted). Raises :class:`Rejected` with a specific reason for anything else.
    """
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise Rejected.of("envelope.magic")
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    if size > MAX_HEADER:
        raise Rejected.of("envelope.header_size", size=size, limit=MAX_HEADER)
    start = len(MAGIC) + 4
    if len(data) < start + size + SIG_LEN:
        raise Rejected.of("envelope.truncated")
    header_bytes = data[start : start + size]
    signature = data[start + size : start + size + SIG_LEN]
    payload = data[start + size + SIG_LEN :]
    try:
        header = EnvelopeHeader.model_validate_json(header_bytes)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Rejected.of("envelope.header", field=".".join(map(str, first["loc"])), detail=first["msg"]) from None
    if expect_kind and header.kind != expect_kind:
        raise Rejected.of("envelope.kind", expected=expect_kind, kind=header.kind)
    public = find_key(header)
    if not verify(public, signature, data[:start + size]):
        raise Rejected.of("envelope.signature")
    if header.payload_size > max_payload:
        raise Rejected.of("envelope.payload_size", size=header.payload_size, limit=max_payload)
    if len(payload) != header.payload_size:
        raise Rejected.of("envelope.payload_length", actual=len(payload), size=header.payload_size)
    if hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        raise Rejected.of("envelope.payload_hash")
    return Envelope(header, payload)


def peek_header(data: bytes) -> EnvelopeHeader:
    """The header of ``data``, NOT verified (who claims to have signed it, its id): for
    routing and rate limits only; ``open_envelope`` is what proves anything."""
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise Rejected.of("envelope.magic")
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    if size > MAX_HEADER:
        raise Rejected.of("envelope.header_size", size=size, limit=MAX_HEADER)
    start = len(MAGIC) + 4
    if len(data) < start + size + SIG_LEN:
        raise Rejected.of("envelope.truncated")
    try:
        return EnvelopeHeader.model_validate_json(data[start : start + size])
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Rejected.of("envelope.header", field=".".join(map(str, first["loc"])), detail=first["msg"]) from None


def read_bounded(path: Path, limit: int) -> bytes:
    """Read at most ``limit`` bytes of a file; Rejected if it is larger."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise Rejected.of("file.unreadable", path=path, reason=exc.strerror) from None
    if len(data) > limit:
        raise Rejected.of("file.too_large", path=path, limit=limit)
    return data
