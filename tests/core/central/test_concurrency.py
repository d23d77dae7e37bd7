"""Several lead inspectors at once, on the REAL PostgreSQL server (``pg_url``; skipped
locally without one, a failure under CI) and, for the first case, on a SQLite file too.

Each thread opens its own CentralStore on the same location and the threads meet at a
barrier, so their transactions really overlap:

(a) two leads moderating different reads of one inspection both succeed, and the central
    event log's hash chain still verifies (events.append serialises appenders);
(b) the same judgement changed by both from the same view (seen_revision and
    seen_moderation_id): exactly one succeeds, the other gets a clear CentralError and
    nothing of it is recorded;
(c) an import of a bundle while another lead moderates: both succeed and the store
    equals doing them one after the other.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from hmip_desktop.core.central import events, importer, moderation, schema
from hmip_desktop.core.central.answers import effective_rows, framework_for
from hmip_desktop.core.central.store import CentralError, CentralStore
from tests.core.central.test_backends import add_leads, dump, edit, export, kit, laptop, new_store  # noqa: F401 (kit: fixture)

pytestmark = pytest.mark.usefixtures("_passphrase")


@pytest.fixture
def _passphrase(monkeypatch):
    from tests.core.central.test_backends import PASSPHRASE
    from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV

    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)


def run_together(*jobs):
    """Run each job in its own thread, all released at once; [(result, exception)]."""
    barrier = threading.Barrier(len(jobs))
    out: list = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait(timeout=30)
            out[i] = (job(), None)
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            out[i] = (None, exc)

    threads = [threading.Thread(target=worker, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    return out


def opened(location, keys):
    """A job-side store: its own engine (own connections) on the same location."""
    return CentralStore.open(location, keys_dir=keys)


def seeded(location, tmp_path, kit, *also):
    """A central store at ``location`` holding the demo inspection (insp1's 16 reads, one bundle)."""
    store = new_store(location, tmp_path / "central-keys", kit)
    field = laptop(kit, tmp_path / "f.sqlite", store, *also)
    importer.import_file(store, export(field, kit.key("k"), tmp_path / "b1.bundle"))
    add_leads(store, "lead1", "lead2", "lead3", "lead4")
    return store, field


def yes_judgements(store, n):
    """n (case id, key question id) pairs answered "yes", each of a different read."""
    fw = framework_for(store, "demo")
    order = {kq.id: i for i, kq in enumerate(fw.key_questions())}
    pairs: dict[str, str] = {}  # case id -> its first key question answered "yes"
    for r in sorted((r for r in effective_rows(store, "demo") if r["question_id"] in order and r["value"] == "yes"),
                    key=lambda r: (order[r["question_id"]], r["case_id"])):
        pairs.setdefault(r["case_id"], r["question_id"])
    assert len(pairs) >= n
    return sorted(pairs.items())[:n], fw


def moderations(store):
    md = schema.moderations
    with store.engine.connect() as conn:
        return [(r.case_id, r.question_id, r.moderator, r.moderated_value) for r in
                conn.execute(select(md).order_by(md.c.id))]


def chain_ok(store) -> int:
    with store.engine.connect() as conn:
        report = events.verify(conn)
        assert report.ok, report
        return conn.execute(select(func.count()).select_from(schema.events)).scalar()


# -- (a) different reads at once ----------------------------------------------------------


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_two_leads_moderating_different_reads_both_succeed(backend, request, tmp_path, kit):
    location = request.getfixturevalue("pg_url") if backend == "postgresql" else str(tmp_path / "c.sqlite")
    store, _ = seeded(location, tmp_path, kit)
    pairs, fw = yes_judgements(store, 8)
    keys = tmp_path / "central-keys"
    mine, theirs = pairs[0::2], pairs[1::2]

    def lead(name, judgements):
        def job():
            s = opened(location, keys)
            try:
                return [moderation.moderate(s, "demo", c, q, "no", f"{name}: not evidenced", name, fw)
                        for c, q in judgements]
            finally:
                s.engine.dispose()
        return job

    (r1, e1), (r2, e2) = run_together(lead("lead1", mine), lead("lead2", theirs))
    assert e1 is None and e2 is None, (e1, e2)
    assert r1 == r2 == ["changed"] * 4
    recorded = moderations(store)
    assert sorted((c, q, m) for c, q, m, _ in recorded) == sorted(
        [(c, q, "lead1") for c, q in mine] + [(c, q, "lead2") for c, q in theirs])
    assert chain_ok(store) == 8
    effective = {(r["case_id"], r["question_id"]): r["value"] for r in effective_rows(store, "demo")}
    assert all(effective[p] == "no" for p in pairs)
    store.engine.dispose()


# -- (b) the same judgement at once ---------------------------------------------------------


def test_the_same_judgement_changed_by_both_is_caught_and_nothing_is_lost(pg_url, tmp_path, kit):
    store, _ = seeded(pg_url, tmp_path, kit)
    [(case, qid)], fw = yes_judgements(store, 1)
    seen = moderation.moderation_state(store, "demo", case, qid)
    assert seen[1] is None
    keys = tmp_path / "central-keys"

    def lead(name, value, rationale):
        def job():
            s = opened(pg_url, keys)
            try:
                return moderation.moderate(s, "demo", case, qid, value, rationale, name, fw,
                                           seen_revision=seen[0], seen_moderation_id=seen[1])
            finally:
                s.engine.dispose()
        return job

    results = run_together(lead("lead1", "no", "lead1: engagement not evidenced"), lead("lead2", "na", "lead2: n/a"))
    won = [i for i, (_, e) in enumerate(results) if e is None]
    lost = [i for i, (_, e) in enumerate(results) if e is not None]
    assert len(won) == 1 and len(lost) == 1, results
    error = results[lost[0]][1]
    assert isinstance(error, CentralError), error
    assert str(error).startswith(f"case {case} changed while you were moderating it:")
    assert "reload it; nothing was recorded" in str(error)
    winner, value = [("lead1", '"no"'), ("lead2", '"na"')][won[0]]
    assert moderations(store) == [(case, qid, winner, value)], "the winner's record, nothing of the loser's"
    assert chain_ok(store) == 1
    with store.engine.connect() as conn:
        read = conn.execute(select(schema.case_reads).where(schema.case_reads.c.case_id == case)).one()
    assert read.moderated_revision_id == seen[0] and read.needs_rereview is False
    # Reloaded, the loser can moderate again (against the winner's record).
    again = moderation.moderation_state(store, "demo", case, qid)
    assert again[0] == seen[0] and again[1] is not None
    moderation.moderate(store, "demo", case, qid, "yes", "after reloading", "lead3", fw,
                        seen_revision=again[0], seen_moderation_id=again[1])
    with pytest.raises(CentralError, match="changed while you were moderating it"):  # a stale view, sequentially
        moderation.moderate(store, "demo", case, qid, "no", "stale", "lead4", fw,
                            seen_revision=seen[0], seen_moderation_id=seen[1])
    assert [m for _, _, m, _ in moderations(store)] == [winner, "lead3"] and chain_ok(store) == 2
    store.engine.dispose()


def test_a_new_revision_since_the_moderator_looked_is_caught(pg_url, tmp_path, kit):
    store, field = seeded(pg_url, tmp_path, kit)
    fw = framework_for(store, "demo")
    case = edit(field, 0, "yes", "before QA")
    importer.import_file(store, export(field, kit.key("k"), tmp_path / "b2.bundle"))
    qid = next(iter(fw.key_questions())).id
    seen = moderation.moderation_state(store, "demo", case, qid)
    edit(field, 0, "no", "changed while the lead was looking")
    importer.import_file(store, export(field, kit.key("k"), tmp_path / "b3.bundle"))
    with pytest.raises(CentralError, match=f"case {case} changed while you were moderating it: a new revision"):
        moderation.moderate(store, "demo", case, qid, "no", "x", "lead1", fw, seen_revision=seen[0],
                            seen_moderation_id=seen[1])
    assert moderations(store) == [] and chain_ok(store) == 0
    store.engine.dispose()


# -- (c) an import while another lead moderates ---------------------------------------------


#: Columns that hold the moment something happened (differ between two runs).
MODERATION_TIMES = {"moderations": ("created_at",)}
COMPARED = ("bundles", "case_reads", "conflicts", "devices", "moderations", "revision_answers", "revisions")


def comparable(store):
    out = dump(store, times=False)
    with store.engine.connect() as conn:
        cols = [c.name for c in schema.moderations.columns]
    at = cols.index("created_at")
    out["moderations"] = sorted(tuple(None if i == at else v for i, v in enumerate(r)) for r in out["moderations"])
    return {t: out[t] for t in COMPARED}


def test_an_import_while_another_lead_moderates_equals_one_after_the_other(pg_url, pg_server, tmp_path, kit):
    reference_url = pg_server.url(pg_server.create_database())
    try:
        reference = new_store(reference_url, tmp_path / "ref-keys", kit)
        store, field = seeded(pg_url, tmp_path, kit, reference)
        importer.import_file(reference, tmp_path / "b1.bundle")
        add_leads(reference, "lead1", "lead2", "lead3", "lead4")
        # The next bundle moves the heads of some reads (not the one being moderated).
        pairs, fw = yes_judgements(store, 1)
        (case, qid), = pairs
        changed = {edit(field, i, "no", f"revised {i}") for i in range(3)}
        changed.discard(case)
        b2 = export(field, kit.key("k"), tmp_path / "b2.bundle")
        assert case not in changed

        def do_import():
            s = opened(pg_url, tmp_path / "central-keys")
            try:
                return importer.import_file(s, b2).outcomes
            finally:
                s.engine.dispose()

        def do_moderate():
            s = opened(pg_url, tmp_path / "central-keys")
            try:
                return moderation.moderate(s, "demo", case, qid, "no", "not evidenced", "lead1", fw)
            finally:
                s.engine.dispose()

        (outcomes, e1), (outcome, e2) = run_together(do_import, do_moderate)
        assert e1 is None and e2 is None, (e1, e2)
        assert outcome == "changed" and outcomes.get("head") == len(changed)

        importer.import_file(reference, b2)
        moderation.moderate(reference, "demo", case, qid, "no", "not evidenced", "lead1", fw)
        assert comparable(store) == comparable(reference)
        assert chain_ok(store) == 1
        store.engine.dispose()
        reference.engine.dispose()
    finally:
        pg_server.drop_database(reference_url.rsplit("/", 1)[1].split("?")[0])


def test_an_import_racing_a_moderation_of_the_same_read_loses_nothing(pg_url, tmp_path, kit):
    """The import moves the head of the read being moderated: either the moderation comes
    first (recorded against the old head, and the import flags the read for re-review) or
    it sees the new head it did not look at and is refused. Never a moderated read that
    silently lost its re-review flag."""
    store, field = seeded(pg_url, tmp_path, kit)
    fw = framework_for(store, "demo")
    qid = next(iter(fw.key_questions())).id
    case = edit(field, 0, "yes", "before QA")
    importer.import_file(store, export(field, kit.key("k"), tmp_path / "b2.bundle"))
    seen = moderation.moderation_state(store, "demo", case, qid)
    edit(field, 0, "no", "a later change")
    b3 = export(field, kit.key("k"), tmp_path / "b3.bundle")
    keys = tmp_path / "central-keys"

    def do_import():
        s = opened(pg_url, keys)
        try:
            return importer.import_file(s, b3).outcomes
        finally:
            s.engine.dispose()

    def do_moderate():
        s = opened(pg_url, keys)
        try:
            return moderation.moderate(s, "demo", case, qid, "no", "x", "lead1", fw, seen_revision=seen[0],
                                       seen_moderation_id=seen[1])
        finally:
            s.engine.dispose()

    (outcomes, e1), (_, e2) = run_together(do_import, do_moderate)
    assert e1 is None and outcomes == {"head": 1, "known": 15}
    with store.engine.connect() as conn:
        read = conn.execute(select(schema.case_reads).where(schema.case_reads.c.case_id == case)).one()
    assert read.head_revision_id != seen[0]
    if e2 is None:
        assert read.moderated_revision_id == seen[0] and read.needs_rereview is True
        assert len(moderations(store)) == 1
    else:
        assert isinstance(e2, CentralError) and "a new revision" in str(e2)
        assert read.moderated_revision_id is None and moderations(store) == []
    chain_ok(store)
    store.engine.dispose()
