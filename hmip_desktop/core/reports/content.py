"""The inspection report's content, as blocks (see blocks.py), from gathered data.

Sections: cover (provider, dates, team), contents, ratings summary (colour-coded, with
professional judgement beside the rating from the figures), findings by standard (a
chart and a table each), each thread on its own (risk of harm), findings by sub-group
(small cells suppressed), quality assurance (coverage, consistency per reader),
methodology (sample, margin of error, the rules) and a data annex of every key
question's counts. Every figure shown is one the core computed (data.py).
"""

from __future__ import annotations

import math
from functools import partial

from ..central import queries
from ..central.agreement import MIN_PAIRS
from ..central.ratings import Figure
from ..setup import size as sample_size
from . import blocks as b
from . import charts, style
from .data import MIN_CELL, MIN_KAPPA_LOW, MIN_UNCHANGED, UNRECORDED, ReportData
from .evidence_section import evidence_blocks
from .text import fmt_date, fmt_interval, fmt_number, fmt_percent, tr


class Labels:
    """Framework labels in the report's language, and band cells with their colours."""

    def __init__(self, data: ReportData):
        fw, lang = data.fw, data.lang
        self.lang = lang
        self.bands = {band.id: band.label.get(lang) for band in fw.rating.bands}
        self.overall = {band.id: band.label.get(lang) for band in fw.rating.overall.bands}
        self.colours = style.band_colours(fw.rating.bands)
        self.overall_colours = style.overall_colours(fw)
        self.kq = {kq.id: kq.text.get(lang) for kq in fw.key_questions(case_based=None)}
        self.standards = {s.id: s.label(lang) for s in fw.standards(case_based=None)}
        self.kq_standard = {kq.id: s.id for s in fw.standards(case_based=None) for kq in s.key_questions}
        self.names = data.reader_names()

    def band_cell(self, band_id: str | None, overall: bool = False, empty: str | None = None) -> b.Cell:
        if band_id is None:
            return b.Cell(empty if empty is not None else tr(self.lang, "not_rated"))
        labels, colours = (self.overall, self.overall_colours) if overall else (self.bands, self.colours)
        fill, ink = colours.get(band_id, (None, None))
        return b.Cell(labels.get(band_id, band_id), fill, ink, bold=True)

    def reader(self, reader_id: str) -> str:
        name = self.names.get(reader_id)
        return f"{name} ({reader_id})" if name else reader_id


def _cover(data: ReportData, lab: Labels) -> list:
    lang, ins, fw = data.lang, data.inspection, data.fw
    missing = tr(lang, "not_recorded")
    start, end = fmt_date(ins.fieldwork_start, lang), fmt_date(ins.fieldwork_end, lang)
    fieldwork = (tr(lang, "date_range", start=start, end=end) if start and end else start or end or missing)
    inspection = f"{ins.title} ({ins.id})" if ins.title else ins.id
    status = tr(lang, "signed_off") if data.signed_off else tr(lang, "not_signed_off")
    details = (
        b.cells(tr(lang, "provider"), ins.provider or missing),
        b.cells(tr(lang, "inspection"), inspection),
        b.cells(tr(lang, "framework"), f"{fw.title.get(lang)} ({fw.id} {fw.version})"),
        b.cells(tr(lang, "fieldwork"), fieldwork),
        b.cells(tr(lang, "produced"), fmt_date(_today(), lang)),
        b.cells(tr(lang, "ratings_status"), status),
    )
    out = [b.Title(tr(lang, "report_title"), ins.provider or inspection),
           b.Table(tr(lang, "details_caption"), None, details, (1, 2.6), font_size=10)]
    if data.team:
        rows = tuple(b.cells(m["name"], tr(lang, f"role_{m['role']}"), m["id"]) for m in data.team)
        out.append(b.Table(tr(lang, "team_caption"), (tr(lang, "name"), tr(lang, "role"), tr(lang, "identifier")),
                           rows, (2, 1.5, 1), font_size=10))
    else:
        readers = sorted({r.reader_id for r in data.reads.values()})
        out.append(b.Para(tr(lang, "team_missing", readers=", ".join(readers) or missing)))
    return out


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def _summary(data: ReportData, lab: Labels) -> list:
    lang, fw = data.lang, data.fw
    out = [b.Heading(1, tr(lang, "summary_heading"), "summary"), b.Para(tr(lang, "summary_intro"))]
    if not fw.rating.bands:
        out.append(b.Para(tr(lang, "no_bands")))
    none = tr(lang, "none")
    rows = []
    for s in data.ratings.standards:
        name = lab.standards.get(s.id, s.label) + ("" if s.in_overall else f" ({tr(lang, 'rated_on_its_own')})")
        computed = (b.Cell("–") if s.method in ("criteria", "pooled_percent") else
                    b.Cell(tr(lang, "not_decided")) if s.kind == "evidence" and s.rating is None else
                    lab.band_cell(s.rating))
        score = fmt_percent(s.percent) if s.percent is not None else "–" if s.score is None else str(s.score)
        rows.append((b.Cell(name), computed, lab.band_cell(s.override, empty=none) if s.override else b.Cell(none),
                     b.Cell(s.override_reason or ""), b.Cell(score)))
    if fw.rating.overall.method != "none":
        score = data.ratings.overall_score
        if data.ratings.overall_percent is not None:
            score = fmt_percent(data.ratings.overall_percent)
        elif score is not None and data.ratings.overall_maximum is not None:
            score = f"{score}/{data.ratings.overall_maximum}"
        rows.append((b.Cell(tr(lang, "overall"), bold=True), lab.band_cell(data.ratings.overall_rating, overall=True),
                     b.Cell(""), b.Cell(""), b.Cell("–" if score is None else str(score), bold=True)))
    header = (tr(lang, "standard"), tr(lang, "rating_from_figures"), tr(lang, "professional_judgement"),
              tr(lang, "reason"), tr(lang, "score"))
    out.append(b.Table(tr(lang, "summary_caption"), header, tuple(rows), (2.2, 1.7, 1.7, 2.6, 0.8),
                       numeric=frozenset({4}), font_size=9))
    return out


