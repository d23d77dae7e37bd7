"""The report's section on the standards judged on evidence (domain one, policy and
provision, the ESI's section A): each standard's rating decided by the lead with the
rationale, and each key question's team judgement with the evidence summary."""

from __future__ import annotations

from . import blocks as b
from .text import tr

#: The evidence sources a framework names, in English and Welsh.
SOURCES = {
    "documents": ("documents", "dogfennau"),
    "meetings": ("meetings", "cyfarfodydd"),
    "interviews": ("interviews", "cyfweliadau"),
    "staff_survey": ("the staff survey", "yr arolwg staff"),
    "case_reading": ("case reading", "darllen achosion"),
}


def evidence_blocks(data, lab) -> list:
    """Blocks for the standards judged on evidence ([] where the framework has none)."""
    lang, fw = data.lang, data.fw
    standards = [s for s in data.ratings.standards if s.kind == "evidence"]
    if not standards:
        return []
    out = [b.Heading(1, tr(lang, "evidence_heading"), "evidence"), b.Para(tr(lang, "evidence_intro"))]
    for s in standards:
        standard = fw.standard(s.id)
        title = lab.standards.get(s.id, s.label)
        out.append(b.Heading(2, title, f"standard-{s.id}"))
        rule = standard.evidence
        if rule is not None:
            sources = ", ".join(SOURCES.get(x, (x, x))[lang == "cy"] for x in rule.sources)
            out.append(b.Para(tr(lang, "evidence_sources", sources=sources)))
        if rule is None or rule.method == "lead_judgement":
            rating = s.effective_rating
            shown = lab.bands.get(rating, tr(lang, "not_rated")) if rating else tr(lang, "not_decided")
            if not s.in_overall:
                shown = f"{shown} ({tr(lang, 'rated_on_its_own')})"
            out.append(b.Para(tr(lang, "rating_line", rating=shown)))
            if s.decision is not None:
                out.append(b.Para(tr(lang, "lead_rationale", by=lab.reader(s.decision.by), rationale=s.decision.text)))
            if s.override:
                out.append(b.Para(tr(lang, "judgement_line", rating=lab.bands.get(s.override, tr(lang, "not_rated")),
                                     reason=s.override_reason or "")))
        options = {i: label.get(lang) for i, label in fw.judgement_options(standard)}
        rows = tuple(
            b.cells(lab.kq[f.id], options.get(f.band, tr(lang, "not_decided")) if f.band else tr(lang, "not_decided"),
                    f.judgement.text if f.judgement else "", lab.reader(f.judgement.by) if f.judgement else "")
            for f in s.key_questions)
        header = (tr(lang, "key_question"), tr(lang, "team_judgement"), tr(lang, "evidence_summary"),
                  tr(lang, "judged_by"))
        out.append(b.Table(tr(lang, "evidence_caption", title=title), header, rows, (3.0, 1.4, 3.4, 1.2), font_size=8))
    return out
