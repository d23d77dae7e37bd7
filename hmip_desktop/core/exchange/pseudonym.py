"""The keyed pseudonym of a case reference (and of a reader's key id), one implementation
for the central store that writes results bundles and the national store that reads them.

``pseudonym = HMAC-SHA256(key, "case:" + reference)`` (readers: ``"reader:" + key id``),
64 hex digits. The 32-byte key is the national store's owner's (made by ``hmip national
init``); the owner lends it to the inspectorate's central stores in a *key file* made by
``hmip national issue-key``: age-encrypted to one central store's recipient, carrying the
key, its id (a hash of the key, which a results bundle names so the national store can
refuse pseudonyms made under another key), the national store's id and age recipient.
Never to laptops (docs/decisions.md says why).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass

import pyrage

KIND = "hmip-national-pseudonym-key"
MAX_KEY_FILE = 64 * 1024


def make(secret: bytes) -> Callable[[str], str]:
    """``f(text) -> pseudonym``: HMAC-SHA256 of ``text`` under ``secret``, 64 hex digits."""

    def pseudonym(text: str) -> str:
        return hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    return pseudonym


def case_text(reference: str) -> str:
    return f"case:{reference}"


def reader_text(key_id: str) -> str:
    return f"reader:{key_id}"


def key_id(secret: bytes) -> str:
    """The public id of a pseudonymisation key (reveals nothing of the key): 32 hex digits."""
    return hashlib.sha256(b"hmip pseudonym key id\0" + secret).hexdigest()[:32]


@dataclass(frozen=True)
class NationalKey:
    """A pseudonymisation key as lent to a central store."""
    secret: bytes
    national_store: str
    recipient: str
    issued_to: str
    issued_at: str

    @property
    def key_id(self) -> str:
        return key_id(self.secret)

    def pseudonymiser(self) -> Callable[[str], str]:
        return make(self.secret)

    def to_json(self) -> str:
        return json.dumps({"kind": KIND, "key": self.secret.hex(), "key_id": self.key_id,
                           "national_store": self.national_store, "recipient": self.recipient,
                           "issued_to": self.issued_to, "issued_at": self.issued_at}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> NationalKey:
        """ValueError (its message says what is wrong) if ``text`` is not a key file's content."""
        try:
            data = json.loads(text)
        except ValueError:
            raise ValueError("not a national key file") from None
        if not isinstance(data, dict) or data.get("kind") != KIND:
            raise ValueError("not a national key file")
        try:
            secret = bytes.fromhex(data["key"])
            fields = {f: str(data[f]) for f in ("national_store", "recipient", "issued_to", "issued_at")}
        except (KeyError, TypeError, ValueError):
            raise ValueError("the key file is incomplete") from None
        if len(secret) != 32 or data.get("key_id") != key_id(secret):
            raise ValueError("the key file is damaged (its key does not match its id)")
        return cls(secret, **fields)

    def seal(self, central_recipient: str) -> bytes:
        """The key file for the central store whose age recipient is ``central_recipient``."""
        return pyrage.encrypt(self.to_json().encode("utf-8"), [pyrage.x25519.Recipient.from_str(central_recipient)])

    @classmethod
    def open(cls, data: bytes, identity) -> NationalKey:
        if len(data) > MAX_KEY_FILE:
            raise ValueError("not a national key file")
        try:
            plain = pyrage.decrypt(data, [identity])
        except Exception:  # noqa: BLE001
            raise ValueError("not encrypted to this central store (issue it again with --to its recipient)") from None
        return cls.from_json(plain.decode("utf-8", "replace"))
