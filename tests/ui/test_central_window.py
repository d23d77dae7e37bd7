"""The lead inspector's central mode, driven through real widgets over a real central
store made the way the issue describes (demo → export → import)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from hmip_desktop.cli import main as cli
from hmip_desktop.core.central import moderation, schema
from hmip_desktop.core.central.answers import answers_by_case, effective_rows, framework_for
from hmip_desktop.core.central.ratings import rate
from hmip_desktop.core.central.store import CentralStore

PASS = "pw"


def _build(folder: Path, imported: bool) -> Path:
    """demo field store + central store + inspector key + one bundle (imported or not)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HMIP_KEY_PASSPHRASE", PASS)
        assert cli(["demo", str(folder / "f.sqlite"), "--central", str(folder / "c.sqlite"), "--keys", str(folder / "k")]) == 0
        assert cli(["export", str(folder / "f.sqlite"), "--inspection", "demo", "--key", str(folder / "k"),
                    "--out", str(folder / "b.bundle")]) == 0
        if imported:
            assert cli(["central", "import", str(folder / "c.sqlite"), str(folder / "b.bundle")]) == 0
    return folder


@pytest.fixture(scope="session")
def fresh_template(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("central_fresh"), imported=False)


@pytest.fixture(scope="session")
def imported_template(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("central_imported"), imported=True)


@pytest.fixture(scope="session")
def conflict_template(tmp_path_factory):
    """Two copies of one laptop store edit the same case read after the first export and
    both send it: the second bundle imported is a conflict."""
    from hmip_desktop.core.field.export import export_bundle
    from hmip_desktop.core.exchange.keys import load_key
    from hmip_desktop.core.field.store import FieldStore

    folder = _build(tmp_path_factory.mktemp("central_conflict"), imported=True)
    shutil.copy(folder / "f.sqlite", folder / "f2.sqlite")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HMIP_KEY_PASSPHRASE", PASS)
        key = load_key(folder / "k")
        for name, value, out in (("f.sqlite", "yes", "b2.bundle"), ("f2.sqlite", "no", "b3.bundle")):
            store = FieldStore.open(folder / name)
            try:
                row = next(r for r in store.case_reads("demo") if r["status"] == "in_progress" and r["reader_id"] == "insp1")
                store.set(row["id"], "answer:assess_engage", value)
                store.set(row["id"], "note:assess_engage", f"Second look: {value}")
                export_bundle(store.db, "demo", key, folder / out)
            finally:
                store.close()
        assert cli(["central", "import", str(folder / "c.sqlite"), str(folder / "b2.bundle"),
                    str(folder / "b3.bundle")]) == 0
    (folder / "case").write_text(row["case_id"])
    return folder


def _copy(template: Path, tmp_path: Path) -> Path:
    """The central store, its keys and the bundles (not the laptop stores) into tmp_path."""
    target = tmp_path / "w"
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("f.sqlite*", "f2.sqlite*", "k"))
    return target


class Central:
    """Drives a CentralWindow and waits for its worker like a user would see it."""

    def __init__(self, qtbot, window, folder: Path):
        self.qtbot, self.window, self.folder = qtbot, window, folder

    def settle(self) -> None:
        for _ in range(3):  # a callback may queue the next operation (write → reload)
            self.window.ops.wait()
            self.qtbot.waitUntil(lambda: self.window.ops.pending == 0, timeout=10000)

    def store(self) -> CentralStore:
        return CentralStore.open(self.folder / "c.sqlite")

    def rows(self):
        return self.window.dashboard.model.rows()

    def counts(self):
        return self.window.dashboard.summary["counts"]

    def open(self, case_id: str):
        assert self.window.dashboard.select_case(case_id)
        table = self.window.dashboard.table
        table.setFocus()
        with self.qtbot.waitSignal(self.window.read_loaded, timeout=10000):
            self.qtbot.keyClick(table, Qt.Key.Key_Return)
        self.settle()
        return self.window.moderation


