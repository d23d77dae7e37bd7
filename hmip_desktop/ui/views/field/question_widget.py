"""A key question (or prompt) in the case read form: its text, its answer editor, its
prompts, its evidence note and an inline message for what is missing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ....core.field.edits import Target
from ....core.frameworks.model import Framework, KeyQuestion, Prompt
from ...text import fmt
from .answer_editors import NoteEditor, editor_for


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuestionWidget", text)


class QuestionWidget(QFrame):
    """Emits ``edited(target, value)`` with targets ``Target("answer", id)`` and ``Target("note", id)``."""

    edited = Signal(object, object)

    def __init__(self, fw: Framework, question: KeyQuestion | Prompt, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.fw, self.question, self.number = fw, question, number
        self.is_key = isinstance(question, KeyQuestion)
        self.setObjectName("key_question" if self.is_key else "prompt")
        self.setFrameShape(QFrame.Shape.StyledPanel if self.is_key else QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10) if self.is_key else layout.setContentsMargins(24, 2, 0, 2)

        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setObjectName("question_title" if self.is_key else "prompt_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)

        self.editor = editor_for(fw, question.answer, question.id, self)
        self.editor.edited.connect(lambda value: self.edited.emit(Target("answer", question.id), value))
        self.title.setBuddy(self.editor.focus_target())
        layout.addWidget(self.editor)

        self.prompts: list[QuestionWidget] = []
        if self.is_key and question.prompts:
            self.prompts_label = QLabel(self)
            self.prompts_label.setObjectName("prompts_label")
            layout.addWidget(self.prompts_label)
            for i, prompt in enumerate(question.prompts):
                child = QuestionWidget(fw, prompt, f"{number}.{i + 1}", self)
                child.edited.connect(self.edited)
                layout.addWidget(child)
                self.prompts.append(child)

        self.note: NoteEditor | None = None
        if self.is_key and question.evidence != "none":
            self.note_label = QLabel(self)
            layout.addWidget(self.note_label)
            self.note = NoteEditor(self)
            self.note.setObjectName(f"{question.id}__note")
            self.note.setMinimumHeight(80)
            self.note.setMaximumHeight(160)
            self.note.edited.connect(lambda text: self.edited.emit(Target("note", question.id), text))
            self.note_label.setBuddy(self.note)
            layout.addWidget(self.note)

        self.message = QLabel(self)
        self.message.setObjectName("missing_message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.set_language("en")

    # -- showing --------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        q = self.question
        text = q.text.get(lang)
        self.title.setText(f"{self.number}  {text}")
        self.editor.set_language(lang)
        self.editor.setAccessibleName(text)
        self.editor.setAccessibleDescription(q.guidance.get(lang) if q.guidance else "")
        if self.prompts:
            self.prompts_label.setText(_tr("Prompts"))
            for child in self.prompts:
                child.set_language(lang)
        if self.note is not None:
            required = self.question.evidence == "required"
            self.note_label.setText(_tr("Evidence note (required)") if required else _tr("Evidence note (optional)"))
            self.note.setAccessibleName(fmt(_tr("Evidence note for %1"), self.number))
            self.note.setAccessibleDescription(text)

    def set_values(self, answers: dict, notes: dict) -> None:
        self.editor.set_value(answers.get(self.question.id))
        if self.note is not None:
            self.note.set_text(notes.get(self.question.id, ""))
        for child in self.prompts:
            child.set_values(answers, notes)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.set_read_only(read_only)
        if self.note is not None:
            self.note.setReadOnly(read_only)
        for child in self.prompts:
            child.set_read_only(read_only)

    def apply_visibility(self, shown: set[str]) -> None:
        self.setVisible(self.question.id in shown)
        for child in self.prompts:
            child.apply_visibility(shown)

    def show_missing(self, kinds: set[str]) -> None:
        """Inline message: ``kinds`` holds "answer" and/or "evidence" (empty hides it)."""
        parts = []
        if "answer" in kinds:
            parts.append(_tr("A judgement is needed.") if self.is_key else _tr("An answer is needed."))
        if "evidence" in kinds:
            parts.append(_tr("An evidence note is needed."))
        text = " ".join(parts)
        if text == self.message.text() and bool(self.property("missing")) == bool(parts):
            return  # re-polishing costs a relayout; skip it when nothing changed
        self.message.setText(text)
        self.message.setVisible(bool(parts))
        self.setProperty("missing", bool(parts))
        self.style().unpolish(self)
        self.style().polish(self)

    def flush(self) -> None:
        if self.note is not None:
            self.note.flush()
        for child in self.prompts:
            child.flush()
