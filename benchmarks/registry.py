"""The registry of performance figures.

Add a figure by writing, in any module of this package (one module per area)::

    from .registry import Context, Measurement, benchmark
    from .timing import Work, compare

    @benchmark("my_figure", unit="ms", measures="...", baseline="...")
    def my_figure(ctx: Context) -> Measurement:
        value, base = compare(Work(run=...), Work(run=...), ctx, repeats=15)
        return Measurement(value * 1000, base * 1000)

The runner (``benchmarks/__main__.py``) discovers the module, runs the function with a
fresh working folder and prints ``{"name", "value", "unit", "baseline", "ratio"}``.
Import heavy or optional libraries (Qt, reportlab) inside the function, not at module
top level, so that running other figures does not depend on them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Set (to anything but "" or "0") to make every figure do one quick repetition:
#: for tests of the machinery, never for numbers anyone reads.
QUICK_ENV = "HMIP_BENCH_QUICK"


@dataclass(frozen=True)
class Measurement:
    """What a figure returns: the application's cost and the bare library's, in ``unit``."""

    value: float
    baseline: float
    #: Further figures printed on the same line (e.g. ``peak_mb``), numbers only.
    extra: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What the runner gives a figure: its own empty working folder, and the mode."""

    workdir: Path
    quick: bool = False

    def repeats(self, normal: int) -> int:
        """How many timed repetitions to take (1 in quick mode)."""
        return 1 if self.quick else normal

    def number(self, normal: int, quick: int = 2) -> int:
        """How many operations one repetition times (``quick`` of them in quick mode)."""
        return min(normal, quick) if self.quick else normal

    def warmup(self, normal: int = 1) -> int:
        """Untimed rounds before timing starts (none in quick mode)."""
        return 0 if self.quick else normal


@dataclass(frozen=True)
class Figure:
    name: str
    unit: str
    func: Callable[[Context], Measurement]
    #: One line each: what the figure measures and what its baseline is.
    measures: str = ""
    baseline: str = ""


REGISTRY: dict[str, Figure] = {}


def benchmark(name: str, *, unit: str, measures: str = "", baseline: str = "") -> Callable:
    """Register the decorated ``func(ctx) -> Measurement`` as the figure ``name``."""

    def register(func: Callable[[Context], Measurement]) -> Callable[[Context], Measurement]:
        if name in REGISTRY:
            raise ValueError(f"benchmark '{name}' is registered twice ({REGISTRY[name].func.__module__} and {func.__module__})")
        REGISTRY[name] = Figure(name, unit, func, measures, baseline)
        return func

    return register


def quick_from_env() -> bool:
    return os.environ.get(QUICK_ENV, "") not in ("", "0")