def figures_table(caption: str, figures: list[Figure], lab: Labels, with_standard: bool = False) -> b.Table:
    lang = lab.lang
    rows = []
    for f in figures:
        band = lab.band_cell(f.band, empty="–") if f.band else b.Cell("–")
        if f.borderline and f.band:
            band = b.Cell(f"{band.text}\n({tr(lang, 'borderline')})", band.fill, band.ink, band.bold)
        row = [b.Cell(lab.kq[f.id]), b.Cell(str(f.sufficient)), b.Cell(str(f.applicable)),
               b.Cell(fmt_percent(f.percent)), b.Cell(fmt_interval(f.ci_low, f.ci_high, lang)), band]
        if with_standard:
            row.insert(0, b.Cell(lab.standards[lab.kq_standard[f.id]]))
        rows.append(tuple(row))
    header = [tr(lang, "key_question"), tr(lang, "sufficient"), tr(lang, "applicable"), tr(lang, "percent_sufficient"),
              tr(lang, "interval"), tr(lang, "band")]
    widths = [3.6, 0.9, 1.0, 0.9, 1.5, 1.4]
    numeric = {1, 2, 3}
    if with_standard:
        header.insert(0, tr(lang, "standard"))
        widths.insert(0, 1.2)
        numeric = {2, 3, 4}
    return b.Table(caption, tuple(header), tuple(rows), tuple(widths), numeric=frozenset(numeric))


def chart_block(data: ReportData, lab: Labels, title: str, figures: list[Figure], alt_title: str = "") -> b.Chart:
    """A chart of key question ``figures``: the page-wide drawing, the stacked one for
    narrow screens, the caption (``title`` first) and the text alternative (``alt_title``
    in a sentence: "Bar chart of …", mutated in Welsh)."""
    labels = [lab.kq[f.id] for f in figures]
    return b.Chart(charts.figures_chart(data.fw, figures, labels, data.lang), tr(data.lang, "chart_caption", title=title),
                   charts.chart_alt(alt_title or title, figures, labels, data.lang, data.fw),
                   partial(charts.stacked_chart, data.fw, figures, labels, data.lang))


def _standards(data: ReportData, lab: Labels) -> list:
    lang = data.lang
    out = [b.Heading(1, tr(lang, "standards_heading"), "standards")]
    for s in (s for s in data.ratings.standards if s.kind == "case"):
        title = lab.standards.get(s.id, s.title)
        out.append(b.Heading(2, title, f"standard-{s.id}"))
        if data.fw.rating.bands:
            rating = lab.bands.get(s.rating, tr(lang, "not_rated")) if s.rating else tr(lang, "not_rated")
            out.append(b.Para(tr(lang, "rating_line", rating=rating)))
        if s.override:
            out.append(b.Para(tr(lang, "judgement_line", rating=lab.bands.get(s.override, tr(lang, "not_rated")),
                                 reason=s.override_reason or "")))
        standard = next((st for st in data.fw.standards(case_based=None) if st.id == s.id), None)
        alt_title = charts.standard_title(standard, lang) if standard else title
        out.append(chart_block(data, lab, title, s.key_questions, alt_title))
        out.append(figures_table(tr(lang, "figures_caption", title=title), s.key_questions, lab))
        if any(f.borderline for f in s.key_questions):
            out.append(b.Para(tr(lang, "borderline_note"), "note"))
    return out


