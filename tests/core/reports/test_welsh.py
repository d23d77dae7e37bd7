"""Welsh mutations by rule: the soft mutation after "o", "i", "am" (and the other
prepositions that cause it), applied where the report's strings mark it ({x!m}), and a
check that no Welsh string leaves such a placeholder unmarked."""

from __future__ import annotations

import dataclasses
import re

import pytest

from hmip_desktop.core.reports import charts, content, data, text
from hmip_desktop.core.reports.welsh import fill, soft, soft_word

KNOWN = [
    ("Cynllunio", "Gynllunio"), ("Polisi", "Bolisi"), ("Darpariaeth", "Ddarpariaeth"),
    ("Trefniadau", "Drefniadau"), ("Gweithredu", "Weithredu"), ("Llywodraethu", "Lywodraethu"),
    ("Rhoi", "Roi"), ("Monitro", "Fonitro"), ("Bwrdd", "Fwrdd"), ("Grŵp", "Rŵp"), ("Tîm", "Dîm"),
    ("cynllunio", "gynllunio"), ("gwaith", "waith"), ("llesiant", "lesiant"),
]
UNCHANGED = ["Asesu", "Adolygu", "Ffactorau", "Risg", "Staff", "Nodau", "Chwaraeon", "Theatr", "Tsieina",
             "Ymgysylltu", "Safonau", "Haint", "MAPPA", "2.1", "", "Eithriad"]
#: Welsh words after which the next word takes the soft mutation (the prepositions the
#: report's strings use or may come to use).
SOFT_AFTER = ("am", "ar", "at", "dan", "dros", "drwy", "gan", "heb", "i", "o", "wrth")


@pytest.mark.parametrize(("radical", "mutated"), KNOWN)
def test_soft_mutation_of_known_pairs(radical, mutated):
    assert soft_word(radical) == mutated
    assert soft(f"{radical} a chyflawni") == f"{mutated} a chyflawni"  # only the first word


@pytest.mark.parametrize("word", UNCHANGED)
def test_words_that_do_not_mutate(word):
    assert soft(word) == word


def test_fill_mutates_only_marked_placeholders():
    assert fill("Siart bar o {title!m}, {other}", title="Cynllunio", other="Cynllunio") == \
        "Siart bar o Gynllunio, Cynllunio"
    assert text.tr("cy", "chart_alt", title="Polisi a darpariaeth", bands="", items="x") == \
        "Siart bar o Bolisi a darpariaeth. x"
    assert text.tr("en", "chart_alt", title="Planning", bands="", items="x") == "Bar chart of Planning. x"


def test_every_welsh_placeholder_after_a_mutating_word_is_marked():
    after = re.compile(r"\b(" + "|".join(SOFT_AFTER) + r")\s+\{(\w+)(![a-z])?\}", re.I)
    from hmip_desktop.core.reports.national_text import STRINGS

    tables = (("text", text.CY), ("national_text", STRINGS["cy"]))
    unmarked = [(table, key, m.group(0)) for table, strings in tables for key, value in strings.items()
                for m in after.finditer(value) if m.group(3) != "!m"]
    assert unmarked == []
    assert not any("!m}" in value for value in (*text.EN.values(), *STRINGS["en"].values())), "English has none"
    assert "o {title!m}" in STRINGS["cy"]["chart_alt"] and "i {high!m}" in STRINGS["cy"]["chart_item"]
    # the rule is not idle: the chart alternative and the ranges are marked
    assert "o {title!m}" in text.CY["chart_alt"] and "i {high!m}" in text.CY["interval_value"]


def test_welsh_chart_alternatives_are_mutated_and_give_band_and_borderline(rich_store):
    d = data.gather(rich_store, "demo", "cy")
    charts_ = [blk for blk in content.report_blocks(d) if blk.__class__.__name__ == "Chart"]
    alts = {c.alt.split(". Bandiau")[0] for c in charts_}
    assert "Siart bar o Gynllunio (safon 2.2)" in alts and "Siart bar o Weithredu a chyflawni (safon 2.3)" in alts
    assert not any(a.startswith(("Siart bar o Cynllunio", "Siart bar o Gweithredu", "Siart bar o 2")) for a in alts)
    labels = {band.id: band.label.get("cy") for band in d.fw.rating.bands}
    names = {st.id: st.label("cy") for st in d.fw.standards(case_based=None)}
    seen = 0
    for s in (s for s in d.ratings.standards if s.kind == "case"):
        alt = next(c.alt for c in charts_ if c.caption.startswith(names[s.id] + ":"))
        for f in s.key_questions:
            if f.band:
                expected = f"{labels[f.band]} (ar y ffin)" if f.borderline else labels[f.band]
                assert expected in alt, (s.id, f.id, expected)
                seen += 1
    assert seen >= 10


def test_chart_alternative_names_band_and_borderline_state(rich_store):
    d = data.gather(rich_store, "demo", "en")
    s = next(x for x in d.ratings.standards if x.kind == "case" and all(f.band for f in x.key_questions))
    figures = [dataclasses.replace(s.key_questions[0], borderline=True)] + list(s.key_questions[1:])
    labels = ["Question one"] + ["Question"] * (len(figures) - 1)
    alt = charts.chart_alt("Assessment", figures, labels, "en", d.fw)
    band = {b.id: b.label.get("en") for b in d.fw.rating.bands}
    assert alt.startswith("Bar chart of Assessment. Bands: " + band[d.fw.rating.bands[0].id])
    assert f"Question one – {text.fmt_percent(figures[0].percent)} sufficient" in alt
    assert f"), {band[figures[0].band]} (borderline); " in alt
    assert alt.count("(borderline)") == 1 + sum(f.borderline for f in figures[1:])
    unbanded = charts.chart_alt("X", [dataclasses.replace(figures[0], band=None, borderline=False)], ["Q"], "en", d.fw)
    assert unbanded.endswith("Q – " + text.fmt_percent(figures[0].percent) + " sufficient (95% interval "
                             + text.fmt_percent(figures[0].ci_low) + " to " + text.fmt_percent(figures[0].ci_high)
                             + "), not banded (too few cases).")
