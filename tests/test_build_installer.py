"""The self-test and the installer build's own logic, fast and in-process.

Freezing the application takes a minute, so it is not done here: CI does it through
.ci/run (build_installer.py), which runs the frozen application's --self-test.
"""

from __future__ import annotations

import os
import sys
import tarfile
from pathlib import Path

import pytest

import build_installer
from hmip_desktop.ui import selftest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def offscreen(monkeypatch, tmp_path):
    """Qt offscreen, a private data folder and no passphrase in the environment (the
    self-test sets one for its run and must take it away again)."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("HMIP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HMIP_KEY_PASSPHRASE", raising=False)
    monkeypatch.delenv("HMIP_FORMS_DIR", raising=False)


def test_every_step_of_the_self_test_passes_in_process(offscreen, qapp):
    style, name = qapp.styleSheet(), qapp.applicationName()
    lines: list[str] = []
    try:
        assert selftest.run(lines.append) == 0, "\n".join(lines)
    finally:  # the self-test styles the shared QApplication as the real one is: undo that
        qapp.setStyleSheet(style)
        qapp.setApplicationName(name)
    names = [name for name, _ in selftest.STEPS]
    for name in names:
        assert f"ok: {name}" in "\n".join(lines), f"no ok line for '{name}':\n" + "\n".join(lines)
    assert not [line for line in lines if line.startswith("FAILED")]
    assert lines[-1] == f"self-test passed: {len(names)} steps"
    assert "HMIP_KEY_PASSPHRASE" not in os.environ, "the random passphrase must not outlive the self-test"
    assert any("main window" in line and "48 case reads listed" in line for line in lines)


def test_a_failing_step_stops_the_run_and_is_named(monkeypatch):
    ran = []

    def fine(ctx):
        ran.append("fine")
        return "fine"

    def broken(ctx):
        raise RuntimeError("the migrations are missing\nsecond line")

    def never(ctx):
        ran.append("never")

    monkeypatch.setattr(selftest, "STEPS", [("first", fine), ("second", broken), ("third", never)])
    lines: list[str] = []
    assert selftest.run(lines.append) != 0
    assert ran == ["fine"], "no step runs after the first failure"
    assert "ok: first (fine)" in lines
    assert "FAILED: second: RuntimeError: the migrations are missing" in lines
    assert not any(line.startswith("ok: third") for line in lines)
    assert not any("self-test passed" in line for line in lines)


def test_central_store_migrations_not_shipped_fail_the_central_step(offscreen, monkeypatch, tmp_path):
    """What a frozen build that forgot Alembic's files looks like: the step says so."""
    from hmip_desktop.core.central import store

    monkeypatch.setattr(store, "ALEMBIC_DIR", tmp_path / "not-shipped")
    lines: list[str] = []
    assert selftest.run(lines.append) == 1
    failed = [line for line in lines if line.startswith("FAILED")]
    assert len(failed) == 1 and failed[0].startswith("FAILED: initialise a central store: "), lines
    assert "ok: make an inspector key" in "\n".join(lines)


def test_hmip_desktop_self_test_flag_runs_the_self_test(monkeypatch):
    from hmip_desktop.ui import app

    monkeypatch.setattr(selftest, "main", lambda: 3)
    assert app.main(["--self-test"]) == 3


def test_a_windowed_build_writes_the_report_to_the_log_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HMIP_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(selftest, "STEPS", [("only", lambda ctx: None)])
    monkeypatch.setattr(sys, "stdout", None)
    assert selftest.main() == 0
    text = (tmp_path / "logs" / "self-test.txt").read_text(encoding="utf-8")
    assert "ok: only" in text and "self-test passed: 1 steps" in text


# -- build_installer.py, without freezing ----------------------------------------------------


