"""The child process of test_typing_kill: the real window, offscreen, typing into a note.

Run as ``python _typing_child.py STORE SETTINGS.ini READ_ID``. It opens the main window
on STORE, opens case read READ_ID, puts the focus in the first evidence note and prints
``{"question": id}`` and ``ready``. Then, every TICK_MS, it types the next CHUNK
characters of :func:`text` into the note with ``QTest.keyClicks`` (real key events
through the real widget) and prints ``{"t": time.time(), "typed": n}`` once the keys
have been handled. It never pauses long enough for the typing-pause save: only the
note's maximum wait can save while it types. The parent kills it with SIGKILL.
"""

from __future__ import annotations

import json
import os
import sys
import time

TICK_MS = 60
CHUNK = 3


def text(n: int) -> str:
    """The first ``n`` characters of what the child types (the same every run)."""
    words = []
    i = 0
    while sum(len(w) for w in words) < n:
        words.append(f"gair{i} ")
        i += 1
    return "".join(words)[:n]


def main(argv: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest

    from hmip_desktop.ui.app import make_app
    from hmip_desktop.ui.views.field.main_window import MainWindow

    store, conf, read_id = argv[0], argv[1], int(argv[2])
    app = make_app()
    window = MainWindow(store, QSettings(conf, QSettings.Format.IniFormat))
    typed = {"n": 0}
    everything = text(200_000)

    def say(obj) -> None:
        sys.stdout.write(obj if isinstance(obj, str) else json.dumps(obj) + "\n")
        sys.stdout.flush()

    def opened(_read_id: int) -> None:
        key = next(w for w in window.page.key_widgets if w.isVisibleTo(window.page) and w.note is not None)
        key.note.setFocus()
        say({"question": key.question.id})
        say("ready\n")
        note = key.note

        def tick() -> None:
            chunk = everything[typed["n"]:typed["n"] + CHUNK]
            QTest.keyClicks(note, chunk)
            typed["n"] += len(chunk)
            say({"t": time.time(), "typed": typed["n"]})

        timer = QTimer(window, interval=TICK_MS)
        timer.timeout.connect(tick)
        timer.start()

    window.inspection_loaded.connect(lambda _id: window.open_read(read_id))
    window.case_opened.connect(opened)
    window.show()
    QTimer.singleShot(0, window.load)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1:])
