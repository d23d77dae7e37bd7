"""A realistic, synthetic demo inspection for first run, tests and benchmarks: by
default of the adult probation framework under the id ``demo``, or of any framework file
under any id (several demo inspections can share one central store).

Everything here is invented: a fictional provider, provider-style case references,
believable profiles and plausible evidence notes. No real personal data. The content
(cases, profiles, allocation, answers, notes, states) is fully determined by the seed;
only timestamps reflect when it was made.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .field import audit, form_state
from .field.db import explained, open_db, write_transaction
from .field.edits import Target
from .files import WriteFailed, sync_folder
from .field.inspections import create_inspection
from .frameworks import Framework, load_text
from .frameworks.loader import read_file
from .paths import forms_dir
from .demo_content import caseload, fill

DEMO_ID = "demo"
FRAMEWORK_FILE = "adult_probation.yaml"
PROVIDER = "Northmoor Probation Delivery Unit (fictional)"
TITLE = "Northmoor PDU inspection (demo)"
#: Per framework id: the fictional provider, its short name (for the title) and the
#: prefix of its case references. Another framework file gets ``OTHER``.
PROVIDERS = {
    "adult_probation": (PROVIDER, "Northmoor PDU", "NM"),
    "youth_justice": ("Northmoor Youth Justice Service (fictional)", "Northmoor YJS", "NY"),
    "esi_2003": ("Northmoor Probation Area (fictional)", "Northmoor Probation Area", "NE"),
}
OTHER = ("Northmoor (fictional)", "Northmoor", "NX")
FIELDWORK = ("2026-11-16", "2026-11-27")
#: Invented provider families and regions (the national tables group by family): a demo
#: inspection's are picked by its seed, so that many demos spread over several of each.
FAMILIES = ("Metropolitan", "Urban", "Mixed urban and rural", "Rural")
REGIONS = ("North East", "North West", "Midlands", "South West", "South East", "Wales")
PROVIDER_TYPES = {"adult_probation": "pdu", "youth_justice": "yot", "esi_2003": "probation_area"}


def provider_attributes(framework_id: str, seed: int, caseload_size: int) -> dict:
    """The demo provider's attributes recorded at set-up (type, region, family, caseload size)."""
    rng = random.Random(f"provider-{seed}")
    return {"provider_type": PROVIDER_TYPES.get(framework_id, "other"), "region": rng.choice(REGIONS),
            "family": rng.choice(FAMILIES), "caseload_size": caseload_size}
SAMPLE_SIZE = 48

TEAM = [
    {"id": "lead1", "name": "Lead inspector (demo)", "role": "lead"},
    {"id": "insp1", "name": "Inspector A (demo)", "role": "inspector"},
    {"id": "insp2", "name": "Inspector B (demo)", "role": "inspector"},
    {"id": "la1", "name": "Local assessor (demo)", "role": "local_assessor"},
]
#: The inspector whose laptop the demo is when it reports to a central store (one laptop,
#: one inspector: every read on it is theirs, and their key signs its bundles).
DEMO_READER = "insp1"

def framework_file(name: str | Path | None) -> Path:
    """The framework file ``name`` (a path, or the name of a shipped one in forms/);
    the adult probation framework by default."""
    if name is None:
        return forms_dir() / FRAMEWORK_FILE
    path = Path(name)
    return path if path.exists() else forms_dir() / path.name


def _select(cases: list[dict], size: int, fw: Framework, seed: int) -> None:
    """Mark the sample and its ranked reserves with inspection set-up's own stratified
    draw (the framework's stratification attributes, quotas and minimums)."""
    from .setup.selection import draw_for_framework

    flat = [{"case_id": c["case_id"], **c["profile"]} for c in cases]
    chosen = draw_for_framework(flat, size, fw, seed=seed).selections()
    for c in cases:
        state, rank = chosen.get(c["case_id"], ("caseload", None))
        if state in ("sample", "reserve"):
            c.update(selection=state, reserve_rank=rank)


def demo_team(reader: str | None = None) -> list[dict]:
    """The whole demo team, or (``reader``) the lead and that one inspector: the team of
    a demo laptop that reports to a central store."""
    return TEAM if reader is None else [m for m in TEAM if m["role"] == "lead" or m["id"] == reader]


