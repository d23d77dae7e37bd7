"""The sync protocol's shared pieces (docs/sync.md), used by the server and the laptop:
paths, limits, RFC 9421 signed requests with Ed25519, and the store's identity proof.

Signed requests use ``http-message-signatures`` (pyauth; RFC 9421, Ed25519 built in):
this module only fixes the profile — covered components, parameters, label and tag,
the replay window — so that both sides agree. Replay (the nonce) is the server's
business: :func:`verify_request` returns the nonce and ``created`` for it to record.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
from dataclasses import dataclass
from types import SimpleNamespace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from http_message_signatures import HTTPMessageSigner, HTTPMessageVerifier, HTTPSignatureKeyResolver, algorithms
from http_message_signatures.exceptions import HTTPMessageSignaturesException

from .keys import SigningKey, fingerprint, parse_public, verify

PROTOCOL_VERSION = 1
IDENTITY_PATH = "/v1/identity"
BUNDLES_PATH = "/v1/bundles"
INBOX_PATH = "/v1/inbox"
ITEMS_PATH = "/v1/items"  # /v1/items/{kind}/{id}
ITEM_KINDS = ("receipt", "pack")

LABEL = "hmip"
TAG = "hmip-sync"
COVERED = ("@method", "@authority", "@path", "@query")
#: A signed request is accepted this long after ``created`` ...
REPLAY_WINDOW = 300
#: ... and this far ahead of the server's clock.
CLOCK_SKEW = 60
#: Largest inbox answer, in items.
INBOX_LIMIT = 200
#: Per key and minute.
RATE_LIMIT = 120
#: An upload must arrive within this many seconds.
UPLOAD_TIME_LIMIT = 300


class SignatureRefused(ValueError):
    """A signed request that cannot be accepted; ``status`` is the HTTP status to answer."""

    def __init__(self, reason: str, status: int = 401):
        super().__init__(reason)
        self.reason, self.status = reason, status


class _OneKey(HTTPSignatureKeyResolver):
    def __init__(self, key: SigningKey | None = None, lookup=None):
        self.key, self.lookup, self.refusal = key, lookup, None

    def resolve_private_key(self, key_id: str):
        return self.key.private

    def resolve_public_key(self, key_id: str):
        try:
            return self.lookup(key_id)
        except Exception as exc:  # the store's refusal (unknown, revoked key): kept to answer 403 with it
            self.refusal = exc
            raise


def sign_request(request, key: SigningKey, *, now: dt.datetime | None = None, nonce: str | None = None) -> None:
    """Add ``Signature-Input`` and ``Signature`` to ``request`` (an httpx.Request, or
    anything with method, url and a writable headers mapping)."""
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=_OneKey(key))
    signer.sign(request, key_id=key.key_id, created=now or dt.datetime.now(dt.timezone.utc),
                nonce=nonce or secrets.token_hex(16), label=LABEL, tag=TAG, covered_component_ids=COVERED)


@dataclass(frozen=True)
class Signed:
    key_id: str
    nonce: str
    created: int


def verify_request(method: str, url: str, headers, lookup) -> Signed:
    """Check a signed request. ``lookup(key_id)`` returns the enrolled, unrevoked public key
    or raises (that exception is re-raised: the caller answers 403 with it). Raises
    SignatureRefused for anything else wrong with the signature or its time."""
    resolver = _OneKey(lookup=lookup)
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
    verifier.max_clock_skew = dt.timedelta(seconds=CLOCK_SKEW)
    message = SimpleNamespace(method=method, url=url, headers=headers)
    try:
        results = verifier.verify(message, max_age=dt.timedelta(seconds=REPLAY_WINDOW), expect_tag=TAG,
                                  require_components=COVERED)
    except HTTPMessageSignaturesException as exc:
        if resolver.refusal is not None:
            raise resolver.refusal from None
        raise SignatureRefused(f"request signature not accepted: {str(exc).splitlines()[0] if str(exc) else 'invalid'}") \
            from None
    params = results[0].parameters
    nonce = params.get("nonce")
    if not isinstance(nonce, str) or not 16 <= len(nonce) <= 64:
        raise SignatureRefused("request signature not accepted: a nonce of 16 to 64 characters is required")
    return Signed(str(params["keyid"]), nonce, int(params["created"]))


# -- the store's identity ----------------------------------------------------------------

#: Put before the signed identity document, so that this signature (made for anyone who
#: asks, over their challenge) can never stand for an envelope (which begins HMIPENV1) or
#: anything else the store's key signs.
IDENTITY_CONTEXT = b"hmip-sync identity v1\n"


def _canonical(obj: dict) -> bytes:
    return IDENTITY_CONTEXT + json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def valid_challenge(challenge: str) -> bool:
    return 16 <= len(challenge) <= 64 and all(c in "0123456789abcdef" for c in challenge)


def identity_answer(store_id: str, key: SigningKey, challenge: str, server_version: str, format_version: int) -> dict:
    """The identity document, signed by the store's signing key over the client's challenge."""
    body = {"store_id": store_id, "signing_key_id": key.key_id, "challenge": challenge,
            "versions": {"protocol": PROTOCOL_VERSION, "format": format_version, "server": server_version}}
    return {**body, "signature": base64.b64encode(key.sign(_canonical(body))).decode()}


def check_identity(answer: object, challenge: str, store_id: str, signing_key_line: str) -> str | None:
    """None when ``answer`` proves the pinned store (id, key, fresh signature); else why not."""
    if not isinstance(answer, dict) or set(answer) != {"store_id", "signing_key_id", "challenge", "versions", "signature"}:
        return "its identity answer is malformed"
    pinned: Ed25519PublicKey = parse_public(signing_key_line)[0]
    if answer["store_id"] != store_id:
        return f"it is store {str(answer['store_id'])[:16]}, not {store_id[:16]}"
    if answer["signing_key_id"] != fingerprint(pinned):
        return f"its signing key is {str(answer['signing_key_id'])[:16]}, not {fingerprint(pinned)[:16]}"
    if answer["challenge"] != challenge:
        return "its identity answer is not for this request"
    try:
        signature = base64.b64decode(str(answer["signature"]), validate=True)
    except ValueError:
        return "its identity signature is malformed"
    body = {k: v for k, v in answer.items() if k != "signature"}
    if not verify(pinned, signature, _canonical(body)):
        return "its identity signature does not verify with the pinned key"
    return None
