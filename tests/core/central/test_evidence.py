"""Judgements on evidence at the central store: the team's judgement per key question
with its evidence summary, the lead's band with a rationale, the CLI (one-line errors),
the event log, the refusal after sign-off, and the ratings JSON carrying them."""

import json

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central import events, evidence, moderation
from hmip_desktop.core.central.answers import framework_for, rate_inspection
from hmip_desktop.core.central.store import CentralError, CentralStore
from hmip_desktop.core.exchange.keys import load_key, new_key


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "f.sqlite", "--central", "c.sqlite", "--keys", "k"]) == 0
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
    assert main(["central", "import", "c.sqlite", "b.bundle"]) == 0
    store = CentralStore.open("c.sqlite")
    yield tmp_path, store, framework_for(store, "demo")
    store.engine.dispose()


def test_record_judgements_and_band_and_see_them_in_the_ratings(world, capsys):
    tmp, store, fw = world
    capsys.readouterr()
    assert main(["central", "evidence", "c.sqlite", "--inspection", "demo", "--standard", "leadership",
                 "--question", "leadership_vision", "--judgement", "good",
                 "--summary", "Business plan and board minutes; interviews with the head of service", "--by", "insp1"]) == 0
    assert main(["central", "evidence", "c.sqlite", "--inspection", "demo", "--standard", "leadership",
                 "--band", "requires_improvement", "--rationale", "Vision clear; delivery oversight weak", "--by", "lead1"]) == 0
    capsys.readouterr()
    assert main(["central", "ratings", "c.sqlite", "--inspection", "demo", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    leadership = next(s for s in out["standards"] if s["id"] == "leadership")
    assert leadership["rating"] == "requires_improvement" and leadership["score"] == 1
    assert leadership["method"] == "lead_judgement" and leadership["number"] == "1.1" and leadership["kind"] == "evidence"
    assert leadership["decision"]["rationale"] == "Vision clear; delivery oversight weak"
    vision = leadership["key_questions"][0]
    assert vision["judgement"] == "good" and vision["by"] == "insp1" and "board minutes" in vision["summary"]
    assert "leadership" not in out["overall"]["left_out"] and "staff" in out["overall"]["left_out"]
    with store.engine.connect() as conn:
        actions = [e["action"] for e in events.for_inspection(conn, "demo")]
    assert actions[-2:] == ["evidence:judgement", "evidence:band"]
    # the standard's history, oldest first
    assert main(["central", "evidence", "c.sqlite", "--inspection", "demo", "--standard", "leadership"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "band = requires_improvement" in lines[1]


@pytest.mark.parametrize("args,message", [
    (["--standard", "assessment", "--band", "good", "--rationale", "x"], "case-based"),
    (["--standard", "nope", "--band", "good", "--rationale", "x"], "no standard 'nope'"),
    (["--standard", "staff", "--question", "leadership_vision", "--judgement", "good", "--summary", "x"],
     "no key question"),
    (["--standard", "staff", "--question", "staff_skills", "--judgement", "maybe", "--summary", "x"], "not one of"),
    (["--standard", "staff", "--question", "staff_skills", "--judgement", "good", "--summary", " "], "summary"),
    (["--standard", "staff", "--band", "good", "--rationale", ""], "rationale"),
    (["--standard", "staff", "--band", "good"], "--rationale"),
    (["--standard", "staff", "--band", "splendid", "--rationale", "x"], "not one of"),
])
def test_bad_input_is_one_line_error(world, capsys, args, message):
    capsys.readouterr()
    assert main(["central", "evidence", "c.sqlite", "--inspection", "demo", *args, "--by", "lead1"]) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_not_rated_band_idempotent_records_and_refused_after_sign_off(world):
    tmp, store, fw = world
    rid = evidence.record(store, fw, "demo", "staff", None, "not_rated", "no staff survey returned", "lead1",
                          record_id="laptop-1", at="2025-03-01T10:00:00Z", origin="device-a")
    # the same record arriving again (a bundle imported twice) is stored once
    assert evidence.record(store, fw, "demo", "staff", None, "not_rated", "no staff survey returned", "lead1",
                           record_id=rid, at="2025-03-01T10:00:00Z", origin="device-a") == rid
    assert len(evidence.history(store, "demo", "staff")) == 1
    staff = next(s for s in rate_inspection(store, "demo").standards if s.id == "staff")
    assert staff.rating == "not_rated" and staff.score is None
    new_key(tmp / "lead", "Lead")
    store.enrol("Lead", "lead", (tmp / "lead" / "public.key").read_text())
    moderation.sign_off(store, "demo", load_key(tmp / "lead"), rate_inspection(store, "demo").as_json())
    with pytest.raises(CentralError, match="signed off"):
        evidence.record(store, fw, "demo", "staff", None, "good", "late", "lead1")


def test_override_not_rated_and_none_keeps_its_meaning(world, capsys):
    _, store, _ = world
    assert main(["central", "override", "c.sqlite", "--inspection", "demo", "--standard", "reviewing",
                 "--band", "not_rated", "--reason", "too few cases reviewed", "--by", "lead1"]) == 0
    reviewing = next(s for s in rate_inspection(store, "demo").standards if s.id == "reviewing")
    assert reviewing.effective_rating == "not_rated" and reviewing.score is None
    assert main(["central", "override", "c.sqlite", "--inspection", "demo", "--standard", "reviewing",
                 "--band", "none", "--reason", "withdrawn", "--by", "lead1"]) == 0
    reviewing = next(s for s in rate_inspection(store, "demo").standards if s.id == "reviewing")
    assert reviewing.override is None
