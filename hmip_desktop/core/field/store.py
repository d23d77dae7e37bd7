"""The field store: inspections, cases and case reads on the inspector's laptop.

Contract of every write method (``set_answer``, ``set_note``, ``set_profile``,
``set_interview``, ``undo``, ``redo``, ``complete``, ``reopen``):

* it is one durable transaction (``synchronous=FULL``): when it returns, the change
  survives a killed process or a power cut;
* it appends one audit event in the same transaction;
* it returns a :class:`Changes` saying what changed (with the read as now stored and
  its progress), so views refresh from it;
* on bad input it raises (``InvalidValue``, ``ReadLocked``, ``KeyError``) and writes nothing.

Threading: use one FieldStore from one thread at a time (the GUI's worker thread).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from ..frameworks import Framework, load_text
from . import audit, db as dbmod, edits, form_state, reallocation
from .edits import CaseRead, ReadLocked, Target
from .form_state import Missing, Progress, ReadValues
from .undo import Edit, UndoConflict, UndoStack

__all__ = ["CaseRead", "Changes", "CompletionResult", "FieldStore", "ReadLocked", "Target", "UndoConflict"]

STATUS = Target("status")


@dataclass(frozen=True)
class Changes:
    """What one write changed, for the views to refresh from (like Anki's ``OpChanges``)."""

    case_read_id: int
    #: What the write changed (empty when the value was already stored).
    targets: tuple[Target, ...]
    status: str
    audit_seq: int
    saved_at: str
    #: The case read as stored after the write.
    read: CaseRead
    #: Its progress towards completion (``progress.percent`` for the case list).
    progress: Progress
    #: The audit action: "set", "undo", "redo", "complete" or "reopen".
    action: str = "set"
    status_changed: bool = False


@dataclass(frozen=True)
class CompletionResult:
    completed: bool
    missing: list[Missing]
    changes: Changes | None = None


class FieldStore:
    def __init__(self, db: Database, actor: str, read_only: bool = False):
        self.db = db
        self.actor = actor
        #: Opened read-only (the file may not be written): every write fails.
        self.read_only = read_only
        self.undo_stack = UndoStack()
        self._frameworks: dict[str, Framework] = {}

    @classmethod
    def open(cls, path: Path | str, actor: str = "inspector", create: bool = True) -> FieldStore:
        read_only = Path(path).exists() and dbmod.is_read_only(path)
        return cls(dbmod.open_db(path, create=create), actor, read_only)

    def close(self) -> None:
        self.db.close()

    # -- reading ---------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def inspections(self) -> list[dict]:
        return list(self.db.query("SELECT id, provider, title, framework_id, framework_version FROM inspections ORDER BY created_at"))

    def inspection(self, inspection_id: str) -> dict:
        row = self.db.execute("SELECT * FROM inspections WHERE id = ?", [inspection_id]).fetchone()
        if row is None:
            raise KeyError(f"no inspection '{inspection_id}' in this field store")
        return dict(zip([c[0] for c in self.db.execute("SELECT * FROM inspections LIMIT 0").description], row))

    def framework(self, inspection_id: str) -> Framework:
        """The framework pinned by the inspection (its exact stored content)."""
        if inspection_id not in self._frameworks:
            row = self.db.execute(
                "SELECT framework_yaml FROM inspections WHERE id = ?", [inspection_id]
            ).fetchone()
            if row is None:
                raise KeyError(f"no inspection '{inspection_id}' in this field store")
            self._frameworks[inspection_id] = load_text(row[0], f"inspection {inspection_id} framework")
        return self._frameworks[inspection_id]

    def read(self, case_read_id: int) -> CaseRead:
        row = self.db.execute(
            "SELECT r.id, r.inspection_id, r.case_id, r.reader_id, r.status, c.profile,"
            " r.interview_held, r.interview_date, r.interview_note, r.updated_at"
            " FROM case_reads r JOIN cases c USING (inspection_id, case_id) WHERE r.id = ?",
            [case_read_id],
        ).fetchone()
        if row is None:
            raise KeyError(f"no case read {case_read_id}")
        held = None if row[6] is None else bool(row[6])
        read = CaseRead(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), {}, {}, held, row[7], row[8], row[9])
        read.lead_comments = [
            {"comments": c, "moderator": m, "at": a} for c, m, a in self.db.execute(
                "SELECT comments, moderator, at FROM read_comments WHERE inspection_id = ? AND case_id = ? ORDER BY at",
                [read.inspection_id, read.case_id])
        ]
        read.reallocated = reallocation.is_reallocated(self.db, read.inspection_id, read.case_id)
        for qid, value, note in self.db.execute(
            "SELECT question_id, value, note FROM answers WHERE case_read_id = ?", [case_read_id]
        ):
            if value is not None:
                read.answers[qid] = json.loads(value)
            if note:
                read.notes[qid] = note
        return read

    def case_reads(self, inspection_id: str) -> list[dict]:
        """One plain row per case read for the case list, with its progress.

        Keys: id, case_id, reader_id, reader_name, reader_role, status, updated_at,
        profile (dict), done, total, percent.
        """
        fw = self.framework(inspection_id)
        answers: dict[int, dict] = {}
        notes: dict[int, dict] = {}
        for rid, qid, value, note in self.db.execute(
            "SELECT a.case_read_id, a.question_id, a.value, a.note FROM answers a"
            " JOIN case_reads r ON r.id = a.case_read_id WHERE r.inspection_id = ?",
            [inspection_id],
        ):
            if value is not None:
                answers.setdefault(rid, {})[qid] = json.loads(value)
            if note:
                notes.setdefault(rid, {})[qid] = note
        rows = []
        moved = reallocation.reallocated_cases(self.db, inspection_id)
        for r in self.db.query(
            "SELECT r.id, r.case_id, r.reader_id, t.name AS reader_name, t.role AS reader_role,"
            " r.status, r.updated_at, r.interview_held, c.profile FROM case_reads r"
            " JOIN cases c USING (inspection_id, case_id)"
            " JOIN team_members t ON t.inspection_id = r.inspection_id AND t.id = r.reader_id"
            " WHERE r.inspection_id = ? ORDER BY r.case_id",
            [inspection_id],
        ):
            profile = json.loads(r.pop("profile"))
            held = r.pop("interview_held")
            rv = ReadValues(profile, answers.get(r["id"], {}), notes.get(r["id"], {}), None if held is None else bool(held))
            done, total = progress = form_state.progress(fw, rv, r["status"])
            r.update(profile=profile, done=done, total=total, percent=progress.percent, reallocated=r["case_id"] in moved)
            rows.append(r)
        return rows

    def missing(self, case_read_id: int) -> list[Missing]:
        read = self.read(case_read_id)
        return form_state.missing(self.framework(read.inspection_id), read.values())

    def last_edited(self, case_read_id: int) -> Target | None:
        """What the inspector changed last in this case read (from the audit log, so it
        survives a crash); None when nothing was edited, or only its status changed."""
        row = self.db.execute(
            "SELECT target FROM audit_log WHERE case_read_id = ? AND action IN ('set', 'undo', 'redo')"
            " ORDER BY seq DESC LIMIT 1",
            [case_read_id],
        ).fetchone()
        return None if row is None else Target.parse(row[0])

    # -- writing ---------------------------------------------------------------------

    def _store(self, after: CaseRead, target: Target, value: object, now: str) -> None:
        """Write ``target``'s new ``value``; ``after`` is the read with the edit applied."""
        kind, key = target.kind, target.key
        if kind in ("answer", "note"):
            column = "value" if kind == "answer" else "note"
            stored = json.dumps(value, ensure_ascii=False) if kind == "answer" and value is not None else value
            self.db.execute(
                f"INSERT INTO answers (case_read_id, question_id, {column}, updated_at, updated_by)"
                f" VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_read_id, question_id) DO UPDATE SET"
                f" {column} = excluded.{column}, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [after.id, key, stored, now, self.actor],
            )
        elif kind == "profile":
            self.db.execute(
                "UPDATE cases SET profile = ? WHERE inspection_id = ? AND case_id = ?",
                [json.dumps(after.profile, ensure_ascii=False, sort_keys=True), after.inspection_id, after.case_id],
            )
        else:
            column = {"held": "interview_held", "date": "interview_date", "note": "interview_note"}[key]
            stored = int(value) if key == "held" and value is not None else value
            self.db.execute(f"UPDATE case_reads SET {column} = ? WHERE id = ?", [stored, after.id])

    def _changes(self, read: CaseRead, targets: tuple[Target, ...], seq: int, action: str, status_changed: bool) -> Changes:
        progress = form_state.progress(self.framework(read.inspection_id), read.values(), read.status)
        return Changes(read.id, targets, read.status, seq, read.updated_at, read, progress, action, status_changed)

    def _write(self, case_read_id: int, target: Target, value: object, action: str,
               expect: tuple[object] | None = None) -> tuple[Changes, Edit]:
        """``expect``: (the value the field must still hold,) for undo and redo; else
        UndoConflict and nothing is written (checked inside the write transaction)."""
        with dbmod.write_transaction(self.db):
            read = self.read(case_read_id)
            if expect is not None and edits.value_of(read, target) != expect[0]:
                raise UndoConflict(
                    f"case {read.case_id}: {target.kind} {target.key} was changed elsewhere (another window or "
                    f"program) after your edit; {action} would overwrite that change, so nothing was changed and "
                    f"this {action} step was dropped")
            after = edits.apply_edit(self.framework(read.inspection_id), read, target, value)
            before, value = edits.value_of(read, target), edits.value_of(after, target)
            edit = Edit(case_read_id, target, before, value)
            if before == value:  # an autosave of what is already stored: nothing to do
                return self._changes(read, (), audit.head(self.db)[0], action, False), edit
            now = audit.utc_now()
            after = replace(after, updated_at=now)
            self._store(after, target, value, now)
            self.db.execute(
                "UPDATE case_reads SET updated_at = ?, status = ?, edit_count = edit_count + 1 WHERE id = ?",
                [now, after.status, case_read_id]
            )
            seq = audit.append(
                self.db, actor=self.actor, action=action, inspection_id=read.inspection_id,
                case_read_id=case_read_id, target=str(target), before=before, after=value, at=now,
            )
        return self._changes(after, (target,), seq, action, read.status != after.status), edit

    def set(self, case_read_id: int, target: Target | str, value: object) -> Changes:
        """Set one target (a :class:`Target`, or its stored form "answer:q", "note:q", "profile:f",
        "interview:held|date|note")."""
        changes, edit = self._write(case_read_id, Target.of(target), value, "set")
        if edit.before != edit.after:
            self.undo_stack.push(edit)
        return changes

    def set_answer(self, case_read_id: int, question_id: str, value: object) -> Changes:
        return self.set(case_read_id, Target("answer", question_id), value)

    def set_note(self, case_read_id: int, question_id: str, text: str) -> Changes:
        return self.set(case_read_id, Target("note", question_id), text)

    def set_profile(self, case_read_id: int, field_id: str, value: object) -> Changes:
        return self.set(case_read_id, Target("profile", field_id), value)

    def set_interview(self, case_read_id: int, part: str, value: object) -> Changes:
        return self.set(case_read_id, Target("interview", part), value)

    def undo(self) -> Changes | None:
        """Take back the last edit of this session; None if there is nothing to undo."""
        edit = self.undo_stack.peek_undo()
        if edit is None:
            return None
        try:
            changes, _ = self._write(edit.case_read_id, edit.target, edit.before, "undo", expect=(edit.after,))
        except UndoConflict:
            self.undo_stack.drop_undo()
            raise
        self.undo_stack.undone()
        return changes

    def redo(self) -> Changes | None:
        edit = self.undo_stack.peek_redo()
        if edit is None:
            return None
        try:
            changes, _ = self._write(edit.case_read_id, edit.target, edit.after, "redo", expect=(edit.before,))
        except UndoConflict:
            self.undo_stack.drop_redo()
            raise
        self.undo_stack.redone()
        return changes

    def _set_status(self, case_read_id: int, status: str, action: str, read: CaseRead) -> Changes:
        if read.reallocated:
            raise ReadLocked.of("read.reallocated", case=read.case_id)
        now = audit.utc_now()
        completed_at = now if status == "complete" else None
        after = replace(read, status=status, updated_at=now)
        self.db.execute(
            "UPDATE case_reads SET status = ?, updated_at = ?, completed_at = ?, edit_count = edit_count + 1 WHERE id = ?",
            [status, now, completed_at, case_read_id],
        )
        seq = audit.append(
            self.db, actor=self.actor, action=action, inspection_id=read.inspection_id,
            case_read_id=case_read_id, target=str(STATUS), before=read.status, after=status, at=now,
        )
        return self._changes(after, (STATUS,), seq, action, True)

    def complete(self, case_read_id: int) -> CompletionResult:
        """Mark the read complete if nothing is missing; otherwise say what is missing."""
        with dbmod.write_transaction(self.db):
            read = self.read(case_read_id)
            if read.status == "complete":
                return CompletionResult(True, [])
            gaps = form_state.missing(self.framework(read.inspection_id), read.values())
            if gaps:
                return CompletionResult(False, gaps)
            changes = self._set_status(case_read_id, "complete", "complete", read)
        return CompletionResult(True, [], changes)

    def reopen(self, case_read_id: int) -> Changes | None:
        """Reopen a complete read for changes; None if it was not complete."""
        with dbmod.write_transaction(self.db):
            read = self.read(case_read_id)
            if read.status != "complete":
                return None
            return self._set_status(case_read_id, "in_progress", "reopen", read)
