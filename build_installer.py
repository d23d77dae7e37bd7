"""Freeze hmip-desktop into an application folder, package it, and prove that it works.

    python build_installer.py [--skip-archive] [--skip-self-test] [--dist DIR] [--work DIR]

Run it with the Python of the project's virtual environment (``.venv/bin/python`` on
Linux and macOS, ``.venv\\Scripts\\python.exe`` on Windows) after installing the
project into it (``./scripts/run`` or ``pip install -e .``). It:

1. installs PyInstaller into that environment if it is missing;
2. freezes the application with ``packaging/hmip_desktop.spec`` (one folder,
   ``--noconfirm --clean``) into ``dist/hmip-desktop/``: the executable, a VERSION
   file and ``_internal/`` with Python, Qt, the frameworks, style sheet, compiled
   translations and the central store's migration scripts;
3. packages that folder for the platform it runs on (PyInstaller cannot cross-build):

   * Linux: ``dist/hmip-desktop-<version>-linux-<machine>.tar.gz``;
   * Windows: ``dist/hmip-desktop-<version>-windows-<machine>.zip`` and, if Inno Setup's
     compiler ``iscc`` is on PATH (Inno Setup 6: https://jrsoftware.org/isinfo.php),
     the installer ``dist/hmip-desktop-<version>-setup.exe`` from
     ``packaging/hmip-desktop.iss``;
   * macOS: ``dist/hmip-desktop.app``, ``dist/hmip-desktop-<version>-macos-<machine>.tar.gz``
     and, with ``hdiutil`` (every Mac has it), the disk image
     ``dist/hmip-desktop-<version>-macos-<machine>.dmg``;

   (packaging/README.md has the details, and how to sign and notarise);

4. runs ``hmip-desktop --self-test`` on what it built, on Qt's offscreen platform with a
   temporary data folder (on Linux from the unpacked archive, so what is tested is what
   ships), and fails loudly, exit code 1 and the failing step printed, if it fails;
   a failed build's archive is deleted so that it cannot be shipped by mistake;
5. prints the size of the folder and of the archive, and the largest parts.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "packaging" / "hmip_desktop.spec"
ISS = ROOT / "packaging" / "hmip-desktop.iss"
APP = "hmip-desktop"
PYINSTALLER = "pyinstaller>=6.10,<7"
SELF_TEST_TIMEOUT = 600  # seconds; the self-test takes a few seconds


class BuildFailed(Exception):
    """A step of the build failed; the message says which and why."""


def version() -> str:
    text = (ROOT / "hmip_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def platform_tag() -> tuple[str, str]:
    """(system, machine) for file names: ('linux', 'x86_64'), ('windows', 'amd64'), ('macos', 'arm64')."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux" if sys.platform.startswith("linux")
                                                        else sys.platform)
    return system, platform.machine().lower() or "unknown"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def ensure_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        say(f"installing {PYINSTALLER} into {sys.prefix}")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PYINSTALLER], check=True)