def fake_app(folder: Path, script: str) -> Path:
    """A folder shaped like PyInstaller's, whose 'executable' is a shell script."""
    (folder / "_internal" / "PySide6" / "Qt" / "lib").mkdir(parents=True)
    (folder / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6").write_bytes(b"q" * 5000)
    (folder / "_internal" / "big.so").write_bytes(b"b" * 3000)
    (folder / "_internal" / "pkg").mkdir()
    (folder / "_internal" / "pkg" / "mod.pyc").write_bytes(b"m" * 100)
    exe = folder / "hmip-desktop"
    exe.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    exe.chmod(0o755)
    return folder


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake executable is a shell script")


@posix_only
def test_a_failing_frozen_self_test_fails_the_build_naming_the_step(tmp_path, capsys):
    folder = fake_app(tmp_path / "hmip-desktop", 'echo "ok: load every framework"\n'
                      'echo "FAILED: initialise a central store: CommandError: Path doesn\'t exist"\nexit 1\n')
    with pytest.raises(build_installer.BuildFailed, match="FAILED: initialise a central store: CommandError"):
        build_installer.self_test(folder)
    assert "ok: load every framework" in capsys.readouterr().out


@posix_only
def test_a_passing_frozen_self_test_is_checked_for_its_closing_line(tmp_path):
    build_installer.self_test(fake_app(tmp_path / "a" / "hmip-desktop", 'echo "self-test passed: 12 steps"\n'))
    silent = fake_app(tmp_path / "b" / "hmip-desktop", "exit 0\n")  # exit 0 alone proves nothing
    with pytest.raises(build_installer.BuildFailed, match="no FAILED line"):
        build_installer.self_test(silent)


@posix_only
def test_self_test_runs_offscreen_with_a_temporary_data_folder(tmp_path, capsys):
    folder = fake_app(tmp_path / "hmip-desktop", 'echo "platform=$QT_QPA_PLATFORM data=$HMIP_DATA_DIR"\n'
                      'echo "self-test passed: 1 steps"\n')
    build_installer.self_test(folder)
    out = capsys.readouterr().out
    assert "platform=offscreen" in out
    data = out.split("data=")[1].split()[0]
    assert data and not Path(data).exists(), "the temporary data folder is removed afterwards"


@posix_only
def test_archive_is_versioned_keeps_the_executable_bit_and_unpacks(tmp_path):
    folder = fake_app(tmp_path / "dist" / "hmip-desktop", 'echo "self-test passed: 1 steps"\n')
    archive = build_installer.make_archive(folder, tmp_path / "dist", "9.8.7")
    system, machine = build_installer.platform_tag()
    assert archive.name == f"hmip-desktop-9.8.7-{system}-{machine}.tar.gz"
    with tarfile.open(archive) as tf:
        member = tf.getmember("hmip-desktop-9.8.7/hmip-desktop")
        assert member.mode & 0o111
    unpacked = build_installer.unpack(archive, tmp_path / "unpacked")
    assert unpacked.name == "hmip-desktop-9.8.7"
    build_installer.self_test(unpacked)


def test_sizes_and_largest_parts(tmp_path):
    folder = fake_app(tmp_path / "hmip-desktop", "")
    parts = build_installer.largest_parts(folder, count=3)
    assert parts[0] == (5000, "_internal/PySide6/Qt/lib")  # Qt split into its parts, not one lump
    assert parts[1] == (3000, "_internal/big.so")
    assert build_installer.folder_size(folder) == 5000 + 3000 + 100 + (folder / "hmip-desktop").stat().st_size
    assert build_installer.largest_files(folder, count=1) == [(5000, "_internal/PySide6/Qt/lib/libQt6Core.so.6")]


def test_version_is_the_package_version():
    import hmip_desktop

    assert build_installer.version() == hmip_desktop.__version__


def test_ci_builds_and_self_tests_the_installer_after_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert "./scripts/test" in lines and ".venv/bin/python build_installer.py" in lines
    assert lines.index("./scripts/test") < lines.index(".venv/bin/python build_installer.py")


def test_the_spec_ships_every_data_file_the_application_reads():
    """The spec's explicit list covers each folder read at run time (the frozen self-test
    proves the rest)."""
    spec = (ROOT / "packaging" / "hmip_desktop.spec").read_text(encoding="utf-8")
    for pattern in ('"forms/*.yaml"', '"resources/style.qss"', '"resources/translations/*.qm"',
                    '"hmip_desktop/core/central/alembic"', '/versions/*.py"', '/env.py"'):
        assert pattern in spec, pattern


def test_report_fonts_not_shipped_fail_the_pdf_step(offscreen, monkeypatch, tmp_path, qapp):
    """A build that left out the report fonts must not pass on a machine that happens to
    have DejaVu Sans installed."""
    from hmip_desktop.core.reports import style

    monkeypatch.setattr(style, "FONT_DIR", tmp_path / "not-shipped")
    lines: list[str] = []
    assert selftest.run(lines.append) == 1
    failed = [line for line in lines if line.startswith("FAILED")]
    assert failed and failed[0].startswith("FAILED: render the PDF report: RuntimeError: the report fonts are not shipped")
