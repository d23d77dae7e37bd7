"""Fixtures for the core tests."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own 256 KiB tmpfs: writing more than that fails with ENOSPC, for real.

    Needs root (CI runs as root on this kind of machine). If the mount is not permitted
    the test FAILS, saying so: a full disk must never go untested silently.
    """
    folder = tmp_path / "small-disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a 256 KiB tmpfs on {folder} to test a full disk (run as root with mount "
                    f"permitted): {done.stderr.strip() or done.returncode}", pytrace=False)
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
