"""The lead inspector's decisions in the central window: resolving a conflict by keeping
one version, a professional-judgement override of a standard's rating, signing off and
reopening an inspection. :class:`CentralDecisions` is built by the window with everything
it uses (see its constructor), like :class:`.actions.CentralActions`.

Every core call runs on ``ops`` (never on the GUI thread); the key is loaded there too
(its passphrase from the keyring or ``HMIP_KEY_PASSPHRASE``, as everywhere). After every
decision the window reloads what it shows from the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...models.central_tables import band_label, fw_standard_title
from ...text import error_text, fmt
from .part import CentralPart

if TYPE_CHECKING:
    from .ratings import RatingsPage


def _tr(text: str) -> str:
    # The same context as the window and actions modules.
    return QCoreApplication.translate("CentralWindow", text)


class ReasonDialog(QDialog):
    """A required reason (reopening an inspection); OK is refused without one."""

    def __init__(self, title: str, prompt: str, parent=None):
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("decision_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(prompt)
        label = QLabel(prompt, self)
        label.setBuddy(self.reason)
        self.form.addRow(label, self.reason)
        self.message = QLabel(self)
        self.message.setObjectName("missing_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if not self.text():
            self.message.setText(_tr("A reason is needed: it is recorded with the decision."))
            self.message.setVisible(True)
            self.reason.setFocus()
            return
        super().accept()


class OverrideDialog(ReasonDialog):
    """A standard, a band (or withdraw the override) and the reason."""

    def __init__(self, fw, ratings, lang: str, parent=None):
        super().__init__(_tr("Professional judgement"), _tr("Reason (recorded):"), parent)
        self.setObjectName("override_dialog")
        self.standard = QComboBox(self)
        self.standard.setObjectName("override_standard")
        self.standard.setAccessibleName(_tr("Standard"))
        for s in ratings.standards:
            computed = band_label(fw, s.rating, lang)
            title = fw_standard_title(fw, s.id, lang) or s.title
            self.standard.addItem(fmt(_tr("%1 (computed: %2)"), title, computed), s.id)
        self.band = QComboBox(self)
        self.band.setObjectName("override_band")
        self.band.setAccessibleName(_tr("Rating by professional judgement"))
        for b in fw.rating.bands:
            self.band.addItem(b.label.get(lang), b.id)
        if fw.rating.bands:
            self.band.addItem(_tr("Not rated"), "not_rated")
        self.band.addItem(_tr("Withdraw the override (use the computed rating)"), None)
        self.form.insertRow(0, _tr("S&tandard:"), self.standard)
        self.form.insertRow(1, _tr("&Rating:"), self.band)

    def choice(self) -> tuple[str, str | None, str]:
        return self.standard.currentData(), self.band.currentData(), self.text()


class CentralDecisions(CentralPart):
    """The window's slots for the lead's decisions."""

    #: A decision (conflict, override, sign-off, reopening) was recorded: the message shown.
    decision_recorded = Signal(str)

    def __init__(self, ratings_page: RatingsPage, **shared):
        """``shared``: as for every :class:`.part.CentralPart` (``prefs`` keeps the key
        folder); ``ratings_page``: where a decision's refusal is shown."""
        super().__init__(**shared)
        self.ratings_page = ratings_page
        #: The open decision dialog (override or reopening), for the tests.
        self.decision_dialog: ReasonDialog | None = None

    def _decided(self, text: str) -> None:
        self.ratings_page.show_error("")
        self.statusBar().showMessage(text, 10000)
        self.decision_recorded.emit(text)
        self._refresh()

    def _refused(self, error: BaseException) -> None:
        text = error_text(error)
        self.ratings_page.show_error(text)
        self._failed(error)

    # -- a conflict ----------------------------------------------------------------------------

    def resolve_conflict(self, conflict_id: int, revision_id: str, reason: str) -> None:
        who = self._moderator()
        if who is None or self.current.store is None or self.current.case_id is None:
            return
        from ....core.central import moderation

        store, inspection_id = self.current.store, self.current.inspection_id

        def done(case_id):
            self._decided(fmt(_tr("Conflict resolved: the version kept is now current for case %1."), case_id))

        def refused(error):
            text = error_text(error)
            if self.moderation is not None:
                self.moderation.conflict_view.set_message(text)
                self.moderation.show_error(text)
            self.action_failed.emit(text)

        self.ops.run(lambda: moderation.resolve_conflict(store, inspection_id, conflict_id, revision_id, who, reason),
                     done, refused)

    # -- professional judgement ----------------------------------------------------------------

    def professional_judgement(self) -> OverrideDialog | None:
        """Ask for a standard, a band and the reason (non-modal); returns the dialog."""
        current = self.current
        if current.store is None or current.inspection_id is None or current.fw is None or current.ratings is None:
            return None
        dialog = OverrideDialog(current.fw, current.ratings, current.lang, self.parent_widget)
        dialog.accepted.connect(lambda: self.set_override(*dialog.choice()))
        dialog.finished.connect(dialog.deleteLater)
        self.decision_dialog = dialog
        dialog.open()
        return dialog

    def set_override(self, standard_id: str, band_id: str | None, reason: str) -> None:
        who = self._moderator()
        if who is None or self.current.store is None or self.current.inspection_id is None:
            return
        from ....core.central import moderation

        store, inspection_id, fw = self.current.store, self.current.inspection_id, self.current.fw
        self.ops.run(lambda: moderation.set_override(store, inspection_id, standard_id, band_id, reason, who, fw),
                     lambda _: self._decided(_tr("Professional judgement recorded; the ratings are updated.")),
                     self._refused)

    # -- sign-off and reopening ----------------------------------------------------------------

    def _key_folder(self) -> Path | None:
        start = str(self.prefs.value("lead_key_folder", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self.parent_widget, _tr("Choose your lead inspector's key folder"), start)
        if not folder:
            return None
        self.prefs.remember("lead_key_folder", folder)
        return Path(folder)

    def sign_off(self) -> None:
        """Sign the current ratings with the lead's key (chosen folder) and lock the inspection."""
        if self.current.store is None or self.current.inspection_id is None:
            return
        folder = self._key_folder()
        if folder is not None:
            self._sign("sign_off", folder, "")

    def reopen(self) -> ReasonDialog | None:
        """Ask for the reason (non-modal), then the key folder; returns the dialog."""
        if self.current.store is None or self.current.inspection_id is None:
            return None
        dialog = ReasonDialog(_tr("Reopen the inspection"), _tr("Why it is reopened (recorded):"), self.parent_widget)

        def accepted():
            folder = self._key_folder()
            if folder is not None:
                self._sign("reopen", folder, dialog.text())

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.decision_dialog = dialog
        dialog.open()
        return dialog

    def _sign(self, action: str, folder: Path, reason: str) -> None:
        from ....core.central import moderation
        from ....core.central.answers import rate_inspection
        from ....core.exchange.keys import load_key

        store, inspection_id = self.current.store, self.current.inspection_id

        def work():
            key = load_key(folder)
            ratings = rate_inspection(store, inspection_id).as_json()
            if action == "sign_off":
                return moderation.sign_off(store, inspection_id, key, ratings)
            return moderation.reopen(store, inspection_id, key, reason, ratings)

        text = _tr("Inspection signed off: it is locked until it is reopened.") if action == "sign_off" \
            else _tr("Inspection reopened: changes can be made again.")
        self.ops.run(work, lambda _: self._decided(text), self._refused)
