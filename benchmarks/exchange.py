"""Figures for the exchange of case reads: exporting a bundle on the laptop and importing
it into the central store (hmip_desktop.core.field.export, hmip_desktop.core.central.importer).

Both work on one inspection: 150 cases of the largest framework in forms/ (by key
questions and prompts), one read per case, every relevant question answered with an
evidence note on each key question. Building it is untimed.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import random
import shutil
import sqlite3
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .registry import Context, Measurement, benchmark
from ._common import remove_db
from .timing import Work, compare

CASES = 150
INSPECTION = "bench-exchange"
PASSPHRASE = "benchmark passphrase (not a secret)"
#: The central tables one import writes rows into (the import baseline inserts these;
#: the inspection, its team and sample are set up before, as at a real central store).
IMPORT_TABLES = ("bundles", "devices", "revisions", "revision_answers", "case_reads")
#: Reads in the bundle of the import_bundle_10k figure (the largest a bundle may carry).
MANY = 10_000
#: The central store's connection pragmas (hmip_desktop.core.central.store.make_engine).
CENTRAL_PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000",
                   "secure_delete=ON", "trusted_schema=OFF")
SOURCES = ("the pre-sentence report", "AssetPlus", "the case record", "the interview with the case manager",
           "the intervention plan", "police information", "children's social care records", "the latest review")
NOTES = {
    "yes": "Sufficient: {a} and {b} show timely, well-judged work; the child's and parents' views were recorded.",
    "no": "Not sufficient: {a} was not used and information in {b} was not taken into account.",
    "na": "Not applicable for this case: {a} confirms there was no requirement at this stage.",
}


def largest_framework() -> Path:
    """The framework file in forms/ with the most key questions and prompts."""
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.core.frameworks.loader import read_file
    from hmip_desktop.core.paths import forms_dir

    def size(path: Path) -> tuple[int, str]:
        fw = load_text(read_file(path), str(path))
        return sum(1 + len(kq.prompts) for kq in fw.key_questions()), path.name

    files = sorted(forms_dir().glob("*.y*ml"))
    if not files:
        raise FileNotFoundError(f"no framework files in {forms_dir()}")
    return max(files, key=size)


@dataclass
class Setup:
    field_db: object
    key: object
    central_empty: Path
    central_keys: Path
    recipients: list[str]


def _profile(fw, rng: random.Random) -> dict:
    return {f.id: rng.choice([o.id for o in fw.scale(f.scale).options])
            for f in fw.case_profile if f.type == "single_choice" and (f.required or rng.random() < 0.8)}


def _fill(db, fw, rng: random.Random) -> None:
    """Answer every relevant question of every read (judgement, evidence note on each key
    question, prompts), record the interview and mark the read complete: in SQL, one transaction."""
    from hmip_desktop.core.field import audit, form_state
    from hmip_desktop.core.field.db import write_transaction

    now = audit.utc_now()
    rows = list(db.execute("SELECT r.id, r.reader_id, c.profile FROM case_reads r JOIN cases c"
                           " USING (inspection_id, case_id) WHERE r.inspection_id = ?", [INSPECTION]))
    with write_transaction(db):
        for read_id, reader, profile in rows:
            shown = form_state.visible(fw, form_state.ReadValues(json.loads(profile), {}, {}, True))
            answers = []
            for kq in fw.key_questions():
                if kq.id not in shown:
                    continue
                ids = [o.id for o in fw.options(kq.answer)]
                value = rng.choices(ids, weights=[68, 27, 5][: len(ids)] + [5] * (len(ids) - 3))[0]
                a, b = rng.sample(SOURCES, 2)
                answers.append((read_id, kq.id, json.dumps(value), NOTES.get(value, NOTES["yes"]).format(a=a, b=b),
                                now, reader))
                for prompt in kq.prompts:
                    if prompt.id in shown:
                        pids = [o.id for o in fw.options(prompt.answer)]
                        answers.append((read_id, prompt.id, json.dumps(rng.choice(pids)), "", now, reader))
            db.conn.executemany("INSERT INTO answers (case_read_id, question_id, value, note, updated_at, updated_by)"
                                " VALUES (?, ?, ?, ?, ?, ?)", answers)
            db.execute("UPDATE case_reads SET status = 'complete', interview_held = 1, interview_date = ?,"
                       " updated_at = ?, completed_at = ? WHERE id = ?",
                       [f"2026-11-{rng.randint(16, 27)}", now, now, read_id])


def build(workdir: Path, reads: int = CASES) -> Setup:
    """The field store (inspection of ``reads`` case reads filled in, trusting the central
    store), the inspector's key, and an empty initialised central store with that key
    enrolled. Untimed."""
    os.environ.setdefault("HMIP_KEY_PASSPHRASE", PASSPHRASE)  # no keyring on a benchmark machine
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.exchange.keys import new_key
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.export import trust_central
    from hmip_desktop.core.field.inspections import create_inspection
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.core.frameworks.loader import read_file

    rng = random.Random(2026)
    path = largest_framework()
    text = read_file(path)
    fw = load_text(text, str(path))
    central_empty = workdir / "central-empty.sqlite"
    central_keys = workdir / "central.keys"
    store = CentralStore.init(central_empty, keys_dir=central_keys)
    key = new_key(workdir / "inspector-key", "Benchmark inspector")
    store.enrol("Benchmark inspector", "inspector", (workdir / "inspector-key" / "public.key").read_text(encoding="utf-8"))
    recipients = store.recipients()
    signing = store.meta("signing_key")
    store_id = store.store_id
    # One inspector reads every case (one key sends them all: the store takes a member's own reads only).
    team = [{"id": f"insp{i}", "name": f"Inspector {i}", "role": "inspector"} for i in range(1, 4)]
    cases = [{"case_id": f"YJ25-{n:05d}", "selection": "sample", "profile": _profile(fw, rng)}
             for n in rng.sample(range(1000, 99999), reads)]
    db = open_db(workdir / "field.sqlite")
    create_inspection(db, inspection_id=INSPECTION, provider="Benchmark youth justice service", title="Benchmark",
                      framework_yaml=text, team=team, cases=cases, reads=[(c["case_id"], "insp1") for c in cases])
    _fill(db, fw, rng)
    trust_central(db, store_id=store_id, recipients=recipients, public_key=signing)
    set_up_central(store, db, key.key_id)
    store.engine.dispose()  # last connection closed: WAL checkpointed, the file alone is the store
    return Setup(db, key, central_empty, central_keys, recipients)


def set_up_central(store, field_db, key_id: str) -> None:
    """The benchmark inspection set up at a central store as the field store holds it."""
    from hmip_desktop.core.central.setup_flow import set_up_from_field

    set_up_from_field(store, field_db, INSPECTION, {"insp1": key_id})


def _members(bundle: bytes, identity_file: Path) -> dict[str, bytes]:
    """The decrypted members of a bundle (to give the baselines the exact same bytes)."""
    import pyrage

    n = int.from_bytes(bundle[8:12], "big")
    identity = pyrage.x25519.Identity.from_str(identity_file.read_text(encoding="utf-8").strip())
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(bundle[12 + n + 64 :], [identity]))) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@benchmark(
    "export_bundle",
    unit="ms",
    measures=f"export.export_bundle of an inspection of {CASES} complete case reads (largest framework in forms/, "
    "every relevant question answered, evidence notes), 10% of them edited since the previous export, to a file: "
    "read, re-encode and hash the changed reads, zip, encrypt, sign, durable write, record the export",
    baseline="the same case_reads.jsonl and manifest.json bytes zipped (deflate) with zipfile, hashed with hashlib, "
    "encrypted with pyrage.encrypt to the same recipients, written to a file",
)
def export_bundle(ctx: Context) -> Measurement:
    import pyrage

    from hmip_desktop.core.field.export import export_bundle as export

    s = build(ctx.workdir)
    out, bare_out = ctx.workdir / "ours.bundle", ctx.workdir / "bare.bundle"
    export(s.field_db, INSPECTION, s.key, out)  # untimed: the first export records every revision
    members = _members(out.read_bytes(), s.central_keys / "identity.age")
    body, manifest = members["case_reads.jsonl"], members["manifest.json"]
    recipients = [pyrage.x25519.Recipient.from_str(r) for r in s.recipients]

    from hmip_desktop.core.field.store import FieldStore

    store = FieldStore(s.field_db, "insp1")
    reads = [r["id"] for r in store.case_reads(INSPECTION)]
    question = next(iter(store.framework(INSPECTION).key_questions())).id
    edits = [0]
    for read_id in reads[:: 10]:
        store.reopen(read_id)  # complete reads are read-only: these are the ones being revised
    export(s.field_db, INSPECTION, s.key, out)

    def edit_a_tenth() -> None:
        # Untimed: between two exports an inspector changes some reads (here 10%), so
        # each timed export re-encodes those and re-sends the rest as they were.
        edits[0] += 1
        for read_id in reads[:: 10]:
            store.set_note(read_id, question, f"Evidence revised ({edits[0]}): the plan was reviewed with the child.")

    def ours() -> None:
        export(s.field_db, INSPECTION, s.key, out)

    def bare() -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", manifest)
            zf.writestr("case_reads.jsonl", body)
        hashlib.sha256(body).hexdigest()
        sealed = pyrage.encrypt(buf.getvalue(), recipients)
        hashlib.sha256(sealed).hexdigest()
        bare_out.write_bytes(sealed)

    try:
        value, base = compare(Work(ours, setup=edit_a_tenth), Work(bare), ctx, repeats=15, warmup=2)
    finally:
        s.field_db.close()
    return Measurement(value * 1000, base * 1000)


@benchmark(
    "import_bundle",
    unit="ms",
    measures=f"importer.import_file of a bundle of {CASES} complete case reads (largest framework in forms/) into a "
    "fresh central store (a copy of an empty initialised SQLite store, opened and keys unlocked untimed): verify, "
    "decrypt, check, validate, apply revisions, signed encrypted receipt, one transaction",
    baseline="bare sqlite3 (the central store's pragmas) on a copy of the same empty store: executemany of the same "
    f"rows into {', '.join(IMPORT_TABLES)} in one transaction",
)
def import_bundle(ctx: Context) -> Measurement:
    s, bundle, _ = _exported(ctx)
    return _import_figure(ctx, s.central_empty, s.central_keys, bundle, CASES, repeats=11, warmup=1)


def _exported(ctx: Context, then=None) -> tuple[Setup, Path, object]:
    """The benchmark inspection built and exported as one bundle; ``then(s, bundle)``
    runs while the field store is still open. Returns (set-up, bundle, what ``then`` gave)."""
    from hmip_desktop.core.field.export import export_bundle as export

    s = build(ctx.workdir)
    bundle = ctx.workdir / "case-reads.bundle"
    try:
        export(s.field_db, INSPECTION, s.key, bundle)
        return s, bundle, then(s, bundle) if then else None
    finally:
        s.field_db.close()


def _import_figure(ctx: Context, central_empty: Path, central_keys: Path, bundle: Path, reads: int, *,
                   repeats: int, warmup: int) -> Measurement:
    """importer.import_file of ``bundle`` into copies of ``central_empty``, against bare
    sqlite3 executemany of the very rows it writes (taken from one untimed import)."""
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.store import CentralStore

    # One untimed import gives the rows the baseline inserts.
    sample = ctx.workdir / "sample.sqlite"
    shutil.copyfile(central_empty, sample)
    store = CentralStore.open(sample, keys_dir=central_keys)
    result = importer.import_file(store, bundle)
    assert result.outcomes == {"head": reads}, result.outcomes
    store.engine.dispose()
    conn = sqlite3.connect(str(sample))
    data = {}
    for table in IMPORT_TABLES:
        cursor = conn.execute(f"SELECT * FROM {table}")
        data[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    conn.close()
    remove_db(sample)
    inserts = [(f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
               for t, (cols, rows) in data.items()]

    counter = itertools.count()
    current: dict[str, object] = {}

    def setup() -> None:
        path = ctx.workdir / f"ours-{next(counter)}.sqlite"
        shutil.copyfile(central_empty, path)
        store = CentralStore.open(path, keys_dir=central_keys)
        store.identity(), store.signing_key()  # a running import service has its keys unlocked
        current.update(path=path, store=store)

    def ours() -> None:
        importer.import_file(current["store"], bundle)

    def teardown() -> None:
        current.pop("store").engine.dispose()
        remove_db(current.pop("path"))

    def bare_setup() -> None:
        path = ctx.workdir / f"bare-{next(counter)}.sqlite"
        shutil.copyfile(central_empty, path)
        conn = sqlite3.connect(str(path))
        for pragma in CENTRAL_PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        current.update(bare_path=path, conn=conn)

    def bare() -> None:
        conn = current["conn"]
        with conn:  # one transaction
            for sql, rows in inserts:
                conn.executemany(sql, rows)

    def bare_teardown() -> None:
        current.pop("conn").close()
        remove_db(current.pop("bare_path"))

    value, base = compare(Work(ours, setup=setup, teardown=teardown),
                          Work(bare, setup=bare_setup, teardown=bare_teardown), ctx, repeats=repeats, warmup=warmup)
    return Measurement(value * 1000, base * 1000)


#: Run in a child process: one import, then that process's own peak resident memory.
_PEAK_CHILD = r"""
import resource, sys
from hmip_desktop.core.central import importer
from hmip_desktop.core.central.store import CentralStore

