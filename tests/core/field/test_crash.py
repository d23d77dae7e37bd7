"""Crash test: a process autosaving into the field store is killed (SIGKILL) at random.

The store's contract is that a save which has *returned* survives a killed process.
A child process (``_autosave_child.py``) saves answers and notes as fast as it can and
reports each save after it returns; the parent kills it at a random moment, reopens
the same store file and checks that

* every reported save is there: the store holds exactly the state after the last
  reported save, or after the one save that follows it (which may have committed just
  before the kill without being reported) -- never an earlier value, never a later one;
* the audit log gained exactly one event per save that changed something, matching
  the data (data and audit are in one transaction), and its hash chain verifies;
* ``PRAGMA integrity_check`` is 'ok' and there are no foreign key violations.

This is repeated many times against the SAME store file, so each run starts from the
state (and WAL) the previous kill left behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from hmip_desktop.core.field import audit
from hmip_desktop.core.field.db import open_db

from tests.kill_child import kill_at

from . import _autosave_child as child

SEED = int(os.environ.get("HMIP_CRASH_SEED", "20240611"))
RUNS = 60
#: Every EARLY_EVERY-th run is killed at a random moment after spawning (usually while
#: the child is still starting or opening the store); the others at a random moment
#: after the child said it is ready, i.e. while it is saving.
EARLY_EVERY = 10
MIN_WRITING_KILLS = 50

State = dict[tuple[int, str], object]
Event = tuple[int, str, object, object]  # (case read id, target, before, after)


def _default(target: str) -> object:
    return "" if target.startswith("note:") else None


def _snapshot(db) -> State:
    """Every answer value and note in the store, without defaults (None / "")."""
    state: State = {}
    for rid, qid, value, note in db.execute("SELECT case_read_id, question_id, value, note FROM answers"):
        if value is not None:
            state[(rid, f"answer:{qid}")] = json.loads(value)
        if note != "":
            state[(rid, f"note:{qid}")] = note
    return state


def _audit_events(db, after_seq: int) -> list[tuple[int, Event, str, str]]:
    rows = db.execute(
        "SELECT seq, case_read_id, target, before, after, action, actor FROM audit_log WHERE seq > ? ORDER BY seq",
        [after_seq],
    ).fetchall()
    loads = lambda text: None if text is None else json.loads(text)  # noqa: E731
    return [(seq, (rid, target, loads(before), loads(after)), action, actor) for seq, rid, target, before, after, action, actor in rows]


def _apply(state: State, events: list[Event], rid: int, target: str, value: object) -> None:
    """What the store does with one save: change the value and log it, unless it is a no-op."""
    before = state.get((rid, target), _default(target))
    if before == value:
        return
    events.append((rid, target, before, value))
    if value == _default(target):
        state.pop((rid, target), None)
    else:
        state[(rid, target)] = value


def _describe_difference(stored: State, expected: State, base: State) -> str:
    lines = []
    for key in sorted(set(stored) | set(expected)):
        if stored.get(key, _default(key[1])) != expected.get(key, _default(key[1])):
            show = lambda v: repr(v)[:80]  # noqa: E731
            lines.append(
                f"  read {key[0]} {key[1]}: stored {show(stored.get(key))}, last reported {show(expected.get(key))}"
                f" (before the run: {show(base.get(key))})"
            )
    return "\n".join(lines)


def _run_child_and_kill(path: Path, run: int, reads: list[int], delay: float, early: bool, err_path: Path):
    """Start the child, kill it with SIGKILL after ``delay``; return (complete lines, return code, saw ready)."""
    killed = kill_at(child.__file__, [str(path), str(run), *map(str, reads)], err_path, delay, early)
    return killed.lines, killed.returncode, killed.saw_ready


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_saves_survive_sigkill(tmp_path, make_store):
    path = tmp_path / "crash.sqlite"
    store, reads_by_case = make_store(path)
    reads = sorted(reads_by_case.values())
    store.close()

    rng = random.Random(SEED)
    err_path = tmp_path / "child-stderr.txt"
    writing_kills = 0
    saves_total = 0
    unreported_commits = 0
    started = time.monotonic()

    for run in range(RUNS):
        early = run % EARLY_EVERY == EARLY_EVERY - 1
        delay = rng.uniform(0.0, 0.3) if early else rng.uniform(0.02, 0.3)
        where = f"seed {SEED}, run {run} ({'early' if early else 'after ready'} kill after {delay * 1000:.0f} ms)"

        db = open_db(path, create=False)
        base = _snapshot(db)
        base_seq = audit.head(db)[0]
        db.close()

        lines, returncode, saw_ready = _run_child_and_kill(path, run, reads, delay, early, err_path)
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        assert returncode == -signal.SIGKILL, f"{where}: the child exited by itself ({returncode}):\n{stderr}"
        if not early:
            assert saw_ready, f"{where}: the child never became ready:\n{stderr}"

        # What the child reported: saves 0..n-1, each exactly what the plan says.
        reported = [json.loads(raw) for raw in lines]
        for step, rec in enumerate(reported):
            rid, target, value = child.plan(run, step, reads)
            assert rec == {"step": step, "read": rid, "target": target, "value": value}, f"{where}: bad report {rec}"
        n = len(reported)
        saves_total += n
        if n:
            writing_kills += 1

        # The state after the n reported saves, and after the one save that may follow.
        after_n, events_n = dict(base), []
        for step in range(n):
            _apply(after_n, events_n, *child.plan(run, step, reads))
        after_next, events_next = dict(after_n), list(events_n)
        _apply(after_next, events_next, *child.plan(run, n, reads))

        db = open_db(path, create=False)
        try:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
            assert db.execute("PRAGMA foreign_key_check").fetchall() == [], where
            report = audit.verify(db)
            assert report.ok, f"{where}: audit chain broken at {report.bad_seq}: {report.reason}"

            stored = _snapshot(db)
            if stored == after_n:
                expected_events = events_n
            elif stored == after_next:
                expected_events = events_next
                unreported_commits += 1
            else:
                pytest.fail(
                    f"{where}: after {n} reported saves the store holds neither their result nor the next save's:\n"
                    + _describe_difference(stored, after_n, base)
                )

            logged = _audit_events(db, base_seq)
            assert [e for _, e, _, _ in logged] == expected_events, (
                f"{where}: the audit log does not match the saves that reached the store"
            )
            assert [seq for seq, _, _, _ in logged] == list(range(base_seq + 1, base_seq + 1 + len(logged))), where
            assert all(action == "set" and actor == "insp1" for _, _, action, actor in logged), where
            for rid in {e[0] for e in expected_events}:
                status = db.execute("SELECT status FROM case_reads WHERE id = ?", [rid]).fetchone()[0]
                assert status == "in_progress", f"{where}: read {rid} was saved but is '{status}'"
        finally:
            db.close()

    elapsed = time.monotonic() - started
    print(
        f"\ncrash test: {RUNS} kills, {writing_kills} while saving, {saves_total} reported saves, "
        f"{unreported_commits} kills landed after a commit but before its report, {elapsed:.1f}s"
    )
    assert writing_kills >= MIN_WRITING_KILLS, (
        f"only {writing_kills} of {RUNS} kills happened after the child had reported a save"
    )
