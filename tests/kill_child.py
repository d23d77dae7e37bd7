"""Killing a child process at a chosen moment, for the crash tests (autosave, export).

The child prints ``ready`` once it has started its work, then one line per completed
step; the parent sends SIGKILL ``delay`` seconds after ``ready`` (or after start when
``early``) and gets back only the lines the child finished writing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Killed:
    lines: list[bytes]  # complete step lines (not "ready", not a line cut short by the kill)
    returncode: int
    pid: int
    saw_ready: bool
    killed_at: float = 0.0  # time.time() just before SIGKILL was sent


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def kill_at(script: str, args: list[str], err_path: Path, delay: float, early: bool, cwd: Path | None = None) -> Killed:
    env = _child_env()
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, script, *args], stdout=subprocess.PIPE, stderr=err,
                                stdin=subprocess.DEVNULL, env=env, cwd=cwd)
    lines: list[bytes] = []
    ready = threading.Event()
    killed_at = 0.0

    def pump() -> None:
        for raw in proc.stdout:  # the last line may be cut short by the kill
            lines.append(raw)
            if raw == b"ready\n":
                ready.set()
        ready.set()  # EOF: the child died

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        if not early:
            ready.wait(timeout=60)
        time.sleep(delay)
        killed_at = time.time()
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        reader.join(timeout=60)
        proc.stdout.close()
    complete = [raw for raw in lines if raw.endswith(b"\n") and raw != b"ready\n"]
    return Killed(complete, proc.returncode, proc.pid, b"ready\n" in lines, killed_at)


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: bytes
    pid: int


def run_child(script: str, args: list[str], err_path: Path, cwd: Path | None = None) -> Finished:
    """Run the same kind of child to the end, uninterrupted (stdout captured)."""
    env = _child_env()
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, script, *args], stdout=subprocess.PIPE, stderr=err,
                                stdin=subprocess.DEVNULL, env=env, cwd=cwd)
    stdout, _ = proc.communicate(timeout=60)
    return Finished(proc.returncode, stdout, proc.pid)
