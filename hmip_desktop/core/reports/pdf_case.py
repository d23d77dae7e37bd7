"""The record of one case read as a PDF: its profile, every judgement with its evidence
note (and the answered prompts), the moderation of its judgements (the reader's
original, the moderated value, the rationale) and its read outcome.

Marked OFFICIAL-SENSITIVE on every page: it holds personal data about a person on
probation (identified only by the provider's case reference).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ... import __version__
from ..central.store import CentralStore
from ..exchange.envelope import write_atomically
from ..frameworks.model import Framework
from ..words import STATUS
from . import blocks as b
from . import pdf_base
from .data import CaseData, gather_case
from .text import check_lang, fmt_date, tr


def value_label(fw: Framework, question_id: str, value: object, lang: str) -> str:
    """An answer as the reader saw it: option labels in ``lang``, other values as text."""
    if value is None or value == "" or value == []:
        return tr(lang, "not_answered")
    try:
        options = {o.id: o.label.get(lang) for o in fw.options(fw.question(question_id).answer)}
    except KeyError:
        options = {}
    if isinstance(value, list):
        return "; ".join(options.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        return tr(lang, "yes" if value else "no")
    return options.get(value, str(value)) if isinstance(value, str) else str(value)


def _profile_value(fw: Framework, field, value: object, lang: str) -> str:
    if value is None or value == "":
        return tr(lang, "not_recorded")
    if field.scale:
        labels = {o.id: o.label.get(lang) for o in fw.scale(field.scale).options}
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return tr(lang, "yes" if value else "no")
    return str(value)


def _interview(case: CaseData, lang: str) -> str:
    iv = case.read.interview or {}
    if iv.get("held") is True:
        when = fmt_date(iv.get("date"), lang)
        text = tr(lang, "interview_held", date=when) if when else tr(lang, "interview_held_undated")
    elif iv.get("held") is False:
        text = tr(lang, "interview_not_held")
    else:
        text = tr(lang, "not_recorded")
    return f"{text}\n{iv['note']}" if iv.get("note") else text


def case_blocks(case: CaseData, lang: str) -> list:
    """The case record as blocks (see blocks.py)."""
    check_lang(lang)
    fw, read, ins = case.fw, case.read, case.inspection
    missing = tr(lang, "not_recorded")
    reader = f"{case.team[read.reader_id]} ({read.reader_id})" if read.reader_id in case.team else read.reader_id
    details = (
        b.cells(tr(lang, "case_reference"), read.case_id),
        b.cells(tr(lang, "inspection"), f"{ins.title} ({ins.id})" if ins.title else ins.id),
        b.cells(tr(lang, "provider"), ins.provider or missing),
        b.cells(tr(lang, "framework"), f"{fw.title.get(lang)} ({fw.id} {fw.version})"),
        b.cells(tr(lang, "reader"), reader),
        b.cells(tr(lang, "status"), _state(read.status, lang)),
        b.cells(tr(lang, "updated"), fmt_date(read.updated_at, lang) or missing),
        b.cells(tr(lang, "revision"), read.revision_id[:16]),
        b.cells(tr(lang, "interview"), _interview(case, lang)),
    )
    out: list = [b.Heading(1, tr(lang, "case_heading", case=read.case_id), "case"),
                 b.Table(tr(lang, "case_caption"), None, details, (1, 2.4), font_size=9)]
    if read.needs_rereview:
        out.append(b.Para(tr(lang, "needs_rereview")))
    profile = tuple(b.cells(f.label.get(lang), _profile_value(fw, f, read.profile.get(f.id), lang))
                    for f in fw.case_profile)
    out.append(b.Table(tr(lang, "profile_caption"), (tr(lang, "field"), tr(lang, "value")), profile, (1, 2.4),
                       font_size=9))
    current = {m["question_id"]: m for m in case.moderations if m["revision_id"] == read.revision_id}
    out.append(b.Heading(1, tr(lang, "judgements_heading"), "judgements"))
    header = (tr(lang, "key_question"), tr(lang, "judgement"), tr(lang, "evidence"))
    for standard in fw.standards():
        rows = []
        for kq in standard.key_questions:
            value, note = case.recorded.get(kq.id, (None, ""))
            evidence = note.strip() or tr(lang, "no_evidence")
            m = current.get(kq.id)
            if m and m["outcome"] == "changed":
                original = value_label(fw, kq.id, m["original_value"], lang)
                moderated = value_label(fw, kq.id, m["moderated_value"], lang)
                evidence += "\n" + tr(lang, "moderated_line", original=original, moderated=moderated,
                                      rationale=m["rationale"])
            elif m:
                evidence += "\n" + tr(lang, "agreed_line")
            shown = value_label(fw, kq.id, case.effective.get(kq.id), lang)
            rows.append((b.Cell(kq.text.get(lang)), b.Cell(shown, bold=True), b.Cell(evidence)))
            for prompt in kq.prompts:
                if prompt.id in case.recorded and case.recorded[prompt.id][0] not in (None, ""):
                    pv, pnote = case.recorded[prompt.id]
                    rows.append(b.cells(f"– {prompt.text.get(lang)}", value_label(fw, prompt.id, pv, lang), pnote))
        out.append(b.Heading(2, standard.title.get(lang), f"standard-{standard.id}"))
        caption = f"{tr(lang, 'judgements_heading')}: {standard.title.get(lang)}"
        out.append(b.Table(caption, header, tuple(rows), (2.4, 1, 3.2), font_size=8.5))
    out += _moderation(case, lang)
    return out


def _state(status: str, lang: str) -> str:
    return tr(lang, f"state_{status}") if status in STATUS else status


def _moderation(case: CaseData, lang: str) -> list:
    fw = case.fw
    out: list = [b.Heading(1, tr(lang, "moderation_heading"), "moderation")]
    if case.moderations:
        rows = []
        for m in case.moderations:
            q = fw.question(m["question_id"]).text.get(lang) if _known(fw, m["question_id"]) else m["question_id"]
            if m["revision_id"] != case.read.revision_id:
                q = tr(lang, "earlier_revision", question=q)
            rows.append(b.cells(q, value_label(fw, m["question_id"], m["original_value"], lang),
                                value_label(fw, m["question_id"], m["moderated_value"], lang),
                                tr(lang, f"outcome_{m['outcome']}"), m["rationale"] or "–",
                                f"{m['moderator']}\n{fmt_date(m['created_at'], lang) or ''}".strip()))
        header = (tr(lang, "key_question"), tr(lang, "original"), tr(lang, "moderated_value"), tr(lang, "outcome"),
                  tr(lang, "rationale"), tr(lang, "moderator"))
        out.append(b.Table(tr(lang, "moderation_caption"), header, tuple(rows), (2.2, 1, 1, 1, 2.2, 1.2), font_size=8))
    else:
        out.append(b.Para(tr(lang, "no_case_moderation")))
    out.append(b.Heading(1, tr(lang, "read_outcome_heading"), "outcome"))
    if case.read_outcomes:
        rows = tuple(b.cells(tr(lang, f"outcome_{o['outcome']}"), o["comments"] or "–", o["moderator"],
                             fmt_date(o["created_at"], lang) or "") for o in case.read_outcomes)
        header = (tr(lang, "outcome"), tr(lang, "comments"), tr(lang, "moderator"), tr(lang, "date"))
        out.append(b.Table(tr(lang, "read_outcome_caption"), header, rows, (1.3, 3.2, 1, 1.3), font_size=8.5))
    else:
        out.append(b.Para(tr(lang, "no_read_outcome")))
    return out


def _known(fw: Framework, question_id: str) -> bool:
    try:
        fw.question(question_id)
    except KeyError:
        return False
    return True


def case_title(case: CaseData, lang: str) -> str:
    return f"{tr(lang, 'case_record_title')}: {case.read.case_id}"


def case_pdf(case: CaseData, lang: str = "en") -> bytes:
    title = case_title(case, lang)
    text = pdf_base.PageText(
        header_left=title, header_right=case.inspection.id,
        footer_left=tr(lang, "produced_by", version=__version__, date=fmt_date(date.today(), lang)),
        page_of=tr(lang, "page_of", page="{page}", pages="{pages}"), marking=tr(lang, "sensitive"))
    pdf, _ = pdf_base.build_pdf(case_blocks(case, lang), text, title, lang, cover=False)
    return pdf


def write_case_pdf(store: CentralStore, inspection_id: str, case_id: str, out: Path, lang: str = "en") -> Path:
    """Gather and write (atomically) one case read's record."""
    check_lang(lang)
    write_atomically(Path(out), case_pdf(gather_case(store, inspection_id, case_id), lang))
    return Path(out)
