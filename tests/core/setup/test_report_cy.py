"""The sample report in English (byte for byte as before: a golden file taken before the
report had a Welsh rendering) and in Welsh."""

import json
import re
from pathlib import Path

from hmip_desktop.core.setup.report import render_text
from hmip_desktop.core.setup.report_said import reason_in, said_text

from .report_scenarios import reports

GOLDEN = Path(__file__).parent / "golden" / "report_en.txt"


def test_the_english_report_is_unchanged():
    got = "".join(f"===== {k}\n" + render_text(r) for k, r in reports().items())
    assert got == GOLDEN.read_text(encoding="utf-8")


def _english_phrases() -> set[str]:
    """Every stretch of words of the English report's templates (sentences, headers, flags,
    reasons), between its placeholders."""
    from string import Formatter

    from hmip_desktop.core.messages import MESSAGES

    phrases = set()
    for key, (english, _) in MESSAGES.items():
        if key.startswith(("report.", "reason.")):
            for literal, *_ in Formatter().parse(english):
                words = literal.strip(" .:;,()[]-=>±%")
                if len(words) >= 4 and any(c.isalpha() for c in words) and words != "met":
                    phrases.add(words)
    return phrases


def _without_sources(text: str) -> str:
    """The report less what is shown as it is: the framework's sources (in brackets, its own
    words) and a replacement's reason (the lead's words)."""
    return re.sub(r" \[[^\]]*\]$", "", re.sub(r"\): no case record$", ")", text, flags=re.M), flags=re.M)


def _numbers(line: str) -> list[str]:
    return sorted(re.findall(r"[-+]?\d+(?:\.\d+)?%?", line))


def test_the_welsh_report_has_no_english_sentence_and_the_same_numbers():
    phrases = _english_phrases()
    assert {"Sample of", "stratified by", "sampled against a proportional share of", "By stratum", "caseload",
            "departure", "rounding", "Departures of more than one case from proportional allocation, and gaps",
            "asked for, the caseload has only", "Not eligible", "Duplicates removed"} <= phrases
    for name, report in reports().items():
        english, welsh = render_text(report), render_text(report, "cy")
        assert welsh != english
        checked = _without_sources(welsh)
        left = sorted(p for p in phrases if p in checked)
        assert left == [], (name, left)
        assert "none" not in checked.split() and "NOT MET" not in checked
        # the same figures, line for line (the tables are as wide as their Welsh headers)
        assert len(welsh.splitlines()) == len(english.splitlines())
        for en_line, cy_line in zip(english.splitlines(), welsh.splitlines()):
            assert _numbers(cy_line) == _numbers(en_line), (name, en_line, cy_line)


def test_welsh_words_and_mutations():
    got = reports()
    quota = render_text(got["quota"], "cy")
    assert quota.startswith("Sampl o 20 o lwyth achosion o 100 (hedyn 2), wedi'i haenu yn ôl gender, ")
    assert "Cwota risk_level=high: 20 i bob 100 achos -> o leiaf 4; 4 wedi'u samplu (wedi'i fodloni)." in quota
    assert ("- haen gender=male, disposal_type=licence, risk_level=high: 4 wedi'u samplu yn erbyn cyfran gyfrannol "
            "o 2.00 (cwota: o leiaf 4 achos gyda risk_level=high)") in quota
    assert "(llai, i wneud lle i'r cwota risk_level=high)" in quota
    assert "  - mlh0000 -> mlh0007 (achos wrth gefn 1 o male / licence / high): no case record" in quota
    header = next(line for line in quota.splitlines() if "llwyth achosion" in line and "gwyriad" in line)
    assert header.split() == ["llwyth", "achosion", "%", "cyfran", "sampl", "%", "gwyriad"]
    screened = render_text(got["screened"], "cy")
    assert "Anghymwys: 3 (1 rhywedd ar goll; 1 wedi'i farcio'n sensitif; 1 heb ddechrau eto). [MoJ" in screened
    assert "Dyblygion a dynnwyd: 2 (1 yr un cyfeirnod achos; 1 yr un person (person_id)). [MoJ" in screened
    assert "Rheolau na chawsant eu cymhwyso (dim colofn): heb ddechrau eto (dim colofn start_date);" in \
        render_text(got["not_applied"], "cy")
    assert "  - dim ond 24 o'r 40 achos y gellid eu samplu o fewn y terfyn i bob deiliad achos" in \
        render_text(got["short"], "cy")


def test_the_flags_are_kept_as_message_ids_and_read_the_same_in_english():
    for report in reports().values():
        said = report["flags_said"]
        assert json.loads(json.dumps(said)) == said  # plain data, as the rest of the report
        assert [said_text(f, "en") for f in said] == report["flags"]
        assert all(f["id"].startswith("report.flag_") for f in said)


def test_a_report_kept_before_the_flags_had_ids_still_renders():
    report = {k: v for k, v in reports()["minimum"].items() if k != "flags_said"}
    assert render_text(report) == render_text(reports()["minimum"])
    assert "  - stratum gender=female" in render_text(report, "cy")  # its English flags, as they were


def test_every_reason_the_sampler_records_has_welsh():
    for reason, welsh in (
        ("rounding", "talgrynnu"), ("rounding across 3 strata", "talgrynnu ar draws 3 haen"),
        ("every case of the stratum taken", "cymerwyd pob achos yn yr haen"),
        ("minimum of 2 per group", "isafswm o 2 i bob grŵp"),
        ("all 1 cases (fewer than the minimum of 2 per group)", "pob un o'r 1 achos (llai na'r isafswm o 2 i bob grŵp)"),
        ("fewer, to make room for the minimums of small groups", "llai, i wneud lle i isafsymiau grwpiau bach"),
        ("fewer, to make room for the risk_level=high_or_very_high (high, very_high) quota",
         "llai, i wneud lle i'r cwota risk_level=high_or_very_high (high, very_high)"),
        ("minimum: at least 3 cases with gender=other", "isafswm: o leiaf 3 achos gyda gender=other"),
        ("words the sampler does not know", "words the sampler does not know"),
    ):
        assert reason_in(reason, "cy") == welsh
        assert reason_in(reason, "en") == reason


def test_hmip_sample_prints_the_report_in_the_language_asked(tmp_path, capsys):
    from hmip_desktop.cli import main

    from .report_scenarios import SCREEN

    source = tmp_path / "caseload.csv"
    source.write_text(SCREEN + "".join(f"B{i},male,licence,medium,2025-01-01,no,Q{i}\n" for i in range(40)))
    args = ["sample", str(source), "--seed", "3", "--out", str(tmp_path / "s.csv"), "--as-of", "2026-01-01"]
    assert main(args) == 0
    english = capsys.readouterr().out
    assert main(["--lang", "cy", *args]) == 0
    welsh = capsys.readouterr().out
    summary = english.splitlines()[0]
    assert welsh.splitlines()[0] == summary  # the summary line stays English
    assert "\nSample of " in english and "\nSampl o " in welsh and "Sample of" not in welsh
    assert "Anghymwys: 3 (1 rhywedd ar goll; 1 wedi'i farcio'n sensitif; 1 heb ddechrau eto)." in welsh


def test_a_value_not_recorded_reads_in_welsh():
    import copy

    report = copy.deepcopy(reports()["offices_cap"])
    report["representation"]["fields"]["ethnicity"][0]["value"] = "(not recorded)"
    assert "  (not recorded)  " in render_text(report)
    assert "  (heb ei gofnodi)  " in render_text(report, "cy") and "not recorded" not in render_text(report, "cy")
