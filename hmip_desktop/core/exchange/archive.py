"""The decrypted payload: a ZIP archive read in memory, never extracted.

Only an exact allow-list of member names is accepted, each at most once; entries that
are links, folders or have unsafe names are refused; the number of entries, each
member's size and its compression ratio are capped before anything is decompressed,
and members are read with a hard limit (a lying size field cannot inflate past it).
"""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections.abc import Iterator

from .envelope import Rejected

MAX_ENTRIES = 8
MAX_MEMBER = 64 * 1024 * 1024
MAX_RATIO = 200
MAX_LINE = 1024 * 1024
MAX_JSON_DEPTH = 32


def build(members: dict[str, bytes]) -> bytes:
    """A deterministic ZIP of ``members`` (deflated, fixed timestamps)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
    return out.getvalue()


def read(payload: bytes, allowed: set[str], required: set[str]) -> dict[str, bytes]:
    """The members of a ZIP payload, checked; Rejected with the reason otherwise."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(payload))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise Rejected(f"payload is not a valid archive ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise Rejected(f"archive has {len(infos)} members; at most {MAX_ENTRIES}")
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name in seen:
            raise Rejected(f"archive member '{name}' appears twice")
        seen.add(name)
        if name not in allowed:
            raise Rejected(f"archive member '{name[:80]}' is not allowed")
        mode = info.external_attr >> 16
        # No file-type bits (zipfile.writestr's default) means a plain file too.
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise Rejected(f"archive member '{name}' is not a plain file")
        if info.flag_bits & 0x1:
            raise Rejected(f"archive member '{name}' is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Rejected(f"archive member '{name}' uses an unsupported compression")
        if info.file_size > MAX_MEMBER:
            raise Rejected(f"archive member '{name}' is too large ({info.file_size} bytes)")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1024:
            raise Rejected(f"archive member '{name}' expands {info.file_size // max(info.compress_size, 1)}-fold (a compression bomb)")
    missing = required - seen
    if missing:
        raise Rejected(f"archive lacks {', '.join(sorted(missing))}")
    out: dict[str, bytes] = {}
    for info in infos:
        try:
            with zf.open(info) as fh:
                # Never inflate more than the entry declares (plus one byte to notice a
                # lie): a forged size cannot make us hold more than was checked above.
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise Rejected(f"archive member '{info.filename}' is damaged ({exc})") from None
        if len(data) != info.file_size:
            raise Rejected(f"archive member '{info.filename}' is not the size its entry says")
        out[info.filename] = data
    return out


def _depth(text: bytes) -> int:
    """The bracket nesting depth of a JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in text:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def check_depth(text: bytes, member: str) -> None:
    """Refuse a JSON member nested deeper than MAX_JSON_DEPTH, before it is parsed."""
    if _depth(text) > MAX_JSON_DEPTH:
        raise Rejected(f"{member}: JSON nested too deeply")


def json_lines(data: bytes, member: str, max_count: int) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each line of a JSON Lines member, bounded."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) > max_count:
        raise Rejected(f"{member}: {len(lines)} records; at most {max_count}")
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            raise Rejected(f"{member}:{number}: line longer than {MAX_LINE} bytes")
        # The C decoder guards its own recursion (RecursionError, never a crash); anything
        # nested but shallower than that is refused by the strict models after parsing.
        try:
            record = json.loads(line)
        except RecursionError:
            raise Rejected(f"{member}:{number}: JSON nested too deeply") from None
        except ValueError as exc:
            raise Rejected(f"{member}:{number}: not JSON ({exc})") from None
        if not isinstance(record, dict):
            raise Rejected(f"{member}:{number}: each line must be a JSON object")
        yield number, record
