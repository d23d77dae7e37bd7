"""Hostile bundles: every damaged, forged, replayed or malicious input is refused.

For each input, BOTH ``importer.verify_bundle`` and ``importer.import_file`` must raise
:class:`Rejected` with a reason that names the cause (asserted on a substring of
``exc.reason``), and afterwards

* every table of the central store holds exactly the rows it held before
  (:func:`conftest.dump_store`), and
* nothing was written anywhere but the store's own ``-wal``/``-shm`` files: the
  test's whole temporary tree (store, keys, field store, an empty working directory
  and an empty TMPDIR) and its parent folder are compared before and after
  (:class:`Sandbox`). Several member names point outside the sandbox on purpose.

The inputs cover the envelope (single-bit flips across the whole file, which must
all be refused before anything is decrypted; truncations; appended bytes; unknown,
revoked and mismatched keys; a bundle id reused with other content) and payloads
that are validly signed by an enrolled key and encrypted to the store (a malicious
insider or a buggy client) but hostile inside (path traversal, absolute and drive
names, duplicates, links, compression bombs, too many members, deep JSON, long lines,
hash and revision mismatches, unknown fields, missing members). Compression bombs are
imported in a separate process whose peak memory is measured.

An older bundle replayed after a newer one is accepted but rolls nothing back.

Every test runs on SQLite and on PostgreSQL (the ``backend`` fixture; on PostgreSQL the
same world is cloned into a fresh database), except that to keep CI time reasonable the
hostile payloads run in full on SQLite and, on PostgreSQL, one or two of each refusal
kind (:data:`PG_HOSTILE_PAYLOADS`: member names, duplicates, links, compression, counts,
nesting, line length, hashes, revision ids, unknown keys, status, repeats, JSON, missing
members, the payload and its encryption), and the single-bit flips and truncations run
on PostgreSQL at fewer positions (every region of the envelope still reached).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import stat
import struct
import subprocess
import sys
import tempfile
import uuid
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest
from pydantic import ValidationError

from hmip_desktop.core.central import importer
from hmip_desktop.core.exchange import archive, envelope
from hmip_desktop.core.exchange.envelope import MAGIC, MAX_HEADER, SIG_LEN, Rejected
from hmip_desktop.core.exchange.formats import EnvelopeHeader
from hmip_desktop.core.exchange.keys import SigningKey
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import MEMBER, canonical, export_bundle
from hmip_desktop.core.field.store import FieldStore

from .conftest import World

try:
    import resource
except ImportError:  # Windows
    resource = None

SEED = int(os.environ.get("HMIP_HOSTILE_SEED", "1729"))
CREATED = "2026-11-20T10:00:00.000000+00:00"
REPO_ROOT = Path(__file__).resolve().parents[3]
MEMORY_LIMIT = 256 * 1024 * 1024
STORE_OWN_FILES = {"c.sqlite", "c.sqlite-wal", "c.sqlite-shm", "c.sqlite-journal"}


# ---------------------------------------------------------------------------------------
# Sandbox: nothing may be written outside the store's own files
# ---------------------------------------------------------------------------------------


@pytest.fixture
def world(backend_world: World) -> World:
    """This module's world: the template's, on the ``backend`` of the test."""
    return backend_world


@dataclass
class Sandbox:
    root: Path  # the test's tmp_path
    world: Path  # the copy of the template (store, keys, field store)
    inputs: Path  # where the test writes its hostile files
    cwd: Path
    tmp: Path

    def snapshot(self) -> dict[str, object]:
        """Every path under the test's folder (hash of each file; the central store's
        own database files by name only), the parent folder's listing, /etc/passwd."""
        out: dict[str, object] = {}
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).as_posix()
            if rel == "inputs" or rel.startswith("inputs/"):
                continue
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                out[rel] = "dir"
            elif path.parent == self.world and path.name in STORE_OWN_FILES:
                out[rel] = "store database"  # SQLite may touch these on any read
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        out["<parent>"] = sorted(os.listdir(self.root.parent))
        passwd = Path("/etc/passwd")
        if passwd.exists():
            st = passwd.stat()
            out["</etc/passwd>"] = (st.st_size, st.st_mtime_ns)
        return out

    def check_unchanged(self, before: dict[str, object]) -> None:
        after = self.snapshot()
        assert not list(self.cwd.iterdir()), f"files written to the working directory: {list(self.cwd.iterdir())}"
        assert not list(self.tmp.iterdir()), f"files written to TMPDIR: {list(self.tmp.iterdir())}"
        added = {k: after[k] for k in after.keys() - before.keys()}
        # The store's own WAL and shared-memory files may appear; nothing else may.
        added = {k: v for k, v in added.items() if v != "store database"}
        removed = sorted(before.keys() - after.keys())
        changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
        assert not added and not removed and not changed, f"added {added}, removed {removed}, changed {changed}"


