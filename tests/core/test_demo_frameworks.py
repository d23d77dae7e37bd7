"""``hmip demo --framework FILE --id ID``: a demo inspection of every shipped framework,
several of them in one central store, each exported, imported and rated end to end."""

import json

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core import demo
from hmip_desktop.core.central.store import is_url
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.store import FieldStore

def framework_of(path, inspection_id):
    store = FieldStore.open(path, create=False)
    try:
        return store.framework(inspection_id)
    finally:
        store.close()


#: (framework file as a user would name it, inspection id)
DEMOS = [
    (None, "demo"),
    ("forms/youth_justice.yaml", "youth-demo"),
    ("forms/esi_2003.yaml", "esi-demo"),
]


def test_every_framework_end_to_end_in_one_central_store(tmp_path, monkeypatch, central_location, capsys):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    store_keys = ["--keys", "k0/central-store"] if is_url(central_location) else []
    for i, (framework, iid) in enumerate(DEMOS):
        chosen = ["--framework", framework] if framework else []
        assert main(["demo", f"f{i}.sqlite", *chosen, "--id", iid, "--central", central_location, "--keys", f"k{i}"]) == 0
        out = capsys.readouterr().out
        assert f"Demo inspection '{iid}' created" in out and f"demo inspection '{iid}' set up" in out
        assert main(["export", f"f{i}.sqlite", "--inspection", iid, "--key", f"k{i}", "--out", f"{iid}.bundle"]) == 0
    bundles = [f"{iid}.bundle" for _, iid in DEMOS]
    assert main(["central", "import", central_location, *bundles, *store_keys]) == 0
    imported = capsys.readouterr().out
    for _, iid in DEMOS:
        assert f"{iid}: 48 case reads now current" in imported
    frameworks = {}
    for i, (_, iid) in enumerate(DEMOS):
        assert main(["central", "ratings", central_location, "--inspection", iid, "--json"]) == 0
        ratings = json.loads(capsys.readouterr().out)
        overall = ratings["overall"]
        assert overall.get("percent") is not None or overall.get("rating") is not None, (iid, overall)
        frameworks[iid] = framework_of(tmp_path / f"f{i}.sqlite", iid).id
    assert frameworks == {"demo": "adult_probation", "youth-demo": "youth_justice", "esi-demo": "esi_2003"}


@pytest.mark.parametrize("framework", ["youth_justice.yaml", "esi_2003.yaml"])
def test_demo_values_fit_the_framework(tmp_path, framework):
    """Profiles from the framework's own scales; answers of each question's own type."""
    from hmip_desktop.core.field.values import answer_value, profile_value

    path = tmp_path / "f.sqlite"
    demo.create_demo(path, seed=5, framework=framework, inspection_id="x")
    fw = framework_of(path, "x")
    db = open_db(path)
    try:
        for (profile,) in db.execute("SELECT profile FROM cases"):
            for key, value in json.loads(profile).items():
                assert profile_value(fw, fw.profile_field(key), value, key) == value
        answers = list(db.execute("SELECT question_id, value FROM answers WHERE value IS NOT NULL"))
        sample = [json.loads(p) for (p,) in db.execute("SELECT profile FROM cases WHERE selection = 'sample'")]
    finally:
        db.close()
    assert answers
    for qid, value in answers:
        answer_value(fw, fw.question(qid).answer, json.loads(value), qid)
    if framework == "esi_2003.yaml":  # the group quota: 20 high or very high per 100, at least 10 in 48
        assert sum(p["risk_level"] in ("high", "very_high") for p in sample) >= 10


def test_demo_of_an_unknown_framework_file_is_one_line(tmp_path, capsys):
    assert main(["demo", str(tmp_path / "f.sqlite"), "--framework", "nope.yaml"]) != 0
    err = capsys.readouterr().err.strip()
    assert "nope.yaml: no such framework file" in err and "\n" not in err
