"""Welsh initial mutations, by rule: the soft mutation that follows "o" (of, from),
"i" (to) and "am" (about, for) — "Siart bar o Gynllunio", not "o Cynllunio".

The report's Welsh strings mark each placeholder that follows such a word with the
conversion ``!m`` (``"Siart bar o {title!m}"``); ``text.tr`` applies :func:`soft` to
the value there. A test reads every Welsh string and fails where a placeholder after
"o", "i" or "am" has no ``!m``, so a new string cannot forget it.

The rule (soft mutation of the first word only): p→b, t→d, c→g, b→f, d→dd, g→(dropped),
m→f, ll→l, rh→r; "ch", "ph", "th" and "ts" do not mutate, nor do vowels or other
letters. Not mutated either: numbers ("o 2.1 …"), and words written all in capitals
(acronyms such as MAPPA), which are read as letters or as names. The case of the first
letter is kept: "Gweithredu" → "Weithredu", "Llywodraethu" → "Lywodraethu".
"""

from __future__ import annotations

import string

#: Soft mutation, longest radical first (so "ll" is matched before "l" would be).
SOFT = (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"), ("g", ""),
        ("m", "f"))
#: Digraphs whose first letter is in SOFT but which never mutate.
UNMUTATED = ("ch", "ph", "th", "ts")


def _capitalised(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def soft_word(word: str) -> str:
    """One word's soft mutation (see the module doc for what is left alone)."""
    if not word or not word[0].isalpha() or (len(word) > 1 and word.isupper()):
        return word
    lower = word.lower()
    if lower.startswith(UNMUTATED):
        return word
    for radical, mutated in SOFT:
        if lower.startswith(radical):
            rest = word[len(radical):]
            if not mutated and not rest:
                return word
            return _capitalised(mutated + rest, word) if mutated else _capitalised(rest, word)
    return word


def soft(phrase: str) -> str:
    """``phrase`` with its first word softly mutated: "Cynllunio a chyflawni" → "Gynllunio a chyflawni"."""
    head, sep, tail = str(phrase).partition(" ")
    return soft_word(head) + sep + tail


class _Formatter(string.Formatter):
    """str.format with one more conversion: ``{name!m}``, the value softly mutated."""

    def convert_field(self, value, conversion):
        if conversion == "m":
            return soft(str(value))
        return super().convert_field(value, conversion)


_FORMATTER = _Formatter()


def fill(template: str, **values: object) -> str:
    """``template.format(**values)``, where ``{name!m}`` gives the value softly mutated."""
    return _FORMATTER.format(template, **values)
