"""The central store on both backends: every test here runs on a SQLite file and on a
PostgreSQL database (``central_location``, tests/conftest.py), and the headline check
imports the same bundles into one store of each kind and compares the command-line
output byte for byte.

Also: a connection lost in the middle of an import (PostgreSQL: the importer's backend
is terminated from a second connection; SQLite: an exception injected at the same
point) leaves nothing half-imported, and the import simply runs again.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyrage
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text, update

from hmip_desktop.cli import main
from hmip_desktop.core import demo
from hmip_desktop.core.central import importer, packs, schema, setup_flow
from hmip_desktop.core.central.store import CentralError, CentralStore, is_url
from hmip_desktop.core.exchange import envelope
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV, SigningKey, load_key, new_key
from hmip_desktop.core.field.db import open_db, write_transaction
from hmip_desktop.core.field.export import export_bundle, set_user, trust_central
from hmip_desktop.core.field.pack_import import import_pack
from hmip_desktop.core.field.store import FieldStore
from hmip_desktop.core.paths import forms_dir
from tests.core.central.test_setup_cli import write_caseload

PASSPHRASE = "pw"


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)


# -- shared material, made once per module ---------------------------------------------


@dataclass(frozen=True)
class Kit:
    """A demo field store (inspection 'demo', 48 reads; trusts no central store yet) and
    three keys: k (Inspector A), k2 (Inspector B), lead (Lead inspector)."""

    root: Path

    @property
    def field(self) -> Path:
        return self.root / "f.sqlite"

    def key(self, name: str) -> SigningKey:
        return load_key(self.root / name)

    def public(self, name: str) -> str:
        return (self.root / name / "public.key").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Kit:
    root = tmp_path_factory.mktemp("backends-kit")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(PASSPHRASE_ENV, PASSPHRASE)
        demo.create_demo(root / "f.sqlite")
        for folder, name in (("k", "Inspector A"), ("k2", "Inspector B"), ("lead", "Lead inspector")):
            new_key(root / folder, name)
    return Kit(root)


def new_store(location: str, keys_dir: Path, kit: Kit) -> CentralStore:
    """A central store at ``location`` with Inspector A and B enrolled."""
    store = CentralStore.init(location, keys_dir=keys_dir)
    store.enrol("Inspector A", "inspector", kit.public("k"))
    store.enrol("Inspector B", "inspector", kit.public("k2"))
    # The demo inspection set up as the laptops hold it: insp1 is Inspector A, insp2 B.
    db = open_db(kit.field)
    try:
        setup_flow.set_up_from_field(store, db, "demo", {"insp1": kit.key("k").key_id, "insp2": kit.key("k2").key_id})
    finally:
        db.close()
    return store


def add_leads(store: CentralStore, *ids: str, inspection: str = "demo") -> None:
    """Put lead inspectors on the inspection's team (those not on it yet): every QA action
    must name one of them."""
    tm = schema.team_members
    with store.engine.begin() as conn:
        there = set(conn.execute(select(tm.c.member_id).where(tm.c.inspection_id == inspection)).scalars())
        new = [{"inspection_id": inspection, "member_id": i, "name": i, "role": "lead", "key_id": None}
               for i in ids if i not in there]
        if new:
            conn.execute(tm.insert(), new)


def laptop(kit: Kit, path: Path, *stores: CentralStore) -> Path:
    """A copy of the demo field store that sends to ``stores`` (encrypted to all of them)."""
    shutil.copyfile(kit.field, path)
    db = open_db(path)
    try:
        trust_central(db, store_id=stores[0].store_id, recipients=[r for s in stores for r in s.recipients()],
                      public_key=stores[0].meta("signing_key"))
        set_user(db, "insp1")  # Inspector A's laptop
    finally:
        db.close()
    return path


def second_device(path: Path, copy: Path) -> Path:
    """The same laptop's state on another device (a fresh device id): the same inspector's
    second laptop, which sends with the same key."""
    shutil.copyfile(path, copy)
    db = open_db(copy)
    try:
        with write_transaction(db):
            db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [uuid.uuid4().hex])
    finally:
        db.close()
    return copy


def export(field: Path, key: SigningKey, out: Path) -> Path:
    db = open_db(field)
    try:
        export_bundle(db, "demo", key, out)
    finally:
        db.close()
    return out


def edit(field: Path, case_index: int, value: str | None, note: str | None = None) -> str:
    """Change the first key question of the ``case_index``-th in-progress read; return its case id."""
    store = FieldStore.open(field)
    try:
        row = [r for r in store.case_reads("demo") if r["status"] == "in_progress" and r["reader_id"] == "insp1"][
            case_index]
        qid = next(iter(store.framework("demo").key_questions())).id
        store.set_answer(row["id"], qid, value)
        if note is not None:
            store.set_note(row["id"], qid, note)
        return row["case_id"]
    finally:
        store.close()


#: Columns holding the time of an import (differ between two otherwise equal imports).
IMPORT_TIMES = {("bundles", "imported_at"), ("revisions", "received_at"), ("case_reads", "updated_at"),
                ("conflicts", "detected_at"), ("inspections", "created_at")}


def dump(store: CentralStore, *, times: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table (rows sorted); with ``times=False`` the import-time
    columns are blanked, so that two imports of the same bundles compare equal.
    Raw SQL: a boolean comes back as 0/1 from SQLite and as bool from PostgreSQL, so
    booleans are turned into 0/1 here (the Core queries of the app get bool on both)."""
    out: dict[str, list[tuple]] = {}
    with store.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            result = conn.execute(text(f'SELECT * FROM "{table}"'))
            names = list(result.keys())
            rows = [tuple(None if not times and (table, n) in IMPORT_TIMES else int(v) if isinstance(v, bool) else v
                          for n, v in zip(names, row)) for row in result]
            out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture
def store(central_location, tmp_path, kit):
    s = new_store(central_location, tmp_path / "central-keys", kit)
    yield s
    s.engine.dispose()


# -- opening, migrations, refusals -------------------------------------------------------


def test_migrations_create_exactly_the_schema(central_location, tmp_path):
    store = CentralStore.init(central_location, keys_dir=tmp_path / "keys")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    store.engine.dispose()
    assert diff == []


def test_init_open_and_refusals(central_location, tmp_path):
    keys = tmp_path / "keys"
    store = CentralStore.init(central_location, keys_dir=keys)
    store_id = store.store_id
    store.engine.dispose()
    with pytest.raises(CentralError, match="already holds central store keys"):
        CentralStore.init(central_location, keys_dir=keys)
    with pytest.raises(CentralError, match="already a central store"):
        CentralStore.init(central_location, keys_dir=tmp_path / "other-keys")
    again = CentralStore.open(central_location, keys_dir=keys)
    assert again.store_id == store_id and again.recipients()[0].startswith("age1")
    assert str(again.identity().to_public()) == again.meta("recipient")
    with again.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    again.engine.dispose()
    with pytest.raises(CentralError, match="newer version"):
        CentralStore.open(central_location, keys_dir=keys)


def test_postgresql_needs_a_keys_folder_and_a_central_store(pg_url, pg_server):
    with pytest.raises(CentralError, match="needs --keys DIR"):
        CentralStore.init(pg_url)
    with pytest.raises(CentralError, match="is not a central store"):
        CentralStore.open(pg_url, keys_dir=Path("unused"))
    assert is_url(pg_url)


def test_enrol_and_revoke(store, kit):
    with pytest.raises(CentralError, match="already enrolled"):
        store.enrol("A again", "lead", kit.public("k"))
    with pytest.raises(CentralError, match="role must be"):
        store.enrol("L", "boss", kit.public("lead"))
    lead_id = store.enrol("Lead", "lead", kit.public("lead"))
    with store.engine.connect() as conn:
        roles = dict(conn.execute(select(schema.keys.c.name, schema.keys.c.role)).all())
    assert roles == {"Inspector A": "inspector", "Inspector B": "inspector", "Lead": "lead"}
    with pytest.raises(CentralError, match="matches 3 enrolled keys"):
        store.revoke("")
    # Key ids are lower-case hex; a prefix typed in capitals finds the key on both backends
    # (SQLite's LIKE ignores case, PostgreSQL's does not).
    assert store.revoke(lead_id[:12].upper()) == lead_id
    with store.engine.connect() as conn:
        with pytest.raises(Rejected, match="revoked on"):
            store.find_key(conn, lead_id)
        with pytest.raises(Rejected, match="unknown key"):
            store.find_key(conn, "0" * 64)
    with pytest.raises(CentralError, match="matches 0 enrolled keys"):
        store.revoke("_")  # not a LIKE wildcard


