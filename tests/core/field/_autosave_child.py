"""The child process of test_crash: autosaves into a field store as fast as it can.

Run as ``python _autosave_child.py STORE RUN READ_ID...``. It opens the store, prints
``ready``, then forever saves step 0, 1, 2, ... of :func:`plan` through
``FieldStore.set_answer`` / ``FieldStore.set_note`` and, after EACH call has returned,
prints (and flushes) one JSON line ``{"step", "read", "target", "value"}``. The parent
kills it with SIGKILL at a random moment; every line it printed is a save the store
promised was durable.

The plan is a pure function of (run, step, reads) so the parent can recompute exactly
what was written, including the one save that may have committed but not been
reported. This module imports nothing heavy at module level: the parent imports it for
:func:`plan`, and the child's start-up time matters.
"""

from __future__ import annotations

import json
import sys

JUDGEMENT = ("yes", "no", "na")
NEEDS = ([], ["housing"], ["work"], ["housing", "work"])

#: (kind, question, value type) cycled over by the plan.
TARGETS = (
    ("answer", "assess_engage", "judgement"),
    ("note", "assess_engage", "text"),
    ("answer", "assess_safety", "judgement"),
    ("note", "assess_safety", "text"),
    ("answer", "licence_contacts", "number"),
    ("note", "licence_conditions", "text"),
    ("answer", "licence_needs", "needs"),
    ("answer", "licence_conditions", "judgement"),
    ("note", "assess_safety_checks", "text"),
)


def plan(run: int, step: int, reads: list[int]) -> tuple[int, str, object]:
    """(case read id, target, value) of save ``step`` of child run ``run``."""
    rid = reads[step % len(reads)]
    kind, question, vtype = TARGETS[(step // len(reads)) % len(TARGETS)]
    cycle = step // (len(reads) * len(TARGETS))  # changes each time a (read, target) comes round
    if vtype == "judgement":
        value: object = JUDGEMENT[(run + cycle) % len(JUDGEMENT)]
    elif vtype == "number":
        value = (run * 31 + step) % 101
    elif vtype == "needs":
        value = list(NEEDS[(run + cycle) % len(NEEDS)])
    else:  # a note with a counter, of varying length (sometimes several pages)
        value = f"run {run} save {step}: gwelwyd tystiolaeth ŵ " + "x" * ((step * 397) % 6000)
    return rid, f"{kind}:{question}", value


def main(argv: list[str]) -> None:
    from hmip_desktop.core.field.store import FieldStore

    path, run, reads = argv[0], int(argv[1]), [int(r) for r in argv[2:]]
    store = FieldStore.open(path, actor="insp1", create=False)
    store.framework("i1")  # load the pinned framework before the clock starts
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    step = 0
    while True:
        rid, target, value = plan(run, step, reads)
        kind, _, question = target.partition(":")
        if kind == "answer":
            store.set_answer(rid, question, value)
        else:
            store.set_note(rid, question, value)
        # The save has returned: report it, identifying exactly what was saved.
        out.write(json.dumps({"step": step, "read": rid, "target": target, "value": value}) + "\n")
        out.flush()
        step += 1


if __name__ == "__main__":
    main(sys.argv[1:])
