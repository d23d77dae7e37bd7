"""The central import streams (issue 13, rule 7): a fresh process importing a bundle of
10,000 complete case reads (the most a bundle may carry) into a SQLite central store
where they are set up peaks at no more than 250 MiB of resident memory.

The bundle and the measurement are the benchmark's own (benchmarks/exchange.py:
``many_reads_bundle`` builds what ``import_bundle_10k`` imports, ``peak_import_memory``
runs one import in a child process and reads that child's high-water mark, VmHWM), so
that the limit the benchmark prints is also held by CI.
"""

from __future__ import annotations

import subprocess

import pytest

from benchmarks.exchange import MANY, PASSPHRASE, many_reads_bundle, peak_import_memory
from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV

LIMIT = 250 * 1024 * 1024

pytest.importorskip("resource", reason="peak memory is read as the benchmark reads it (POSIX)")


@pytest.mark.slow
def test_importing_10000_reads_in_a_fresh_process_stays_within_250_mb(tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    central, keys, bundle = many_reads_bundle(tmp_path)
    assert MANY == 10_000
    try:
        peak = peak_import_memory(central, keys, bundle, tmp_path, reads=MANY)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"the import in the child process failed: {exc.stderr.strip()[-2000:]}")
    print(f"import of {MANY} reads: peak {peak / 2**20:.0f} MiB")
    assert peak <= LIMIT, f"importing {MANY} reads peaked at {peak / 2**20:.0f} MiB (limit {LIMIT / 2**20:.0f} MiB)"
