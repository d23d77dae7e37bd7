"""``hmip demo --central --moderations``: the lead moderates a sample of each reader's
reads (mostly agreeing), so consistency figures from demo inspections are not empty, at
the central store and, through signed results, in the national store."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import select

from hmip_desktop.cli import main
from hmip_desktop.core.central import schema
from hmip_desktop.core.central.answers import effective_rows, framework_for
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.national.store import NationalStore

from .helpers import demo_results

COUNT = 2


def _central(central: str, count: int) -> dict:
    """What the central store holds: moderations (with the reader of the moderated
    revision), read outcomes, the QA sample, read counts, and the key-question answers."""
    store = CentralStore.open(central)
    try:
        with store.engine.connect() as conn:
            m, rv, t = schema.moderations, schema.revisions, schema.read_outcomes
            rows = conn.execute(select(m.c.inspection_id, m.c.case_id, m.c.question_id, m.c.original_value,
                                       m.c.moderated_value, m.c.outcome, m.c.rationale, m.c.moderator,
                                       rv.c.reader_id).join(rv, rv.c.revision_id == m.c.revision_id)).all()
            outcomes = conn.execute(select(t.c.inspection_id, t.c.case_id, t.c.outcome)).all()
            reads = Counter(i for (i,) in conn.execute(select(schema.case_reads.c.inspection_id)))
            qa = conn.execute(select(schema.qa_selection.c.inspection_id, schema.qa_selection.c.case_id)).all()
        answered = {}
        for n in range(1, count + 1):
            iid = f"demo{n}"
            kqs = [kq.id for kq in framework_for(store, iid).key_questions()]
            answered[iid] = [(r["case_id"], r["question_id"]) for r in effective_rows(store, iid, kqs)
                             if r["value"] is not None]
    finally:
        store.engine.dispose()
    return {"rows": rows, "outcomes": outcomes, "reads": reads, "answered": answered,
            "sampled": {iid: {c for i, c in qa if i == iid} for iid in answered}}


def test_demo_moderations_give_consistency_figures(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    nat = tmp_path / "n.sqlite"
    NationalStore.init(nat).close()
    central = str(tmp_path / "c.sqlite")
    files, lead = demo_results(tmp_path, central, COUNT, nat, demo_args=("--moderations",))
    assert "the lead moderated a sample of them" in capsys.readouterr().out

    c = _central(central, COUNT)
    rows = c["rows"]
    for iid in (f"demo{n}" for n in range(1, COUNT + 1)):
        mine = [r for r in rows if r.inspection_id == iid]
        cases = {r.case_id for r in mine}
        # the QA sample (a fifth of the inspector's reads); each sampled read that has answers
        # is moderated on every key question it answered
        assert len(c["sampled"][iid]) == -(-c["reads"][iid] // 5), (iid, c["reads"][iid])
        assert cases == {case for case, _ in c["answered"][iid] if case in c["sampled"][iid]} and len(cases) >= 5
        assert sorted((r.case_id, r.question_id) for r in mine) == sorted(
            x for x in c["answered"][iid] if x[0] in cases)
        assert {r.moderator for r in mine} == {"lead1"} and {r.reader_id for r in mine} == {"insp1"}
        changed = [r for r in mine if r.outcome == "changed"]
        assert 0 < len(changed) < 0.25 * len(mine), (len(changed), len(mine))  # mostly agreeing
        assert all(r.rationale and json.loads(r.original_value) != json.loads(r.moderated_value) for r in changed)
        assert all(json.loads(r.original_value) == json.loads(r.moderated_value) for r in mine if r.outcome == "agreed")
        # each moderated read has its QA outcome: changed where any judgement was
        qa = {case: o for i, case, o in c["outcomes"] if i == iid}
        assert qa == {case: "changed" if any(r.case_id == case for r in changed) else "agreed" for case in cases}

    assert main(["central", "consistency", central, "--inspection", "demo1"]) == 0
    assert "insp1" in capsys.readouterr().out

    assert main(["national", "trust", str(nat), "--public-key", str(lead / "public.key"), "--name", "Lead"]) == 0
    assert main(["national", "import", str(nat), *map(str, files)]) == 0
    capsys.readouterr()
    assert main(["national", "consistency", str(nat), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # one demo inspector's key per inspection: one pseudonymous reader each
    assert len(out["readers"]) == COUNT
    assert sorted(r["moderated"] for r in out["readers"]) == sorted(
        Counter(r.inspection_id for r in rows).values())
    for r in out["readers"]:
        assert r["role"] == "inspector" and r["inspections"] == 1 and not r["too_few"]
        assert 0.75 < r["unchanged_share"] < 1 and r["kappa"] is not None
    assert sum(r["unchanged"] for r in out["readers"]) == sum(x.outcome == "agreed" for x in rows)
    assert out["roles"]["inspector"]["moderated"] == len(rows)
    # and the national report's consistency section has its table
    assert main(["national", "report", str(nat), "--out", str(tmp_path / "n.html")]) == 0
    assert "Moderation agreement of each reader" in (tmp_path / "n.html").read_text(encoding="utf-8")
