"""One key question in the moderation view (central mode), and the helpers it shares.

:class:`ModerationCard` puts the reader's judgement and evidence (and the prompts they
answered, and a moderation of an earlier version) beside the moderator's control: the
framework's options as radio buttons, a rationale box, "Agree" and "Change". A change
needs a rationale: the card says so inline and asks for nothing; the core refuses one
without a rationale too. The card never writes anything: it emits
``moderate_requested(question id, value, rationale)``.

Keys, as on the field form: with the focus on the moderator's options, Y, N and A choose
yes, no and not applicable (for a judgement), 1–9 the first to ninth option.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ....core.frameworks import Framework
from ....core.frameworks.model import KeyQuestion
from ...text import date_time_text, fmt, outcome_text


def _tr(text: str) -> str:
    # The same context as the moderation module: these strings were translated there.
    return QCoreApplication.translate("CentralModeration", text)


def value_text(fw: Framework, question, value: object, lang: str) -> str:
    """An answer as the reader saw it: the option's label, or the value itself."""
    if value is None or value == "":
        return _tr("Not answered")
    for option in fw.options(question.answer):
        if option.id == value:
            return option.label.get(lang)
    return str(value)


def _plain_label(parent, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ModerationCard(QFrame):
    """One key question: the reader's side and the moderator's side."""

    moderate_requested = Signal(str, object, str)

    def __init__(self, fw: Framework, kq: KeyQuestion, number: str, parent=None):
        super().__init__(parent)
        self.fw, self.question, self.number = fw, kq, number
        self.lang = "en"
        self.original: object = None
        self.locked = False
        self.setObjectName("key_question")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        self.title = _plain_label(self, "question_title")
        outer.addWidget(self.title)

        sides = QHBoxLayout()
        sides.setSpacing(18)
        reader = QVBoxLayout()
        self.reader_heading = _plain_label(self, "side_heading")
        self.reader_value = _plain_label(self, "reader_value")
        self.evidence = _plain_label(self, "evidence_note")
        self.prompts = _plain_label(self, "prompts_label")
        self.earlier = _plain_label(self, "earlier_moderation")
        for w in (self.reader_heading, self.reader_value, self.evidence, self.prompts, self.earlier):
            reader.addWidget(w)
        reader.addStretch(1)

        moderator = QVBoxLayout()
        self.moderator_heading = _plain_label(self, "side_heading")
        moderator.addWidget(self.moderator_heading)
        self.options_box = QWidget(self)
        self.options_box.setObjectName(f"{kq.id}__options")
        options_layout = QHBoxLayout(self.options_box)
        options_layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.radios: dict[str, QRadioButton] = {}
        for option in fw.options(kq.answer):
            radio = QRadioButton(self.options_box)
            radio.setObjectName(f"{kq.id}__{option.id}")
            self.group.addButton(radio)
            radio.installEventFilter(self)
            options_layout.addWidget(radio)
            self.radios[option.id] = radio
        options_layout.addStretch(1)
        moderator.addWidget(self.options_box)
        self.rationale_label = QLabel(self)
        self.rationale = QPlainTextEdit(self)
        self.rationale.setObjectName(f"{kq.id}__rationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setFixedHeight(64)
        self.rationale_label.setBuddy(self.rationale)
        moderator.addWidget(self.rationale_label)
        moderator.addWidget(self.rationale)
        # What stops an action, said where the moderator is looking (beside the rationale).
        self.message = _plain_label(self, "missing_message")
        self.message.setVisible(False)
        moderator.addWidget(self.message)
        buttons = QHBoxLayout()
        self.agree_button = QPushButton(self)
        self.agree_button.setObjectName(f"{kq.id}__agree")
        self.agree_button.clicked.connect(self.agree)
        self.change_button = QPushButton(self)
        self.change_button.setObjectName(f"{kq.id}__change")
        self.change_button.clicked.connect(self.change)
        buttons.addWidget(self.agree_button)
        buttons.addWidget(self.change_button)
        self.record = _plain_label(self, "moderation_record")
        buttons.addWidget(self.record, 1)
        moderator.addLayout(buttons)

        sides.addLayout(reader, 1)
        sides.addLayout(moderator, 1)
        outer.addLayout(sides)
        self._moderation: dict | None = None
        self._earlier: dict | None = None
        self._note = ""
        self._prompt_values: dict[str, object] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Y/N/A and 1–9 on an option choose the moderator's judgement (as the field form's keys)."""
        if event.type() == QEvent.Type.KeyPress and watched in self.radios.values() and not self.locked:
            text = event.text().lower()
            letters = {"y": "yes", "n": "no", "a": "na"} if self.question.answer.type == "judgement" else {}
            ids = list(self.radios)
            chosen = letters.get(text) if letters.get(text) in ids else None
            if chosen is None and text.isdigit() and text != "0" and int(text) <= len(ids):
                chosen = ids[int(text) - 1]
            if chosen is not None:
                self.radios[chosen].setChecked(True)
                self.radios[chosen].setFocus()
                return True
        return super().eventFilter(watched, event)

    # -- showing ------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        q = self.question
        text = q.text.get(lang)
        self.title.setText(f"{self.number}  {text}")
        self.title.setAccessibleName(text)
        self.reader_heading.setText(_tr("Reader's judgement"))
        self.moderator_heading.setText(_tr("Moderator's judgement"))
        self.options_box.setAccessibleName(fmt(_tr("Moderator's judgement on %1"), self.number))
        for option in self.fw.options(q.answer):
            radio = self.radios[option.id]
            radio.setText(option.label.get(lang))
            radio.setAccessibleName(f"{option.label.get(lang)} ({self.number})")
        self.rationale_label.setText(_tr("Rationale (required for a change)"))
        self.rationale.setAccessibleName(fmt(_tr("Rationale for %1"), self.number))
        self.rationale.setPlaceholderText(_tr("Why the judgement should be different"))
        self.agree_button.setText(_tr("Agree"))
        self.agree_button.setAccessibleName(fmt(_tr("Agree with the reader on %1"), self.number))
        self.change_button.setText(_tr("Change"))
        self.change_button.setAccessibleName(fmt(_tr("Change the judgement on %1"), self.number))
        self._show_texts()

    def set_values(self, answers: dict, moderation: dict | None, earlier: dict | None, locked: bool) -> None:
        answer = answers.get(self.question.id, {})
        self.original = answer.get("value")
        self._note = answer.get("note") or ""
        self._prompt_values = {p.id: answers.get(p.id, {}).get("value") for p in self.question.prompts}
        self._moderation, self._earlier = moderation, earlier
        effective = moderation["value"] if moderation else self.original
        self.group.setExclusive(False)
        for option_id, radio in self.radios.items():
            radio.setChecked(option_id == effective)
        self.group.setExclusive(True)
        self.rationale.setPlainText("")
        self.locked = locked
        for w in [*self.radios.values(), self.rationale, self.agree_button, self.change_button]:
            w.setEnabled(not locked)
        self.agree_button.setEnabled(not locked and self.original not in (None, ""))
        self.change_button.setEnabled(not locked and bool(self.radios))
        self.set_message("")
        self._show_texts()

    def _show_texts(self) -> None:
        fw, q, lang = self.fw, self.question, self.lang
        self.reader_value.setText(value_text(fw, q, self.original, lang))
        self.reader_value.setAccessibleName(fmt(_tr("Reader's judgement on %1"), self.number))
        self.evidence.setText(fmt(_tr("Evidence: %1"), self._note) if self._note else _tr("No evidence note"))
        prompts = [f"• {p.text.get(lang)} — {value_text(fw, p, self._prompt_values.get(p.id), lang)}"
                   for p in q.prompts if self._prompt_values.get(p.id) not in (None, "")]
        self.prompts.setText("\n".join(prompts))
        self.prompts.setVisible(bool(prompts))
        m = self._moderation
        if m is None:
            self.record.setText(_tr("Not moderated yet"))
        elif m["outcome"] == "agreed":
            self.record.setText(fmt(_tr("Agreed by %1 on %2"), m["moderator"], date_time_text(m["created_at"])))
        else:
            self.record.setText(
                fmt(_tr("Changed to %1 by %2 on %3: %4"), value_text(fw, q, m["value"], lang), m["moderator"],
                    date_time_text(m["created_at"]), m["rationale"]))
        self.record.setProperty("moderated", "none" if m is None else m["outcome"])
        self.record.style().unpolish(self.record)
        self.record.style().polish(self.record)
        e = self._earlier
        if e is not None and m is None:
            self.earlier.setText(fmt(_tr("Moderated on an earlier version: %1 (%2)"), value_text(fw, q, e["value"], lang),
                                     e["rationale"] or outcome_text(e["outcome"])))
            self.earlier.setVisible(True)
        else:
            self.earlier.setVisible(False)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.setProperty("missing", bool(text))
        self.style().unpolish(self)
        self.style().polish(self)

    # -- acting ---------------------------------------------------------------------------

    def chosen(self) -> str | None:
        for option_id, radio in self.radios.items():
            if radio.isChecked():
                return option_id
        return None

    def agree(self) -> None:
        if self.original in (None, ""):
            self.set_message(_tr("The reader gave no judgement here: choose one and use Change, with a rationale."))
            return
        self.set_message("")
        self.moderate_requested.emit(self.question.id, self.original, self.rationale.toPlainText().strip())

    def change(self) -> None:
        value = self.chosen()
        rationale = self.rationale.toPlainText().strip()
        if value is None:
            self.set_message(_tr("Choose the moderator's judgement first."))
            self.options_box.setFocus()
            return
        if value == self.original:
            self.set_message(_tr("That is the reader's own judgement: use Agree, or choose a different one."))
            return
        if not rationale:
            self.set_message(_tr("Write a rationale: every change of a judgement needs one. Nothing was changed."))
            self.rationale.setFocus()
            return
        self.set_message("")
        self.moderate_requested.emit(self.question.id, value, rationale)
