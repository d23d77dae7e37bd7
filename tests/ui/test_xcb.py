"""Smoke test on Qt's REAL xcb platform (an X server, as on a Linux desktop), not offscreen.

A private Xvfb server is started; ``hmip-desktop`` runs against it as a separate process;
its window must appear (found by title with xdotool) and close cleanly on Ctrl+Q. A
shared library that Qt's xcb plugin needs and this machine lacks makes the application
abort at start: that FAILS here, naming the Debian packages (scripts/debian-packages)
that ``scripts/test`` and ``scripts/run`` install. Linux only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is X11 (Linux)")

REPO = Path(__file__).resolve().parents[2]
PACKAGES = [line.strip() for line in (REPO / "scripts" / "debian-packages").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
TITLE = "hmip-desktop: case reading"


def _need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: install Debian's {package} package (scripts/test does this as root)",
                    pytrace=False)
    return path


def _until(check, timeout: float, what: str):
    """Poll ``check`` (another process's state: there is no Qt signal to wait on) until it is truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


@pytest.fixture
def xserver(tmp_path):
    """A private Xvfb on a display number it picks itself; stopped afterwards. With
    ``-displayfd`` Xvfb writes that number only once it accepts connections, so nothing
    races its start-up (a socket file can exist before the server answers)."""
    xvfb = _need("Xvfb", "xvfb")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "xvfb.log", "wb"), pass_fds=(write_end,))
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read_end, 16)
            if not chunk:
                break
            number += chunk
        if not number.strip():
            pytest.fail(f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text(errors='replace')[-500:]}",
                        pytrace=False)
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _missing_libraries() -> list[str]:
    """Shared libraries Qt's xcb platform plugin cannot find (ldd), for the failure message."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    found = []
    for lib in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        if lib.exists() and shutil.which("ldd"):
            out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True).stdout
            found += [line.split()[0] for line in out.splitlines() if "not found" in line]
    return sorted(set(found))


def test_the_window_opens_and_closes_on_a_real_x_server(xserver, demo_path, tmp_path):
    xdotool = _need("xdotool", "xdotool")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xserver, "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    err = tmp_path / "stderr.txt"
    proc = subprocess.Popen([sys.executable, "-m", "hmip_desktop.ui.app", "--store", str(demo_path), "--lang", "en"],
                            env=env, stdout=subprocess.DEVNULL, stderr=open(err, "wb"))
    try:
        def shown():
            if proc.poll() is not None:
                missing = _missing_libraries()
                pytest.fail(f"hmip-desktop exited with {proc.returncode} on the xcb platform"
                            + (f"; missing libraries: {', '.join(missing)}" if missing else "")
                            + f"; Qt needs the Debian packages {' '.join(PACKAGES)}\n" + err.read_text()[-2000:],
                            pytrace=False)
            found = subprocess.run([xdotool, "search", "--onlyvisible", "--name", TITLE], env=env,
                                   capture_output=True, text=True).stdout.split()
            return found[0] if found else None

        window = _until(shown, 60, "the window to appear")
        geometry = subprocess.run([xdotool, "getwindowgeometry", window], env=env, capture_output=True, text=True).stdout
        assert "Geometry:" in geometry
        # Close it as a user would: Ctrl+Q to the focused window.
        subprocess.run([xdotool, "windowfocus", "--sync", window], env=env, check=True)
        subprocess.run([xdotool, "key", "--clearmodifiers", "ctrl+q"], env=env, check=True)
        assert proc.wait(timeout=30) == 0, err.read_text()[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert "Traceback" not in err.read_text()


def test_the_readme_names_every_package_qt_needs():
    readme = (REPO / "README.md").read_text()
    assert [p for p in PACKAGES if p not in readme] == []
