"""The benchmarks runner's output contract (no timing thresholds: machines differ)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KEYS = {"name", "value", "unit", "baseline", "ratio"}


def run(*names: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HMIP_BENCH_QUICK": "1"}
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *names],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )


def test_named_figures_print_one_json_line_each():
    names = ["autosave_commit", "framework_load"]
    proc = run(*names)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(names), proc.stdout
    seen = []
    for line in lines:
        figure = json.loads(line)
        assert set(figure) >= KEYS and all(isinstance(figure[k], (int, float)) for k in set(figure) - KEYS)
        seen.append(figure["name"])
        assert isinstance(figure["unit"], str) and figure["unit"]
        for key in ("value", "baseline", "ratio"):
            assert isinstance(figure[key], (int, float)) and not isinstance(figure[key], bool), key
            assert math.isfinite(figure[key]) and figure[key] > 0, key
        assert figure["ratio"] == pytest.approx(figure["value"] / figure["baseline"], rel=1e-2)
    assert sorted(seen) == sorted(names)


def test_unknown_name_is_a_one_line_error_and_exit_2():
    proc = run("autosave_commit", "no_such_figure")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "no_such_figure" in proc.stderr
