"""The moderation view of one case read (central mode).

For each key question that applies to the case: the reader's judgement and evidence
beside the moderator's control (the framework's options as radio buttons), a rationale
box, "Agree" and "Change". A change needs a rationale: the page says so inline and asks
for nothing; the core refuses one without a rationale too. At the bottom, the read's QA
outcome: agreed, changed, or returned to the reader with comments.

The page never writes anything itself: it emits ``moderate_requested`` and
``outcome_requested`` and the window runs the core call on its worker thread, then
loads the page again from the store (``load``). A second tab shows the versions of a
read in conflict side by side (read-only).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.field import form_state
from ...core.frameworks import Framework
from ...core.frameworks.model import KeyQuestion
from ..models.central_reads import outcome_text, qa_text, status_text
from ..models.central_tables import Column, RowsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralModeration", text)


#: Local additions to resources/style.qss (same palette: WCAG 2.2 AA on white).
STYLE = """
QLabel#side_heading { color: #505a5f; font-weight: 600; }
QLabel#reader_value { font-size: 13pt; font-weight: 600; }
QLabel#evidence_note { color: #0b0c0c; }
QLabel#prompts_label, QLabel#earlier_moderation, QLabel#hint_label { color: #505a5f; }
QLabel#moderation_record[moderated="agreed"] { color: #00703c; font-weight: 600; }
QLabel#moderation_record[moderated="changed"] { color: #7a1f0e; font-weight: 600; }
QLabel#notice_banner { background: #fff7e6; color: #0b0c0c; border: 2px solid #b35c00; padding: 8px; font-weight: 600; }
QFrame#outcome_panel { background: #ffffff; border: 2px solid #505a5f; border-radius: 4px; }
QLabel#outcome_label { font-weight: 600; }
"""


def local_time(iso: str | None) -> str:
    """A stored UTC time in local time, UK style."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


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

    # -- showing ------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        q = self.question
        text = q.text.get(lang)
        self.title.setText(f"{self.number}  {text}")
        self.title.setAccessibleName(text)
        self.reader_heading.setText(_tr("Reader's judgement"))
        self.moderator_heading.setText(_tr("Moderator's judgement"))
        self.options_box.setAccessibleName(_tr("Moderator's judgement on %1").replace("%1", self.number))
        for option in self.fw.options(q.answer):
            radio = self.radios[option.id]
            radio.setText(option.label.get(lang))
            radio.setAccessibleName(f"{option.label.get(lang)} ({self.number})")
        self.rationale_label.setText(_tr("Rationale (required for a change)"))
        self.rationale.setAccessibleName(_tr("Rationale for %1").replace("%1", self.number))
        self.rationale.setPlaceholderText(_tr("Why the judgement should be different"))
        self.agree_button.setText(_tr("Agree"))
        self.agree_button.setAccessibleName(_tr("Agree with the reader on %1").replace("%1", self.number))
        self.change_button.setText(_tr("Change"))
        self.change_button.setAccessibleName(_tr("Change the judgement on %1").replace("%1", self.number))
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
        self.reader_value.setAccessibleName(_tr("Reader's judgement on %1").replace("%1", self.number))
        self.evidence.setText(_tr("Evidence: %1").replace("%1", self._note) if self._note else _tr("No evidence note"))
        prompts = [f"• {p.text.get(lang)} — {value_text(fw, p, self._prompt_values.get(p.id), lang)}"
                   for p in q.prompts if self._prompt_values.get(p.id) not in (None, "")]
        self.prompts.setText("\n".join(prompts))
        self.prompts.setVisible(bool(prompts))
        m = self._moderation
        if m is None:
            self.record.setText(_tr("Not moderated yet"))
        elif m["outcome"] == "agreed":
            self.record.setText(_tr("Agreed by %1 on %2").replace("%1", m["moderator"]).replace("%2", local_time(m["created_at"])))
        else:
            self.record.setText(
                _tr("Changed to %1 by %2 on %3: %4").replace("%1", value_text(fw, q, m["value"], lang))
                .replace("%2", m["moderator"]).replace("%3", local_time(m["created_at"])).replace("%4", m["rationale"]))
        self.record.setProperty("moderated", "none" if m is None else m["outcome"])
        self.record.style().unpolish(self.record)
        self.record.style().polish(self.record)
        e = self._earlier
        if e is not None and m is None:
            self.earlier.setText(_tr("Moderated on an earlier version: %1 (%2)").replace(
                "%1", value_text(fw, q, e["value"], lang)).replace("%2", e["rationale"] or outcome_text(e["outcome"])))
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


