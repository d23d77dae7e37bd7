"""Atomic writes (core/files.py): a full disk names the file and leaves nothing behind;
the temporary files of killed writers are cleared by the next write to the folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hmip_desktop.core import files
from hmip_desktop.core.files import STALE_AFTER, WriteFailed, clear_stale_partials, write_atomically

HOST = files._host()


def hmip(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hmip_desktop.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_a_full_disk_names_the_file_and_leaves_nothing(full_disk):
    target = full_disk / "out.bundle"
    with pytest.raises(WriteFailed) as caught:
        write_atomically(target, os.urandom(1024 * 1024))
    assert str(caught.value) == f"{target}: cannot be written (No space left on device); nothing was written"
    assert caught.value.errno == 28
    assert os.listdir(full_disk) == []


def test_a_full_disk_leaves_an_existing_target_as_it_was(full_disk):
    target = full_disk / "receipt"
    target.write_bytes(b"the old receipt")
    with pytest.raises(OSError, match="receipt: cannot be written"):
        write_atomically(target, os.urandom(1024 * 1024))
    assert os.listdir(full_disk) == ["receipt"] and target.read_bytes() == b"the old receipt"


def test_hmip_demo_on_a_full_disk_leaves_no_half_made_store(full_disk):
    out = hmip("demo", "f.sqlite", cwd=full_disk)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("hmip: error: f.sqlite: cannot be written"), out.stderr
    assert "disk is full" in out.stderr
    assert os.listdir(full_disk) == []


def _killed_writer(folder: Path) -> int:
    """A child process killed (SIGKILL) in the middle of ``write_atomically``; its pid."""
    code = (
        "import os, sys, time\n"
        "from hmip_desktop.core import files\n"
        "def stuck(fd):\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(60)\n"
        "files.os.fsync = stuck\n"
        f"files.write_atomically(files.Path({str(folder / 'out.bundle')!r}), b'half of a bundle')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"ready\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc.pid


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_the_partial_file_of_a_killed_writer_is_cleared_by_the_next_write(tmp_path):
    pid = _killed_writer(tmp_path)
    partial = tmp_path / f".out.bundle.{pid}.{HOST}.partial"
    assert partial.read_bytes() == b"half of a bundle"
    write_atomically(tmp_path / "other.receipt", b"receipt")
    assert sorted(os.listdir(tmp_path)) == ["other.receipt"]


def test_only_stale_partial_files_are_cleared(tmp_path):
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = {
            f".a.bundle.{alive.pid}.{HOST}.partial": "a live writer of this computer",
            f".b.bundle.{os.getpid()}.{HOST}.partial": "this process",
            ".c.bundle.99999999.otherhost.partial": "another computer's (a shared folder): by age only",
            ".d.bundle.99999999.partial": "the earlier naming, no host: by age only",
            ".notes.partial": "not named like ours",
            "e.bundle": "not a partial file",
        }
        old = {
            ".f.bundle.99999999.otherhost.partial": "another computer's, long ago",
            f".g.bundle.{alive.pid}.{HOST}.partial": "a pid reused since, long ago",
        }
        for name in (*kept, *old):
            (tmp_path / name).write_text(name)
        past = time.time() - STALE_AFTER - 60
        for name in old:
            os.utime(tmp_path / name, (past, past))
        removed = clear_stale_partials(tmp_path)
        assert sorted(p.name for p in removed) == sorted(old)
        assert sorted(os.listdir(tmp_path)) == sorted(kept)
    finally:
        alive.kill()
        alive.wait()