# -- importing ---------------------------------------------------------------------------


def test_import_is_idempotent_and_a_revoked_key_is_refused(store, kit, tmp_path):
    field = laptop(kit, tmp_path / "f.sqlite", store)
    b1 = export(field, kit.key("k"), tmp_path / "b1.bundle")
    empty = dump(store)
    result = importer.import_file(store, b1)
    assert result.newly_imported and result.outcomes == {"head": 16}
    after = dump(store)
    assert after != empty and len(after["case_reads"]) == 16
    assert len(after["revision_answers"]) > 16
    again = importer.import_file(store, b1)
    assert not again.newly_imported and dump(store) == after
    assert importer.verify_bundle(store, b1.read_bytes()).endswith("device sequence 1")
    # Unchanged reads in a later bundle are known; a revoked sender is refused.
    b2 = export(field, kit.key("k"), tmp_path / "b2.bundle")
    assert importer.import_file(store, b2).outcomes == {"known": 16}
    store.revoke(load_key(kit.root / "k").key_id)
    b3 = export(field, kit.key("k"), tmp_path / "b3.bundle")
    before = dump(store)
    with pytest.raises(Rejected, match="revoked"):
        importer.import_file(store, b3)
    assert dump(store) == before


def test_same_bundle_id_with_other_content_is_refused(store, kit, tmp_path):
    field = laptop(kit, tmp_path / "f.sqlite", store)
    data = export(field, kit.key("k"), tmp_path / "b1.bundle").read_bytes()
    importer.import_bundle(store, data)
    before = dump(store)
    key = kit.key("k")
    env = envelope.open_envelope(data, lambda header: key.public, max_payload=importer.MAX_FILE)
    plain = pyrage.decrypt(env.payload, [store.identity()])
    # The same plaintext encrypted again (age is randomised) under the same id: other content.
    other = envelope.seal("bundle", env.header.id, env.header.created_at,
                          pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(r) for r in store.recipients()]),
                          key, "age")
    with pytest.raises(Rejected, match="already imported with other content"):
        importer.import_bundle(store, other)
    assert dump(store) == before


def test_concurrent_edits_from_two_devices_are_a_conflict(store, kit, tmp_path):
    a = laptop(kit, tmp_path / "a.sqlite", store)
    importer.import_file(store, export(a, kit.key("k"), tmp_path / "b1.bundle"))
    b = second_device(a, tmp_path / "b.sqlite")
    case = edit(a, 0, "yes", "A's view")
    assert edit(b, 0, "no", "B's view") == case
    other = edit(b, 1, "yes", "only B changed this one")
    assert importer.import_file(store, export(a, kit.key("k"), tmp_path / "b2.bundle")).outcomes == {
        "head": 1, "known": 15}
    result = importer.import_file(store, export(b, kit.key("k"), tmp_path / "b3.bundle"))
    assert result.outcomes == {"conflict": 1, "head": 1, "known": 14}
    with store.engine.connect() as conn:
        conflicts = conn.execute(select(schema.conflicts.c.case_id, schema.conflicts.c.resolved_at)).all()
        heads = dict(conn.execute(select(schema.case_reads.c.case_id, schema.case_reads.c.head_revision_id)).all())
        by_bundle = dict(conn.execute(select(schema.revisions.c.case_id, schema.revisions.c.bundle_id).where(
            schema.revisions.c.revision_id.in_([heads[case], heads[other]]))).all())
    assert [tuple(c) for c in conflicts] == [(case, None)]
    assert len(set(by_bundle.values())) == 2, "A's edit stays current; B's other change fast-forwards"


def test_a_new_revision_after_moderation_is_flagged_for_re_review(store, kit, tmp_path):
    field = laptop(kit, tmp_path / "f.sqlite", store)
    importer.import_file(store, export(field, kit.key("k"), tmp_path / "b1.bundle"))
    case = edit(field, 0, None, "changed after QA")
    cr = schema.case_reads
    with store.engine.begin() as conn:
        head = conn.execute(select(cr.c.head_revision_id).where(cr.c.case_id == case)).scalar()
        conn.execute(update(cr).where(cr.c.case_id == case).values(moderated_revision_id=head))
    importer.import_file(store, export(field, kit.key("k"), tmp_path / "b2.bundle"))
    with store.engine.connect() as conn:
        flagged = [r.case_id for r in conn.execute(select(cr.c.case_id).where(cr.c.needs_rereview.is_(True)))]
        unflagged = conn.execute(select(cr.c.needs_rereview).where(cr.c.case_id != case)).scalars().all()
    assert flagged == [case]
    assert len(unflagged) == 15 and all(v is False for v in unflagged), "booleans come back as bool on both backends"