def _threads(data: ReportData, lab: Labels) -> list:
    lang, out = data.lang, []
    for thread in data.fw.threads:
        figures = data.ratings.threads.get(thread.id, [])
        if not figures:
            continue
        title = thread.title.get(lang)
        out.append(b.Heading(1, title, f"thread-{thread.id}"))
        out.append(b.Para(thread.description.get(lang) if thread.description else tr(lang, "thread_intro")))
        out.append(chart_block(data, lab, title, figures))
        out.append(figures_table(tr(lang, "figures_caption", title=title), figures, lab, with_standard=True))
    return out


def _subgroups(data: ReportData, lab: Labels) -> list:
    lang, fw = data.lang, data.fw
    out = [b.Heading(1, tr(lang, "subgroups_heading"), "subgroups"),
           b.Para(tr(lang, "subgroups_intro", min=MIN_CELL)), b.Para(tr(lang, "group_cases_note"), "note")]
    suppressed = tr(lang, "suppressed", min=MIN_CELL)
    for table in data.subgroups():
        spec = fw.profile_field(table.field_id)
        options = {o.id: o.label.get(lang) for o in fw.scale(spec.scale).options} if spec.scale else {}
        label = spec.label.get(lang)
        out.append(b.Heading(2, label, f"subgroup-{table.field_id}"))
        header = [tr(lang, "key_question")]
        for group, n in table.groups:
            name = tr(lang, "not_recorded") if group == UNRECORDED else options.get(group, group)
            header.append(tr(lang, "group_cases", group=name, n=n))
        rows = []
        for kq, figures in table.rows:
            row = [b.Cell(kq.text.get(lang))]
            for f in figures:
                row.append(b.Cell(suppressed) if f is None else b.Cell(tr(
                    lang, "cell_figure", percent=fmt_percent(f.percent), sufficient=f.sufficient,
                    applicable=f.applicable)))
            rows.append(tuple(row))
        caption = tr(lang, "subgroup_caption", field=label[:1].lower() + label[1:])
        widths = (3.4,) + (1.0,) * len(table.groups)
        out.append(b.Table(caption, tuple(header), tuple(rows), widths, numeric=frozenset(range(1, len(widths))),
                           font_size=7.5))
    return out


def _qa(data: ReportData, lab: Labels) -> list:
    lang = data.lang
    mods = data.moderations
    latest = queries.latest_moderations(mods)  # each moderated judgement once, as the consistency figures
    outcomes = {}
    for o in data.read_outcomes:
        outcomes[(o["case_id"], o["revision_id"])] = o["outcome"]
    count = lambda values, key: sum(1 for v in values if v == key)  # noqa: E731
    measures = (
        ("qa_reads", len(data.reads)),
        ("qa_selected", data.qa_selected),
        ("qa_moderated_reads", len({m["case_id"] for m in mods})),
        ("qa_judgements", len(latest)),
        ("qa_agreed", count((m["outcome"] for m in latest.values()), "agreed")),
        ("qa_changed", count((m["outcome"] for m in latest.values()), "changed")),
        ("qa_reads_agreed", count(outcomes.values(), "agreed")),
        ("qa_reads_changed", count(outcomes.values(), "changed")),
        ("qa_reads_returned", count(outcomes.values(), "returned")),
    )
    out = [b.Heading(1, tr(lang, "qa_heading"), "qa"), b.Para(tr(lang, "qa_intro")),
           b.Table(tr(lang, "qa_caption"), (tr(lang, "measure"), tr(lang, "number")),
                   tuple(b.cells(tr(lang, key), str(n)) for key, n in measures), (4, 1), numeric=frozenset({1}),
                   font_size=9),
           b.Heading(2, tr(lang, "consistency_heading"), "consistency"),
           b.Para(tr(lang, "consistency_intro", share=f"{MIN_UNCHANGED:.0%}", kappa=fmt_number(MIN_KAPPA_LOW, 2)))]
    if not data.consistency:
        out.append(b.Para(tr(lang, "no_moderation")))
        return out
    rows = []
    for r in data.consistency:
        k = r.kappa
        if r.too_few:
            kappa = tr(lang, "too_few", n=MIN_PAIRS)
        elif k.kappa is None:
            kappa = tr(lang, "not_defined")
        else:
            interval = tr(lang, "interval_value", low=fmt_number(k.ci_low, 2), high=fmt_number(k.ci_high, 2))
            kappa = f"{fmt_number(k.kappa, 2)} ({interval})"
        unchanged = f"{r.unchanged} ({fmt_percent(100 * r.unchanged_share)})" if r.unchanged_share is not None else "–"
        flag = b.Cell(tr(lang, "needed"), bold=True) if r.flagged else b.Cell(tr(lang, "not_needed"))
        rows.append((b.Cell(lab.reader(r.reader)), b.Cell(str(r.moderated)), b.Cell(unchanged), b.Cell(kappa), flag))
    header = (tr(lang, "reader"), tr(lang, "moderated"), tr(lang, "unchanged"), tr(lang, "kappa"), tr(lang, "more_qa"))
    out.append(b.Table(tr(lang, "consistency_caption"), header, tuple(rows), (2.2, 1, 1.2, 2, 1.4),
                       numeric=frozenset({1, 2})))
    return out


