"""Timing the application's work against the bare library's, interleaved.

Both sides are timed in the same process, alternately (A B, then B A, ...), so that a
burst of noise on a busy machine lands on both and the ratio stays put; the figure is
the median over repetitions. A repetition times ``number`` calls of ``run`` with
``time.perf_counter`` and yields the time per call. ``setup``/``teardown`` run before
and after each repetition, untimed (a fresh file, deleting it). A full garbage
collection runs before each timed repetition (untimed) so one side does not pay for
the other's garbage; collection stays enabled while timing, as it is in the app.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from .registry import Context


@dataclass
class Work:
    run: Callable[[], object]
    setup: Callable[[], object] | None = None
    teardown: Callable[[], object] | None = None
    #: Calls of ``run`` per timed repetition.
    number: int = 1


def _once(work: Work) -> float:
    if work.setup:
        work.setup()
    gc.collect()
    run, n = work.run, work.number
    try:
        start = time.perf_counter()
        for _ in range(n):
            run()
        elapsed = time.perf_counter() - start
    finally:
        if work.teardown:
            work.teardown()
    return elapsed / n


def compare(measured: Work, baseline: Work, ctx: Context, *, repeats: int, warmup: int = 1) -> tuple[float, float]:
    """Median seconds per call of ``measured.run`` and of ``baseline.run``."""
    for _ in range(ctx.warmup(warmup)):
        _once(measured)
        _once(baseline)
    ours: list[float] = []
    bare: list[float] = []
    for i in range(ctx.repeats(repeats)):
        if i % 2 == 0:
            ours.append(_once(measured))
            bare.append(_once(baseline))
        else:
            bare.append(_once(baseline))
            ours.append(_once(measured))
    return statistics.median(ours), statistics.median(bare)
