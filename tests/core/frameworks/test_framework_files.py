"""Framework files: the shipped ones validate, and every kind of broken file is reported
with its file, its line and a specific reason (never only the first error)."""

from pathlib import Path

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.frameworks import FrameworkInvalid, check_dir, load_file, load_text
from hmip_desktop.core.frameworks.loader import validate_text
from hmip_desktop.core.paths import forms_dir

MINI = Path(__file__).parents[2] / "data" / "mini.yaml"


def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


def errors_for(text: str) -> list[tuple[int, str]]:
    fw, errors = validate_text(text, "broken.yaml")
    assert fw is None, "a broken framework must not load"
    assert errors
    return [(e.line, e.reason) for e in errors]


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def test_mini_framework_is_valid():
    fw = load_text(mini_text(), "mini.yaml")
    assert [s.id for s in fw.standards()] == ["assessment", "licence_work"]
    assert fw.question("assess_safety_checks").required


def test_shipped_forms_all_validate():
    files, errors = check_dir(forms_dir())
    assert [str(e) for e in errors] == []
    assert {f.name for f in files} >= {"adult_probation.yaml", "youth_justice.yaml", "esi_2003.yaml"}


def test_cli_forms_check_passes_on_shipped_forms(capsys):
    assert main(["forms", "check", str(forms_dir())]) == 0
    assert "OK" in capsys.readouterr().out


def test_adult_probation_shape():
    fw = load_file(forms_dir() / "adult_probation.yaml")
    standards = list(fw.standards())
    assert [s.id for s in standards] == ["assessment", "planning", "implementation_delivery", "reviewing"]
    assert [s.number for s in standards] == ["2.1", "2.2", "2.3", "2.4"]
    assert all(len(s.key_questions) == 3 for s in standards)
    assert all(kq.prompts for kq in fw.key_questions())
    bands = {b.id: (b.min, b.max, b.score) for b in fw.rating.bands}
    assert bands == {
        "outstanding": (80, 100, 3),
        "good": (65, 80, 2),
        "requires_improvement": (50, 65, 1),
        "inadequate": (0, 50, 0),
    }
    assert fw.rating.standard.method == "lowest_band"
    assert fw.rating.overall.method == "sum_of_scores"
    assert sum("risk_of_harm" in kq.threads for kq in fw.key_questions()) == 4
    domain_one = list(fw.standards(case_based=False))
    assert [(s.number, s.title.en) for s in domain_one] == [
        ("1.1", "Leadership"), ("1.2", "Staff"), ("1.3", "Services"), ("1.4", "Information and facilities")]
    assert all(s.kind == "evidence" and s.evidence.method == "lead_judgement" and s.in_overall for s in domain_one)
    assert set(domain_one[0].evidence.sources) == {"documents", "meetings", "interviews", "staff_survey"}


def test_youth_justice_has_twelve_scored_standards_numbered_and_resettlement_on_its_own():
    fw = load_file(forms_dir() / "youth_justice.yaml")
    case = list(fw.standards())
    assert len(case) == 7
    assert all(s.relevant for s in case), "court and out-of-court standards apply by disposal type"
    assert sum("safety_wellbeing" in kq.threads for kq in fw.key_questions()) == 7
    every = list(fw.standards(case_based=None))
    scored = [s for s in every if s.in_overall]
    assert [s.number for s in scored] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4",
                                          "3.1", "3.2", "3.3", "3.4"]
    assert [s.kind for s in scored] == ["evidence"] * 4 + ["case"] * 7 + ["evidence"]
    assert fw.standard("oocd_policy_provision").title.en == "Out-of-court disposal policy and provision"
    resettlement = fw.standard("resettlement_policy_provision")
    assert resettlement.kind == "evidence" and not resettlement.in_overall
    # two "Assessment" standards, told apart by their numbers
    assert fw.standard("court_assessment").label() == "2.1 Assessment"
    assert fw.standard("oocd_assessment").label() == "3.1 Assessment"
    assert fw.rating.small_numbers and fw.rating.borderline and fw.rating.overall.source