@pytest.fixture
def central(qtbot, styled_app, tmp_path, monkeypatch):
    from hmip_desktop.ui.views.central.window import CentralWindow

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", PASS)
    made = []

    def _open(template: Path) -> Central:
        folder = _copy(template, tmp_path)
        conf = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = CentralWindow(folder / "c.sqlite", None, conf)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.store_loaded, timeout=10000):
            window.load()
        harness = Central(qtbot, window, folder)
        harness.settle()
        made.append(window)
        return harness

    yield _open
    for window in made:
        if window.isVisible():
            window.close()


def _a_read_with(ui: Central, value: str, status: str = "complete") -> tuple[str, str]:
    """A case read whose first key question of the first standard is ``value``."""
    store = ui.store()
    fw = framework_for(store, "demo")
    kq = next(iter(fw.key_questions())).id
    statuses = {r["case_id"]: r["status"] for r in ui.rows()}
    case = next(r["case_id"] for r in effective_rows(store, "demo")
                if r["question_id"] == kq and r["value"] == value and statuses[r["case_id"]] == status)
    return case, kq


def _ratings_json(ui: Central) -> dict:
    store = ui.store()
    fw = framework_for(store, "demo")
    return rate(fw, "demo", answers_by_case(effective_rows(store, "demo")), moderation.overrides_for(store, "demo")).as_json()


def _shown_figures(window) -> list[list[dict]]:
    page = window.ratings_page
    return [[r["json"] for r in block.model.rows()] for block in page.blocks if not block.isHidden()]


# -- import and dashboard ------------------------------------------------------------------------


@pytest.fixture
def fresh(central, fresh_template):
    return central(fresh_template)


@pytest.fixture
def imported(central, imported_template):
    return central(imported_template)


def test_import_bundles_with_progress_and_per_file_results(fresh, qtbot):
    w = fresh.window
    # The demo set its inspection up at the central store: listed, with no reads yet.
    assert w.inspection_list.count() == 1 and w.inspection_id == "demo"
    assert fresh.counts()["reads"] == 0
    bogus = fresh.folder / "not-a.bundle"
    bogus.write_bytes(b"hello")
    with qtbot.waitSignal(w.imported, timeout=20000) as got:
        dialog = w.central_actions.import_files([fresh.folder / "b.bundle", bogus])
        assert dialog.objectName() == "progress_dialog"
    fresh.settle()
    results = got.args[0]
    assert [r["ok"] for r in results] == [True, False]
    assert results[0]["outcomes"] == {"head": 48}
    assert (fresh.folder / "b.bundle.receipt").exists(), "the receipt is written beside the bundle, as the CLI does"
    shown = [w.dashboard.results.item(i).text() for i in range(w.dashboard.results.count())]
    assert shown[0] == "b.bundle: imported into inspection demo: 48 now current"
    assert shown[1].startswith("not-a.bundle: refused: ")
    assert w.dashboard.results.isVisible()
    assert w.inspection_list.count() == 1 and w.inspection_id == "demo"
    assert fresh.counts()["reads"] == 48

    # Importing the same bundle again changes nothing and says so.
    with qtbot.waitSignal(w.imported, timeout=20000) as again:
        w.central_actions.import_files([fresh.folder / "b.bundle"])
    fresh.settle()
    assert again.args[0][0]["newly_imported"] is False
    assert "already imported" in w.dashboard.results.item(0).text()
    assert fresh.counts()["reads"] == 48


def test_dashboard_counts(imported):
    w = imported.window
    store = imported.store()
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(select(schema.revisions.c.status, func.count()).group_by(schema.revisions.c.status)).all())
    counts = imported.counts()
    assert counts == {"reads": 48, "complete": statuses["complete"], "qa_selected": 0, "qa_moderated": 0,
                      "conflicts": 0, "rereviews": 0, "bundles": 1}
    assert w.dashboard.count_values["reads"].text() == "48"
    assert w.dashboard.count_values["complete"].text() == str(statuses["complete"])
    tile = w.dashboard.count_values["reads"].parentWidget()
    assert tile.accessibleName() == "Case reads arrived: 48"
    assert "1 bundle(s) from Demo inspector (1)" in w.dashboard.arrivals.text()
    readers = {r["reader_id"]: r for r in w.dashboard.readers_model.rows()}
    assert set(readers) == {"insp1"}, "the demo laptop is one inspector's"
    assert sum(r["reads"] for r in readers.values()) == 48
    assert w.dashboard.table.model().rowCount() == 48
    assert w.dashboard.state_label.text() == "Open for moderation"


