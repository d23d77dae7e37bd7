"""The lead inspector's central mode: a window over a central store.

Left, the store's inspections; right, four tabs for the selected one: its dashboard
(arrivals, completion, QA coverage, conflicts, re-reviews, readers' consistency, the case
reads with the QA actions), the moderation view of one case read, the ratings, and the
judgements on evidence (every record; recording one: :mod:`.evidence`).

Every core call runs on ``self.ops`` (one worker thread) and never touches a widget.
After every write the window reloads what it shows from the store in one operation
(``_reload``): the store stays the truth and the views refresh from it. The slots that
call the core (a case read, QA, import, the report) are a :class:`.actions.CentralActions`;
the lead's decisions (conflicts, overrides, sign-off) a :class:`.decisions.CentralDecisions`:
the window builds both with what they use, and connects its menus and pages to them. What
it has open is one :class:`.state.Selection`, shared with them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
)

from ...actions import add_action
from ...i18n import Translations, language_actions
from ...notice import notice
from ...ops import Ops
from ...text import error_text, fmt
from .actions import CentralActions, describe_import, outcome_labels
from .dashboard import DashboardPage
from .decisions import CentralDecisions
from .evidence import CentralEvidence, CentralEvidencePage
from .ratings import RatingsPage
from .state import CentralSettings, Selection

__all__ = ["CentralWindow", "describe_import", "outcome_labels"]

log = logging.getLogger("hmip.ui.central")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralWindow", text)


def _key_id(folder) -> str | None:
    """The fingerprint of the lead's key in ``folder`` (its public.key), or None."""
    if not folder:
        return None
    from ....core.exchange.keys import KeyError_, fingerprint, read_public

    try:
        return fingerprint(read_public(Path(str(folder)))[0])
    except KeyError_:
        return None


def _selected(name: str) -> property:
    """The window's ``name`` is its :class:`Selection`'s (which the actions and decisions share)."""
    return property(lambda self: getattr(self.current, name), lambda self, value: setattr(self.current, name, value))


