"""The national store's pseudonymisation key, lent to this central store.

``hmip national issue-key`` makes a key file encrypted to this central store's age
recipient; ``hmip central national-key STORE FILE`` (``install``) decrypts it with the
store's identity and keeps it as ``national.key`` in the store's keys folder, mode 0600,
beside ``identity.age`` and ``signing/``: protected as they are, never in the database
and never sent to a laptop. ``hmip central results`` needs it (``load``) to write each
case read under its pseudonym instead of its reference.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..exchange.pseudonym import MAX_KEY_FILE, NationalKey
from .store import CentralError, CentralStore

FILE = "national.key"


def _path(store: CentralStore) -> Path:
    return store._keys() / FILE


def install(store: CentralStore, data: bytes) -> tuple[NationalKey, bool]:
    """Install the key file's key; (the key, whether it was newly installed). The same key
    again is a no-op; another national store's key, or another key, is refused."""
    try:
        key = NationalKey.open(data[:MAX_KEY_FILE + 1], store.identity())
    except ValueError as exc:
        raise CentralError.of("central.national_key_bad", reason=str(exc)) from None
    path = _path(store)
    if path.exists():
        current = load(store)
        if current.key_id == key.key_id:
            return current, False
        raise CentralError.of("central.national_key_other", key=current.key_id[:16], national=current.national_store,
                              path=path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key.to_json() + "\n")
    return key, True


def load(store: CentralStore) -> NationalKey:
    """The installed key; CentralError (one line saying how to install one) if none."""
    path = _path(store)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CentralError.of("results.no_national_key") from None
    except OSError as exc:
        raise CentralError.of("central.national_key_bad", reason=f"{path}: {exc.strerror}") from None
    try:
        return NationalKey.from_json(text)
    except ValueError as exc:
        raise CentralError.of("central.national_key_bad", reason=f"{path}: {exc}") from None
