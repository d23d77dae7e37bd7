"""Opening and initialising the central store (SQLite file or PostgreSQL URL).

Besides its database, a central store has a keys folder (by default ``STORE.keys``
beside a SQLite file; ``--keys DIR`` for PostgreSQL) holding what only the commands that
decrypt or sign need (reading the store needs none of it; a PostgreSQL store opened
without ``--keys`` says so when a key is asked for):

* ``identity.age``: the age (X25519) identity bundles are encrypted to (mode 0600);
* ``signing/``: the store's own Ed25519 signing key (receipts, packs), unlocked like
  an inspector's key (keyring or ``HMIP_KEY_PASSPHRASE``).

The database's ``meta`` table records the store id, its age recipient, any escrow
recipients and its signing public key, so that other parties can be told them.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pyrage
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.util import LRUCache

from ..exchange.envelope import Rejected
from ..messages import Refusal
from ..exchange.keys import SigningKey, fingerprint, load_key, new_key, parse_public, public_line
from . import schema

ALEMBIC_DIR = Path(__file__).parent / "alembic"
ROLES = ("inspector", "local_assessor", "lead")


class CentralError(Refusal, ValueError):
    """The central store cannot do what was asked; the message says why and what to do."""


class NoCaseRead(CentralError, KeyError):
    """No such case read: a KeyError for the callers that look one up, with the text of a refusal."""

    __str__ = Exception.__str__  # the message, not KeyError's quoted repr


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def is_url(location: str) -> bool:
    return "://" in str(location)


def make_engine(location: str | Path) -> Engine:
    location = str(location)
    if location.startswith(("postgresql://", "postgresql+psycopg://")):
        url = location.replace("postgresql://", "postgresql+psycopg://", 1)
        return create_engine(url, pool_pre_ping=True)
    if is_url(location):
        raise CentralError.of("central.location", location=redact(location))
    engine = create_engine(f"sqlite:///{Path(location)}", execution_options={"compiled_cache": _SQLITE.cache})
    if _SQLITE.dialect is not None:
        engine.dialect = _SQLITE.dialect

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # durability and integrity as on the laptop
        cur = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000",
                       "secure_delete=ON", "trusted_schema=OFF"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "first_connect")
    def _share(_dbapi_conn, _record):  # runs after SQLAlchemy's own, which initialised the dialect
        if _SQLITE.dialect is None:
            _SQLITE.dialect = engine.dialect

    return engine


class _SQLite:
    """What every SQLite central store opened in this process shares: one dialect (the
    first engine's, once its first connection initialised it: every engine here is made
    the same way over the same sqlite3 module, so the dialects would be equal) and so one
    cache of compiled statements. SQLAlchemy keys its compiled-statement cache by the
    dialect object, so each new engine compiled every statement again: the importer's
    twenty-odd statements cost a fresh store's import about a sixth of its time
    (docs/decisions.md). PostgreSQL engines keep their own (servers may differ)."""

    def __init__(self) -> None:
        self.dialect = None
        self.cache = LRUCache(500)  # SQLAlchemy's default size for an engine's own cache


_SQLITE = _SQLite()


def postgres_driver() -> str:
    """The PostgreSQL driver's name and version, loaded through SQLAlchemy as the
    multi-user deployment loads it (no server is contacted): the frozen app's self-test
    checks that the driver is shipped."""
    engine = create_engine("postgresql+psycopg://selftest@127.0.0.1:1/selftest")
    driver = engine.dialect.dbapi
    engine.dispose()
    return f"{driver.__name__} {getattr(driver, '__version__', '')}".strip()


def _alembic_config(connection) -> Config:
    return alembic_config(connection, ALEMBIC_DIR)


def alembic_config(connection, alembic_dir: Path, version_table: str | None = None) -> Config:
    """Alembic's configuration for migrating one store on an open connection."""
    cfg = Config()
    cfg.set_main_option("script_location", str(alembic_dir))
    if version_table:
        cfg.set_main_option("version_table", version_table)
    cfg.attributes["connection"] = connection
    return cfg