# -- set-up and packs ------------------------------------------------------------------------


def _set_up(store: CentralStore, kit: Kit, inspection_id: str = "insp-1", inspector_ids=("insp1", "insp2")) -> None:
    lead, insp = kit.key("lead"), kit.key("k")
    store.enrol("Lead", "lead", kit.public("lead"))
    yaml_text = (forms_dir() / "adult_probation.yaml").read_text(encoding="utf-8")
    packs.create_inspection(store, inspection_id, yaml_text, "Test PDU", "Test inspection",
                            ("2026-12-01", "2026-12-12"))
    # Not in id order: rows come back in another order without ORDER BY on each backend.
    packs.set_team(store, inspection_id, [
        {"id": "lead1", "name": "Lead", "role": "lead", "key_id": lead.key_id},
        {"id": "la1", "name": "Assessor", "role": "local_assessor"},
        {"id": inspector_ids[1], "name": "Other", "role": "inspector"},
        {"id": inspector_ids[0], "name": "Insp", "role": "inspector", "key_id": insp.key_id},
    ])


def without_indexes(url: str) -> str:
    """The URL of the same PostgreSQL database with index scans switched off: rows come
    back in the order they were stored, not in an index's order, so that code relying on
    an order it never asked for (ORDER BY) shows up here instead of in production."""
    return url + "?options=" + quote("-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off")


