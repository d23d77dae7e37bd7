"""A throwaway PostgreSQL server for the test session (Debian's ``postgresql`` package).

:func:`start` runs ``initdb`` into a fresh temporary folder and starts the server with
``pg_ctl``, listening ONLY on 127.0.0.1 on a free port (and on a Unix socket inside that
folder), with trust authentication for the superuser ``postgres``. It is meant for tests:
fsync and synchronous commit are off. :meth:`PgServer.stop` stops it (``-m immediate``)
and removes the folder.

``initdb`` refuses to run as root: as root, the folder is given to the ``postgres``
system user (which Debian's package creates) and the server's commands run as that user
through ``runuser``; otherwise they run as the current user.

The cluster uses a linguistic ICU collation (en-GB) where the server supports it, as a
production database created on an English-locale machine would, so that ORDER BY clauses
whose result depends on the collation show up in the tests instead of in production.

Nothing here skips or fails a test: :class:`PgUnavailable` says why no server could be
started, and tests/conftest.py fails the test with that reason (never a skip).
"""

from __future__ import annotations

import atexit
import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"
HOST = "127.0.0.1"
START_TIMEOUT = 60  # seconds; initdb + start take about 1 s here


class PgUnavailable(RuntimeError):
    """No PostgreSQL server could be started; the message says why."""


def find_bindir() -> Path:
    """The newest Debian PostgreSQL bin folder (/usr/lib/postgresql/N/bin), or the
    folder of an ``initdb`` on PATH. ``HMIP_PG_BINDIR`` overrides both."""
    override = os.environ.get("HMIP_PG_BINDIR")
    if override:
        candidates = [Path(override)]
    else:
        def version(path: str) -> tuple[int, ...]:
            return tuple(int(x) for x in re.findall(r"\d+", Path(path).parent.name))

        candidates = [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)]
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PgUnavailable("PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH); "
                        "install Debian's postgresql package (scripts/test does this when run as root)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class PgServer:
    """A running throwaway server. ``url(dbname)`` gives a ``postgresql://`` URL."""

    def __init__(self, root: Path, bindir: Path, port: int, as_postgres: bool):
        self.root, self.bindir, self.port, self._as_postgres = root, bindir, port, as_postgres
        self.data = root / "data"
        self.log = root / "server.log"
        self._stopped = False

    # -- running the server's commands -----------------------------------------------------

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bindir / tool), *args]
        return ["runuser", "-u", SUPERUSER, "--", *cmd] if self._as_postgres else cmd

    def _run(self, tool: str, *args: str, timeout: float = START_TIMEOUT) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(self._cmd(tool, *args), capture_output=True, text=True, timeout=timeout,
                                  cwd=self.root, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PgUnavailable(f"{tool}: {exc}") from None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    # -- the public part ----------------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres"):
        """A psycopg connection in autocommit mode (close it yourself)."""
        import psycopg

        return psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10)

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database; return its name."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection a test left open to it."""
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once and remove its folder. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w", timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)


def start(base: Path | None = None) -> PgServer:
    """initdb + start a server in a new folder under ``base`` (default: the system's
    temporary folder). Raises PgUnavailable with the reason (and the server's log)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise PgUnavailable("psycopg 3 is not installed (pip install 'psycopg[binary]')") from None
    bindir = find_bindir()
    as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_postgres and shutil.which("runuser") is None:
        raise PgUnavailable("running as root but runuser is missing: cannot run initdb as the postgres user")
    root = Path(tempfile.mkdtemp(prefix="hmip-pg-", dir=base))
    server = PgServer(root, bindir, _free_port(), as_postgres)
    try:
        if as_postgres:
            import pwd

            try:
                entry = pwd.getpwnam(SUPERUSER)
            except KeyError:
                raise PgUnavailable("running as root but there is no 'postgres' system user "
                                    "(Debian's postgresql package creates it)") from None
            os.chown(root, entry.pw_uid, entry.pw_gid)
            os.chmod(root, 0o700)
            probe = subprocess.run(["runuser", "-u", SUPERUSER, "--", "test", "-w", str(root)], check=False)
            if probe.returncode != 0:
                raise PgUnavailable(f"the postgres user cannot write to {root} (a parent folder is closed to it); "
                                    "set TMPDIR to a folder it can reach")
        common = ["-D", str(server.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-sync"]
        done = server._run("initdb", *common, "--locale-provider=icu", "--icu-locale=en-GB", "--locale=C.UTF-8")
        if done.returncode != 0:  # a server built without ICU: a plain locale will do
            shutil.rmtree(server.data, ignore_errors=True)
            done = server._run("initdb", *common, "--locale=C.UTF-8")
        if done.returncode != 0:
            raise PgUnavailable(f"initdb failed: {(done.stderr or done.stdout).strip()[-2000:]}")
        with open(server.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# hmip tests: a throwaway server, local only, speed over durability\n"
                f"listen_addresses = '{HOST}'\n"
                f"port = {server.port}\n"
                f"unix_socket_directories = '{root}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 200\n"
                "log_min_messages = warning\n")
        for attempt in range(3):
            done = server._run("pg_ctl", "start", "-D", str(server.data), "-l", str(server.log), "-w",
                               "-t", str(START_TIMEOUT))
            if done.returncode == 0:
                break
            if "could not bind" not in server.log_tail() or attempt == 2:
                raise PgUnavailable(f"pg_ctl start failed: {(done.stderr or done.stdout).strip()[-1000:]}\n"
                                    f"server log:\n{server.log_tail()}")
            # someone took the port between choosing and binding it: choose another
            server.port = _free_port()
            with open(server.data / "postgresql.conf", "a", encoding="utf-8") as conf:
                conf.write(f"port = {server.port}\n")
        with server.connect() as conn:
            conn.execute("SELECT 1")
    except BaseException:
        server.stop()
        raise
    atexit.register(server.stop)  # also when the session ends abnormally
    return server
