"""The package's shape, checked on every run: the import contracts in pyproject.toml
(import-linter: a Qt-free core, the core's layers, the core below the windows and the
command line, command-line areas independent of each other, no import cycle) and small
modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hmip_desktop

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(hmip_desktop.__file__).parent
MAX_LINES = 500


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint_imports), "--no-cache", str(ROOT / "pyproject.toml")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout, run.stdout[-4000:]


def test_no_module_over_500_lines():
    big = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert big == {}
