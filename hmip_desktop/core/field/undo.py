"""Undo and redo of edits to case reads, kept in the core (the GUI only labels menus).

An edit is (case read, target, before, after). Undo writes ``before`` back through the
same durable path as any other edit (so it is autosaved and audited); redo writes
``after`` again. A new edit clears the redo stack. The stacks live for one session of
the application: after a restart, what was saved is there, but not its undo history.

Another writer (a second window, the command line) may change the same field after
this session's edit. Undo and redo therefore write back only if the field still holds
the value this session left there (compare-and-set, inside the write transaction);
otherwise they raise :class:`UndoConflict`, write nothing, and the step is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .edits import Target

MAX_DEPTH = 500


class UndoConflict(Exception):
    """Undo or redo would overwrite a change made elsewhere; nothing was written and the
    step was dropped from the history."""


@dataclass(frozen=True)
class Edit:
    case_read_id: int
    target: Target
    before: object
    after: object


class UndoStack:
    def __init__(self) -> None:
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    def push(self, edit: Edit) -> None:
        # Typing a note autosaves often; successive saves of the same note merge into
        # one undo step so Ctrl+Z takes back the whole burst, not one character.
        last = self._undo[-1] if self._undo else None
        if (
            last is not None
            and edit.target.kind == "note"
            and last.target == edit.target
            and last.case_read_id == edit.case_read_id
        ):
            if last.before == edit.after:  # typed back to where the burst started
                self._undo.pop()
            else:
                self._undo[-1] = Edit(edit.case_read_id, edit.target, last.before, edit.after)
        else:
            self._undo.append(edit)
            del self._undo[:-MAX_DEPTH]
        self._redo.clear()

    def peek_undo(self) -> Edit | None:
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Edit | None:
        return self._redo[-1] if self._redo else None

    def undone(self) -> None:
        """Record that the top edit was undone (call only after its write succeeded)."""
        self._redo.append(self._undo.pop())

    def redone(self) -> None:
        self._undo.append(self._redo.pop())

    def drop_undo(self) -> None:
        """Forget the top undo step (another writer changed its field since)."""
        self._undo.pop()

    def drop_redo(self) -> None:
        self._redo.pop()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
