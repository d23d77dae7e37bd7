"""One editor per answer type, chosen from ``EDITORS`` (a contract test checks that every
answer type of the framework model has one).

Every editor emits ``edited(value)`` when the inspector changes it (never when the
program sets it), offers ``set_value``, ``set_read_only``, ``set_language`` and
``focus_target``; values are exactly what the core stores (option ids, lists, numbers,
ISO dates, text).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QDoubleValidator, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ....core.frameworks.model import Answer, Framework, Option
from ...text import entry_date_text, fmt, parse_entry_date

#: Typing pauses this long (ms) before an evidence note is autosaved; focus-out saves at once.
NOTE_DEBOUNCE_MS = 700
#: Continuous typing is saved at least this often (ms), pause or not: with the save's own
#: time, at most about 2 s of typing is ever at risk if the laptop dies. The core merges
#: consecutive saves of one note into one undo step, so a burst is still undone at once.
NOTE_MAX_WAIT_MS = 1500


def _tr(text: str) -> str:
    return QCoreApplication.translate("AnswerEditors", text)


class Editor(QWidget):
    edited = Signal(object)

    def __init__(self, fw: Framework, answer: Answer, name: str, parent=None):
        super().__init__(parent)
        self.fw, self.answer, self.name = fw, answer, name

    def set_value(self, value: object) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def set_language(self, lang: str) -> None:
        pass

    def focus_target(self) -> QWidget:
        return self

    def setAccessibleName(self, name: str) -> None:
        # Screen readers announce the control that has focus: name it, not only the wrapper.
        super().setAccessibleName(name)
        inner = self.focus_target()
        if inner is not self and not isinstance(inner, QRadioButton | QCheckBox):
            inner.setAccessibleName(name)

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        inner = self.focus_target()
        if inner is not self and not isinstance(inner, QRadioButton | QCheckBox):
            inner.setAccessibleDescription(text)


class ChoiceEditor(Editor):
    """Radio buttons: judgements, graded and descriptor scales, single choices.

    Keys while a button has focus: the option's number (1–9), Y / N / A for judgements,
    Delete or Backspace to clear.
    """

    def __init__(self, fw, answer, name, parent=None, options: list[Option] | None = None):
        super().__init__(fw, answer, name, parent)
        self.options = options if options is not None else fw.options(answer)
        self.group = QButtonGroup(self)
        horizontal = len(self.options) <= 4
        layout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QRadioButton] = []
        for i, option in enumerate(self.options):
            button = QRadioButton(self)
            button.setProperty("option_id", option.id)
            button.setObjectName(f"{name}__{option.id}")
            self.group.addButton(button, i)
            layout.addWidget(button)
            self.buttons.append(button)
        if horizontal:
            layout.addStretch(1)
        self.group.idClicked.connect(lambda i: self.edited.emit(self.options[i].id))
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        for i, (button, option) in enumerate(zip(self.buttons, self.options)):
            label = option.label.get(lang)
            button.setText(f"{label}")
            button.setAccessibleName(label)
            button.setToolTip(fmt(_tr("Key %1"), i + 1))

    def value(self) -> str | None:
        checked = self.group.checkedId()
        return None if checked < 0 else self.options[checked].id

    def set_value(self, value: object) -> None:
        self.group.setExclusive(False)
        for button, option in zip(self.buttons, self.options):
            button.setChecked(option.id == value)
        self.group.setExclusive(True)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.options) and self.isEnabled():
            self.buttons[index].setChecked(True)
            self.buttons[index].setFocus()
            self.edited.emit(self.options[index].id)

    def focus_target(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or self.buttons[0]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text().lower()
        ids = [o.id for o in self.options]
        letters = {"y": "yes", "n": "no", "a": "na"} if self.answer.type == "judgement" else {}
        if text.isdigit() and text != "0":
            self.choose(int(text) - 1)
        elif text in letters and letters[text] in ids:
            self.choose(ids.index(letters[text]))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.value() is not None and self.isEnabled():
            self.set_value(None)
            self.edited.emit(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class ComboEditor(Editor):
    """A compact drop-down for long code lists (case profile fields); the first entry is blank."""

    def __init__(self, fw, answer, name, parent=None):
        super().__init__(fw, answer, name, parent)
        self.options = fw.options(answer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setObjectName(name)
        # Long labels must not force the form wider than the window.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(14)
        layout.addWidget(self.combo)
        self.combo.activated.connect(lambda i: self.edited.emit(self.combo.itemData(i)))
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("—", None)
        for option in self.options:
            self.combo.addItem(option.label.get(lang), option.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.combo.blockSignals(False)

    def set_value(self, value: object) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def focus_target(self) -> QWidget:
        return self.combo


class MultiChoiceEditor(Editor):
    def __init__(self, fw, answer, name, parent=None):
        super().__init__(fw, answer, name, parent)
        self.options = fw.options(answer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for option in self.options:
            box = QCheckBox(self)
            box.setObjectName(f"{name}__{option.id}")
            box.toggled.connect(self._changed)
            layout.addWidget(box)
            self.boxes.append(box)
        self._setting = False
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        for box, option in zip(self.boxes, self.options):
            box.setText(option.label.get(lang))

    def _changed(self) -> None:
        if not self._setting:
            self.edited.emit([o.id for o, b in zip(self.options, self.boxes) if b.isChecked()] or None)

    def set_value(self, value: object) -> None:
        self._setting = True
        chosen = set(value or [])
        for box, option in zip(self.boxes, self.options):
            box.setChecked(option.id in chosen)
        self._setting = False

    def focus_target(self) -> QWidget:
        return self.boxes[0]


class NoteEditor(QPlainTextEdit):
    """Plain text that autosaves after a pause in typing, at least every
    ``NOTE_MAX_WAIT_MS`` while typing goes on, and when focus leaves it.

    The cursor goes to the end of the text when the note gets focus from the keyboard
    (Tab, a shortcut, undo) and when the program sets its text, so what is typed next
    follows what is there."""

    edited = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        # The core owns undo (Ctrl+Z undoes the last autosaved change, wherever it was).
        self.setUndoRedoEnabled(False)
        self._timer = QTimer(self, singleShot=True, interval=NOTE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._max_timer = QTimer(self, singleShot=True, interval=NOTE_MAX_WAIT_MS)
        self._max_timer.timeout.connect(self.flush)
        self._saved = ""
        self.textChanged.connect(self._typed)

    def event(self, event) -> bool:
        # Let the window's Undo/Redo (the core's) take Ctrl+Z and friends, instead of the
        # text box claiming them for its own (disabled) undo.
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_redo(event):
            event.ignore()
            return True
        return super().event(event)

    def _typed(self) -> None:
        if self.toPlainText() != self._saved:
            self._timer.start()  # restarted by every key: the pause
            if not self._max_timer.isActive():  # not restarted: the longest wait
                self._max_timer.start()

    def flush(self) -> None:
        """Emit the text now if it differs from what was last saved or set."""
        self._timer.stop()
        self._max_timer.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self.edited.emit(text)

    def has_pending(self) -> bool:
        return self.toPlainText() != self._saved

    def set_text(self, text: str) -> None:
        self._timer.stop()
        self._max_timer.stop()
        self._saved = text or ""
        if self.toPlainText() != self._saved:
            self.blockSignals(True)
            self.setPlainText(self._saved)
            self.blockSignals(False)
            self.moveCursor(QTextCursor.MoveOperation.End)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if event.reason() not in (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.PopupFocusReason,
                                  Qt.FocusReason.ActiveWindowFocusReason):
            self.moveCursor(QTextCursor.MoveOperation.End)

    def focusOutEvent(self, event) -> None:
        self.flush()
        super().focusOutEvent(event)


def _is_undo_redo(event: QKeyEvent) -> bool:
    combo = event.keyCombination()
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or QKeySequence(combo) in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
    )


class TextEditor(Editor):
    def __init__(self, fw, answer, name, parent=None):
        super().__init__(fw, answer, name, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = NoteEditor(self)
        self.note.setObjectName(name)
        self.note.setMaximumHeight(90)
        self.note.edited.connect(lambda text: self.edited.emit(text or None))
        layout.addWidget(self.note)

    def set_value(self, value: object) -> None:
        self.note.set_text("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.note.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.note


class LineEditor(Editor):
    """Numbers and dates in a line edit; an empty field clears the answer."""

    def __init__(self, fw, answer, name, parent=None):
        super().__init__(fw, answer, name, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        self.line.setObjectName(name)
        self.line.setMaximumWidth(200)
        if answer.type == "number":
            validator = QDoubleValidator(self.line)
            if answer.min is not None:
                validator.setBottom(answer.min)
            if answer.max is not None:
                validator.setTop(answer.max)
            self.line.setValidator(validator)
        self.line.editingFinished.connect(self._finished)
        layout.addWidget(self.line)
        layout.addStretch(1)
        self._last: object = None
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        if self.answer.type == "date":
            self.line.setPlaceholderText(_tr("dd/mm/yyyy"))
        if self.line.property("invalid"):
            self.line.setToolTip(_tr("Not a valid value"))

    def parse(self, text: str) -> object:
        text = text.strip()
        if not text:
            return None
        if self.answer.type == "number":
            number = float(text.replace(",", ""))
            return int(number) if number.is_integer() else number
        return parse_entry_date(text)

    def _finished(self) -> None:
        try:
            value = self.parse(self.line.text())
        except ValueError:
            self.line.setProperty("invalid", True)
            self.line.setToolTip(_tr("Not a valid value"))
            return
        self.line.setProperty("invalid", False)
        if value != self._last:
            self._last = value
            self.edited.emit(value)

    def set_value(self, value: object) -> None:
        self._last = value
        if value is None:
            self.line.clear()
        elif self.answer.type == "date":
            self.line.setText(entry_date_text(str(value)))
        else:
            self.line.setText(f"{value:g}" if isinstance(value, float) else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.line


EDITORS: dict[str, type[Editor]] = {
    "judgement": ChoiceEditor,
    "graded": ChoiceEditor,
    "descriptor": ChoiceEditor,
    "single_choice": ChoiceEditor,
    "multiple_choice": MultiChoiceEditor,
    "text": TextEditor,
    "number": LineEditor,
    "date": LineEditor,
}


def editor_for(fw: Framework, answer: Answer, name: str, parent=None) -> Editor:
    return EDITORS[answer.type](fw, answer, name, parent)


