"""Helpers shared by figure modules (not figures themselves)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hmip_desktop.core.field.db import PRAGMAS
from hmip_desktop.core.paths import forms_dir

REPO = Path(__file__).resolve().parents[1]
#: Used while forms/adult_probation.yaml does not exist yet.
FALLBACK_FRAMEWORK = REPO / "tests" / "data" / "mini.yaml"


def framework_file(name: str = "adult_probation.yaml") -> Path:
    """``forms/<name>``, or the small test framework if forms/ does not have it (yet)."""
    path = forms_dir() / name
    return path if path.is_file() else FALLBACK_FRAMEWORK


def bare_connect(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the field store's pragmas (the baselines' side)."""
    conn = sqlite3.connect(str(path))
    for name, value in PRAGMAS.items():
        conn.execute(f"PRAGMA {name}={value}")
    return conn


def remove_db(path: Path) -> None:
    """Delete an SQLite file with its -wal, -shm and -journal companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
