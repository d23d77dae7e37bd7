"""``hmip national consistency`` does not depend on the order bundles are imported in: a
reader who is an inspector in one inspection and a local assessor in another is counted
under each role for that inspection's judgements, and a judgement moderated twice counts
once (its latest moderation), in a format-3 bundle and, by its records' order, in a
format-2 one. Figures recomputed here from the bundles' contents."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import synthetic
from hmip_desktop.core.national.store import NationalStore

INSPECTIONS = 3
TWO_ROLES = f"{7:064d}"


def contents(secret: bytes) -> list[dict]:
    """Synthetic inspections (formats 2, 3, 2): reader TWO_ROLES reads as an inspector in
    the first and as a local assessor in the others; in each, some judgements are
    moderated a second time with the other value (the lead changing their mind)."""
    out = []
    for i in range(INSPECTIONS):
        c = synthetic.results(i, 60, 6, seed=5, standards=2)
        role = "inspector" if i == 0 else "local_assessor"
        for case in c["cases"][::3]:
            case["reader"], case["reader_role"] = TWO_ROLES, role
        mods = c["moderations"]
        for m in list(mods[:4]):
            flipped = {'"yes"': '"no"', '"no"': '"yes"', '"na"': '"yes"'}[m["moderated_value"]]
            mods.append({**m, "id": len(mods) + 1, "moderated_value": flipped,
                         "outcome": "agreed" if flipped == m["original_value"] else "changed"})
        # a moderation of the same judgement of another revision counts too
        mods.append({**mods[5], "id": len(mods) + 1, "revision_id": "1" * 64})
        out.append(synthetic.pseudonymise(c, secret) if i == 1 else c)
    return out


def expected(items: list[dict], pseudonym) -> tuple[dict, dict]:
    """(reader pseudonym -> {role: [moderated, unchanged]}, role -> [moderated, unchanged]),
    the latest record of each (case, revision, question) only; a format-2 bundle's reader
    key ids are pseudonymised as the format-3 ones are."""
    per: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    roles: dict = defaultdict(lambda: [0, 0])
    for c in items:
        case_key = "pseudonym" if c["format"] == 3 else "case_id"
        readers = {case[case_key]: (case["reader"], case["reader_role"]) for case in c["cases"]}
        latest = {}
        for m in sorted(c["moderations"], key=lambda m: m["id"]):
            latest[(m[case_key], m["revision_id"], m["question_id"])] = m
        for m in latest.values():
            reader, role = readers[m[case_key]]
            reader = pseudonym(f"reader:{reader}") if c["format"] == 2 else reader
            same = json.loads(m["original_value"]) == json.loads(m["moderated_value"])
            for cell in (per[reader][role], roles[role]):
                cell[0] += 1
                cell[1] += same
    return per, roles


def test_import_order_gives_identical_consistency(tmp_path, capsys):
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    first = tmp_path / "forward.sqlite"
    nat = NationalStore.init(first)
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    pseudonym = nat.pseudonymiser()
    items = contents(nat._pseudonym_secret())
    files = []
    for i, item in enumerate(items):
        files.append(tmp_path / f"{i}.results")
        files[-1].write_bytes(synthetic.seal(item, lead, nat.recipient))
    nat.close()
    # the same store (its keys, so the same pseudonyms) twice, before any import
    second = tmp_path / "backward.sqlite"
    shutil.copy(first, second)
    shutil.copytree(tmp_path / "forward.sqlite.keys", tmp_path / "backward.sqlite.keys")
    outputs = []
    for path, order in ((first, files), (second, files[::-1])):
        for f in order:  # one at a time, in this order
            assert main(["national", "import", str(path), str(f)]) == 0
        capsys.readouterr()
        assert main(["national", "consistency", str(path), "--json"]) == 0
        data = capsys.readouterr().out
        assert main(["national", "consistency", str(path)]) == 0
        outputs.append((data, capsys.readouterr().out))
    assert outputs[0] == outputs[1]

    data = json.loads(outputs[0][0])
    per, roles = expected(items, pseudonym)
    assert {role: [r["moderated"], r["unchanged"]] for role, r in data["roles"].items()} == {
        role: cell for role, cell in roles.items()}
    rows = {r["reader"]: r for r in data["readers"]}
    assert len(rows) == len(per)
    for key_id, by_role in per.items():
        r = rows[key_id[:16]]
        assert {role: [v["moderated"], v["unchanged"]] for role, v in r["by_role"].items()} == {
            role: cell for role, cell in by_role.items()}, key_id
        assert r["moderated"] == sum(n for n, _ in by_role.values())
        assert r["role"] == ", ".join(sorted(by_role))
    two = rows[pseudonym(f"reader:{TWO_ROLES}")[:16]]
    assert two["role"] == "inspector, local_assessor" and set(two["by_role"]) == {"inspector", "local_assessor"}
    assert two["by_role"]["inspector"]["inspections"] == 1 and two["by_role"]["local_assessor"]["inspections"] == 2
    assert f"{two['reader']} (inspector, local_assessor, " in outputs[0][1]
