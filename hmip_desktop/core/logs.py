"""Logging to a rotating file in the user's log folder.

Log records name ids (inspection, case read, question) and never personal data:
no names, no evidence text, no answer values. Callers must keep to that.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import log_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(directory: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the ``hmip`` loggers to ``hmip.log`` (1 MB × 5 files); return the file's path."""
    directory = Path(directory) if directory else log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "hmip.log"
    logger = logging.getLogger("hmip")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in logger.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
    logger.setLevel(level)
    return path
