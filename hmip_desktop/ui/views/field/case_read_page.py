"""The case read form, rendered once per framework and then loaded with each case read.

Building the widgets is the expensive part, so a page is built for a framework and
reused for every case read of the inspection: opening a case only sets values.
The page never saves anything itself: it emits ``edit_requested(target, value)`` and the
window runs the save on the worker thread. It never re-derives case-read state either:
an edit is applied to its snapshot with the core's ``apply_edit`` (the store's own rule),
and what the store wrote comes back through the ops layer's ``changes_applied`` signal.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ....core.field import form_state
from ....core.field.edits import CaseRead, ReadLocked, Target, apply_edit
from ....core.field.form_state import Missing
from ....core.field.values import InvalidValue
from ....core.frameworks import Framework
from ...text import error_text, fmt, status_text
from .profile_panel import ProfilePanel
from .question_widget import QuestionWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseReadPage", text)


class CaseReadPage(QWidget):
    edit_requested = Signal(object, object)
    complete_requested = Signal()
    reopen_requested = Signal()
    back_requested = Signal()

    def __init__(self, fw: Framework, parent=None):
        super().__init__(parent)
        self.fw = fw
        self.lang = "en"
        self.read: CaseRead | None = None
        self._missing: list[Missing] = []
        self._guidance_for: QuestionWidget | None = None
        #: What the saved label says, kept so that a language switch can say it again:
        #: ("saved", time) or ("not_saved", "") or None for nothing.
        self._saved: tuple[str, str] | None = None
        self._save_error: BaseException | str = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        # Header: which case, its state, the autosave indicator, the main actions.
        header = QHBoxLayout()
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.case_label = QLabel(self)
        self.case_label.setObjectName("case_heading")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("saved_label")
        for label in (self.saved_label, self.status_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.complete_button = QPushButton(self)
        self.complete_button.setObjectName("complete_button")
        self.complete_button.clicked.connect(self._complete_clicked)
        for w in (self.back_button, self.case_label):
            header.addWidget(w)
        header.addStretch(1)
        for w in (self.status_label, self.saved_label, self.complete_button):
            header.addWidget(w)
        outer.addLayout(header)

        # A non-modal error banner: shown when a save fails; nothing typed is discarded.
        self.error_banner = QLabel(self)
        self.error_banner.setObjectName("error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setVisible(False)
        outer.addWidget(self.error_banner)

        # A lead inspector's comments when the read was returned after QA.
        self.lead_banner = QLabel(self)
        self.lead_banner.setObjectName("lead_banner")
        self.lead_banner.setWordWrap(True)
        self.lead_banner.setVisible(False)
        outer.addWidget(self.lead_banner)

        # What is missing, each item a link to its question.
        self.missing_list = QListWidget(self)
        self.missing_list.setObjectName("missing_list")
        self.missing_list.setMaximumHeight(140)
        self.missing_list.setVisible(False)
        self.missing_list.itemActivated.connect(self._go_to_missing)
        self.missing_list.itemClicked.connect(self._go_to_missing)
        outer.addWidget(self.missing_list)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.standards_list = QListWidget(splitter)
        self.standards_list.setObjectName("standards_list")
        self.standards_list.setWordWrap(True)
        self.standards_list.itemActivated.connect(lambda item: self.go_to_standard(self.standards_list.row(item)))
        self.standards_list.itemClicked.connect(lambda item: self.go_to_standard(self.standards_list.row(item)))

        self.scroll = QScrollArea(splitter)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.profile = ProfilePanel(fw, body)
        self.profile.edited.connect(self._edited)
        self.body_layout.addWidget(self.profile)

        self.questions: dict[str, QuestionWidget] = {}
        self.key_widgets: list[QuestionWidget] = []
        self.standard_headers: list[tuple[str, QLabel, QFrame]] = []
        for s_index, standard in enumerate(fw.standards()):
            section = QFrame(body)
            section.setObjectName("standard_section")
            section_layout = QVBoxLayout(section)
            section_layout.setContentsMargins(0, 12, 0, 0)
            heading = QLabel(section)
            heading.setObjectName("standard_heading")
            heading.setAccessibleName(standard.title.en)
            section_layout.addWidget(heading)
            for k_index, kq in enumerate(standard.key_questions):
                widget = QuestionWidget(fw, kq, f"{s_index + 1}.{k_index + 1}", section)
                widget.edited.connect(self._edited)
                section_layout.addWidget(widget)
                self.key_widgets.append(widget)
                self.questions[kq.id] = widget
                for child in widget.prompts:
                    self.questions[child.question.id] = child
            self.body_layout.addWidget(section)
            self.standard_headers.append((standard.id, heading, section))
            self.standards_list.addItem(QListWidgetItem())
        self.body_layout.addStretch(1)
        self.scroll.setWidget(body)

        self.guidance = QTextBrowser(splitter)
        self.guidance.setObjectName("guidance")
        self.guidance.setOpenExternalLinks(False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([230, 760, 280])
        outer.addWidget(splitter, 1)

        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.set_language("en")

    # -- language --------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.back_button.setText(_tr("Case list"))
        self.back_button.setToolTip(_tr("Back to the case list (Ctrl+L)"))
        self.standards_list.setAccessibleName(_tr("Standards"))
        self.missing_list.setAccessibleName(_tr("What is missing"))
        self.guidance.setAccessibleName(_tr("Guidance"))
        self.profile.set_language(lang)
        self._size_header_labels()
        self._show_saved_text()
        if self.error_banner.isVisibleTo(self):
            self._show_save_error_text()
        for standard_id, heading, _ in self.standard_headers:
            title = next(s for s in self.fw.standards() if s.id == standard_id).title.get(lang)
            heading.setText(title)
            heading.setAccessibleName(title)
        for widget in self.key_widgets:
            widget.set_language(lang)
        self._refresh_header()
        self._refresh_standards()
        self._refresh_missing_list()
        if self._guidance_for is not None:
            self._show_guidance(self._guidance_for)

    def _size_header_labels(self) -> None:
        """Fixed widths, so that changing their text after every autosave does not relayout the
        form: the widest text each can show in this language, measured in the font it is drawn
        in (the style sheet makes the saved label bold)."""
        samples = {
            self.saved_label: [fmt(_tr("Saved at %1"), "00:00:00"), _tr("Not saved")],
            self.status_label: [status_text(s) for s in ("not_started", "in_progress", "complete")],
        }
        for label, texts in samples.items():
            label.ensurePolished()
            metrics = label.fontMetrics()
            label.setFixedWidth(max(metrics.horizontalAdvance(t) for t in texts) + 2 * metrics.averageCharWidth() + 24)

    def _show_saved_text(self) -> None:
        kind = self._saved[0] if self._saved else None
        self.saved_label.setText(fmt(_tr("Saved at %1"), self._saved[1]) if kind == "saved"
                                 else _tr("Not saved") if kind == "not_saved" else "")

    # -- loading and local state -----------------------------------------------------

    def load(self, read: CaseRead) -> None:
        """Show ``read`` (a snapshot from the store)."""
        self.read = read
        self._missing = []
        self.profile.set_values(read.profile, read.interview_held, read.interview_date, read.interview_note)
        for widget in self.key_widgets:
            widget.set_values(read.answers, read.notes)
            widget.show_missing(set())
        self.error_banner.setVisible(False)
        self._saved = None
        self._show_saved_text()
        self._show_lead_comments()
        self._apply_state()

    def _show_lead_comments(self) -> None:
        comments = self.read.lead_comments if self.read is not None else []
        if comments:
            last = comments[-1]
            self.lead_banner.setText(fmt(_tr("Returned by the lead inspector (%1): %2"),
                                         last["moderator"], last["comments"]))
            self.lead_banner.setAccessibleName(self.lead_banner.text())
        self.lead_banner.setVisible(bool(comments))

    def _apply_state(self) -> None:
        locked = self.read is not None and (self.read.status == "complete" or self.read.reallocated)
        self.profile.set_read_only(locked)
        for widget in self.key_widgets:
            widget.set_read_only(locked)
        self._apply_visibility()
        self._refresh_header()
        self._refresh_missing_list()

    def _apply_visibility(self) -> None:
        if self.read is None:
            return
        shown = form_state.visible(self.fw, self.read.values())
        for standard_id, _, section in self.standard_headers:
            section.setVisible(standard_id in shown)
        for widget in self.key_widgets:
            widget.apply_visibility(shown)
        self._refresh_standards(shown)

    def _edited(self, target: Target, value: object) -> None:
        """An inspector's change: apply it to the snapshot as the store will, re-apply relevance, ask for a save."""
        if self.read is None:
            return
        try:
            self.read = apply_edit(self.fw, self.read, target, value)
        except (InvalidValue, KeyError, ReadLocked):
            pass  # the store refuses it too, and the window shows why; the snapshot stays as stored
        relevance = target.kind in ("answer", "profile")
        if relevance:
            self._apply_visibility()  # the standards' marks with it
        if self._missing:
            self._missing = form_state.missing(self.fw, self.read.values())
            self._show_inline_missing()
            self._refresh_missing_list()
        elif not relevance:
            self._refresh_standards()
        self._refresh_header()
        self.edit_requested.emit(target, value)

    # -- feedback from the window ----------------------------------------------------

    def show_saved(self, time_text: str) -> None:
        self._saved = ("saved", time_text)
        self._show_saved_text()
        self.error_banner.setVisible(False)

    def show_save_error(self, error: BaseException | str) -> None:
        """The banner for a save that failed: ``error`` (the core's refusal, shown in the form's
        language, again after a language switch) or a message."""
        self._save_error = error
        self._show_save_error_text()
        self.error_banner.setVisible(True)
        self._saved = ("not_saved", "")
        self._show_saved_text()

    def _show_save_error_text(self) -> None:
        self.error_banner.setText(
            fmt(_tr("Not saved: %1. What you entered is still on screen and will be saved again with your next change."),
                error_text(self._save_error))
        )

    def apply_changes(self, changes) -> None:
        """Connected to the ops layer's ``changes_applied``: a write to the open read.

        The form's own autosaves ("set") are already on screen (applied with the same
        core rule as the store); undo, redo, complete and reopen load the stored read.
        """
        if self.read is None or changes.case_read_id != self.read.id or changes.action == "set":
            return
        self.load(changes.read)

    def show_missing(self, missing: list[Missing]) -> None:
        self._missing = list(missing)
        self._show_inline_missing()
        self._refresh_missing_list()
        if missing:
            self.missing_list.setFocus()
            self.missing_list.setCurrentRow(0)

    def _show_inline_missing(self) -> None:
        kinds: dict[str, set[str]] = {}
        for m in self._missing:
            kinds.setdefault(m.target, set()).add(m.kind)
        for qid, widget in self.questions.items():
            widget.show_missing(kinds.get(qid, set()))

    def _refresh_missing_list(self) -> None:
        self.missing_list.clear()
        for m in self._missing:
            text = m.describe(self.fw, self.lang)
            if m.target in self.questions:  # its number, as the form shows it ("1.2")
                text = f"{self.questions[m.target].number}  {text}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (m.kind, m.target))
            self.missing_list.addItem(item)
        self.missing_list.setVisible(bool(self._missing))

    def _refresh_header(self) -> None:
        if self.read is None:
            return
        self.case_label.setText(fmt(_tr("Case %1"), self.read.case_id))
        self.status_label.setText(status_text(self.read.status))
        complete = self.read.status == "complete"
        self.complete_button.setText(_tr("Reopen") if complete else _tr("Mark complete"))
        self.complete_button.setToolTip(_tr("Ctrl+Return"))

    def _refresh_standards(self, shown: set[str] | None = None) -> None:
        if self.read is None:
            return
        shown = shown if shown is not None else form_state.visible(self.fw, self.read.values())
        gaps = form_state.missing(self.fw, self.read.values())
        for row, (standard_id, heading, _) in enumerate(self.standard_headers):
            item = self.standards_list.item(row)
            open_items = sum(1 for m in gaps if m.standard_id == standard_id)
            if standard_id not in shown:
                mark, tip = "–", _tr("Does not apply to this case")
            elif open_items:
                mark, tip = str(open_items), fmt(_tr("%1 still to do"), open_items)
            else:
                mark, tip = "✓", _tr("Done")
            item.setText(f"{mark}  {heading.text()}")
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{heading.text()}: {tip}")

    def _complete_clicked(self) -> None:
        if self.read is not None and self.read.status == "complete":
            self.reopen_requested.emit()
        else:
            self.complete_requested.emit()

    # -- navigation ------------------------------------------------------------------

    def _go_to_missing(self, item: QListWidgetItem) -> None:
        kind, target = item.data(Qt.ItemDataRole.UserRole)
        self.go_to(kind, target)

    def go_to_target(self, target: Target) -> bool:
        """Scroll to and focus what an edit changed (an evidence note for a note).

        False (and nothing moves) when the form does not show it: a question that does
        not apply to this case, a field the framework no longer has, the read's status."""
        if target.kind in ("answer", "note"):
            question = self.questions.get(target.key)
            if question is None or not question.isVisibleTo(self):
                return False
            self.go_to("evidence" if target.kind == "note" else "answer", target.key)
        elif target.kind == "interview" or (target.kind == "profile" and target.key in self.profile.editors):
            self.go_to(target.kind, target.key)
        else:
            return False
        return True

    def go_to_first_missing(self) -> None:
        """Focus the first thing still to record, in form order (the case profile and the
        interview first); the first question when nothing is missing."""
        gaps = form_state.missing(self.fw, self.read.values()) if self.read is not None else []
        if gaps:
            self.go_to(gaps[0].kind, gaps[0].target)
        else:
            self.step_question(1)

    def go_to(self, kind: str, target: str) -> None:
        """Scroll to and focus a question, profile field or the interview record."""
        if kind in ("profile", "interview"):
            widget = self.profile.focus_target(kind, target)
        else:
            question = self.questions[target]
            if kind == "evidence" and question.note is not None:
                widget = question.note
            else:
                widget = question.editor.focus_target()
        if kind in ("profile", "interview"):
            self.scroll.verticalScrollBar().setValue(0)  # the profile and the interview head the form
        else:
            self._scroll_to(self.questions[target])
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(widget, 20, 40)

    def _scroll_to(self, widget: QWidget) -> None:
        """Bring ``widget``'s top near the top of the form (not just anywhere on screen)."""
        top = widget.mapTo(self.scroll.widget(), widget.rect().topLeft()).y()
        self.scroll.verticalScrollBar().setValue(max(0, top - 12))

    def _visible_keys(self) -> list[QuestionWidget]:
        return [w for w in self.key_widgets if not w.isHidden() and not w.parentWidget().isHidden()]

    def _current_key(self) -> QuestionWidget | None:
        widget = QApplication.focusWidget()
        while widget is not None and not (isinstance(widget, QuestionWidget) and widget.is_key):
            widget = widget.parentWidget()
        return widget

    def step_question(self, delta: int) -> None:
        keys = self._visible_keys()
        if not keys:
            return
        current = self._current_key()
        index = keys.index(current) + delta if current in keys else (0 if delta > 0 else len(keys) - 1)
        target = keys[max(0, min(len(keys) - 1, index))]
        self.go_to("answer", target.question.id)

    def step_standard(self, delta: int) -> None:
        visible = [i for i, (_, _, section) in enumerate(self.standard_headers) if not section.isHidden()]
        if not visible:
            return
        current = self._current_key()
        now = next((i for i, (_, _, s) in enumerate(self.standard_headers) if current and s.isAncestorOf(current)), None)
        if now is None:
            index = visible[0] if delta > 0 else visible[-1]
        else:
            pos = visible.index(now) + delta
            index = visible[max(0, min(len(visible) - 1, pos))]
        self.go_to_standard(index)

    def go_to_standard(self, index: int) -> None:
        standard_id, _, section = self.standard_headers[index]
        self.standards_list.setCurrentRow(index)
        first = next((w for w in self.key_widgets if section.isAncestorOf(w) and not w.isHidden()), None)
        if first is not None:
            self.go_to("answer", first.question.id)
            self._scroll_to(section)

    def flush(self) -> None:
        """Save any evidence note still waiting for its typing pause."""
        self.profile.flush()
        for widget in self.key_widgets:
            widget.flush()

    def _focus_changed(self, old, new) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        widget = new
        while widget is not None and not isinstance(widget, QuestionWidget):
            widget = widget.parentWidget()
        if widget is None or widget is self._guidance_for:
            return
        self._show_guidance(widget)
        for row, (_, _, section) in enumerate(self.standard_headers):
            if section.isAncestorOf(widget):
                self.standards_list.setCurrentRow(row)

    def _show_guidance(self, widget: QuestionWidget) -> None:
        """The guidance panel: the question's number, text and guidance in the form's language."""
        self._guidance_for = widget
        q = widget.question
        parts = [f"<h3>{widget.number}</h3>", f"<p><b>{_escape(q.text.get(self.lang))}</b></p>"]
        if q.guidance:
            parts.append(f"<p>{_escape(q.guidance.get(self.lang))}</p>")
        self.guidance.setHtml("".join(parts))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
