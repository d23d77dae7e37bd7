"""Run the performance figures: ``python -m benchmarks [--list] [NAME...]``.

Prints one JSON object per figure, one a line, as each finishes:
``{"name", "value", "unit", "baseline", "ratio"}`` with ratio = value / baseline.
An unknown NAME is a one-line error on stderr and exit status 2 (nothing is run).
A figure that fails prints its traceback on stderr; the others still run; exit 1.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import tempfile
import traceback
from pathlib import Path

from . import registry

#: Modules of this package that are machinery, not figures.
NOT_FIGURES = {"__main__", "registry", "timing"}
#: File systems on which fsync costs nothing, so durable-write figures mean nothing.
RAM_FILESYSTEMS = {"tmpfs", "ramfs"}


def discover() -> dict[str, registry.Figure]:
    """Import every figure module of the package; the registry, in registration order."""
    package = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
        if info.name not in NOT_FIGURES and not info.name.startswith("_"):
            importlib.import_module(f"{__package__}.{info.name}")
    return registry.REGISTRY


def _fstype(path: Path) -> str | None:
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best, fstype, target = "", None, str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3:
            mount = parts[1].replace("\\040", " ")
            if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
                best, fstype = mount, parts[2]
    return fstype


def _sig(x: float, digits: int = 4) -> float:
    return float(f"{x:.{digits}g}")


def result_line(figure: registry.Figure, m: registry.Measurement) -> str:
    value, baseline = _sig(m.value), _sig(m.baseline)
    if not baseline > 0:
        raise ValueError(f"{figure.name}: baseline is {m.baseline!r}; a ratio needs a positive baseline")
    ratio = round(value / baseline, 3)
    return json.dumps({"name": figure.name, "value": value, "unit": figure.unit, "baseline": baseline, "ratio": ratio,
                       **m.extra})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    figures = discover()
    if args in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    if args == ["--list"]:
        for f in figures.values():
            print(f"{f.name} ({f.unit}): {f.measures}\n    baseline: {f.baseline}")
        return 0
    unknown = [a for a in args if a not in figures]
    if unknown:
        print(f"benchmarks: unknown figure {', '.join(unknown)} (known: {', '.join(figures)})", file=sys.stderr)
        return 2
    chosen = list(dict.fromkeys(args)) or list(figures)
    quick = registry.quick_from_env()
    failed = False
    with tempfile.TemporaryDirectory(prefix="hmip-bench-") as tmp:
        root = Path(tmp)
        fstype = _fstype(root)
        if fstype in RAM_FILESYSTEMS:
            print(f"benchmarks: warning: {root} is on {fstype}, where fsync is free; durable-write figures will "
                  "look too good (set TMPDIR to a folder on disk)", file=sys.stderr)
        for i, name in enumerate(chosen):
            figure = figures[name]
            workdir = root / f"{i:02d}-{name}"
            workdir.mkdir()
            try:
                line = result_line(figure, figure.func(registry.Context(workdir=workdir, quick=quick)))
            except Exception:
                failed = True
                print(f"benchmarks: {name} failed:", file=sys.stderr)
                traceback.print_exc()
                continue
            print(line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
