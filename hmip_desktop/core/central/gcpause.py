"""The cyclic garbage collector paused while a bulk operation runs (the import).

An import allocates tens of thousands of small containers (parsed records, their
validated models, rows), which makes Python's cyclic collector run many times over
everything the process holds, for about a tenth of the import's time; almost all of
them are freed by reference counting as soon as their batch is written, so pausing the
collector costs no memory to speak of (``import_bundle_10k`` reports the peak). Reference
counting goes on as ever; the collector resumes when the last paused operation ends
(several threads may import at once), if it was running before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _paused, _resume
    with _lock:
        if _paused == 0:
            _resume = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _resume:
                gc.enable()
