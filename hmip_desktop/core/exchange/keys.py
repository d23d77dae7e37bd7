"""Signing keys (Ed25519) for inspectors and the central store.

A key folder holds ``public.key`` (one line: ``hmip-ed25519 <base64> <name>``) and
``private.pem`` (PKCS#8, encrypted with a passphrase). The passphrase is generated at
random and kept in the operating system's keyring (Windows Credential Manager, macOS
Keychain, Secret Service) under the key's fingerprint. Where no keyring exists (a
server, CI), the passphrase is taken from the environment variable
``HMIP_KEY_PASSPHRASE``; ``keys new`` then requires it to be set. See docs/keys.md.

The fingerprint (key id) is the SHA-256 of the raw 32-byte public key, in hex.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..messages import Refusal

KEYRING_SERVICE = "hmip-desktop"
PASSPHRASE_ENV = "HMIP_KEY_PASSPHRASE"
PUBLIC_PREFIX = "hmip-ed25519"


class KeyError_(Refusal, ValueError):
    """A key cannot be created, read or unlocked; the message says what to do."""


class WrongPassphrase(KeyError_):
    """The passphrase does not unlock the key (or private.pem is damaged)."""


def fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_line(public: Ed25519PublicKey, name: str) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return f"{PUBLIC_PREFIX} {base64.b64encode(raw).decode()} {name}".strip()


def parse_public(text: str, source: str = "public key") -> tuple[Ed25519PublicKey, str]:
    """(key, name) from a ``public.key`` line; KeyError_ naming ``source`` if malformed."""
    parts = text.strip().split(" ", 2)
    if len(parts) < 2 or parts[0] != PUBLIC_PREFIX:
        raise KeyError_.of("key.not_public", source=source, prefix=PUBLIC_PREFIX)
    try:
        raw = base64.b64decode(parts[1], validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise KeyError_.of("key.damaged", source=source) from None
    return key, parts[2] if len(parts) > 2 else ""


def read_public(path: Path) -> tuple[Ed25519PublicKey, str]:
    path = Path(path)
    if path.is_dir():
        path = path / "public.key"
    try:
        return parse_public(path.read_text(encoding="utf-8")[:1000], str(path))
    except OSError as exc:
        raise KeyError_.of("key.public_unreadable", path=path, reason=exc.strerror) from None


def verify(public: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        public.verify(signature, data)
        return True
    except InvalidSignature:
        return False


def _keyring():
    """The OS keyring module if a usable backend exists, else None."""
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
        return keyring
    except Exception:  # noqa: BLE001 - any keyring failure means "no keyring here"
        return None


def _store_passphrase(key_id: str) -> bytes:
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env.encode()
    ring = _keyring()
    if ring is None:
        raise KeyError_.of("key.no_keyring", env=PASSPHRASE_ENV)
    passphrase = secrets.token_urlsafe(32)
    ring.set_password(KEYRING_SERVICE, key_id, passphrase)
    return passphrase.encode()


def _load_passphrase(key_id: str, folder: Path) -> bytes:
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env.encode()
    ring = _keyring()
    stored = ring.get_password(KEYRING_SERVICE, key_id) if ring is not None else None
    if stored is None:
        raise KeyError_.of("key.passphrase", folder=folder, key=key_id[:16], env=PASSPHRASE_ENV)
    return stored.encode()


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    name: str

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        return fingerprint(self.public)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def new_key(folder: Path, name: str) -> SigningKey:
    """Create a key in ``folder`` (which must not hold one already)."""
    folder = Path(folder)
    if (folder / "private.pem").exists():
        raise KeyError_.of("key.exists", folder=folder)
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, name)
    passphrase = _store_passphrase(key.key_id)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    folder.mkdir(parents=True, exist_ok=True)
    private_path = folder / "private.pem"
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    (folder / "public.key").write_text(public_line(key.public, name) + "\n", encoding="utf-8")
    return key


def passphrase_known(folder: Path) -> bool:
    """Whether the key in ``folder`` can be unlocked without asking anyone: its passphrase
    is in ``HMIP_KEY_PASSPHRASE`` or in this machine's keyring. (Reads public.key.)"""
    if os.environ.get(PASSPHRASE_ENV):
        return True
    ring = _keyring()
    key_id = fingerprint(read_public(Path(folder) / "public.key")[0])
    return ring is not None and ring.get_password(KEYRING_SERVICE, key_id) is not None


def load_key(folder: Path, passphrase: str | None = None) -> SigningKey:
    """The signing key in ``folder``, unlocked with ``passphrase`` (typed by its owner) or,
    without one, with the passphrase from the environment or the keyring."""
    folder = Path(folder)
    public, name = read_public(folder / "public.key")
    key_id = fingerprint(public)
    try:
        pem = (folder / "private.pem").read_bytes()
    except OSError as exc:
        raise KeyError_.of("key.private_unreadable", folder=folder, reason=exc.strerror) from None
    try:
        secret = passphrase.encode() if passphrase else _load_passphrase(key_id, folder)
        private = serialization.load_pem_private_key(pem, password=secret)
    except (ValueError, TypeError):
        raise WrongPassphrase.of("key.wrong_passphrase", folder=folder) from None
    if not isinstance(private, Ed25519PrivateKey) or fingerprint(private.public_key()) != key_id:
        raise KeyError_.of("key.mismatch", folder=folder)
    return SigningKey(private, name)
