"""The one rule for a judgement on evidence, wherever it is recorded (the laptop's field
store, the central store, a bundle's ``evidence.jsonl``): the standard is one of the
framework's standards judged on evidence; a team judgement (``question_id`` given) is
one of that standard's key questions, judged on its rule's scale with a summary of the
evidence; the lead's band (``question_id`` None) is one of the rating bands or
:data:`NOT_RATED`, with a rationale, and only for a standard with a band of its own.

Pure and Qt-free: it raises :class:`EvidenceInvalid` (a keyed refusal, English and
Welsh in core/messages.py) and touches no store.
"""

from __future__ import annotations

from ..messages import Refusal
from .model import Framework, Standard

#: The band value that says a standard is not rated (as core/central/ratings.NOT_RATED).
NOT_RATED = "not_rated"
#: The longest evidence summary or rationale (as an evidence note in a case read).
MAX_TEXT = 20_000


class EvidenceInvalid(Refusal, ValueError):
    """A judgement on evidence the framework does not allow (one line, keyed)."""


def evidence_standard(fw: Framework, standard_id: str) -> Standard:
    """The framework's standard judged on evidence with this id, or EvidenceInvalid."""
    try:
        standard = fw.standard(standard_id)
    except KeyError:
        raise EvidenceInvalid.of("evidence.no_standard", framework=fw.id, standard=standard_id) from None
    if standard.kind != "evidence":
        raise EvidenceInvalid.of("evidence.case_based", standard=standard_id)
    return standard


def has_band(standard: Standard) -> bool:
    """Whether the lead decides a band for this standard (``lead_judgement``), rather
    than the criteria's judgements being the result (``criteria``)."""
    return standard.evidence is None or standard.evidence.method != "criteria"


def band_options(fw: Framework) -> list[str]:
    return [b.id for b in fw.rating.bands] + [NOT_RATED]


def check_evidence(fw: Framework, standard_id: str, question_id: str | None, value: str, text: str) -> None:
    """EvidenceInvalid (one line) unless this is a valid team judgement or band for ``fw``."""
    standard = evidence_standard(fw, standard_id)
    if len(text) > MAX_TEXT:
        raise EvidenceInvalid.of("evidence.text_too_long", standard=standard_id, limit=MAX_TEXT)
    if question_id is not None:
        if question_id not in {kq.id for kq in standard.key_questions}:
            raise EvidenceInvalid.of("evidence.no_question", standard=standard_id, question=question_id)
        allowed = [i for i, _ in fw.judgement_options(standard)]
        if value not in allowed:
            raise EvidenceInvalid.of("evidence.not_one_of", where=question_id, value=value, allowed=", ".join(allowed))
        if not text.strip():
            raise EvidenceInvalid.of("evidence.needs_summary", question=question_id)
        return
    if not has_band(standard):
        raise EvidenceInvalid.of("evidence.no_band_of_its_own", standard=standard_id)
    allowed = band_options(fw)
    if value not in allowed:
        raise EvidenceInvalid.of("evidence.not_one_of", where=standard_id, value=value, allowed=", ".join(allowed))
    if not text.strip():
        raise EvidenceInvalid.of("evidence.needs_rationale", standard=standard_id)
