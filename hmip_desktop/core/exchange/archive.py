"""The decrypted payload: a ZIP archive read in memory, never extracted.

Only an exact allow-list of member names is accepted, each at most once; entries that
are links, folders or have unsafe names are refused; the number of entries, each
member's size and its compression ratio are capped before anything is decompressed,
and members are read with a hard limit (a lying size field cannot inflate past it).
"""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from collections.abc import Iterator

import orjson

from .envelope import Rejected
from .formats import MAX_INT

MAX_ENTRIES = 8
MAX_MEMBER = 64 * 1024 * 1024
MAX_RATIO = 200
MAX_LINE = 1024 * 1024
MAX_JSON_DEPTH = 32
#: I-JSON (RFC 7493) integers, widened to what a signed 64-bit column holds.
MIN_INT = -MAX_INT


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


_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
#: Every byte but brackets, colons and the quote (deleted to see a text's structure at C speed).
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}:"')
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")


def _structure(text: bytes) -> bytes:
    """The brackets and colons of a JSON text outside its strings, found at C speed:
    escaped backslashes and quotes are dropped first (escapes pair left to right), then
    every other byte but quotes; what lies between quotes was inside a string. Two
    adjacent quotes are dropped before that split (a string with no bracket or colon in
    it, the most common): removing a pair changes no other byte's count of quotes before
    it, so nothing moves in or out of a string, and few pieces are left to split."""
    if b"\\" in text:
        text = text.replace(b"\\\\", b"").replace(b'\\"', b"")
    bare = text.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    return b"".join(bare.split(b'"')[::2]) if b'"' in bare else bare


def _nesting(structure: bytes) -> int:
    """Whether the nesting of ``structure`` (see :func:`_structure`) exceeds the limit:
    its depth if it does, else 0. Innermost pairs are removed a level at a time."""
    rest = structure.replace(b":", b"")
    for _ in range(MAX_JSON_DEPTH):
        if not rest:
            return 0
        rest = _EMPTY_PAIR.sub(b"", rest)  # one pass removes exactly one level
    return _depth(structure) if rest else 0


def _no_constant(name: str):
    raise ValueError(f"{name} is not allowed (RFC 8259)")


def _integer(text: str) -> int:
    value = int(text)
    if not MIN_INT <= value <= MAX_INT:
        raise ValueError(f"integer {text[:30]} is outside the signed 63-bit range")
    return value


def _number(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:30]} is too large")
    return value


def _object(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        name = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise ValueError(f"duplicate key '{name[:40]}'")
    return out


#: The fast decoder (hooks only for the rare numbers and constants), and the one that
#: names a repeated key, used only once :func:`_plain_members` has found that there may be one.
_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_number, parse_constant=_no_constant)
_NAMING_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_integer, parse_float=_number,
                                   parse_constant=_no_constant)
_FLOAT_LIMIT = float(2**63)


def _plain_members(value: object) -> int:
    """Object members held by a parsed value (a repeated key keeps only one; recursive: the
    nesting was bounded before parsing), or -1 if a number in ``value`` is an integer outside the signed
    63-bit range or a float at least 2**63 in size (which may have been such an integer)."""
    kind = type(value)
    if kind is dict:
        count, items = len(value), value.values()
    elif kind is list:
        count, items = 0, value
    else:
        return 0
    for item in items:
        kind = type(item)
        if kind is dict or kind is list:
            inner = _plain_members(item)
            if inner < 0:
                return -1
            count += inner
        elif kind is int:
            if not MIN_INT <= item <= MAX_INT:
                return -1
        elif kind is float and not -_FLOAT_LIMIT < item < _FLOAT_LIMIT:
            return -1
    return count


def strict_loads(data: bytes, where: str) -> object:
    """One JSON text as RFC 8259 and I-JSON (RFC 7493) allow it, or Rejected naming
    ``where``: UTF-8 without a byte-order mark (never UTF-16/32, which ``json.loads``
    would guess from bytes), no NaN or Infinity, no duplicate keys, integers within the
    signed 63-bit range, nesting at most MAX_JSON_DEPTH.

    The common case is parsed by orjson, which itself refuses invalid UTF-8, NaN and
    Infinity, overflowing numbers and lone surrogates; what it would let through is
    checked here: a repeated key (the member count), an integer beyond the signed 63-bit
    range (orjson takes integers up to 2**64 - 1 and turns longer ones into floats: any
    number that large sends the text to the standard decoder, which tells an integer from
    a float) and a surrogate escape. Anything orjson refuses or these find is parsed again
    by the standard decoder, so the reason given is the same either way."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise Rejected.of("json.bom", where=where)
    structure = _structure(data)
    if _nesting(structure) > MAX_JSON_DEPTH:
        _utf8(data, where)
        raise Rejected.of("json.nested", where=where, limit=MAX_JSON_DEPTH)
    if _SURROGATE.search(data) is None:
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
        else:
            if _plain_members(value) == structure.count(b":"):
                return value
    return _standard_loads(data, where, structure)


def _utf8(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected.of("json.not_utf8", where=where) from None


def _standard_loads(data: bytes, where: str, structure: bytes) -> object:
    """:func:`strict_loads` by the standard decoder (its nesting already checked)."""
    text = _utf8(data, where)
    try:
        value = _DECODER.decode(text)
        # A key repeated in some object: name it (-1, a float of 2**63 or more, costs only this re-parse).
        if _plain_members(value) != structure.count(b":"):
            _NAMING_DECODER.decode(text)
    except RecursionError:
        raise Rejected.of("json.nested", where=where, limit=MAX_JSON_DEPTH) from None
    except ValueError as exc:
        raise Rejected.of("json.invalid", where=where, detail=str(exc)[:200]) from None
    if _SURROGATE.search(data):  # rare: only then is the parsed text checked for a lone one
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise Rejected.of("json.surrogate", where=where) from None
    return value


def json_lines(data: bytes, member: str, max_count: int, *, checked: bool = False,
               skip: int = 0) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each line of a JSON Lines member, bounded, each line
    parsed by :func:`strict_loads`. Lines are found one at a time (never all split at once).
    ``checked``: these very bytes passed here before, so each line is parsed plainly, and
    the first ``skip`` lines (which the caller holds already) are passed over unparsed."""
    total = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    if total > max_count:
        raise Rejected.of("json.records", member=member, count=total, limit=max_count)
    start, number, size = 0, 0, len(data)
    while start < size:
        end = data.find(b"\n", start)
        end = size if end < 0 else end
        number += 1
        if end - start > MAX_LINE:
            raise Rejected.of("json.line_length", member=member, line=number, limit=MAX_LINE)
        if checked and number <= skip:
            start = end + 1
            continue
        record = orjson.loads(data[start:end]) if checked else strict_loads(data[start:end], f"{member}:{number}")
        if not isinstance(record, dict):
            raise Rejected.of("json.not_object", member=member, line=number)
        yield number, record
        start = end + 1