def test_esi_shape_as_the_annual_report_describes_it():
    fw = load_file(forms_dir() / "esi_2003.yaml")
    assert len(list(fw.key_questions())) == 13  # 11 of para 2.15, D4 (para 2.4), victim awareness
    assert fw.rating.bands == [] and fw.rating.standard.method == "pooled_percent"
    assert fw.rating.overall.method == "pooled_percent" and "2.14" in fw.rating.overall.source
    sufficient = {o.id for o in fw.scale("esi_grade").options if o.sufficient}
    assert sufficient == {"excellent", "sufficient"}
    section_a = list(fw.key_questions(case_based=False))
    assert [kq.text.en for kq in section_a] == [
        "Leadership and planning", "Resource allocation", "Management and supervision of staff",
        "Partnership/contracting out", "Effective communication with sentencers"]  # para 2.13
    a = fw.standard("section_a")
    assert a.kind == "evidence" and a.evidence.method == "criteria" and a.evidence.scale == "descriptor"
    assert [o.id for o in fw.scale("descriptor").options] == [
        "very_well_met", "well_met", "satisfactorily_met", "partly_met", "not_met"]
    assert [s.number for s in fw.standards()] == ["B", "C", "D"]
    texts = {kq.id: kq.text.en for kq in fw.key_questions()}
    # the questions as worded in para 2.15
    assert "arranged" in texts["c1_appointment_frequency"]
    assert "within the national standards timescale" in texts["c2_enforcement_action"]
    assert "community reintegration" in texts["b2_interventions_identified"]
    assert "likelihood of reoffending" in texts["c3_interventions_sequenced"]
    assert "victim" in texts["d2_attitudes_victim_awareness"]
    assert "risk of harm and likelihood of reoffending" in texts["d4_risk_reoffending_reduced"]  # para 2.4
    # victim awareness a question of its own, with its own figure, in section D (issue 14 item 3)
    d = fw.standard("section_d")
    assert [kq.id for kq in d.key_questions][-1] == "d5_victim_awareness"
    assert "effect of the offence on the victim" in texts["d5_victim_awareness"]
    assert d.key_questions[-1].answer.scale == "esi_grade"
    assert fw.sample.target_size == 100
    windows = [(r.when, r.months) for r in fw.sample.eligibility.exclude if r.field == "start_date"]
    assert ("after", 9) in windows and ("before", 12) in windows  # para 2.5: about nine/ten months


# -- every kind of broken file, with its line ---------------------------------------


def test_yaml_syntax_error_has_its_line():
    text = replace_line(mini_text(), 8, "    label: {en: Gender, cy: Rhywedd")
    [(line, reason)] = errors_for(text)
    assert line in (8, 9) and reason.startswith("YAML syntax")


def test_unknown_key_is_reported_on_its_own_line():
    text = replace_line(mini_text(), 64, "            evidnce: optional")
    assert (64, "unknown key 'evidnce' in domains.0.standards.1.key_questions.1") in errors_for(text)


def test_duplicate_question_id():
    text = replace_line(mini_text(), 66, "          - id: licence_needs")
    assert (66, "duplicate question id 'licence_needs'") in errors_for(text)


def test_duplicate_yaml_key():
    text = replace_line(mini_text(), 65, "            required: false\n            evidence: none")
    assert (66, "duplicate key 'evidence' (first given on line 64)") in errors_for(text)


def test_relevance_that_does_not_parse_gives_the_column():
    text = replace_line(mini_text(), 53, "                relevant: \"answer.assess_safety == \"")
    [(line, reason)] = errors_for(text)
    assert line == 53
    assert reason.startswith("relevance expression does not parse:") and "column" in reason


def test_relevance_naming_an_unknown_field():
    text = replace_line(mini_text(), 57, "        relevant: \"profile.disposal == 'licence'\"")
    assert (57, "relevance expression names unknown field 'profile.disposal'") in errors_for(text)


def test_missing_welsh_text():
    text = replace_line(mini_text(), 60, '            text: {en: "Were licence conditions enforced?"}')
    assert (60, "missing Welsh text (cy) for 'Were licence conditions enforced?'") in errors_for(text)


def test_overlapping_bands():
    text = replace_line(mini_text(), 74, "    - {id: good, label: {en: Good, cy: Da}, min: 60, max: 80, score: 2}")
    assert (74, "band 'good' (60-80%) overlaps band 'requires_improvement' (50-65%)") in errors_for(text)


def test_bands_with_a_gap():
    text = replace_line(mini_text(), 74, "    - {id: good, label: {en: Good, cy: Da}, min: 70, max: 80, score: 2}")
    assert (74, "bands leave a gap between 'requires_improvement' and 'good': 65 to 70%") in errors_for(text)


def test_bands_not_reaching_100():
    text = replace_line(mini_text(), 73, "    - {id: outstanding, label: {en: Outstanding, cy: Rhagorol}, min: 80, max: 95, score: 3}")
    assert (73, "bands leave a gap: 95 to 100% is in no band") in errors_for(text)


