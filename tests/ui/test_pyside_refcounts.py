"""A guard on the Qt binding itself. PySide6 6.12.0 decrements the reference count of
True/False on every emit of a Signal(object): on Python 3.11 the process aborts
("bool_dealloc") after a few hundred emits, i.e. mid-way through a case read. This
test fails on any binding with that fault, so an upgrade cannot bring it back unseen."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    value = Signal(object)
    pair = Signal(str, object)


def test_emitting_python_objects_leaves_singleton_refcounts_alone(qapp):
    emitter = _Emitter()
    received = [0]

    def count(_value):
        received[0] += 1

    emitter.value.connect(count)
    emitter.pair.connect(lambda t, v: None)
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for i in range(200):
        emitter.value.emit("yes" if i % 2 else None)
        emitter.pair.emit("answer:q", None)
    after = [sys.getrefcount(x) for x in (None, True, False)]
    assert received[0] == 200
    # Allow a little slack for unrelated references; the fault shows as -200 or worse.
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)
