"""Where the application finds its shipped files and keeps per-user data.

Per-user folders come from platformdirs so they are right on Windows, macOS and Linux.
``HMIP_DATA_DIR`` overrides the data folder (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "hmip-desktop"
APP_AUTHOR = "HMIP"


def _root() -> Path:
    """The folder holding forms/ and resources/: the frozen bundle or the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def forms_dir() -> Path:
    override = os.environ.get("HMIP_FORMS_DIR")
    return Path(override) if override else _root() / "forms"


def resources_dir() -> Path:
    return _root() / "resources"


def data_dir() -> Path:
    override = os.environ.get("HMIP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    override = os.environ.get("HMIP_DATA_DIR")
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
