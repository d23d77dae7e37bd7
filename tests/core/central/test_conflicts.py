"""Resolving a conflict between two devices' versions of a case read: the lead keeps
one (with a reason), it becomes current, the effective answers follow it, the dashboard
no longer counts it, and both versions stay on record."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from hmip_desktop.core.central import events, importer, moderation, schema
from hmip_desktop.core.central.answers import effective_rows, framework_for
from hmip_desktop.core.central.store import CentralError
from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV
from hmip_desktop.core.central import queries
from tests.core.central.test_backends import PASSPHRASE, add_leads, edit, export, kit, laptop, new_store, second_device

__all__ = ["kit"]  # the shared module-scoped fixture


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)


@pytest.fixture
def conflicted(tmp_path, kit):
    """A's and B's concurrent edits of one read: A's arrived first (current), B's conflicts."""
    store = new_store(str(tmp_path / "c.sqlite"), tmp_path / "keys", kit)
    store.enrol("Lead inspector", "lead", kit.public("lead"))
    a = laptop(kit, tmp_path / "a.sqlite", store)
    importer.import_file(store, export(a, kit.key("k"), tmp_path / "b1.bundle"))
    add_leads(store, "lead1")
    b = second_device(a, tmp_path / "b.sqlite")
    case = edit(a, 0, "yes", "A's view")
    assert edit(b, 0, "no", "B's view") == case
    importer.import_file(store, export(a, kit.key("k"), tmp_path / "b2.bundle"))
    assert importer.import_file(store, export(b, kit.key("k"), tmp_path / "b3.bundle")).outcomes["conflict"] == 1
    with store.engine.connect() as conn:
        c = conn.execute(select(schema.conflicts)).one()
    qid = next(iter(framework_for(store, "demo").key_questions())).id
    return store, case, qid, c


def _value(store, case, qid):
    return next(r["value"] for r in effective_rows(store, "demo") if r["case_id"] == case and r["question_id"] == qid)


def _head(store, case):
    cr = schema.case_reads
    with store.engine.connect() as conn:
        return conn.execute(select(cr).where(cr.c.case_id == case)).one()


def test_keeping_the_conflicting_version_makes_it_current(conflicted):
    store, case, qid, c = conflicted
    assert c.against_revision_id == _head(store, case).head_revision_id
    assert _value(store, case, qid) == "yes"
    assert queries.dashboard(store, "demo")["counts"]["conflicts"] == 1
    assert moderation.resolve_conflict(store, "demo", c.id, c.revision_id, "lead1", " B's later visit ") == case
    assert _head(store, case).head_revision_id == c.revision_id
    assert _value(store, case, qid) == "no", "the effective answers follow the kept version"
    assert queries.dashboard(store, "demo")["counts"]["conflicts"] == 0
    assert queries.read_detail(store, "demo", case)["conflicts"] == []
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.conflicts.c.resolved_at)).scalar() is not None
        kept = conn.execute(select(func.count()).select_from(schema.revisions).where(
            schema.revisions.c.revision_id.in_([c.revision_id, c.against_revision_id]))).scalar()
        log = events.for_inspection(conn, "demo")
        assert events.verify(conn).ok
    assert kept == 2, "both versions stay on record"
    assert log[-1]["action"] == "conflict:resolve" and log[-1]["target"] == case
    assert json.loads(log[-1]["after"]) == {"kept": c.revision_id, "dropped": c.against_revision_id,
                                            "reason": "B's later visit"}
    assert _head(store, case).needs_rereview is False


def test_keeping_the_current_version_changes_no_answers(conflicted):
    store, case, qid, c = conflicted
    moderation.resolve_conflict(store, "demo", c.id, c.against_revision_id, "lead1", "A is right")
    assert _head(store, case).head_revision_id == c.against_revision_id
    assert _value(store, case, qid) == "yes"
    assert queries.dashboard(store, "demo")["counts"]["conflicts"] == 0


def test_a_moderated_head_that_is_dropped_flags_a_re_review(conflicted):
    store, case, qid, c = conflicted
    moderation.moderate(store, "demo", case, qid, "yes", "", "lead1")
    assert _head(store, case).needs_rereview is False
    moderation.resolve_conflict(store, "demo", c.id, c.revision_id, "lead1", "B's version is the complete one")
    row = _head(store, case)
    assert row.head_revision_id == c.revision_id and row.needs_rereview is True
    assert _value(store, case, qid) == "no", "the moderation was of the old version"


def test_refusals(conflicted, kit):
    store, case, qid, c = conflicted
    with pytest.raises(CentralError, match="reason"):
        moderation.resolve_conflict(store, "demo", c.id, c.revision_id, "lead1", "  ")
    with pytest.raises(CentralError, match="one of the two"):
        moderation.resolve_conflict(store, "demo", c.id, "f" * 64, "lead1", "x")
    with pytest.raises(CentralError, match="no conflict"):
        moderation.resolve_conflict(store, "demo", c.id + 99, c.revision_id, "lead1", "x")
    ratings = {"demo": True}
    moderation.sign_off(store, "demo", kit.key("lead"), ratings)
    with pytest.raises(CentralError, match="signed off"):
        moderation.resolve_conflict(store, "demo", c.id, c.revision_id, "lead1", "x")
    moderation.reopen(store, "demo", kit.key("lead"), "conflict to resolve", ratings)
    moderation.resolve_conflict(store, "demo", c.id, c.revision_id, "lead1", "x")
    with pytest.raises(CentralError, match="already resolved"):
        moderation.resolve_conflict(store, "demo", c.id, c.against_revision_id, "lead1", "x")
    with store.engine.connect() as conn:
        assert [e["action"] for e in events.for_inspection(conn, "demo")] == ["sign_off", "reopen", "conflict:resolve"]
