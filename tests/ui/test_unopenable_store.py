"""hmip-desktop on a field store it cannot open: the one-line message on stderr and in
the log (its reason, no path), exit status 1, never a dialog left waiting (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys

from hmip_desktop.core import demo
from tests.core.exchange.test_damaged_field_store import damage


def test_a_damaged_store_exits_with_the_message_instead_of_waiting(tmp_path):
    store = tmp_path / "f.sqlite"
    demo.create_demo(store)
    damage(store)
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HMIP_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-m", "hmip_desktop.ui.app", "--store", str(store)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("hmip-desktop: error:")]
    assert errors == [f"hmip-desktop: error: {store}: the field store is damaged (database disk image is malformed);"
                      " keep the file as it is and send it to your lead inspector or IT support"
                      " (case reads you have exported are safe in the central store)"]
    log = (data / "logs" / "hmip.log").read_text(encoding="utf-8")
    assert "cannot open the field store: the field store is damaged (database disk image is malformed)" in log
    assert str(tmp_path) not in log