@pytest.fixture
def sandbox(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    box = Sandbox(tmp_path, world.root, tmp_path / "inputs", tmp_path / "cwd", tmp_path / "tmp")
    for folder in (box.inputs, box.cwd, box.tmp):
        folder.mkdir()
    monkeypatch.chdir(box.cwd)
    monkeypatch.setenv("TMPDIR", str(box.tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(box.tmp))
    return box


def _reason(fn: Callable, *args) -> str:
    """The reason ``fn(*args)`` gave for refusing; AssertionError if it accepted."""
    try:
        result = fn(*args)
    except Rejected as exc:
        return exc.reason
    raise AssertionError(f"accepted: {getattr(result, 'describe', lambda: result)()}")


def assert_refused(world: World, box: Sandbox, data: bytes, *expected: str, name: str = "hostile.bundle") -> str:
    """verify_bundle and import_file both refuse ``data`` with a reason containing one
    of ``expected``; the store and the file system are unchanged. Returns the reason."""
    before, files_before = world.dump(), box.snapshot()
    path = box.inputs / name
    path.write_bytes(data)
    reasons = (_reason(importer.verify_bundle, world.central, data), _reason(importer.import_file, world.central, path))
    for which, reason in zip(("verify_bundle", "import_file"), reasons):
        assert any(e in reason for e in expected), (
            f"{which} refused for another reason: {reason!r} (expected {expected})")
    assert world.dump() == before, "a refused bundle changed the central store"
    box.check_unchanged(files_before)
    path.unlink()
    return reasons[1]


# ---------------------------------------------------------------------------------------
# Crafting bundles with the real keys
# ---------------------------------------------------------------------------------------


def split(data: bytes) -> tuple[bytes, bytes, bytes]:
    """(header, signature, payload) of a well-formed envelope."""
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    start = len(MAGIC) + 4
    return data[start : start + size], data[start + size : start + size + SIG_LEN], data[start + size + SIG_LEN :]


def regular(name: str, compress_type: int = zipfile.ZIP_DEFLATED, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = compress_type
    info.external_attr = mode << 16
    return info


Entry = tuple[str | zipfile.ZipInfo, bytes]


def make_zip(entries: list[Entry]) -> bytes:
    """A ZIP of exactly these entries, in order (duplicates and odd names allowed)."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point
        with zipfile.ZipFile(out, "w") as zf:
            for name, data in entries:
                zf.writestr(name if isinstance(name, zipfile.ZipInfo) else regular(name), data)
    return out.getvalue()


def new_id() -> str:
    return uuid.uuid4().hex


def seal_claiming(bundle_id: str, payload: bytes, signer: SigningKey, claimed_key_id: str) -> bytes:
    """An envelope whose header names ``claimed_key_id`` but is signed by ``signer``."""
    header = EnvelopeHeader(format=1, kind="bundle", id=bundle_id, key_id=claimed_key_id, created_at=CREATED,
                            payload_size=len(payload), payload_sha256=hashlib.sha256(payload).hexdigest(),
                            encryption="age")
    header_bytes = json.dumps(header.model_dump(), sort_keys=True, separators=(",", ":")).encode()
    signed = MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes
    return signed + signer.sign(signed) + payload


class Craft:
    """Builds bundles from the content of the template's b1 (insp1's 16 valid case reads),
    encrypted to the central store and signed with an enrolled key by default."""

    def __init__(self, world: World):
        self.world = world
        self.key = world.key("k")
        self.recipients = [pyrage.x25519.Recipient.from_str(r) for r in world.central.recipients()]
        members = self.decrypt((world.root / "b1.bundle").read_bytes())
        self.manifest: dict = json.loads(members["manifest.json"])
        self.records: list[dict] = [json.loads(line) for line in members[MEMBER].splitlines()]

    def decrypt(self, data: bytes) -> dict[str, bytes]:
        plain = pyrage.decrypt(split(data)[2], [self.world.central.identity()])
        with zipfile.ZipFile(io.BytesIO(plain)) as zf:
            return {info.filename: zf.read(info) for info in zf.infolist()}

    def records_copy(self) -> list[dict]:
        return json.loads(json.dumps(self.records))

    @staticmethod
    def body(records: list[dict]) -> bytes:
        return b"".join(canonical(r) + b"\n" for r in records)

    def manifest_bytes(self, bundle_id: str, body: bytes, key: SigningKey | None = None,
                       edit: Callable[[dict], None] | None = None) -> bytes:
        """b1's manifest for ``bundle_id`` whose file entry matches ``body``."""
        m = json.loads(json.dumps(self.manifest))
        m["bundle_id"] = bundle_id
        m["sender_key_id"] = (key or self.key).key_id
        m["files"][MEMBER] = {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body),
                              "count": len(body.splitlines())}
        if edit:
            edit(m)
        return canonical(m)

    def members(self, bundle_id: str, *, records: list[dict] | None = None, body: bytes | None = None,
                key: SigningKey | None = None, edit: Callable[[dict], None] | None = None) -> list[Entry]:
        body = self.body(self.records if records is None else records) if body is None else body
        return [("manifest.json", self.manifest_bytes(bundle_id, body, key, edit)), (MEMBER, body)]

    def seal(self, zip_bytes: bytes, bundle_id: str, key: SigningKey | None = None, *, encrypt: bool = True) -> bytes:
        payload = pyrage.encrypt(zip_bytes, self.recipients) if encrypt else zip_bytes
        return envelope.seal("bundle", bundle_id, CREATED, payload, key or self.key, "age" if encrypt else "plain")

    def bundle(self, entries: list[Entry] | None = None, bundle_id: str | None = None, **kwargs) -> bytes:
        """A sealed bundle of ``entries`` (default: b1's valid members under a new id)."""
        bundle_id = bundle_id or new_id()
        if entries is None:
            entries = self.members(bundle_id, key=kwargs.get("key"))
        return self.seal(make_zip(entries), bundle_id, **kwargs)


@pytest.fixture
def craft(world: World) -> Craft:
    return Craft(world)


@pytest.fixture
def no_decrypt(monkeypatch: pytest.MonkeyPatch) -> list:
    """Records every call to pyrage.decrypt made by the importer (there must be none)."""
    calls: list = []
    real = pyrage.decrypt

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(importer.pyrage, "decrypt", spy)
    return calls


def spread(start: int, end: int, n: int) -> list[int]:
    """``n`` positions spread evenly over ``[start, end)``, first and last included."""
    return sorted({start + (end - 1 - start) * i // (n - 1) for i in range(n)})


# ---------------------------------------------------------------------------------------
# The baseline: the crafting path itself produces bundles the store accepts
# ---------------------------------------------------------------------------------------


def test_crafted_bundle_is_accepted(world: World, craft: Craft):
    """Guards the rest: a bundle crafted here from b1's members is valid, so each
    hostile variant below is refused for its one hostile change."""
    data = craft.bundle()
    assert " is valid" in importer.verify_bundle(world.central, data)
    result = importer.import_bundle(world.central, data)
    assert result.newly_imported and result.outcomes == {"known": 16}


# ---------------------------------------------------------------------------------------
# The envelope: flips, truncation, appended bytes
# ---------------------------------------------------------------------------------------


def _expected_envelope_reason(flipped: bytes, key_id: str) -> str:
    """What open_envelope must say about a file damaged before its payload: the checks
    run in the documented order (magic, header size, header, key, signature)."""
    if not flipped.startswith(MAGIC):
        return "bad magic number"
    size = int.from_bytes(flipped[len(MAGIC) : len(MAGIC) + 4], "big")
    if size > MAX_HEADER:
        return "header too large"
    try:
        header = EnvelopeHeader.model_validate_json(flipped[len(MAGIC) + 4 : len(MAGIC) + 4 + size])
    except ValidationError:
        return "header is not valid"
    if header.kind != "bundle":
        return "expected a bundle"
    if header.key_id != key_id:
        return "unknown key"
    return "signature does not verify"


def test_single_bit_flips_anywhere_are_refused_before_decryption(world: World, sandbox: Sandbox, no_decrypt: list):
    data = (world.root / "b1.bundle").read_bytes()
    assert " is valid" in importer.verify_bundle(world.central, data)
    no_decrypt.clear()
    header, _, _ = split(data)
    key_id = json.loads(header)["key_id"]
    sig_start = len(MAGIC) + 4 + len(header)
    payload_start = sig_start + SIG_LEN
    full = world.backend == "sqlite"  # fewer positions on PostgreSQL (module docstring)
    n_payload = 29 if full else 6
    positions = (
        [0, 3, 7]  # magic
        + [8, 9, 10, 11]  # header length
        + spread(12, sig_start, 14 if full else 5)  # header JSON
        + spread(sig_start, payload_start, 10 if full else 3)  # signature
        + spread(payload_start, len(data), n_payload)  # encrypted payload (age header and body)
    )
    assert len(positions) >= (60 if full else 20)
    rng = random.Random(SEED)
    failures, regions = [], Counter()
    for pos in positions:
        bit = rng.randrange(8)
        flipped = bytearray(data)
        flipped[pos] ^= 1 << bit
        flipped = bytes(flipped)
        if pos >= payload_start:
            expected = "payload does not match its signed hash"
        else:
            expected = _expected_envelope_reason(flipped, key_id)
        regions[expected] += 1
        try:
            assert_refused(world, sandbox, flipped, expected)
        except AssertionError as exc:
            failures.append(f"byte {pos} bit {bit}: {exc}")
    assert not failures, "\n".join(failures)
    assert no_decrypt == [], "a damaged file was decrypted before its signature and hash were checked"
    # The flips reached every layer of checks.
    assert {"bad magic number", "signature does not verify", "payload does not match its signed hash"} <= set(regions)
    assert regions["payload does not match its signed hash"] == n_payload


def test_truncated_files_are_refused(world: World, sandbox: Sandbox, no_decrypt: list):
    data = (world.root / "b1.bundle").read_bytes()
    header, _, _ = split(data)
    sig_start = len(MAGIC) + 4 + len(header)
    payload_start = sig_start + SIG_LEN
    lengths = sorted({0, 1, 7, 8, 11, 12, 13, sig_start - 1, sig_start, sig_start + 32, payload_start - 1,
                      payload_start, payload_start + 1, len(data) - 1}
                     | set(spread(12, sig_start, 6))
                     | set(spread(payload_start, len(data) - 1, 20 if world.backend == "sqlite" else 5)))
    failures = []
    for length in lengths:
        # A file too short to hold the magic number and header length is "not an hmip file".
        expected = "truncated" if length >= len(MAGIC) + 4 else "not an hmip file"
        try:
            assert_refused(world, sandbox, data[:length], expected)
        except AssertionError as exc:
            failures.append(f"length {length}: {exc}")
    assert not failures, "\n".join(failures)
    assert no_decrypt == []


def test_appended_and_prepended_bytes_are_refused(world: World, sandbox: Sandbox, no_decrypt: list):
    data = (world.root / "b1.bundle").read_bytes()
    other = (world.root / "b0.bundle").read_bytes()
    for extra in (b"\0", b"\n", os.urandom(1000), data, other):
        assert_refused(world, sandbox, data + extra, "bytes appended")
    assert_refused(world, sandbox, b"\0" + data, "bad magic number")
    assert_refused(world, sandbox, b"", "bad magic number")
    assert no_decrypt == []


# ---------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------


def test_bundle_signed_by_an_unknown_key_is_refused(world: World, sandbox: Sandbox, craft: Craft, no_decrypt: list):
    stranger = world.key("k_unknown")
    # A real export from the laptop, signed with a key the store never enrolled ...
    db = open_db(world.field_path)
    try:
        export_bundle(db, "demo", stranger, sandbox.inputs / "stranger.bundle")
    finally:
        db.close()
    reason = assert_refused(world, sandbox, (sandbox.inputs / "stranger.bundle").read_bytes(), "unknown key")
    assert stranger.key_id[:16] in reason
    # ... and a crafted one.
    assert_refused(world, sandbox, craft.bundle(key=stranger), "unknown key")
    assert no_decrypt == []


def test_bundle_signed_by_a_revoked_key_is_refused(world: World, sandbox: Sandbox, no_decrypt: list):
    data = (world.root / "b1.bundle").read_bytes()
    assert " is valid" in importer.verify_bundle(world.central, data)
    world.central.revoke(world.key("k").key_id[:16])
    no_decrypt.clear()
    assert_refused(world, sandbox, data, "revoked")
    assert no_decrypt == []


def test_header_naming_one_key_signed_by_another_is_refused(world: World, sandbox: Sandbox, craft: Craft,
                                                            no_decrypt: list):
    a, b, stranger = world.key("k"), world.key("k2"), world.key("k_unknown")
    bundle_id = new_id()
    payload = pyrage.encrypt(make_zip(craft.members(bundle_id, key=a)), craft.recipients)
    # The header names Inspector A; the signature is Inspector B's (also enrolled) ...
    assert_refused(world, sandbox, seal_claiming(bundle_id, payload, b, a.key_id), "signature does not verify")
    # ... or a stranger's.
    assert_refused(world, sandbox, seal_claiming(bundle_id, payload, stranger, a.key_id), "signature does not verify")
    # Sealed properly by B, then the key id in the header edited to A's (same length).
    by_b = envelope.seal("bundle", bundle_id, CREATED, payload, b, "age")
    edited = by_b.replace(b.key_id.encode(), a.key_id.encode(), 1)
    assert edited != by_b and len(edited) == len(by_b)
    assert_refused(world, sandbox, edited, "signature does not verify")
    assert no_decrypt == []
    # Validly signed by B, but the manifest inside claims to come from A.
    assert_refused(world, sandbox, craft.seal(make_zip(craft.members(bundle_id, key=a)), bundle_id, b),
                   "manifest does not match the signed header")


# ---------------------------------------------------------------------------------------
# Replays and reused ids
# ---------------------------------------------------------------------------------------


def test_same_bundle_id_with_other_content_is_refused(world: World, sandbox: Sandbox, craft: Craft, no_decrypt: list):
    b0 = (world.root / "b0.bundle").read_bytes()
    bundle_id = json.loads(split(b0)[0])["id"]
    plain = make_zip(list(craft.decrypt(b0).items()))
    # Importing the same bytes again is idempotent: accepted, nothing changes.
    before = world.dump()
    result = importer.import_bundle(world.central, b0)
    assert not result.newly_imported
    assert world.dump() == before
    no_decrypt.clear()
    # The same plaintext encrypted again (age is randomised) is other content.
    assert_refused(world, sandbox, craft.seal(plain, bundle_id), "already imported with other content")
    # Changed case reads under the imported id.
    records = craft.records_copy()
    records[0]["interview"]["note"] = "rewritten"
    assert_refused(world, sandbox, craft.bundle(craft.members(bundle_id, records=records), bundle_id),
                   "already imported with other content")
    assert no_decrypt == []


def _edit_field_store(world: World, text: str) -> str:
    """Change one in-progress case read on the laptop; return its case id."""
    db = open_db(world.field_path)
    store = FieldStore(db, "insp1")
    try:
        rid, case_id, qid = db.execute(
            "SELECT r.id, r.case_id, a.question_id FROM case_reads r JOIN answers a ON a.case_read_id = r.id"
            " WHERE r.status = 'in_progress' AND r.reader_id = 'insp1' ORDER BY r.case_id, a.question_id LIMIT 1").fetchone()
        store.set_note(rid, qid, text)
        return case_id
    finally:
        store.close()


def _export(world: World, out: Path) -> dict:
    db = open_db(world.field_path)
    try:
        return export_bundle(db, "demo", world.key("k"), out)
    finally:
        db.close()


def test_older_bundle_replayed_after_a_newer_one_rolls_nothing_back(world: World, tmp_path: Path, craft: Craft):
    case_id = _edit_field_store(world, "first change")
    older = _export(world, tmp_path / "older.bundle")
    _edit_field_store(world, "second change")
    newer = _export(world, tmp_path / "newer.bundle")
    assert older["changed"] == newer["changed"] == 1 and newer["sequence"] == older["sequence"] + 1
    newer_rev = {json.loads(line)["case_id"]: json.loads(line)["revision_id"]
                 for line in craft.decrypt((tmp_path / "newer.bundle").read_bytes())[MEMBER].splitlines()}

    heads_before = world.heads()
    result = importer.import_file(world.central, tmp_path / "newer.bundle")
    assert result.outcomes == {"head": 1, "known": 15}
    heads = world.heads()
    assert heads[case_id] == newer_rev[case_id] != heads_before[case_id]
    assert {k: v for k, v in heads.items() if k != case_id} == {k: v for k, v in heads_before.items() if k != case_id}

    # The older bundle arrives late: accepted (kept on record), but no head moves back.
    result = importer.import_file(world.central, tmp_path / "older.bundle")
    assert result.newly_imported
    assert result.outcomes == {"ancestor": 1, "known": 15}
    assert world.heads() == heads
    dump = world.dump()
    assert dump["conflicts"] == []
    assert len(dump["revisions"]) == 16 + 2  # both changed revisions are on record

    # Replaying either again changes nothing at all.
    for name in ("older.bundle", "newer.bundle"):
        assert not importer.import_file(world.central, tmp_path / name).newly_imported
        assert world.dump() == dump


# ---------------------------------------------------------------------------------------
# Validly signed and encrypted by an enrolled key, hostile inside
# ---------------------------------------------------------------------------------------


def _long_text(n: int) -> str:
    """Text that does not compress much (so that the ratio cap is not what refuses it)."""
    rng = random.Random(n)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 .,") for _ in range(n))


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _zeros_member(megabytes: int) -> bytes:
    """A ZIP with a valid-looking manifest.json and a case_reads.jsonl of zeros."""
    return make_zip([("manifest.json", b"{}"), (MEMBER, bytes(megabytes * 1024 * 1024))])


def _case(craft: Craft, box: Sandbox, name: str) -> tuple[bytes, tuple[str, ...]]:
    """The hostile bundle called ``name`` and the reason(s) it must be refused with."""
    bid = new_id()
    good = craft.members(bid)
    recs = craft.records_copy()
    manifest = good[0]

    def with_records(records: list[dict]) -> list[Entry]:
        return craft.members(bid, records=records)

    def with_body(body: bytes) -> list[Entry]:
        return craft.members(bid, body=body)

    def edit_manifest(edit: Callable[[dict], None]) -> list[Entry]:
        return craft.members(bid, edit=edit)

    sealed = lambda entries: craft.bundle(entries, bid)  # noqa: E731

    if name == "dotdot_extra_member":
        return sealed(good + [("../../evil.txt", b"owned")]), ("'../../evil.txt' is not allowed",)
    if name == "dotdot_instead_of_member":
        return sealed([manifest, ("../" + MEMBER, good[1][1])]), ("is not allowed",)
    if name == "dotdot_inside_name":
        return sealed([manifest, (f"x/../{MEMBER}", good[1][1])]), ("is not allowed",)
    if name == "backslash_traversal":
        return sealed(good + [("..\\..\\evil.txt", b"owned")]), ("is not allowed",)
    if name == "absolute_etc_passwd":
        return sealed(good + [("/etc/passwd", b"root::0:0:root:/root:/bin/sh\n")]), ("'/etc/passwd' is not allowed",)
    if name == "absolute_into_sandbox":
        return sealed(good + [(str(box.root / "absolute-evil.txt"), b"owned")]), ("is not allowed",)
    if name == "absolute_member_name":
        return sealed([manifest, ("/" + MEMBER, good[1][1])]), ("is not allowed",)
    if name == "drive_letter":
        return sealed(good + [("C:\\x", b"owned")]), ("'C:\\x' is not allowed",)
    if name == "drive_letter_relative":
        return sealed([manifest, ("C:" + MEMBER, good[1][1])]), ("is not allowed",)
    if name == "duplicate_member":
        return sealed(good + [(MEMBER, good[1][1])]), (f"'{MEMBER}' appears twice",)
    if name == "duplicate_member_other_content":
        other = craft.body(recs[:1])
        return sealed([manifest, (MEMBER, other), (MEMBER, good[1][1])]), (f"'{MEMBER}' appears twice",)
    if name == "duplicate_manifest":
        return sealed([good[0], good[1], ("manifest.json", b"{}")]), ("'manifest.json' appears twice",)
    if name == "symlink":
        link = regular(MEMBER, mode=stat.S_IFLNK | 0o777)
        return sealed([manifest, (link, b"/etc/passwd")]), ("not a plain file",)
    if name == "directory_mode":
        return sealed([manifest, (regular(MEMBER, mode=stat.S_IFDIR | 0o755), b"")]), ("not a plain file",)
    if name == "device_mode":
        return sealed([manifest, (regular(MEMBER, mode=stat.S_IFCHR | 0o644), good[1][1])]), ("not a plain file",)
    if name == "unsupported_compression":
        return sealed([manifest, (regular(MEMBER, zipfile.ZIP_BZIP2), good[1][1])]), ("unsupported compression",)
    if name == "compression_bomb_ratio":
        return craft.seal(_zeros_member(20), bid), ("compression bomb",)
    if name == "ten_thousand_members":
        return sealed(good + [(f"m{i:05d}", b"") for i in range(10_000)]), ("10002 members; at most",)
    if name == "nested_record_line":
        deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
        return sealed([manifest_for(craft, bid, deep), (regular(MEMBER, zipfile.ZIP_STORED), deep)]), (
            f"{MEMBER}:1: JSON nested too deeply",)
    if name == "nested_value_in_record":
        at = next(i for i, r in enumerate(recs) if r["answers"])  # a read that has answers
        recs[at]["answers"][next(iter(recs[at]["answers"]))]["value"] = _nested(40)
        # The documented nesting limit (32) is enforced on every line before parsing.
        return sealed(with_records(recs)), (f"{MEMBER}:{at + 1}: JSON nested too deeply",)
    if name == "nested_manifest":
        deep = b'{"format":1,"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        return sealed([(regular("manifest.json", zipfile.ZIP_STORED), deep), good[1]]), (
            "manifest.json: JSON nested too deeply",)
    if name == "oversized_line":
        recs[5]["interview"]["note"] = _long_text(archive.MAX_LINE + 10)
        return sealed(with_records(recs)), (f"{MEMBER}:6: line longer than",)
    if name == "manifest_hash_mismatch":
        def wrong_hash(m: dict) -> None:
            m["files"][MEMBER]["sha256"] = hashlib.sha256(b"something else").hexdigest()
        return sealed(edit_manifest(wrong_hash)), (f"{MEMBER}: does not match the hash in the manifest",)
    if name == "manifest_size_mismatch":
        def wrong_size(m: dict) -> None:
            m["files"][MEMBER]["size"] += 1
        return sealed(edit_manifest(wrong_size)), (f"{MEMBER}: does not match the hash in the manifest",)
    if name == "member_changed_after_manifest":
        tampered = good[1][1].replace(b'"status":"complete"', b'"status":"in_progress"', 1)
        assert tampered != good[1][1]
        return sealed([manifest, (MEMBER, tampered)]), (f"{MEMBER}: does not match the hash in the manifest",)
    if name == "manifest_count_mismatch":
        def wrong_count(m: dict) -> None:
            m["files"][MEMBER]["count"] += 1
        return sealed(edit_manifest(wrong_count)), ("16 records but the manifest says 17",)
    if name == "revision_does_not_match_content":
        rec = next(r for r in recs if r["answers"])
        qid = next(iter(rec["answers"]))
        rec["answers"][qid]["note"] = "altered after the revision id was computed"
        return sealed(with_records(recs)), ("revision id does not match its content",)
    if name == "revision_id_forged":
        recs[0]["revision_id"] = hashlib.sha256(b"forged").hexdigest()
        return sealed(with_records(recs)), (f"{MEMBER}:1: case {recs[0]['case_id']}: revision id does not match",)
    if name == "record_unknown_key":
        recs[2]["admin"] = True
        return sealed(with_records(recs)), (
            f"{MEMBER}:3: case {recs[2]['case_id']}: admin: Extra inputs are not permitted",)
    if name == "nested_record_unknown_key":
        recs[2]["interview"]["script"] = "x"
        return sealed(with_records(recs)), (
            f"{MEMBER}:3: case {recs[2]['case_id']}: interview.script: Extra inputs are not permitted",)
    if name == "manifest_unknown_key":
        return sealed(edit_manifest(lambda m: m.update(extract_to="/"))), (
            "manifest.json: extract_to: Extra inputs are not permitted",)
    if name == "manifest_names_other_file":
        def other_file(m: dict) -> None:
            m["files"]["../evil.jsonl"] = m["files"][MEMBER]
        return sealed(edit_manifest(other_file)), ("manifest.json: files",)
    if name == "record_bad_status":
        recs[0]["status"] = "approved"
        return sealed(with_records(recs)), (f"{MEMBER}:1: case {recs[0]['case_id']}: status",)
    if name == "case_twice":
        return sealed(with_records(recs + recs[:1])), (f"{MEMBER}:17: case {recs[0]['case_id']} appears twice",)
    if name == "record_not_object":
        return sealed(with_body(craft.body(recs[:2]) + b"[1, 2]\n")), (f"{MEMBER}:3: each line must be a JSON object",)
    if name == "record_not_json":
        return sealed(with_body(craft.body(recs[:2]) + b"{not json\n")), (f"{MEMBER}:3: not JSON",)
    if name == "manifest_not_json":
        return sealed([("manifest.json", b"\xff\xfe not json"), good[1]]), ("manifest.json: not UTF-8",)
    if name == "manifest_not_matching_header_id":
        return sealed(craft.members(new_id())), ("manifest does not match the signed header",)
    if name == "missing_member":
        return sealed([manifest]), (f"archive lacks {MEMBER}",)
    if name == "missing_manifest":
        return sealed([good[1]]), ("archive lacks manifest.json",)
    if name == "empty_archive":
        return sealed([]), ("archive lacks",)
    if name == "not_an_archive":
        return craft.seal(os.urandom(4096), bid), ("payload is not a valid archive",)
    if name == "not_encrypted":
        return craft.seal(make_zip(good), bid, encrypt=False), ("not encrypted",)
    if name == "encrypted_to_another_store":
        stranger = pyrage.x25519.Identity.generate().to_public()
        payload = pyrage.encrypt(make_zip(good), [stranger])
        return envelope.seal("bundle", bid, CREATED, payload, craft.key, "age"), ("cannot decrypt",)
    raise AssertionError(name)


def manifest_for(craft: Craft, bundle_id: str, body: bytes) -> Entry:
    return ("manifest.json", craft.manifest_bytes(bundle_id, body))


HOSTILE_PAYLOADS = [
    "dotdot_extra_member", "dotdot_instead_of_member", "dotdot_inside_name", "backslash_traversal",
    "absolute_etc_passwd", "absolute_into_sandbox", "absolute_member_name", "drive_letter", "drive_letter_relative",
    "duplicate_member", "duplicate_member_other_content", "duplicate_manifest", "symlink", "directory_mode",
    "device_mode", "unsupported_compression", "compression_bomb_ratio", "ten_thousand_members",
    "nested_record_line", "nested_value_in_record", "nested_manifest", "oversized_line",
    "manifest_hash_mismatch", "manifest_size_mismatch", "member_changed_after_manifest", "manifest_count_mismatch",
    "revision_does_not_match_content", "revision_id_forged", "record_unknown_key", "nested_record_unknown_key",
    "manifest_unknown_key", "manifest_names_other_file", "record_bad_status", "case_twice", "record_not_object",
    "record_not_json", "manifest_not_json", "manifest_not_matching_header_id", "missing_member", "missing_manifest",
    "empty_archive", "not_an_archive", "not_encrypted", "encrypted_to_another_store",
]


#: One or two of each refusal kind, run on PostgreSQL too (all run on SQLite).
PG_HOSTILE_PAYLOADS = [
    "dotdot_extra_member", "absolute_etc_passwd", "drive_letter", "duplicate_member", "symlink",
    "unsupported_compression", "compression_bomb_ratio", "ten_thousand_members", "nested_value_in_record",
    "nested_manifest", "oversized_line", "manifest_hash_mismatch", "manifest_count_mismatch",
    "revision_does_not_match_content", "revision_id_forged", "record_unknown_key", "manifest_unknown_key",
    "manifest_names_other_file", "record_bad_status", "case_twice", "record_not_object", "record_not_json",
    "manifest_not_json", "manifest_not_matching_header_id", "missing_member", "missing_manifest", "not_an_archive",
    "not_encrypted", "encrypted_to_another_store",
]
assert set(PG_HOSTILE_PAYLOADS) <= set(HOSTILE_PAYLOADS)


@pytest.mark.parametrize("backend,name", [("sqlite", n) for n in HOSTILE_PAYLOADS]
                         + [("postgresql", n) for n in PG_HOSTILE_PAYLOADS])
def test_hostile_payload_from_an_enrolled_key_is_refused(world: World, sandbox: Sandbox, craft: Craft, name: str):
    data, expected = _case(craft, sandbox, name)
    # The envelope is genuine: signed by an enrolled, unrevoked key over the exact bytes.
    header = EnvelopeHeader.model_validate_json(split(data)[0])
    assert header.key_id == craft.key.key_id
    assert_refused(world, sandbox, data, *expected)


# ---------------------------------------------------------------------------------------
# Compression bombs, imported in a child process whose memory is measured
# ---------------------------------------------------------------------------------------

_BOMB_CHILD = r"""
import json, resource, sys
from hmip_desktop.core.central import importer
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange.envelope import Rejected

def peak_bytes():
    # This process's own high-water mark. ru_maxrss is not: on Linux it carries over
    # through exec from the process that started us (pytest), so it would report pytest.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024

store = CentralStore.open(sys.argv[1], keys_dir=sys.argv[2])
store.identity()
baseline = peak_bytes()
results = []
for path in sys.argv[3:]:
    reasons = []
    for check in (lambda: importer.verify_bundle(store, open(path, "rb").read()),
                  lambda: importer.import_file(store, path)):
        try:
            check()
            reasons.append(None)
        except Rejected as exc:
            reasons.append(exc.reason)
    results.append(reasons)
store.engine.dispose()
print(json.dumps({"baseline": baseline, "peak": peak_bytes(), "results": results}))
"""


def _bomb_zip(manifest: bytes, zeros_mb: int, random_prefix: int = 0, declare: int | None = None) -> bytes:
    """A ZIP whose case_reads.jsonl is ``random_prefix`` random bytes then ``zeros_mb``
    MiB of zeros, streamed in (never held whole). With ``declare``, the uncompressed
    size recorded for the member is a lie: ``declare`` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(regular("manifest.json"), manifest)
        with zf.open(regular(MEMBER), "w") as fh:
            fh.write(random.Random(random_prefix).randbytes(random_prefix))
            chunk = bytes(1024 * 1024)
            for _ in range(zeros_mb):
                fh.write(chunk)
    data = bytearray(out.getvalue())
    if declare is not None:
        for signature, name_len_at, name_at, size_at in ((b"PK\x01\x02", 28, 46, 24), (b"PK\x03\x04", 26, 30, 22)):
            pos = data.find(signature)
            while pos >= 0:
                name_len = struct.unpack_from("<H", data, pos + name_len_at)[0]
                if bytes(data[pos + name_at : pos + name_at + name_len]) == MEMBER.encode():
                    struct.pack_into("<I", data, pos + size_at, declare)
                pos = data.find(signature, pos + 4)
    return bytes(data)


@pytest.mark.slow
@pytest.mark.skipif(resource is None, reason="needs the resource module to measure peak memory")
def test_compression_bombs_are_refused_within_bounded_memory(world: World, sandbox: Sandbox, craft: Craft):
    manifest = craft.manifest_bytes(new_id(), b"")
    bombs: dict[str, tuple[bytes, str]] = {}
    # 200 MiB of zeros, honestly declared: refused on its declared size.
    bombs["honest_200mb"] = (_bomb_zip(manifest, 200), "is too large")
    # 200 MiB of zeros declared as just within the caps (64 MiB, ratio 200): the size
    # field lies, so the member is inflated up to its declared size and must then fail.
    probe = _bomb_zip(manifest, 200, random_prefix=128 * 1024)
    compressed = next(i for i in zipfile.ZipFile(io.BytesIO(probe)).infolist() if i.filename == MEMBER).compress_size
    declare = min(archive.MAX_MEMBER, archive.MAX_RATIO * compressed)
    assert declare > 60 * 1024 * 1024
    bombs["lying_64mb"] = (_bomb_zip(manifest, 200, random_prefix=128 * 1024, declare=declare), "is damaged")
    # 20 MiB of zeros, honestly declared, under the size cap but a ~1000-fold ratio.
    bombs["ratio_20mb"] = (_bomb_zip(manifest, 20), "compression bomb")

    paths = []
    for name, (zip_bytes, _) in bombs.items():
        bid = json.loads(manifest)["bundle_id"]
        paths.append(sandbox.inputs / f"{name}.bundle")
        paths[-1].write_bytes(craft.seal(zip_bytes, bid))
    before, files_before = world.dump(), sandbox.snapshot()
    env = dict(os.environ, TMPDIR=str(sandbox.tmp))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-c", _BOMB_CHILD, world.location, str(world.keys_dir), *map(str, paths)],
                          capture_output=True, text=True, cwd=sandbox.cwd, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    for (name, (_, expected)), reasons in zip(bombs.items(), report["results"]):
        for which, reason in zip(("verify_bundle", "import_file"), reasons):
            assert reason is not None and expected in reason, f"{name}: {which} gave {reason!r}, expected {expected!r}"
    mib = 1024 * 1024
    print(f"compression bombs: peak {report['peak'] / mib:.0f} MiB, baseline {report['baseline'] / mib:.0f} MiB;",
          "reasons:", [r[1] for r in report["results"]])
    assert report["peak"] < MEMORY_LIMIT, (
        f"importing compression bombs peaked at {report['peak'] / mib:.0f} MiB "
        f"(baseline after start-up {report['baseline'] / mib:.0f} MiB; limit {MEMORY_LIMIT / mib:.0f} MiB)")
    assert world.dump() == before
    sandbox.check_unchanged(files_before)
