"""archive.strict_loads: the orjson fast path gives the very value, or the very refusal,
the standard decoder gives (core/exchange/archive.py), at the edges orjson is laxer."""

from __future__ import annotations

import pytest

from hmip_desktop.core.exchange import archive
from hmip_desktop.core.exchange.envelope import Rejected


def _standard(data: bytes) -> object:
    return archive._standard_loads(data, "w", archive._structure(data))


@pytest.mark.parametrize("text", [
    b"[9223372036854775807]", b"[-9223372036854775807]", b"[1e19]", b"[-1e300]", b"[1.5, -0, 0, true, null]",
    b'{"a":{"b":[1,{"c":"x:y"}]},"d":"\\"}"}', b'["\\ud83d\\ude00"]', b"[1e-400]", b"[" * 32 + b"]" * 32,
    b'{"n":12345678901234567890123.5}',
])
def test_accepted_as_the_standard_decoder_reads_it(text: bytes):
    value = archive.strict_loads(text, "w")
    assert value == _standard(text) and repr(value) == repr(_standard(text))


@pytest.mark.parametrize("text, reason", [
    (b"[9223372036854775808]", "integer 9223372036854775808 is outside the signed 63-bit range"),
    (b"[-9223372036854775808]", "integer -9223372036854775808 is outside the signed 63-bit range"),
    (b"[18446744073709551615]", "outside the signed 63-bit range"),
    (b'{"a":[18446744073709551616]}', "outside the signed 63-bit range"),
    (b"[1e400]", "number 1e400 is too large"),
    (b'{"a":{"b":1,"b":1}}', "duplicate key 'b'"),
    (b'{"a":1,"a":1}', "duplicate key 'a'"),
    (b"[NaN]", "NaN is not allowed"),
    (b'["\\ud800"]', "unpaired surrogate"),
    (b"\xef\xbb\xbf[]", "byte-order mark"),
    (b'["\xff"]', "not UTF-8"),
    (b'["\xed\xa0\x80"]', "not UTF-8"),
    (b"[" * 33 + b"]" * 33, "nested too deeply"),
    (b"[" * 2000 + b"]" * 2000, "nested too deeply"),
    (b"[1,]", "not JSON"),
])
def test_refused_with_the_standard_reason(text: bytes, reason: str):
    with pytest.raises(Rejected, match=reason.replace("(", r"\(").replace(")", r"\)")):
        archive.strict_loads(text, "w")


def _structure_by_splitting(text: bytes) -> bytes:
    """archive._structure as first written: every string split out (the reference)."""
    bare = text.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, archive._NOT_STRUCTURE)
    return b"".join(bare.split(b'"')[::2])


def test_the_structure_is_the_one_splitting_every_string_out_gives():
    """Dropping adjacent quote pairs first (the fast path) keeps every byte in or out of a
    string as it was: the same structure for any bytes, JSON or not."""
    import random

    rng = random.Random(7)
    texts = [b'{"a":"x:y","b":["",""],"c":"\\\\","d":"\\"}"}', b'""""', b'"":""', b'"\\\\"":"']
    texts += [bytes(rng.choice(b'[]{}:",ab\\') for _ in range(rng.randrange(40))) for _ in range(20000)]
    for text in texts:
        assert archive._structure(text) == _structure_by_splitting(text), text
