"""rate_inspections (the national collation's ratings, from values counted by the
database) gives exactly what rate_inspection gives for each inspection, moderations
included: a judgement moderated twice counts once, as the latest moderator's value."""

from __future__ import annotations

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import effective_rows, framework_for, rate_inspection, rate_inspections
from hmip_desktop.core.central.store import CentralStore, is_url


@pytest.mark.slow
def test_counted_ratings_equal_the_ratings_of_each_inspection(tmp_path, monkeypatch, central_location):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    c = central_location
    keys_dir = tmp_path / "k1" / "central-store" if is_url(c) else None
    keys = ["--keys", str(keys_dir)] if keys_dir else []
    ids = []
    for n, framework in ((1, None), (2, "esi_2003.yaml")):
        iid, field = f"demo{n}", tmp_path / f"f{n}.sqlite"
        fw = ["--framework", framework] if framework else []
        assert main(["demo", str(field), "--id", iid, "--seed", str(40 + n), *fw, "--central", c,
                     "--keys", str(tmp_path / f"k{n}")]) == 0
        assert main(["export", str(field), "--inspection", iid, "--key", str(tmp_path / f"k{n}"),
                     "--out", str(tmp_path / f"b{n}")]) == 0
        assert main(["central", "import", c, str(tmp_path / f"b{n}"), *keys]) == 0
        ids.append(iid)
    store = CentralStore.open(c, keys_dir=keys_dir)
    try:
        kqs = {kq.id for kq in framework_for(store, "demo1").key_questions()}
        rows = [r for r in effective_rows(store, "demo1") if r["value"] in ("yes", "no") and r["question_id"] in kqs]
        for r in rows[:8]:
            flipped = "no" if r["value"] == "yes" else "yes"
            moderation.moderate(store, "demo1", r["case_id"], r["question_id"], flipped, "changed", "lead1")
        for r in rows[:3]:  # moderated again: the latest counts
            moderation.moderate(store, "demo1", r["case_id"], r["question_id"], r["value"], "", "lead1")
        counted = rate_inspections(store, ids)
        assert counted == {i: rate_inspection(store, i) for i in ids}
        before = {i: rate_inspection(store, i).as_json() for i in ids}
        assert before["demo1"] != {}  # a real comparison: figures exist
        assert any(f["applicable"] for s in before["demo1"]["standards"] for f in s["key_questions"])
    finally:
        store.engine.dispose()
