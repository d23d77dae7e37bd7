"""The sample report's flags and reasons as phrases that read in English or Welsh.

A flag is kept in the report (:func:`.report.sample_report`, ``flags_said``) as plain data,
``{"id": message id, "args": {...}}``, next to its English sentence (``flags``, as it
always was): :func:`said_text` puts it in a language. The reasons a stratum departs from
its share are recorded by :mod:`.strata` as English words (in the sample, in the report
data and in ``--explain``); :func:`reason_in` gives each known one in Welsh (an unknown
reason reads as it is). No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..messages import Msg, in_lang

_KIND = {"quota": Msg.of("strata.kind_quota"), "minimum": Msg.of("strata.kind_minimum")}

#: (pattern of an English reason, its phrase).
_REASONS: list[tuple[re.Pattern, Callable[..., Msg]]] = [
    (re.compile(r"rounding"), lambda: Msg.of("reason.rounding")),
    (re.compile(r"rounding across (?P<count>\d+) strata"), lambda count: Msg.of("reason.rounding_across", count=count)),
    (re.compile(r"fewer, to make room for the minimums of small groups"), lambda: Msg.of("reason.room_for_minimums")),
    (re.compile(r"every case of the stratum taken"), lambda: Msg.of("reason.all_taken")),
    (re.compile(r"minimum of (?P<minimum>\d+) per group"),
     lambda minimum: Msg.of("reason.minimum_per_group", minimum=minimum)),
    (re.compile(r"all (?P<count>\d+) cases \(fewer than the minimum of (?P<minimum>\d+) per group\)"),
     lambda count, minimum: Msg.of("reason.all_cases", count=count, minimum=minimum)),
    (re.compile(r"fewer, to make room for the (?P<shown>.+) (?P<kind>quota|minimum)"),
     lambda shown, kind: Msg.of("reason.room_for", shown=shown, kind=_KIND[kind])),
    (re.compile(r"(?P<kind>quota|minimum): at least (?P<count>\d+) cases with (?P<shown>.+)"),
     lambda kind, count, shown: Msg.of("reason.requirement", kind=_KIND[kind], count=count, shown=shown)),
]


def reason_in(reason: str, lang: str) -> str:
    """A reason :mod:`.strata` recorded, in ``lang`` (English: exactly as recorded)."""
    if lang == "en":
        return reason
    for pattern, phrase in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            return phrase(**found.groupdict()).text(lang)
    return reason


def said(msg: Msg) -> dict[str, Any]:
    """``msg`` as plain data (a list argument is a list of reasons, joined by "; ")."""
    return {"id": msg.key, "args": dict(msg.params)}


def said_text(item: Mapping[str, Any] | str, lang: str) -> str:
    """A flag kept as :func:`said` data, in ``lang`` (a plain string reads as it is)."""
    if isinstance(item, str):
        return item
    args = {name: "; ".join(reason_in(r, lang) for r in value) if isinstance(value, list) else value
            for name, value in item["args"].items()}
    return in_lang(Msg(item["id"], args), lang)