def freeze(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the application folder."""
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
           "--distpath", str(dist), "--workpath", str(work), "--log-level", "WARN"]
    say("freezing: " + " ".join(cmd))
    if subprocess.run(cmd, cwd=ROOT).returncode != 0:
        raise BuildFailed("PyInstaller failed (its messages are above)")
    folder = dist / APP
    if not executable(folder).exists():
        raise BuildFailed(f"PyInstaller finished but {executable(folder)} is missing")
    return folder


def executable(folder: Path) -> Path:
    return folder / (f"{APP}.exe" if sys.platform == "win32" else APP)


# -- packaging ---------------------------------------------------------------------------


def make_archive(folder: Path, dist: Path, ver: str) -> Path:
    system, machine = platform_tag()
    top = f"{APP}-{ver}"  # the folder a user gets when unpacking: the version in its name
    if system == "windows":
        out = dist / f"{APP}-{ver}-windows-{machine}.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(folder.rglob("*")):
                zf.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
        return out
    out = dist / f"{APP}-{ver}-{system}-{machine}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tf:
        tf.add(folder, arcname=top)  # keeps the executable bit and Qt's symlinks
    return out


def make_installer(folder: Path, dist: Path, ver: str) -> Path | None:
    """The platform's installer: Inno Setup on Windows, a .dmg on macOS; None elsewhere
    or where the tool is missing (said, not fatal: the archive is still there)."""
    if sys.platform == "win32":
        iscc = shutil.which("iscc") or shutil.which("ISCC")
        if iscc is None:
            say("Inno Setup's iscc is not on PATH: no setup.exe (install Inno Setup 6 and add it to PATH)")
            return None
        cmd = [iscc, f"/DAppVersion={ver}", f"/DSourceDir={folder}", f"/O{dist}", str(ISS)]
        say("installer: " + " ".join(cmd))
        if subprocess.run(cmd).returncode != 0:
            raise BuildFailed("Inno Setup failed (its messages are above)")
        return dist / f"{APP}-{ver}-setup.exe"
    if sys.platform == "darwin":
        app = folder.parent / f"{APP}.app"
        hdiutil = shutil.which("hdiutil")
        if hdiutil is None or not app.exists():
            say("hdiutil or the .app bundle is missing: no .dmg")
            return None
        _, machine = platform_tag()
        out = dist / f"{APP}-{ver}-macos-{machine}.dmg"
        staging = Path(tempfile.mkdtemp(prefix="hmip-dmg-"))
        try:  # the .app and a link to /Applications, to drag it onto
            shutil.copytree(app, staging / app.name, symlinks=True)
            (staging / "Applications").symlink_to("/Applications")
            cmd = [hdiutil, "create", "-volname", f"{APP} {ver}", "-srcfolder", str(staging), "-ov",
                   "-format", "UDZO", str(out)]
            say("disk image: " + " ".join(cmd))
            if subprocess.run(cmd).returncode != 0:
                raise BuildFailed("hdiutil failed (its messages are above)")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return out
    return None


# -- the self-test -----------------------------------------------------------------------


def unpack(archive: Path, into: Path) -> Path:
    """Unpack ``archive`` into ``into``; return the application folder inside."""
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(into)
    else:
        with tarfile.open(archive) as tf:
            if hasattr(tarfile, "tar_filter"):  # Python 3.11.4 and later: refuse unsafe members
                tf.extractall(into, filter="tar")
            else:
                tf.extractall(into)
    return next(p for p in into.iterdir() if p.is_dir())


def self_test(folder: Path) -> None:
    """Run ``hmip-desktop --self-test`` in ``folder``; raise BuildFailed naming the step."""
    exe = executable(folder)
    if sys.platform == "darwin" and (folder.parent / f"{APP}.app").exists() and folder.name == APP:
        exe = folder.parent / f"{APP}.app" / "Contents" / "MacOS" / APP  # what is shipped on a Mac
    data = Path(tempfile.mkdtemp(prefix="hmip-selftest-data-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HMIP_DATA_DIR": str(data)}
    env.pop("HMIP_FORMS_DIR", None)  # the frozen application must use its own forms
    say(f"self-test: {exe} --self-test")
    started = time.monotonic()
    try:
        try:
            proc = subprocess.run([str(exe), "--self-test"], env=env, cwd=data, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=SELF_TEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise BuildFailed(f"the self-test did not finish within {SELF_TEST_TIMEOUT} s") from None
        output = proc.stdout
        report_file = data / "logs" / "self-test.txt"  # a windowed build has no console
        if not output.strip() and report_file.exists():
            output = report_file.read_text(encoding="utf-8")
        print(output.rstrip())
        if proc.stderr.strip():
            print("(stderr)\n" + proc.stderr.rstrip())
        if proc.returncode != 0 or "self-test passed" not in output:
            failed = next((line for line in output.splitlines() if line.startswith("FAILED:")), None)
            raise BuildFailed(f"the frozen application failed its self-test (exit code {proc.returncode}): "
                              + (failed or "no FAILED line; see the output above"))
    finally:
        shutil.rmtree(data, ignore_errors=True)
    say(f"self-test passed in {time.monotonic() - started:.1f} s")


# -- sizes -------------------------------------------------------------------------------


def megabytes(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(folder: Path, count: int = 10) -> list[tuple[int, str]]:
    """The ``count`` largest parts: each package folder in _internal (PySide6's Qt
    split into its libraries and plugins) or loose file, with its size."""
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    parts: list[tuple[int, str]] = []
    for entry in internal.iterdir():
        if entry.name == "PySide6" and (entry / "Qt").is_dir():
            for sub in [*(entry / "Qt").iterdir(), *(e for e in entry.iterdir() if e.name != "Qt")]:
                size = sub.stat().st_size if sub.is_file() else folder_size(sub)
                parts.append((size, sub.relative_to(folder).as_posix()))
            continue
        if entry.is_dir():
            parts.append((folder_size(entry), entry.relative_to(folder).as_posix() + "/"))
        elif not entry.is_symlink():
            parts.append((entry.stat().st_size, entry.relative_to(folder).as_posix()))
    for entry in folder.iterdir():
        if entry.is_file() and entry != internal:
            parts.append((entry.stat().st_size, entry.name))
    return sorted(parts, reverse=True)[:count]


def largest_files(folder: Path, count: int = 10) -> list[tuple[int, str]]:
    files = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sorted(files, reverse=True)[:count]


def report_sizes(folder: Path, packages: list[Path]) -> None:
    print()
    say(f"application folder {folder}: {megabytes(folder_size(folder))}")
    for pkg in packages:
        say(f"{pkg.name}: {megabytes(pkg.stat().st_size)}")
    say("largest parts of the folder:")
    for size, name in largest_parts(folder):
        print(f"    {megabytes(size):>10}  {name}")
    say("largest files:")
    for size, name in largest_files(folder):
        print(f"    {megabytes(size):>10}  {name}")


# -- main --------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-archive", action="store_true", help="no archive or installer: only the folder")
    parser.add_argument("--skip-self-test", action="store_true", help="do not run the frozen self-test (not in CI)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the results go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build/)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    ver = version()
    dist, work = args.dist.resolve(), args.work.resolve()
    say(f"building {APP} {ver} for {'-'.join(platform_tag())} with Python {platform.python_version()}")
    packages: list[Path] = []
    try:
        ensure_pyinstaller()
        folder = freeze(dist, work)
        say(f"frozen in {time.monotonic() - started:.0f} s: {folder}")
        if not args.skip_archive:
            packages.append(make_archive(folder, dist, ver))
            say(f"archive: {packages[-1]}")
            installer = make_installer(folder, dist, ver)
            if installer is not None:
                packages.append(installer)
                say(f"installer: {installer}")
        if not args.skip_self_test:
            if packages and packages[0].suffix in (".gz", ".zip") and sys.platform != "darwin":
                with tempfile.TemporaryDirectory(prefix="hmip-unpacked-") as tmp:
                    say(f"unpacking {packages[0].name} to self-test what ships")
                    self_test(unpack(packages[0], Path(tmp)))
            else:
                self_test(folder)
    except (BuildFailed, subprocess.CalledProcessError) as exc:
        for pkg in packages:  # never leave something that failed its self-test to be shipped
            pkg.unlink(missing_ok=True)
        print(f"\n{'!' * 78}\nBUILD FAILED: {exc}\n{'!' * 78}", file=sys.stderr, flush=True)
        return 1
    report_sizes(folder, packages)
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
