"""Every core call from the GUI runs here, on one worker thread, never on the GUI thread.

Like Anki's ``CollectionOp``: ``ops.run(fn, success=..., failure=...)`` queues ``fn`` on
a single-thread executor, so database work is serialised and the window never freezes.
``success(result)`` and ``failure(exception)`` are called back on the GUI thread.
``fn`` must never touch widgets.

A write goes through ``ops.write``: after its ``success``, ``changes_applied(changes)``
is emitted with the core's ``Changes`` (like Anki's ``operation_did_execute``), and
every view that shows case-read state refreshes from that one signal.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger("hmip.ui.ops")


class Ops(QObject):
    """The single worker thread; create one per window, ``shutdown()`` when closing."""

    # Results travel through a queue and the signal carries nothing: passing Python
    # objects (None above all) through queued cross-thread signals has shown refcount
    # errors in PySide6 under load ("deallocating None").
    _ready = Signal()
    #: Emitted on the GUI thread when the number of queued operations changes.
    busy_changed = Signal(int)
    #: Emitted on the GUI thread after a write succeeded, with the ``Changes`` it returned.
    changes_applied = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hmip-core")
        self._pending = 0
        self._closed = False
        self._results: queue.SimpleQueue = queue.SimpleQueue()
        self._ready.connect(self._deliver)

    @property
    def pending(self) -> int:
        return self._pending

    def run(
        self,
        fn: Callable[[], Any],
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> Future:
        """Queue ``fn()`` on the worker thread; call back on the GUI thread."""
        self._pending += 1
        self.busy_changed.emit(self._pending)

        def work() -> Any:
            try:
                result = fn()
            except BaseException as exc:  # delivered to failure(), logged there
                self._results.put((success, failure, None, exc))
                self._ready.emit()
                raise
            self._results.put((success, failure, result, None))
            self._ready.emit()
            return result

        return self._pool.submit(work)

    def write(
        self,
        fn: Callable[[], Any],
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        changes_of: Callable[[Any], Any] = lambda result: result,
    ) -> Future:
        """``run`` for a core write: after ``success(result)``, emit ``changes_applied``
        with ``changes_of(result)`` (the result itself by default; nothing if None)."""

        def done(result: Any) -> None:
            try:
                if success is not None:
                    success(result)
            finally:
                changes = changes_of(result)
                if changes is not None:
                    self.changes_applied.emit(changes)

        return self.run(fn, done, failure)

    @Slot()
    def _deliver(self) -> None:
        try:
            success, failure, result, error = self._results.get_nowait()
        except queue.Empty:  # pragma: no cover - one item is queued per signal
            return
        self._pending -= 1
        self.busy_changed.emit(self._pending)
        if error is None:
            if success is not None:
                success(result)
            return
        # The reason without a path (an error's ``reason``), else its kind: no personal data.
        log.warning("operation failed: %s", getattr(error, "reason", None) or type(error).__name__)
        if failure is not None:
            failure(error)
        else:
            raise error

    def wait(self) -> None:
        """Block until everything queued so far has run (used when closing and in tests)."""
        if self._closed:
            return
        self._pool.submit(lambda: None).result()

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True)


class Progress:
    """Thread-safe progress state shared by a long operation and its dialog.

    The operation (on the worker) calls ``update(done, total)`` and checks
    ``cancelled()``; the GUI polls ``snapshot()`` and calls ``cancel()``.
    """

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._done, self._total, self._cancel = 0, 0, False

    def update(self, done: int, total: int) -> None:
        with self._lock:
            self._done, self._total = done, total

    def snapshot(self) -> tuple[int, int]:
        with self._lock:
            return self._done, self._total

    def cancel(self) -> None:
        with self._lock:
            self._cancel = True

    def cancelled(self) -> bool:
        with self._lock:
            return self._cancel


def run_with_progress(ops: Ops, parent, title: str, fn, success=None, failure=None, cancellable: bool = True):
    """Run ``fn(progress)`` on the worker with a progress dialog (shown after 400 ms).

    ``cancellable``: offer Cancel (only for work that is safe to stop, such as reading).
    Returns the dialog (tests drive it).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    progress = Progress()
    dialog = QProgressDialog(title, QCoreApplication.translate("Ops", "Cancel") if cancellable else "", 0, 0, parent)
    dialog.setObjectName("progress_dialog")
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(progress.cancel)
    timer = QTimer(dialog, interval=100)

    def poll():
        done, total = progress.snapshot()
        dialog.setMaximum(total)
        dialog.setValue(done)

    timer.timeout.connect(poll)
    timer.start()

    def finish(callback, value):
        timer.stop()
        dialog.close()
        dialog.deleteLater()
        if callback is not None:
            callback(value)

    def failed(error):
        if failure is None:
            finish(None, None)
            raise error
        finish(failure, error)

    ops.run(lambda: fn(progress), lambda r: finish(success, r), failed)
    return dialog