class CentralWindow(QMainWindow):
    #: The store is open and its inspections listed.
    store_loaded = Signal()
    #: An inspection's dashboard (and ratings) were (re)loaded.
    inspection_loaded = Signal(str)
    #: A case read was (re)loaded into the moderation view.
    read_loaded = Signal(str)
    #: The ratings dashboard was (re)filled.
    ratings_loaded = Signal(str)
    #: An import finished: one dict per file (see ``_import_files``).
    imported = Signal(list)
    #: A core call was refused or failed: the message shown.
    action_failed = Signal(str)
    #: Emitted with the path when a report has been written.
    report_written = Signal(str)
    #: A decision (conflict, override, sign-off, reopening) was recorded: the message shown.
    decision_recorded = Signal(str)

    store = _selected("store")  # a CentralStore, used only on the worker thread
    inspection_id = _selected("inspection_id")
    case_id = _selected("case_id")
    fw = _selected("fw")
    ratings = _selected("ratings")
    lang = _selected("lang")

    def __init__(self, location: str | Path, keys_dir: Path | None = None, settings: QSettings | None = None,
                 translations: Translations | None = None):
        super().__init__()
        self.setObjectName("central_window")
        self.location = str(location)
        self.keys_dir = Path(keys_dir) if keys_dir else None
        self.settings = settings
        self.translations = translations or Translations()
        self.prefs = CentralSettings(settings)
        self.ops = Ops(self)
        self.current = Selection()
        self.inspections: list[dict] = []
        self.frameworks: dict[str, object] = {}
        self.moderation = None  # a ModerationPage, built per framework

        self.inspection_list = QListWidget(self)
        self.inspection_list.setObjectName("inspections_list")
        # Long titles wrap: nothing in the list is reachable only by scrolling sideways.
        self.inspection_list.setWordWrap(True)
        self.inspection_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inspection_list.setMinimumWidth(160)
        self.inspection_list.currentItemChanged.connect(self._inspection_chosen)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("central_tabs")
        self.dashboard = DashboardPage(self.tabs)
        self.ratings_page = RatingsPage(self.tabs)
        self.read_placeholder = QLabel(self.tabs)
        self.read_placeholder.setObjectName("hint_label")
        self.read_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.read_placeholder.setStyleSheet("color: #505a5f;")
        self.tabs.addTab(self.dashboard, "")
        self.tabs.addTab(self.read_placeholder, "")
        self.tabs.addTab(self.ratings_page, "")
        self.evidence_page = CentralEvidencePage(self.tabs)  # judgements on evidence (tab 3)
        self.tabs.addTab(self.evidence_page, "")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.inspection_list)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 1100])
        self.setCentralWidget(splitter)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("central_toolbar")
        self.toolbar.setMovable(False)
        self.moderator_label = QLabel(self.toolbar)
        # The inspection's leads; the one whose key is in use is chosen (``_set_moderators``).
        self.moderator = QComboBox(self.toolbar)
        self.moderator.setObjectName("moderator_id")
        self.moderator.setMinimumContentsLength(18)
        self.moderator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a lead's whole name
        self.moderator.activated.connect(lambda _: self.prefs.remember("moderator", self.moderator.currentData()))
        self.moderator_label.setBuddy(self.moderator)
        self.addToolBar(self.toolbar)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("saving_label")
        self.statusBar().addPermanentWidget(self.busy_label)
        self.ops.busy_changed.connect(self._busy_changed)
        self._build_parts()
        self._build_actions()
        self.set_language(str(self.prefs.value("language", Translations.lang or "en")))
        geometry = self.prefs.value("geometry", None)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)

    # -- settings, actions, language -----------------------------------------------------------

    def _build_parts(self) -> None:
        """The actions and the decisions, given what they use; the pages' requests go to them."""
        shared = dict(parent=self, ops=self.ops, current=self.current, prefs=self.prefs, status_bar=self.statusBar(),
                      moderation=lambda: self.moderation, moderator=self.moderator_id, refresh=self.refresh,
                      failed=self._failed)
        self.central_actions = CentralActions(self.dashboard, show_read=self._show_read, reload=self._reload,
                                              fatal=self._fatal, **shared)
        self.decisions = CentralDecisions(self.ratings_page, **shared)
        self.evidence = CentralEvidence(self.evidence_page, **shared)
        self.evidence.evidence_recorded.connect(self.decision_recorded)
        for part in (self.central_actions, self.decisions, self.evidence):
            part.action_failed.connect(self.action_failed)
        self.central_actions.report_written.connect(self.report_written)
        self.central_actions.imported.connect(self.imported)
        self.decisions.decision_recorded.connect(self.decision_recorded)
        self.dashboard.import_requested.connect(self.central_actions.import_bundles)
        self.dashboard.sample_requested.connect(self.central_actions.choose_qa_sample)
        self.dashboard.add_requested.connect(self.central_actions.add_to_qa)
        self.dashboard.open_requested.connect(self.central_actions.open_read)
        self.ratings_page.override_requested.connect(self.decisions.professional_judgement)
        self.ratings_page.sign_off_requested.connect(self.decisions.sign_off)
        self.ratings_page.reopen_requested.connect(self.decisions.reopen)

    def _build_actions(self) -> None:
        self.act_import = add_action(self, "import_bundles", "Ctrl+I", self.central_actions.import_bundles)
        self.act_refresh = add_action(self, "refresh", QKeySequence.StandardKey.Refresh, self.refresh)
        self.act_quit = add_action(self, "quit", QKeySequence.StandardKey.Quit, self.close)
        self.act_report = add_action(self, "write_report", "Ctrl+P", self.central_actions.write_report)
        self.act_dashboard = add_action(self, "show_dashboard", "Ctrl+L", lambda: self.show_tab(0))
        self.act_read = add_action(self, "show_read", "Ctrl+2", lambda: self.show_tab(1))
        self.act_ratings = add_action(self, "show_ratings", "Ctrl+3", lambda: self.show_tab(2))
        self.act_evidence = add_action(self, "show_evidence", "Ctrl+4", lambda: self.show_tab(3))
        self.act_inspections = add_action(self, "focus_inspections", "Ctrl+0", self.inspection_list.setFocus)
        self.act_shortcuts = add_action(self, "shortcuts", QKeySequence("F1"), self._show_shortcuts)
        self.lang_group, self.lang_actions = language_actions(self, self.set_language)
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_import, self.act_report, self.act_refresh, self.act_quit])
        self.menu_go = bar.addMenu("")
        self.menu_go.addActions([self.act_inspections, self.act_dashboard, self.act_read, self.act_ratings,
                                 self.act_evidence])
        self.menu_lang = bar.addMenu("")
        self.menu_lang.addActions(list(self.lang_actions.values()))
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_shortcuts)
        self.toolbar.addAction(self.act_import)
        self.toolbar.addAction(self.act_refresh)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.moderator_label)
        self.toolbar.addWidget(self.moderator)

    def set_language(self, lang: str) -> None:
        self.translations.set_language(lang)
        self.lang = lang
        self.prefs.remember("language", lang)
        self.lang_actions[lang].setChecked(True)
        self.setWindowTitle(_tr("hmip-desktop: central store") + f" — {Path(self.location).name}")
        self.menu_file.setTitle(_tr("&File"))
        self.menu_go.setTitle(_tr("&Go"))
        self.menu_lang.setTitle(_tr("&Language"))
        self.menu_help.setTitle(_tr("&Help"))
        texts = {self.act_shortcuts: _tr("&Keyboard shortcuts and help"),self.act_import: _tr("&Import bundles…"), self.act_refresh: _tr("&Refresh"), self.act_quit: _tr("&Quit"),
                 self.act_report: _tr("Inspection &report…"),
                 self.act_dashboard: _tr("&Dashboard"), self.act_read: _tr("&Case read"),
                 self.act_ratings: _tr("R&atings"), self.act_inspections: _tr("I&nspections"),
                 self.act_evidence: _tr("&Evidence")}
        for action, text in texts.items():
            action.setText(text)
        self.moderator_label.setText(_tr("&Moderator: "))
        self.moderator.setAccessibleName(_tr("Moderator"))
        self.moderator.setToolTip(_tr("The lead inspector recorded with every moderation and QA action "
                                      "(the one whose key is in use is chosen)"))
        self.inspection_list.setAccessibleName(_tr("Inspections"))
        self.tabs.setTabText(0, _tr("Dashboard"))
        self.tabs.setTabText(1, _tr("Case read"))
        self.tabs.setTabText(2, _tr("Ratings"))
        self.tabs.setTabText(3, _tr("Evidence"))
        self.evidence_page.set_language(lang)
        self.read_placeholder.setText(_tr("Choose a case read on the dashboard and press Enter to moderate it."))
        self.dashboard.set_language(lang)
        self.ratings_page.set_language(lang)
        if self.moderation is not None:
            self.moderation.set_language(lang)
        self._fill_inspection_texts()
        self._busy_changed(self.ops.pending)
        if self.store is not None and self.inspection_id is not None:
            self._reload()  # the charts are drawn in the interface language

    def show_tab(self, index: int) -> None:
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)
            if index == 0:
                self.dashboard.table.setFocus()
            elif index == 1 and self.moderation is not None:
                self.moderation.first_question()

    def _busy_changed(self, pending: int) -> None:
        self.busy_label.setText(_tr("Working…") if pending else "")

    # -- opening -----------------------------------------------------------------------------

    def load(self) -> None:
        """Open the central store on the worker, then list its inspections."""
        location, keys_dir = self.location, self.keys_dir

        def work():
            from ....core.central import queries
            from ....core.central.store import CentralStore

            store = CentralStore.open(location, keys_dir)
            return store, queries.inspections(store)

        self.ops.run(work, self._store_opened, self._fatal)

    def _store_opened(self, result) -> None:
        self.store, rows = result
        self._set_inspections(rows)
        self.store_loaded.emit()
        if not rows:
            self.dashboard.show_empty()
            self.tabs.setTabEnabled(2, False)
            self.tabs.setTabEnabled(3, False)

    def _fatal(self, error: BaseException) -> None:
        self.action_failed.emit(error_text(error))
        notice(self, _tr("Cannot open the central store"), error_text(error), "central_error", QMessageBox.Icon.Critical)

    def _set_inspections(self, rows: list[dict]) -> None:
        self.inspections = rows
        wanted = self.inspection_id or self.prefs.value("inspection", None)
        self.inspection_list.blockSignals(True)
        self.inspection_list.clear()
        for row in rows:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.inspection_list.addItem(item)
        self._fill_inspection_texts()
        ids = [r["id"] for r in rows]
        target = (wanted if wanted in ids else ids[0]) if ids else None
        if target is not None:
            self.inspection_list.setCurrentRow(ids.index(target))
        self.inspection_list.blockSignals(False)
        if target is not None and target != self.inspection_id:
            self.select_inspection(target)

    def _fill_inspection_texts(self) -> None:
        for i, row in enumerate(self.inspections):
            item = self.inspection_list.item(i)
            if item is None:
                continue
            state = _tr("signed off") if row["signed_off"] else fmt(_tr("%1 case reads"), row["reads"])
            item.setText(f"{row['title'] or row['id']}\n{state}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{row['title'] or row['id']}, {state}")

    def _inspection_chosen(self, current, _previous) -> None:
        if current is not None:
            self.select_inspection(current.data(Qt.ItemDataRole.UserRole))

    def select_inspection(self, inspection_id: str) -> None:
        if self.store is None:
            return
        if inspection_id != self.inspection_id:
            self.inspection_id = inspection_id
            self.case_id = None
            self.prefs.remember("inspection", inspection_id)
            self.tabs.setCurrentIndex(0)
            self.tabs.setTabEnabled(1, False)  # the open read belonged to the other inspection
        self._reload()

    def refresh(self) -> None:
        """Reload the list of inspections and everything shown (another lead, or the CLI,
        may have changed the store)."""
        if self.store is None:
            return
        from ....core.central import queries

        store = self.store
        self.ops.run(lambda: queries.inspections(store), self._set_inspections, self._failed)
        self._reload()

    def _reload(self) -> None:
        """Reload the current inspection's dashboard, ratings and open case read, in one
        operation (so the three always agree)."""
        if self.store is None or self.inspection_id is None:
            return
        store, inspection_id, case_id, lang = self.store, self.inspection_id, self.case_id, self.lang
        known = self.frameworks.get(inspection_id)
        key_folder = self.prefs.value("lead_key_folder", None)

        def work():
            from ....core.central import queries
            from ....core.central.answers import framework_for, rate_inspection
            from ....core.central.moderation import lead_choices
            from ....core.reports.charts import standard_pngs

            fw = known or framework_for(store, inspection_id)
            summary = queries.dashboard(store, inspection_id)
            ratings = rate_inspection(store, inspection_id, lang)
            try:
                charts = standard_pngs(ratings, fw, lang)
            except Exception as exc:  # noqa: BLE001 - a chart is an extra: the table still shows
                log.warning("charts not shown: %s: %s", type(exc).__name__, exc)
                charts = {}
            detail = queries.read_detail(store, inspection_id, case_id) if case_id else None
            return inspection_id, fw, summary, ratings, charts, detail, lead_choices(store, inspection_id,
                                                                                     _key_id(key_folder))

        self.ops.run(work, self._reloaded, self._failed)

    def _reloaded(self, result) -> None:
        inspection_id, fw, summary, ratings, charts, detail, (leads, mine) = result
        if inspection_id != self.inspection_id:
            return  # the lead moved on to another inspection meanwhile
        self._set_moderators(leads, mine)
        self.frameworks[inspection_id] = fw
        self._use_framework(fw)
        inspection = next((r for r in self.inspections if r["id"] == inspection_id),
                          {"id": inspection_id, "title": "", "framework_id": fw.id, "framework_version": fw.version})
        inspection["signed_off"] = summary["signed_off"]
        inspection["reads"] = summary["counts"]["reads"]
        self._fill_inspection_texts()
        self.dashboard.set_summary(inspection, summary)
        self.tabs.setTabEnabled(2, True)
        self.tabs.setTabEnabled(3, True)
        self.evidence.load(fw, summary["signed_off"])
        self.ratings = ratings
        self.ratings_page.set_signed_off(summary["signed_off"])
        self.ratings_page.set_ratings(fw, ratings, charts)
        self.inspection_loaded.emit(inspection_id)
        self.ratings_loaded.emit(inspection_id)
        if detail is not None and detail["case_id"] == self.case_id:
            self.moderation.load(detail)
            self.read_loaded.emit(detail["case_id"])

    def _use_framework(self, fw) -> None:
        """Build the moderation view for this framework (once per framework version)."""
        if self.fw is not None and (self.fw.id, self.fw.version) == (fw.id, fw.version) and self.moderation is not None:
            return
        from .moderation import ModerationPage

        self.fw = fw
        page = ModerationPage(fw, self.tabs)
        page.set_language(self.lang)
        page.moderate_requested.connect(self.central_actions.moderate)
        page.outcome_requested.connect(self.central_actions.record_outcome)
        page.resolve_requested.connect(self.decisions.resolve_conflict)
        page.back_requested.connect(lambda: self.show_tab(0))
        current = self.tabs.currentIndex()
        old = self.tabs.widget(1)
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, page, _tr("Case read"))
        self.tabs.setCurrentIndex(current)
        if old is not None and old is not self.read_placeholder:
            old.deleteLater()
        self.moderation = page
        self.tabs.setTabEnabled(1, False)

    def _show_read(self, detail: dict) -> None:
        """Show a loaded case read's detail in the moderation view."""
        if self.moderation is None:
            return
        self.moderation.load(detail)
        self.tabs.setTabEnabled(1, True)
        self.tabs.setCurrentIndex(1)
        self.moderation.first_question()
        self.read_loaded.emit(detail["case_id"])

    def _set_moderators(self, leads: list[dict], mine: str | None) -> None:
        """The inspection's leads in the Moderator box: the one whose key is in use, else
        the one chosen last, else the first."""
        wanted = mine or self.moderator.currentData() or self.prefs.value("moderator", None)
        self.moderator.clear()
        for lead in leads:
            self.moderator.addItem(f"{lead['name']} ({lead['id']})", lead["id"])
        index = self.moderator.findData(wanted)
        self.moderator.setCurrentIndex(index if index >= 0 else 0 if leads else -1)

    def moderator_id(self) -> str | None:
        """The lead chosen in the toolbar, or None (the inspection has no lead on its team):
        then the window says so."""
        who = self.moderator.currentData()
        if not who:
            text = _tr("This inspection has no lead inspector on its team: set its team up first.")
            self.statusBar().showMessage(text, 10000)
            self.action_failed.emit(text)
            self.moderator.setFocus()
            return None
        self.prefs.remember("moderator", who)
        return who

    def _show_shortcuts(self) -> None:
        """F1: the keys of central mode, and where the lead guide is."""
        keys = [(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for a in (self.act_import, self.act_report, self.act_refresh, self.act_inspections,
                          self.act_dashboard, self.act_read, self.act_ratings, self.act_evidence, self.act_quit)]
        keys.append((_tr("Choose the moderator's judgement"), _tr("Y, N, A or 1–9")))
        keys.append((_tr("Next or previous control"), _tr("Tab, Shift+Tab")))
        text = "\n".join(f"{k:<22} {name}" for name, k in keys)
        notice(self, _tr("Keyboard shortcuts"), text + "\n\n" + _tr(
            "The lead guide (docs/lead-guide.md, installed with the application) explains importing, "
            "quality assurance, moderation, consistency, ratings and sign-off."), "central_help",
            QMessageBox.Icon.Information)

    def _failed(self, error: BaseException) -> None:
        text = error_text(error)
        self.dashboard.show_error(text)
        self.statusBar().showMessage(text, 10000)
        self.action_failed.emit(text)

    # -- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ops.wait()
        QCoreApplication.processEvents()
        self.prefs.remember("geometry", self.saveGeometry())
        if self.settings is not None:
            self.settings.sync()
        if self.store is not None:
            store = self.store
            self.ops.run(store.engine.dispose)  # release the database file (Windows locks open files)
            self.ops.wait()
        self.ops.shutdown()
        super().closeEvent(event)
