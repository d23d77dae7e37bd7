"""The national report (``hmip national report``): the annual report's tables across
inspections — providers by family, key-question figures with their averages and ranges,
the distribution of ratings, sub-groups, consistency and the reconviction follow-up —
with the methods and suppression rules stated, as PDF or accessible HTML in English or
Welsh. Written as the shared document blocks (blocks.py), so the PDF (pdf_base) and the
HTML (html_report.render, the inspection report's building blocks) say the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ... import __version__
from ..central import agreement
from ..files import write_atomically
from ..national import outcomes as national_outcomes
from ..national import subgroups as national_subgroups
from ..national import tables as national_tables
from ..national.store import NationalStore
from ..national.tables import Filter
from . import blocks as b
from . import national_charts, pdf_base
from .html_report import render
from .national_text import nt
from .text import check_lang, fmt_date, fmt_interval, fmt_percent, tr


@dataclass(frozen=True)
class NationalData:
    lang: str
    tables: dict
    subgroups: dict
    consistency: dict
    outcomes: dict
    #: (framework, question) -> key question text in the report's language
    texts: dict
    #: standard id -> its short heading (the published number, else its title)
    standard_labels: dict
    #: framework id -> the framework versions of the current inspections (for the charts' bands)
    versions: dict


def gather(store: NationalStore, flt: Filter = Filter(), lang: str = "en") -> NationalData:
    from sqlalchemy import select

    from ..national import schema

    check_lang(lang)
    kq, ins = schema.key_questions, schema.inspections
    with store.engine.connect() as conn:
        texts = {(f, q): (cy if lang == "cy" and cy else en) for f, q, en, cy in conn.execute(
            select(ins.c.framework_id, kq.c.question_id, kq.c.text_en, kq.c.text_cy)
            .select_from(kq.join(ins, ins.c.import_id == kq.c.import_id)))}
        st = schema.standards
        labels = {sid: number or title for sid, number, title in conn.execute(
            select(st.c.standard_id, st.c.number, st.c.title).order_by(st.c.import_id))}
        versions: dict[str, set[str]] = defaultdict(set)
        for f, v in conn.execute(select(ins.c.framework_id, ins.c.framework_version).distinct().where(
                ins.c.import_id.in_(national_tables.current_imports(flt).scalar_subquery()))):
            versions[f].add(v)
    return NationalData(lang, national_tables.tables(store, flt), national_subgroups.subgroups(store, flt),
                        national_outcomes.consistency(store, flt), national_outcomes.outcomes(store, flt), texts,
                        labels, dict(versions))


def _rating(lang: str, rating: str | None, score: int | None) -> str:
    word = nt(lang, f"rating.{rating or 'none'}")
    return f"{word} ({score})" if score is not None else word


def _families(d: NationalData) -> list:
    lang = d.lang
    out: list = [b.Heading(1, nt(lang, "families"), "families")]
    by_family: dict[str | None, list[dict]] = defaultdict(list)
    for i in d.tables["inspections"]:
        by_family[i["family"]].append(i)
    for family, items in by_family.items():
        # standards rated in at least one of the family's inspections (those judged on evidence
        # and never decided would only fill the table with "no rating")
        standards = list(dict.fromkeys(s["id"] for i in items for s in i["standards"] if s["rating"] or s["score"]))
        header = (nt(lang, "provider"), nt(lang, "inspection"), nt(lang, "signed_off"),
                  *(d.standard_labels.get(s, s).replace("_", " ") for s in standards), nt(lang, "overall"))
        rows = []
        for i in items:
            by_id = {s["id"]: s for s in i["standards"]}
            rows.append(b.cells(i["provider"] or "–", i["inspection"], fmt_date(i["signed_off"], lang) or "–",
                                *(_rating(lang, by_id[s]["rating"], by_id[s]["score"]) if s in by_id else "–"
                                  for s in standards),
                                _rating(lang, i["overall"]["rating"], i["overall"]["score"])))
        out.append(b.Table(nt(lang, "family_caption", family=family or nt(lang, "no_family")), header, tuple(rows),
                           (3, 1.5, 1.5, *([1.4] * len(standards)), 1.6), font_size=7))
    return out


def _key_questions(d: NationalData) -> list:
    lang = d.lang
    out: list = [b.Heading(1, nt(lang, "key_questions"), "key_questions")]
    by_fw: dict[str, list[dict]] = defaultdict(list)
    for k in d.tables["key_questions"]:
        by_fw[k["framework"]].append(k)
    for framework, items in by_fw.items():
        rows = tuple(b.cells(
            f"{k['id']} {d.texts.get((framework, k['id']), '')}".strip(), fmt_percent(k["percent"]),
            fmt_interval(k["ci_low"], k["ci_high"], lang), fmt_percent(k["mean_over_inspections"]),
            f"{fmt_percent(k['min'])}–{fmt_percent(k['max'])}" if k["min"] is not None else "–",
            str(k["inspections"])) for k in items)
        out.append(b.Table(nt(lang, "kq_caption", framework=framework), tuple(nt(lang, "kq_header").split("|")), rows,
                           (5, 1.2, 2, 1.5, 2, 1.2), frozenset({1, 3, 5}), font_size=7.5))
        out.append(national_charts.key_question_chart(lang, framework, d.versions.get(framework, set()), items,
                                                      d.texts))
    dist = d.tables["distribution"]["overall"]
    out.append(b.Heading(2, nt(lang, "distribution"), "distribution"))
    out.append(b.Table(nt(lang, "distribution_caption"), tuple(nt(lang, "distribution_header").split("|")),
                       tuple(b.cells(nt(lang, f"rating.{r}"), str(n)) for r, n in dist.items()), (3, 1),
                       frozenset({1})))
    return out


def _subgroups(d: NationalData) -> list:
    lang = d.lang
    out: list = [b.Heading(1, nt(lang, "subgroups"), "subgroups")]
    rows = []
    for k in d.subgroups["key_questions"]:
        for dim in k["dimensions"]:
            for g in dim["groups"]:
                if g["significant"]:
                    fw = national_charts.framework_for(k["framework"], d.versions.get(k["framework"], set()))
                    rows.append(b.cells(k["id"], nt(lang, f"dimension.{dim['dimension']}"),
                                        national_charts.group_label(fw, dim["dimension"], g["group"], lang),
                                        fmt_percent(g["percent"]), fmt_interval(g["ci_low"], g["ci_high"], lang),
                                        fmt_percent(g["rest_percent"]), national_charts.fmt_p(g["p_adjusted"])))
    if rows:
        out.append(b.Table(nt(lang, "subgroups_caption", alpha=national_subgroups.ALPHA),
                           tuple(nt(lang, "subgroups_header").split("|")), tuple(rows), (2, 2, 2, 1.2, 2.2, 1.2, 1.3),
                           frozenset({3, 5, 6}), font_size=7.5))
        found = national_charts.subgroup_charts(lang, d.subgroups, d.versions)
        pairs = len({(k["framework"], k["id"], dim["dimension"]) for k in d.subgroups["key_questions"]
                     for dim in k["dimensions"] if any(g["significant"] for g in dim["groups"])})
        if pairs > len(found):
            out.append(b.Para(nt(lang, "sg_charts_more", shown=len(found), count=pairs)))
        out.extend(found)
    else:
        out.append(b.Para(nt(lang, "subgroups_none")))
    return out


def _consistency(d: NationalData) -> list:
    lang = d.lang
    out: list = [b.Heading(1, nt(lang, "consistency"), "consistency")]
    readers = d.consistency["readers"]
    if not readers:
        return [*out, b.Para(nt(lang, "consistency_none"))]
    rows = []
    for r in readers:
        kappa = "–" if r["kappa"] is None else f"{r['kappa']:.2f}" + (
            f" ({r['kappa_ci'][0]:.2f}–{r['kappa_ci'][1]:.2f})" if r["kappa_ci"] else "")
        share = nt(lang, "too_few") if r["too_few"] else fmt_percent(100 * r["unchanged_share"])
        rows.append(b.cells(r["reader"], ", ".join(nt(lang, f"role.{role}") for role in r["by_role"]), str(r["inspections"]),
                            str(r["moderated"]), share, kappa, nt(lang, "yes" if r["flagged"] else "no")))
    out.append(b.Table(nt(lang, "consistency_caption"), tuple(nt(lang, "consistency_header").split("|")), tuple(rows),
                       (2.2, 1.6, 1, 1, 1.2, 2, 1), frozenset({2, 3, 4}), font_size=7.5))
    return out


def _outcomes(d: NationalData) -> list:
    lang = d.lang
    out: list = [b.Heading(1, nt(lang, "outcomes"), "outcomes")]
    if not d.outcomes["case_reads_matched"]:
        return [*out, b.Para(nt(lang, "outcomes_none"))]
    out.append(b.Para(nt(lang, "not_causal")))

    def rate(r):
        if r["suppressed"]:
            return f"{nt(lang, 'suppressed')} ({r['cases']})"
        return f"{nt(lang, 'of_cases', percent=fmt_percent(r['percent']), cases=r['cases'])}\n" \
               f"{fmt_interval(r['ci_low'], r['ci_high'], lang)}"

    rows = tuple(b.cells(k["id"], rate(k["sufficient"]), rate(k["not_sufficient"])) for k in d.outcomes["key_questions"])
    out.append(b.Table(nt(lang, "outcomes_caption"), tuple(nt(lang, "outcomes_header").split("|")), rows, (3, 3, 3),
                       font_size=7.5))
    out.extend(national_charts.outcome_charts(lang, d.outcomes, d.versions))
    return out


def _methods(d: NationalData) -> list:
    lang = d.lang
    return [b.Heading(1, nt(lang, "methods"), "methods"), b.Para(nt(lang, "methods_intro")), b.Bullets((
        nt(lang, "m_interval"),
        nt(lang, "m_tables", min_cases=national_tables.MIN_CASES),
        nt(lang, "m_subgroups", tests=d.subgroups["method"]["tests"], min_group=national_subgroups.MIN_GROUP),
        nt(lang, "m_consistency", unchanged=f"{agreement.MIN_UNCHANGED:.0%}", kappa=agreement.MIN_KAPPA_LOW,
           pairs=agreement.MIN_PAIRS),
        nt(lang, "m_outcomes", min_cases=national_outcomes.MIN_CASES), nt(lang, "m_charts")))]


def _subtitle(d: NationalData) -> str:
    """How many sign-offs the report covers, and over which dates."""
    lang = d.lang
    dates = sorted(i["signed_off"] for i in d.tables["inspections"])
    period = nt(lang, "period", start=fmt_date(dates[0], lang), end=fmt_date(dates[-1], lang)) if dates else ""
    return nt(lang, "subtitle", count=len(dates), period=period)


def report_blocks(d: NationalData) -> list:
    lang = d.lang
    return [b.Title(nt(lang, "title"), _subtitle(d)),
            b.Contents(tr(lang, "contents")), *_methods(d), *_families(d), *_key_questions(d), *_subgroups(d),
            *_consistency(d), *_outcomes(d)]


def write_national_report(store: NationalStore, out: Path, lang: str = "en", flt: Filter = Filter()) -> Path:
    """Gather and write the national report: PDF or HTML by ``out``'s suffix."""
    out = Path(out)
    d = gather(store, flt, lang)
    blocks = report_blocks(d)
    footer = nt(lang, "produced", version=__version__, date=fmt_date(date.today(), lang))
    if out.suffix.lower() == ".html":
        data = render(blocks, lang, nt(lang, "title"), footer).encode("utf-8")
    else:
        text = pdf_base.PageText(header_left=nt(lang, "title"), header_right="", footer_left=footer,
                                 page_of=nt(lang, "page_of", page="{page}", pages="{pages}"))
        # the subject (a viewer's document properties): the title and what it covers
        data, _ = pdf_base.build_pdf(blocks, text, nt(lang, "title"), lang,
                                     subject=f"{nt(lang, 'title')}: {_subtitle(d)}")
    write_atomically(out, data)
    return out
