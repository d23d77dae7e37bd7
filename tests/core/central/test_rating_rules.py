"""The rating rules the framework files state (issue 14): standards judged on evidence,
too few cases ("not rated"), overall bands as fractions of the maximum (the published
youth bands), the borderline rule, and the ESI's pooled section and overall scores."""

import random

import pytest

from hmip_desktop.core.central.ratings import NOT_RATED, EvidenceRecord, is_borderline, overall_band, rate, wilson
from hmip_desktop.core.frameworks import load_file
from hmip_desktop.core.paths import forms_dir

from .test_ratings import answers_for


def fw(name):
    return load_file(forms_dir() / name)


def cases(per_question: dict[str, list]) -> dict[str, dict]:
    return answers_for(None, per_question)


def record(value, text="evidence"):
    return EvidenceRecord(value, text, "lead1", "2025-01-01T00:00:00Z")


# -- the published youth bands ---------------------------------------------------------


@pytest.mark.parametrize("score,band", [(18, "requires_improvement"), (19, "good"), (29, "good"),
                                        (31, "outstanding"), (5, "inadequate"), (8, "requires_improvement")])
def test_youth_overall_bands_fit_published_inspections(score, band):
    assert overall_band(fw("youth_justice.yaml"), score, 36) == band


def test_youth_bands_are_exactly_0_6_7_18_19_30_31_36_out_of_36():
    f = fw("youth_justice.yaml")
    expected = ["inadequate"] * 7 + ["requires_improvement"] * 12 + ["good"] * 12 + ["outstanding"] * 6
    assert [overall_band(f, s, 36) for s in range(37)] == expected


def test_twelve_standards_counted_and_resettlement_rated_on_its_own():
    f = fw("youth_justice.yaml")
    per = {kq.id: ["yes"] * 9 + ["no"] for kq in f.key_questions()}  # 90%: court and out-of-court Outstanding
    evidence = {s.id: {"": record("good")} for s in f.standards(case_based=False)}
    evidence["oocd_policy_provision"] = {"": record("requires_improvement")}
    evidence["resettlement_policy_provision"] = {"": record("inadequate")}
    r = rate(f, "t", cases(per), evidence=evidence)
    # 7 case standards × 3, domain one 4 × 2, 3.4 × 1; resettlement (0) is not counted
    assert r.overall_maximum == 36 and r.overall_score == 21 + 8 + 1
    assert r.overall_rating == "good"  # 30 of 36
    resettlement = next(s for s in r.standards if s.id == "resettlement_policy_provision")
    assert resettlement.rating == "inadequate" and resettlement.score == 0 and not resettlement.in_overall


# -- too few cases -----------------------------------------------------------------------


def test_no_out_of_court_cases_and_court_at_90_percent_is_outstanding():
    f = fw("youth_justice.yaml")
    court = [kq.id for s in f.standards() if s.id.startswith("court_") for kq in s.key_questions]
    r = rate(f, "t", cases({q: ["yes"] * 9 + ["no"] for q in court}))
    oocd = [s for s in r.standards if s.kind == "case" and s.id.startswith("oocd_")]
    assert [s.rating for s in oocd] == [NOT_RATED] * 3
    assert r.overall_score == 12 and r.overall_maximum == 12 and r.overall_rating == "outstanding"
    assert set(r.left_out) >= {s.id for s in oocd}


def test_adult_three_outstanding_and_reviewing_not_applicable_is_outstanding():
    f = fw("adult_probation.yaml")
    per = {kq.id: (["na"] * 10 if kq.id.startswith("review") else ["yes"] * 9 + ["no"]) for kq in f.key_questions()}
    r = rate(f, "t", cases(per))
    assert next(s for s in r.standards if s.id == "reviewing").rating == NOT_RATED
    assert (r.overall_score, r.overall_maximum, r.overall_rating) == (9, 9, "outstanding")


def test_a_key_question_with_one_applicable_case_is_not_banded():
    f = fw("adult_probation.yaml")
    kqs = [kq.id for kq in next(f.standards()).key_questions]
    r = rate(f, "t", cases({kqs[0]: ["yes"] * 8, kqs[1]: ["no"] + [None] * 7, kqs[2]: ["yes"] * 8}))
    figures = {x.id: x for x in next(s for s in r.standards if s.id == "assessment").key_questions}
    assert figures[kqs[1]].applicable == 1 and figures[kqs[1]].band is None and figures[kqs[1]].too_few
    assert figures[kqs[1]].as_json()["too_few"] is True
    assert next(s for s in r.standards if s.id == "assessment").rating == "outstanding"


