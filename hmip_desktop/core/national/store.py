"""Opening and initialising the national store (a SQLite file or a PostgreSQL URL).

Besides its database, a national store has a keys folder (``NATIONAL.keys`` beside a
SQLite file; ``--keys DIR`` for PostgreSQL), made by ``init`` with mode 0600 files:

* ``identity.age``: the age (X25519) identity results bundles are encrypted to;
* ``pseudonym.key``: the 32-byte secret of the keyed pseudonym (HMAC-SHA256,
  ``core/exchange/pseudonym.py``) under which results bundles carry every case read and
  reader. The owner keeps it and lends it only to the inspectorate's central stores
  (``issue_key``: a key file encrypted to one central store); a format-2 bundle, made
  before that, carries case references, which are pseudonymised here on import.

The database's ``meta`` table records the store id and its age recipient (what a lead
passes to ``hmip central results --to``). Reading the store needs no keys; importing
needs both. Trust (which lead or central store keys may sign results) is in the
``trusted_keys`` table, set by the owner with :meth:`NationalStore.trust`.
"""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

import pyrage
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from ..central.store import alembic_config, is_url, make_engine, migrate_to_head, redact, utc_now
from ..exchange import pseudonym as pseudonyms
from ..exchange.keys import fingerprint, parse_public, public_line
from ..messages import Refusal
from . import schema

ALEMBIC_DIR = Path(__file__).parent / "alembic"
TRUST_ROLES = ("lead", "central")


class NationalError(Refusal, ValueError):
    """The national store cannot do what was asked; the message says why and what to do."""


#: The national store's Alembic version table (its own, so one database could hold both stores).
VERSION_TABLE = "national_version"


def _config(connection) -> Config:
    return alembic_config(connection, ALEMBIC_DIR, VERSION_TABLE)


def _revision(conn) -> str | None:
    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def default_keys_dir(location: str | Path) -> Path:
    if is_url(str(location)):
        raise NationalError.of("national.keys_missing", path="(a PostgreSQL national store: --keys DIR)")
    return Path(f"{location}.keys")


