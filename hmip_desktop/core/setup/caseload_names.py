"""Recognising people's names in a caseload, so that they are never imported.

A column is treated as names when its header looks like a name header
(:func:`looks_like_name_header`: name, forename, surname, first/last/full name, Welsh
enw/cyfenw ..., but not "team name", "office name" ...) or when most of its first values
look like "Firstname Lastname" or "SURNAME, Forename" (:func:`looks_like_a_name`).
:mod:`.caseload` drops such columns (or refuses the file for the case reference). No Qt.
"""

from __future__ import annotations

import re

_NAME_WORDS = {
    "name", "names", "forename", "forenames", "surname", "surnames", "firstname", "firstnames",
    "lastname", "fullname", "givenname", "givennames", "familyname", "middlename", "middlenames",
    "maidenname", "nickname", "alias", "aliases", "enw", "enwau", "cyfenw", "cyfenwau",
}
#: Words before "name" that make it an organisation's or a thing's name, not a person's.
_NOT_PERSON = {
    "team", "office", "unit", "pdu", "area", "region", "provider", "court", "service", "file",
    "sheet", "framework", "scale", "disposal", "sentence", "order", "programme", "intervention",
    "prison", "establishment", "hostel", "authority", "yot", "tim", "swyddfa", "uned", "ardal",
}


def looks_like_name_header(header: str) -> bool:
    """Whether a column header suggests it holds people's names."""
    tokens = re.findall(r"[^\W\d_]+", header.casefold())
    for i, token in enumerate(tokens):
        if token in ("name", "names", "enw", "enwau"):
            if i > 0 and tokens[i - 1] in _NOT_PERSON or i + 1 < len(tokens) and tokens[i + 1] in _NOT_PERSON:
                continue
            return True
        if token in _NAME_WORDS:
            return True
        if (token.endswith("name") or token.endswith("names")) and not any(token.startswith(w) for w in _NOT_PERSON):
            if token not in ("rename", "renames"):
                return True
    return False


_NAME_PART = re.compile(r"^[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?$")


def _name_words(text: str, low: int, high: int) -> bool:
    parts = text.split()
    return low <= len(parts) <= high and all(_NAME_PART.match(p) and p[0].isupper() for p in parts)


def looks_like_a_name(value: str) -> bool:
    """``Firstname Lastname`` (two to four capitalised words) or ``SURNAME, Forename``."""
    text = value.strip()
    if "," in text:
        left, _, right = text.partition(",")
        return _name_words(left, 1, 3) and _name_words(right, 1, 3)
    return _name_words(text, 2, 4)
