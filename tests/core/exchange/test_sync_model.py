"""Model-based test of bundle exchange: three laptops and one central store.

Three field stores hold the same inspection with the same three case reads, starting
from the same state (one store, copied, each copy with a fresh device id). Random
steps edit answers and notes (on one laptop, or the same edit on all three), export
bundles (sometimes an export "crashes": the bundle file is written but the laptop's
transaction is lost, all but the sequence number, as the export module's docstring
allows), and deliver bundles produced so far: any of them, in any order, any number
of times, or never.

The model knows the true history of every case read, which the central store can only
partly see: revision ``y`` *supersedes* ``x`` when ``x`` is ``y``'s parent (through
any number of steps) or when one laptop exported ``x`` and later exported ``y`` (a
laptop's later snapshot always contains its earlier one). Checked after every step:

* nothing lost: every revision in every delivered bundle is in ``revisions``;
* no silent overwrite: every delivered revision is the head, superseded by the head,
  or part of a recorded conflict (either side, or superseded by one);
* no false conflict: a conflict is only recorded between an incoming revision and
  the head that the store's documented rules cannot order (parent links either way,
  or the head's device with another sequence number); a read whose delivered
  revisions always formed a single line through parent links (no gaps, no branches)
  has no conflict; bundles from one device alone never make a conflict. (Chaining
  parent links and same-device order along longer paths could avoid a few more; the
  xfail test at the end shows one. Such cases are only counted, as an event.)
* idempotence: delivering a bundle again changes no table and says so;
* the head only moves forward (the new head supersedes the old one);
* an older bundle delivered after a newer one from the same device never changes the
  head (unless the newer one's revision sits in a conflict, waiting for the lead).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from hmip_desktop.core.central import importer, setup_flow
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange.keys import SigningKey, load_key, new_key
from hmip_desktop.core.field.db import open_db, write_transaction
from hmip_desktop.core.field.export import export_bundle, trust_central
from hmip_desktop.core.field.inspections import create_inspection
from hmip_desktop.core.field.store import FieldStore

MINI_YAML = Path(__file__).resolve().parents[2] / "data" / "mini.yaml"
INSPECTION = "i1"
CASES = (("C1", "licence", "male"), ("C2", "community_order", "female"), ("C3", "licence", "female"))
CASE_IDS = tuple(c[0] for c in CASES)
QUESTIONS = ("assess_engage", "assess_safety", "licence_conditions")
VALUES = ("yes", "no", "na", None)
NOTES = ("", "seen on file", "checked")
CHANGES = st.one_of(st.tuples(st.just("answer"), st.sampled_from(VALUES)),
                    st.tuples(st.just("note"), st.sampled_from(NOTES)))
EVERYWHERE = 3  # a "device" number meaning: each of the three laptops
#: The machine's worlds live in memory where Linux offers it: both stores fsync every
#: commit (synchronous=FULL), which on a disk is most of the run time; durability is
#: not what this test is about.
SCRATCH = Path("/dev/shm")


# -- set-up ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kit:
    """What every world shares: one signing key for all laptops (one key per test run)."""

    root: Path
    key: SigningKey
    public: str
    framework: str


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HMIP_KEY_PASSPHRASE", "test")
        root = tmp_path_factory.mktemp("sync")
        new_key(root / "key", "Ina Inspector")
        yield Kit(root, load_key(root / "key"), (root / "key" / "public.key").read_text(encoding="utf-8"),
                  MINI_YAML.read_text(encoding="utf-8"))


@dataclass
class Device:
    store: FieldStore
    device_id: str
    reads: dict[str, int]  # case id -> case read id


@dataclass(frozen=True)
class Bundle:
    path: Path
    device: int
    device_id: str
    sequence: int
    bundle_id: str
    revisions: dict[str, tuple[str, str | None]]  # case id -> (revision, parent)
    crashed: bool


class World:
    """One central store and ``n`` laptops holding the same inspection in the same state."""

    def __init__(self, kit: Kit, root: Path, n: int = 3):
        self.kit, self.root = kit, root
        self.central = CentralStore.init(root / "central.sqlite", keys_dir=root / "central-keys")
        self.central.enrol("Ina Inspector", "inspector", kit.public)
        template = root / "template.sqlite"
        db = open_db(template)
        create_inspection(
            db, inspection_id=INSPECTION, provider="Test probation service", title="Test inspection",
            framework_yaml=kit.framework, team=[{"id": "insp1", "name": "Ina Inspector", "role": "inspector"}],
            cases=[{"case_id": cid, "selection": "sample", "profile": {"gender": g, "disposal_type": d}}
                   for cid, d, g in CASES],
            reads=[(cid, "insp1") for cid in CASE_IDS],
        )
        trust_central(db, store_id=self.central.store_id, recipients=self.central.recipients(),
                      public_key=self.central.meta("signing_key"))
        setup_flow.set_up_from_field(self.central, db, INSPECTION, {"insp1": kit.key.key_id})
        db.close()
        self.devices: list[Device] = []
        for i in range(n):
            path = root / f"device{i}.sqlite"
            shutil.copyfile(template, path)
            db = open_db(path)
            device_id = uuid.uuid4().hex
            with write_transaction(db):
                db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [device_id])
            reads = {cid: rid for rid, cid in db.execute("SELECT id, case_id FROM case_reads")}
            self.devices.append(Device(FieldStore(db, "insp1"), device_id, reads))
        assert len({d.device_id for d in self.devices}) == n
        self.raw = sqlite3.connect(f"file:{root / 'central.sqlite'}?mode=ro", uri=True)
        self.count = 0

    def close(self) -> None:
        self.raw.close()
        for d in self.devices:
            d.store.close()
        self.central.engine.dispose()

    # laptops

    def edit(self, device: int, case: str, question: str, value) -> None:
        d = self.devices[device]
        d.store.set_answer(d.reads[case], question, value)

    def note(self, device: int, case: str, question: str, text: str) -> None:
        d = self.devices[device]
        d.store.set_note(d.reads[case], question, text)

    def export(self, device: int, crash: bool = False, restore: bool = False) -> Bundle:
        """Export a bundle. ``crash``: the file is written, then the laptop dies before the
        export's transaction commits: only the sequence number, committed first on its
        own, survives. ``restore``: the laptop is then put back from a backup taken just
        before the export, so even the sequence number goes back (not a documented
        operation; used only to reach an equal sequence number from one device)."""
        d = self.devices[device]
        db = d.store.db
        snapshot = sqlite3.connect(":memory:")
        if crash or restore:
            db.conn.backup(snapshot)
        self.count += 1
        path = self.root / f"b{self.count:04d}-d{device}.bundle"
        summary = export_bundle(db, INSPECTION, self.kit.key, path)
        revisions = {cid: (rev, parent) for cid, rev, parent in db.execute(
            "SELECT case_id, exported_revision, exported_parent FROM case_reads WHERE inspection_id = ?", [INSPECTION])}
        if crash or restore:
            snapshot.backup(db.conn)
        if crash and not restore:
            with write_transaction(db):
                db.execute("UPDATE settings SET value = ? WHERE key = 'sequence'", [str(summary["sequence"])])
        snapshot.close()
        return Bundle(path, device, d.device_id, summary["sequence"], summary["bundle_id"], revisions, crash)

    # central store, read directly

    def deliver(self, bundle: Bundle) -> importer.ImportResult:
        return importer.import_file(self.central, bundle.path)

    def dump(self) -> dict[str, list[tuple]]:
        names = [n for (n,) in self.raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: sorted(self.raw.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}

    def heads(self) -> dict[str, str]:
        return dict(self.raw.execute("SELECT case_id, head_revision_id FROM case_reads WHERE inspection_id = ?",
                                     [INSPECTION]).fetchall())

    def revisions(self) -> dict[str, dict[str, tuple[str | None, str, int]]]:
        out: dict[str, dict] = defaultdict(dict)
        for case, rev, parent, dev, seq in self.raw.execute(
                "SELECT case_id, revision_id, parent_revision_id, device_id, sequence FROM revisions"
                " WHERE inspection_id = ?", [INSPECTION]):
            out[case][rev] = (parent, dev, seq)
        return out

    def conflicts(self) -> list[tuple[int, str, str, str]]:
        return self.raw.execute("SELECT id, case_id, revision_id, against_revision_id FROM conflicts"
                                " WHERE inspection_id = ? ORDER BY id", [INSPECTION]).fetchall()


def _reaches(succ: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in succ.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _walk(rows: dict[str, tuple[str | None, str, int]], start: str | None) -> set[str]:
    """``start`` and its ancestors through the parent links the store holds (a parent
    that was named but never received ends the walk)."""
    out: set[str] = set()
    while start is not None and start not in out:
        out.add(start)
        start = rows[start][0] if start in rows else None
    return out


def orderable(rows: dict[str, tuple[str | None, str, int]], rev: str, parent: str | None, device: str, seq: int,
              head: str) -> bool:
    """Can the store order an incoming revision and its head by its documented rules:
    parent links either way, or the same device (the one that first brought the head)
    with another sequence number?"""
    return (head in _walk(rows, parent) or rev in _walk(rows, head)
            or (rows[head][1] == device and rows[head][2] != seq))


def visibly_ordered(rows: dict[str, tuple[str | None, str, int]], x: str, y: str) -> bool:
    """Could x and y be ordered (either way) from everything the store holds, chaining
    parent links and same-device order (a higher sequence from one device is a later
    snapshot of that laptop) along any path? More than the documented rules do."""
    succ: dict[str, set[str]] = defaultdict(set)
    by_device: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rev, (parent, device, seq) in rows.items():
        if parent:
            succ[parent].add(rev)
        by_device[device].append((seq, rev))
    for items in by_device.values():
        for s1, r1 in items:
            for s2, r2 in items:
                if s1 < s2:
                    succ[r1].add(r2)
    return _reaches(succ, x, y) or _reaches(succ, y, x)


# -- the state machine -------------------------------------------------------------------


class SyncMachine(RuleBasedStateMachine):
    kit: Kit  # set by the test

    def __init__(self):
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="hmip-sync-", dir=SCRATCH if SCRATCH.is_dir() else self.kit.root))
        self.world = World(self.kit, self.tmp)
        self.bundles: list[Bundle] = []
        self.delivered: list[int] = []  # bundle indexes, first deliveries, in order
        # The true history, per case: "supersedes" edges (parent -> child, and each
        # laptop's previous export -> its next export, crashed ones included).
        self.succ: dict[str, dict[str, set[str]]] = {c: defaultdict(set) for c in CASE_IDS}
        self.parent: dict[str, dict[str, str | None]] = {c: {} for c in CASE_IDS}
        self.last_export: dict[tuple[int, str], str] = {}
        # Reads whose delivered revisions once stopped being a single gap-free line.
        self.tangled: set[str] = set()

    def teardown(self):
        self.world.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def le(self, case: str, x: str, y: str) -> bool:
        """``y`` is ``x`` or supersedes it (the truth, which only the model knows)."""
        return x == y or _reaches(self.succ[case], x, y)

    def delivered_revisions(self, case: str) -> set[str]:
        return {self.bundles[i].revisions[case][0] for i in self.delivered}

    # rules (few of them, each doing a fair amount, so that deliveries are frequent)

    @rule(device=st.sampled_from((0, 1, 2, EVERYWHERE)), case=st.sampled_from(CASE_IDS),
          question=st.sampled_from(QUESTIONS), change=CHANGES)
    def edit(self, device, case, question, change):
        """An answer or a note; EVERYWHERE makes the same edit on every laptop (identical
        histories give identical revision ids, so one revision arrives from several)."""
        kind, value = change
        for d in range(3) if device == EVERYWHERE else (device,):
            if kind == "answer":
                self.world.edit(d, case, question, value)
            else:
                self.world.note(d, case, question, value)

    @rule(device=st.sampled_from((0, 1, 2, EVERYWHERE)), crash=st.sampled_from((False, False, False, True)))
    def export(self, device, crash):
        """Export on one laptop or on each in turn. ``crash``: the file is written but
        the laptop's transaction is lost (not its sequence number): the next export's
        changed reads are siblings of the crashed bundle's, with a higher sequence."""
        for d in range(3) if device == EVERYWHERE else (device,):
            self._export(d, crash)

    def _export(self, device: int, crash: bool) -> None:
        b = self.world.export(device, crash)
        for case, (rev, parent) in b.revisions.items():
            assert rev is not None
            if rev in self.parent[case]:
                assert self.parent[case][rev] == parent, "one revision id with two parents"
            self.parent[case][rev] = parent
            if parent:
                self.succ[case][parent].add(rev)
            before = self.last_export.get((device, case))
            if before is not None and before != rev:
                self.succ[case][before].add(rev)
            self.last_export[(device, case)] = rev
        same = [x for x in self.bundles if x.device == device]
        assert b.sequence == (max((x.sequence for x in same), default=0) + 1), \
            "the sequence goes up by one per export, also after a crashed one"
        self.bundles.append(b)

    @precondition(lambda self: self.bundles)
    @rule(data=st.data())
    def deliver(self, data):
        """Deliver one to three of the bundles produced so far: any of them, in any
        order, again or for the first time (those never picked are lost in transit)."""
        picks = data.draw(st.lists(st.integers(0, len(self.bundles) - 1), min_size=1, max_size=3), label="bundles")
        for index in picks:
            self._deliver(index)

    def _deliver(self, index: int) -> None:
        b = self.bundles[index]
        w = self.world
        before, heads_before, rows_before = w.dump(), w.heads(), w.revisions()
        conflicts_before = {c[0] for c in w.conflicts()}
        result = w.deliver(b)
        after = w.dump()
        if index in self.delivered:
            event("deliver: again")
            assert not result.newly_imported
            assert after == before, "delivering a bundle again changed the central store"
            return
        assert result.newly_imported and result.bundle_id == b.bundle_id
        newer = [self.bundles[i] for i in self.delivered
                 if self.bundles[i].device == b.device and self.bundles[i].sequence > b.sequence]
        self.delivered.append(index)
        heads = w.heads()
        conflicts = w.conflicts()
        for cid, case, rev, against in conflicts:
            if cid in conflicts_before:
                continue
            event("deliver: conflict")
            assert rev == b.revisions[case][0], "a conflict names a revision that was not in the bundle"
            assert against == heads_before.get(case), "a conflict must be against the head at the time"
            assert heads[case] == heads_before[case], "a conflict must leave the head where it was"
            parent = b.revisions[case][1]
            assert not orderable(rows_before[case], rev, parent, b.device_id, b.sequence, against), \
                f"false conflict on {case}: the store's own rules order the two revisions"
            if visibly_ordered({**rows_before[case], rev: (parent, b.device_id, b.sequence)}, rev, against):
                event("deliver: conflict the store could have avoided (see the xfail test)")
            if self.le(case, rev, against) or self.le(case, against, rev):
                event("deliver: conflict the store could not see through (gap)")
        for case in CASE_IDS:
            old, new = heads_before.get(case), heads[case]
            if old is not None and new != old:
                assert self.le(case, old, new), f"head of {case} moved to a revision that does not supersede it"
        if newer:
            event("deliver: older bundle after newer")
            conflicted = {rev for _, _, rev, _ in conflicts}
            for case in CASE_IDS:
                if not any(x.revisions[case][0] in conflicted for x in newer):
                    assert heads[case] == heads_before[case], \
                        f"an older bundle from the same laptop changed the head of {case}"
        for case in CASE_IDS:
            if not self._single_line(case):
                self.tangled.add(case)

    def _single_line(self, case: str) -> bool:
        """Do the delivered revisions of ``case`` form one line through parent links,
        with every revision between the oldest and the newest delivered?"""
        revs = self.delivered_revisions(case)
        parent = self.parent[case]
        for top in revs:
            path, node = [], top
            while node is not None and node in revs and node not in path:
                path.append(node)
                node = parent.get(node)
            if set(path) == revs:
                return True
        return False

    # invariants

    @invariant()
    def nothing_lost(self):
        rows = self.world.revisions()
        for case in CASE_IDS:
            missing = self.delivered_revisions(case) - set(rows.get(case, {}))
            assert not missing, f"delivered revisions of {case} are not in the central store"

    @invariant()
    def no_silent_overwrite(self):
        heads = self.world.heads()
        conflicts = self.world.conflicts()
        for case in CASE_IDS:
            revs = self.delivered_revisions(case)
            if not revs:
                continue
            head = heads[case]
            assert head in revs, "the head is a revision nobody delivered"
            sides = {r for _, c, rev, against in conflicts if c == case for r in (rev, against)}
            for x in revs:
                assert self.le(case, x, head) or any(self.le(case, x, s) for s in sides), \
                    f"revision {x[:12]} of {case} was dropped: not the head, not superseded by it, not in a conflict"

    @invariant()
    def no_false_conflict(self):
        conflicts = self.world.conflicts()
        by_case = {case for _, case, _, _ in conflicts}
        for case in CASE_IDS:
            if case not in self.tangled:
                assert case not in by_case, f"conflict on {case} although its revisions form one line"
        devices = {self.bundles[i].device for i in self.delivered}
        slots = [(self.bundles[i].device, self.bundles[i].sequence) for i in self.delivered]
        if len(devices) == 1 and len(slots) == len(set(slots)):
            assert not conflicts, "bundles from one laptop made a conflict"


