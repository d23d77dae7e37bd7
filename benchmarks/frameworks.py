"""Figures for framework files (hmip_desktop.core.frameworks)."""

from __future__ import annotations

from .registry import Context, Measurement, benchmark
from .timing import Work, compare


@benchmark(
    "framework_load",
    unit="ms",
    measures="parse and fully validate the largest framework file in forms/ (loader.validate_text, uncached)",
    baseline="PyYAML loading the same text with its fastest safe loader (libyaml CSafeLoader where present)",
)
def framework_load(ctx: Context) -> Measurement:
    import yaml

    from hmip_desktop.core.frameworks.loader import read_file, validate_text
    from hmip_desktop.core.paths import forms_dir

    files = sorted(forms_dir().glob("*.y*ml"), key=lambda p: (p.stat().st_size, p.name))
    if not files:
        raise FileNotFoundError(f"no framework files in {forms_dir()}")
    path = files[-1]
    text = read_file(path)
    fw, errors = validate_text(text, str(path))
    if errors:
        raise ValueError(f"{path} is not a valid framework:\n" + "\n".join(map(str, errors)))

    def load() -> None:
        validate_text(text, str(path))

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def bare_load() -> None:
        yaml.load(text, Loader=loader)

    value, base = compare(Work(load), Work(bare_load), ctx, repeats=21, warmup=2)
    return Measurement(value * 1000, base * 1000)
