"""The national report's charts: key-question figures by framework, the sub-groups that
differ from the rest, and reconviction by judgement. Drawn by the inspection report's
``charts.figures_chart`` (and ``stacked_chart`` for narrow screens), so they look and
reflow the same; each has one text alternative giving every figure, its interval, its
band and whether it is borderline (or that no bands apply), in the report's language,
Welsh placeholders mutated by rule (``national_text.nt`` fills through ``welsh.fill``).

Bands: the national store keeps no framework files, so a key question's band is the one
the framework file shipped with this application gives, where its id and version match
the inspections' (every current inspection of that framework on the same version).
Otherwise the figures are drawn and described without bands, and the text says so.
Reconviction rates are never banded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial

from ..central.ratings import Figure, band_for, is_borderline
from ..national import outcomes as national_outcomes
from ..national import tables as national_tables
from . import blocks as b
from . import charts
from .national_text import nt
from .text import fmt_percent, tr

#: At most this many sub-group charts (the smallest adjusted p-values first).
MAX_SUBGROUP_CHARTS = 12


@dataclass(frozen=True)
class _Rules:
    bands: list = field(default_factory=list)
    borderline: object = None


@dataclass(frozen=True)
class NoBands:
    """Stands in for a framework where no bands apply (charts read ``rating.bands``)."""

    rating: _Rules = field(default_factory=_Rules)


NO_BANDS = NoBands()


@lru_cache(maxsize=8)
def _shipped() -> dict:
    from ..frameworks.loader import forms_dir, load_file

    out = {}
    for path in sorted(forms_dir().glob("*.yaml")):
        try:
            fw = load_file(path)
        except Exception:  # noqa: BLE001 - a broken file is reported by `hmip forms check`, not here
            continue
        out[(fw.id, fw.version)] = fw
    return out


def framework_for(framework_id: str, versions: set[str]):
    """The shipped framework of this id, if every version in ``versions`` is its version
    (one version); else :data:`NO_BANDS`."""
    if len(versions) != 1:
        return NO_BANDS
    return _shipped().get((framework_id, next(iter(versions))), NO_BANDS)


def fmt_p(p: float | None) -> str:
    """An adjusted p-value to four places; below 0.0001 as "< 0.0001" (never "0.0000")."""
    if p is None:
        return "–"
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"


def group_label(fw, dimension: str, group: str, lang: str) -> str:
    """A profile value's label in ``lang`` from the framework's scale for that profile
    field (where the framework is known and has it), else its id made readable."""
    if fw is not NO_BANDS:
        field_ = next((f for f in fw.case_profile if f.id == dimension), None)
        if field_ is not None and field_.scale:
            try:
                option = next((o for o in fw.scale(field_.scale).options if o.id == group), None)
            except KeyError:
                option = None
            if option is not None:
                return option.label.get(lang)
    return group.replace("_", " ")


def _figure(fw, fid: str, s: int | None, a: int | None, percent, low, high) -> Figure:
    band = band_for(fw.rating.bands, percent) if fw.rating.bands else None
    return Figure(fid, s or 0, a or 0, percent, low, high, band.id if band else None,
                  band is not None and is_borderline(fw, percent, low, high))


def alt_text(lang: str, title: str, fw, figures: list[Figure], labels: list[str], empty: str,
             unit: str = "", no_bands: str = "chart_bands_unknown") -> str:
    """The chart's one text alternative: the bands (or why there are none), then each
    figure with its interval, band and borderline state."""
    bands = sorted(fw.rating.bands, key=lambda x: -x.score)
    names = {band.id: band.label.get(lang) for band in bands}
    items = []
    for f, label in zip(figures, labels):
        if f.percent is None:
            items.append(nt(lang, "chart_item_empty", label=label, empty=empty))
            continue
        band = ""
        if bands:
            band = nt(lang, "chart_band_borderline" if f.borderline else "chart_band", band=names.get(f.band, f.band))
        items.append(nt(lang, "chart_item", label=label, percent=fmt_percent(f.percent), unit=unit,
                        low=fmt_percent(f.ci_low), high=fmt_percent(f.ci_high), band=band))
    legend = "; ".join(tr(lang, "chart_legend_band", label=band.label.get(lang),
                          range=charts.band_range_text(fw, band, lang)) for band in bands)
    return nt(lang, "chart_alt", title=title, bands=nt(lang, "chart_bands", bands=legend) if bands else nt(lang, no_bands),
              items="; ".join(items))


def _chart(lang: str, fw, figures: list[Figure], labels: list[str], caption: str, alt: str,
           axis: str | None = None, empty: str | None = None) -> b.Chart:
    drawing = charts.figures_chart(fw, figures, labels, lang, axis=axis, empty=empty)
    return b.Chart(drawing, caption, alt, partial(charts.stacked_chart, fw, figures, labels, lang, axis=axis,
                                                  empty=empty))


def key_question_chart(lang: str, framework: str, versions: set[str], items: list[dict], texts: dict) -> b.Chart:
    """One framework's pooled key-question figures (``hmip national tables``' items)."""
    fw = framework_for(framework, versions)
    figures = [_figure(fw, k["id"], k["sufficient"], k["applicable"], k["percent"], k["ci_low"], k["ci_high"])
               for k in items]
    labels = [f"{k['id']} {texts.get((framework, k['id']), '')}".strip() for k in items]
    name = fw.title.get(lang) if fw is not NO_BANDS else framework
    empty = nt(lang, "chart_too_few", min=national_tables.MIN_CASES)
    alt = alt_text(lang, nt(lang, "kq_chart_title", framework=name), fw, figures, labels, empty)
    return _chart(lang, fw, figures, labels, nt(lang, "kq_chart", framework=name), alt, empty=empty)


def subgroup_charts(lang: str, subgroups: dict, versions: dict[str, set[str]]) -> list[b.Chart]:
    """For each key question and characteristic where a group differs from the rest:
    every group of that characteristic (suppressed ones shown as such), its figure
    banded by the framework's bands, the differing groups marked in the label."""
    found = []
    for k in subgroups["key_questions"]:
        for dim in k["dimensions"]:
            hits = [g["p_adjusted"] for g in dim["groups"] if g["significant"]]
            if hits:
                found.append((min(hits), k, dim))
    found.sort(key=lambda x: x[0])
    out = []
    for _, k, dim in found[:MAX_SUBGROUP_CHARTS]:
        fw = framework_for(k["framework"], versions.get(k["framework"], set()))
        groups = dim["groups"]
        figures = [_figure(fw, g["group"], g["sufficient"], g["applicable"], g["percent"], g["ci_low"], g["ci_high"])
                   for g in groups]
        labels = [nt(lang, "group_differs" if g["significant"] else "group_label", group=group_label(fw, dim["dimension"], g["group"], lang),
                     rest=fmt_percent(g["rest_percent"]), p=fmt_p(g["p_adjusted"]))
                  for g in groups]
        what = nt(lang, f"dimension.{dim['dimension']}").lower()
        empty = nt(lang, "chart_suppressed")
        title = nt(lang, "sg_chart_title", question=k["id"], dimension=what)
        alt = alt_text(lang, title, fw, figures, labels, empty)
        out.append(_chart(lang, fw, figures, labels, nt(lang, "sg_chart", question=k["id"], dimension=what), alt,
                          empty=empty))
    return out