def test_qa_sample_and_adding_a_read(imported, qtbot):
    w = imported.window
    page = w.dashboard
    page.seed.setValue(7)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    imported.settle()
    store = imported.store()
    with store.engine.connect() as conn:
        sampled = {r.case_id for r in conn.execute(select(schema.qa_selection))}
    assert sampled and imported.counts()["qa_selected"] == len(sampled)
    assert sampled == set(moderation.qa_sample(imported.store(), "demo", seed=7)), "the same seed, the same reads"
    page.filter.setCurrentIndex(page.filter.findData("qa"))
    assert page.table.model().rowCount() == len(sampled)

    page.filter.setCurrentIndex(page.filter.findData("all"))
    extra = next(r["case_id"] for r in imported.rows() if r["qa"] is None)
    assert page.select_case(extra)
    assert page.add_button.isEnabled()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    imported.settle()
    row = next(r for r in imported.rows() if r["case_id"] == extra)
    assert row["qa"] == "added"
    assert imported.counts()["qa_selected"] == len(sampled) + 1
    assert page.selected_case() == extra, "the selection is kept across the refresh"
    assert not page.add_button.isEnabled()


# -- moderation ----------------------------------------------------------------------------------


def test_moderation_round_trip(imported, qtbot):
    w = imported.window
    case, kq = _a_read_with(imported, "yes")
    before = _ratings_json(imported)
    assert _shown_figures(w) == [s["key_questions"] for s in before["standards"]]
    page = imported.open(case)
    assert w.tabs.currentIndex() == 1 and page.detail["case_id"] == case
    card = page.cards[kq]
    assert card.reader_value.text() == "Yes" and card.radios["yes"].isChecked()

    # A change without a rationale: an inline message, nothing recorded.
    card.radios["no"].click()
    qtbot.mouseClick(card.change_button, Qt.MouseButton.LeftButton)
    imported.settle()
    assert card.message.isVisible() and "rationale" in card.message.text()
    assert card.rationale.hasFocus()
    with imported.store().engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.moderations)).scalar() == 0
    assert _ratings_json(imported) == before

    # With a rationale: the effective answer and the ratings dashboard change.
    qtbot.keyClicks(card.rationale, "Engagement not evidenced in the record")
    with qtbot.waitSignal(w.ratings_loaded, timeout=10000):
        qtbot.mouseClick(card.change_button, Qt.MouseButton.LeftButton)
    imported.settle()
    rows = {(r["case_id"], r["question_id"]): r for r in effective_rows(imported.store(), "demo")}
    assert rows[(case, kq)]["value"] == "no" and rows[(case, kq)]["moderated"]
    after = _ratings_json(imported)
    first = next(i for i, s in enumerate(after["standards"]) if s["kind"] == "case")  # after domain one
    fig_before = before["standards"][first]["key_questions"][0]
    fig_after = after["standards"][first]["key_questions"][0]
    assert fig_after["sufficient"] == fig_before["sufficient"] - 1
    assert _shown_figures(w) == [s["key_questions"] for s in after["standards"]]
    card = page.cards[kq]
    assert not card.message.isVisible()
    assert card.record.text().startswith("Changed to No by lead") and "Engagement not evidenced" in card.record.text()
    row = next(r for r in imported.rows() if r["case_id"] == case)
    assert row["moderated"] == 1

    # Agreeing needs no rationale; the read's outcome needs comments to return it.
    other = next(k for k, c in page.cards.items() if not c.isHidden() and k != kq and c.original)
    qtbot.mouseClick(page.cards[other].agree_button, Qt.MouseButton.LeftButton)
    imported.settle()
    assert page.cards[other].record.text().startswith("Agreed by lead")
    qtbot.mouseClick(page.outcome_buttons["returned"], Qt.MouseButton.LeftButton)
    imported.settle()
    assert page.outcome_message.isVisible() and "comments" in page.outcome_message.text()
    qtbot.keyClicks(page.comments, "Please add the evidence of engagement")
    qtbot.mouseClick(page.outcome_buttons["returned"], Qt.MouseButton.LeftButton)
    imported.settle()
    with imported.store().engine.connect() as conn:
        outcome = conn.execute(select(schema.read_outcomes)).one()
        moderated = conn.execute(select(schema.moderations.c.outcome, schema.moderations.c.moderator)).all()
    assert (outcome.outcome, outcome.comments, outcome.moderator) == ("returned", "Please add the evidence of engagement", "lead1")
    assert sorted(moderated) == [("agreed", "lead1"), ("changed", "lead1")]
    assert page.outcome_label.text().startswith("Returned to the reader by lead")