def _method(data: ReportData, lab: Labels) -> list:
    lang, fw = data.lang, data.fw
    counts = data.status_counts()
    statuses = ", ".join(tr(lang, f"status_{s}", n=counts[s]) for s in ("complete", "in_progress", "not_started")
                         if counts.get(s)) or "0"
    n = len(data.reads)
    out = [b.Heading(1, tr(lang, "method_heading"), "method"), b.Para(tr(lang, "method_reads", n=n, statuses=statuses))]
    if n and data.caseload_size and n <= data.caseload_size:
        margin = sample_size.margin_of_error(n, data.caseload_size)
        out.append(b.Para(tr(lang, "method_margin", caseload=data.caseload_size, n=n,
                             margin=fmt_number(100 * margin))))
    elif n:
        margin = sample_size.z_value() * math.sqrt(0.25 / n)
        out.append(b.Para(tr(lang, "method_no_caseload", n=n, margin=fmt_number(100 * margin))))
    out.append(b.Para(tr(lang, "method_figures")))
    if fw.rating.bands:
        out.append(b.Para(tr(lang, "method_bands")))
        out.append(b.Bullets(tuple(f"{band.label.get(lang)}: {charts.band_range_text(fw, band, lang)}"
                                   for band in sorted(fw.rating.bands, key=lambda x: -x.score))))
    out.append(b.Para(tr(lang, f"method_{fw.rating.standard.method}")))
    if fw.rating.overall.method == "sum_of_scores":
        out.append(b.Para(tr(lang, "method_overall")))
        out.append(b.Bullets(tuple(
            tr(lang, "chart_legend_band", label=band.label.get(lang),
               range=tr(lang, "score_range", min=band.min_score, max=band.max_score) if band.up_to is None
               else tr(lang, "score_fraction", fraction=band.up_to))
            for band in sorted(fw.rating.overall.bands, key=lambda x: -(x.max_score or 0) - (x.fraction() or 0)))))
    if fw.rating.small_numbers:
        small = fw.rating.small_numbers
        out.append(b.Para(tr(lang, "method_small", kq=small.key_question_min_cases, st=small.standard_min_cases)))
    out.append(b.Para(tr(lang, "method_suppress", min=MIN_CELL)))
    if fw.rating.source:
        out.append(b.Para(tr(lang, "method_source", source=fw.rating.source.get(lang)), "note"))
    return out


def _annex(data: ReportData, lab: Labels) -> list:
    lang = data.lang
    counts = data.answer_counts()
    out = [b.Heading(1, tr(lang, "annex_heading"), "annex"), b.Para(tr(lang, "annex_intro"))]
    header = (tr(lang, "key_question"), tr(lang, "sufficient"), tr(lang, "not_sufficient"), tr(lang, "applicable"),
              tr(lang, "not_applicable"), tr(lang, "not_answered"), tr(lang, "percent_sufficient"))
    for s in (s for s in data.ratings.standards if s.kind == "case"):
        rows = tuple(b.cells(lab.kq[f.id], str(f.sufficient), str(f.applicable - f.sufficient), str(f.applicable),
                             str(counts[f.id]["not_applicable"]), str(counts[f.id]["not_answered"]),
                             fmt_percent(f.percent))
                     for f in s.key_questions)
        out.append(b.Table(f"{tr(lang, 'annex_caption')}: {lab.standards.get(s.id, s.title)}", header, rows,
                           (3.4, 1, 1, 1, 1, 1, 1), numeric=frozenset(range(1, 7)), font_size=8))
    return out


def report_blocks(data: ReportData) -> list:
    """The whole inspection report as blocks, in ``data.lang``."""
    lab = Labels(data)
    return (_cover(data, lab) + [b.PageBreak(), b.Contents(tr(data.lang, "contents")), b.PageBreak()]
            + _summary(data, lab) + _standards(data, lab) + evidence_blocks(data, lab) + _threads(data, lab) + _subgroups(data, lab)
            + _qa(data, lab) + _method(data, lab) + _annex(data, lab))


def report_title(data: ReportData) -> str:
    ins = data.inspection
    return f"{tr(data.lang, 'report_title')}: {ins.provider or ins.title or ins.id}"

