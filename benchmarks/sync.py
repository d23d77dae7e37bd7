"""Figures for network sync (docs/sync.md): one bundle sent to a real ``hmip serve`` over
loopback HTTPS (``sync_upload``), and 50 laptops sending at once to two workers on
PostgreSQL (``sync_load``). The servers are real processes with real TLS (a CA and
certificate made with trustme); building everything is untimed.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from .registry import Context, Measurement, benchmark
from ._common import REPO, remove_db
from .timing import Work, compare

LAPTOPS = 50
READS_EACH = 3
#: Rows an import writes, emptied between repetitions (children first).
IMPORTED = ("revision_answers", "revisions", "conflicts", "case_reads", "bundles", "devices", "sync_receipts")


def _tls(workdir: Path) -> dict[str, Path]:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    paths = {"ca": workdir / "ca.pem", "cert": workdir / "cert.pem", "key": workdir / "key.pem"}
    ca.cert_pem.write_to_path(str(paths["ca"]))
    cert.cert_chain_pems[0].write_to_path(str(paths["cert"]))
    cert.private_key_pem.write_to_path(str(paths["key"]))
    return paths


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(location: str, keys: Path, tls: dict[str, Path], workdir: Path, workers: int = 1):
    """``hmip serve`` on 127.0.0.1 (a free port) until the block ends; yields its URL."""
    import httpx

    port = _free_port()
    log = open(workdir / f"serve-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "hmip_desktop.cli", "serve", location, "--keys", str(keys), "--host", "127.0.0.1",
         "--port", str(port), "--tls-cert", str(tls["cert"]), "--tls-key", str(tls["key"]), "--workers", str(workers),
         "--rate-limit", "100000"],
        stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True)
    url = f"https://127.0.0.1:{port}"
    try:
        context = ssl.create_default_context(cafile=str(tls["ca"]))
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"hmip serve did not start: {(workdir / f'serve-{port}.log').read_text()[-500:]}")
            try:
                # one identity request per worker or so: every worker has its keys unlocked and is warm
                for _ in range(2 * workers):
                    httpx.get(url + "/v1/identity", params={"challenge": "0" * 32}, verify=context, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _post(url: str, data: bytes, context: ssl.SSLContext) -> bytes:
    """One upload as a laptop makes it: a new TLS connection, the bundle, the receipt back."""
    import httpx

    with httpx.Client(verify=context, timeout=300) as client:
        response = client.post(url + "/v1/bundles", content=data)
    if response.status_code != 201:
        raise RuntimeError(f"upload answered {response.status_code}: {response.text.strip()}")
    return response.content


@benchmark(
    "sync_upload",
    unit="ms",
    measures="One 150-read bundle (largest framework, as import_bundle's) sent to a running `hmip serve` over "
    "loopback HTTPS (a new TLS connection, the POST, the signed receipt read back): the server's whole import. "
    "The store's imported rows are deleted between repetitions (untimed), so each upload is a first import.",
    baseline="importer.import_file of the same bundle into the same empty store, opened once in this process and "
    "emptied the same way between repetitions (the local `central import`, as warm as the running server). "
    "Target: ratio <= 1.5.",
)
def sync_upload(ctx: Context) -> Measurement:
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.field.export import export_bundle

    from .exchange import CASES, INSPECTION, build

    s = build(ctx.workdir)
    bundle = ctx.workdir / "case-reads.bundle"
    try:
        export_bundle(s.field_db, INSPECTION, s.key, bundle)
    finally:
        s.field_db.close()
    data = bundle.read_bytes()
    tls = _tls(ctx.workdir)
    context = ssl.create_default_context(cafile=str(tls["ca"]))
    served = ctx.workdir / "served.sqlite"
    shutil.copyfile(s.central_empty, served)
    # Both sides warm: the server keeps its engine, caches and unlocked keys between
    # uploads, so the baseline keeps one open store too (an earlier baseline opened a
    # fresh copy per repetition and paid its first queries: that flattered the ratio).
    # Both are emptied the same way (untimed), so every import is a first import.
    local_path = ctx.workdir / "local.sqlite"
    shutil.copyfile(s.central_empty, local_path)
    local_store = CentralStore.open(local_path, keys_dir=s.central_keys)
    local_store.identity(), local_store.signing_key()

    def emptied(path: Path):
        def empty() -> None:
            conn = sqlite3.connect(str(path), timeout=30)
            with conn:
                for table in IMPORTED:
                    conn.execute(f"DELETE FROM {table}")
            conn.close()
        return empty

    def local() -> None:
        result = importer.import_file(local_store, bundle)
        assert result.outcomes == {"head": CASES}, result.outcomes

    try:
        with serving(str(served), s.central_keys, tls, ctx.workdir) as url:
            value, base = compare(Work(lambda: _post(url, data, context), teardown=emptied(served)),
                                  Work(local, teardown=emptied(local_path)), ctx, repeats=11, warmup=1)
    finally:
        local_store.engine.dispose()
        remove_db(local_path)
    return Measurement(value * 1000, base * 1000)


def _laptops(workdir: Path, store) -> list[bytes]:
    """An inspection of LAPTOPS × READS_EACH complete reads (largest framework), one
    inspector per laptop with their own key and device, set up at ``store``; returns
    each laptop's bundle (its own reads)."""
    from hmip_desktop.core.central.setup_flow import set_up_from_field
    from hmip_desktop.core.exchange.keys import new_key
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.export import export_bundle, set_user, trust_central
    from hmip_desktop.core.field.inspections import create_inspection
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.core.frameworks.loader import read_file

    from .exchange import INSPECTION, _fill, _profile, largest_framework

    rng = random.Random(16)
    text = read_file(largest_framework())
    fw = load_text(text, "framework")
    team = [{"id": f"insp{i:02d}", "name": f"Inspector {i}", "role": "inspector"} for i in range(LAPTOPS)]
    cases = [{"case_id": f"YJ25-{n:05d}", "selection": "sample", "profile": _profile(fw, rng)}
             for n in rng.sample(range(1000, 99999), LAPTOPS * READS_EACH)]
    reads = [(c["case_id"], team[i // READS_EACH]["id"]) for i, c in enumerate(cases)]
    base = workdir / "laptop.sqlite"
    db = open_db(base)
    create_inspection(db, inspection_id=INSPECTION, provider="Benchmark", title="Load", framework_yaml=text,
                      team=team, cases=cases, reads=reads)
    _fill(db, fw, rng)
    keys = {}
    for m in team:
        key = new_key(workdir / "keys" / m["id"], m["name"])
        store.enrol(m["name"], "inspector", (workdir / "keys" / m["id"] / "public.key").read_text(encoding="utf-8"))
        keys[m["id"]] = key
    set_up_from_field(store, db, INSPECTION, {m: k.key_id for m, k in keys.items()})
    trust_central(db, store_id=store.store_id, recipients=store.recipients(), public_key=store.meta("signing_key"))
    db.close()
    bundles = []
    for m in team:
        path = workdir / f"{m['id']}.sqlite"
        shutil.copyfile(base, path)
        laptop = open_db(path)
        laptop.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [uuid.uuid4().hex])
        laptop.conn.commit()
        set_user(laptop, m["id"])
        export_bundle(laptop, INSPECTION, keys[m["id"]], workdir / f"{m['id']}.bundle")
        laptop.close()
        bundles.append((workdir / f"{m['id']}.bundle").read_bytes())
    return bundles


@benchmark(
    "sync_load",
    unit="ms",
    measures=f"{LAPTOPS} laptops (threads, each its own TLS connection) sending their bundles ({READS_EACH} complete "
    "reads each, own key and device) at once to `hmip serve --workers 2` over a PostgreSQL store: the wall time "
    "until every receipt is back. Checks every bundle imported exactly once and no error; adds "
    "throughput_bps (bundles per second) and p95_ms (95th percentile of one upload's latency).",
    baseline=f"importer.import_bundle of the same {LAPTOPS} bundles one after another in this process into a "
    "fresh copy of the same PostgreSQL store (measured in the same run).",
)
def sync_load(ctx: Context) -> Measurement:
    import statistics

    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.store import CentralStore
    from sqlalchemy import text

    from .pg import pg_server

    os.environ.setdefault("HMIP_KEY_PASSPHRASE", "benchmark passphrase (not a secret)")
    tls = _tls(ctx.workdir)
    context = ssl.create_default_context(cafile=str(tls["ca"]))
    with pg_server("sync_load") as server:
        template = server.create_database("sync_template")
        keys = ctx.workdir / "central.keys"
        store = CentralStore.init(server.url(template), keys_dir=keys)
        bundles = _laptops(ctx.workdir, store)
        store.engine.dispose()
        counter = itertools.count()
        walls, bases, p95s = [], [], []

        def fresh() -> str:
            name = f"sync_{next(counter)}"
            with server.connect() as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return name

        def counts(url: str) -> tuple[int, int]:
            s = CentralStore.open(url, keys_dir=keys)
            try:
                with s.engine.connect() as conn:
                    return (conn.execute(text("SELECT count(*) FROM bundles")).scalar(),
                            conn.execute(text("SELECT count(*) FROM revisions")).scalar())
            finally:
                s.engine.dispose()

        for _ in range(ctx.repeats(3)):
            name = fresh()
            with serving(server.url(name), keys, tls, ctx.workdir, workers=2) as url:
                latencies, errors = [], []
                gate = threading.Barrier(LAPTOPS + 1)

                def laptop(data: bytes) -> None:
                    gate.wait()
                    started = time.perf_counter()
                    try:
                        _post(url, data, context)
                        latencies.append(time.perf_counter() - started)
                    except Exception as exc:  # noqa: BLE001 - counted, and the figure fails
                        errors.append(exc)

                threads = [threading.Thread(target=laptop, args=(b,)) for b in bundles]
                for t in threads:
                    t.start()
                gate.wait()
                started = time.perf_counter()
                for t in threads:
                    t.join()
                walls.append(time.perf_counter() - started)
            if errors:
                logs = "".join(p.read_text(errors="replace")[-3000:] for p in ctx.workdir.glob("serve-*.log"))
                raise RuntimeError(f"sync_load: {len(errors)} uploads failed, first: {errors[0]}\n{logs}")
            if counts(server.url(name)) != (LAPTOPS, LAPTOPS * READS_EACH):
                raise RuntimeError(f"sync_load: not every bundle imported exactly once: {counts(server.url(name))}")
            p95s.append(statistics.quantiles(latencies, n=20)[-1])
            server.drop_database(name)

            name = fresh()
            local = CentralStore.open(server.url(name), keys_dir=keys)
            local.identity(), local.signing_key()
            started = time.perf_counter()
            for data in bundles:
                importer.import_bundle(local, data)
            bases.append(time.perf_counter() - started)
            local.engine.dispose()
            server.drop_database(name)
    wall, base = statistics.median(walls), statistics.median(bases)
    return Measurement(wall * 1000, base * 1000,
                       {"throughput_bps": round(LAPTOPS / wall, 1), "p95_ms": round(statistics.median(p95s) * 1000, 1)})