def create_demo(
    path: Path, *, seed: int = 2003, caseload_size: int = 420, sample_size: int = SAMPLE_SIZE,
    progress: Callable[[int, int], None] | None = None, reader: str | None = None,
    framework: str | Path | None = None, inspection_id: str = DEMO_ID,
) -> dict[str, object]:
    """Create a demo inspection of the framework file ``framework`` (default: adult
    probation) called ``inspection_id`` in the field store at ``path``; return a summary dict.

    By default the whole team's reads are on it (a tour of every role). With ``reader``
    (``DEMO_READER``) it is that inspector's laptop: the team is the lead and them, and
    every sampled case is theirs (what a central store authorises from their key).
    Raises ValueError if the store already holds an inspection of that id.
    """
    rng = random.Random(seed)
    source = framework_file(framework)
    framework_yaml = read_file(source)
    fw = load_text(framework_yaml, source.name)
    cases = caseload(fw, rng, caseload_size, PROVIDERS.get(fw.id, OTHER)[2])
    _select(cases, sample_size, fw, seed)
    sample = [c for c in cases if c["selection"] == "sample"]
    from .setup.allocation import allocate

    # Set-up's allocation: balanced, local assessors at most a third, the lead reads none.
    team = demo_team(reader)
    dealt = allocate([c["case_id"] for c in sample], team).assignments
    allocation = [(c["case_id"], dealt[c["case_id"]]) for c in sample]
    path = Path(path)
    if path.exists():  # adding the demo to a store that exists: each step is its own transaction
        with explained(path):
            return _populate(open_db(path), fw, framework_yaml, inspection_id, team, cases, allocation, rng, progress)
    # A new store is made beside the target and moved into place when complete, so that
    # a failure (a full disk) leaves no half-made store, only the one-line error.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        with explained(path):
            summary = _populate(open_db(tmp), fw, framework_yaml, inspection_id, team, cases, allocation, rng, progress)
            os.replace(tmp, path)
        sync_folder(path.parent)
    except OSError as exc:
        raise WriteFailed(path, exc) from None
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
    return summary


def _populate(db, fw: Framework, framework_yaml: str, iid: str, team: list[dict], cases: list[dict],
              allocation: list[tuple[str, str]],
          rng: random.Random, progress: Callable[[int, int], None] | None) -> dict[str, object]:
    """Create the demo inspection in the opened store ``db`` and close it; return the summary."""
    sample_size = len(allocation)
    provider, short, _ = PROVIDERS.get(fw.id, OTHER)
    try:
        create_inspection(
            db, inspection_id=iid, provider=provider, title=f"{short} inspection ({iid})", framework_yaml=framework_yaml, team=team,
            cases=cases, reads=allocation, fieldwork=FIELDWORK,
        )
        reads = list(db.execute("SELECT r.id, c.profile FROM case_reads r JOIN cases c USING (inspection_id, case_id) WHERE r.inspection_id = ? ORDER BY r.case_id", [iid]))
        states = Counter()
        with write_transaction(db):
            for i, (read_id, profile_json) in enumerate(reads):
                state = rng.choices(["complete", "in_progress", "not_started"], weights=[40, 35, 25])[0]
                states[state] += 1
                if progress:
                    progress(i + 1, len(reads))
                if state == "not_started":
                    continue
                _write_read(db, fw, iid, rng, read_id, json.loads(profile_json), state)
    finally:
        db.close()
    return {"cases": len(cases), "sample": sample_size, "reads": len(reads), "states": dict(states)}


def _write_read(db, fw: Framework, iid: str, rng: random.Random, read_id: int, profile: dict, state: str) -> None:
    answers, notes = fill(fw, rng, profile, state == "complete")
    held = rng.random() < 0.85 if state == "complete" else (rng.random() < 0.5 or None)
    actor = db.execute("SELECT reader_id FROM case_reads WHERE id = ?", [read_id]).fetchone()[0]
    now = audit.utc_now()
    for qid in answers.keys() | notes.keys():
        value = answers.get(qid)
        db.execute(
            "INSERT INTO answers (case_read_id, question_id, value, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
            [read_id, qid, None if value is None else json.dumps(value), notes.get(qid, ""), now, actor],
        )
        audit.append(db, actor=actor, action="set", inspection_id=iid, case_read_id=read_id,
                     target=str(Target("answer", qid)), before=None, after=value, at=now)
    interview_date = "2026-11-1" + str(rng.randint(7, 9)) if held else None
    db.execute(
        "UPDATE case_reads SET status = ?, interview_held = ?, interview_date = ?, updated_at = ?, completed_at = ? WHERE id = ?",
        [state, None if held is None else int(held), interview_date, now, now if state == "complete" else None, read_id],
    )
    if state == "complete":
        gaps = form_state.missing(fw, form_state.ReadValues(profile, answers, notes, bool(held)))
        assert not gaps, f"demo read {read_id} marked complete with gaps {gaps}"
        audit.append(db, actor=actor, action="complete", inspection_id=iid, case_read_id=read_id,
                     target="status", before="in_progress", after="complete", at=now)


