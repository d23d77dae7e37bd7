"""Value rules tried through a real import (issue 13, rule 2), on SQLite and PostgreSQL:
a number answer outside its question's ``min``/``max``, and a note longer than the
20,000-character cap, are refused with one line naming the bundle line, the case and
the question; the central store is unchanged (every table, row for row).

No shipped framework has a number question with bounds, so the inspection is set up on
tests/data/mini.yaml (``licence_contacts``: a number from 0 to 100) through the real
commands: ``hmip central init``, ``enrol``, ``inspection``, ``team``, ``draw``, ``pack
create``; the laptop takes the pack with ``hmip pack import``. The hostile values are
written straight into the laptop's tables (its own checks bypassed, as a buggy or
forged client would) and sent with ``hmip export``; ``hmip central import`` refuses them.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central.store import CentralStore, is_url
from hmip_desktop.core.exchange.keys import fingerprint, read_public
from tests.conftest import MINI_YAML_PATH as MINI

from .conftest import dump_store

INSPECTION = "mini-2026"
NOTE_CAP = 20_000


class Setup:
    def __init__(self, root, store: str, keys: list[str]):
        self.root, self.store, self.keys = root, store, keys

    def central(self) -> CentralStore:
        return CentralStore.open(self.store, keys_dir=self.root / "central-keys" if self.keys else None)

    def dump(self) -> dict:
        store = self.central()
        try:
            return dump_store(store)
        finally:
            store.engine.dispose()

    def laptop(self) -> sqlite3.Connection:
        return sqlite3.connect(self.root / "laptop.sqlite")

    def licence_read(self) -> tuple[int, str]:
        """(case read id, case id) of the laptop's first read of a licence case."""
        db = self.laptop()
        try:
            return db.execute("SELECT r.id, r.case_id FROM case_reads r JOIN cases c"
                              " ON c.inspection_id = r.inspection_id AND c.case_id = r.case_id"
                              " WHERE c.profile LIKE '%licence%' ORDER BY r.case_id LIMIT 1").fetchone()
        finally:
            db.close()

    def write_answer(self, read_id: int, question_id: str, value: object, note: str = "") -> None:
        """An answer written straight into the laptop's table, bypassing its checks."""
        db = self.laptop()
        try:
            with db:
                db.execute("INSERT INTO answers (case_read_id, question_id, value, note, updated_at, updated_by)"
                           " VALUES (?, ?, ?, ?, '2026-12-02T10:00:00.000000+00:00', 'insp1')"
                           " ON CONFLICT (case_read_id, question_id) DO UPDATE SET value = excluded.value,"
                           " note = excluded.note", [read_id, question_id, json.dumps(value), note])
                db.execute("UPDATE case_reads SET status = 'in_progress', updated_at = ?, edit_count = edit_count + 1"
                           " WHERE id = ?",
                           ["2026-12-02T10:00:00.000000+00:00", read_id])
        finally:
            db.close()

    def export(self, name: str) -> str:
        assert main(["export", str(self.root / "laptop.sqlite"), "--inspection", INSPECTION, "--key",
                     str(self.root / "insp"), "--out", str(self.root / name)]) == 0
        return str(self.root / name)

    def import_(self, bundle: str) -> int:
        return main(["central", "import", self.store, bundle, *self.keys])


@pytest.fixture
def mini(tmp_path, monkeypatch, capsys, central_location) -> Setup:
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    c = central_location
    keys = ["--keys", str(tmp_path / "central-keys")] if is_url(c) else []
    assert main(["central", "init", c, *keys]) == 0
    ids = {}
    for name, role in (("lead", "lead"), ("insp", "inspector")):
        assert main(["keys", "new", "--name", name, "--out", name]) == 0
        assert main(["central", "enrol", c, "--name", name, "--role", role, "--public-key", f"{name}/public.key",
                     *keys]) == 0
        ids[name] = fingerprint(read_public(tmp_path / name)[0])
    assert main(["central", "inspection", c, "--id", INSPECTION, "--framework", str(MINI), "--provider",
                 "Test probation service", "--title", "Mini", "--start", "2026-12-01", "--end", "2026-12-12",
                 *keys]) == 0
    (tmp_path / "team.csv").write_text(f"id,name,role,key_id\nlead1,Lead,lead,{ids['lead']}\n"
                                       f"insp1,Inspector,inspector,{ids['insp']}\n", encoding="utf-8")
    assert main(["central", "team", c, "--inspection", INSPECTION, "team.csv", *keys]) == 0
    rows = [f"M-{i:03d},{'male' if i % 3 else 'female'},{'licence' if i % 2 else 'community_order'},"
            f"{'low' if i % 4 else 'high'}" for i in range(12)]
    (tmp_path / "caseload.csv").write_text("case_id,gender,disposal_type,risk_level\n" + "\n".join(rows) + "\n",
                                           encoding="utf-8")
    assert main(["central", "draw", c, "--inspection", INSPECTION, "caseload.csv", "--seed", "7", "--size", "6",
                 *keys]) == 0
    assert main(["pack", "create", c, "--inspection", INSPECTION, "--key", "lead", "--out", "mini.pack", *keys]) == 0
    assert main(["pack", "import", "laptop.sqlite", "mini.pack", "--key", "insp", "--trust", ids["lead"][:16]]) == 0
    capsys.readouterr()
    return Setup(tmp_path, c, keys)


def _refused(mini: Setup, capsys, bundle: str, *expected: str) -> str:
    before = mini.dump()
    capsys.readouterr()
    assert mini.import_(bundle) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for text in expected:
        assert text in err, f"{text!r} not in {err!r}"
    assert mini.dump() == before, "a refused bundle changed the central store"
    return err


@pytest.mark.parametrize("value,rule", [(101, "100"), (-1, "0"), (100.5, "100")])
def test_a_number_outside_its_questions_bounds_is_refused(mini: Setup, capsys, value, rule):
    read_id, case_id = mini.licence_read()
    mini.write_answer(read_id, "licence_contacts", 100)  # the bound itself is allowed ...
    assert mini.import_(mini.export("ok.bundle")) == 0
    mini.write_answer(read_id, "licence_contacts", value)  # ... one step past it is not
    err = _refused(mini, capsys, mini.export("bad.bundle"), f"case {case_id}", "licence_contacts", rule)
    assert "case_reads.jsonl:" in err


def test_a_note_longer_than_the_cap_is_refused(mini: Setup, capsys):
    read_id, case_id = mini.licence_read()
    mini.write_answer(read_id, "assess_engage", "yes", "n" * NOTE_CAP)  # the cap itself is allowed ...
    assert mini.import_(mini.export("ok.bundle")) == 0
    mini.write_answer(read_id, "assess_engage", "yes", "n" * (NOTE_CAP + 1))  # ... one more character is not
    err = _refused(mini, capsys, mini.export("bad.bundle"), f"case {case_id}", "assess_engage", str(NOTE_CAP))
    assert "case_reads.jsonl:" in err