def conflict_rows(fw: Framework, current: dict, other: dict, lang: str) -> list[dict]:
    """Rows for the side-by-side view: every profile field and question that either
    version answered, with both versions' values and evidence, and whether they differ."""
    rows = []
    for f in fw.case_profile:
        a, b = current["profile"].get(f.id), other["profile"].get(f.id)
        if a is None and b is None:
            continue

        def label(v, f=f):
            if v is None:
                return ""
            if f.scale:
                for option in fw.scale(f.scale).options:
                    if option.id == v:
                        return option.label.get(lang)
            return str(v)

        rows.append({"item": f.label.get(lang), "current": label(a), "other": label(b), "differs": a != b})
    for q in fw.questions():
        a, b = current["answers"].get(q.id), other["answers"].get(q.id)
        if a is None and b is None:
            continue

        def text(answer, q=q):
            if answer is None:
                return _tr("Not answered")
            note = answer.get("note") or ""
            value = value_text(fw, q, answer.get("value"), lang)
            return f"{value} — {note}" if note else value

        item = q.text.get(lang) if isinstance(q, KeyQuestion) else f"↳ {q.text.get(lang)}"  # a prompt
        rows.append({"item": item, "current": text(a), "other": text(b), "differs": a != b})
    return rows


def conflict_columns() -> list[Column]:
    return [
        Column("item", lambda: _tr("Question or profile field"), lambda r: ("≠ " if r["differs"] else "") + r["item"]),
        Column("current", lambda: _tr("Current version"), lambda r: r["current"]),
        Column("other", lambda: _tr("Conflicting version"), lambda r: r["other"]),
    ]