def describe(path: Path, summary: dict[str, object], inspection_id: str = DEMO_ID) -> str:
    """A readable account of what ``create_demo`` made."""
    iid = inspection_id
    db = open_db(path, create=False)
    try:
        team = list(db.query("SELECT id, name, role FROM team_members WHERE inspection_id = ?", [iid]))
        by_reader = list(db.query(
            "SELECT reader_id, status, count(*) AS n FROM case_reads WHERE inspection_id = ? GROUP BY 1, 2 ORDER BY 1, 2", [iid]))
        events = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        insp = db.execute("SELECT provider, framework_id, framework_version FROM inspections WHERE id = ?", [iid]).fetchone()
        strata = [f.label.en.lower() for f in load_text(db.execute(
            "SELECT framework_yaml FROM inspections WHERE id = ?", [iid]).fetchone()[0], "framework").case_profile if f.stratify]
    finally:
        db.close()
    states = summary["states"]
    lines = [
        f"Demo inspection '{iid}' created in {path}",
        f"  Provider:   {insp[0]}",
        f"  Framework:  {insp[1]} version {insp[2]}",
        f"  Caseload:   {summary['cases']} synthetic cases; sample of {summary['sample']} drawn by {_listed(strata)}",
        f"  Case reads: {states.get('complete', 0)} complete, {states.get('in_progress', 0)} in progress, {states.get('not_started', 0)} not started",
        "  Team:",
    ]
    for member in team:
        mine = {r["status"]: r["n"] for r in by_reader if r["reader_id"] == member["id"]}
        reads = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(mine.items())) or "no case reads (quality assurance)"
        lines.append(f"    {member['id']:6} {member['role']:15} {reads}")
    lines.append(f"  Audit trail: {events} events (check with: hmip audit verify {path})")
    return "\n".join(lines)


def _listed(items: list[str]) -> str:
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1] if items else ""]))


def connect_central(field_path: Path, central: str, keys_dir: Path, *, seed: int = 2003,
                    inspection_id: str = DEMO_ID, moderations: bool = False) -> str:
    """Report the demo laptop at ``field_path`` (made with ``reader=DEMO_READER``) to the
    central store ``central``, initialising it only if there is none yet (another demo
    inspection may be there already): write the demo inspector's key to ``keys_dir`` and
    enrol it, set the inspection ``inspection_id`` up there as a lead would
    (``set_up_central``), and make the field store trust that central store. Returns the
    inspector's key id. With ``moderations``, also send the laptop's reads there
    (``send_and_moderate``) and record the lead's quality assurance of them."""
    from .central.store import CentralStore, is_url
    from .exchange.keys import new_key
    from .field.export import set_user, trust_central

    # A PostgreSQL store has no file to keep its keys beside: they go with the demo's.
    store_keys = keys_dir / "central-store" if is_url(central) else None
    store = CentralStore.open_or_init(central, keys_dir=store_keys)
    try:
        key = new_key(keys_dir, "Demo inspector")
        store.enrol("Demo inspector", "inspector", (keys_dir / "public.key").read_text(encoding="utf-8"))
        db = open_db(field_path)
        try:
            reader = set_up_central(store, db, key.key_id, seed=seed, inspection_id=inspection_id)
            trust_central(db, store_id=store.store_id, recipients=store.recipients(),
                          public_key=store.meta("signing_key"))
            set_user(db, reader)  # whose laptop this is, as an inspection pack records it: its exports carry these reads
            if moderations:
                send_and_moderate(store, db, key, inspection_id=inspection_id, seed=seed)
        finally:
            db.close()
    finally:
        store.engine.dispose()
    return key.key_id


