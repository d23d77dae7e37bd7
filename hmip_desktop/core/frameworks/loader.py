"""Reading framework files: YAML → validated :class:`Framework`, with FILE:LINE errors.

``load_text`` is what an inspection uses on its pinned framework content;
``check_dir`` is what ``hmip forms check`` runs over ``forms/``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from . import checks, yaml_lines
from .model import Framework

#: Framework files are small; refuse anything absurd before parsing it.
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class FrameworkError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class FrameworkInvalid(ValueError):
    """A framework file has errors; ``errors`` lists every one found, in line order."""

    def __init__(self, errors: list[FrameworkError]):
        self.errors = sorted(errors, key=lambda e: (e.file, e.line))
        super().__init__("\n".join(str(e) for e in self.errors))


def content_hash(text: str) -> str:
    """The SHA-256 of a framework file's exact content, pinned by each inspection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _describe(err: dict) -> str:
    loc = [str(p) for p in err["loc"]]
    where = ".".join(loc)
    if err["type"] == "extra_forbidden":
        return f"unknown key '{loc[-1]}'" + (f" in {'.'.join(loc[:-1])}" if len(loc) > 1 else "")
    if err["type"] == "missing":
        return f"missing required key '{where}'"
    return f"{where}: {err['msg']}" if where else err["msg"]


def validate_text(text: str, source: str) -> tuple[Framework | None, list[FrameworkError]]:
    """Parse and check ``text``; return the framework (if valid) and every error found."""
    try:
        located = yaml_lines.load(text)
    except yaml_lines.YamlSyntaxError as exc:
        return None, [FrameworkError(source, exc.line, exc.reason)]
    errors = [FrameworkError(source, line, reason) for line, reason in located.problems]
    if not isinstance(located.data, dict):
        errors.append(FrameworkError(source, 1, "a framework file must be a mapping of keys"))
        return None, errors
    try:
        fw = Framework.model_validate(located.data)
    except ValidationError as exc:
        for err in exc.errors():
            errors.append(FrameworkError(source, located.line_of(err["loc"]), _describe(err)))
        return None, errors
    for path, reason in checks.check(fw):
        errors.append(FrameworkError(source, located.line_of(path), reason))
    return (None if errors else fw), errors


def load_text(text: str, source: str = "<framework>") -> Framework:
    """A valid framework from ``text``; raises :class:`FrameworkInvalid` listing every error."""
    return _load_cached(text, source)


@lru_cache(maxsize=16)
def _load_cached(text: str, source: str) -> Framework:
    # Frameworks are frozen models, so sharing one parsed instance is safe.
    fw, errors = validate_text(text, source)
    if errors or fw is None:
        raise FrameworkInvalid(errors)
    return fw


def read_file(path: Path) -> str:
    """A framework file's text; FrameworkInvalid if it cannot be read as UTF-8 text."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FrameworkInvalid([FrameworkError(str(path), 1, f"file is larger than {MAX_FILE_BYTES} bytes")])
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkInvalid([FrameworkError(str(path), 1, f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise FrameworkInvalid([FrameworkError(str(path), 1, f"cannot read: {exc.strerror}")]) from None


def load_file(path: Path) -> Framework:
    path = Path(path)
    return load_text(read_file(path), str(path))


def check_dir(directory: Path) -> tuple[list[Path], list[FrameworkError]]:
    """Check every ``*.yaml`` file in ``directory``: the files and every error found.

    Besides each file's own errors, two files claiming the same id and version is an error.
    """
    directory = Path(directory)
    files = sorted(p for p in directory.glob("*.y*ml") if p.is_file())
    errors: list[FrameworkError] = []
    if not files:
        errors.append(FrameworkError(str(directory), 0, "no framework files (*.yaml) found"))
    owners: dict[tuple[str, str], Path] = {}
    for path in files:
        try:
            text = read_file(path)
        except FrameworkInvalid as exc:
            errors.extend(exc.errors)
            continue
        fw, found = validate_text(text, str(path))
        errors.extend(found)
        if fw is not None:
            key = (fw.id, fw.version)
            if key in owners:
                errors.append(
                    FrameworkError(str(path), 1, f"framework {fw.id} version {fw.version} is also defined in {owners[key]}")
                )
            owners[key] = path
    return files, errors


def forms_dir() -> Path:
    """The folder of framework files shipped with the application."""
    from ..paths import forms_dir as _forms_dir

    return _forms_dir()