def outcome_charts(lang: str, outcomes: dict, versions: dict[str, set[str]]) -> list[b.Chart]:
    """Per framework: each key question's reconviction rate when judged sufficient and
    when not, with intervals (never banded; suppressed rates shown as such)."""
    by_fw: dict[str, list[dict]] = {}
    for k in outcomes["key_questions"]:
        by_fw.setdefault(k["framework"], []).append(k)
    out = []
    for framework, items in by_fw.items():
        figures, labels = [], []
        for k in items:
            for side in ("sufficient", "not_sufficient"):
                r = k[side]
                figures.append(Figure(f"{k['id']}-{side}", r["reconvicted"] or 0, r["cases"], r["percent"], r["ci_low"],
                                      r["ci_high"]))
                labels.append(nt(lang, f"outcome_{side}", question=k["id"], cases=r["cases"]))
        empty = nt(lang, "chart_too_few", min=national_outcomes.MIN_CASES)
        fw = framework_for(framework, versions.get(framework, set()))
        name = fw.title.get(lang) if fw is not NO_BANDS else framework
        title = nt(lang, "oc_chart_title", framework=name)
        alt = alt_text(lang, title, NO_BANDS, figures, labels, empty, nt(lang, "reconvicted_unit"), "chart_no_bands")
        out.append(_chart(lang, NO_BANDS, figures, labels, nt(lang, "oc_chart", framework=name), alt,
                          axis=nt(lang, "oc_axis"), empty=empty))
    return out