def set_up_central(store, db, key_id: str, *, seed: int = 2003, inspection_id: str = DEMO_ID) -> str:
    """Set the demo inspection up at the central store ``store`` from the demo field
    store ``db``, through the lead's own set-up path: the inspection (provider, title,
    pinned framework, fieldwork dates), the team with the laptop's reader bound to the
    enrolled key ``key_id``, and the caseload drawn and allocated by
    ``setup_flow.draw`` with the demo's seed, which must give the field store's sample,
    reserves and reader per case (CentralError if not). Returns the reader's member id.
    """
    import csv
    import tempfile

    from .central import packs, setup_flow
    from .central.store import CentralError

    insp = db.execute("SELECT provider, title, framework_yaml, fieldwork_start, fieldwork_end FROM inspections"
                      " WHERE id = ?", [inspection_id]).fetchone()
    if insp is None:
        raise CentralError.of("demo.no_inspection", inspection=inspection_id)
    readers = {r for (r,) in db.execute("SELECT DISTINCT reader_id FROM case_reads WHERE inspection_id = ?", [inspection_id])}
    if len(readers) != 1:
        raise CentralError.of("demo.many_readers", count=len(readers), members=", ".join(sorted(readers)))
    [reader] = readers
    team = [{"id": m, "name": n, "role": r, "key_id": key_id if m == reader else None}
            for m, n, r in db.execute("SELECT id, name, role FROM team_members WHERE inspection_id = ?", [inspection_id])]
    cases = [(c, json.loads(p), sel, rank) for c, p, sel, rank in db.execute(
        "SELECT case_id, profile, selection, reserve_rank FROM cases WHERE inspection_id = ? ORDER BY case_id", [inspection_id])]
    fw_id = db.execute("SELECT framework_id FROM inspections WHERE id = ?", [inspection_id]).fetchone()[0]
    packs.create_inspection(store, inspection_id, insp[2], insp[0], insp[1], (insp[3], insp[4]),
                            provider_attributes(fw_id, seed, len(cases)))
    packs.set_team(store, inspection_id, team)
    fields = sorted({k for _, profile, _, _ in cases for k in profile})
    with tempfile.TemporaryDirectory() as tmp:
        caseload = Path(tmp) / "caseload.csv"
        with open(caseload, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["case_id", *fields])
            writer.writerows([c, *(profile.get(f, "") for f in fields)] for c, profile, _, _ in cases)
        setup_flow.draw(store, inspection_id, caseload, seed=seed, sample_size=sum(c[2] == "sample" for c in cases))
    drawn = {r["case_id"]: (r["selection"], r["reserve_rank"], r["reader_id"]) for r in setup_flow.sample_rows(store, inspection_id)}
    allocated = dict(db.execute("SELECT case_id, reader_id FROM case_reads WHERE inspection_id = ?", [inspection_id]).fetchall())
    on_laptop = {c: (sel, rank, allocated.get(c)) for c, _, sel, rank in cases}
    if drawn != on_laptop:
        raise CentralError.of("demo.other_draw", seed=seed)
    return reader


def send_and_moderate(store, db, key, *, inspection_id: str = DEMO_ID, seed: int = 2003) -> dict[str, int]:
    """Send the demo laptop's reads (field store ``db``) to the central store ``store``
    through the real path (a bundle signed with the inspector's ``key``, imported), then
    record a lead's quality assurance as set-up's QA sample draws it: for each sampled
    read (``moderation.qa_sample``: a fifth of an inspector's, half of a local
    assessor's), every key question it answers is moderated by the team's lead, mostly
    agreed, sometimes changed with a rationale (``demo_content.moderated_value``); each
    read's QA outcome follows. Reproducible from ``seed``. Returns counts of agreed and
    changed judgements and of reads moderated."""
    import tempfile

    from .central import importer, moderation
    from .central.answers import effective_rows, framework_for
    from .demo_content import MODERATION_RATIONALES, moderated_value
    from .field.export import export_bundle

    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / f"{inspection_id}.bundle"
        export_bundle(db, inspection_id, key, bundle)
        importer.import_file(store, bundle)
    fw = framework_for(store, inspection_id)
    lead = next(m["id"] for m in TEAM if m["role"] == "lead")
    kqs = {kq.id for kq in fw.key_questions()}
    rows: dict[str, list[dict]] = {}
    for r in effective_rows(store, inspection_id, sorted(kqs)):
        if r["value"] is not None:
            rows.setdefault(r["case_id"], []).append(r)
    rng = random.Random(f"moderation-{seed}")
    counts = Counter()
    for case in moderation.qa_sample(store, inspection_id, seed=seed):
        if not rows.get(case):  # not started: nothing to moderate yet
            continue
        changed = False
        for r in sorted(rows.get(case, []), key=lambda r: r["question_id"]):
            value = moderated_value(fw, r["question_id"], r["value"], rng)
            rationale = rng.choice(MODERATION_RATIONALES) if value != r["value"] else ""
            outcome = moderation.moderate(store, inspection_id, case, r["question_id"], value, rationale, lead, fw)
            counts[outcome] += 1
            changed |= outcome == "changed"
        moderation.finish_read(store, inspection_id, case, "changed" if changed else "agreed", "", lead)
        counts["reads"] += 1
    return dict(counts)