def test_the_moderator_is_a_lead_of_the_team_and_recorded(imported, qtbot):
    """Issue 15: the Moderator box offers the inspection's leads (the demo's is lead1), not
    free text defaulting to "lead"; without a lead on the team nothing is recorded."""
    w = imported.window
    case, kq = _a_read_with(imported, "yes")
    page = imported.open(case)
    assert [w.moderator.itemData(i) for i in range(w.moderator.count())] == ["lead1"]
    assert w.moderator.currentData() == "lead1" and "lead1" in w.moderator.currentText()
    qtbot.mouseClick(page.cards[kq].agree_button, Qt.MouseButton.LeftButton)
    imported.settle()
    with imported.store().engine.connect() as conn:
        assert conn.execute(select(schema.moderations.c.moderator)).scalar() == "lead1"
    w.moderator.clear()
    with qtbot.waitSignal(w.action_failed, timeout=5000) as failed:
        qtbot.mouseClick(page.cards[kq].agree_button, Qt.MouseButton.LeftButton)
    assert "no lead inspector on its team" in failed.args[0]


def test_y_n_a_choose_the_moderators_judgement_and_f1_shows_the_help(imported, qtbot):
    w = imported.window
    case, kq = _a_read_with(imported, "yes")
    page = imported.open(case)
    card = page.cards[kq]
    card.radios["yes"].setFocus()
    qtbot.keyClick(card.radios["yes"], Qt.Key.Key_N)
    assert card.radios["no"].isChecked() and card.radios["no"].hasFocus()
    qtbot.keyClick(card.radios["no"], Qt.Key.Key_A)
    assert card.radios["na"].isChecked()
    qtbot.keyClick(card.radios["na"], Qt.Key.Key_Y)
    assert card.radios["yes"].isChecked()
    assert "Help" in [m.title().replace("&", "") for m in (w.menu_help,)]
    qtbot.keyClick(w, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: w.findChild(QMessageBox, "central_help") is not None, timeout=5000)
    text = w.findChild(QMessageBox, "central_help").text()
    assert "Y, N, A" in text and "lead-guide.md" in text and "Ctrl+I" in text


def test_a_signed_off_inspection_refuses_changes(imported, qtbot, tmp_path):
    from hmip_desktop.core.exchange.keys import new_key

    w = imported.window
    case, kq = _a_read_with(imported, "yes")
    page = imported.open(case)
    store = imported.store()
    lead = new_key(tmp_path / "lead", "Lead")
    store.enrol("Lead", "lead", (tmp_path / "lead" / "public.key").read_text())
    moderation.sign_off(store, "demo", lead, _ratings_json(imported))

    card = page.cards[kq]
    card.radios["no"].click()
    qtbot.keyClicks(card.rationale, "Engagement not evidenced")
    with qtbot.waitSignal(w.action_failed, timeout=10000) as failed:
        qtbot.mouseClick(card.change_button, Qt.MouseButton.LeftButton)
    imported.settle()
    assert "signed off" in failed.args[0]
    assert card.message.isVisible() and "signed off" in card.message.text()
    assert page.error_banner.isVisible() and page.error_banner.text().startswith("Not changed: ")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.moderations)).scalar() == 0

    # Once reloaded, the view says so up front and offers no changes.
    w.refresh()
    imported.settle()
    assert "signed off" in page.notice.text() and page.notice.isVisible()
    assert not card.change_button.isEnabled() and not page.outcome_buttons["agreed"].isEnabled()
    assert w.dashboard.state_label.text() == "Signed off"


