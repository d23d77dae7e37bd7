"""The command-line contract: version, help, one-line errors and non-zero exits."""

import subprocess
import sys

import hmip_desktop
from hmip_desktop.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "hmip_desktop.cli", *args], capture_output=True, text=True)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"hmip {hmip_desktop.__version__}"


def test_every_command_has_help():
    for args in (["--help"], ["forms", "check", "--help"], ["demo", "--help"], ["audit", "verify", "--help"]):
        out = run(*args)
        assert out.returncode == 0 and "usage:" in out.stdout


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2


def test_bad_input_is_one_line_and_non_zero(tmp_path):
    out = run("forms", "check", str(tmp_path / "nope"))
    assert out.returncode == 1
    assert out.stderr.strip().count("\n") == 0 and "no such folder" in out.stderr
    out = run("demo")
    assert out.returncode == 2 and "FIELD_DB" in out.stderr


def test_demo_on_a_folder_is_refused_cleanly(tmp_path):
    out = run("demo", str(tmp_path))
    assert out.returncode == 1 and "is a folder" in out.stderr and "Traceback" not in out.stderr