def _write_secret(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")


class NationalStore:
    def __init__(self, engine: Engine, keys_dir: Path | None, location: str):
        self.engine, self.location = engine, location
        self.keys_dir = Path(keys_dir) if keys_dir is not None else None
        self._identity = None
        self._secret: bytes | None = None

    @classmethod
    def init(cls, location: str | Path, keys_dir: Path | None = None) -> NationalStore:
        """Create a national store (schema, keys, meta). Refuses one that exists already."""
        location = str(location)
        keys_dir = Path(keys_dir) if keys_dir else default_keys_dir(location)
        if (keys_dir / "identity.age").exists() or (keys_dir / "pseudonym.key").exists():
            raise NationalError.of("national.keys_exist", path=keys_dir)
        engine = make_engine(location)
        try:
            with engine.begin() as conn:
                if _revision(conn) is not None:
                    raise NationalError.of("national.exists", location=redact(location))
                command.upgrade(_config(conn), "head")
        except DBAPIError as exc:
            engine.dispose()
            raise _unreachable(location, exc) from None
        keys_dir.mkdir(parents=True, exist_ok=True)
        identity = pyrage.x25519.Identity.generate()
        _write_secret(keys_dir / "identity.age", str(identity))
        _write_secret(keys_dir / "pseudonym.key", secrets.token_hex(32))
        with engine.begin() as conn:
            conn.execute(insert(schema.meta), [
                {"key": "store_id", "value": uuid.uuid4().hex},
                {"key": "recipient", "value": str(identity.to_public())},
                {"key": "created_at", "value": utc_now()},
            ])
        return cls(engine, keys_dir, location)

    @classmethod
    def open(cls, location: str | Path, keys_dir: Path | None = None) -> NationalStore:
        """Open an existing store, migrating an older one; refuse a newer one."""
        location = str(location)
        if not is_url(location) and not Path(location).exists():
            raise NationalError.of("national.missing", path=location)
        engine = make_engine(location)
        def refuse(kind: str, **params) -> NationalError:
            if kind == "not_store":
                return NationalError.of("national.not_store", location=redact(location))
            return NationalError.of("national.newer", location=redact(location), **params)

        try:
            migrate_to_head(engine, ALEMBIC_DIR, refuse, VERSION_TABLE)
        except DBAPIError as exc:
            engine.dispose()
            raise _unreachable(location, exc) from None
        except NationalError:
            engine.dispose()
            raise
        if keys_dir is None and not is_url(location):
            keys_dir = default_keys_dir(location)
        return cls(engine, keys_dir, location)

    def close(self) -> None:
        self.engine.dispose()

    # -- meta, keys and pseudonyms -----------------------------------------------------

    def meta(self, key: str) -> str:
        with self.engine.connect() as conn:
            value = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()
        if value is None:
            raise NationalError.of("national.not_store", location=redact(self.location))
        return value

    @property
    def recipient(self) -> str:
        """The age recipient results must be encrypted to (``hmip central results --to``)."""
        return self.meta("recipient")

    def _key_file(self, name: str) -> Path:
        if self.keys_dir is None or not (self.keys_dir / name).is_file():
            raise NationalError.of("national.keys_missing", path=self.keys_dir or redact(self.location))
        return self.keys_dir / name

    def identity(self):
        if self._identity is None:
            try:
                identity = pyrage.x25519.Identity.from_str(self._key_file("identity.age").read_text("utf-8").strip())
            except NationalError:
                raise
            except Exception:  # noqa: BLE001 - unreadable or not an identity
                raise NationalError.of("national.keys_missing", path=self.keys_dir) from None
            if str(identity.to_public()) != self.recipient:
                raise NationalError.of("national.keys_other", path=self.keys_dir)
            self._identity = identity
        return self._identity

    def _pseudonym_secret(self) -> bytes:
        if self._secret is None:
            self.identity()  # the right folder for this store
            self._secret = bytes.fromhex(self._key_file("pseudonym.key").read_text("utf-8").strip())
        return self._secret

    def pseudonymiser(self):
        """``f(text) -> pseudonym``: HMAC-SHA256 under the store's secret, 64 hex digits."""
        return pseudonyms.make(self._pseudonym_secret())

    def pseudonym_key_id(self) -> str:
        """The id of the pseudonymisation key, which a format-3 results bundle names."""
        return pseudonyms.key_id(self._pseudonym_secret())

    def issue_key(self, central_recipient: str, issued_to: str) -> bytes:
        """The pseudonymisation key, lent to one central store: a key file encrypted to its
        age recipient (installed there with ``hmip central national-key``)."""
        try:
            pyrage.x25519.Recipient.from_str(central_recipient.strip())
        except Exception:  # noqa: BLE001
            raise NationalError.of("national.issue_recipient", recipient=central_recipient[:20]) from None
        key = pseudonyms.NationalKey(self._pseudonym_secret(), self.meta("store_id"), self.recipient,
                                     issued_to, utc_now())
        return key.seal(central_recipient.strip())

    # -- trust -------------------------------------------------------------------------

    def trust(self, public_key_text: str, name: str, role: str = "lead", source: str = "public key") -> str:
        """Trust a lead's (or a central store's) signing key for results; its key id."""
        if role not in TRUST_ROLES:
            raise NationalError.of("national.role", roles=", ".join(TRUST_ROLES))
        public, _ = parse_public(public_key_text, source)
        key_id = fingerprint(public)
        with self.engine.begin() as conn:
            row = conn.execute(select(schema.trusted_keys).where(schema.trusted_keys.c.key_id == key_id)).first()
            if row is not None and row.revoked_at is None:
                raise NationalError.of("national.already_trusted", key=key_id[:16], name=row.name)
            if row is not None:
                conn.execute(update(schema.trusted_keys).where(schema.trusted_keys.c.key_id == key_id)
                             .values(revoked_at=None, trusted_at=utc_now(), name=name, role=role))
            else:
                conn.execute(insert(schema.trusted_keys).values(
                    key_id=key_id, name=name, role=role, public_key=public_line(public, name), trusted_at=utc_now()))
        return key_id

    def distrust(self, key_id_prefix: str) -> str:
        """Stop trusting a key (results it signed stay; new ones are refused)."""
        prefix = key_id_prefix.strip().lower()
        t = schema.trusted_keys
        with self.engine.begin() as conn:
            rows = conn.execute(select(t.c.key_id).where(t.c.key_id.startswith(prefix, autoescape=True),
                                                         t.c.revoked_at.is_(None))).all()
            if len(rows) != 1 or not prefix:
                raise NationalError.of("national.not_trusted", key=key_id_prefix, count=len(rows))
            conn.execute(update(t).where(t.c.key_id == rows[0].key_id).values(revoked_at=utc_now()))
        return rows[0].key_id


def _unreachable(location: str, exc: DBAPIError) -> NationalError:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return NationalError.of("national.unreachable", location=redact(location), reason=reason)