def migrate_to_head(engine, alembic_dir: Path, refuse, version_table: str | None = None) -> None:
    """Bring an existing store's schema up to the head revision. ``refuse(kind, **params)``
    makes the caller's one-line error: ``"not_store"`` when the database holds no store
    of this kind, ``"newer"`` (``schema=``) when a newer hmip made it. Raises DBAPIError
    for a server that is down or a damaged file (the caller names the location)."""
    scripts = ScriptDirectory(str(alembic_dir))
    opts = {"version_table": version_table} if version_table else {}
    with engine.begin() as conn:
        current = MigrationContext.configure(conn, opts=opts).get_current_revision()
        if current is None:
            raise refuse("not_store")
        if current not in {rev.revision for rev in scripts.walk_revisions()}:
            raise refuse("newer", schema=current)
        if current != scripts.get_current_head():
            command.upgrade(alembic_config(conn, alembic_dir, version_table), "head")


def default_keys_dir(location: str | Path) -> Path:
    if is_url(str(location)):
        raise CentralError.of("central.keys_for_postgres")
    return Path(f"{location}.keys")


def _unreachable(location: str, exc: DBAPIError) -> CentralError:
    """One line for a database that cannot be reached or read (server down, wrong
    password, a file that is not a database)."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    if is_url(location):
        return CentralError.of("central.unreachable", location=redact(location), reason=reason)
    return CentralError.of("central.unreadable", location=location, reason=reason)


def redact(location: str) -> str:
    """A location safe to print: a URL's password is hidden."""
    if is_url(location) and "@" in location:
        scheme, rest = location.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"
    return str(location)