class ConflictView(QWidget):
    """The current version and a conflicting one, side by side, read-only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = _plain_label(self, "conflict_intro")
        layout.addWidget(self.intro)
        self.model = RowsModel(conflict_columns(), self)
        self.table = QTableView(self)
        self.table.setObjectName("conflict_table")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        # Rows grow with their wrapped text, also when the columns are resized.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.next_step = _plain_label(self, "hint_label")
        layout.addWidget(self.next_step)
        self._shown = None

    def show_versions(self, fw: Framework, current: dict, other: dict | None, lang: str) -> None:
        self._shown = (fw, current, other)
        self.table.setAccessibleName(_tr("Versions in conflict"))
        if other is None:
            self.intro.setText(_tr("This case read has no versions in conflict."))
            self.model.set_rows([])
            self.next_step.setText("")
            return

        def who(v):
            return _tr("%1, device %2, sequence %3, edited %4").replace("%1", v["reader_name"]) \
                .replace("%2", v["device_id"][:8]).replace("%3", str(v["sequence"])).replace("%4", local_time(v["updated_at"]))

        self.intro.setText(_tr("Current version: %1.\nConflicting version: %2.\nRows marked ≠ differ.")
                           .replace("%1", who(current)).replace("%2", who(other)))
        self.model.set_rows(conflict_rows(fw, current, other, lang))
        self.next_step.setText(_tr("Both versions are kept. Choosing one here is not available yet: ask the reader "
                                   "to bring their read up to date and send a new bundle, which becomes current."))


class ModerationPage(QWidget):
    moderate_requested = Signal(str, object, str)
    outcome_requested = Signal(str, str)
    back_requested = Signal()

    def __init__(self, fw: Framework, parent=None):
        super().__init__(parent)
        self.fw = fw
        self.lang = "en"
        self.detail: dict | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)

        header = QHBoxLayout()
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("back_to_dashboard")
        self.back_button.clicked.connect(self.back_requested)
        self.case_label = _plain_label(self, "case_heading", wrap=False)
        self.facts_label = _plain_label(self, "read_facts")
        header.addWidget(self.back_button)
        header.addWidget(self.case_label)
        header.addWidget(self.facts_label, 1)
        outer.addLayout(header)

        self.error_banner = _plain_label(self, "error_banner")
        self.error_banner.setVisible(False)
        outer.addWidget(self.error_banner)
        self.notice = _plain_label(self, "notice_banner")
        self.notice.setVisible(False)
        outer.addWidget(self.notice)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("read_tabs")
        self.scroll = QScrollArea(self.tabs)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        self.cards: dict[str, ModerationCard] = {}
        self.sections: list[tuple[str, QLabel, QFrame]] = []
        for s_index, standard in enumerate(fw.standards()):
            section = QFrame(body)
            section_layout = QVBoxLayout(section)
            section_layout.setContentsMargins(0, 8, 0, 0)
            heading = _plain_label(section, "standard_heading")
            section_layout.addWidget(heading)
            for k_index, kq in enumerate(standard.key_questions):
                card = ModerationCard(fw, kq, f"{s_index + 1}.{k_index + 1}", section)
                card.moderate_requested.connect(self.moderate_requested)
                section_layout.addWidget(card)
                self.cards[kq.id] = card
            body_layout.addWidget(section)
            self.sections.append((standard.id, heading, section))
        body_layout.addStretch(1)
        self.scroll.setWidget(body)
        self.tabs.addTab(self.scroll, "")
        self.conflict_view = ConflictView(self.tabs)
        self.tabs.addTab(self.conflict_view, "")
        outer.addWidget(self.tabs, 1)

        # The read's outcome, always in view below the judgements.
        outcome = QFrame(self)
        outcome.setObjectName("outcome_panel")
        outcome_layout = QVBoxLayout(outcome)
        outcome_layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.outcome_heading = _plain_label(outcome, "side_heading", wrap=False)
        self.outcome_label = _plain_label(outcome, "outcome_label")
        top.addWidget(self.outcome_heading)
        top.addWidget(self.outcome_label, 1)
        outcome_layout.addLayout(top)
        row = QHBoxLayout()
        self.comments = QPlainTextEdit(outcome)
        self.comments.setObjectName("outcome_comments")
        self.comments.setTabChangesFocus(True)
        self.comments.setFixedHeight(56)
        row.addWidget(self.comments, 1)
        self.outcome_buttons: dict[str, QPushButton] = {}
        for key in ("agreed", "changed", "returned"):
            button = QPushButton(outcome)
            button.setObjectName(f"outcome_{key}")
            button.clicked.connect(lambda _=False, k=key: self._outcome(k))
            row.addWidget(button)
            self.outcome_buttons[key] = button
        outcome_layout.addLayout(row)
        self.outcome_message = _plain_label(outcome, "missing_message")
        self.outcome_message.setVisible(False)
        outcome_layout.addWidget(self.outcome_message)
        outer.addWidget(outcome)
        self.setStyleSheet(STYLE)
        self.set_language("en")

    # -- language -------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.back_button.setText(_tr("Dashboard"))
        self.back_button.setToolTip(_tr("Back to the dashboard (Ctrl+L)"))
        self.back_button.setAccessibleName(_tr("Back to the dashboard"))
        for standard_id, heading, _ in self.sections:
            title = next(s for s in self.fw.standards() if s.id == standard_id).title.get(lang)
            heading.setText(title)
            heading.setAccessibleName(title)
        for card in self.cards.values():
            card.set_language(lang)
        self.tabs.setTabText(0, _tr("Judgements"))
        self.outcome_heading.setText(_tr("Outcome of this read:"))
        self.comments.setAccessibleName(_tr("Comments for the reader"))
        self.comments.setPlaceholderText(_tr("Comments for the reader (needed to return the read)"))
        self.outcome_buttons["agreed"].setText(_tr("Agreed"))
        self.outcome_buttons["changed"].setText(_tr("Changed"))
        self.outcome_buttons["returned"].setText(_tr("Return to reader with comments"))
        self.outcome_buttons["agreed"].setAccessibleName(_tr("Record the outcome: agreed"))
        self.outcome_buttons["changed"].setAccessibleName(_tr("Record the outcome: changed"))
        self.outcome_buttons["returned"].setAccessibleName(_tr("Return the read to its reader with the comments"))
        self._show_header()

    # -- loading ----------------------------------------------------------------------------

    def load(self, detail: dict) -> None:
        """Show a case read (``central_rows.read_detail``)."""
        same = self.detail is not None and self.detail["case_id"] == detail["case_id"]
        self.detail = detail
        locked = detail["signed_off"]
        values = form_state.ReadValues(detail["profile"], {q: a["value"] for q, a in detail["answers"].items()},
                                       {q: a["note"] for q, a in detail["answers"].items()},
                                       detail["interview"].get("held"))
        shown = form_state.visible(self.fw, values)
        for standard_id, _, section in self.sections:
            any_card = False
            for kq_id, card in self.cards.items():
                if not section.isAncestorOf(card):
                    continue
                card.set_values(detail["answers"], detail["moderations"].get(kq_id), detail["earlier"].get(kq_id), locked)
                # A question that does not apply to this case is left out, unless it was answered anyway.
                applies = kq_id in shown or kq_id in detail["answers"] or kq_id in detail["moderations"]
                card.setVisible(applies)
                any_card = any_card or applies
            section.setVisible(any_card)
        for button in self.outcome_buttons.values():
            button.setEnabled(not locked)
        self.comments.setEnabled(not locked)
        if not same:
            self.comments.setPlainText("")
            self.scroll.verticalScrollBar().setValue(0)
        self.set_outcome_message("")
        conflicts = detail["conflicts"]
        self.conflict_view.show_versions(self.fw, detail, conflicts[0] if conflicts else None, self.lang)
        self.tabs.setTabEnabled(1, bool(conflicts))
        if not conflicts and self.tabs.currentIndex() == 1:
            self.tabs.setCurrentIndex(0)
        self.error_banner.setVisible(False)
        self._show_header()

    def _show_header(self) -> None:
        d = self.detail
        self.tabs.setTabText(1, _tr("Versions in conflict (%1)").replace("%1", str(len(d["conflicts"]) if d else 0)))
        if d is None:
            return
        self.case_label.setText(_tr("Case %1").replace("%1", d["case_id"]))
        facts = [_tr("Reader: %1").replace("%1", d["reader_name"]), status_text(d["status"])]
        if d["qa"]:
            facts.append(_tr("QA: %1").replace("%1", qa_text(d["qa"])))
        self.facts_label.setText(" · ".join(facts))
        notices = []
        if d["signed_off"]:
            notices.append(_tr("This inspection is signed off: nothing can be changed until it is reopened."))
        if d["needs_rereview"]:
            notices.append(_tr("A newer version arrived after moderation: please moderate it again."))
        if d["conflicts"]:
            notices.append(_tr("Two versions of this read are in conflict: compare them in the Versions in conflict tab."))
        self.notice.setText("\n".join(notices))
        self.notice.setVisible(bool(notices))
        o = d["outcome"]
        if o is None:
            self.outcome_label.setText(_tr("not recorded yet"))
        else:
            text = _tr("%1 by %2 on %3").replace("%1", outcome_text(o["outcome"])).replace("%2", o["moderator"]) \
                .replace("%3", local_time(o["created_at"]))
            if o["comments"]:
                text += f" — {o['comments']}"
            self.outcome_label.setText(text)

    # -- feedback ---------------------------------------------------------------------------

    def _outcome(self, outcome: str) -> None:
        comments = self.comments.toPlainText().strip()
        if outcome == "returned" and not comments:
            self.set_outcome_message(_tr("Write comments for the reader before returning the read."))
            self.comments.setFocus()
            return
        self.set_outcome_message("")
        self.outcome_requested.emit(outcome, comments)

    def set_outcome_message(self, text: str) -> None:
        self.outcome_message.setText(text)
        self.outcome_message.setVisible(bool(text))

    def show_error(self, text: str, question_id: str | None = None) -> None:
        """A write the core refused: said beside the question (if any) and in the banner."""
        if question_id in self.cards:
            self.cards[question_id].set_message(text)
        self.error_banner.setText(_tr("Not changed: %1").replace("%1", text))
        self.error_banner.setVisible(True)

    def go_to_question(self, question_id: str) -> None:
        card = self.cards[question_id]
        self.tabs.setCurrentIndex(0)
        self.scroll.ensureWidgetVisible(card, 20, 40)
        target = next((r for r in card.radios.values() if r.isChecked()), None) or next(iter(card.radios.values()), None)
        (target or card.agree_button).setFocus()

    def first_question(self) -> None:
        visible = [q for q, c in self.cards.items() if not c.isHidden()]
        if visible:
            self.go_to_question(visible[0])