# -- ratings ---------------------------------------------------------------------------------------


def test_ratings_dashboard_equals_the_cli(imported, capsys):
    w = imported.window
    assert cli(["central", "ratings", str(imported.folder / "c.sqlite"), "--inspection", "demo", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == _ratings_json(imported) == w.ratings.as_json()
    assert _shown_figures(w) == [s["key_questions"] for s in printed["standards"]]
    page = w.ratings_page
    fw = framework_for(imported.store(), "demo")
    for block, standard in zip(page.blocks, printed["standards"]):
        first = standard["key_questions"][0]
        if standard["kind"] == "evidence":  # domain one: team judgements, no band decided in the demo
            assert block.model.index(0, 1).data() == "On evidence" and "no rating" in block.heading.text()
            assert standard["number"] in block.heading.text()
            continue
        assert block.model.index(0, 2).data() == f"{first['percent']:.2f}%"
        assert block.model.index(0, 3).data() == f"{first['ci_low']:.2f}–{first['ci_high']:.2f}"
        band = next(b for b in fw.rating.bands if b.id == standard["rating"])
        assert band.label.en in block.heading.text() and f"(score {standard['score']})" in block.heading.text()
    overall = next(b for b in fw.rating.overall.bands if b.id == printed["overall"]["rating"])
    assert page.overall.text() == f"Overall: {overall.label.en} (score {printed['overall']['score']})"
    if page.charts_shown:  # the reports' chart module is installed: one chart per case-based standard
        assert all(block.chart.pixmap() is not None and not block.chart.pixmap().isNull()
                   for block, standard in zip(page.blocks, printed["standards"]) if standard["kind"] == "case")


# -- conflicts, language ---------------------------------------------------------------------------


def test_conflicting_versions_side_by_side(central, conflict_template):
    ui = central(conflict_template)
    w = ui.window
    case = (ui.folder / "case").read_text()
    assert ui.counts()["conflicts"] == 1
    assert w.dashboard.count_values["conflicts"].parentWidget().property("flagged") is True
    w.dashboard.filter.setCurrentIndex(w.dashboard.filter.findData("conflict"))
    assert w.dashboard.table.model().rowCount() == 1
    page = ui.open(case)
    assert page.tabs.isTabEnabled(1) and "conflict" in page.notice.text()
    rows = page.conflict_view.model.rows()
    engage = next(r for r in rows if r["item"].startswith("Does assessment focus sufficiently on engaging"))
    assert engage["differs"]
    assert engage["current"].startswith("Yes — Second look: yes")
    assert engage["other"].startswith("No — Second look: no")
    assert [r for r in rows if r["differs"]] == [engage], "only what the two laptops changed differs"
    assert any(r["item"].startswith("↳ ") for r in rows), "prompts are shown under their key question"


def test_welsh_interface_and_framework_text(imported, qtbot):
    from PySide6.QtCore import QCoreApplication

    w = imported.window
    case, kq = _a_read_with(imported, "yes")
    page = imported.open(case)
    fw = framework_for(imported.store(), "demo")
    w.lang_actions["cy"].trigger()
    imported.settle()
    try:
        assert fw.question(kq).text.cy in page.cards[kq].title.text()
        assert page.cards[kq].radios["yes"].text() == "Ydy"
        assert w.tabs.tabText(0) == QCoreApplication.translate("CentralWindow", "Dashboard") != "Dashboard"
        assert w.ratings_page.blocks[0].model.headerData(0, Qt.Orientation.Horizontal) != "Key question"
    finally:
        w.lang_actions["en"].trigger()
        imported.settle()
    assert w.tabs.tabText(0) == "Dashboard"


def test_the_app_opens_central_mode_with_central_and_keys():
    from hmip_desktop.ui.app import parse_args

    args = parse_args(["--central", "c.sqlite", "--keys", "k"])
    assert (args.central, args.keys) == ("c.sqlite", "k")


def test_every_control_has_an_accessible_name(imported):
    """Keyboard and screen-reader users: every focusable control is named (buttons by
    their text, others by an accessible name)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QTabBar, QTabWidget, QWidget

    w = imported.window
    case, _ = _a_read_with(imported, "yes")
    imported.open(case)
    unnamed = []
    for page in (w.dashboard, w.moderation, w.ratings_page):
        for widget in [page, *page.findChildren(QWidget)]:
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(page):
                continue
            if isinstance(widget, (QTabBar, QTabWidget, QScrollArea, QLabel)) or widget.objectName() == "qt_spinbox_lineedit":
                continue
            named = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
            if not named:
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not unnamed
    assert w.moderator.accessibleName() and w.inspection_list.accessibleName()


def test_a_missing_store_is_reported_not_fatal(qtbot, styled_app, tmp_path):
    from hmip_desktop.ui.views.central.window import CentralWindow

    window = CentralWindow(tmp_path / "nothing.sqlite", None, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.action_failed, timeout=10000) as failed:
        window.load()
    assert "no such central store" in failed.args[0]
    box = window.findChild(QMessageBox, "central_error")
    assert box is not None and box.isVisible() and not box.isModal()
    window.close()


def test_central_refusals_are_shown_in_welsh(fresh, qtbot, styled_app, tmp_path):
    """The central store's own refusals follow the window's language: a bundle refused
    because the store's keys folder is missing, and a store that does not exist."""
    from hmip_desktop.ui.views.central.window import CentralWindow

    w = fresh.window
    (fresh.folder / "c.sqlite.keys").rename(fresh.folder / "keys-elsewhere")
    w.set_language("cy")
    try:
        with qtbot.waitSignal(w.imported, timeout=20000) as got:
            w.central_actions.import_files([fresh.folder / "b.bundle"])
        fresh.settle()
        error = got.args[0][0]["error"]
        assert error == (f"{fresh.folder / 'c.sqlite.keys'}: mae ffolder allweddi'r storfa ganolog ar goll; rhowch "
                         "--keys DIR os yw mewn man arall, neu adferwch y ffolder o gopi wrth gefn (ni fewnforiwyd dim)")
        shown = w.dashboard.results.item(0).text()
        assert shown.startswith("b.bundle: ") and shown.endswith(error) and "refused" not in shown

        missing = CentralWindow(tmp_path / "nothing.sqlite", None,
                                QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(missing)
        missing.set_language("cy")
        with qtbot.waitSignal(missing.action_failed, timeout=10000) as failed:
            missing.load()
        assert failed.args[0] == (f"{tmp_path / 'nothing.sqlite'}: nid oes storfa ganolog o'r fath "
                                  f"(crëwch hi gyda: hmip central init {tmp_path / 'nothing.sqlite'})")
        box = missing.findChild(QMessageBox, "central_error")
        assert box is not None and failed.args[0] in box.text()
        missing.close()
    finally:
        w.set_language("en")


def test_report_from_the_window_with_progress(imported, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    out = tmp_path / "report.pdf"
    w = imported.window
    with qtbot.waitSignal(w.report_written, timeout=60000) as blocker:
        w.central_actions.start_report(out)
    assert blocker.args == [str(out)]
    assert out.read_bytes()[:5] == b"%PDF-"
    assert opened == [str(out)], "the report opens in the system viewer"
    assert "Report written" in w.statusBar().currentMessage()
    # the accessible version the PDF's cover names is written beside it
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # a name the report cannot be written as is refused in the window's language
    w.set_language("cy")
    try:
        with qtbot.waitSignal(w.action_failed, timeout=20000) as failed:
            w.central_actions.start_report(tmp_path / "report.txt", open_when_done=False)
        assert failed.args[0] == (f"{tmp_path / 'report.txt'}: caiff yr adroddiad ei ysgrifennu fel .pdf neu .html "
                                  "(dewiswch yn ôl estyniad y ffeil)")
    finally:
        w.set_language("en")
    assert not (tmp_path / "report.txt").exists()
