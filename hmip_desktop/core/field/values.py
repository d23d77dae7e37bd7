"""Checking and normalising values before they are stored.

Every value that reaches the field store passes through here, so a bad value is
refused with a message naming the case read, the question and what is allowed,
and nothing is written.
"""

from __future__ import annotations

import math
from datetime import date

from ..messages import Refusal
from ..frameworks.model import Answer, Framework, ProfileField

MAX_TEXT = 20_000


class InvalidValue(Refusal, ValueError):
    pass


def _option_ids(fw: Framework, answer: Answer) -> list[str]:
    return [o.id for o in fw.options(answer)]


def _check_date(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue.of("value.date_type", where=where)
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidValue.of("value.not_a_date", where=where, value=value) from None


def _check_number(value: object, where: str, lo: float | None, hi: float | None) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidValue.of("value.not_a_number", where=where, value=value)
    if lo is not None and value < lo:
        raise InvalidValue.of("value.below_minimum", where=where, value=f"{value:g}", minimum=f"{lo:g}")
    if hi is not None and value > hi:
        raise InvalidValue.of("value.above_maximum", where=where, value=f"{value:g}", maximum=f"{hi:g}")
    return value


def text_value(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue.of("value.expected_text", where=where)
    if len(value) > MAX_TEXT:
        raise InvalidValue.of("value.text_too_long", where=where, limit=MAX_TEXT)
    return value


def answer_value(fw: Framework, answer: Answer, value: object, where: str) -> object:
    """``value`` checked against ``answer``'s type; None clears the answer."""
    if value is None:
        return None
    kind = answer.type
    if kind in ("judgement", "graded", "descriptor", "single_choice"):
        allowed = _option_ids(fw, answer)
        if value not in allowed:
            raise InvalidValue.of("value.not_one_of", where=where, value=value, allowed=", ".join(allowed))
        return value
    if kind == "multiple_choice":
        allowed = _option_ids(fw, answer)
        if not isinstance(value, (list, tuple)) or any(v not in allowed for v in value):
            raise InvalidValue.of("value.choose_from", where=where, allowed=", ".join(allowed))
        chosen = set(value)
        return [o for o in allowed if o in chosen]
    if kind == "number":
        return _check_number(value, where, answer.min, answer.max)
    if kind == "date":
        return _check_date(value, where)
    return text_value(value, where)


def profile_value(fw: Framework, field: ProfileField, value: object, where: str) -> object:
    if value is None:
        return None
    if field.type == "single_choice":
        allowed = [o.id for o in fw.scale(field.scale).options] if field.scale else []
        if value not in allowed:
            raise InvalidValue.of("value.not_one_of", where=where, value=value, allowed=", ".join(allowed))
        return value
    if field.type == "boolean":
        if not isinstance(value, bool):
            raise InvalidValue.of("value.expected_boolean", where=where)
        return value
    if field.type == "number":
        return _check_number(value, where, None, None)
    if field.type == "date":
        return _check_date(value, where)
    return text_value(value, where)


def interview_value(part: str, value: object, where: str) -> object:
    """The case holder interview: ``held`` (bool or None), ``date``, ``note``."""
    if part == "held":
        if value is not None and not isinstance(value, bool):
            raise InvalidValue.of("value.interview_held", where=where)
        return value
    if part == "date":
        return None if value is None else _check_date(value, where)
    if part == "note":
        return text_value("" if value is None else value, where)
    raise InvalidValue.of("value.interview_field", where=where, part=part)