class CentralStore:
    def __init__(self, engine: Engine, keys_dir: Path | None, location: str):
        """``keys_dir`` None: a store opened to read only (PostgreSQL without --keys)."""
        self.engine, self.location = engine, location
        self.keys_dir = Path(keys_dir) if keys_dir is not None else None
        self._identity = None
        self._signing: SigningKey | None = None

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def init(cls, location: str | Path, keys_dir: Path | None = None, escrow: list[str] | None = None) -> CentralStore:
        """Create a central store (schema, keys, meta). Refuses one that exists already."""
        keys_dir = Path(keys_dir) if keys_dir else default_keys_dir(location)
        if (keys_dir / "identity.age").exists():
            raise CentralError.of("central.keys_exist", folder=keys_dir)
        for r in escrow or []:
            try:
                pyrage.x25519.Recipient.from_str(r)
            except Exception:  # noqa: BLE001
                raise CentralError.of("central.escrow", recipient=r[:24]) from None
        engine = make_engine(location)
        with engine.begin() as conn:
            if MigrationContext.configure(conn).get_current_revision() is not None:
                raise CentralError.of("central.exists", location=location)
            command.upgrade(_alembic_config(conn), "head")
        keys_dir.mkdir(parents=True, exist_ok=True)
        identity = pyrage.x25519.Identity.generate()
        fd = os.open(keys_dir / "identity.age", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(str(identity) + "\n")
        signing = new_key(keys_dir / "signing", "central store")
        store_id = uuid.uuid4().hex
        with engine.begin() as conn:
            conn.execute(insert(schema.meta), [
                {"key": "store_id", "value": store_id},
                {"key": "recipient", "value": str(identity.to_public())},
                {"key": "escrow", "value": json.dumps(escrow or [])},
                {"key": "signing_key", "value": public_line(signing.public, "central store")},
                {"key": "created_at", "value": utc_now()},
            ])
        return cls(engine, keys_dir, str(location))

    @classmethod
    def open_or_init(cls, location: str | Path, keys_dir: Path | None = None) -> CentralStore:
        """Open the store, or create it where there is none yet (an absent file, or an
        empty PostgreSQL database)."""
        if not is_url(str(location)):
            return cls.open(location, keys_dir) if Path(location).exists() else cls.init(location, keys_dir)
        engine = make_engine(location)
        try:
            with engine.connect() as conn:
                empty = MigrationContext.configure(conn).get_current_revision() is None
        except DBAPIError as exc:
            raise _unreachable(str(location), exc) from None
        finally:
            engine.dispose()
        return cls.init(location, keys_dir) if empty else cls.open(location, keys_dir)

    @classmethod
    def open(cls, location: str | Path, keys_dir: Path | None = None) -> CentralStore:
        """Open an existing store, migrating it if it is older; refuse one that is newer.
        A PostgreSQL store opened without ``keys_dir`` can be read but not decrypt or
        sign (identity() and signing_key() say so); its keys are not looked at here."""
        location = str(location)
        if not is_url(location) and not Path(location).exists():
            raise CentralError.of("central.no_store", location=location)
        engine = make_engine(location)
        def refuse(kind: str, **params) -> CentralError:
            if kind == "not_store":
                return CentralError.of("central.not_a_store", location=redact(location))
            return CentralError.of("central.too_new", location=redact(location), **params)

        try:  # a server that is down or a damaged file: one clear line, not a traceback
            migrate_to_head(engine, ALEMBIC_DIR, refuse)
        except DBAPIError as exc:
            engine.dispose()
            raise _unreachable(location, exc) from None
        except CentralError:
            engine.dispose()
            raise
        if keys_dir is None and not is_url(location):
            keys_dir = default_keys_dir(location)
        return cls(engine, keys_dir, location)

    # -- meta and keys -------------------------------------------------------------------

    def meta(self, key: str) -> str:
        with self.engine.connect() as conn:
            value = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()
        if value is None:
            raise CentralError.of("central.meta_missing", location=self.location, key=key)
        return value

    @property
    def store_id(self) -> str:
        return self.meta("store_id")

    def recipients(self) -> list[str]:
        return [self.meta("recipient"), *json.loads(self.meta("escrow"))]

    def _keys(self) -> Path:
        """The keys folder, present; CentralError naming it (and what to do) otherwise."""
        if self.keys_dir is None:
            raise CentralError.of("central.needs_keys", location=redact(self.location))
        if not self.keys_dir.is_dir():
            raise CentralError.of("central.keys_missing", folder=self.keys_dir)
        return self.keys_dir

    def identity(self):
        """The age identity bundles are encrypted to; CentralError (a local fault, never a
        bad bundle) when its folder or file is missing, unreadable or another store's."""
        if self._identity is None:
            path = self._keys() / "identity.age"
            try:
                identity = pyrage.x25519.Identity.from_str(path.read_text(encoding="utf-8").strip())
            except OSError as exc:
                raise CentralError.of("central.identity_unreadable", path=path, reason=exc.strerror) from None
            except Exception:  # noqa: BLE001 - pyrage's parse errors
                raise CentralError.of("central.identity_invalid", path=path) from None
            if str(identity.to_public()) != self.meta("recipient"):
                raise CentralError.of("central.other_keys", folder=self.keys_dir, location=redact(self.location))
            self._identity = identity
        return self._identity

    def signing_key(self) -> SigningKey:
        if self._signing is None:
            self._signing = load_key(self._keys() / "signing")
        return self._signing

    def enrol(self, name: str, role: str, public_key_text: str, source: str = "public key") -> str:
        """Register an inspector's public key; return its key id."""
        if role not in ROLES:
            raise CentralError.of("central.role", roles=", ".join(ROLES))
        public, _ = parse_public(public_key_text, source)
        key_id = fingerprint(public)
        with self.engine.begin() as conn:
            existing = conn.execute(select(schema.keys).where(schema.keys.c.key_id == key_id)).first()
            if existing is not None:
                raise CentralError.of("central.already_enrolled", key=key_id[:16], name=existing.name, role=existing.role)
            conn.execute(insert(schema.keys).values(
                key_id=key_id, name=name, role=role, public_key=public_line(public, name), enrolled_at=utc_now()))
        return key_id

    def revoke(self, key_id_prefix: str) -> str:
        # Key ids are lower-case hex. Lower-casing the prefix and escaping LIKE's wildcards
        # makes the match the same on both backends (SQLite's LIKE ignores ASCII case,
        # PostgreSQL's does not; "_" and "%" must not match anything).
        prefix = key_id_prefix.strip().lower()
        with self.engine.begin() as conn:
            rows = conn.execute(select(schema.keys.c.key_id).where(
                schema.keys.c.key_id.startswith(prefix, autoescape=True))).all()
            if len(rows) != 1:
                raise CentralError.of("central.key_prefix", prefix=key_id_prefix, count=len(rows))
            conn.execute(update(schema.keys).where(schema.keys.c.key_id == rows[0].key_id).values(revoked_at=utc_now()))
        return rows[0].key_id

    def find_key(self, conn, key_id: str):
        """The enrolled, unrevoked public key ``key_id``; Rejected otherwise."""
        row = conn.execute(select(schema.keys).where(schema.keys.c.key_id == key_id)).first()
        if row is None:
            raise Rejected.of("central.unknown_key", key=key_id[:16])
        if row.revoked_at is not None:
            raise Rejected.of("central.revoked_key", key=key_id[:16], name=row.name, date=row.revoked_at[:10])
        return parse_public(row.public_key)[0]
