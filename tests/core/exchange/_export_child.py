"""The child process of test_export_kill: exports bundles in a loop.

Run as ``python _export_child.py FIELD_DB KEY_DIR OUT [COUNT]``. It opens the field
store, unlocks the key (HMIP_KEY_PASSPHRASE), prints ``ready``, then repeats: change
one note of one in-progress case read (so that every export carries one new revision
and really updates the store's revision bookkeeping), export inspection 'demo' to OUT
(always the same path), and, after the export has RETURNED, print (and flush) one
JSON line ``{"n", "bundle_id", "sequence", "changed"}``. It stops after COUNT exports
(exit 0), or runs until killed. The parent kills it with SIGKILL at random moments.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    from hmip_desktop.core.exchange.keys import load_key
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.export import export_bundle
    from hmip_desktop.core.field.store import FieldStore

    path, key_dir, out = argv[0], argv[1], Path(argv[2])
    count = int(argv[3]) if len(argv) > 3 else None
    db = open_db(path, create=False)
    store = FieldStore(db, "insp1")
    key = load_key(Path(key_dir))
    read_id, question_id = db.execute(
        "SELECT r.id, a.question_id FROM case_reads r JOIN answers a ON a.case_read_id = r.id"
        " WHERE r.inspection_id = 'demo' AND r.status = 'in_progress'"
        " AND r.reader_id = (SELECT value FROM settings WHERE key = 'user_id')"  # a laptop exports its user's reads
        " ORDER BY r.case_id, a.question_id LIMIT 1"
    ).fetchone()
    stdout = sys.stdout
    stdout.write("ready\n")
    stdout.flush()
    n = 0
    while count is None or n < count:
        store.set_note(read_id, question_id, f"export child {os.getpid()}, export {n}")
        summary = export_bundle(db, "demo", key, out)
        stdout.write(json.dumps({"n": n, "bundle_id": summary["bundle_id"], "sequence": summary["sequence"],
                                 "changed": summary["changed"]}) + "\n")
        stdout.flush()
        n += 1
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
