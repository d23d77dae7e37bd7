"""Fixtures for the report tests: the demo inspection imported into a central store,
once as it arrives (set up by the demo: one inspector's laptop) and once with more
team members, quality assurance, moderation, a read outcome and a professional judgement.

Both stores are made once per test session and must not be changed by tests."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import insert, select, update

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation, schema
from hmip_desktop.core.central.answers import effective_rows, framework_for
from hmip_desktop.core.central.store import CentralStore

RATIONALE = "The record shows no analysis of the risk to the partner; the judgement is changed."
REASON = "The weaker key question rests on very few cases; the planning seen was sound."
RETURNED = "Please add the MAPPA level check to the assessment."


def _store(path):
    return CentralStore.open(path)


@pytest.fixture(scope="session")
def demo_stores(tmp_path_factory):
    """(bare store path, rich store path): see the module docstring."""
    root = tmp_path_factory.mktemp("reports")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HMIP_KEY_PASSPHRASE", "test passphrase")
        mp.chdir(root)
        assert main(["demo", "f.sqlite", "--central", "bare.sqlite", "--keys", "k"]) == 0
        assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
        assert main(["central", "import", "bare.sqlite", "b.bundle"]) == 0
        _copy(root / "bare.sqlite", root / "rich.sqlite")
        shutil.copytree(root / "bare.sqlite.keys", root / "rich.sqlite.keys")
        _enrich(root / "rich.sqlite")
    return root / "bare.sqlite", root / "rich.sqlite"


def _copy(source, target) -> None:
    """Copy an SQLite store through the backup API (it may have a write-ahead log open)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _enrich(path) -> None:
    store = _store(path)
    fw = framework_for(store, "demo")
    with store.engine.begin() as conn:
        conn.execute(update(schema.inspections).where(schema.inspections.c.id == "demo").values(
            provider="Northmoor Probation Delivery Unit", title="Northmoor case supervision",
            fieldwork_start="2026-11-16", fieldwork_end="2026-11-27"))
        # The demo set the team up (its laptop's inspector and the lead); the report shows
        # these names, and a second inspector and a local assessor join the team.
        tm = schema.team_members
        known = {r.member_id for r in conn.execute(select(tm.c.member_id).where(tm.c.inspection_id == "demo"))}
        for m, n, r in (("lead1", "Lowri Lead", "lead"), ("insp1", "Ina Inspector", "inspector"),
                        ("insp2", "Ifan Inspector", "inspector"), ("la1", "Alun Assessor", "local_assessor")):
            if m in known:
                conn.execute(update(tm).where(tm.c.inspection_id == "demo", tm.c.member_id == m).values(name=n))
            else:
                conn.execute(insert(tm).values(inspection_id="demo", member_id=m, key_id=None, name=n, role=r))
    chosen = moderation.qa_sample(store, "demo", seed=3)
    kqs = [kq.id for kq in fw.key_questions()]
    rows = {(r["case_id"], r["question_id"]): r["value"] for r in effective_rows(store, "demo")}
    changed = 0
    for case in chosen:
        for qid in kqs:
            value = rows.get((case, qid))
            if value is None:
                continue
            if value in ("yes", "no") and changed < 6 and qid.endswith("safety"):
                moderation.moderate(store, "demo", case, qid, "no" if value == "yes" else "yes", RATIONALE, "lead1", fw)
                changed += 1
            else:
                moderation.moderate(store, "demo", case, qid, value, "", "lead1", fw)
    moderation.finish_read(store, "demo", chosen[0], "returned", RETURNED, "lead1")
    for case in chosen[1:4]:
        moderation.finish_read(store, "demo", case, "agreed", "", "lead1")
    moderation.set_override(store, "demo", "planning", "good", REASON, "lead1", fw)
    store.engine.dispose()


@pytest.fixture(scope="session")
def bare_store(demo_stores):
    store = _store(demo_stores[0])
    yield store
    store.engine.dispose()


@pytest.fixture(scope="session")
def rich_store(demo_stores):
    store = _store(demo_stores[1])
    yield store
    store.engine.dispose()


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF (pypdf), whitespace collapsed to single spaces."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def squash(text: str) -> str:
    """Text without any whitespace (PDF line breaks fall anywhere between words)."""
    return "".join(text.split())