def test_not_rated_override_is_recorded_as_such_and_leaves_the_standard_out():
    f = fw("adult_probation.yaml")
    per = {kq.id: ["yes"] * 9 + ["no"] for kq in f.key_questions()}
    r = rate(f, "t", cases(per), overrides={"planning": (NOT_RATED, "plans not available for the sample")})
    planning = next(s for s in r.standards if s.id == "planning")
    assert planning.effective_rating == NOT_RATED and planning.score is None
    assert (r.overall_score, r.overall_maximum, r.overall_rating) == (9, 9, "outstanding")
    assert next(s for s in r.as_json()["standards"] if s["id"] == "planning")["rating"] == "not_rated"


# -- the borderline rule -----------------------------------------------------------------


def test_borderline_marks_a_minority_at_realistic_sizes_and_a_figure_at_a_threshold():
    f = fw("adult_probation.yaml")
    rng = random.Random(14)
    flagged = crossing = trials = 0
    for _ in range(3000):
        n, p = rng.randint(20, 40), rng.uniform(0.4, 0.95)
        s = sum(rng.random() < p for _ in range(n))
        low, high = wilson(s, n)
        trials += 1
        flagged += is_borderline(f, 100 * s / n, low, high)
        crossing += any(low < b.min <= high for b in f.rating.bands if b.min > 0)
    assert flagged / trials < 0.25, "only figures that really are close"
    assert crossing / trials > 0.8, "the interval alone crosses a threshold nearly always at these sizes"
    assert is_borderline(f, 80.0, *wilson(24, 30))  # exactly at the Outstanding threshold
    assert is_borderline(f, 65.0, *wilson(13, 20))
    assert not is_borderline(f, 72.5, *wilson(29, 40))  # mid-band
    assert not is_borderline(f, 79.5, 78.9, 79.9), "the interval does not cross the threshold"


# -- standards judged on evidence ----------------------------------------------------------


def test_evidence_standard_takes_the_leads_band_and_carries_the_team_judgements():
    f = fw("adult_probation.yaml")
    evidence = {"leadership": {"leadership_vision": record("good", "strategy seen in board papers"),
                               "": record("good", "vision clear, delivery uneven")}}
    r = rate(f, "t", {}, evidence=evidence)
    leadership = next(s for s in r.standards if s.id == "leadership")
    assert (leadership.number, leadership.kind, leadership.method) == ("1.1", "evidence", "lead_judgement")
    assert leadership.rating == "good" and leadership.score == 2 and leadership.label == "1.1 Leadership"
    out = next(s for s in r.as_json()["standards"] if s["id"] == "leadership")
    vision = out["key_questions"][0]
    assert vision["judgement"] == "good" and vision["summary"] == "strategy seen in board papers"
    assert vision["sufficient"] is None and vision["percent"] is None
    assert out["decision"]["rationale"] == "vision clear, delivery uneven"
    assert r.overall_score == 2 and r.overall_maximum == 3
    staff = next(s for s in out_standards(r) if s["id"] == "staff")
    assert staff["rating"] is None and "staff" in r.as_json()["overall"]["left_out"]


def out_standards(r):
    return r.as_json()["standards"]


def test_esi_section_a_criteria_and_pooled_section_and_overall_scores():
    f = fw("esi_2003.yaml")
    per = {"b1_risk_of_harm_assessment": ["sufficient"] * 5 + ["insufficient"] * 5,  # 5/10
           "b2_interventions_identified": ["excellent"] * 10,  # 10/10 → B pooled 15/20 = 75
           "c1_appointment_frequency": ["sufficient"] * 30 + ["insufficient"] * 10}  # 30/40
    per["c2_enforcement_action"] = ["sufficient"] * 40  # C pooled (30 + 40) / 80 = 87.5
    r = rate(f, "t", cases(per), evidence={"section_a": {"a2_resource_allocation": record("well_met")}})
    by_id = {s.id: s for s in r.standards}
    assert by_id["section_b"].percent == 75.0 and by_id["section_c"].percent == 87.5
    assert by_id["section_d"].percent is None
    # B-D overall pools every applicable answer: 85 of 100, not the mean of B and C (81.25)
    assert r.overall_percent == 85.0
    a = by_id["section_a"]
    assert a.method == "criteria" and a.rating is None and a.score is None
    assert [k.band for k in a.key_questions] == [None, "well_met", None, None, None]
