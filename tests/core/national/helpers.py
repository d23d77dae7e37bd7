"""Generated inspections for the national store's tests: ``hmip demo --id --seed`` into
one central store, each imported there, signed off by a lead and exported as results."""

from __future__ import annotations

from pathlib import Path

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import rate_inspection
from hmip_desktop.core.central.store import CentralStore, is_url
from hmip_desktop.core.exchange.keys import load_key, new_key


def install_national_key(tmp: Path, central: str, national: Path, keys: list[str]) -> Path:
    """The national store's owner issues its pseudonymisation key to the central store,
    which installs it (``hmip national issue-key`` then ``hmip central national-key``)."""
    store = CentralStore.open(central, keys_dir=Path(keys[1]) if keys else None)
    recipient = store.meta("recipient")
    store.engine.dispose()
    key_file = tmp / "national-key.age"
    assert main(["national", "issue-key", str(national), "--to", recipient, "--name", "central",
                 "--out", str(key_file)]) == 0
    assert main(["central", "national-key", central, str(key_file), *keys]) == 0
    return key_file


def demo_results(tmp: Path, central: str, count: int, national: Path, first_seed: int = 11,
                 before_sign_off=None, frameworks: dict[int, str] | None = None,
                 demo_args: tuple[str, ...] = ()) -> tuple[list[Path], Path]:
    """``count`` signed-off demo inspections (ids demo1.., seeds first_seed..) through the
    real path, the central store holding ``national``'s pseudonymisation key; returns the
    results files and the lead's key folder. ``frameworks``:
    inspection number -> a framework file for that demo (default: adult probation).
    ``demo_args``: more arguments for ``hmip demo`` (such as ``--moderations``)."""
    central_keys = tmp / "k1" / "central-store" if is_url(central) else None
    keys = ["--keys", str(central_keys)] if central_keys else []
    files = []
    lead = None
    for n in range(1, count + 1):
        iid, field, kdir = f"demo{n}", tmp / f"f{n}.sqlite", tmp / f"k{n}"
        fw = ["--framework", frameworks[n]] if frameworks and n in frameworks else []
        assert main(["demo", str(field), "--id", iid, "--seed", str(first_seed + n), *fw, "--central", central,
                     "--keys", str(kdir), *demo_args]) == 0
        bundle = tmp / f"b{n}.bundle"
        assert main(["export", str(field), "--inspection", iid, "--key", str(kdir), "--out", str(bundle)]) == 0
        assert main(["central", "import", central, str(bundle), *keys]) == 0
        if n == 1:
            install_national_key(tmp, central, national, keys)
        store = CentralStore.open(central, keys_dir=central_keys)
        try:
            if lead is None:
                lead = new_key(tmp / "lead", "Lead")
                store.enrol("Lead", "lead", (tmp / "lead" / "public.key").read_text())
            if before_sign_off is not None:
                store.engine.dispose()
                before_sign_off(central, iid)
            moderation.sign_off(store, iid, load_key(tmp / "lead"), rate_inspection(store, iid).as_json())
        finally:
            store.engine.dispose()
        out = tmp / f"r{n}.results"
        assert main(["central", "results", central, "--inspection", iid, "--key", str(tmp / "lead"),
                     "--out", str(out), *keys]) == 0
        files.append(out)
    return files, tmp / "lead"


def synthetic_national(tmp: Path, inspections: int = 8, cases: int = 80, seed: int = 3) -> tuple[Path, list[dict]]:
    """A national store of ``inspections`` synthetic results (fast: no field or central
    store), claiming the shipped adult probation framework so that the report's charts
    are banded, with a marked difference for one ethnic group on the third key question
    of each standard (so the sub-group charts have something to show) and a reconviction
    follow-up of every case. Returns the store's path and the results' content."""
    import random

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hmip_desktop.core.exchange.keys import SigningKey, public_line
    from hmip_desktop.core.frameworks.loader import forms_dir, load_file
    from hmip_desktop.core.national import synthetic
    from hmip_desktop.core.national.store import NationalStore

    fw = load_file(forms_dir() / "adult_probation.yaml")
    rng = random.Random(seed)
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    path = tmp / "national.sqlite"
    nat = NationalStore.init(path)
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    pseudonym = nat.pseudonymiser()
    contents, files, lines = [], [], ["pseudonym,reconvicted,date"]
    for i in range(inspections):
        c = synthetic.results(i, cases, 9, seed=seed, standards=3)
        c["framework"] = {**c["framework"], "id": fw.id, "version": fw.version}
        c["ratings"]["framework"] = fw.id
        for case in c["cases"]:
            if case["profile"]["ethnicity"] == "black":
                for q, v in case["judgements"].items():
                    if q.endswith("_q3") and v == "yes" and rng.random() < 0.6:
                        case["judgements"][q] = "no"
            lines.append(f"{pseudonym('case:' + case['case_id'])},{'yes' if rng.random() < 0.3 else 'no'},2028-06-30")
        contents.append(c)
        files.append(tmp / f"{i}.results")
        files[-1].write_bytes(synthetic.seal(c, lead, nat.recipient))
    nat.close()
    (tmp / "followup.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["national", "import", str(path), *map(str, files)]) == 0
    assert main(["national", "outcomes", str(path), str(tmp / "followup.csv")]) == 0
    return path, contents