def test_overall_score_bands_with_a_gap():
    text = replace_line(mini_text(), 82, "      - {id: good, label: {en: Good, cy: Da}, min_score: 5, max_score: 5}")
    assert (82, "score bands leave a gap: 4 to 4 is in no band") in errors_for(text)


def test_unknown_scale_and_thread():
    text = replace_line(mini_text(), 63, "            answer: {type: multiple_choice, scale: nedes}")
    text = replace_line(text, 49, "            threads: [risk_of_ham]")
    errors = errors_for(text)
    assert (63, "unknown scale 'nedes'") in errors
    assert (49, "unknown thread 'risk_of_ham'") in errors


def test_every_error_is_reported_not_only_the_first():
    text = replace_line(mini_text(), 60, '            text: {en: "Were licence conditions enforced?"}')
    text = replace_line(text, 66, "          - id: licence_needs")
    text = replace_line(text, 74, "    - {id: good, label: {en: Good, cy: Da}, min: 60, max: 80, score: 2}")
    lines = {line for line, _ in errors_for(text)}
    assert {60, 66, 74} <= lines


def test_wrong_type_is_reported_with_its_line():
    text = replace_line(mini_text(), 68, "            answer: {type: number, min: lots, max: 100}")
    [(line, reason)] = errors_for(text)
    assert line == 68 and "min" in reason


def test_load_text_raises_with_all_errors():
    text = replace_line(mini_text(), 66, "          - id: licence_needs")
    with pytest.raises(FrameworkInvalid) as info:
        load_text(text, "broken.yaml")
    assert str(info.value) == "broken.yaml:66: duplicate question id 'licence_needs'"


def test_cli_forms_check_reports_file_and_line_and_exits_1(tmp_path, capsys):
    (tmp_path / "good.yaml").write_text(mini_text(), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(replace_line(mini_text(), 2, "id: mini_bad").replace("cy: Gwaith}", "}"), encoding="utf-8")
    assert main(["forms", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{bad}:26: missing Welsh text (cy) for 'Work'" in out


def test_two_files_with_the_same_id_and_version(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(mini_text(), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(mini_text(), encoding="utf-8")
    assert main(["forms", "check", str(tmp_path)]) == 1
    assert "framework mini version 1 is also defined in" in capsys.readouterr().out


def test_aliases_and_non_mapping_files_are_refused():
    assert errors_for("- just\n- a list\n") == [(1, "a framework file must be a mapping of keys")]
    text = mini_text().replace("label: {en: Gender, cy: Rhywedd}\n    options", "label: &g {en: Gender, cy: Rhywedd}\n    options", 1)
    text = text.replace("label: {en: Disposal, cy: Gwarediad}\n    options", "label: *g\n    options", 1)
    assert any("aliases" in reason for _, reason in errors_for(text))


def test_not_utf8_file(tmp_path, capsys):
    (tmp_path / "latin1.yaml").write_bytes("title: caf\xe9".encode("latin-1"))
    assert main(["forms", "check", str(tmp_path)]) == 1
    assert "not UTF-8 text" in capsys.readouterr().out


def test_group_quotas_are_checked():
    """A group quota names its values from the field's scale, is not named like a
    value, does not count a value another quota counts, and is on a stratification field."""
    text = (forms_dir() / "esi_2003.yaml").read_text(encoding="utf-8")
    good = "      high_or_very_high: {values: [high, very_high], count: 20}"
    assert good in text
    reasons = [r for _, r in errors_for(text.replace(good, good.replace("very_high]", "very_hihg]")))]
    assert "quota on unknown value 'very_hihg'" in reasons
    reasons = [r for _, r in errors_for(text.replace(good, good.replace("high_or_very_high:", "high:")))]
    assert "group quota 'high' is named like a value: name the group" in reasons
    reasons = [r for _, r in errors_for(text.replace(good, good + "\n      very_high: 5"))]
    assert "quotas 'high_or_very_high' and 'very_high' both count 'very_high'" in reasons
    reasons = [r for _, r in errors_for(text.replace(good, good.replace("[high, very_high]", "[high]")))]
    assert any("at least 2" in r for r in reasons)
    moved = text.replace("    risk_level:\n" + good, "    ethnicity:\n      white: 20")
    assert "quota on 'ethnicity', which is not a stratification field (stratify: true)" in [r for _, r in errors_for(moved)]