def mixed_case_caseload(path: Path) -> None:
    """The set-up tests' caseload, every third reference in lower case: code-point order
    (SQLite) and a linguistic collation (a PostgreSQL database in en-GB) sort them apart."""
    write_caseload(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for i in range(1, len(lines), 3):
        lines[i] = lines[i].replace("NM-", "nm-", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_pack_round_trip(store, kit, tmp_path):
    _set_up(store, kit)
    with pytest.raises(CentralError, match="already exists"):
        packs.create_inspection(store, "insp-1", (forms_dir() / "adult_probation.yaml").read_text(), "x", "y")
    profile = {"gender": "female", "disposal_type": "licence", "risk_level": "high"}
    packs.set_cases(store, "insp-1", [
        {"case_id": "AA-1", "profile": profile, "selection": "sample", "reader_id": "insp1", "stratum": "f|l|h"},
        {"case_id": "AA-2", "profile": profile, "selection": "sample", "reader_id": "lead1", "stratum": "f|l|h"},
        {"case_id": "AA-3", "profile": profile, "selection": "reserve", "reserve_rank": 1, "stratum": "f|l|h"},
        {"case_id": "AA-4", "profile": profile, "selection": "caseload", "stratum": "f|l|h"},
    ])
    lead, insp = kit.key("lead"), kit.key("k")
    data = packs.create_pack(store, "insp-1", lead)
    db = open_db(tmp_path / "laptop.sqlite")
    try:
        counts = import_pack(db, data, insp, lead.key_id[:20])
        assert counts["user"] == "insp1" and counts["reads"] == 2 and counts["cases"] == 3
        field = FieldStore(db, "insp1")
        assert {r["case_id"] for r in field.case_reads("insp-1")} == {"AA-1", "AA-2"}
        assert field.setting("central_store_id") == store.store_id
    finally:
        db.close()
    with pytest.raises(CentralError, match="lead inspector"):
        packs.create_pack(store, "insp-1", insp)
    with pytest.raises(CentralError, match="is not enrolled"):
        packs.set_team(store, "insp-1", [{"id": "x", "name": "X", "role": "inspector", "key_id": "f" * 64}])


def test_draw_replace_and_reassign_give_the_same_sample_on_both_backends(pg_url, tmp_path, kit):
    """The draw is seeded: the same caseload gives the same stored sample, allocation and
    replacement on SQLite and on PostgreSQL (case and member ids whose order depends on
    the collation; PostgreSQL without index scans)."""
    mixed_case_caseload(tmp_path / "caseload.csv")
    results = []
    for name, location in (("sqlite", str(tmp_path / "c.sqlite")), ("postgresql", without_indexes(pg_url))):
        store = new_store(location, tmp_path / f"{name}-keys", kit)
        try:
            _set_up(store, kit, "nm-2026", inspector_ids=("Insp1", "insp2"))
            drawn = setup_flow.draw(store, "nm-2026", tmp_path / "caseload.csv", seed=7)
            assert drawn.sample_size == 73 and drawn.caseload_size == 300
            rows = setup_flow.sample_rows(store, "nm-2026")
            victim = next(r for r in rows if r["selection"] == "sample")
            new = setup_flow.replace(store, "nm-2026", victim["case_id"], "case transferred")
            with pytest.raises(CentralError, match="not in the current sample"):
                setup_flow.replace(store, "nm-2026", victim["case_id"], "again")
            after = {r["case_id"]: r for r in setup_flow.sample_rows(store, "nm-2026")}
            assert after[new]["stratum"] == victim["stratum"] and after[new]["reader_id"] == victim["reader_id"]
            assert after[victim["case_id"]]["replacement_reason"] == "case transferred"
            moving = next(r for r in after.values() if r["selection"] == "sample" and r["reader_id"] == "Insp1")
            setup_flow.reassign(store, "nm-2026", moving["case_id"], "insp2")
            pack = packs.create_pack(store, "nm-2026", kit.key("lead"))
            assert pack.startswith(b"HMIP")
            rows = setup_flow.sample_rows(store, "nm-2026")
            assert [r["case_id"] for r in rows] == sorted(r["case_id"] for r in rows)
            results.append((drawn.report_text, rows))
        finally:
            store.engine.dispose()
    assert results[0] == results[1]
    readers = [r["reader_id"] for r in results[0][1] if r["selection"] == "sample"]
    assert {"Insp1", "insp2", "la1"} <= set(readers)


# -- the headline: the same bundles, the same output ---------------------------------------


def _cli(capsys, *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_the_same_bundles_give_identical_ratings_and_answers(pg_url, tmp_path, kit, capsys):
    pg_url = without_indexes(pg_url)
    lite = new_store(str(tmp_path / "c.sqlite"), tmp_path / "lite-keys", kit)
    pg = new_store(pg_url, tmp_path / "pg-keys", kit)
    try:
        a = laptop(kit, tmp_path / "a.sqlite", lite, pg)
        bundles = [export(a, kit.key("k"), tmp_path / "b1.bundle")]
        b = second_device(a, tmp_path / "b.sqlite")
        edit(a, 0, "no", "A: the plan missed the victim")
        edit(a, 2, "na", "A: not applicable here")
        bundles.append(export(a, kit.key("k"), tmp_path / "b2.bundle"))
        edit(b, 0, "yes", "B: covered in the review")       # same read as A: a conflict
        edit(b, 1, None, "B: answer withdrawn")              # a cleared answer
        edit(b, 3, "no", "B: Welsh text ŵ ŷ and a ‘quote’")  # non-ASCII content
        bundles.append(export(b, kit.key("k"), tmp_path / "b3.bundle"))
        for store in (lite, pg):
            outcomes = [importer.import_file(store, path).outcomes for path in (*bundles, bundles[0])]
            assert outcomes == [{"head": 16}, {"head": 2, "known": 14}, {"conflict": 1, "head": 2, "known": 13}, {}]
        outputs = {}
        for name, location, keys in (("sqlite", str(tmp_path / "c.sqlite"), "lite-keys"),
                                     ("postgresql", pg_url, "pg-keys")):
            keys = str(tmp_path / keys)
            outputs[name] = (
                _cli(capsys, "central", "ratings", location, "--inspection", "demo", "--json", "--keys", keys),
                _cli(capsys, "central", "answers", location, "--inspection", "demo", "--csv", "--keys", keys),
            )
    finally:
        lite.engine.dispose()
        pg.engine.dispose()
    assert outputs["sqlite"][0].encode() == outputs["postgresql"][0].encode()
    assert outputs["sqlite"][1].encode() == outputs["postgresql"][1].encode()
    ratings = json.loads(outputs["sqlite"][0])
    assert ratings["inspection"] == "demo" and len([s for s in ratings["standards"] if s["kind"] == "case"]) == 4
    rows = list(csv.reader(io.StringIO(outputs["sqlite"][1])))
    assert rows[0] == ["case_id", "question_id", "value", "inspector", "moderated"]
    assert len(rows) > 16 * 5
    keys = [(r[0], r[1]) for r in rows[1:]]
    assert keys == sorted(keys), "rows in code-point order of case and question, whatever the database collation"


def test_normalised_dumps_of_both_backends_match(pg_url, tmp_path, kit):
    """Beyond the two commands: every imported row is the same on both backends (types
    included: booleans, integers, text)."""
    lite = new_store(str(tmp_path / "c.sqlite"), tmp_path / "lite-keys", kit)
    pg = new_store(pg_url, tmp_path / "pg-keys", kit)
    try:
        a = laptop(kit, tmp_path / "a.sqlite", lite, pg)
        b1 = export(a, kit.key("k"), tmp_path / "b1.bundle")
        edit(a, 0, "no", "changed")
        b2 = export(a, kit.key("k"), tmp_path / "b2.bundle")
        for store in (lite, pg):
            importer.import_file(store, b1)
            importer.import_file(store, b2)
        skip = {"meta", "keys", "alembic_version"}  # per store: its id, keys and enrolment times
        left = {t: rows for t, rows in dump(lite, times=False).items() if t not in skip}
        right = {t: rows for t, rows in dump(pg, times=False).items() if t not in skip}
    finally:
        lite.engine.dispose()
        pg.engine.dispose()
    assert left == right


def test_answers_come_in_code_point_order_whatever_the_collation(central_location, tmp_path, kit, mini_yaml,
                                                                  capsys):
    """Case references that a linguistic collation (en-GB) and code-point order (SQLite)
    sort differently: the answers CSV is in code-point order on both backends."""
    from hmip_desktop.core.field.inspections import create_inspection

    location = without_indexes(central_location) if is_url(central_location) else central_location
    store = new_store(location, tmp_path / "central-keys", kit)
    cases = ["ab-2", "AB-1", "a_3", "a3", "Ab-4", "b-1", "Zz-1", "ea-2", "a.5"]
    db = open_db(tmp_path / "f.sqlite")
    try:
        create_inspection(
            db, inspection_id="i1", provider="Test", title="Test", framework_yaml=mini_yaml,
            team=[{"id": "insp1", "name": "Ina Inspector", "role": "inspector"}],
            cases=[{"case_id": c, "selection": "sample", "profile": {"gender": "female", "disposal_type": "licence"}}
                   for c in cases],
            reads=[(c, "insp1") for c in cases])
        trust_central(db, store_id=store.store_id, recipients=store.recipients(), public_key=store.meta("signing_key"))
        setup_flow.set_up_from_field(store, db, "i1", {"insp1": kit.key("k").key_id})
        field = FieldStore(db, "insp1")
        for read_id, case_id in db.execute("SELECT id, case_id FROM case_reads"):
            for question in ("licence_conditions", "assess_safety", "assess_engage"):
                field.set_answer(read_id, question, "yes" if case_id < "b" else "no")
        export_bundle(db, "i1", kit.key("k"), tmp_path / "b.bundle")
    finally:
        db.close()
    importer.import_file(store, tmp_path / "b.bundle")
    store.engine.dispose()
    out = _cli(capsys, "central", "answers", location, "--inspection", "i1", "--csv", "--keys",
               str(tmp_path / "central-keys"))
    rows = [tuple(r[:2]) for r in csv.reader(io.StringIO(out))][1:]
    assert [c for c, _ in rows[::3]] == sorted(cases)
    assert rows == sorted(rows) and len(rows) == 3 * len(cases)


# -- a connection lost during an import -------------------------------------------------------


class _Pause:
    """Patches ``importer.insert`` so that the import stops inside ``_apply`` once the
    case reads' rows are about to be written: by then the bundle, device, revisions and
    answers rows have been written in the import's transaction. ``action`` runs there
    (in the importing thread) or, by default, the import waits until ``release``."""

    def __init__(self, monkeypatch, action=None):
        self.reached, self.release = threading.Event(), threading.Event()
        self.action = action
        real = importer.insert

        def insert(table):
            if table is schema.case_reads and not self.reached.is_set():
                self.reached.set()
                if self.action:
                    self.action()
                assert self.release.wait(30), "the test never released the import"
            return real(table)

        monkeypatch.setattr(importer, "insert", insert)
        # The INSERTs are compiled once per dialect and kept: start from none compiled, so
        # that this import compiles (and so reaches) the case reads' INSERT.
        monkeypatch.setattr(importer, "_STATEMENTS", weakref.WeakKeyDictionary())


def _clone(location: str, tmp_path: Path, pg_server) -> str:
    """A copy of the (closed) store at ``location``: a file copy or CREATE DATABASE … TEMPLATE."""
    if not is_url(location):
        shutil.copyfile(location, tmp_path / "clone.sqlite")
        return str(tmp_path / "clone.sqlite")
    name = location.rsplit("/", 1)[1]
    clone = f"{name}_clone"
    with pg_server.connect() as conn:
        conn.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{name}"')
    return pg_server.url(clone)


def test_a_failure_inside_the_import_leaves_nothing_and_the_import_runs_again(central_location, tmp_path, kit,
                                                                               monkeypatch, request):
    keys = tmp_path / "central-keys"
    store = new_store(central_location, keys, kit)
    field = laptop(kit, tmp_path / "f.sqlite", store)
    b1 = export(field, kit.key("k"), tmp_path / "b1.bundle")
    store.engine.dispose()
    pg_server = request.getfixturevalue("pg_server") if is_url(central_location) else None
    reference = CentralStore.open(_clone(central_location, tmp_path, pg_server), keys_dir=keys)
    try:
        importer.import_file(reference, b1)
        clean = dump(reference, times=False)
    finally:
        reference.engine.dispose()
    before = dump(store)

    def fail():
        raise RuntimeError("injected failure in the middle of the import")

    pause = _Pause(monkeypatch, action=fail)
    with pytest.raises(RuntimeError, match="injected failure"):
        importer.import_file(store, b1)
    assert pause.reached.is_set()
    assert dump(store) == before, "nothing half-imported"
    monkeypatch.undo()
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    assert importer.import_file(store, b1).outcomes == {"head": 16}
    assert dump(store, times=False) == clean
    store.engine.dispose()


def test_a_dropped_postgresql_connection_leaves_nothing_and_the_import_runs_again(pg_server, pg_url, tmp_path, kit,
                                                                                  monkeypatch, capsys):
    keys = tmp_path / "central-keys"
    store = new_store(pg_url, keys, kit)
    field = laptop(kit, tmp_path / "f.sqlite", store)
    b1 = export(field, kit.key("k"), tmp_path / "b1.bundle")
    store.engine.dispose()
    reference = CentralStore.open(_clone(pg_url, tmp_path, pg_server), keys_dir=keys)
    try:
        importer.import_file(reference, b1)
        clean = dump(reference, times=False)
    finally:
        reference.engine.dispose()
    store = CentralStore.open(pg_url, keys_dir=keys)
    before = dump(store)

    pause = _Pause(monkeypatch)
    outcome: dict[str, BaseException | object] = {}

    def run():
        try:
            outcome["result"] = importer.import_file(store, b1)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        assert pause.reached.wait(30), "the import never reached _apply"
        dbname = pg_url.rsplit("/", 1)[1]
        with pg_server.connect() as killer:
            pids = killer.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND state = 'idle in transaction'",
                [dbname]).fetchall()
            assert len(pids) == 1, f"expected one importing connection, found {pids}"
            # The importer's transaction has written rows by now (visible to itself only).
            assert killer.execute("SELECT pg_terminate_backend(%s)", [pids[0][0]]).fetchone()[0] is True
            for _ in range(100):
                if not killer.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pids[0][0]]).fetchone():
                    break
                threading.Event().wait(0.05)
    finally:
        pause.release.set()
        worker.join(30)
    assert not worker.is_alive()
    error = outcome.get("error")
    assert isinstance(error, CentralError), f"expected a clear CentralError, got {error!r}"
    assert "connection" in str(error) and "run the import again" in str(error)
    assert dump(store) == before, "nothing half-imported"
    monkeypatch.undo()
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    # Simply run it again (the same engine: its pool dropped the dead connection),
    # here through the command line.
    out = _cli(capsys, "central", "import", pg_url, str(b1), "--keys", str(keys))
    assert "16 case reads now current" in out
    assert dump(store, times=False) == clean
    store.engine.dispose()
