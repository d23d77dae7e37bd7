"""The case read record: profile, every judgement with its evidence note, the
moderation (original, moderated value, rationale) and the read outcome."""

from __future__ import annotations

import pytest

from hmip_desktop.core.central.store import CentralError
from hmip_desktop.core.reports import data, pdf_case
from hmip_desktop.core.reports.text import tr

from .conftest import RATIONALE, RETURNED, pdf_text, squash


def _changed_case(store) -> str:
    d = data.gather(store, "demo")
    return next(m["case_id"] for m in d.moderations if m["outcome"] == "changed")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_case_record_holds_evidence_notes_and_moderation(rich_store, lang):
    case_id = _changed_case(rich_store)
    case = data.gather_case(rich_store, "demo", case_id)
    text = pdf_text(pdf_case.case_pdf(case, lang))
    flat = squash(text)
    notes = [note for (value, note) in case.recorded.values() if note.strip()]
    assert notes, "the demo case has evidence notes"
    for note in notes:
        assert squash(note) in flat, note
    assert case_id in text
    assert squash(RATIONALE) in flat
    assert tr(lang, "sensitive") in text
    for field in case.fw.case_profile:
        assert squash(field.label.get(lang)) in flat
    assert tr(lang, "outcome_changed") in text and tr(lang, "outcome_agreed") in text


def test_returned_read_shows_its_outcome_and_comments(rich_store):
    d = data.gather(rich_store, "demo")
    returned = next(o["case_id"] for o in d.read_outcomes if o["outcome"] == "returned")
    text = pdf_text(pdf_case.case_pdf(data.gather_case(rich_store, "demo", returned), "en"))
    assert "Returned to the reader" in text
    assert squash(RETURNED) in squash(text)


def test_unmoderated_case_says_so(bare_store):
    case_id = sorted(data.gather(bare_store, "demo").reads)[0]
    text = pdf_text(pdf_case.case_pdf(data.gather_case(bare_store, "demo", case_id), "cy"))
    assert tr("cy", "no_case_moderation") in text
    assert tr("cy", "no_read_outcome") in text


def test_unknown_case_is_a_clear_error(bare_store):
    with pytest.raises(CentralError, match="no case read NOPE"):
        data.gather_case(bare_store, "demo", "NOPE")
