"""The moderation view of one case read (central mode).

For each key question that applies to the case: the reader's judgement and evidence
beside the moderator's control (the framework's options as radio buttons), a rationale
box, "Agree" and "Change". A change needs a rationale: the page says so inline and asks
for nothing; the core refuses one without a rationale too. At the bottom, the read's QA
outcome: agreed, changed, or returned to the reader with comments.

The page never writes anything itself: it emits ``moderate_requested`` and
``outcome_requested`` and the window runs the core call on its worker thread, then
loads the page again from the store (``load``). A second tab shows the versions of a
read in conflict side by side, where the lead keeps one (``resolve_requested``).

The per-question card is :mod:`.question`, the side-by-side view of versions in
conflict :mod:`.conflict`; their public names are re-exported here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core.field import form_state
from ....core.frameworks import Framework
from ...text import date_time_text, fmt, outcome_text, qa_text, status_text
from .conflict import ConflictView, conflict_columns, conflict_rows
from .question import ModerationCard, _plain_label, value_text

__all__ = [
    "STYLE", "ConflictView", "ModerationCard", "ModerationPage", "conflict_columns", "conflict_rows",
    "value_text",
]


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


class ModerationPage(QWidget):
    moderate_requested = Signal(str, object, str)
    outcome_requested = Signal(str, str)
    #: conflict id, revision id to keep, reason (from the Versions in conflict tab).
    resolve_requested = Signal(int, str, str)
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
        self.conflict_view.resolve_requested.connect(self.resolve_requested)
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
        """Show a case read (``core.central.queries.read_detail``)."""
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
        self.conflict_view.set_locked(locked)
        self.tabs.setTabEnabled(1, bool(conflicts))
        if not conflicts and self.tabs.currentIndex() == 1:
            self.tabs.setCurrentIndex(0)
        self.error_banner.setVisible(False)
        self._show_header()

    def _show_header(self) -> None:
        d = self.detail
        self.tabs.setTabText(1, fmt(_tr("Versions in conflict (%1)"), len(d["conflicts"]) if d else 0))
        if d is None:
            return
        self.case_label.setText(fmt(_tr("Case %1"), d["case_id"]))
        facts = [fmt(_tr("Reader: %1"), d["reader_name"]), status_text(d["status"])]
        if d["qa"]:
            facts.append(fmt(_tr("QA: %1"), qa_text(d["qa"])))
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
            text = fmt(_tr("%1 by %2 on %3"), outcome_text(o["outcome"]), o["moderator"], date_time_text(o["created_at"]))
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
        self.error_banner.setText(fmt(_tr("Not changed: %1"), text))
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
