"""Checking and normalising values before they are stored.

Every value that reaches the field store passes through here, so a bad value is
refused with a message naming the case read, the question and what is allowed,
and nothing is written.
"""

from __future__ import annotations

import math
from datetime import date

from ..frameworks.model import Answer, Framework, ProfileField

MAX_TEXT = 20_000


class InvalidValue(ValueError):
    pass


def _option_ids(fw: Framework, answer: Answer) -> list[str]:
    return [o.id for o in fw.options(answer)]


def _check_date(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"{where}: a date must be written YYYY-MM-DD")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidValue(f"{where}: '{value}' is not a date (use YYYY-MM-DD)") from None


def _check_number(value: object, where: str, lo: float | None, hi: float | None) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidValue(f"{where}: '{value}' is not a number")
    if lo is not None and value < lo:
        raise InvalidValue(f"{where}: {value:g} is below the minimum {lo:g}")
    if hi is not None and value > hi:
        raise InvalidValue(f"{where}: {value:g} is above the maximum {hi:g}")
    return value


def text_value(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"{where}: expected text")
    if len(value) > MAX_TEXT:
        raise InvalidValue(f"{where}: text is longer than {MAX_TEXT} characters")
    return value


def answer_value(fw: Framework, answer: Answer, value: object, where: str) -> object:
    """``value`` checked against ``answer``'s type; None clears the answer."""
    if value is None:
        return None
    kind = answer.type
    if kind in ("judgement", "graded", "descriptor", "single_choice"):
        allowed = _option_ids(fw, answer)
        if value not in allowed:
            raise InvalidValue(f"{where}: '{value}' is not one of {', '.join(allowed)}")
        return value
    if kind == "multiple_choice":
        allowed = _option_ids(fw, answer)
        if not isinstance(value, (list, tuple)) or any(v not in allowed for v in value):
            raise InvalidValue(f"{where}: choose from {', '.join(allowed)}")
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
            raise InvalidValue(f"{where}: '{value}' is not one of {', '.join(allowed)}")
        return value
    if field.type == "boolean":
        if not isinstance(value, bool):
            raise InvalidValue(f"{where}: expected true or false")
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
            raise InvalidValue(f"{where}: interview held must be yes, no or not yet recorded")
        return value
    if part == "date":
        return None if value is None else _check_date(value, where)
    if part == "note":
        return text_value("" if value is None else value, where)
    raise InvalidValue(f"{where}: unknown interview field '{part}'")