@pytest.mark.slow
def test_exchange_state_machine(kit):
    run_state_machine_as_test(
        type("BoundSyncMachine", (SyncMachine,), {"kit": kit}),
        settings=settings(max_examples=200, stateful_step_count=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )


# -- the named scenarios -----------------------------------------------------------------


@pytest.fixture
def three(kit, tmp_path):
    """A central store and three laptops in the same state (not the conftest's demo world)."""
    w = World(kit, tmp_path)
    yield w
    w.close()


def test_two_devices_editing_one_read_from_the_same_base_make_one_conflict(three):
    for d in (0, 1):
        three.deliver(three.export(d))  # the same untouched reads: one revision each
    base = three.heads()["C1"]
    three.edit(0, "C1", "assess_engage", "yes")
    three.edit(1, "C1", "assess_engage", "no")
    a, b = three.export(0), three.export(1)
    assert a.revisions["C1"][1] == b.revisions["C1"][1] == base
    assert three.deliver(a).outcomes == {"head": 1, "known": 2}
    assert three.deliver(b).outcomes == {"conflict": 1, "known": 2}
    assert three.heads()["C1"] == a.revisions["C1"][0]
    assert [c[1:] for c in three.conflicts()] == [("C1", b.revisions["C1"][0], a.revisions["C1"][0])]
    assert {a.revisions["C1"][0], b.revisions["C1"][0], base} <= set(three.revisions()["C1"])


def test_newer_bundle_first_then_older_one(three):
    three.edit(0, "C1", "assess_engage", "yes")
    b1 = three.export(0)
    three.edit(0, "C1", "assess_engage", "no")
    b2 = three.export(0)
    assert b2.revisions["C1"][1] == b1.revisions["C1"][0]
    three.deliver(b2)
    assert three.deliver(b1).outcomes == {"ancestor": 1, "known": 2}
    rows = three.revisions()["C1"]
    assert three.heads()["C1"] == b2.revisions["C1"][0]
    assert rows[b2.revisions["C1"][0]][0] == b1.revisions["C1"][0] and b1.revisions["C1"][0] in rows
    assert three.conflicts() == []


def test_a_lost_bundle_in_between(three):
    revs = []
    for value in ("yes", "no", "na"):
        three.edit(0, "C1", "assess_engage", value)
        revs.append(three.export(0))
    b1, _b2, b3 = revs
    three.deliver(b1)
    assert three.deliver(b3).outcomes == {"head": 1, "known": 2}
    assert three.heads()["C1"] == b3.revisions["C1"][0]
    assert three.conflicts() == []


def test_a_crashed_export_then_edits_move_the_head_on(three):
    """A crash can leave the bundle file but lose the laptop's record of it. The next
    export's changed read is then a sibling of the crashed bundle's (same parent), with a
    higher sequence number: newer from the same device, so it becomes the head."""
    crashed = three.export(0, crash=True)
    three.deliver(crashed)
    three.edit(0, "C1", "assess_engage", "yes")
    again = three.export(0)
    assert again.sequence == crashed.sequence + 1
    assert again.revisions["C1"][1] == crashed.revisions["C1"][1] is None  # siblings
    assert again.revisions["C2"] == crashed.revisions["C2"]  # unchanged reads repeat
    assert three.deliver(again).outcomes == {"head": 1, "known": 2}
    assert three.heads()["C1"] == again.revisions["C1"][0]
    assert three.conflicts() == []


def test_one_sequence_number_twice_is_a_conflict_not_a_drop(three):
    """If one device sends two different revisions of a read under the same sequence
    number (a laptop put back from a backup after a bundle had gone out), neither is
    earlier: the later-delivered one must not be filed as an old one and dropped."""
    sent = three.export(0, restore=True)
    three.deliver(sent)
    three.edit(0, "C1", "assess_engage", "yes")
    again = three.export(0)
    assert again.sequence == sent.sequence
    assert three.deliver(again).outcomes == {"conflict": 1, "known": 2}
    assert [c[1:] for c in three.conflicts()] == [("C1", again.revisions["C1"][0], sent.revisions["C1"][0])]


@pytest.mark.xfail(strict=True, reason="known limitation: 'earlier from the same device' is judged against the "
                   "head's own device only, not against the revisions in the head's line (see the docstring)")
def test_an_old_revision_below_a_shared_one_is_not_a_conflict(three):
    """Two laptops with identical histories of C1 produce identical revisions, and the
    store records each under the device that brought it first. Laptop A's x (sequence
    3) is in the line of the head (B's child of x); A's own sequence-1 revision is older
    than x, so it is older than the head: kept on record, not a conflict. The store holds
    all it needs (x came from A with sequence 3), but it only compares sequences with
    the head's own device, and x's parent (sequence 2) never arrived, so it cannot walk
    there: it records a conflict between the untouched read and B's newest edit."""
    a = [three.export(0)]
    b = [three.export(1)]
    for value in ("yes", "no"):
        for d, out in ((0, a), (1, b)):
            three.edit(d, "C1", "assess_engage", value)
            out.append(three.export(d))
    assert a[2].revisions == b[2].revisions  # identical histories, identical revisions
    three.deliver(a[2])
    three.edit(1, "C1", "assess_engage", "na")
    b.append(three.export(1))
    three.deliver(b[3])
    assert three.deliver(a[0]).outcomes == {"ancestor": 1, "known": 2}
    assert three.conflicts() == []
