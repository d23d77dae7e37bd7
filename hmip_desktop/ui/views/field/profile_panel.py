"""The case profile and the case holder interview record, at the top of a case read."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ....core.field.edits import Target
from ....core.frameworks.model import Answer, Framework, Option, Text
from .answer_editors import ChoiceEditor, ComboEditor, LineEditor, NoteEditor, editor_for


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProfilePanel", text)


HELD_OPTIONS = [
    Option(id="yes", label=Text(en="Yes", cy="Do")),
    Option(id="no", label=Text(en="No", cy="Naddo")),
]


class ProfilePanel(QWidget):
    """Emits ``edited(target, value)`` with ``Target("profile", field)`` and ``Target("interview", "held" | "date" | "note")``."""

    edited = Signal(object, object)

    def __init__(self, fw: Framework, parent=None):
        super().__init__(parent)
        self.fw = fw
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.profile_box = QGroupBox(self)
        self.grid = QGridLayout(self.profile_box)
        #: Fields side by side in two columns when the form is wide enough, else one under another.
        self.columns = 2
        self.labels: dict[str, QLabel] = {}
        self.editors = {}
        for field in fw.case_profile:
            kind = "number" if field.type == "number" else "text"
            if field.type == "boolean":
                editor = ChoiceEditor(fw, Answer(type="judgement"), f"profile_{field.id}", self, options=HELD_OPTIONS)
            elif field.type == "date":
                editor = LineEditor(fw, Answer(type="date"), f"profile_{field.id}", self)
            elif field.type == "single_choice":
                editor = ComboEditor(fw, Answer(type="single_choice", scale=field.scale), f"profile_{field.id}", self)
            else:
                editor = editor_for(fw, Answer(type=kind, scale=field.scale), f"profile_{field.id}", self)
            editor.edited.connect(lambda v, f=field: self.edited.emit(Target("profile", f.id), _from_editor(f.type, v)))
            label = QLabel(self)
            label.setBuddy(editor.focus_target())
            self.labels[field.id], self.editors[field.id] = label, editor
        self._place(2)
        outer.addWidget(self.profile_box)

        self.interview_box = QGroupBox(self)
        iform = QFormLayout(self.interview_box)
        self.held = ChoiceEditor(fw, Answer(type="judgement"), "interview_held", self, options=HELD_OPTIONS)
        self.held.edited.connect(lambda v: self.edited.emit(Target("interview", "held"), None if v is None else v == "yes"))
        self.held_label = QLabel(self)
        self.held_label.setBuddy(self.held.focus_target())
        iform.addRow(self.held_label, self.held)
        self.date = LineEditor(fw, Answer(type="date"), "interview_date", self)
        self.date.edited.connect(lambda v: self.edited.emit(Target("interview", "date"), v))
        self.date_label = QLabel(self)
        self.date_label.setBuddy(self.date.focus_target())
        iform.addRow(self.date_label, self.date)
        self.note = NoteEditor(self)
        self.note.setObjectName("interview_note")
        self.note.setMaximumHeight(80)
        self.note.edited.connect(lambda text: self.edited.emit(Target("interview", "note"), text))
        self.note_label = QLabel(self)
        self.note_label.setBuddy(self.note)
        iform.addRow(self.note_label, self.note)
        outer.addWidget(self.interview_box)
        # Its width is the form's, not what two columns would need: it reflows to fit instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        self.profile_box.setTitle(_tr("Case profile"))
        for field in self.fw.case_profile:
            text = field.label.get(lang) + (" *" if field.required else "")
            self.labels[field.id].setText(text)
            self.editors[field.id].set_language(lang)
            self.editors[field.id].setAccessibleName(field.label.get(lang))
        self.interview_box.setTitle(_tr("Case holder interview"))
        self.held_label.setText(_tr("Interview held *"))
        self.held.set_language(lang)
        self.held.setAccessibleName(_tr("Interview held"))
        self.date_label.setText(_tr("Date"))
        self.date.set_language(lang)
        self.date.setAccessibleName(_tr("Interview date"))
        self.note_label.setText(_tr("Notes"))
        self.note.setAccessibleName(_tr("Interview notes"))
        self._reflow(self.width())

    def _place(self, columns: int) -> None:
        """Lay the profile fields out in ``columns`` columns of label and editor."""
        self.columns = columns
        for cell, field in enumerate(self.fw.case_profile):
            self.grid.addWidget(self.labels[field.id], cell // columns, (cell % columns) * 2)
            self.grid.addWidget(self.editors[field.id], cell // columns, (cell % columns) * 2 + 1)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column % 2 and column // 2 < columns else 0)
        self.grid.invalidate()

    def _reflow(self, width: int) -> None:
        """Two columns if they fit in ``width`` (measured in two columns), else one: the form
        never needs to scroll sideways, whatever the language and the window's width."""
        if self.columns != 2:
            self._place(2)
        if self.profile_box.minimumSizeHint().width() > width:
            self._place(1)

    def resizeEvent(self, event) -> None:
        if event.size().width() != event.oldSize().width():
            self._reflow(event.size().width())
        super().resizeEvent(event)

    def set_values(self, profile: dict, held: bool | None, date: str | None, note: str) -> None:
        for field in self.fw.case_profile:
            value = profile.get(field.id)
            if field.type == "boolean" and value is not None:
                value = "yes" if value else "no"
            self.editors[field.id].set_value(value)
        self.held.set_value(None if held is None else ("yes" if held else "no"))
        self.date.set_value(date)
        self.note.set_text(note or "")

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.set_read_only(read_only)
        self.held.set_read_only(read_only)
        self.date.set_read_only(read_only)
        self.note.setReadOnly(read_only)

    def flush(self) -> None:
        self.note.flush()
        for editor in self.editors.values():
            if hasattr(editor, "note"):
                editor.note.flush()

    def focus_target(self, kind: str, target: str):
        if kind == "interview":
            return self.held.focus_target()
        return self.editors[target].focus_target()


def _from_editor(field_type: str, value: object) -> object:
    if field_type == "boolean" and value is not None:
        return value == "yes"
    return value