store = CentralStore.open(sys.argv[1], keys_dir=sys.argv[2])
store.identity(), store.signing_key()
result = importer.import_file(store, sys.argv[3])
store.engine.dispose()
if result.outcomes != {"head": int(sys.argv[4])}:  # a figure for an import that did the work, or none
    sys.exit(f"the import gave {result.outcomes}, not {sys.argv[4]} new heads")
try:  # VmHWM: this process's own high-water mark (ru_maxrss carries over exec on Linux)
    peak = next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except OSError:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = rss if sys.platform == "darwin" else rss * 1024
print(peak)
"""


def peak_import_memory(central_empty: Path, central_keys: Path, bundle: Path, workdir: Path, reads: int = MANY) -> int:
    """Peak memory in bytes of a fresh process importing ``bundle`` into a copy of
    ``central_empty`` (CalledProcessError unless it stored ``reads`` new heads)."""
    import subprocess
    import sys

    path = workdir / "peak.sqlite"
    shutil.copyfile(central_empty, path)
    repo = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (repo, os.environ.get("PYTHONPATH", "")) if p)}
    out = subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(path), str(central_keys), str(bundle), str(reads)],
                         capture_output=True, text=True, env=env, check=True, timeout=600)
    remove_db(path)
    return int(out.stdout.strip().splitlines()[-1])


def build_many(ctx: Context, s: Setup, bundle_150: Path) -> tuple[Path, Path]:
    """A central store with an inspection of MANY sampled cases allocated to the benchmark
    inspector, and a bundle of MANY complete reads for it (the 150 reads' content
    repeated under new case references, each with its own revision id). Untimed."""
    import hashlib as _hashlib

    import pyrage

    from hmip_desktop.core.central import setup_flow
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.exchange import archive, envelope
    from hmip_desktop.core.exchange.revisions import canonical, content_hash, revision_id

    members = _members(bundle_150.read_bytes(), s.central_keys / "identity.age")
    manifest = json.loads(members["manifest.json"])
    base = [json.loads(line) for line in members["case_reads.jsonl"].splitlines()]
    text = s.field_db.execute("SELECT framework_yaml FROM inspections WHERE id = ?", [INSPECTION]).fetchone()[0]
    central = ctx.workdir / "central-10k.sqlite"
    shutil.copyfile(s.central_empty, central)
    store = CentralStore.open(central, keys_dir=s.central_keys)
    inspection = f"{INSPECTION}-10k"
    lines, cases = [], []
    for i in range(MANY):
        record = {**base[i % len(base)], "case_id": f"YJ25-{i:06d}", "parent_revision_id": None}
        record["revision_id"] = revision_id(None, content_hash(record))
        lines.append(canonical(record))
        cases.append({"case_id": record["case_id"], "profile": record["profile"], "selection": "sample",
                      "reader_id": "insp1"})
    setup_flow.set_up(store, inspection, framework_yaml=text, provider="Benchmark", title="Benchmark 10k",
                      team=[{"id": "insp1", "name": "Inspector 1", "role": "inspector", "key_id": s.key.key_id}],
                      cases=cases)
    store.engine.dispose()
    body = b"\n".join(lines) + b"\n"
    bundle_id = uuid.uuid4().hex
    manifest.update(bundle_id=bundle_id, inspection_id=inspection, sequence=1, device_id=uuid.uuid4().hex,
                    files={"case_reads.jsonl": {"sha256": _hashlib.sha256(body).hexdigest(), "size": len(body),
                                                "count": MANY}})
    payload = archive.build({"manifest.json": canonical(manifest), "case_reads.jsonl": body})
    recipients = [pyrage.x25519.Recipient.from_str(r) for r in s.recipients]
    sealed = envelope.seal("bundle", bundle_id, manifest["created_at"], pyrage.encrypt(payload, recipients), s.key, "age")
    bundle = ctx.workdir / "case-reads-10k.bundle"
    bundle.write_bytes(sealed)
    return central, bundle


@benchmark(
    "import_bundle_10k",
    unit="ms",
    measures=f"importer.import_file of a bundle of {MANY:,} complete case reads (the 150 of import_bundle repeated "
    "under new case references) into a fresh copy of a SQLite central store where they are set up: the whole "
    "streaming import; the line adds peak_mb, the peak resident memory of a fresh process doing one such import",
    baseline="bare sqlite3 (the central store's pragmas) on a copy of the same store: executemany of the same rows "
    f"into {', '.join(IMPORT_TABLES)} in one transaction",
)
def import_bundle_10k(ctx: Context) -> Measurement:
    central, keys, bundle = many_reads_bundle(ctx.workdir)
    peak = peak_import_memory(central, keys, bundle, ctx.workdir)
    m = _import_figure(ctx, central, keys, bundle, MANY, repeats=3, warmup=0)
    return Measurement(m.value, m.baseline, {"peak_mb": round(peak / 1024 / 1024, 1)})


def many_reads_bundle(workdir: Path) -> tuple[Path, Path, Path]:
    """(central store, its keys folder, bundle): a SQLite central store where an inspection
    of MANY cases is set up, and a validly signed bundle of MANY complete reads for it, as
    import_bundle_10k imports (also used by tests/core/exchange/test_import_memory.py,
    which holds the 250 MB limit under CI). Untimed; everything is made in ``workdir``."""
    ctx = Context(workdir)
    s, _, (central, bundle) = _exported(ctx, lambda s, bundle_150: build_many(ctx, s, bundle_150))
    return central, s.central_keys, bundle
