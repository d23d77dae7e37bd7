"""Fixtures for the sync service tests: a real ``hmip serve`` process on 127.0.0.1 with
real TLS (a CA and certificate made by trustme), over a central store on SQLite or on
the session's PostgreSQL server, and laptops (demo field stores) pinned to that store.

The demo field store and the inspectors' keys are made once per session
(:func:`sync_template`); each test gets its own central store and laptop copies.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import trustme

from hmip_desktop.core import demo
from hmip_desktop.core.central import setup_flow
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV, load_key, new_key
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import set_user, trust_central

PASSPHRASE = "test"
ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def _key_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)


@pytest.fixture(scope="session")
def sync_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``f.sqlite`` (the demo inspection), keys ``k`` (insp1), ``k2`` (insp2), ``lead``."""
    d = tmp_path_factory.mktemp("sync-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(PASSPHRASE_ENV, PASSPHRASE)
        demo.create_demo(d / "f.sqlite")
        for folder, name in (("k", "Inspector A"), ("k2", "Inspector B"), ("lead", "Lead")):
            new_key(d / folder, name)
    return d


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it (PEM files)."""
    d = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(d / "ca.pem"))
    cert.cert_chain_pems[0].write_to_path(str(d / "cert.pem"))
    cert.private_key_pem.write_to_path(str(d / "key.pem"))
    other = trustme.CA()  # a CA the laptops do not trust
    other.cert_pem.write_to_path(str(d / "other-ca.pem"))
    return {"ca": d / "ca.pem", "cert": d / "cert.pem", "key": d / "key.pem", "other_ca": d / "other-ca.pem"}


def ca_context(tls: dict[str, Path]) -> ssl.SSLContext:
    """An SSL context trusting only the test CA."""
    return ssl.create_default_context(cafile=str(tls["ca"]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running ``hmip serve`` (its own process group), stopped by the fixture."""

    location: str
    keys: Path
    tls: dict[str, Path]
    port: int
    args: list[str] = field(default_factory=list)
    log: Path | None = None
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self, wait: float = 60) -> Server:
        cmd = [sys.executable, "-m", "hmip_desktop.cli", "serve", self.location, "--keys", str(self.keys),
               "--host", "127.0.0.1", "--port", str(self.port), "--tls-cert", str(self.tls["cert"]),
               "--tls-key", str(self.tls["key"]), *self.args]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = open(self.log, "ab")  # noqa: SIM115 - the process keeps it
        self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                                     start_new_session=True)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"hmip serve exited ({self.proc.returncode}): {self.log.read_text()[-2000:]}")
            try:
                r = httpx.get(self.url + "/v1/identity", params={"challenge": "0" * 32}, verify=ca_context(self.tls),
                              timeout=2)
                if r.status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"hmip serve did not answer within {wait} s: {self.log.read_text()[-2000:]}")

    def _signal(self, sig) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)

    def kill(self) -> None:
        """SIGKILL, at once, to the server and its workers."""
        self._signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(10)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)
        if self.proc is not None:
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class SyncWorld:
    root: Path
    location: str
    central: CentralStore
    keys: Path
    tls: dict[str, Path]
    servers: list[Server] = field(default_factory=list)

    def key(self, folder: str = "k"):
        return load_key(self.root / folder)

    def laptop(self, name: str = "f1", member: str = "insp1") -> Path:
        """A copy of the demo field store as ``member``'s laptop (its own device id),
        pinned to this world's central store."""
        path = self.root / f"{name}.sqlite"
        shutil.copy(self.root / "f.sqlite", path)
        db = open_db(path)
        try:
            db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [uuid.uuid4().hex])
            db.conn.commit()
            set_user(db, member)
            trust_central(db, store_id=self.central.store_id, recipients=self.central.recipients(),
                          public_key=self.central.meta("signing_key"))
        finally:
            db.close()
        return path

    def server(self, *args: str, workers: int = 1) -> Server:
        s = Server(self.location, self.keys, self.tls, free_port(), [*args, "--workers", str(workers)],
                   log=self.root / f"serve-{len(self.servers)}.log")
        self.servers.append(s)
        return s.start()

    def count(self, sql: str) -> int:
        from sqlalchemy import text

        with self.central.engine.connect() as conn:
            return conn.execute(text(sql)).scalar()


@pytest.fixture
def sync_world(sync_template: Path, tls, central_location: str, tmp_path: Path):
    """A central store (SQLite or PostgreSQL: the test id says) with inspection 'demo'
    set up as the demo field store has it, keys k (insp1) and k2 (insp2) enrolled and
    the lead's key enrolled as lead; no server yet (``world.server()`` starts one)."""
    root = tmp_path / "w"
    shutil.copytree(sync_template, root)
    keys = root / "central.keys"
    central = CentralStore.init(central_location, keys)
    world = SyncWorld(root, central_location, central, keys, tls)
    try:
        ids = {}
        for folder, member, role in (("k", "insp1", "inspector"), ("k2", "insp2", "inspector"),
                                     ("lead", "lead1", "lead")):
            ids[member] = central.enrol(folder, role, (root / folder / "public.key").read_text(encoding="utf-8"))
        db = open_db(root / "f.sqlite")
        try:
            setup_flow.set_up_from_field(central, db, "demo", {"insp1": ids["insp1"], "insp2": ids["insp2"]})
        finally:
            db.close()
        yield world
    finally:
        for s in world.servers:
            s.stop()
        central.engine.dispose()
