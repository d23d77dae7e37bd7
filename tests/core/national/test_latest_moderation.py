"""The national store counts a moderated judgement once, as the central store does: only
the latest moderation of each judgement (case, revision, question). A demo inspection
whose lead changes their mind on some judgements gives, nationally, exactly the figures
``hmip central consistency`` gives for it, and both equal figures recomputed here from
the central store's moderation records with statsmodels."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sqlalchemy import select
from statsmodels.stats.inter_rater import cohens_kappa

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation, schema
from hmip_desktop.core.central.answers import framework_for
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.national.store import NationalStore

from .helpers import demo_results

#: judgements the lead moderates again (changing their mind), and of them moderated a third time
AGAIN, THIRD = 8, 3


def _change_minds(central: str, iid: str) -> None:
    """The lead moderates AGAIN judgements again with another option (THIRD of them a third
    time, back to the reader's value)."""
    store = CentralStore.open(central)
    try:
        fw = framework_for(store, iid)
        m = schema.moderations
        with store.engine.connect() as conn:
            rows = conn.execute(select(m.c.case_id, m.c.question_id, m.c.original_value, m.c.moderated_value)
                                .where(m.c.inspection_id == iid).order_by(m.c.id)).all()
        assert len(rows) >= AGAIN
        for n, r in enumerate(rows[:AGAIN]):
            options = [o.id for o in fw.options(fw.question(r.question_id).answer)]
            now = json.loads(r.moderated_value)
            other = next(o for o in options if o != now)
            moderation.moderate(store, iid, r.case_id, r.question_id, other, "changed my mind", "lead1", fw)
            if n < THIRD:
                back = json.loads(r.original_value)
                moderation.moderate(store, iid, r.case_id, r.question_id, back, "changed my mind again", "lead1", fw)
    finally:
        store.engine.dispose()


def _recomputed(central: str, iid: str) -> dict[str, dict]:
    """Per reader (member id), from the raw moderation records: the latest record of each
    (case, revision, question) only; kappa and its interval with statsmodels."""
    store = CentralStore.open(central)
    try:
        m, rv = schema.moderations, schema.revisions
        with store.engine.connect() as conn:
            rows = conn.execute(select(m.c.id, m.c.case_id, m.c.revision_id, m.c.question_id, m.c.original_value,
                                       m.c.moderated_value, rv.c.reader_id)
                                .join(rv, rv.c.revision_id == m.c.revision_id)
                                .where(m.c.inspection_id == iid)).all()
    finally:
        store.engine.dispose()
    latest = {}
    for r in sorted(rows, key=lambda r: r.id):
        latest[(r.case_id, r.revision_id, r.question_id)] = r
    assert len(rows) == len(latest) + AGAIN + THIRD, "the re-moderations are there, and repeat judgements"
    out = {}
    for reader in {r.reader_id for r in latest.values()}:
        pairs = [(str(json.loads(r.original_value)), str(json.loads(r.moderated_value)))
                 for r in latest.values() if r.reader_id == reader]
        labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
        table = np.zeros((len(labels), len(labels)))
        for a, b in pairs:
            table[labels.index(a), labels.index(b)] += 1
        k = cohens_kappa(table)
        out[reader] = {"moderated": len(pairs), "unchanged": sum(a == b for a, b in pairs), "kappa": k.kappa,
                       "ci": [max(-1.0, k.kappa_low), min(1.0, k.kappa_upp)], "all_records": sum(
                           1 for r in rows if r.reader_id == reader)}
    return out


def test_a_remoderated_judgement_counts_once_nationally_as_centrally(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    nat = tmp_path / "n.sqlite"
    NationalStore.init(nat).close()
    central = str(tmp_path / "c.sqlite")
    files, lead = demo_results(tmp_path, central, 1, nat, demo_args=("--moderations",),
                               before_sign_off=_change_minds)
    want = _recomputed(central, "demo1")
    assert len(want) == 1
    (reader, exp), = want.items()
    assert exp["all_records"] == exp["moderated"] + AGAIN + THIRD

    capsys.readouterr()
    assert main(["central", "consistency", central, "--inspection", "demo1", "--json"]) == 0
    centrally = json.loads(capsys.readouterr().out)
    assert [r["reader"] for r in centrally] == [reader]

    assert main(["national", "trust", str(nat), "--public-key", str(lead / "public.key"), "--name", "Lead"]) == 0
    assert main(["national", "import", str(nat), *map(str, files)]) == 0
    capsys.readouterr()
    assert main(["national", "consistency", str(nat), "--json"]) == 0
    nationally = json.loads(capsys.readouterr().out)
    assert len(nationally["readers"]) == 1
    n, c = nationally["readers"][0], centrally[0]
    # the same figures in both stores, and as recomputed from the records
    assert (n["moderated"], n["unchanged"], n["flagged"], n["too_few"]) == (
        c["moderated"], c["unchanged"], c["flagged"], c["too_few"]) == (
        exp["moderated"], exp["unchanged"], c["flagged"], c["too_few"])
    assert n["unchanged_share"] == pytest.approx(c["unchanged_share"], abs=5e-5)
    assert n["unchanged_share"] == pytest.approx(exp["unchanged"] / exp["moderated"], abs=5e-5)
    assert n["kappa"] == pytest.approx(c["kappa"], abs=5e-5) and n["kappa"] == pytest.approx(exp["kappa"], abs=5e-5)
    assert n["kappa_ci"] == pytest.approx([c["ci_low"], c["ci_high"]], abs=5e-5)
    assert n["kappa_ci"] == pytest.approx(exp["ci"], abs=5e-5)
    assert nationally["roles"] == {"inspector": {"moderated": exp["moderated"], "unchanged": exp["unchanged"],
                                                 "unchanged_share": round(exp["unchanged"] / exp["moderated"], 4)}}
    assert n["by_role"] == {"inspector": {"moderated": exp["moderated"], "unchanged": exp["unchanged"],
                                          "inspections": 1}}

    # every record is kept on record; the revision is stored only as a keyed pseudonym
    store = NationalStore.open(str(nat))
    try:
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT revision, latest FROM moderations").all()
    finally:
        store.close()
    assert len(rows) == exp["all_records"] and sum(bool(latest) for _, latest in rows) == exp["moderated"]
    cs = CentralStore.open(central)
    try:
        with cs.engine.connect() as conn:
            revisions = set(conn.execute(select(schema.moderations.c.revision_id)).scalars())
    finally:
        cs.engine.dispose()
    assert all(len(r) == 64 for r, _ in rows) and not revisions & {r for r, _ in rows}
