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


def _check_entries(infos: list[zipfile.ZipInfo], allowed: set[str]) -> set[str]:
    """The caps on an archive's entries, from its directory alone (nothing is inflated)."""
    if len(infos) > MAX_ENTRIES:
        raise Rejected.of("archive.entries", count=len(infos), limit=MAX_ENTRIES)
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name in seen:
            raise Rejected.of("archive.twice", name=name)
        seen.add(name)
        if name not in allowed:
            raise Rejected.of("archive.not_allowed", name=name[:80])
        mode = info.external_attr >> 16
        # No file-type bits (zipfile.writestr's default) means a plain file too.
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise Rejected.of("archive.not_plain", name=name)
        if info.flag_bits & 0x1:
            raise Rejected.of("archive.encrypted", name=name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Rejected.of("archive.compression", name=name)
        if info.file_size > MAX_MEMBER:
            raise Rejected.of("archive.member_size", name=name, size=info.file_size)
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1024:
            raise Rejected.of("archive.bomb", name=name, ratio=info.file_size // max(info.compress_size, 1))
    return seen


def check(payload: bytes, allowed: set[str]) -> None:
    """Rejected if :func:`read` would refuse the archive for its entries (count, names,
    sizes, compression ratio): what a sender checks before it writes a payload."""
    _check_entries(zipfile.ZipFile(io.BytesIO(payload)).infolist(), allowed)


def read(payload: bytes, allowed: set[str], required: set[str]) -> dict[str, bytes]:
    """The members of a ZIP payload, checked; Rejected with the reason otherwise."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(payload))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise Rejected.of("archive.invalid", detail=exc) from None
    seen = _check_entries(infos, allowed)
    missing = required - seen
    if missing:
        raise Rejected.of("archive.lacks", names=", ".join(sorted(missing)))
    out: dict[str, bytes] = {}
    for info in infos:
        try:
            with zf.open(info) as fh:
                # Never inflate more than the entry declares (plus one byte to notice a
                # lie): a forged size cannot make us hold more than was checked above.
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise Rejected.of("archive.damaged", name=info.filename, detail=exc) from None
        if len(data) != info.file_size:
            raise Rejected.of("archive.member_length", name=info.filename)
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
        raise Rejected.of("json.too_deep", member=member)


def check_lines(data: bytes, member: str, max_count: int) -> list[bytes]:
    """The lines of a JSON Lines member; Rejected if there are more than ``max_count`` or
    one is longer than MAX_LINE (the caps :func:`json_lines` applies, without parsing)."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) > max_count:
        raise Rejected.of("json.records", member=member, count=len(lines), limit=max_count)
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            raise Rejected.of("json.line_length", member=member, line=number, limit=MAX_LINE)
    return lines


def json_lines(data: bytes, member: str, max_count: int) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each line of a JSON Lines member, bounded."""
    for number, line in enumerate(check_lines(data, member, max_count), 1):
        # The C decoder guards its own recursion (RecursionError, never a crash); anything
        # nested but shallower than that is refused by the strict models after parsing.
        try:
            record = json.loads(line)
        except RecursionError:
            raise Rejected.of("json.line_too_deep", member=member, line=number) from None
        except ValueError as exc:
            raise Rejected.of("json.not_json", member=member, line=number, detail=exc) from None
        if not isinstance(record, dict):
            raise Rejected.of("json.not_object", member=member, line=number)
        yield number, record
