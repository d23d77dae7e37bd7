"""Generated inspections for the national store's tests: ``hmip demo --id --seed`` into
one central store, each imported there, signed off by a lead and exported as results."""

from __future__ import annotations

from pathlib import Path

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import rate_inspection
from hmip_desktop.core.central.store import CentralStore, is_url
from hmip_desktop.core.exchange.keys import load_key, new_key


def demo_results(tmp: Path, central: str, count: int, recipient: str, first_seed: int = 11,
                 before_sign_off=None, frameworks: dict[int, str] | None = None) -> tuple[list[Path], Path]:
    """``count`` signed-off demo inspections (ids demo1.., seeds first_seed..) through the
    real path; returns the results files and the lead's key folder. ``frameworks``:
    inspection number -> a framework file for that demo (default: adult probation)."""
    central_keys = tmp / "k1" / "central-store" if is_url(central) else None
    keys = ["--keys", str(central_keys)] if central_keys else []
    files = []
    lead = None
    for n in range(1, count + 1):
        iid, field, kdir = f"demo{n}", tmp / f"f{n}.sqlite", tmp / f"k{n}"
        fw = ["--framework", frameworks[n]] if frameworks and n in frameworks else []
        assert main(["demo", str(field), "--id", iid, "--seed", str(first_seed + n), *fw, "--central", central,
                     "--keys", str(kdir)]) == 0
        bundle = tmp / f"b{n}.bundle"
        assert main(["export", str(field), "--inspection", iid, "--key", str(kdir), "--out", str(bundle)]) == 0
        assert main(["central", "import", central, str(bundle), *keys]) == 0
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
                     "--to", recipient, "--out", str(out), *keys]) == 0
        files.append(out)
    return files, tmp / "lead"
